"""Derive the project's verb tables from PETRARCH2's CAMEO verb dictionary (MIT).

Reads ../shared/lexicons/petrarch2/CAMEO.2.0.txt and writes, with the licence and
attribution in each file's header:

  newsevents/data/petrarch_verbs.csv     verb (lemma, or "lemma particle"), block, cameo
  newsevents/data/petrarch_patterns.csv  block, prep, object (head lemma), cameo
  newsevents/data/verb_forms.csv         form, verb: the irregular forms a verb line lists
  newsevents/data/agents.csv             term, sector, rank (from Phoenix.agents.txt)
  newsevents/data/phoenix_groups.csv     named groups   } from the Phoenix actor dictionaries:
  newsevents/data/phoenix_people.csv     dated roles    } see tools/derive_phoenix.py

A verb's code is its own, else its block's ("---": the verb alone reports no event). A
pattern is kept when it constrains only what follows the verb: one object noun or phrase
(its head is kept) or one prepositional phrase; synonym sets (&FOOD) are expanded. Codes
that have no PLOVER type in cameo.csv (CAMEO 01, statements) are dropped.

Example: python tools/derive_petrarch.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from newsevents.events.lexicon import inflections  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "lexicons" / "petrarch2" / "CAMEO.2.0.txt"
AGENTS = SRC.with_name("Phoenix.agents.txt")
# Phoenix agent codes the project's sector list holds, and the religions, which it codes REL.
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "IGO", "NGO", "MED", "BUS",
           "EDU", "CVL", "LAB", "REL", "SPY", "HLH", "ELI", "REF", "CRM"}
RELIGIONS = {"CHR", "MUS", "JEW", "BUD", "HIN"}
DATA = ROOT / "newsevents" / "data"
HEADER = """\
# Derived by tools/derive_petrarch.py from PETRARCH2's CAMEO verb dictionary CAMEO.2.0.txt
# (openeventdata/petrarch2, petrarch2/data/dictionaries). Copyright (c) 2014-2019 Open Event
# Data Alliance, Philip A. Schrodt and contributors; MIT licence: permission is hereby granted,
# free of charge, to deal in the data without restriction, provided this notice is kept.
# THE DATA IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
"""
_CODE = re.compile(r"\[([0-9]{2,4}|---)[^\]]*\]")


def _cameo_codes() -> set[str]:
    codes = set()
    with (DATA / "cameo.csv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("code,"):
                continue
            codes.add(line.split(",", 1)[0].strip())
    return codes


def _phrase(text: str) -> str:
    return text.replace("+", "").replace("_", " ").strip().lower()


def main() -> int:
    if not SRC.exists():
        print(f"skipped: {SRC} is absent", file=sys.stderr)
        return 0
    known = _cameo_codes()
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, tuple[str, str]] = {}
    patterns: set[tuple[str, str, str, str]] = set()
    forms: dict[str, str] = {}
    block = block_code = ""
    current: str | None = None
    for raw in SRC.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            current = line.strip().rstrip("_")
            synsets[current] = []
            continue
        if line.startswith("+") and current is not None and not block:
            synsets[current].append(_phrase(line))
            continue
        if line.startswith("---"):
            m = _CODE.search(line)
            block_code = m.group(1) if m else "---"
            block = ""
            current = None
            continue
        if line.startswith("~"):
            continue
        if line.startswith("-"):
            if not block:
                continue
            m = _CODE.search(line)
            if not m or m.group(1) == "---" or m.group(1) not in known:
                continue
            body = line[1:m.start()].strip()
            if "*" not in body or body.split("*")[0].strip() or "$" in body or "%" in body:
                continue  # constrains the subject, or marks actors: not a plain object
            after = body.split("*", 1)[1].strip()
            prep = ""
            pm = re.fullmatch(r"\(([A-Z]+)\s+(.+)\)", after)
            if pm:
                prep, after = pm.group(1).lower(), pm.group(2).strip()
            elif after.startswith("("):
                pm = re.fullmatch(r"\(([A-Z]+)\)", after)
                if not pm:
                    continue
                prep, after = pm.group(1).lower(), ""
            if after.startswith("{") and after.endswith("}"):
                after = after[1:-1].split()[-1]
            if " " in after or "(" in after or "{" in after:
                continue
            heads = synsets.get(after.rstrip("_"), None) if after.startswith("&") else [after]
            for head in heads or []:
                words = _phrase(head).split()
                word = words[-1] if words else ""
                patterns.add((block, prep, word, m.group(1)))
            continue
        # A verb line: "ASK [020]", "+ASK_FOR {...} [020]", "WIRE_+TAP".
        first = line.split("{")[0].split("[")[0].strip()
        if not first or " " in first:
            continue
        lemma = _phrase(first)
        listed = re.search(r"\{([^}]*)\}", line)
        if listed and " " not in lemma:
            for form in listed.group(1).split():
                word = _phrase(form)
                if word.isalpha() and word not in inflections(lemma):
                    forms.setdefault(word, lemma)
        m = _CODE.search(line)
        code = m.group(1) if m else block_code
        if not block:
            block = lemma
        if code != "---" and code not in known:
            continue
        verbs.setdefault(lemma, (block, code))
    with (DATA / "petrarch_verbs.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        f.write("# verb: a lemma, or a lemma and its particle; block: the synonym block it is in;\n"
                "# cameo: the code the verb alone carries (--- none).\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["verb", "block", "cameo"])
        for lemma, (blk, code) in sorted(verbs.items()):
            w.writerow([lemma, blk, code])
    with (DATA / "petrarch_patterns.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        f.write("# A verb of the block with this object (head lemma) or prepositional phrase\n"
                "# carries this code.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["block", "prep", "object", "cameo"])
        for row in sorted(patterns):
            w.writerow(row)
    # A form that is a verb of its own ("found") is left to the tagger, and so are the
    # dictionary's slips: LAY lists "lie", PIN "pent".
    forms = {word: lemma for word, lemma in forms.items()
             if word not in verbs and word not in ("lie", "pent")}
    with (DATA / "verb_forms.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        f.write("# The irregular forms (past tense, participle) the dictionary lists with a verb:\n"
                "# the tagger leaves some as they are when it takes them for a present tense.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["form", "verb"])
        for word, lemma in sorted(forms.items()):
            w.writerow([word, lemma])
    print(f"{len(verbs)} verbs, {len(patterns)} patterns, {len(forms)} irregular forms, "
          f"{derive_agents()} agent terms")
    groups, people = derive_actors()
    print(f"{groups} Phoenix groups, {people} Phoenix person roles")
    return 0


def _table(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if line.strip() and not line.startswith("#")))


def _english_words() -> set[str]:
    """One-word English vocabulary: WordNet's index as spaCy's English lemmatizer ships it."""
    import spacy

    from newsevents.settings import DEFAULT_MODEL

    lookups = spacy.load(DEFAULT_MODEL).get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    index = lookups.get_table("lemma_index")
    return {w.lower() for pos in index.keys() for w in index[pos] if "_" not in w}


def derive_actors() -> tuple[int, int]:
    from derive_phoenix import Filters, derive  # tools/ is the script's own directory

    countries = _table("countries.csv")
    reserved: set[str] = set()
    for row in countries:
        for col in ("name", "aliases", "adjectives", "capital", "metonyms"):
            reserved.update(v.strip().lower().replace(".", "") for v in row.get(col, "").split("|")
                            if v.strip())
    for name in ("sectors.csv", "agents.csv"):
        reserved.update(r["term"] for r in _table(name))
    reserved.update(r["word"] for r in _table("stopwords.csv"))
    places = {v.strip().lower().replace(".", ""): row["code"] for row in countries
              for col in ("name", "aliases", "adjectives") for v in row.get(col, "").split("|")
              if v.strip()}
    filters = Filters(english=_english_words(), reserved=reserved, places=places)
    legacy = {r["legacy"]: r["code"] for r in _table("legacy_codes.csv")}
    return derive(SRC.parent, DATA, HEADER, {r["code"] for r in countries}, SECTORS, RELIGIONS,
                  filters, legacy)


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def derive_agents() -> int:
    """Generic agent nouns ("police", "insurgents") with the sector their code starts with;
    a multi-part code keeps its first part (GOVMED: a government's media is GOV). Regular
    plurals are generated, as PETRARCH does."""
    subst: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for raw in AGENTS.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if m:
            subst[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        code = m.group(3)
        sector = "REL" if code[:3] in RELIGIONS else code[:3]
        if sector not in SECTORS:
            continue
        phrase = m.group(1).strip()
        variants = [phrase]
        for key, words in subst.items():
            if f"!{key}!" in phrase:
                variants = [phrase.replace(f"!{key}!", "_" + w) for w in words]
        for v in variants:
            stopped = v.endswith("_")
            term = v.strip("_").replace("_", " ").lower().strip()
            if not term or "!" in term:
                continue
            rows.setdefault(term, sector)
            if not stopped and " " not in term[-1:]:
                rows.setdefault(_plural(term), sector)
    with (DATA / "agents.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER.replace("CAMEO verb dictionary CAMEO.2.0.txt", "agents dictionary "
                               "Phoenix.agents.txt"))
        f.write("# Generic agent nouns and the sector they name; sectors.csv, the project's own\n"
                "# table, wins where both list a term. rank 3: below the titles of sectors.csv.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["term", "sector", "rank"])
        for term, sector in sorted(rows.items()):
            w.writerow([term, sector, 3])
    return len(rows)


if __name__ == "__main__":
    sys.exit(main())
