"""Where shards are coded: in this process, in a local process pool, or on a Dask cluster.

Every runner takes the same shard function (:func:`newsevents.scale.worker.code_shard`)
and gives back a handle with ``done()`` and ``result()`` — a ``concurrent.futures``
future or a Dask future — so the driver loop is one loop whatever runs the shards.
``capacity`` is how many shards may be in flight at once: enough to keep every worker
busy, few enough that the corpus is never held in memory.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol

from ..errors import CodingError, ConfigError, NewsEventsError
from ..models import Document, Failure
from ..settings import Settings
from .worker import code_shard, ready, start_worker, warm_up

log = logging.getLogger(__name__)

LOCAL = "local"
# Shards in flight per worker. Shards come back in input order, so a slow shard at the
# head holds the others' results: with only one queued per worker, the workers that
# finished early would wait idle behind it. A few shards of text each cost little memory.
_IN_FLIGHT = 4

class Handle(Protocol):
    def done(self) -> bool: ...
    def result(self) -> Any: ...


class Runner(Protocol):
    capacity: int
    workers: int

    def submit(self, key: str, items: Sequence[Document | Failure]) -> Handle: ...


class InlineRunner:
    """Codes each shard in this process when it is submitted: ``--workers 1``.
    ``on_item`` is called as each item of a shard is done (a progress bar's advance)."""

    workers = 1
    capacity = 1

    def __init__(self, settings: Settings,
                 on_item: Callable[[int], None] | None = None) -> None:
        self.settings = settings
        self.on_item = on_item

    def submit(self, key: str, items: Sequence[Document | Failure]) -> Handle:
        future: Future[bytes] = Future()
        try:
            future.set_result(code_shard(items, self.settings, on_item=self.on_item))
        except Exception as exc:  # handed to the caller through the future, as a pool does
            future.set_exception(exc)
        return future


class PoolRunner:
    """A pool of local worker processes that start with the model already loaded.

    On Linux they are forked from this process once it has loaded the model and tables,
    as spaCy's own ``n_process`` does: they start at once and share those pages. They
    are forked here, when the pool opens, before the caller opens the store (a forked
    child would inherit DuckDB's threads half-copied). Elsewhere they come from a fork
    server that loaded the model, or are spawned and load it themselves.
    """

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.capacity = _IN_FLIGHT * workers
        context = _context(settings)
        forked = context.get_start_method() == "fork"
        if forked:
            warm_up(settings)
            # The model and the tables just loaded live as long as the workers: out of the
            # collector's reach, its passes in a worker neither walk them nor copy the
            # pages they share with this process (as the gc module's docs advise before
            # a fork). This process takes them back once its workers are forked.
            gc.freeze()
        # Workers live for the whole run: each shard is coded in a spaCy memory zone
        # (see code_shard), so a worker's memory does not grow with the words it sees.
        # They die with this process (see lifeline): a killed driver left them blocked on
        # the pool's pipe for ever. A fork's parent is this process; a fork server's
        # children have the server as theirs, which itself ends with this process.
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=start_worker,
            initargs=(settings, os.getpid() if forked else None))
        try:
            # With fork the pool starts every worker at its first task: do that now.
            for started in [self._pool.submit(ready) for _ in range(workers)]:
                started.result()
        except BaseException:
            self._pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            if forked:
                gc.unfreeze()

    def submit(self, key: str, items: Sequence[Document | Failure]) -> Handle:
        return self._pool.submit(code_shard, list(items), self.settings)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _context(settings: Settings) -> multiprocessing.context.BaseContext:
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    # macOS forbids forking a process that has started some system threads, and Windows
    # cannot fork: a fork server, started clean with the package imported and the model
    # loaded once, forks cheap children that share the model; spawn where there is none.
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
            from dask.distributed import Client
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise ConfigError("--cluster needs dask[distributed]; "
                              "pip install 'dask[distributed]'") from exc
        self.settings = settings
        self._cluster: Any = None
        try:
            if cluster == LOCAL:
                self._cluster = local_cluster(workers)
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
        profiling = [addr for addr, on in self._client.run(_profiling).items() if on]
        if profiling:
            log.warning("%d Dask worker(s) sample their stacks every few ms for the dashboard's "
                        "profile, which slows coding by a third or more; start them with "
                        "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False", len(profiling))
        self._client.run(warm_up, settings)

    def submit(self, key: str, items: Sequence[Document | Failure]) -> Handle:
        return self._client.submit(code_shard, list(items), self.settings, pure=False,
                                   key=f"newsevents-shard-{key}")

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


# What a Dask worker that only codes shards does without. The statistical profiler samples
# the running task's stack every 10 ms for the dashboard: on spaCy's deep stacks that cost a
# shard 40-100% more time here. MALLOC_TRIM_THRESHOLD_ makes glibc hand freed memory back at
# once: 20 times the page faults and 13% more time; the shard's memory zone keeps a worker's
# size flat without it.
_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
_NOT_IN_WORKER_ENVIRON = ("MALLOC_TRIM_THRESHOLD_",)


def local_cluster(workers: int) -> Any:
    """A Dask LocalCluster of ``workers`` single-threaded processes, set up for coding."""
    import dask
    from dask.distributed import LocalCluster

    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ").items()
               if k not in _NOT_IN_WORKER_ENVIRON}
    with dask.config.set({**_WORKER_CONFIG, "distributed.nanny.pre-spawn-environ": environ}):
        # One thread per worker: spaCy and the coders are CPU-bound Python.
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=None)


def _profiling() -> bool:
    """Run on each Dask worker: whether its statistical profiler is on."""
    import dask

    return bool(dask.config.get("distributed.worker.profile.enabled", True))


@contextmanager
def open_runner(settings: Settings, workers: int = 1, cluster: str | None = None,
                on_item: Callable[[int], None] | None = None) -> Iterator[Runner]:
    """The runner for ``workers`` local processes or a Dask ``cluster``; closed on exit.
    With one local worker (this process), ``on_item(1)`` is called as each item of a
    shard is done; other runners report whole shards."""
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    if cluster:
        dask = DaskRunner(settings, cluster, workers)
        try:
            yield dask
        finally:
            dask.close()
    elif workers == 1:
        yield InlineRunner(settings, on_item)
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
