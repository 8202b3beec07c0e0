"""The Store: open (migrating), write documents, read events and their evidence back."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, Unpack

import duckdb

from .. import models as results  # the typed reads: results.Summary, results.Period, ...
from ..errors import QueryTimeoutError, StoreDamagedError, StoreError
from ..models import Document, Event, EventList, Failure
from . import features, query
from ._rows import EVENT_SELECT, SORT_KEY_COLUMNS, event_record, quote_rows, row_event, sort_key
from .filters import EventFilter, Filters, make_filter
from .schema import (
    ACTOR_FIELDS,
    DOCUMENT_COLUMNS,
    DOCUMENT_TABLES,
    EVENT_COLUMNS,
    FAILURE_COLUMNS,
    MENTION_COLUMNS,
    MIGRATIONS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
    TABLES,
    check_migrations,
)

# Documents per transaction: bounds memory on long iterables while keeping inserts bulk.
_CHUNK_SIZE = 500

# What DuckDB says of a file another process holds (on Windows, the system's words).
_LOCK_SIGNS = ("could not set lock", "conflicting lock", "being used by another process")
# What DuckDB says of a file that is corrupt or cut short.
_DAMAGE_SIGNS = ("corrupt database file", "in block at location", "does not match stored "
                 "checksum", "could not read enough bytes from file")

# How long opening waits for another process's lock on the file to go (a reader such as
# the web server's snapshot copy holds it for a moment); then the error says who holds it.
DEFAULT_LOCK_TIMEOUT = 10.0


@dataclass(frozen=True)
class WriteResult:
    """What :meth:`Store.write` did; results of several writes add up with ``+``."""

    documents_new: int = 0
    documents_replaced: int = 0
    documents_unchanged: int = 0
    events_written: int = 0

    def __add__(self, other: WriteResult) -> WriteResult:
        return WriteResult(
            self.documents_new + other.documents_new,
            self.documents_replaced + other.documents_replaced,
            self.documents_unchanged + other.documents_unchanged,
            self.events_written + other.events_written,
        )


def open_store(path: str | Path = "newsevents.duckdb", read_only: bool = False,
               lock_timeout: float = DEFAULT_LOCK_TIMEOUT, threads: int | None = None
               ) -> Store:
    """Open (creating and migrating it if needed) the store at ``path``.

    A read-only store must exist and be at the current schema version; it refuses
    writes. When another process holds the file, opening retries for ``lock_timeout``
    seconds. ``threads`` caps DuckDB's own threads (default: one per core). Use the
    result as a context manager, or call :meth:`Store.close`.

    Example::

        with open_store("news.duckdb") as store:
            store.write(documents)
            assaults = store.events(type="ASSAULT", actor="PRK", since="2020-06")
    """
    return Store(path, read_only=read_only, lock_timeout=lock_timeout, threads=threads)


class Store:
    """An open event store. Not thread-safe: use one Store per thread.

    ``query_timeout`` (seconds, None for none) interrupts a read that runs longer and
    raises :class:`QueryTimeoutError`.
    """

    def __init__(self, path: str | Path = "newsevents.duckdb", read_only: bool = False,
                 lock_timeout: float = DEFAULT_LOCK_TIMEOUT, threads: int | None = None
                 ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.query_timeout: float | None = None
        self._con = _connect(self.path, read_only, lock_timeout, threads)
        try:
            self._migrate()
            self._types = self._column_types()
        except BaseException:
            self._con.close()
            raise

    @classmethod
    def over(cls, connection: duckdb.DuckDBPyConnection, path: str,
             query_timeout: float | None = None) -> Store:
        """A read-only Store over a connection someone else opened and checked (the web
        server's cursors on its snapshot); closing it closes that connection."""
        store = cls.__new__(cls)
        store.path, store.read_only, store.query_timeout = path, True, query_timeout
        store._con, store._types = connection, {}
        return store

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        """Close the store; closing twice is harmless."""
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = ", read_only=True" if self.read_only else ""
        return f"Store({self.path!r}{mode})"

    @property
    def schema_version(self) -> int:
        """The highest migration applied to this store."""
        with self._translate("read the schema version"):
            return max(self._applied_versions(), default=0)

    # -- writing ---------------------------------------------------------------------

    def write(self, documents: Iterable[Document]) -> WriteResult:
        """Store documents with their sentences, mentions, quotes and events.

        A document whose id is stored with the same ``content_hash`` is left untouched
        (its ``ingested_at`` too); one with a different hash replaces the stored one and
        everything that hangs off it. Each chunk of documents is one transaction, so a
        failure never leaves half a document. Raises :class:`StoreError`.
        """
        self._require_writable("write documents")
        total = WriteResult()
        for chunk in _chunks(documents, _CHUNK_SIZE):
            total += self._write_chunk(chunk)
        return total

    def record_failures(self, failures: Iterable[Failure]) -> int:
        """Record failures, stamped with the current time; returns how many.

        A failure already recorded (same input, stage and reason: the same input ingested
        again) is not added twice; its time becomes the current one.
        """
        self._require_writable("record failures")
        now = _utcnow()
        distinct = dict.fromkeys((f.input, f.stage, f.reason) for f in failures)
        rows = [(*key, now) for key in distinct]
        with self._transaction("record failures"):
            if rows:
                inputs, stages, reasons = (list(column) for column in zip(*distinct,
                                                                          strict=True))
                self._con.execute(
                    "DELETE FROM failures WHERE (input, stage, reason) IN (SELECT"
                    " (unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[])))",
                    [inputs, stages, reasons])
            self._insert("failures", FAILURE_COLUMNS, rows)
        return len(rows)

    def _write_chunk(self, chunk: list[Document]) -> WriteResult:
        with self._transaction("write documents"):
            stored = self._stored_hashes([d.id for d in chunk])
            known = dict(stored)
            pending: dict[str, Document] = {}
            new = replaced = unchanged = 0
            for doc in chunk:
                digest = doc.content_hash
                if known.get(doc.id) == digest:
                    unchanged += 1
                    continue
                if doc.id in known:
                    replaced += 1
                else:
                    new += 1
                known[doc.id] = digest
                pending[doc.id] = doc  # a later copy in the same batch wins
            stale = [doc_id for doc_id in pending if doc_id in stored]
            if stale:
                for table in DOCUMENT_TABLES:
                    self._con.execute(
                        f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))",
                        [stale])
                self._con.execute(
                    "DELETE FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))", [stale])
            events = self._insert_documents(list(pending.values()))
        return WriteResult(new, replaced, unchanged, events)

    def _insert_documents(self, docs: list[Document]) -> int:
        now = _utcnow()
        self._insert("documents", DOCUMENT_COLUMNS, [
            (d.id, d.origin, d.title, d.url, d.date, d.source, d.author, d.language, d.text,
             d.content_hash, now) for d in docs])
        self._insert("sentences", SENTENCE_COLUMNS, [
            (d.id, s.index, s.start, s.end, s.text) for d in docs for s in d.sentences])
        self._insert("mentions", MENTION_COLUMNS, [
            (d.id, m.sentence, m.start, m.end, m.kind,
             *(getattr(m.actor, name) for name in ACTOR_FIELDS), m.actor.code)
            for d in docs for m in d.mentions])
        self._insert("quotes", QUOTE_COLUMNS, [row for d in docs for row in quote_rows(d)])
        rows = []
        for doc in docs:
            for event in doc.events:
                if event.doc_id != doc.id:
                    raise StoreError(
                        f"{self.path}: event {event.event_id!r} has doc_id {event.doc_id!r} "
                        f"but belongs to document {doc.id!r}; the coder must set doc_id to "
                        "the document's id")
                record = event_record(event)
                rows.append((*(record[c] for c in EVENT_COLUMNS), sort_key(event.doc_id),
                             sort_key(event.event_id)))
        self._insert("events", (*EVENT_COLUMNS, *SORT_KEY_COLUMNS), rows)
        return len(rows)

    def _insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert ``rows`` in one statement, passing each column as one typed list."""
        if not rows:
            return
        types = self._types[table]
        # Names and types come from the schema, never from the caller's data.
        names = ", ".join(f'"{c}"' for c in columns)
        values = ", ".join(f"unnest(${i}::{types[c]}[])" for i, c in enumerate(columns, 1))
        self._con.execute(f"INSERT INTO {table} ({names}) SELECT {values}",
                          [list(column) for column in zip(*rows, strict=True)])

    def _stored_hashes(self, ids: list[str]) -> dict[str, str]:
        rows = self._con.execute(
            "SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))",
            [ids]).fetchall()
        return {doc_id: digest for doc_id, digest in rows}

    # -- reading events ------------------------------------------------------------------

    def events(self, flt: EventFilter | None = None, *, limit: int | None = None,
               offset: int = 0, order: str = "date", **filters: Unpack[Filters]
               ) -> EventList:
        """Stored events matching every filter given (see :class:`Filters`), as an
        :class:`~newsevents.models.EventList` (``.to_pandas()`` makes a DataFrame).

        ``order``: ``date`` (the default: by ISO date text, so a coarser date comes
        before the days it contains, then document and position), ``-date``,
        ``intensity`` or ``-intensity``. Raises :class:`QueryError` on a malformed filter.
        """
        flt = make_filter(flt, **filters)
        with self._reading("read events"):
            return query.select_events(self._con, flt, limit, offset, order)

    def count_events(self, flt: EventFilter | None = None, **filters: Unpack[Filters]) -> int:
        """How many stored events match the filters."""
        flt = make_filter(flt, **filters)
        with self._reading("count events"):
            return query.count_matching(self._con, flt)

    def event_records(self, flt: EventFilter | None = None, *, limit: int | None = None,
                      offset: int = 0, order: str = "date",
                      **filters: Unpack[Filters]) -> list[dict[str, Any]]:
        """Events as records with their article and highlight marks (the API's rows)."""
        flt = make_filter(flt, **filters)
        with self._reading("read events"):
            return query.event_records(self._con, flt, limit, offset, order)

    def event(self, event_id: str) -> Event | None:
        """The stored event with this id, or None."""
        with self._reading("read an event"):
            row = self._con.execute(f"SELECT {EVENT_SELECT} FROM events WHERE event_id = $1",
                                    [event_id]).fetchone()
        return row_event(row) if row else None

    def event_ids(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids of stored events that start with ``prefix``, in order, at most ``limit``:
        what a short id (``newsevents events --format table``) may stand for."""
        with self._reading("find events by id"):
            rows = self._con.execute(
                "SELECT event_id FROM events WHERE starts_with(event_id, $1)"
                " ORDER BY event_id LIMIT $2", [prefix, max(0, limit)]).fetchall()
        return [event_id for (event_id,) in rows]

    def evidence(self, event_id: str) -> dict[str, Any] | None:
        """An event with its article, highlight marks, neighbouring sentences and the
        actors recognised in its sentence, or None (see :func:`query.evidence`)."""
        with self._reading("read an event's evidence"):
            return query.evidence(self._con, event_id)

    # -- statistics ----------------------------------------------------------------------

    def timeline(self, flt: EventFilter | None = None, *, by: str = "week",
                 group: str | None = None, count: str = "events",
                 **filters: Unpack[Filters]) -> list[results.Period]:
        """Counts and mean intensity of matching events per day/week/month/year, split by
        ``group`` (type, quad, modality, source, target, dyad) if given."""
        flt = make_filter(flt, **filters)
        with self._reading("count events over time"):
            return query.timeline(self._con, flt, by, group, count)

    def time_series(self, flt: EventFilter | None = None, *, by: str = "week",
                    group: str | None = None, count: str = "events",
                    **filters: Unpack[Filters]) -> tuple[list[results.Period], int]:
        """:meth:`timeline`'s rows, and how many dated events are left out of them for a
        date coarser than ``by`` (one query)."""
        flt = make_filter(flt, **filters)
        with self._reading("count events over time"):
            return query.time_series(self._con, flt, by, group, count)

    def left_out(self, flt: EventFilter | None = None, *, by: str = "week",
                 count: str = "events", **filters: Unpack[Filters]) -> dict[str, int]:
        """How many matching events a ``by`` series leaves out: ``undated`` (no date) and
        ``coarse`` (dated too coarsely for one period), counted as ``count`` counts."""
        flt = make_filter(flt, **filters)
        with self._reading("count the events left out of a series"):
            return query.left_out(self._con, flt, by, count)

    def top_actors(self, flt: EventFilter | None = None, *, limit: int = 10,
                   **filters: Unpack[Filters]) -> list[results.ActorCount]:
        """The actors in most matching events (as source or target)."""
        flt = make_filter(flt, **filters)
        with self._reading("count actors"):
            return query.top_actors(self._con, flt, limit)

    def top_places(self, flt: EventFilter | None = None, *, limit: int = 200,
                   **filters: Unpack[Filters]) -> tuple[list[dict[str, Any]], int]:
        """The places (with coordinates) of most matching events, and how many matching
        events have no coordinates (see :func:`newsevents.store.query.top_places`)."""
        flt = make_filter(flt, **filters)
        with self._reading("count places"):
            return query.top_places(self._con, flt, limit)

    def top_dyads(self, flt: EventFilter | None = None, *, limit: int = 10,
                  **filters: Unpack[Filters]) -> list[results.DyadCount]:
        """The directed source→target pairs with most matching events."""
        flt = make_filter(flt, **filters)
        with self._reading("count dyads"):
            return query.top_dyads(self._con, flt, limit)

    def summary(self, flt: EventFilter | None = None,
                **filters: Unpack[Filters]) -> results.Summary:
        """Totals of the matching events: events, documents, dated, first, last day."""
        flt = make_filter(flt, **filters)
        with self._reading("summarise events"):
            return query.summary(self._con, flt)

    # -- other tables --------------------------------------------------------------------

    def count(self, table: str) -> int:
        """Rows in one of :data:`TABLES`; any other name raises :class:`StoreError`."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        with self._reading(f"count {table}"):
            row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def documents(self) -> list[results.StoredDocument]:
        """Stored documents (without events and quotes), by publication date (undated
        last), then id."""
        with self._reading("read documents"):
            return query.documents(self._con)

    def document(self, doc_id: str) -> results.StoredDocument | None:
        """One stored document with its text, events and quotes, or None."""
        with self._reading("read a document"):
            return query.document(self._con, doc_id)

    def quotes(self, doc_id: str | None = None) -> list[results.Quote]:
        """Stored quotes (of one document, or all), in document and text order."""
        with self._reading("read quotes"):
            return query.quotes(self._con, doc_id)

    def failures(self) -> list[Failure]:
        """Recorded failures, oldest first."""
        with self._reading("read failures"):
            rows = self._con.execute(
                'SELECT input, stage, reason FROM failures ORDER BY "at", rowid').fetchall()
        return [Failure(input=i, stage=s, reason=r) for i, s, r in rows]

    def export(self, out: str | Path, format: str | None = None,
               flt: EventFilter | None = None, **filters: Unpack[Filters]) -> int:
        """Write the matching events to the file ``out``; returns how many.

        ``format``: parquet, csv, jsonl, gdelt or plover (see :mod:`newsevents.store.export`);
        by default the one ``out``'s extension names (``.parquet``, ``.csv``, ``.jsonl``,
        ``.json`` for plover, ``.tsv`` for gdelt). An extension that names no format, or
        one that contradicts ``format``, raises :class:`QueryError`.
        """
        from .export import export_events  # the exporters are only needed here

        flt = make_filter(flt, **filters)
        with self._reading("export events"):
            return export_events(self._con, flt, Path(out), format)

    # -- for modules that keep their own tables (newsevents.stories) ------------------

    @contextmanager
    def transaction(self, action: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection inside one write transaction: committed when the block ends,
        rolled back if it raises; DuckDB errors become :class:`StoreError` naming
        ``action``."""
        self._require_writable(action)
        with self._transaction(action):
            yield self._con

    @contextmanager
    def reading(self, action: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection for reads: errors translated, ``query_timeout`` applied."""
        with self._reading(action):
            yield self._con

    # -- internals -------------------------------------------------------------------

    def _require_writable(self, action: str) -> None:
        if self.read_only:
            raise StoreError(f"cannot {action}: the store {self.path} is open read-only; "
                             "open it with read_only=False to write")

    @contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as exc:
            if is_damage(exc):
                raise damaged_error(self.path, exc) from exc
            raise StoreError(f"{self.path}: could not {action}: {exc}") from exc

    @contextmanager
    def _reading(self, action: str) -> Iterator[None]:
        """Translate errors, and interrupt the read after ``query_timeout`` seconds."""
        timer = None
        if self.query_timeout is not None:
            timer = _Watchdog(self._con, self.query_timeout)
            timer.start()
        try:
            with self._translate(action):
                try:
                    yield
                except duckdb.InterruptException as exc:
                    raise QueryTimeoutError(
                        f"{self.path}: could not {action}: the query took longer than "
                        f"{self.query_timeout:g} s; narrow the filters") from exc
        finally:
            if timer is not None:
                timer.cancel()

    @contextmanager
    def _transaction(self, action: str) -> Iterator[None]:
        with self._translate(action):
            self._con.begin()
            try:
                yield
            except BaseException:
                self._con.rollback()
                raise
            self._con.commit()

    def _applied_versions(self) -> set[int]:
        rows = self._con.execute("SELECT version FROM schema_version").fetchall()
        return {int(v) for (v,) in rows}

    def _has_version_table(self) -> bool:
        row = self._con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = 'main' AND table_name = 'schema_version'").fetchone()
        return bool(row and row[0])

    def _migrate(self) -> None:
        """Apply every migration this store lacks, in ascending order of version.

        Versions are compared as a set, not as a high-water mark, so a migration with a
        lower number that lands after a higher one is still applied.
        """
        with self._translate("read the schema version"):
            applied = self._applied_versions() if self._has_version_table() else set()
        # The store's own migrations and those of the features keeping tables in it.
        known = (*MIGRATIONS, *features.migrations())
        check_migrations(known)
        unknown = applied - {m.version for m in known}
        if unknown:
            raise StoreError(
                f"the store {self.path} has schema version {max(unknown)}, which this "
                f"newsevents does not know (it knows up to {max(m.version for m in known)}); "
                "upgrade newsevents")
        missing = sorted((m for m in known if m.version not in applied),
                         key=lambda m: m.version)
        if not missing:
            return
        if self.read_only:
            raise StoreError(
                f"the store {self.path} lacks schema version "
                f"{', '.join(str(m.version) for m in missing)} that newsevents needs; "
                "open it once for writing to upgrade it (open_store(path), or any "
                "'newsevents ingest' into it)")
        with self._translate("create the schema"):
            self._con.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                              "version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
        for migration in missing:
            with self._transaction(f"apply migration {migration.version}"):
                for statement in migration.statements:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version VALUES ($1, $2)",
                                  [migration.version, _utcnow()])

    def _column_types(self) -> dict[str, dict[str, str]]:
        with self._translate("read the schema"):
            rows = self._con.execute(
                "SELECT table_name, column_name, data_type FROM duckdb_columns()"
                " WHERE database_name = current_database() AND schema_name = 'main'").fetchall()
        types: dict[str, dict[str, str]] = {}
        for table, column, data_type in rows:
            types.setdefault(table, {})[column] = data_type
        return types


# -- helpers -----------------------------------------------------------------------------


class _Watchdog(threading.Thread):
    """Interrupts a connection's query once ``timeout`` seconds have passed, and again
    every few milliseconds until cancelled: an interrupt that lands before DuckDB starts
    executing (on a busy machine) is lost, so one is not enough."""

    def __init__(self, con: duckdb.DuckDBPyConnection, timeout: float) -> None:
        super().__init__(name="newsevents-query-timeout", daemon=True)
        self._con, self._timeout, self._done = con, timeout, threading.Event()

    def run(self) -> None:
        if self._done.wait(self._timeout):
            return
        self._con.interrupt()
        while not self._done.wait(0.02):
            self._con.interrupt()

    def cancel(self) -> None:
        self._done.set()


def _connect(path: str, read_only: bool, lock_timeout: float, threads: int | None = None
             ) -> duckdb.DuckDBPyConnection:
    """Connect, waiting up to ``lock_timeout`` seconds while another process holds the file."""
    deadline = time.monotonic() + lock_timeout
    config: dict[str, str | bool | int | float | list[str]] = (
        {"threads": threads} if threads else {})
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.Error as exc:
            # Only a lock held by another process goes away by waiting; anything else
            # (a damaged file above all) is reported at once.
            if not is_lock_error(exc) or time.monotonic() >= deadline:
                raise _open_error(path, exc) from exc
        time.sleep(0.05)


def is_lock_error(exc: duckdb.Error) -> bool:
    """True when ``exc`` says another process holds the file's lock. Matched on DuckDB's
    own words: a bare "lock" also matches a corrupt "b*lock* at location"."""
    text = str(exc).lower()
    return any(sign in text for sign in _LOCK_SIGNS)


def is_damage(exc: duckdb.Error) -> bool:
    """True when ``exc`` says the database file is corrupt or cut short."""
    text = str(exc).lower()
    return any(sign in text for sign in _DAMAGE_SIGNS)


def damaged_error(path: str, exc: duckdb.Error) -> StoreDamagedError:
    """The error for a damaged store, with how to recover."""
    return StoreDamagedError(
        f"the store {path} is damaged ({_first_line(exc)}); it cannot be repaired in place. "
        f"Move it aside and re-ingest your inputs into a new store (newsevents ingest "
        f"INPUT... --db NEW.duckdb), or, if it still opens, first save what is readable "
        f"(newsevents export --db {path} --format jsonl --out saved.jsonl)")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _utcnow() -> datetime:
    # TIMESTAMP columns hold naive values; keep them UTC whatever the machine's zone.
    return datetime.now(UTC).replace(tzinfo=None)


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _open_error(path: str, exc: duckdb.Error) -> StoreError:
    """A StoreError for a failed connect, saying what to do about it."""
    text = str(exc)
    lowered = text.lower()
    if is_damage(exc):
        return damaged_error(path, exc)
    if "not a valid duckdb database" in lowered:
        hint = ("is not a DuckDB database file; give the path of a store newsevents wrote, "
                "or a new file name")
    elif is_lock_error(exc):
        hint = ("is locked by another process; close the other program using it (another "
                "newsevents run or a duckdb shell) and try again")
    elif "database does not exist" in lowered:
        hint = ("does not exist; a read-only store must already exist, so write to it "
                "first or check the path")
    elif "no such file or directory" in lowered:
        hint = "cannot be created because its directory does not exist; create it first"
    elif "different configuration" in lowered:
        hint = "is already open in this process with other options; close that store first"
    elif "permission denied" in lowered:
        hint = "cannot be opened: permission denied; check the file's permissions"
    else:
        hint = "could not be opened"
    return StoreError(f"the store {path} {hint} ({text})")
