"""Score story clustering against the real stories of the news-cluster corpus (B-cubed).

The corpus (``../shared/corpus/news-cluster.jsonl``: 227 articles of 35 stories, each
with its story in the ``event`` field) is ingested with the real pipeline into a
temporary store — reading, spaCy, actors, events, the store and the story assignment
that ``ingest`` runs after each batch, in the order of the file — and the stories the
store holds are scored with B-cubed precision, recall and F1 (Bagga & Baldwin 1998):
for each article, the share of its cluster that belongs to its story (precision) and
the share of its story that is in its cluster (recall), averaged over articles.

Then, on the same store, every article is placed again (``rebuild_stories``, in order of
date) over a range of thresholds and windows, to show how stable the figure is around
the defaults; and the score is split over two halves of the stories to show it does not
rest on a few of them.

    python bench/stories_eval.py [--shared DIR] [--fast] [--no-sweep]

``--fast`` skips spaCy: articles are read and clustered from their text and title alone
(no coded actors). Records the reader cannot use (no text) are reported and left out.
Skips (exit 0) when the corpus is absent; exits 1 when the real-path F1 drops more than
0.02 below the figure pinned in ``bench/stories_baseline.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from newsevents.ingestion import ingest
from newsevents.models import Document, Failure
from newsevents.read import read_inputs
from newsevents.settings import Settings
from newsevents.store import open_store
from newsevents.stories import StoryOptions, assign_stories, rebuild_stories, story_documents

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = Path("corpus") / "news-cluster.jsonl"
BASELINE = Path(__file__).with_name("stories_baseline.json")
TOLERANCE = 0.02
THRESHOLDS = (0.10, 0.125, 0.15, 0.175, 0.20, 0.25)
WINDOWS = (30, 90, 365)


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str],
           over: Iterable[str] | None = None) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` clusters, averaged over the
    articles ``over`` (default: all predicted articles with a gold story)."""
    clusters: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    for i, cluster in predicted.items():
        if i in gold:
            clusters[cluster].add(i)
            classes[gold[i]].add(i)
    ids = [i for i in (predicted if over is None else over) if i in gold and i in predicted]
    if not ids:
        return 0.0, 0.0, 0.0
    precision = recall = 0.0
    for i in ids:
        shared = len(clusters[predicted[i]] & classes[gold[i]])
        precision += shared / len(clusters[predicted[i]])
        recall += shared / len(classes[gold[i]])
    precision, recall = precision / len(ids), recall / len(ids)
    return precision, recall, 2 * precision * recall / (precision + recall)


def load_gold(path: Path) -> dict[str, str]:
    gold = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            gold[str(record["dId"])] = record["event"]
    return gold


def assignments(db: Path) -> dict[str, str]:
    with open_store(db, read_only=True) as store:
        return {d.id: d.story_id for d in story_documents(store) if d.story_id}


def report(label: str, predicted: Mapping[str, str], gold: Mapping[str, str]) -> float:
    p, r, f = bcubed(predicted, gold)
    stories = len(set(predicted.values()))
    print(f"{label}: B-cubed P={p:.3f} R={r:.3f} F1={f:.3f}  "
          f"({len(predicted)} articles, {stories} stories; gold "
          f"{len(set(gold[i] for i in predicted))} stories)")
    return f


def halves(predicted: Mapping[str, str], gold: Mapping[str, str]) -> None:
    """The score averaged over the articles of each half of the gold stories (split by a
    hash of the story name), the clusters left whole."""
    for half in (0, 1):
        part = [i for i in predicted
                if i in gold and hashlib.sha1(gold[i].encode()).digest()[0] % 2 == half]
        p, r, f = bcubed(predicted, gold, part)
        print(f"  half {half} of the stories: P={p:.3f} R={r:.3f} F1={f:.3f} "
              f"({len(part)} articles)")


def sweep(db: Path, gold: Mapping[str, str]) -> None:
    """F1 of a rebuild at each threshold and window."""
    print("\nstability (rebuild in date order): F1 by threshold (columns) and window (rows)")
    print("window  " + "  ".join(f"{t:>6}" for t in THRESHOLDS))
    for window in WINDOWS:
        scores = []
        for threshold in THRESHOLDS:
            with open_store(db) as store:
                rebuild_stories(store, StoryOptions(threshold=threshold, window_days=window))
            scores.append(bcubed(assignments(db), gold)[2])
        print(f"{window:>4} d  " + "  ".join(f"{s:6.3f}" for s in scores))


def fast_store(corpus: Path, db: Path, batch: int = 40) -> int:
    """Read the corpus without NLP and place its articles, ``batch`` at a time in file
    order; returns how many records could not be read."""
    failed = 0
    with open_store(db) as store:
        pending: list[Document] = []
        for item in read_inputs([str(corpus)], Settings.load()):
            if isinstance(item, Failure):
                failed += 1
                continue
            pending.append(item)
            if len(pending) == batch:
                store.write(pending)
                assign_stories(store, pending)
                pending = []
        if pending:
            store.write(pending)
            assign_stories(store, pending)
    return failed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    parser.add_argument("--fast", action="store_true", help="text and title only, no spaCy")
    parser.add_argument("--no-sweep", action="store_true", help="skip the stability sweep")
    args = parser.parse_args(argv[1:])
    corpus = args.shared / CORPUS
    if not corpus.exists():
        print(f"skipped: {corpus} is absent")
        return 0
    gold = load_gold(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "stories.duckdb"
        started = time.perf_counter()
        if args.fast:
            failed = fast_store(corpus, db)
            label = "fast path (text and title, file order)"
        else:
            result = ingest([str(corpus)], db=db)
            failed = len(result.failures)
            label = "real path (ingest, file order)"
        seconds = time.perf_counter() - started
        print(f"{len(gold)} gold articles; {failed} could not be read (no text); "
              f"{seconds:.1f} s to ingest and cluster")
        predicted = assignments(db)
        f1 = report(label, predicted, gold)
        unread = {i: f"unread:{i}" for i in gold if i not in predicted}
        report("  all gold articles, each unread one a story of its own",
               {**predicted, **unread}, gold)
        halves(predicted, gold)
        with open_store(db) as store:
            rebuild_stories(store)
        report("rebuilt in date order", assignments(db), gold)
        with open_store(db, read_only=True) as store:
            copies = sum(1 for d in story_documents(store) if d.duplicate_of)
        print(f"copies flagged: {copies}")
        if not args.no_sweep:
            sweep(db, gold)
    if args.fast:
        return 0
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))["bcubed_f1"]
    if f1 < baseline - TOLERANCE:
        print(f"FAIL: F1 {f1:.3f} is below the baseline {baseline:.3f} - {TOLERANCE}")
        return 1
    print(f"baseline {baseline:.3f}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
