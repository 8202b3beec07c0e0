"""Filtered reads of the store: events, counts over time, top actors and dyads, evidence.

One set of filters serves the library (:meth:`Store.events` and friends), the CLI
(``newsevents events|stats|export``) and the web API, so that a view means the same
everywhere. Filters are validated into an :class:`EventFilter` and become SQL with bound
parameters; nothing a caller passes is ever spliced into SQL text (the period, grouping,
count and order names are looked up in the whitelists below).

Every function here takes an open DuckDB connection (a :class:`Store`'s, or a cursor of
the web server's read-only snapshot) and only reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypedDict

import duckdb

from ..errors import QueryError
from ..models import (
    MODALITIES,
    PLOVER_TYPES,
    ActorCount,
    DyadCount,
    EventList,
    Period,
    Quote,
    StoredDocument,
    Summary,
)
from . import features
from ._dates import filter_interval
from ._rows import EVENT_SELECT, evidence_marks, row_event, row_quote
from .features import Condition
from .schema import DOCUMENT_COLUMNS, QUOTE_COLUMNS


class Filters(TypedDict, total=False):
    """The event filters, by keyword; every one given must hold (AND).

    type: PLOVER types, any case (a list, or one string with commas: ``"ASSAULT,COERCE"``).
    quad_class: quad classes 1-4 (1 verbal and 2 material cooperation, 3 verbal and
        4 material conflict), a list or a string with commas.
    cameo: a CAMEO code prefix (``19`` matches ``190``-``1962``).
    actor: the source or the target is this actor: a code prefix (``PRK`` matches
        ``PRKGOV``) or a name or text, any case.
    dyad: ``"A-B"``: the source is A and the target is B, each as for ``actor``; write
        ``"A - B"`` when a name holds a hyphen. With ``undirected`` B→A matches too.
    undirected: read ``dyad`` both ways.
    country: the source's, the target's or the place's country (three-letter code).
    since, until: ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), inclusive: an event
        matches only if every day its date can mean lies in the window, so ``2020-06``
        is within ``since="2020-06-01"``, ``until="2020-06-30"`` but not within
        ``since="2020-06-15"``; undated events never match a date filter.
    place: text within the name of the event's place, any case, accents aside
        (``kaesong`` finds ``Kaesŏng``).
    modality: asserted, negated, intended, hypothetical (a list, or commas).
    text: words that must all appear in the evidence sentence, any case.
    doc_id: the events of one document.
    story: the events of the articles of one story (a ``story_id`` of
        :mod:`newsevents.stories`), copies included; the SQL is the stories' own (a
        :class:`~newsevents.store.features.Condition`).
    """

    type: str | Sequence[str] | None
    quad_class: int | str | Sequence[int] | None
    cameo: str | None
    actor: str | None
    dyad: str | None
    undirected: bool | None
    country: str | None
    since: str | date | None
    until: str | date | None
    place: str | None
    modality: str | Sequence[str] | None
    text: str | None
    doc_id: str | None
    story: str | None


FILTER_NAMES: tuple[str, ...] = tuple(Filters.__annotations__)

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")

# What a time series can be split by: name -> SQL expression over the events table.
GROUPS: dict[str, str] = {
    "type": '"type"',
    "quad": "quad_class",
    "modality": "modality",
    "source": "source_code",
    "target": "target_code",
    "dyad": "coalesce(source_code, '?') || '-' || coalesce(target_code, '?')",
}

# What is counted: name -> aggregate over the filtered events. Features add theirs
# (newsevents.stories: ``clusters``, ``stories``; see features.register_count) and every
# series, the API and the dashboard can count by them: see count_names().
COUNTS: dict[str, str] = {
    "events": "count(*)",
}


def count_names() -> tuple[str, ...]:
    """What a time series can count: ``events`` and what features add."""
    return (*COUNTS, *features.counts())


def _count_sql(count: str) -> str:
    return _lookup("count", count, {**COUNTS, **features.counts()})

# Sort keys over the DATE columns (an ISO date of any precision sorts as its first day, a
# coarser date before the days it contains, as ISO text would), then the integer keys of
# the document and the event (documents of one day in a fixed order, each one's events in
# text order): no text to compare, so a page of a million events is a cheap top-N.
_TIES = "doc_key, span_start, event_key"
ORDERS: dict[str, str] = {
    "date": f"date_start NULLS LAST, date_end DESC, {_TIES}",
    "-date": f"date_start DESC NULLS LAST, date_end, {_TIES}",
    "intensity": f"intensity, date_start NULLS LAST, date_end DESC, {_TIES}",
    "-intensity": f"intensity DESC, date_start NULLS LAST, date_end DESC, {_TIES}",
}

_CAMEO = re.compile(r"\d{1,4}")


@dataclass(frozen=True)
class EventFilter:
    """Validated filters; build one with :meth:`create` (see :class:`Filters`)."""

    types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    cameo: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    undirected: bool = False
    country: str | None = None
    since: date | None = None
    until: date | None = None
    place: str | None = None
    modalities: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    doc_id: str | None = None
    # Conditions of features (the story filter), ANDed with the rest.
    conditions: tuple[Condition, ...] = ()

    @classmethod
    def create(cls, type: str | Sequence[str] | None = None,
               quad_class: int | str | Sequence[int] | None = None,
               cameo: str | None = None, actor: str | None = None, dyad: str | None = None,
               undirected: bool | None = None, country: str | None = None,
               since: str | date | None = None, until: str | date | None = None,
               place: str | None = None, modality: str | Sequence[str] | None = None,
               text: str | None = None, doc_id: str | None = None,
               story: str | None = None) -> EventFilter:
        """Validate filters; a malformed one raises :class:`QueryError` naming it."""
        types = tuple(_choice("type", v.upper(), PLOVER_TYPES) for v in _values(type))
        modalities = tuple(_choice("modality", v.lower(), MODALITIES)
                           for v in _values(modality))
        quads = tuple(_quad(v) for v in _values(quad_class))
        story_id = _text("story", story, "a story id")
        if cameo is not None and not _CAMEO.fullmatch(cameo.strip()):
            raise QueryError(f"cameo={cameo!r} is not a CAMEO code prefix; give 1-4 digits")
        return cls(
            types=types, quad_classes=quads,
            cameo=cameo.strip() if cameo is not None else None,
            actor=_text("actor", actor, "a CAMEO code, name or text"),
            dyad=_dyad(dyad) if dyad is not None else None,
            undirected=bool(undirected),
            country=(_text("country", country, "a three-letter code") or "").upper() or None,
            since=filter_interval("since", since)[0] if since is not None else None,
            until=filter_interval("until", until)[1] if until is not None else None,
            place=_strip_accents(_text("place", place, "a place name")),
            modalities=modalities,
            terms=tuple(text.lower().split()) if text is not None else (),
            doc_id=doc_id,
            conditions=(features.condition("story", story_id),) if story_id else (),
        )

    def where(self) -> tuple[str, dict[str, Any]]:
        """The SQL condition (``TRUE`` when there is no filter) and its parameters."""
        parts: list[str] = []
        params: dict[str, Any] = {}
        if self.types:
            parts.append('list_contains($types, "type")')
            params["types"] = list(self.types)
        if self.quad_classes:
            parts.append("list_contains($quads, quad_class)")
            params["quads"] = list(self.quad_classes)
        if self.cameo is not None:
            parts.append("starts_with(cameo, $cameo)")
            params["cameo"] = self.cameo
        if self.actor is not None:
            parts.append(f"({_actor_sql('source', 'actor')} OR {_actor_sql('target', 'actor')})")
            params.update(_actor_params("actor", self.actor))
        if self.dyad is not None:
            a, b = self.dyad
            params.update(_actor_params("dyad_a", a))
            params.update(_actor_params("dyad_b", b))
            forward = f"({_actor_sql('source', 'dyad_a')} AND {_actor_sql('target', 'dyad_b')})"
            if self.undirected:
                back = f"({_actor_sql('source', 'dyad_b')} AND {_actor_sql('target', 'dyad_a')})"
                forward = f"({forward} OR {back})"
            parts.append(forward)
        if self.country is not None:
            parts.append("(source_country = $country OR target_country = $country"
                         " OR location_country = $country)")
            params["country"] = self.country
        if self.since is not None:
            parts.append("date_start >= $since")
            params["since"] = self.since
        if self.until is not None:
            parts.append("date_end <= $until")
            params["until"] = self.until
        if self.place is not None:
            # Accents aside: "kaesong" finds the gazetteer's "Kaesŏng".
            parts.append("(contains(strip_accents(lower(location_name)), $place)"
                         " OR contains(strip_accents(lower(location_text)), $place))")
            params["place"] = self.place.lower()
        if self.modalities:
            parts.append("list_contains($modalities, modality)")
            params["modalities"] = list(self.modalities)
        for i, term in enumerate(self.terms):
            # ILIKE is about twice as fast as contains(lower(...)) on a million sentences,
            # but an ESCAPE clause makes it slower than both: a word holding a wildcard
            # character (rare) is searched for the slow, literal way.
            if "%" in term or "_" in term:
                parts.append(f"contains(lower(sentence), $term{i})")
                params[f"term{i}"] = term
            else:
                parts.append(f"sentence ILIKE $term{i}")
                params[f"term{i}"] = f"%{term}%"
        if self.doc_id is not None:
            parts.append("doc_id = $doc_id")
            params["doc_id"] = self.doc_id
        for condition in self.conditions:
            parts.append(f"({condition.sql})")
            params.update(condition.params)
        return (" AND ".join(parts) or "TRUE"), params


def make_filter(flt: EventFilter | None = None, **filters: Any) -> EventFilter:
    """``flt`` itself, or an :class:`EventFilter` built from keyword filters."""
    if flt is not None and filters:
        raise QueryError("give either an EventFilter or keyword filters, not both")
    unknown = set(filters) - set(FILTER_NAMES)
    if unknown:
        raise QueryError(f"unknown filter {sorted(unknown)[0]!r}; "
                         f"filters are {', '.join(FILTER_NAMES)}")
    return flt if flt is not None else EventFilter.create(**filters)


# -- reads ---------------------------------------------------------------------------------


def select_events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = None,
                  offset: int = 0, order: str = "date") -> EventList:
    """Events matching ``flt`` in ``order`` (a key of :data:`ORDERS`), paged."""
    where, params = flt.where()
    order_sql = _order(order)
    page = _page(limit, offset, params)
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


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """How many events match ``flt``."""
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
    group_sql = _lookup("group", group, GROUPS) if group else "NULL"
    where, params = flt.where()
    # One pass: an event whose date does not fit in one period gets a NULL period.
    period = (f"CASE WHEN date_start = date_end OR date_trunc('{by}', date_start)"
              f" = date_trunc('{by}', date_end) THEN CAST(date_trunc('{by}', date_start)"
              " AS DATE) END")
    rows = con.execute(
        f"SELECT {period} AS period, {group_sql} AS grp,"
        f" {_count_sql(count)} AS n, avg(intensity) AS mean"
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
        f"SELECT date_start IS NULL AS undated, {_count_sql(count)}"
        f" FROM events WHERE {where} AND (date_start IS NULL OR NOT {fits})"
        " GROUP BY ALL", params).fetchall()
    found = {bool(undated): int(n) for undated, n in rows}
    return {"undated": found.get(True, 0), "coarse": found.get(False, 0)}


def top_actors(con: duckdb.DuckDBPyConnection, flt: EventFilter,
               limit: int = 10) -> list[ActorCount]:
    """The actors (by code) in most matching events, as source or target."""
    where, params = flt.where()
    params["limit"] = _limit(limit)
    rows = con.execute(
        f"""WITH hits AS (SELECT source_code, source_name, target_code, target_name, intensity
                          FROM events WHERE {where}),
            sides AS (SELECT source_code AS code, source_name AS name, 1 AS s, 0 AS t, intensity
                      FROM hits WHERE source_code IS NOT NULL
                      UNION ALL
                      SELECT target_code, target_name, 0, 1, intensity
                      FROM hits WHERE target_code IS NOT NULL)
            SELECT code, mode(name), count(*) AS n, sum(s), sum(t), avg(intensity)
            FROM sides GROUP BY code ORDER BY n DESC, code LIMIT $limit""", params).fetchall()
    return [ActorCount(code, name, int(n), int(s), int(t), _round(mean))
            for code, name, n, s, t, mean in rows]


def top_dyads(con: duckdb.DuckDBPyConnection, flt: EventFilter,
              limit: int = 10) -> list[DyadCount]:
    """The directed source→target pairs with most matching events."""
    where, params = flt.where()
    params["limit"] = _limit(limit)
    rows = con.execute(
        f"""SELECT source_code, target_code, mode(source_name), mode(target_name),
                   count(*) AS n, count(*) FILTER (WHERE quad_class <= 2),
                   count(*) FILTER (WHERE quad_class >= 3), avg(intensity)
            FROM events
            WHERE {where} AND source_code IS NOT NULL AND target_code IS NOT NULL
            GROUP BY source_code, target_code
            ORDER BY n DESC, source_code, target_code LIMIT $limit""", params).fetchall()
    return [DyadCount(s, t, sn, tn, int(n), int(co), int(cf), _round(mean))
            for s, t, sn, tn, n, co, cf, mean in rows]


def top_places(con: duckdb.DuckDBPyConnection, flt: EventFilter,
               limit: int = 200) -> tuple[list[dict[str, Any]], int]:
    """The places with coordinates where most matching events happened, and how many
    matching events have no coordinates (not on a map). Each place: ``{name, country,
    lat, lon, events, quads}``, ``quads`` counting its events by quad class (keys "1"-"4").
    """
    where, params = flt.where()
    params["limit"] = _limit(limit)
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


# -- helpers -------------------------------------------------------------------------------


def _values(value: str | int | Sequence[Any] | None) -> list[str]:
    """A filter's values: a list, or one string with commas, or one number."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else (
        [value] if isinstance(value, int) else list(value))
    return [str(item).strip() for item in items if str(item).strip()]


def _choice(name: str, value: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise QueryError(f"{name}={value!r} is not known; choose from {', '.join(choices)}")
    return value


def _quad(value: str) -> int:
    if value not in ("1", "2", "3", "4"):
        raise QueryError(f"quad_class={value!r} is not a quad class; choose 1, 2, 3 or 4")
    return int(value)


def _text(name: str, value: str | None, what: str) -> str | None:
    if value is None:
        return None
    if not value.strip():
        raise QueryError(f"{name} filter is empty; give {what}")
    return value.strip()


def _strip_accents(value: str | None) -> str | None:
    if value is None:
        return None
    return "".join(c for c in unicodedata.normalize("NFKD", value)
                   if not unicodedata.combining(c))


def _dyad(value: str) -> tuple[str, str]:
    parts = value.split(" - ") if " - " in value else value.split("-")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise QueryError(f"dyad={value!r} is not two actors; write SOURCE-TARGET (PRK-KOR), "
                         "or 'A - B' when a name holds a hyphen")
    return parts[0].strip(), parts[1].strip()


def _actor_sql(role: str, param: str) -> str:
    return (f"(starts_with(upper({role}_code), ${param}_code)"
            f" OR lower({role}_name) = ${param}_name OR lower({role}_text) = ${param}_name)")


def _actor_params(param: str, value: str) -> dict[str, str]:
    return {f"{param}_code": value.upper(), f"{param}_name": value.lower()}


def _lookup(name: str, value: str, table: dict[str, str]) -> str:
    if value not in table:
        raise QueryError(f"{name}={value!r} is not known; choose from {', '.join(table)}")
    return table[value]


def _order(order: str) -> str:
    return _lookup("order", order, ORDERS)


def _limit(limit: int) -> int:
    if limit < 0:
        raise QueryError(f"limit must be zero or more, not {limit}")
    return limit


def _page(limit: int | None, offset: int, params: dict[str, Any]) -> str:
    if offset < 0:
        raise QueryError(f"offset must be zero or more, not {offset}")
    sql = ""
    if limit is not None:
        params["limit"] = _limit(limit)
        sql += " LIMIT $limit"
    if offset:
        params["offset"] = offset
        sql += (" OFFSET $offset" if limit is not None else " LIMIT NULL OFFSET $offset")
    return sql


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)
