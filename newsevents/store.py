"""The event store: one embedded DuckDB file holding documents, their parse and their events.

Reads the whole :class:`~newsevents.models.Document` (metadata, ``sentences``,
``mentions``, ``events``) and :class:`~newsevents.models.Failure` records; fills nothing.

Schema (version 1; ``schema_version`` records each migration applied)::

    schema_version (version INTEGER PK, applied_at TIMESTAMP)
    documents  (id PK, origin, title, url, date DATE, source, author, language, text,
                content_hash, ingested_at TIMESTAMP)
    sentences  (doc_id, idx, start_char, end_char, text)            PK (doc_id, idx)
    mentions   (doc_id, sentence_idx, start_char, end_char, kind,
                text, name, country, sector, role, code)
    events     (event_id PK, doc_id, type, mode, context VARCHAR[], cameo, quad_class,
                intensity DOUBLE,
                source_text, source_name, source_country, source_sector, source_role,
                source_code, target_* (the same six),
                date VARCHAR, date_precision, date_text, date_start DATE, date_end DATE,
                location_text, location_name, location_country, location_lat, location_lon,
                modality, sentence, span_start, span_end, trigger, confidence, coder)
    failures   (input, stage, reason, at TIMESTAMP)

An event row is :meth:`Event.to_dict` flattened: nested ``source``/``target``/``location``
become prefixed columns (all NULL when the object is None; ``*_text`` is never NULL for a
present object) and ``span`` becomes ``span_start``/``span_end``. ``date`` is ISO text cut
to ``date_precision`` (``2020``, ``2020-06``, ``2020-06-16``); ``date_start``/``date_end``
are derived from it on write — the first and last day the date can mean — so that date
filters respect precision. Timestamps are UTC.

Migrations are applied in order when a store is opened for writing; to change the schema,
append a :class:`Migration` to ``MIGRATIONS`` (never edit an applied one).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

import duckdb

from .errors import StoreError
from .models import Document, Event, Failure

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "TABLES", "Migration", "Store", "WriteResult",
           "open_store"]


class Migration(NamedTuple):
    """One step of the schema: applied once, in order, inside a transaction."""

    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", (
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            origin VARCHAR NOT NULL,
            title VARCHAR,
            url VARCHAR,
            "date" DATE,
            source VARCHAR,
            author VARCHAR,
            language VARCHAR,
            text VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, idx)
        )""",
        """CREATE TABLE mentions (
            doc_id VARCHAR NOT NULL,
            sentence_idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            name VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            role VARCHAR,
            code VARCHAR
        )""",
        """CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            "type" VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR[] NOT NULL,
            cameo VARCHAR NOT NULL,
            quad_class INTEGER NOT NULL,
            intensity DOUBLE NOT NULL,
            source_text VARCHAR,
            source_name VARCHAR,
            source_country VARCHAR,
            source_sector VARCHAR,
            source_role VARCHAR,
            source_code VARCHAR,
            target_text VARCHAR,
            target_name VARCHAR,
            target_country VARCHAR,
            target_sector VARCHAR,
            target_role VARCHAR,
            target_code VARCHAR,
            "date" VARCHAR,
            date_precision VARCHAR,
            date_text VARCHAR,
            date_start DATE,
            date_end DATE,
            location_text VARCHAR,
            location_name VARCHAR,
            location_country VARCHAR,
            location_lat DOUBLE,
            location_lon DOUBLE,
            modality VARCHAR NOT NULL,
            sentence VARCHAR NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            "trigger" VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL,
            coder VARCHAR NOT NULL
        )""",
        """CREATE TABLE failures (
            input VARCHAR NOT NULL,
            stage VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            "at" TIMESTAMP NOT NULL
        )""",
    )),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

# The tables count() accepts; also the tables a replaced document is deleted from.
TABLES: tuple[str, ...] = ("documents", "sentences", "mentions", "events", "failures")

_DOCUMENT_COLUMNS = ("id", "origin", "title", "url", "date", "source", "author", "language",
                     "text", "content_hash", "ingested_at")
_SENTENCE_COLUMNS = ("doc_id", "idx", "start_char", "end_char", "text")
_MENTION_COLUMNS = ("doc_id", "sentence_idx", "start_char", "end_char", "kind",
                    "text", "name", "country", "sector", "role", "code")
_ACTOR_FIELDS = ("text", "name", "country", "sector", "role")
_EVENT_COLUMNS = (
    "event_id", "doc_id", "type", "mode", "context", "cameo", "quad_class", "intensity",
    *(f"source_{f}" for f in (*_ACTOR_FIELDS, "code")),
    *(f"target_{f}" for f in (*_ACTOR_FIELDS, "code")),
    "date", "date_precision", "date_text", "date_start", "date_end",
    "location_text", "location_name", "location_country", "location_lat", "location_lon",
    "modality", "sentence", "span_start", "span_end", "trigger", "confidence", "coder",
)
_FAILURE_COLUMNS = ("input", "stage", "reason", "at")

# Documents per transaction: bounds memory on long iterables while keeping inserts bulk.
_CHUNK_SIZE = 500

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}


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


def open_store(path: str | Path = "newsevents.duckdb", read_only: bool = False) -> Store:
    """Open (creating and migrating it if needed) the store at ``path``.

    A read-only store must exist and be at the current schema version; it refuses
    writes. Use the result as a context manager, or call :meth:`Store.close`.

    Example::

        with open_store("news.duckdb") as store:
            store.write(documents)
            assaults = store.events(type="ASSAULT", actor="PRK", since="2020-06")
    """
    return Store(path, read_only=read_only)


class Store:
    """An open event store. Not thread-safe: use one Store per thread."""

    def __init__(self, path: str | Path = "newsevents.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise _open_error(self.path, exc) from exc
        try:
            self._migrate()
            self._types = self._column_types()
        except BaseException:
            self._con.close()
            raise

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
            return self._stored_version()

    # -- writing ---------------------------------------------------------------------

    def write(self, documents: Iterable[Document]) -> WriteResult:
        """Store documents with their sentences, mentions and events.

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
        """Append failure records, stamped with the current time; returns how many."""
        self._require_writable("record failures")
        now = _utcnow()
        rows = [(f.input, f.stage, f.reason, now) for f in failures]
        with self._transaction("record failures"):
            self._insert("failures", _FAILURE_COLUMNS, rows)
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
                for table in ("events", "mentions", "sentences"):
                    self._con.execute(
                        f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))",
                        [stale])
                self._con.execute(
                    "DELETE FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))", [stale])
            events = self._insert_documents(list(pending.values()))
        return WriteResult(new, replaced, unchanged, events)

    def _insert_documents(self, docs: list[Document]) -> int:
        now = _utcnow()
        self._insert("documents", _DOCUMENT_COLUMNS, [
            (d.id, d.origin, d.title, d.url, d.date, d.source, d.author, d.language, d.text,
             d.content_hash, now) for d in docs])
        self._insert("sentences", _SENTENCE_COLUMNS, [
            (d.id, s.index, s.start, s.end, s.text) for d in docs for s in d.sentences])
        self._insert("mentions", _MENTION_COLUMNS, [
            (d.id, m.sentence, m.start, m.end, m.kind, m.actor.text, m.actor.name,
             m.actor.country, m.actor.sector, m.actor.role, m.actor.code)
            for d in docs for m in d.mentions])
        rows = []
        for doc in docs:
            for event in doc.events:
                if event.doc_id != doc.id:
                    raise StoreError(
                        f"{self.path}: event {event.event_id!r} has doc_id {event.doc_id!r} "
                        f"but belongs to document {doc.id!r}; the coder must set doc_id to "
                        "the document's id")
                record = _event_record(event)
                rows.append(tuple(record[c] for c in _EVENT_COLUMNS))
        self._insert("events", _EVENT_COLUMNS, rows)
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

    # -- reading ---------------------------------------------------------------------

    def events(self, type: str | None = None, actor: str | None = None,
               since: str | None = None, until: str | None = None,
               doc_id: str | None = None, limit: int | None = None) -> list[Event]:
        """Stored events matching every filter given, ordered by date, doc_id and span.

        ``type``: a PLOVER type, any case. ``actor``: a CAMEO code prefix of the source or
        target (``PRK`` matches ``PRKGOV``), or a source/target name or text, any case.
        ``since``/``until``: ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) read as the
        first and the last day they can mean, inclusive; an event matches only if every
        day its date can mean lies in the window, so ``2020-06`` is within
        ``since="2020-06-01", until="2020-06-30"`` (or ``since=until="2020-06"``) but not
        within ``since="2020-06-15"``, and events without a date never match a date
        filter. Events sort by their ISO date text, so a coarser date comes before the
        days it contains. Raises :class:`StoreError` on a malformed filter.
        """
        where: list[str] = []
        params: dict[str, Any] = {}
        if type is not None:
            where.append('upper("type") = upper($type)')
            params["type"] = type
        if actor is not None:
            if not actor.strip():
                raise StoreError("actor filter is empty; give a CAMEO code, name or text")
            where.append(
                "(starts_with(upper(source_code), upper($actor))"
                " OR starts_with(upper(target_code), upper($actor))"
                " OR lower(source_name) = lower($actor) OR lower(source_text) = lower($actor)"
                " OR lower(target_name) = lower($actor) OR lower(target_text) = lower($actor))")
            params["actor"] = actor.strip()
        if since is not None:
            where.append("date_start >= $since")
            params["since"] = _filter_interval("since", since)[0]
        if until is not None:
            where.append("date_end <= $until")
            params["until"] = _filter_interval("until", until)[1]
        if doc_id is not None:
            where.append("doc_id = $doc_id")
            params["doc_id"] = doc_id
        sql = _select_events(where) + ' ORDER BY "date" NULLS LAST, doc_id, span_start, event_id'
        if limit is not None:
            if limit < 0:
                raise StoreError(f"limit must be zero or more, not {limit}")
            sql += " LIMIT $limit"
            params["limit"] = limit
        with self._translate("read events"):
            rows = self._con.execute(sql, params).fetchall()
        return [_row_event(row) for row in rows]

    def event(self, event_id: str) -> Event | None:
        """The stored event with this id, or None."""
        with self._translate("read an event"):
            row = self._con.execute(_select_events(["event_id = $1"]), [event_id]).fetchone()
        return _row_event(row) if row else None

    def count(self, table: str) -> int:
        """Rows in one of :data:`TABLES`; any other name raises :class:`StoreError`."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        with self._translate(f"count {table}"):
            row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def documents(self) -> list[dict[str, Any]]:
        """Stored documents as :meth:`Document.to_dict` dicts plus ``ingested_at``.

        Dates are ISO text; ordered by publication date (undated last), then id.
        """
        names = ", ".join(f'"{c}"' for c in _DOCUMENT_COLUMNS)
        with self._translate("read documents"):
            rows = self._con.execute(
                f'SELECT {names} FROM documents ORDER BY "date" NULLS LAST, id').fetchall()
        result = []
        for row in rows:
            record = dict(zip(_DOCUMENT_COLUMNS, row, strict=True))
            record["date"] = record["date"].isoformat() if record["date"] else None
            record["ingested_at"] = record["ingested_at"].isoformat()
            result.append(record)
        return result

    def failures(self) -> list[Failure]:
        """Recorded failures, oldest first."""
        with self._translate("read failures"):
            rows = self._con.execute(
                'SELECT input, stage, reason FROM failures ORDER BY "at", rowid').fetchall()
        return [Failure(input=i, stage=s, reason=r) for i, s, r in rows]

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
            raise StoreError(f"{self.path}: could not {action}: {exc}") from exc

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

    def _stored_version(self) -> int:
        row = self._con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _has_version_table(self) -> bool:
        row = self._con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = 'main' AND table_name = 'schema_version'").fetchone()
        return bool(row and row[0])

    def _migrate(self) -> None:
        with self._translate("read the schema version"):
            found = self._stored_version() if self._has_version_table() else 0
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"the store {self.path} has schema version {found}, newer than this "
                f"newsevents understands ({SCHEMA_VERSION}); upgrade newsevents")
        if found == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                f"the store {self.path} has schema version {found} but newsevents needs "
                f"{SCHEMA_VERSION}; open it once without read_only to upgrade it")
        with self._translate("create the schema"):
            self._con.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                              "version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
        for migration in MIGRATIONS[found:]:
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


# -- rows <-> model ------------------------------------------------------------------------


def _event_record(event: Event) -> dict[str, Any]:
    """The flat column values of an event."""
    record: dict[str, Any] = {
        key: value for key, value in event.to_dict().items()
        if key not in ("source", "target", "location", "span")
    }
    for role, actor in (("source", event.source), ("target", event.target)):
        values = actor.to_dict() if actor else {}
        for name in (*_ACTOR_FIELDS, "code"):
            record[f"{role}_{name}"] = values.get(name)
    location = event.location.to_dict() if event.location else {}
    for name in ("text", "name", "country", "lat", "lon"):
        record[f"location_{name}"] = location.get(name)
    record["span_start"], record["span_end"] = event.span
    interval = _event_interval(event.date, event.date_precision)
    record["date_start"], record["date_end"] = interval or (None, None)
    return record


def _select_events(where: list[str]) -> str:
    names = ", ".join(f'"{c}"' for c in _EVENT_COLUMNS)
    sql = f"SELECT {names} FROM events"
    return sql + (" WHERE " + " AND ".join(where) if where else "")


def _row_event(row: tuple[Any, ...]) -> Event:
    record = dict(zip(_EVENT_COLUMNS, row, strict=True))

    def actor(role: str) -> dict[str, Any] | None:
        if record[f"{role}_text"] is None:
            return None
        return {name: record[f"{role}_{name}"] for name in _ACTOR_FIELDS}

    location = None
    if record["location_text"] is not None:
        location = {name: record[f"location_{name}"]
                    for name in ("text", "name", "country", "lat", "lon")}
    return Event.from_dict({
        **record,
        "source": actor("source"),
        "target": actor("target"),
        "location": location,
        "span": (record["span_start"], record["span_end"]),
    })


# -- dates -----------------------------------------------------------------------------------


def _iso_interval(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO date of any precision can mean, or None if malformed."""
    match = _ISO_DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # the pattern requires it
    try:
        if day is not None and month is not None:
            exact = date(year, month, day)
            return exact, exact
        if month is not None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:  # month 13, February 30, ...
        return None


def _event_interval(value: str | None, precision: str | None) -> tuple[date, date] | None:
    """An event date's interval; the precision can only widen it (``2020-06-16``/month)."""
    if not value:
        return None
    length = _PRECISION_LENGTH.get(precision or "")
    return _iso_interval(value[:length] if length else value)


def _filter_interval(name: str, value: str) -> tuple[date, date]:
    interval = _iso_interval(value)
    if interval is None:
        raise StoreError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return interval


# -- helpers -----------------------------------------------------------------------------


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
    if "not a valid duckdb database" in lowered:
        hint = ("is not a DuckDB database file; give the path of a store newsevents wrote, "
                "or a new file name")
    elif "lock" in lowered:
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
