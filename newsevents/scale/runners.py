"""Where shards are coded: in this process, in a local process pool, or on a Dask cluster.

Every runner takes the same shard function (:func:`newsevents.scale.worker.code_shard`)
and gives back a handle with ``done()`` and ``result()`` — a ``concurrent.futures``
future or a Dask future — so the driver loop is one loop whatever runs the shards.
``capacity`` is how many shards may be in flight at once: enough to keep every worker
busy, few enough that the corpus is never held in memory.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol

from ..errors import CodingError, ConfigError, NewsEventsError
from ..models import Document, Failure
from ..settings import Settings
from .worker import code_shard, warm_up

log = logging.getLogger(__name__)

LOCAL = "local"
# Shards in flight per worker. Shards come back in input order, so a slow shard at the
# head holds the others' results: with only one queued per worker, the workers that
# finished early would wait idle behind it. A few shards of text each cost little memory.
_IN_FLIGHT = 4
# Shards a local worker codes before it is replaced by a fresh one (see PoolRunner).
_RECYCLE_AFTER = 50


class Handle(Protocol):
    def done(self) -> bool: ...
    def result(self) -> Any: ...


class Runner(Protocol):
    capacity: int
    workers: int

    def submit(self, key: str, items: Sequence[Document | Failure]) -> Handle: ...


class InlineRunner:
    """Codes each shard in this process when it is submitted: ``--workers 1``."""

    workers = 1
    capacity = 1

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def submit(self, key: str, items: Sequence[Document | Failure]) -> Handle:
        future: Future[bytes] = Future()
        try:
            future.set_result(code_shard(items, self.settings))
        except Exception as exc:  # handed to the caller through the future, as a pool does
            future.set_exception(exc)
        return future


class PoolRunner:
    """A pool of local worker processes forked from a server that loaded the model once;
    their initializer loads it only where that server could not (spawn, another model)."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.capacity = _IN_FLIGHT * workers
        # spaCy's string store keeps every new word a worker sees: on a long run each
        # worker is replaced now and then so memory stays flat. Forking a fresh one from
        # the server that holds the model is cheap.
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(settings),
                                         initializer=warm_up, initargs=(settings,),
                                         max_tasks_per_child=_RECYCLE_AFTER)

    def submit(self, key: str, items: Sequence[Document | Failure]) -> Handle:
        return self._pool.submit(code_shard, list(items), self.settings)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _context(settings: Settings) -> multiprocessing.context.BaseContext:
    # Not fork: the driver holds an open DuckDB store whose threads a forked child would
    # inherit half-copied. A fork server, started clean with the package imported and the
    # model loaded once, forks cheap children that share the model; spawn where there is
    # no fork server (Windows), each child then loading its own.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    from . import _preload

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["newsevents.scale._preload"])
    before = os.environ.get(_preload.ENV)
    os.environ[_preload.ENV] = json.dumps({"model": settings.model,
                                           "actor_files": list(settings.actor_files)})
    try:
        forkserver.ensure_running()  # a server already running keeps what it loaded
    finally:
        if before is None:
            os.environ.pop(_preload.ENV, None)
        else:
            os.environ[_preload.ENV] = before
    return ctx


class DaskRunner:
    """The workers of a Dask cluster: a scheduler's address, or ``local`` for a
    LocalCluster of ``workers`` single-threaded processes on this machine."""

    def __init__(self, settings: Settings, cluster: str, workers: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise ConfigError("--cluster needs dask[distributed]; "
                              "pip install 'dask[distributed]'") from exc
        self.settings = settings
        self._cluster: Any = None
        try:
            if cluster == LOCAL:
                # One thread per worker: spaCy and the coders are CPU-bound Python.
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None)
                self._client = Client(self._cluster)
            else:
                self._client = Client(cluster, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            if self._cluster is not None:
                self._cluster.close()
            raise ConfigError(f"--cluster {cluster}: cannot reach the Dask scheduler ({exc}); "
                              "start one with 'dask scheduler' and workers with "
                              "'dask worker ADDRESS', or use --cluster local") from exc
        threads = sum(self._client.nthreads().values())
        self.workers = max(1, threads)
        self.capacity = _IN_FLIGHT * self.workers
        self._client.run(warm_up, settings)

    def submit(self, key: str, items: Sequence[Document | Failure]) -> Handle:
        return self._client.submit(code_shard, list(items), self.settings, pure=False,
                                   key=f"newsevents-shard-{key}")

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


@contextmanager
def open_runner(settings: Settings, workers: int = 1, cluster: str | None = None
                ) -> Iterator[Runner]:
    """The runner for ``workers`` local processes or a Dask ``cluster``; closed on exit."""
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    if cluster:
        dask = DaskRunner(settings, cluster, workers)
        try:
            yield dask
        finally:
            dask.close()
    elif workers == 1:
        yield InlineRunner(settings)
    else:
        pool = PoolRunner(settings, workers)
        try:
            yield pool
        finally:
            pool.close()


def shard_result(handle: Handle, key: str) -> bytes:
    """A shard's Parquet bytes; a dead worker becomes a CodingError that says to rerun."""
    try:
        payload = handle.result()
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if isinstance(exc, NewsEventsError):
            raise
        raise CodingError(f"shard {key}: its worker failed ({type(exc).__name__}: {exc}); "
                          "run the command again to resume from the finished shards") from exc
    if not isinstance(payload, bytes):
        raise CodingError(f"shard {key}: its worker returned {type(payload).__name__}, "
                          "not a shard; are the workers running the same newsevents?")
    return payload
