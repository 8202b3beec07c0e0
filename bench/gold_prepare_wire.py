"""Cut a round of single wire sentences out of ../shared/gold/event-location for annotation.

The event-location set (MIT) holds 10,182 real news-wire sentences, each around an event verb.
Its place labels are not used here: the project's annotators code the sentences' events from
the guide (docs/annotation.md, section 11), so the event model learns from wire copy as well as
from the news-cluster articles. The items re-labelled as place gold (RELABEL), the Wikipedia
and atrocity-report items are left out: only wire and newspaper sentences are drawn.

Writes gold/wire/sentences.jsonl: one unit a line, {sid, doc_id, start, end}, offsets into the
item's `text` (never the text itself). With --batches DIR it also writes annotation batches
(the sentences, numbered), which stay outside the repository.

Later rounds append to it and skip what is drawn already. Most of these sentences are about
fighting; with --verbal SHARE that share of the draw comes from the sentences that also name
a verbal or diplomatic act (the cue words below), so the other types are learned too.

Example: python bench/gold_prepare_wire.py --count 700 --batches /tmp/annot4 --n-batches 4
Example: python bench/gold_prepare_wire.py --count 700 --verbal 0.5 --batches /tmp/annot5
Example: python bench/gold_prepare_wire.py --count 480 --rare 0.75 --verbal 0.25 \
    --batches /tmp/annot9

Round nine (--count 480 --rare 0.75 --verbal 0.25) drew from the sentences that name a
rare type's cue (RARE), since the training gold held few events of those types.

Round eight (--count 700 --verbal 0.5) was drawn the same way and then set aside as
gold/wire-dev (--held-out does it at once): wire sentences the model never trains on.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

from gold_units import batches, write_units

ROOT = Path(__file__).resolve().parent.parent
ITEMS = ROOT.parent / "shared" / "gold" / "event-location" / "items.jsonl.gz"
OUT = ROOT / "gold" / "wire" / "sentences.jsonl"
HELD_OUT = ROOT / "gold" / "wire-dev" / "sentences.jsonl"  # never drawn again
SEED = 13
# Wire services and newspapers; not the place gold (RELABEL), Wikipedia or atrocity reports.
SOURCES = ("APW_RA", "AFP_RA", "Xinhua_RA", "AP", "Xinhua", "Masdar_RA", "Unknown_Andy")
VERBAL = re.compile(r"\b(said|says|talks|met|meet|meeting|urged|urges|called on|called for|"
                    r"condemn\w*|accus\w*|agree\w*|demand\w*|warn\w*|den(y|ied|ies)|"
                    r"reject\w*|visit\w*|sanction\w*|aid|assistance|sign\w*|negotiat\w*|"
                    r"ceasefire|truce|releas\w*|withdr[ae]w\w*|appeal\w*|prais\w*|"
                    r"welcom\w*|promis\w*|pledg\w*|threat\w*|criticiz\w*|protest\w*)\b",
                    re.IGNORECASE)
# Cue words of the types the training gold holds fewest of (aid, cooperation, concessions,
# retreats, reduced relations, agreements, rejections): with --rare SHARE that share of the
# draw comes from the sentences that name one, so the model sees more of them.
RARE = re.compile(r"\b(aid|assistance|relief|donat\w*|humanitarian|supplies|cooperat\w*|"
                  r"joint(ly)?|together|alliance|accord|pact|treaty|ceasefire|truce|"
                  r"releas\w*|freed|withdr[ae]w\w*|pull(ed|ing|s)? out|hand(ed|s)? over|"
                  r"lift(ed|s|ing)?|eas(ed|es|ing)|pardon\w*|amnest\w*|concession\w*|"
                  r"sanction\w*|embargo|suspend\w*|expel\w*|sever\w*|reject\w*|"
                  r"refus\w*|veto\w*|boycott\w*|extradit\w*|asylum|evacuat\w*|"
                  r"rescu\w*|peacekeep\w*|agreement|deal|resum\w*|restor\w*)\b",
                  re.IGNORECASE)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=700)
    ap.add_argument("--batches", type=Path)
    ap.add_argument("--n-batches", type=int, default=4)
    ap.add_argument("--verbal", type=float, default=0.0,
                    help="share of the draw taken from sentences with a verbal-act cue")
    ap.add_argument("--rare", type=float, default=0.0,
                    help="share of the draw taken from sentences with a rare-type cue")
    ap.add_argument("--held-out", action="store_true",
                    help="write the units to gold/wire-dev (never trained on)")
    args = ap.parse_args()
    if not ITEMS.exists():
        print(f"skipped: {ITEMS} is absent", file=sys.stderr)
        return 0
    items = [json.loads(line) for line in gzip.open(ITEMS, "rt", encoding="utf-8")]
    done: set[str] = set()
    for drawn in (OUT, HELD_OUT):
        if drawn.exists():
            done |= {json.loads(x)["doc_id"] for x in drawn.read_text().splitlines()
                     if x.strip()}
    seen: set[str] = set()
    pool = []
    for it in sorted(items, key=lambda i: i["id"]):
        text = it["text"].strip()
        if (it["annotation_source"] not in SOURCES or "\n" in text or "\r" in text
                or len(text) < 40 or text in seen):
            continue
        seen.add(text)
        if it["id"] not in done:
            pool.append(it)
    rng = random.Random(SEED)
    rare = [it for it in pool if RARE.search(it["text"])]
    chosen = rng.sample(rare, min(round(args.count * args.rare), len(rare)))
    taken = {it["id"] for it in chosen}
    cued = [it for it in pool if VERBAL.search(it["text"]) and it["id"] not in taken]
    chosen += rng.sample(cued, min(round(args.count * args.verbal), len(cued)))
    taken = {it["id"] for it in chosen}
    rest = [it for it in pool if it["id"] not in taken]
    chosen += rng.sample(rest, min(args.count - len(chosen), len(rest)))
    rng.shuffle(chosen)
    rows = []
    for it in chosen:
        start = len(it["text"]) - len(it["text"].lstrip())
        rows.append({"sid": f"{it['id']}-00", "doc_id": it["id"], "start": start,
                     "end": start + len(it["text"].strip())})
    out = HELD_OUT if args.held_out else OUT
    write_units(out, rows, append=True)
    print(f"{len(rows)} units -> {out}")
    if args.batches:
        pairs = list(zip(chosen, rows, strict=True))
        for path, part in batches(pairs, args.n_batches, args.batches):
            lines = ["Each unit is one sentence of a news-wire story, alone: "
                     "no article surrounds it.",
                     "Code it from the sentence itself (guide section 11).", ""]
            for it, row in part:
                lines.append(f"=== SENTENCE {it['id']} | date: {it.get('date') or 'unknown'}")
                lines.append(f"[{row['sid']}] {it['text'].strip()}")
                lines.append("")
            path.write_text("\n".join(lines), encoding="utf-8")
            print(path, len(part), "units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
