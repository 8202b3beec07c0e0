"""Ingest: code inputs in shards (:mod:`newsevents.scale`) and store them, with their
stories and event clusters.

The layers, bottom to top: the stages (``read`` ... ``store``, ``stories``), the coding
core (:mod:`newsevents.coding`), ``scale`` (coding in shards, on workers), this module.
Nothing below imports it: ``scale`` codes shards without knowing they are stored here.

:func:`store_coded` is the one "store a coded batch" step — failures, documents, then
their stories — that :func:`ingest` and a beat's watch (:mod:`newsevents.beats.watch`)
both take.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .models import Document, Failure
from .progress import Progress
from .read import count_items
from .scale import code_shards, open_runner
from .settings import Settings, run_settings
from .store import Store, WriteResult, open_store
from .stories import assign_stories

# Documents the store writes at once during ingest. What is still waiting when the workers
# finish is written while they sit idle: at 200 a corpus of a few hundred articles was
# nearly all stored at the end (1.7 s of 27 on the bench's 220 articles); at 60 most of it
# is stored while they code (26.2 s against 26.7 s at 100, medians of three paired runs),
# and a write's fixed cost (about 0.1 s) is still spread over many.
STORE_BATCH = 60


def store_coded(store: Store, documents: Sequence[Document],
                failures: Sequence[Failure] = ()) -> WriteResult:
    """Store one coded batch: record its failures, write its documents (sentences, actors,
    events), then place them in stories and event clusters; what was written."""
    if failures:
        store.record_failures(failures)
    written = store.write(documents)
    assign_stories(store, documents)  # copies, stories, event clusters
    return written


@dataclass
class IngestResult:
    written: WriteResult
    failures: list[Failure]
    documents: int
    shards_coded: int = 0  # shards this run coded
    shards_reused: int = 0  # shards an interrupted earlier run had finished
    # Where the documents coded without a publication date came from: the coder dates
    # events against the publication date, so theirs are left undated (and out of every
    # time series and date filter). ``date=`` supplies a date for such inputs.
    undated: list[str] = field(default_factory=list)


def ingest(inputs: Iterable[str], db: str | Path | None = None, date: date | str | None = None,
           settings: Settings | None = None, batch: int = 40, workers: int = 1,
           cluster: str | None = None, shard_dir: str | Path | None = None) -> IngestResult:
    """Code ``inputs`` and store documents, sentences, actors and events in DuckDB.

    Re-ingesting an unchanged document changes nothing; a changed one replaces its events.
    The inputs are coded in shards of ``batch`` items by ``workers`` local processes, or
    on a Dask ``cluster`` (a scheduler address such as ``tcp://host:8786``, or ``local``
    for a LocalCluster of ``workers`` processes). Each coded shard is saved in
    ``shard_dir`` (default: ``<db>.shards``, removed once the run has finished) before it
    is stored, so an interrupted run, run again, codes only the shards it had not saved.
    A run that stores no document and records no failure leaves no new store behind (an
    empty store would make later reads show nothing without a word); one whose every input
    failed keeps the store that records why (``newsevents failures``), and the commands
    that read it say it holds no events.
    """
    settings = run_settings(date, settings, db_path=str(db) if db else None)
    directory = Path(shard_dir) if shard_dir else Path(f"{settings.db_path}.shards")
    result = IngestResult(written=WriteResult(0, 0, 0, 0), failures=[], documents=0)
    new_store = not Path(settings.db_path).exists()
    inputs = list(inputs)
    try:
        with Progress(settings.progress, stage="counting") as bar:
            if bar.enabled:
                bar.set_total(count_items(inputs, settings))
            _ingest(inputs, settings, result, directory, batch, workers, cluster, bar)
    finally:
        if new_store and result.documents == 0 and not result.failures:
            for path in (settings.db_path, f"{settings.db_path}.wal"):
                Path(path).unlink(missing_ok=True)
    if not shard_dir:  # the shards were only this run's safety net
        shutil.rmtree(directory, ignore_errors=True)
    return result


def _ingest(inputs: Iterable[str], settings: Settings, result: IngestResult, directory: Path,
            batch: int, workers: int, cluster: str | None, bar: Progress) -> None:
    """:func:`ingest`'s work: code the shards and write them, filling ``result``; ``bar``
    counts the items done and names the stage."""
    # The runner first: local workers are forked before the store starts DuckDB's threads.
    # While workers code, the cores are theirs: DuckDB gets one thread (bulk inserts and
    # the story queries of a batch hardly use more), which also keeps its memory flat.
    with open_runner(settings, workers, cluster, on_item=bar.advance) as runner, \
            open_store(settings.db_path, threads=1 if workers > 1 or cluster else None
                       ) as store:
        # Shards are small, to spread the work evenly over the workers; the store takes them
        # a few at a time, because each write and story assignment has a fixed cost.
        waiting: list[Document] = []
        failed: list[Failure] = []

        def store_waiting() -> None:
            bar.stage("storing")
            result.written = result.written + store_coded(store, waiting, failed)
            result.documents += len(waiting)
            waiting.clear()
            failed.clear()

        done = 0
        for shard in code_shards(inputs, directory, settings, shard_size=batch,
                                 runner=runner, progress=bar):
            done += len(shard.documents) + len(shard.failures)
            bar.reach(done)  # a pool's shards, and those an earlier run coded
            result.failures += shard.failures
            bar.failed(len(result.failures))
            result.undated += [d.origin for d in shard.documents if d.date is None]
            failed += shard.failures
            waiting += shard.documents
            if len(waiting) >= STORE_BATCH:
                store_waiting()
            if shard.reused:
                result.shards_reused += 1
            else:
                result.shards_coded += 1
        if waiting or failed:
            store_waiting()


__all__ = ["IngestResult", "STORE_BATCH", "ingest", "store_coded"]
