"""Score actor coding on the PLOVER gold records: accuracy of country and of country+sector.

Each gold record is one sentence with its coded source and target actors
(``{"actorText": "Libya", "code": "LBY"}``). The sentence is coded as a one-sentence
document; the gold actor is matched to the mention of ours that covers its words, and
the codes are compared: the country (the three-letter prefix, older CAMEO country codes
mapped to ISO as the event evaluation maps them, IMG as a country, or none for IGO-like
codes) and the whole code. Coverage says how many gold actors we recognised at all.

    python bench/actors_eval.py [GOLD_FILE]

Skips (exit 0) when the gold file is absent.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from newsevents.actors import find_actors, load_kb
from newsevents.models import Document, Mention
from newsevents.nlp import parse_documents
from newsevents.settings import Settings

GOLD = (Path(__file__).resolve().parents[2] / "shared" / "gold" / "plover-gsr"
        / "PLOVER_GSR_CAMEO.txt")


def legacy_codes() -> dict[str, str]:
    """Older CAMEO country codes the gold uses (JAP, ITL, ...) and their ISO codes, as the
    event evaluation maps them (newsevents/data/legacy_codes.csv)."""
    from newsevents.datafiles import iter_rows, package_path

    return {row["legacy"]: row["code"]
            for _, row in iter_rows(package_path("legacy_codes.csv"), ("legacy", "code"))}


def split_code(code: str, countries: set[str],
               legacy: dict[str, str] | None = None) -> tuple[str | None, str | None]:
    code = code.strip().upper()
    head = (legacy or {}).get(code[:3], code[:3])
    # IMG (international militarised groups, "IMGREB" for al-Qaeda) stands where a
    # country does, as the coder codes it.
    if head in countries or head == "IMG":
        return head, code[3:6] or None
    return None, code[:3] or None


def best_mention(text: str, sentence: str, mentions: list[Mention]) -> Mention | None:
    at = sentence.lower().find(text.lower())
    if at < 0:
        return None
    end = at + len(text)
    overlapping = [m for m in mentions if m.start < end and at < m.end]
    return min(overlapping, key=lambda m: abs(m.start - at), default=None)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else GOLD
    if not path.exists():
        print(f"skipped: {path} is absent")
        return 0
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") != "DOCUMENT" and r.get("text")]
    countries = set(load_kb().countries)
    legacy = legacy_codes()
    settings = Settings.load()
    docs = [Document(id=r["id"], text=r["text"], origin=r["id"],
                     date=date.fromisoformat(r.get("date") or "2000-01-01")) for r in records]
    total = found = country_ok = code_ok = 0
    for record, doc in zip(records, parse_documents(docs, settings), strict=True):
        find_actors(doc, settings)
        for actor in [*(record.get("source") or []), *(record.get("target") or [])]:
            if not isinstance(actor, dict):
                continue  # a few records hold a bare string here: not a coded actor
            text, gold = actor.get("actorText") or "", actor.get("code") or ""
            if not text or not gold:
                continue
            total += 1
            mention = best_mention(text, record["text"], doc.mentions)
            if mention is None:
                continue
            found += 1
            gold_country, gold_sector = split_code(gold, countries, legacy)
            country_ok += mention.actor.country == gold_country
            code_ok += (mention.actor.country, mention.actor.sector) == (gold_country,
                                                                         gold_sector)
    if not total:
        print("no gold actors")
        return 0
    print(f"gold actors: {total}  recognised: {found} ({found / total:.1%})")
    print(f"country accuracy:          {country_ok / total:.3f} of all, "
          f"{country_ok / max(found, 1):.3f} of recognised")
    print(f"country+sector accuracy:   {code_ok / total:.3f} of all, "
          f"{code_ok / max(found, 1):.3f} of recognised")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
