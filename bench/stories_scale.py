"""How the cost of story assignment grows with the number of articles: 1x, 4x and 16x.

The news-cluster corpus (``../shared/corpus/news-cluster.jsonl``) is read without NLP and
grown to k times its size the way a bigger collection grows: more outlets telling the
same stories in the same days. Copy j of an article gets a new id, a new outlet, a date
moved by up to two days, a shuffled title, and its text reworded (each word, with
probability 0.3, replaced by another word of the same article), so that it is another
report of the story and not a copy of the text; one copy in ten is left a light edit
(one sentence dropped), a wire copy that must be flagged ``duplicate_of``.

Each size is stored and placed the way ``ingest`` does it (``Store.write`` then
``assign_stories``, 40 articles a batch) in a new temporary store; the time of the
assignment alone is summed, wall-clock and CPU (the CPU time is steadier on a shared
machine), the median of ``--repeat`` runs is taken, and its growth is printed as a ratio
to the 1x run: near-linear means a 4x ratio near 4 and a 16x ratio near 16.

    python bench/stories_scale.py [--shared DIR] [--factors 1 4 16] [--batch 40] [--repeat 3]

Skips (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from newsevents.models import Document, Failure
from newsevents.read import read_inputs
from newsevents.settings import Settings
from newsevents.store import open_store
from newsevents.stories import AssignResult, assign_stories, story_list

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = Path("corpus") / "news-cluster.jsonl"
REWORD = 0.3
WIRE_SHARE = 0.1
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def grow(documents: list[Document], factor: int) -> list[Document]:
    """The corpus and ``factor - 1`` reworded copies of it, in a shuffled order of arrival
    within each day (dates stay the articles' own, give or take two days)."""
    grown = list(documents)
    for j in range(1, factor):
        for doc in documents:
            rng = random.Random(f"{doc.id}/{j}")
            if rng.random() < WIRE_SHARE:
                sentences = _SENTENCE_END.split(doc.text)
                if len(sentences) > 2:
                    sentences.pop(rng.randrange(len(sentences)))
                text = " ".join(sentences)
            else:
                text = reword(doc.text, rng)
            title = doc.title.split() if doc.title else []
            rng.shuffle(title)
            day = doc.date + timedelta(days=rng.randint(-2, 2)) if doc.date else None
            grown.append(replace(doc, id=f"{doc.id}~{j}", text=text, title=" ".join(title),
                                 date=day, source=f"outlet{j}.example", url=None))
    order = random.Random(factor)
    order.shuffle(grown)
    grown.sort(key=lambda d: d.date.toordinal() if d.date else 10**7)
    return grown


def reword(text: str, rng: random.Random) -> str:
    """Replace each word, with probability :data:`REWORD`, by another of the text's words."""
    words = text.split()
    if not words:
        return text
    return " ".join(rng.choice(words) if rng.random() < REWORD else w for w in words)


def run(documents: list[Document], batch: int) -> tuple[float, float, AssignResult, int]:
    """Store and place ``documents`` batch by batch in a new store; the wall-clock and the
    CPU seconds (all threads) spent placing them, what was done, and the stories."""
    wall = cpu = 0.0
    total = AssignResult()
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.duckdb") as store:
        for start in range(0, len(documents), batch):
            chunk = documents[start:start + batch]
            store.write(chunk)
            began, began_cpu = time.perf_counter(), time.process_time()
            total += assign_stories(store, chunk)
            wall += time.perf_counter() - began
            cpu += time.process_time() - began_cpu
        stories = len(story_list(store))
    return wall, cpu, total, stories


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--batch", type=int, default=40, help="articles per batch")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    args = parser.parse_args(argv[1:])
    corpus = args.shared / CORPUS
    if not corpus.exists():
        print(f"skipped: {corpus} is absent")
        return 0
    base = [d for d in read_inputs([str(corpus)], Settings.load())
            if not isinstance(d, Failure)]
    run(base[:args.batch], args.batch)  # warm up: data files, datasketch's band layout
    print(f"{len(base)} corpus articles; batches of {args.batch}; median of {args.repeat} "
          "runs; ratio: to the first size")
    print(f"{'size':>5}  {'articles':>8}  {'wall s':>7}  {'ratio':>6}  {'cpu s':>7}  "
          f"{'ratio':>6}  {'cpu ms/art':>10}  {'stories':>7}  {'copies':>6}")
    first: tuple[float, float] | None = None
    for factor in args.factors:
        documents = grow(base, factor)
        runs = [run(documents, args.batch) for _ in range(args.repeat)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        _, _, result, stories = runs[0]
        if first is None:
            first = (wall, cpu)
        print(f"{factor:>4}x  {len(documents):>8}  {wall:>7.2f}  {wall / first[0]:>6.2f}  "
              f"{cpu:>7.2f}  {cpu / first[1]:>6.2f}  {1000 * cpu / len(documents):>10.2f}  "
              f"{stories:>7}  {result.duplicates:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
