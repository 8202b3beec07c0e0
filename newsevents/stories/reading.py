"""Read stories, where each article stands and event clusters; the ``stories`` command."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import Settings
from ..store import EventFilter, Store, open_store
from ..store.filters import when_given
from ..store.query import make_filter
from . import storage
from .assign import AssignResult, rebuild_stories
from .cluster import StoryOptions
from .eventclusters import events_by_cluster
from .features import outlet


@dataclass(frozen=True)
class StoryDocument:
    """Where one stored article stands: its story and the article it copies, if any."""

    id: str
    url: str | None
    title: str | None
    date: date | None
    outlet: str | None
    story_id: str | None
    duplicate_of: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "title": self.title,
                "date": self.date.isoformat() if self.date else None, "outlet": self.outlet,
                "story_id": self.story_id, "duplicate_of": self.duplicate_of}


@dataclass(frozen=True)
class StorySummary:
    """A story: its title (its first article's), dates, and how many tell it.

    ``size``: articles, copies not counted; ``copies``: articles that copy another;
    ``sources``: distinct outlets among the articles that are not copies (independent
    reports); ``outlets``: distinct outlets that carried the story at all.
    """

    story_id: str
    title: str | None
    first_date: date | None
    last_date: date | None
    size: int
    copies: int
    sources: int
    outlets: int

    def to_dict(self) -> dict[str, Any]:
        return {"story_id": self.story_id, "title": self.title,
                "first_date": self.first_date.isoformat() if self.first_date else None,
                "last_date": self.last_date.isoformat() if self.last_date else None,
                "size": self.size, "copies": self.copies, "sources": self.sources,
                "outlets": self.outlets}


@dataclass
class StoriesResult:
    """The stories of a store and where each article stands."""

    documents: list[StoryDocument] = field(default_factory=list)
    stories: list[StorySummary] = field(default_factory=list)
    clusters: list[dict[str, Any]] = field(default_factory=list)  # with events=True
    rebuilt: AssignResult | None = None


# -- reading ---------------------------------------------------------------------------------


def story_documents(store: Store) -> list[StoryDocument]:
    """Every stored document with its story and the article it copies (None for a
    document not yet placed), by date then id."""
    with store.reading("read story assignments") as con:
        rows = con.execute(
            """SELECT d.id, d.url, d.title, d."date", s.outlet, s.story_id, s.duplicate_of,
                      d.source
               FROM documents d LEFT JOIN story_documents s ON s.doc_id = d.id
               ORDER BY d."date" NULLS LAST, d.id""").fetchall()
    return [StoryDocument(i, url, title, day, out or outlet(source, url), story, dup)
            for i, url, title, day, out, story, dup, source in rows]


def story_list(store: Store, limit: int | None = None) -> list[StorySummary]:
    """The stories, largest first (then most sources, earliest, id)."""
    sql = """SELECT story_id, title, first_date, last_date, size, copies, sources, outlets
             FROM stories ORDER BY size DESC, sources DESC, first_date NULLS LAST, story_id"""
    params: list[Any] = []
    if limit is not None:
        if limit < 0:
            raise ConfigError(f"limit must be zero or more, not {limit}")
        sql += " LIMIT $1"
        params.append(limit)
    with store.reading("read stories") as con:
        rows = con.execute(sql, params).fetchall()
    return [StorySummary(*row) for row in rows]


# The orders of latest_stories: SQL over the stories table.
STORY_ORDERS = {
    "latest": "last_date DESC NULLS LAST, first_date DESC NULLS LAST, story_id",
    "size": "size + copies DESC, last_date DESC NULLS LAST, story_id",
}


def latest_stories(store: Store, *, since: str | date | None = None,
                   until: str | date | None = None, actor: str | None = None,
                   limit: int = 20, offset: int = 0, documents: int = 10,
                   order: str = "latest") -> tuple[int, list[dict[str, Any]]]:
    """The stories, latest first (by last, then first date) or with ``order="size"``
    largest first (most articles, then latest), a page at a time, and how many there
    are in all.

    ``since``/``until`` (ISO dates as for the event filters): stories running at some
    time in the window (their first to last date overlaps it); undated stories never
    match. ``actor``: stories with an event of that actor (as the event filter
    ``actor``). Each row is :meth:`StorySummary.to_dict` plus ``articles`` (copies
    included) and ``documents``: the first ``documents`` articles by date, each
    ``{id, url, title, date, outlet, duplicate_of}``; ``events`` (coded in its articles)
    and ``actors`` (distinct actor codes of those events).
    """
    if order not in STORY_ORDERS:
        raise ConfigError(f"order={order!r}: choose from {', '.join(STORY_ORDERS)}")
    flt = EventFilter.create(since=since, until=until, actor=actor)
    for name, value in (("limit", limit), ("offset", offset), ("documents", documents)):
        if value < 0:
            raise ConfigError(f"{name} must be zero or more, not {value}")
    where, params = _story_where(flt)
    with store.reading("read latest stories") as con:
        row = con.execute(f"SELECT count(*) FROM stories WHERE {where}", params).fetchone()
        total = int(row[0]) if row else 0
        rows = con.execute(
            f"""SELECT story_id, title, first_date, last_date, size, copies, sources, outlets
                FROM stories WHERE {where}
                ORDER BY {STORY_ORDERS[order]}
                LIMIT $limit OFFSET $offset""",
            {**params, "limit": limit, "offset": offset}).fetchall()
        page = [StorySummary(*r) for r in rows]
        ids = [story.story_id for story in page]
        docs = _story_members(con, ids, documents)
        counts = _story_counts(con, ids)
    return total, [{**story.to_dict(), "articles": story.size + story.copies,
                    "events": counts.get(story.story_id, (0, 0))[0],
                    "actors": counts.get(story.story_id, (0, 0))[1],
                    "documents": docs.get(story.story_id, [])} for story in page]


def _story_where(flt: EventFilter) -> tuple[str, dict[str, Any]]:
    """The condition over the stories table of :func:`latest_stories`: its dates overlap
    ``since``/``until`` (a story runs over days, so the window is not the events' date
    filter), and an event of its articles matches the rest of ``flt`` (as
    :meth:`EventFilter.where` says)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    when_given(parts, params, "last_date >= $story_since", "story_since", flt.since)
    when_given(parts, params, "first_date <= $story_until", "story_until", flt.until)
    on_events = replace(flt, since=None, until=None)
    if on_events != EventFilter():
        events_where, events_params = on_events.where()
        parts.append("story_id IN (SELECT s.story_id FROM story_documents s WHERE s.doc_id IN"
                     f" (SELECT doc_id FROM events WHERE {events_where}))")
        params.update(events_params)
    return " AND ".join(parts) or "TRUE", params


def _story_counts(con: storage.Connection, story_ids: list[str]
                  ) -> dict[str, tuple[int, int]]:
    """story_id -> (events coded in its articles, distinct actor codes among them)."""
    if not story_ids:
        return {}
    rows = con.execute(
        """SELECT s.story_id, count(DISTINCT e.event_id),
                  len(list_distinct(flatten(list([e.source_code, e.target_code]))))
           FROM story_documents s JOIN events e ON e.doc_id = s.doc_id
           WHERE s.story_id IN (SELECT unnest($ids::VARCHAR[]))
           GROUP BY s.story_id""", {"ids": story_ids}).fetchall()
    return {story_id: (int(n), int(actors)) for story_id, n, actors in rows}


def _story_members(con: storage.Connection, story_ids: list[str], limit: int
                   ) -> dict[str, list[dict[str, Any]]]:
    """story_id -> its first ``limit`` articles by date, on one day originals before
    copies (then by id)."""
    if not story_ids or not limit:
        return {}
    rows = con.execute(
        """SELECT story_id, id, url, title, "date", outlet, duplicate_of FROM (
               SELECT s.story_id, d.id, d.url, d.title, d."date", s.outlet, s.duplicate_of,
                      row_number() OVER (PARTITION BY s.story_id
                                         ORDER BY d."date" NULLS LAST,
                                                  s.duplicate_of IS NOT NULL, d.id) AS n
               FROM story_documents s JOIN documents d ON d.id = s.doc_id
               WHERE s.story_id IN (SELECT unnest($ids::VARCHAR[])))
           WHERE n <= $limit ORDER BY story_id, n""",
        {"ids": story_ids, "limit": limit}).fetchall()
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for story_id, doc_id, url, title, day, out, dup in rows:
        found[story_id].append({"id": doc_id, "url": url, "title": title,
                                "date": day.isoformat() if day else None, "outlet": out,
                                "duplicate_of": dup})
    return found


def event_clusters(store: Store, flt: EventFilter | None = None, *, limit: int | None = None,
                   **filters: Any) -> list[dict[str, Any]]:
    """Event clusters of the events matching the filters (those of
    :meth:`Store.events`), most reported first.

    Each row: ``cluster_id`` (the id of its first event), ``type``, ``modality``,
    ``source_code``, ``target_code``, ``date`` (the first event's), ``date_start``,
    ``date_end``, ``place``, ``events``, ``articles`` and ``copies`` (distinct articles
    not copies / copies), ``sources`` (distinct outlets of the articles that are not
    copies), ``stories`` (story ids) and ``sentence`` (the first event's evidence).
    """
    where, params = make_filter(flt, **filters).where()
    sql_where = ("WHERE c.event_id IN (SELECT event_id FROM events WHERE " + where + ")"
                 if where != "TRUE" else "")
    with store.reading("read event clusters") as con:
        rows = events_by_cluster(con, sql_where, params, limit)
    for row in rows:
        for name in ("date_start", "date_end"):
            row[name] = row[name].isoformat() if row[name] else None
    return rows


def count_event_clusters(store: Store, flt: EventFilter | None = None,
                         **filters: Any) -> int:
    """How many distinct happenings (event clusters) the matching events are."""
    where, params = make_filter(flt, **filters).where()
    with store.reading("count event clusters") as con:
        row = con.execute(
            "SELECT count(DISTINCT c.cluster_id) FROM event_clusters c"
            f" WHERE c.event_id IN (SELECT event_id FROM events WHERE {where})",
            params).fetchone()
    return int(row[0]) if row else 0


# -- the command -----------------------------------------------------------------------------


def stories(db: str | Path | None = None, rebuild: bool = False, events: bool = False,
            options: StoryOptions | None = None,
            settings: Settings | None = None) -> StoriesResult:
    """The stories of a store and where each article stands; with ``events``, the event
    clusters too; with ``rebuild``, every article is placed again first (by ``options``).

    Example::

        result = stories("news.duckdb")
        for story in result.stories:
            print(story.size, story.sources, story.title)
    """
    path = str(db) if db else (settings or Settings.load()).db_path
    if not Path(path).is_file():
        raise ConfigError(f"{path}: no such store; create it with 'newsevents ingest'")
    result = StoriesResult()
    with open_store(path, read_only=not rebuild) as store:
        if rebuild:
            result.rebuilt = rebuild_stories(store, options)
        result.documents = story_documents(store)
        result.stories = story_list(store)
        if events:
            result.clusters = event_clusters(store)
    return result
