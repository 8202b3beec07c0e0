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
assignment alone is summed, and its growth is printed as a ratio to the 1x run:
near-linear means a 4x ratio near 4 and a 16x ratio near 16.

    python bench/stories_scale.py [--shared DIR] [--factors 1 4 16] [--batch 40]

Skips (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import random
import re
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


def run(documents: list[Document], batch: int) -> tuple[float, AssignResult, int]:
    """Store and place ``documents`` batch by batch; the seconds spent placing them."""
    spent = 0.0
    total = AssignResult()
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.duckdb") as store:
        for start in range(0, len(documents), batch):
            chunk = documents[start:start + batch]
            store.write(chunk)
            began = time.perf_counter()
            total += assign_stories(store, chunk)
            spent += time.perf_counter() - began
        stories = len(story_list(store))
    return spent, total, stories


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--batch", type=int, default=40, help="articles per batch")
    args = parser.parse_args(argv[1:])
    corpus = args.shared / CORPUS
    if not corpus.exists():
        print(f"skipped: {corpus} is absent")
        return 0
    base = [d for d in read_inputs([str(corpus)], Settings.load())
            if not isinstance(d, Failure)]
    print(f"{len(base)} corpus articles; batches of {args.batch}")
    print(f"{'size':>5}  {'articles':>8}  {'seconds':>8}  {'ms/article':>10}  {'ratio':>6}"
          f"  {'stories':>7}  {'copies':>6}")
    run(base[:args.batch], args.batch)  # warm up: data files, datasketch's band layout
    first: tuple[int, float] | None = None
    for factor in args.factors:
        documents = grow(base, factor)
        seconds, result, stories = run(documents, args.batch)
        if first is None:
            first = (len(documents), seconds)
        ratio = seconds / first[1] if first[1] else float("nan")
        print(f"{factor:>4}x  {len(documents):>8}  {seconds:>8.2f}  "
              f"{1000 * seconds / len(documents):>10.2f}  {ratio:>6.2f}  {stories:>7}  "
              f"{result.duplicates:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
