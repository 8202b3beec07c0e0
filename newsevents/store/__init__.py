"""The event store: one embedded DuckDB file holding documents, their parse and their events.

Reads the whole :class:`~newsevents.models.Document` (metadata, ``sentences``,
``mentions``, ``quotes``, ``events``) and :class:`~newsevents.models.Failure` records;
fills nothing.

- :mod:`.schema`: the tables of documents and events, as a list of versioned migrations;
- :class:`Store` (``open_store``): opening, migrating, writing, reading;
- :mod:`.filters`: the event filters shared by library, CLI and web API, and the one
  place they become SQL (:meth:`EventFilter.where`);
- :mod:`.query`: reading a store: the library (``query_events``, ``stats``, ``export``)
  and the reads behind it (events, counts over time, top actors and dyads, documents,
  quotes, evidence), returning the records of :mod:`newsevents.models`;
- :mod:`.features`: how stories and beats keep their own tables in the store (their
  migrations, event conditions and counts);
- :mod:`.export`: Parquet, CSV, JSONL, GDELT-style and PLOVER exports of any filter;
- :mod:`.snapshot`: a read-only copy of a store that follows its writes, for readers that
  must not block (or be blocked by) a batch ingest — the web server.

An event row is :meth:`Event.to_dict` flattened: nested ``source``/``target``/``location``
become prefixed columns (all NULL when the object is None; ``*_text`` is never NULL for a
present object) and ``span`` becomes ``span_start``/``span_end``. ``date`` is ISO text cut
to ``date_precision`` (``2020``, ``2020-06``, ``2020-06-16``); ``date_start``/``date_end``
are derived from it on write — the first and last day the date can mean — so that date
filters respect precision. Timestamps are UTC.
"""

from __future__ import annotations

from ._store import DEFAULT_LOCK_TIMEOUT, Store, WriteResult, open_store
from .filters import EventFilter, Filters
from .schema import MIGRATIONS, SCHEMA_VERSION, TABLES, Migration

__all__ = ["DEFAULT_LOCK_TIMEOUT", "MIGRATIONS", "SCHEMA_VERSION", "TABLES", "EventFilter",
           "Filters", "Migration", "Store", "WriteResult", "open_store"]
