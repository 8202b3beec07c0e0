"""Throughput and memory of the full pipeline against spaCy's parse alone (the floor).

Reads ``../shared/corpus/news-cluster.jsonl`` (relative to the repository root) or
``--corpus FILE`` (JSONL, one article a line). In one run, on the same texts and the same
number of processes, it prints: the floor (``nlp.pipe``) and the full ``ingest`` in
words/s and articles/s, their ratio, peak memory of each process tree; a growth run at
1x, 4x and 16x the corpus (time and peak memory per size); the parallel efficiency of a
2-worker Dask LocalCluster against one worker; and the seconds each stage takes in one
process — where the time goes. The same figures as ``newsevents bench CORPUS``.

Exits 0 with a note when the corpus is absent. With ``--strict``, exits 1 when a target
(ratio <= 1.3, flat and bounded memory, efficiency >= 0.8) is missed.

Usage::

    python bench/pipeline_bench.py [--corpus FILE] [--workers 2] [--sizes 1,4,16]
                                   [--repeat 3] [--limit N] [--dask-size 4] [--no-dask]
                                   [--strict]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsevents.scale.bench import bench, format_report

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news-cluster.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sizes", default="1,4,16", help="growth multiples, e.g. 1,4,16")
    parser.add_argument("--limit", type=int, help="use the first N articles only")
    parser.add_argument("--shard-size", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3,
                        help="alternate floor and full runs N times; medians compared")
    parser.add_argument("--dask-size", type=int, default=4,
                        help="corpus multiple the Dask runs code (default 4)")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-stages", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"pipeline_bench: {args.corpus} is absent; nothing to measure")
        return 0
    report = bench(args.corpus, workers=args.workers,
                   sizes=tuple(int(k) for k in args.sizes.split(",")), dask=not args.no_dask,
                   stages=not args.no_stages, limit=args.limit, shard_size=args.shard_size,
                   repeat=args.repeat, dask_size=args.dask_size,
                   progress=lambda line: print(line, file=sys.stderr, flush=True))
    print(format_report(report))
    return 1 if args.strict and report.missed else 0


if __name__ == "__main__":
    sys.exit(main())
