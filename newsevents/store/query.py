"""Read the store: the library behind ``newsevents events``, ``stats`` and ``export``, and
the filtered reads of an open store behind it, the CLI and the web API (events, counts
over time, top actors and dyads, documents, quotes, evidence).

The library functions open the store read-only, apply the filters of :class:`Filters`
(type, quad class, CAMEO prefix, actor, dyad, country, dates, place, modality, free text,
document, story) and close it. For many queries on one store, open it once with
:func:`newsevents.open_store` and call the same-named methods. The reads below them take
an open DuckDB connection (a :class:`Store`'s, or a cursor of the web server's read-only
snapshot) and only read; filters become SQL in :mod:`.filters` only.

Example::

    from newsevents.store.query import query_events, stats, export

    events = query_events("news.duckdb", dyad="PRK-KOR", undirected=True, since="2020")
    weekly = stats("news.duckdb", by="week", group="quad", actor="PRK")
    export("prk.parquet", db="news.duckdb", actor="PRK")   # the format follows the name
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

import duckdb

from ..errors import ConfigError, QueryError
from ..labels import code_label
from ..models import (
    ActorCount,
    DyadCount,
    EventList,
    Failure,
    Period,
    Quote,
    StoredDocument,
    Summary,
    plain,
)
from ..settings import Settings
from ._rows import EVENT_SELECT, evidence_marks, row_event, row_quote
from .filters import (
    COUNTS,
    FILTER_NAMES,
    GROUPS,
    ORDERS,
    PERIODS,
    EventFilter,
    Filters,
    check_limit,
    count_names,
    count_sql,
    lookup,
    make_filter,
    order_by,
    page_sql,
)
from .schema import DOCUMENT_COLUMNS, QUOTE_COLUMNS

if TYPE_CHECKING:
    from ._store import Store


# -- reads ---------------------------------------------------------------------------------


def select_events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = None,
                  offset: int = 0, order: str = "date") -> EventList:
    """Events matching ``flt`` in ``order`` (a key of :data:`ORDERS`), paged."""
    where, params = flt.where()
    order_sql = order_by(order)
    page = page_sql(limit, offset, params)
    if limit is None:
        sql = f"SELECT {EVENT_SELECT} FROM events WHERE {where} ORDER BY {order_sql}{page}"
    else:
        # Find the page's events on the integer sort keys first, then read only their
        # columns, through the event_id index (a join back would scan the whole table).
        ids = [i for (i,) in con.execute(
            f"SELECT event_id FROM events WHERE {where} ORDER BY {order_sql}{page}",
            params).fetchall()]
        if not ids:
            return EventList()
        sql = f"SELECT {EVENT_SELECT} FROM events WHERE event_id = ANY($ids) ORDER BY {order_sql}"
        params = {"ids": ids}
    return EventList(row_event(row) for row in con.execute(sql, params).fetchall())


def count_matching(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """How many events match ``flt`` (the library's :func:`count_events` opens a store)."""
    where, params = flt.where()
    row = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()
    return int(row[0]) if row else 0


def event_records(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = None,
                  offset: int = 0, order: str = "date") -> list[dict[str, Any]]:
    """Matching events as :meth:`Event.to_dict` records plus ``document`` (id, title, url,
    date, source of the article) and ``marks`` (see :func:`evidence_marks`)."""
    events = select_events(con, flt, limit, offset, order)
    docs = document_summaries(con, {e.doc_id for e in events})
    return [{**e.to_dict(), "document": docs.get(e.doc_id), "marks": evidence_marks(e)}
            for e in events]


def timeline(con: duckdb.DuckDBPyConnection, flt: EventFilter, by: str = "week",
             group: str | None = None, count: str = "events") -> list[Period]:
    """Matching dated events per period, by period then group.

    ``by``: day, week (starting Monday), month or year. ``group``: None or a key of
    :data:`GROUPS`. An event is counted in a period only if every day its date can mean
    lies in it, as for ``since``/``until``: a date known to the month is in no day or week
    of a daily or weekly series (:func:`time_series` says how many are left out). So
    filtering on a period's first and last day gives exactly the events of its bar.
    """
    return time_series(con, flt, by, group, count)[0]


def time_series(con: duckdb.DuckDBPyConnection, flt: EventFilter, by: str = "week",
                group: str | None = None, count: str = "events",
                ) -> tuple[list[Period], int]:
    """:func:`timeline`'s rows, and how many dated events have a date too coarse for
    ``by`` to be in any one period (counted as ``count`` counts)."""
    if by not in PERIODS:
        raise QueryError(f"by={by!r} is not a period; choose one of {', '.join(PERIODS)}")
    group_sql = lookup("group", group, GROUPS) if group else "NULL"
    where, params = flt.where()
    # One pass: an event whose date does not fit in one period gets a NULL period.
    period = (f"CASE WHEN date_start = date_end OR date_trunc('{by}', date_start)"
              f" = date_trunc('{by}', date_end) THEN CAST(date_trunc('{by}', date_start)"
              " AS DATE) END")
    rows = con.execute(
        f"SELECT {period} AS period, {group_sql} AS grp,"
        f" {count_sql(count)} AS n, avg(intensity) AS mean"
        f" FROM events WHERE {where} AND date_start IS NOT NULL"
        " GROUP BY ALL ORDER BY period NULLS LAST, grp NULLS LAST", params).fetchall()
    series = [Period(day, grp, int(n), _round(mean))
              for day, grp, n, mean in rows if day is not None]
    return series, sum(int(n) for day, _, n, _ in rows if day is None)


def left_out(con: duckdb.DuckDBPyConnection, flt: EventFilter, by: str = "week",
             count: str = "events") -> dict[str, int]:
    """What a ``by`` series of the matching events leaves out, counted as ``count``
    counts: ``undated`` (no date at all) and ``coarse`` (a date that fits in no one
    period, such as a month in a weekly series; :func:`time_series`'s second value)."""
    if by not in PERIODS:
        raise QueryError(f"by={by!r} is not a period; choose one of {', '.join(PERIODS)}")
    where, params = flt.where()
    fits = (f"(date_start = date_end OR date_trunc('{by}', date_start)"
            f" = date_trunc('{by}', date_end))")
    rows = con.execute(
        f"SELECT date_start IS NULL AS undated, {count_sql(count)}"
        f" FROM events WHERE {where} AND (date_start IS NULL OR NOT {fits})"
        " GROUP BY ALL", params).fetchall()
    found = {bool(undated): int(n) for undated, n in rows}
    return {"undated": found.get(True, 0), "coarse": found.get(False, 0)}


def top_actors(con: duckdb.DuckDBPyConnection, flt: EventFilter,
               limit: int = 10) -> list[ActorCount]:
    """The actors (by code) in most matching events, as source or target."""
    where, params = flt.where()
    params["limit"] = check_limit(limit)
    rows = con.execute(
        f"""WITH hits AS (SELECT source_code, target_code, intensity FROM events WHERE {where}),
            sides AS (SELECT source_code AS code, 1 AS s, 0 AS t, intensity
                      FROM hits WHERE source_code IS NOT NULL
                      UNION ALL
                      SELECT target_code, 0, 1, intensity
                      FROM hits WHERE target_code IS NOT NULL)
            SELECT code, count(*) AS n, sum(s), sum(t), avg(intensity)
            FROM sides GROUP BY code ORDER BY n DESC, code LIMIT $limit""", params).fetchall()
    # A row stands for every actor with the code, so it is named by the code (USAGOV:
    # "United States — government"), not by whichever official was named most.
    return [ActorCount(code, code_label(code), int(n), int(s), int(t), _round(mean))
            for code, n, s, t, mean in rows]


def top_dyads(con: duckdb.DuckDBPyConnection, flt: EventFilter,
              limit: int = 10) -> list[DyadCount]:
    """The directed source→target pairs with most matching events."""
    where, params = flt.where()
    params["limit"] = check_limit(limit)
    rows = con.execute(
        f"""SELECT source_code, target_code, count(*) AS n,
                   count(*) FILTER (WHERE quad_class <= 2),
                   count(*) FILTER (WHERE quad_class >= 3), avg(intensity)
            FROM events
            WHERE {where} AND source_code IS NOT NULL AND target_code IS NOT NULL
            GROUP BY source_code, target_code
            ORDER BY n DESC, source_code, target_code LIMIT $limit""", params).fetchall()
    # Named by code, as top_actors' rows are.
    return [DyadCount(s, t, code_label(s), code_label(t), int(n), int(co), int(cf),
                      _round(mean))
            for s, t, n, co, cf, mean in rows]


def top_places(con: duckdb.DuckDBPyConnection, flt: EventFilter,
               limit: int = 200) -> tuple[list[dict[str, Any]], int]:
    """The places with coordinates where most matching events happened, and how many
    matching events have no coordinates (not on a map). Each place: ``{name, country,
    lat, lon, events, quads}``, ``quads`` counting its events by quad class (keys "1"-"4").
    """
    where, params = flt.where()
    params["limit"] = check_limit(limit)
    rows = con.execute(
        f"""SELECT location_name, location_country, avg(location_lat), avg(location_lon),
                   count(*) AS n, count(*) FILTER (WHERE quad_class = 1),
                   count(*) FILTER (WHERE quad_class = 2),
                   count(*) FILTER (WHERE quad_class = 3),
                   count(*) FILTER (WHERE quad_class = 4)
            FROM events
            WHERE {where} AND location_lat IS NOT NULL AND location_lon IS NOT NULL
            GROUP BY location_name, location_country
            ORDER BY n DESC, location_name LIMIT $limit""", params).fetchall()
    row = con.execute(f"SELECT count(*) FROM events WHERE {where} AND (location_lat IS NULL"
                      " OR location_lon IS NULL)", flt.where()[1]).fetchone()
    places = [{"name": name, "country": country, "lat": _round(lat), "lon": _round(lon),
               "events": int(n), "quads": {"1": int(q1), "2": int(q2), "3": int(q3),
                                           "4": int(q4)}}
              for name, country, lat, lon, n, q1, q2, q3, q4 in rows]
    return places, int(row[0]) if row else 0


def summary(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> Summary:
    """Totals of the matching events (first/last: the earliest and latest day of a dated
    event)."""
    where, params = flt.where()
    row = con.execute(
        f"SELECT count(*), count(DISTINCT doc_id), count(date_start), min(date_start),"
        f" max(date_end), avg(intensity) FROM events WHERE {where}", params).fetchone()
    assert row is not None  # an aggregate always returns a row
    n, docs, dated, first, last, mean = row
    return Summary(int(n), int(docs), int(dated), first, last, _round(mean))


def document_summaries(con: duckdb.DuckDBPyConnection,
                       ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``{id: {id, title, url, date, source}}`` for the stored documents among ``ids``."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = con.execute(
        'SELECT id, title, url, "date", source FROM documents'
        " WHERE id IN (SELECT unnest($1::VARCHAR[]))", [wanted]).fetchall()
    return {i: {"id": i, "title": title, "url": url,
                "date": day.isoformat() if day else None, "source": source}
            for i, title, url, day, source in rows}


def evidence(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with its evidence, or None if there is no such event.

    The :meth:`Event.to_dict` record plus ``document`` (the article's id, title, url,
    date, source), ``marks`` (trigger and actors in the sentence), ``surrounding``
    (``{before, after}``: the neighbouring sentences of the article, or None) and
    ``mentions`` (actors recognised in the sentence, offsets relative to it).
    """
    row = con.execute(f"SELECT {EVENT_SELECT} FROM events WHERE event_id = $1",
                      [event_id]).fetchone()
    if row is None:
        return None
    event = row_event(row)
    found = con.execute(
        "SELECT idx, start_char FROM sentences WHERE doc_id = $1"
        " AND start_char <= $2 AND $2 < end_char ORDER BY idx LIMIT 1",
        [event.doc_id, event.span[0]]).fetchone()
    surrounding: dict[str, str | None] | None = None
    mentions: list[dict[str, Any]] = []
    if found is not None:
        idx, offset = found
        near = dict(con.execute(
            "SELECT idx, text FROM sentences WHERE doc_id = $1 AND idx IN ($2, $3)",
            [event.doc_id, idx - 1, idx + 1]).fetchall())
        surrounding = {"before": near.get(idx - 1), "after": near.get(idx + 1)}
        mentions = [
            {"text": text, "code": code, "name": name, "kind": kind,
             "start": start - offset, "end": end - offset}
            for text, code, name, kind, start, end in con.execute(
                "SELECT text, code, name, kind, start_char, end_char FROM mentions"
                " WHERE doc_id = $1 AND sentence_idx = $2 ORDER BY start_char",
                [event.doc_id, idx]).fetchall()]
    docs = document_summaries(con, [event.doc_id])
    return {**event.to_dict(), "document": docs.get(event.doc_id),
            "marks": evidence_marks(event), "surrounding": surrounding, "mentions": mentions}


def documents(con: duckdb.DuckDBPyConnection) -> list[StoredDocument]:
    """Every stored document (without its events and quotes), by publication date
    (undated last), then id."""
    names = ", ".join(f'"{c}"' for c in DOCUMENT_COLUMNS)
    rows = con.execute(f'SELECT {names} FROM documents ORDER BY "date" NULLS LAST, id')
    return [StoredDocument(*row) for row in rows.fetchall()]


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> StoredDocument | None:
    """A stored document with its text, events (as in :func:`event_records`) and quotes,
    or None if there is no such document."""
    names = ", ".join(f'"{c}"' for c in DOCUMENT_COLUMNS)
    row = con.execute(f"SELECT {names} FROM documents WHERE id = $1", [doc_id]).fetchone()
    if row is None:
        return None
    return replace(StoredDocument(*row),
                   events=tuple(event_records(con, EventFilter(doc_id=doc_id))),
                   quotes=tuple(quotes(con, doc_id)))


def quotes(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> list[Quote]:
    """Stored quotes (of one document, or all), in document and text order."""
    columns = ", ".join(f"q.{c}" for c in QUOTE_COLUMNS)
    sql = (f"SELECT {columns}, s.text FROM quotes q LEFT JOIN sentences s"
           " ON s.doc_id = q.doc_id AND s.idx = q.sentence_idx")
    params: list[Any] = []
    if doc_id is not None:
        sql += " WHERE q.doc_id = $1"
        params.append(doc_id)
    rows = con.execute(sql + " ORDER BY q.doc_id, q.idx", params).fetchall()
    return [row_quote(row[:-1], row[-1]) for row in rows]


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


# -- the library ---------------------------------------------------------------------------


def store_path(db: str | Path | None, settings: Settings | None = None) -> str:
    """The store to read: ``db``, else the settings' ``db_path``; it must exist."""
    path = str(db) if db else (settings or Settings.load()).db_path
    if not Path(path).is_file():
        raise ConfigError(f"{path}: no such store; create it with 'newsevents ingest'")
    return path


def _open(db: str | Path | None, settings: Settings | None) -> Store:
    """The store to read, opened read-only."""
    from ._store import open_store  # the store reads through this module: import it late

    return open_store(store_path(db, settings), read_only=True)


def query_events(db: str | Path | None = None, limit: int | None = None,
                 settings: Settings | None = None, *, offset: int = 0, order: str = "date",
                 **filters: Unpack[Filters]) -> EventList:
    """Events from the store matching every filter (see :class:`newsevents.store.Filters`),
    in ``order`` (date, -date, intensity, -intensity), from ``offset``, at most ``limit``;
    an :class:`~newsevents.models.EventList`, whose ``to_pandas()`` makes a DataFrame.

    Example::

        query_events("news.duckdb", type="ASSAULT", actor="PRK", since="2020-06")
    """
    flt = make_filter(**filters)
    with _open(db, settings) as store:
        return store.events(flt, limit=limit, offset=offset, order=order)


def count_events(db: str | Path | None = None, settings: Settings | None = None,
                 **filters: Unpack[Filters]) -> int:
    """How many stored events match every filter (all stored events when none is given)."""
    flt = make_filter(**filters)
    with _open(db, settings) as store:
        return store.count_events(flt)


@dataclass
class Stats:
    """What :func:`stats` found: totals, a time series (of ``count``: events, clusters
    or stories), what the series leaves out, top actors and top dyads.

    ``left_out``: ``undated``, the matching events with no date, and ``coarse``, those
    dated too coarsely for one period (a month in a weekly series), counted as the
    series counts."""

    by: str
    group: str | None
    summary: Summary
    series: list[Period] = field(default_factory=list)
    actors: list[ActorCount] = field(default_factory=list)
    dyads: list[DyadCount] = field(default_factory=list)
    count: str = "events"
    left_out: dict[str, int] = field(default_factory=lambda: {"undated": 0, "coarse": 0})

    def to_dict(self) -> dict[str, Any]:
        """JSON types, as ``newsevents stats --format json`` prints them."""
        return {"by": self.by, "group": self.group, "count": self.count,
                "summary": plain(self.summary), "series": plain(self.series),
                "left_out": self.left_out, "actors": plain(self.actors),
                "dyads": plain(self.dyads)}


def stats(db: str | Path | None = None, by: str = "week", group: str | None = None,
          top: int = 10, count: str = "events", settings: Settings | None = None,
          **filters: Unpack[Filters]) -> Stats:
    """Counts and mean intensity of the matching events per ``by`` (day, week, month,
    year), split by ``group`` (type, quad, modality, source, target, dyad) if given; the
    ``top`` actors and directed dyads; totals; and how many events the series leaves
    out for having no date, or one too coarse for a period (``Stats.left_out``).

    Example::

        stats("news.duckdb", by="month", group="type", dyad="PRK-KOR", undirected=True)
    """
    flt = make_filter(**filters)
    with _open(db, settings) as store:
        return Stats(by=by, group=group, count=count, summary=store.summary(flt),
                     series=store.timeline(flt, by=by, group=group, count=count),
                     left_out=store.left_out(flt, by=by, count=count),
                     actors=store.top_actors(flt, limit=top),
                     dyads=store.top_dyads(flt, limit=top))


def export(out: str | Path, format: str | None = None, db: str | Path | None = None,
           settings: Settings | None = None, **filters: Unpack[Filters]) -> int:
    """Write the matching events to ``out`` as parquet, csv, jsonl, gdelt or plover (see
    :mod:`newsevents.store.export`); returns how many were written. Without ``format``
    the extension of ``out`` decides; an extension that names no format or contradicts
    ``format`` raises :class:`~newsevents.errors.QueryError` before the store is opened.

    Example::

        export("korea.tsv", db="news.duckdb", country="PRK", since="2020")   # gdelt
    """
    from .export import export_format  # the exporters import this module

    format = export_format(out, format)
    flt = make_filter(**filters)
    with _open(db, settings) as store:
        return store.export(out, format, flt)


def failures(db: str | Path | None = None, settings: Settings | None = None) -> list[Failure]:
    """The inputs that could not be read, extracted or coded, oldest first, as recorded by
    ingest (input, stage, reason)."""
    with _open(db, settings) as store:
        return store.failures()


__all__ = ["COUNTS", "FILTER_NAMES", "GROUPS", "ORDERS", "PERIODS", "EventFilter", "Filters",
           "Stats", "count_events", "count_names", "export", "failures", "make_filter",
           "query_events", "stats", "store_path"]
