"""One benchmark measurement, run in a fresh process so that its memory is its own.

``python -m newsevents._bench_measure '{"mode": ..., ...}'`` prints one JSON object with
the seconds the measured work took and what it processed. The parent
(:mod:`newsevents.scale.bench`) watches this process tree's memory meanwhile.

It lives at the top of the package, not in ``scale``: its ``ingest`` mode runs
:func:`newsevents.ingestion.ingest`, which sits above ``scale``. ``scale.bench`` only
names it, to start it in a fresh process.

Modes: ``floor`` (spaCy's ``nlp.pipe`` alone over the texts, same model, batch size and
process count), ``ingest`` (the full :func:`newsevents.ingest`, local processes or a Dask
LocalCluster), ``stages`` (one process, each stage timed on its own: where the time goes).
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .models import Document
from .nlp import load_model, parse_documents, release
from .read import read_inputs
from .settings import Settings


def _texts(corpus: str, settings: Settings) -> list[str]:
    return [d.text for d in read_inputs([corpus], settings) if isinstance(d, Document)]


def _cpu_seconds() -> float:
    """CPU time (user and system) of this process and of its children that have ended:
    less moved than wall time by what else the machine runs."""
    own, children = (resource.getrusage(resource.RUSAGE_SELF),
                     resource.getrusage(resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def floor(corpus: str, workers: int, settings: Settings) -> dict[str, Any]:
    texts = _texts(corpus, settings)
    cpu = _cpu_seconds()
    start = time.perf_counter()
    nlp = load_model(settings.model)
    loaded = time.perf_counter()
    # Consume the stream the way a caller would: every Doc is built and then dropped.
    n = sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=workers))
    end = time.perf_counter()
    return {"seconds": end - start, "load_seconds": loaded - start, "documents": n,
            "cpu_seconds": _cpu_seconds() - cpu}


def ingest(corpus: str, workers: int, settings: Settings, cluster: str | None,
           shard_size: int) -> dict[str, Any]:
    from .ingestion import ingest as run_ingest

    local = None
    started = time.perf_counter()
    if cluster == "local":
        # A cluster is normally up before a run: start it first and time the run alone.
        from .scale.runners import local_cluster

        local = local_cluster(workers)
        cluster = local.scheduler_address
    cluster_seconds = time.perf_counter() - started
    try:
        with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
            cpu = _cpu_seconds()
            start = time.perf_counter()
            result = run_ingest([corpus], db=Path(tmp) / "bench.duckdb", settings=settings,
                                workers=workers, cluster=cluster, batch=shard_size)
            seconds = time.perf_counter() - start
            cpu = _cpu_seconds() - cpu  # a Dask cluster's workers are not counted
    finally:
        if local is not None:
            local.close()
    return {"seconds": seconds, "documents": result.documents, "cpu_seconds": cpu,
            "events": result.written.events_written, "failures": len(result.failures),
            "cluster_start_seconds": cluster_seconds}


def stages(corpus: str, settings: Settings) -> dict[str, Any]:
    """Each stage over the whole corpus in turn, in this process: seconds per stage."""
    from .actors import find_actors_batch
    from .events import code_events_batch
    from .scale.shards import encode_shard
    from .store import open_store
    from .stories import assign_stories

    timings: dict[str, float] = {}

    def timed(name: str, run: Any) -> Any:
        start = time.perf_counter()
        value = run()
        timings[name] = time.perf_counter() - start
        return value

    load_model(settings.model)
    docs = timed("read", lambda: [d for d in read_inputs([corpus], settings)
                                  if isinstance(d, Document)])
    timed("nlp", lambda: list(parse_documents(docs, settings)))
    timed("actors", lambda: list(find_actors_batch(docs, settings)))
    timed("events", lambda: list(code_events_batch(docs, settings)))
    for doc in docs:
        release(doc)
    timed("shard", lambda: encode_shard(docs))
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        with open_store(Path(tmp) / "bench.duckdb") as store:
            timed("store", lambda: store.write(docs))
            timed("stories", lambda: assign_stories(store, docs))
    return {"seconds": sum(timings.values()), "stages": timings, "documents": len(docs)}


def main(argv: list[str]) -> int:
    job = json.loads(argv[0])
    settings = Settings.load(model=job.get("model"), batch_size=job.get("batch_size"))
    mode = job["mode"]
    if mode == "floor":
        out = floor(job["corpus"], job["workers"], settings)
    elif mode == "ingest":
        out = ingest(job["corpus"], job["workers"], settings, job.get("cluster"),
                     job["shard_size"])
    elif mode == "stages":
        out = stages(job["corpus"], settings)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
