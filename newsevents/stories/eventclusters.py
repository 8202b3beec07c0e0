"""Event clusters: the events of many articles that are one happening.

Reads stored events (type, modality, source, target, date interval, place) of articles
that have a story; fills the ``event_clusters`` table, one row per event.

Two events are the same happening when they have the same PLOVER type and modality, the
same dyad (source and target by country, else by code: ``PRKGOV`` and ``PRKMIL`` are both
North Korea, which is how outlets differ in naming one launch), dates that meet, places
that do not contradict each other, and the same story — or, across stories, the same
named place. A cluster is named by its first event (its id is that event's id) and the
first event's date is the cluster's date: later events join when their date meets it,
so a daily run of strikes does not chain into one cluster a month long.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .storage import Connection, insert

# Dates one day apart still meet: an outlet in another time zone, a report filed late.
DATE_SLACK = timedelta(days=1)
# An interval longer than this (a month, a year) says too little to tell happenings apart;
# such an event joins only a cluster dated with exactly the same interval.
SHORT_INTERVAL = timedelta(days=7)

_KEY_SQL = """e."type" || '|' || e.modality || '|'
    || coalesce(e.source_country, e.source_code, '-') || '|'
    || coalesce(e.target_country, e.target_code, '-')"""


@dataclass
class Happening:
    """What a cluster is matched on: its key, its date and where and in which stories."""

    cluster_id: str
    key: str
    start: date
    end: date
    countries: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class ClusterEvent:
    """An event as clustering sees it."""

    event_id: str
    doc_id: str
    key: str
    start: date | None
    end: date | None
    country: str | None
    place: str | None
    story_id: str


def meets(event: ClusterEvent, cluster: Happening) -> bool:
    """Whether ``event`` can be the happening ``cluster`` stands for."""
    if event.start is None or event.end is None or event.key != cluster.key:
        return False
    short = (event.end - event.start <= SHORT_INTERVAL
             and cluster.end - cluster.start <= SHORT_INTERVAL)
    if not short and (event.start, event.end) != (cluster.start, cluster.end):
        return False
    if event.start > cluster.end + DATE_SLACK or event.end < cluster.start - DATE_SLACK:
        return False
    if event.country and cluster.countries and event.country not in cluster.countries:
        return False
    if event.place and cluster.places and event.place not in cluster.places:
        return False
    return event.story_id in cluster.stories or bool(event.place and event.place in cluster.places)


def cluster_events(con: Connection, doc_ids: Sequence[str]) -> int:
    """Put the events of ``doc_ids`` into clusters, joining stored ones (and merging two
    stored clusters an event shows to be one); returns the number of events placed."""
    events = _batch_events(con, doc_ids)
    if not events:
        return 0
    happenings = _stored_happenings(con, events)
    by_key: dict[str, list[Happening]] = defaultdict(list)
    for happening in happenings:
        by_key[happening.key].append(happening)
    merged: dict[str, str] = {}  # stored cluster -> the cluster it was merged into
    rows: list[tuple[str, str, str]] = []
    for event in sorted(events, key=lambda e: (e.start or date.max, e.event_id)):
        matches = [h for h in by_key[event.key] if meets(event, h)]
        if not matches:
            home = _happening(event)
            if event.start is not None:
                by_key[event.key].append(home)
        else:
            home = min(matches, key=lambda h: (h.start, h.cluster_id))
            for other in matches:
                if other is not home:
                    _absorb(home, other, merged)
                    by_key[event.key].remove(other)
            _widen(home, event)
        rows.append((event.event_id, event.doc_id, home.cluster_id))
    for loser, winner in merged.items():
        con.execute("UPDATE event_clusters SET cluster_id = $1 WHERE cluster_id = $2",
                    [_final(winner, merged), loser])
    rows = [(e, d, _final(c, merged)) for e, d, c in rows]
    insert(con, "event_clusters", ("event_id", "doc_id", "cluster_id"), rows,
           ("VARCHAR", "VARCHAR", "VARCHAR"))
    return len(rows)


def _happening(event: ClusterEvent) -> Happening:
    cluster = Happening(event.event_id, event.key, event.start or date.min,
                        event.end or date.min)
    _widen(cluster, event)
    return cluster


def _widen(cluster: Happening, event: ClusterEvent) -> None:
    if event.country:
        cluster.countries.add(event.country)
    if event.place:
        cluster.places.add(event.place)
    cluster.stories.add(event.story_id)


def _absorb(home: Happening, other: Happening, merged: dict[str, str]) -> None:
    home.countries |= other.countries
    home.places |= other.places
    home.stories |= other.stories
    merged[other.cluster_id] = home.cluster_id


def _final(cluster_id: str, merged: dict[str, str]) -> str:
    while cluster_id in merged:
        cluster_id = merged[cluster_id]
    return cluster_id


def _batch_events(con: Connection, doc_ids: Sequence[str]) -> list[ClusterEvent]:
    rows = con.execute(
        f"""SELECT e.event_id, e.doc_id, {_KEY_SQL}, e.date_start, e.date_end,
                   e.location_country, lower(e.location_name), s.story_id
            FROM events e JOIN story_documents s ON s.doc_id = e.doc_id
            WHERE e.doc_id IN (SELECT unnest($1::VARCHAR[]))
              AND e.event_id NOT IN (SELECT event_id FROM event_clusters)""",
        [list(doc_ids)]).fetchall()
    return [ClusterEvent(*row) for row in rows]


def _stored_happenings(con: Connection, events: Iterable[ClusterEvent]) -> list[Happening]:
    """Stored clusters with a key of the batch and a date near the batch's dates."""
    dated = [e for e in events if e.start is not None and e.end is not None]
    if not dated:
        return []
    lower = min(e.start for e in dated if e.start) - SHORT_INTERVAL - DATE_SLACK
    upper = max(e.end for e in dated if e.end) + SHORT_INTERVAL + DATE_SLACK
    rows = con.execute(
        f"""SELECT c.cluster_id, any_value({_KEY_SQL}),
                   coalesce(any_value(f.date_start), min(e.date_start)),
                   coalesce(any_value(f.date_end), max(e.date_end)),
                   list(DISTINCT e.location_country) FILTER (WHERE e.location_country
                                                             IS NOT NULL),
                   list(DISTINCT lower(e.location_name)) FILTER (WHERE e.location_name
                                                                 IS NOT NULL),
                   list(DISTINCT s.story_id)
            FROM event_clusters c
            JOIN events e ON e.event_id = c.event_id
            JOIN story_documents s ON s.doc_id = c.doc_id
            LEFT JOIN events f ON f.event_id = c.cluster_id
            WHERE {_KEY_SQL} IN (SELECT unnest($1::VARCHAR[]))
              AND e.date_start <= $3 AND e.date_end >= $2
            GROUP BY c.cluster_id""",
        [sorted({e.key for e in dated}), lower, upper]).fetchall()
    return [Happening(cid, key, start, end, set(countries or ()), set(places or ()),
                      set(stories or ())) for cid, key, start, end, countries, places, stories
            in rows if start is not None and end is not None]


def events_by_cluster(con: Connection, where: str = "",
                      params: Mapping[str, Any] | None = None, limit: int | None = None
                      ) -> list[dict[str, Any]]:
    """One row per event cluster (see :func:`newsevents.stories.event_clusters`)."""
    bound = dict(params or {})
    page = ""
    if limit is not None:
        page = " LIMIT $cluster_limit"
        bound["cluster_limit"] = max(limit, 0)
    rows = con.execute(
        f"""SELECT c.cluster_id, any_value(e."type") AS "type",
                   any_value(e.modality) AS modality,
                   mode(e.source_code) AS source_code, mode(e.target_code) AS target_code,
                   arg_min(e."date", e.date_start) AS "date",
                   min(e.date_start) AS date_start, max(e.date_end) AS date_end,
                   mode(e.location_name) AS place,
                   count(*) AS events,
                   count(DISTINCT c.doc_id) FILTER (WHERE s.duplicate_of IS NULL) AS articles,
                   count(DISTINCT c.doc_id) FILTER (WHERE s.duplicate_of IS NOT NULL)
                       AS copies,
                   count(DISTINCT s.outlet) FILTER (WHERE s.duplicate_of IS NULL) AS sources,
                   list(DISTINCT s.story_id ORDER BY s.story_id) AS stories,
                   -- the first event's sentence says what happened; any other if it is gone
                   arg_min(e.sentence, CASE WHEN e.event_id = c.cluster_id THEN 0 ELSE 1 END)
                       AS sentence
            FROM event_clusters c
            JOIN events e ON e.event_id = c.event_id
            JOIN story_documents s ON s.doc_id = c.doc_id
            {where}
            GROUP BY c.cluster_id
            ORDER BY articles DESC, sources DESC, date_start NULLS LAST, c.cluster_id{page}""",
        bound)
    names = [d[0] for d in rows.description]
    return [dict(zip(names, row, strict=True)) for row in rows.fetchall()]
