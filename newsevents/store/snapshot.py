"""A read-only copy of a store that follows its writes: readers that never block ingest.

DuckDB lets one process write a database file, and while it writes no other process can
open the file at all, not even to read. A long batch ingest would therefore shut out the
web server, and a server holding the file open would shut out the ingest. So the server
never reads the store itself: it reads a private copy (a *snapshot*) and takes a new one
when the store's file has changed and no writer holds it.

- Taking a copy opens the store read-only for the time of a file copy (a shared lock; a
  writer that starts meanwhile waits, see ``lock_timeout`` in :func:`open_store`), copies
  the file and its write-ahead log, then lets go; the copy is migrated to the current
  schema if needed and opened read-only, with DuckDB's file access switched off.
- While an ingest holds the store, copying is skipped and readers keep the last copy;
  the ingest commits per chunk and closes the file at the end, and the next check (every
  ``interval`` seconds) picks up its data.
- Readers take a :class:`Store` over a cursor of the current copy; an old copy is closed
  and deleted when its last reader is done.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ..errors import StoreDamagedError, StoreError
from ._store import Store, damaged_error, is_damage, is_lock_error

log = logging.getLogger(__name__)

PREFIX = "newsevents-snapshot-"  # + the server's process id + "-" + a random part

# The signature of a store's files: when it changes, the store was written.
Signature = tuple[tuple[int, int] | None, tuple[int, int] | None]


@dataclass
class _Copy:
    """One generation of the snapshot: a copied file and a read-only connection to it."""

    number: int
    path: Path
    connection: duckdb.DuckDBPyConnection
    taken_at: datetime
    readers: int = 0
    retired: bool = False
    disposed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def dispose(self) -> None:
        self.connection.close()
        for path in (self.path, self.path.with_name(self.path.name + ".wal")):
            path.unlink(missing_ok=True)


class Snapshot:
    """A read-only, self-refreshing copy of the store at ``source``.

    ``query_timeout``: seconds after which a reader's query is interrupted (None: never).
    ``interval``: seconds between checks for changes once :meth:`start` has been called.
    ``lock_timeout``: how long to wait for a writer to let go before the first copy.
    Use as a context manager or call :meth:`close`, which deletes the copies.
    """

    def __init__(self, source: str | Path, query_timeout: float | None = 5.0,
                 interval: float = 2.0, workdir: str | Path | None = None,
                 lock_timeout: float = 30.0) -> None:
        self.source = Path(source)
        self.query_timeout = query_timeout
        self.interval = interval
        if not self.source.is_file():
            raise StoreError(f"{self.source}: no such store; create it with 'newsevents ingest'")
        remove_stale_copies(Path(workdir) if workdir else Path(tempfile.gettempdir()))
        # The folder is named after this process, so that a later server can tell when
        # it is gone (killed, its cleanup never run) and delete what it left.
        self._dir = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=workdir))
        # The copies are deleted at exit even when the owner never calls close() (the
        # server does, on SIGTERM, through uvicorn's shutdown).
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self._dir), True)
        self._lock = threading.Lock()
        self._current: _Copy | None = None
        self._signature: Signature | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        try:
            # A writer may hold the store (an ingest running): wait a while for the first copy.
            deadline = time.monotonic() + lock_timeout
            while not self.refresh():
                if time.monotonic() >= deadline:
                    raise StoreError(f"the store {self.source} is locked by a writer and could "
                                     "not be copied; try again when the ingest has finished")
                time.sleep(0.2)
        except BaseException:
            self._cleanup()
            raise

    # -- reading ---------------------------------------------------------------------

    def _acquire(self) -> _Copy:
        """The current copy, counted as read until :meth:`_release`."""
        with self._lock:
            current = self._current
            if current is None:
                raise StoreError(f"the snapshot of {self.source} is closed")
            with current.lock:
                current.readers += 1
            return current

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A read-only Store over the current copy, for one reader (one thread)."""
        current = self._acquire()
        with self._lock:
            cursor = current.connection.cursor()
        try:
            yield Store.over(cursor, str(self.source), self.query_timeout)
        finally:
            cursor.close()
            self._release(current)

    @contextmanager
    def exporting(self) -> Iterator[Store]:
        """A read-only Store over the current copy that may write files: for
        :meth:`Store.export` (the dashboard's downloads) and nothing else.

        The readers' connection has DuckDB's file access turned off, so that no query can
        reach the server's files; an export must write one. It gets its own in-memory
        connection with the copy attached read-only, and runs only the store's fixed
        export SQL with the filters bound as parameters.
        """
        current = self._acquire()
        try:
            try:
                connection = duckdb.connect()
                path = str(current.path).replace("'", "''")
                connection.execute(f"ATTACH '{path}' AS copy (READ_ONLY)")
                connection.execute("USE copy")
            except duckdb.Error as exc:
                raise StoreError(f"could not open the copy of {self.source} for an export: "
                                 f"{exc}") from exc
            with Store.over(connection, str(self.source), self.query_timeout) as store:
                yield store
        finally:
            self._release(current)

    @property
    def generation(self) -> int | None:
        """The number of the copy readers get now (None once closed): answers computed
        from the store can be kept as long as it stays the same."""
        current = self._current  # one attribute read: no lock needed
        return current.number if current else None

    @property
    def info(self) -> dict[str, object]:
        """Which copy readers get: ``{source, generation, taken_at}``."""
        with self._lock:
            current = self._current
        return {"source": str(self.source),
                "generation": current.number if current else None,
                "taken_at": current.taken_at.isoformat() if current else None}

    # -- refreshing ------------------------------------------------------------------

    def refresh(self) -> bool:
        """Take a new copy if the store changed and no writer holds it; True if taken."""
        signature = _signature(self.source)
        if signature == self._signature or signature[0] is None:
            return False
        number = (self._current.number + 1) if self._current else 1
        target = self._dir / f"copy-{number}.duckdb"
        try:
            source = duckdb.connect(str(self.source), read_only=True)
        except duckdb.Error as exc:
            if is_lock_error(exc):
                log.info("%s is being written; keeping the previous copy", self.source)
                return False
            if is_damage(exc):
                raise damaged_error(str(self.source), exc) from exc
            raise StoreError(f"the store {self.source} could not be read: {exc}") from exc
        try:
            # Holding the read-only connection keeps writers out while the bytes are copied.
            signature = _signature(self.source)
            shutil.copyfile(self.source, target)
            wal = self.source.with_name(self.source.name + ".wal")
            if wal.is_file():
                shutil.copyfile(wal, target.with_name(target.name + ".wal"))
        except OSError as exc:
            raise StoreError(f"could not copy the store {self.source} to {target}: "
                             f"{exc.strerror or exc}") from exc
        finally:
            source.close()
        # Opening the copy for writing once replays its log and brings its schema up to
        # date, whatever version the source is at; readers then get it read-only.
        try:
            Store(target, lock_timeout=0).close()
        except StoreDamagedError as exc:  # name the user's store, not our copy of it
            cause = exc.__cause__
            raise (damaged_error(str(self.source), cause) if isinstance(cause, duckdb.Error)
                   else exc) from exc
        try:
            connection = duckdb.connect(str(target), read_only=True,
                                        config={"enable_external_access": False})
        except duckdb.Error as exc:
            raise StoreError(f"could not open the copy {target} of {self.source}: {exc}") \
                from exc
        fresh = _Copy(number, target, connection, datetime.now(UTC))
        with self._lock:
            old, self._current, self._signature = self._current, fresh, signature
        if old is not None:
            with old.lock:
                old.retired = True
            self._release(old, held=False)
        log.info("took copy %d of %s", number, self.source)
        return True

    def start(self) -> None:
        """Check for changes every ``interval`` seconds in a background thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="newsevents-snapshot",
                                            daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop watching and delete the copies (once their readers are done)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.interval + 5)
        with self._lock:
            current, self._current = self._current, None
        if current is not None:
            with current.lock:
                current.retired = True
            self._release(current, held=False)
        self._cleanup()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.refresh()
            except Exception:  # a failed copy must not end the watch; the old copy serves
                log.exception("could not refresh the snapshot of %s", self.source)

    def _release(self, copy: _Copy, held: bool = True) -> None:
        with copy.lock:
            if held:
                copy.readers -= 1
            done = copy.retired and copy.readers == 0 and not copy.disposed
            copy.disposed = copy.disposed or done
        if done:
            copy.dispose()


def remove_stale_copies(folder: Path) -> list[Path]:
    """Delete the snapshot folders in ``folder`` whose server process is gone (a server
    killed with SIGKILL leaves a full copy of its store behind); returns them. Folders of
    live processes, of other users, or not named after a process are left alone."""
    removed = []
    for path in folder.glob(f"{PREFIX}*"):
        owner = path.name[len(PREFIX):].split("-", 1)[0]
        if not owner.isdigit() or _alive(int(owner)):
            continue
        try:
            if not path.is_dir() or path.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    if removed:
        log.info("deleted %d snapshot folder(s) left in %s by servers that were killed",
                 len(removed), folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _signature(path: Path) -> Signature:
    def stat(p: Path) -> tuple[int, int] | None:
        try:
            st = p.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    return stat(path), stat(path.with_name(path.name + ".wal"))
