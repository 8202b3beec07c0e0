"""How long ``newsevents serve`` takes to start on a small store: imports and app creation.

Each run is a fresh interpreter doing what ``newsevents serve --db DB`` does before the
server listens: import the CLI (every command's parser), parse the arguments, import the
web stack and uvicorn, open the store's snapshot and build the app. Printed: the median
over the runs of that work (measured inside the process: wall and CPU time; on a busy
machine the CPU time is the steadier figure) and of the whole process (interpreter start
included).

    python bench/serve_start.py [--runs 7] [--db PATH]

Without ``--db`` the store is a new empty one (its schema only) in a temporary folder.
The target is under a second; the figure only means something on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# What the child runs; it prints the seconds its work took.
CHILD = """
import json, sys, time
start, cpu = time.perf_counter(), time.process_time()
from newsevents.cli import build_parser
args = build_parser().parse_args(["serve", "--db", sys.argv[1]])
import uvicorn  # serve() imports it first thing
from newsevents.store.snapshot import Snapshot
from newsevents.web import create_app
snapshot = Snapshot(args.db)
app = create_app(snapshot)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
snapshot.close()
heavy = [m for m in ("spacy", "trafilatura", "dask", "distributed") if m in sys.modules]
print(json.dumps({"seconds": seconds, "cpu": cpu, "heavy": heavy}))
"""


def one_run(db: Path) -> tuple[float, float, float, list[str]]:
    """(seconds of the work, its CPU seconds, seconds of the whole process, heavy packages
    it loaded)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(db)], capture_output=True,
                         text=True, check=True)
    wall = time.perf_counter() - start
    found = json.loads(out.stdout.strip().splitlines()[-1])
    return float(found["seconds"]), float(found["cpu"]), wall, list(found["heavy"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="a store to serve (default: a new empty one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsevents-serve-start-") as tmp:
        db = args.db
        if db is None:
            from newsevents.store import open_store

            db = Path(tmp) / "small.duckdb"
            with open_store(db):
                pass  # the schema only
        runs = [one_run(db) for _ in range(args.runs)]
    work, cpu, wall = (statistics.median(r[i] for r in runs) for i in range(3))
    heavy = sorted({m for r in runs for m in r[3]})
    print(f"serve start over {args.runs} runs (median): imports and app {work:.3f} s "
          f"({cpu:.3f} s of CPU), whole process {wall:.3f} s; heavy packages loaded: "
          f"{', '.join(heavy) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
