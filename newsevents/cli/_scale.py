"""Scale: the options ``ingest`` shares for workers and clusters, and ``bench``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..scale import DEFAULT_SHARD_SIZE
from ..scale.bench import DEFAULT_LIMIT, DEFAULT_SIZES, FULL, bench, format_report
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
    full = FULL if args.full else {}

    def pick(name: str, default: Any) -> Any:  # a flag given wins over --full
        given = getattr(args, name)
        return given if given is not None else full.get(name, default)

    limit = pick("limit", DEFAULT_LIMIT)
    report = bench(args.corpus, workers=args.workers, sizes=pick("sizes", DEFAULT_SIZES),
                   dask=bool(pick("dask", False)), stages=not args.no_stages,
                   limit=limit or None, shard_size=args.shard_size,
                   repeat=pick("repeat", 1), settings=settings, dask_size=args.dask_size,
                   progress=lambda line: print(line, file=sys.stderr))
    print(format_report(report))
    return EXIT_OK


def _setup_bench(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", metavar="CORPUS", help="a JSONL corpus, one article a line")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="processes for both the floor and the full pipeline (default 2)")
    p.add_argument("--sizes", type=_sizes, metavar="K,K,...",
                   help="growth run: the corpus repeated this many times (default 1,4; "
                        "--full 1,4,16)")
    p.add_argument("--limit", type=int, metavar="N",
                   help=f"use the first N articles only (default {DEFAULT_LIMIT}; 0: all; "
                        "--full: all)")
    p.add_argument("--shard-size", type=int, default=20, metavar="N",
                   help="articles per shard in the ingest runs (default 20)")
    p.add_argument("--repeat", type=int, metavar="N",
                   help="alternate the floor and the full run N times; compare medians "
                        "(default 1; --full 3)")
    p.add_argument("--dask", action="store_true", default=None,
                   help="add the Dask LocalCluster runs, 1 worker against --workers "
                        "(on with --full)")
    p.add_argument("--dask-size", type=int, default=4, metavar="K",
                   help="the Dask runs code the corpus K times over (default 4)")
    p.add_argument("--no-stages", action="store_true", help="skip the per-stage timing")
    p.add_argument("--full", action="store_true",
                   help="the thorough run: every article, growth 1,4,16, three repeats, the "
                        "Dask runs (over 15 minutes for 227 articles on a two-core laptop)")


COMMANDS = (
    Command("bench", "Time the full pipeline against spaCy's parse alone; memory growth; "
            "Dask efficiency with --dask. The default run is laptop-sized: the first 100 "
            "articles, once, at 1x and 4x; on a two-core machine it takes about 15 s for the "
            "3 example articles and about 2.5 minutes for 100 articles. --full is the "
            "thorough run (over 15 minutes for 227 articles).",
            "newsevents bench newsevents/examples/articles.jsonl",
            _setup_bench, cmd_bench),
)
