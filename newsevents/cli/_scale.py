"""Scale: the options ``ingest`` shares for workers and clusters, and ``bench``."""

from __future__ import annotations

import argparse
import sys

from ..scale import DEFAULT_SHARD_SIZE
from ..scale.bench import bench, format_report
from ..settings import Settings
from ._output import EXIT_OK
from ._registry import Command


def add_scale_options(p: argparse.ArgumentParser) -> None:
    """``--workers``, ``--cluster``, ``--shard-dir``, ``--shard-size`` (used by ingest)."""
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes, each loading the model once (default 1)")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="run the shards on a Dask cluster: a scheduler address "
                        "(tcp://host:8786) or 'local' for a LocalCluster of --workers processes")
    p.add_argument("--shard-dir", metavar="DIR",
                   help="keep finished shards here (Parquet); a rerun skips them "
                        "(default: DB.shards, removed when the run finishes)")
    p.add_argument("--shard-size", type=int, default=DEFAULT_SHARD_SIZE, metavar="N",
                   help=f"articles per shard (default {DEFAULT_SHARD_SIZE})")


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected multiples like 1,4,16, not {text!r}"
                                         ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"multiples must be 1 or more, not {text!r}")
    return sizes


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    report = bench(args.corpus, workers=args.workers, sizes=args.sizes, dask=not args.no_dask,
                   stages=not args.no_stages, limit=args.limit, shard_size=args.shard_size,
                   repeat=args.repeat, settings=settings, dask_size=args.dask_size,
                   progress=lambda line: print(line, file=sys.stderr))
    print(format_report(report))
    return EXIT_OK


def _setup_bench(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", metavar="CORPUS", help="a JSONL corpus, one article a line")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="processes for both the floor and the full pipeline (default 2)")
    p.add_argument("--sizes", type=_sizes, default=(1, 4, 16), metavar="K,K,...",
                   help="growth run: the corpus repeated this many times (default 1,4,16)")
    p.add_argument("--limit", type=int, metavar="N", help="use the first N articles only")
    p.add_argument("--shard-size", type=int, default=20, metavar="N",
                   help="articles per shard in the ingest runs (default 20)")
    p.add_argument("--repeat", type=int, default=3, metavar="N",
                   help="alternate the floor and the full run N times; compare medians "
                        "(default 3)")
    p.add_argument("--dask-size", type=int, default=4, metavar="K",
                   help="the Dask runs code the corpus K times over (default 4)")
    p.add_argument("--no-dask", action="store_true", help="skip the LocalCluster runs")
    p.add_argument("--no-stages", action="store_true", help="skip the per-stage timing")


COMMANDS = (
    Command("bench", "Time the full pipeline against spaCy's parse alone; memory growth; "
            "Dask efficiency.",
            "newsevents bench ../shared/corpus/news-cluster.jsonl --workers 2 --sizes 1,4,16",
            _setup_bench, cmd_bench),
)
