"""Assign stored articles to stories, rebuild them, and read stories and event clusters."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..models import Document
from ..settings import Settings
from ..store import EventFilter, Store, open_store
from ..store.query import make_filter
from . import storage
from .cluster import PROBE_TERMS, Story, StoryIndex, StoryOptions
from .dedup import Fingerprint, best_original, fingerprint
from .eventclusters import cluster_events, events_by_cluster
from .features import Article, article_from_document, article_terms, outlet, weigh_terms

# Articles read from the store per step of a rebuild: bounds memory on large stores.
REBUILD_BATCH = 500


@dataclass
class AssignResult:
    """What one assignment did; results add up with ``+``."""

    assigned: int = 0  # articles placed now
    unchanged: int = 0  # already placed with the same text
    duplicates: int = 0  # of the assigned, copies of an earlier article
    new_stories: int = 0
    events: int = 0  # events placed in event clusters

    def __add__(self, other: AssignResult) -> AssignResult:
        return AssignResult(self.assigned + other.assigned, self.unchanged + other.unchanged,
                            self.duplicates + other.duplicates,
                            self.new_stories + other.new_stories, self.events + other.events)


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


# -- assigning ---------------------------------------------------------------------------


def assign_stories(store: Store, documents: Iterable[Document],
                   options: StoryOptions | None = None) -> AssignResult:
    """Place stored documents in stories and their events in event clusters.

    Call it after :meth:`Store.write` with the documents just written (``ingest`` does):
    each is checked for being a copy of an earlier article, joins the story it is most
    like or starts one, and its events join the event clusters they belong to. Earlier
    assignments never move; a document already placed with the same text is skipped.
    One transaction; raises :class:`~newsevents.errors.StoreError`.
    """
    articles = [article_from_document(doc) for doc in documents]
    with store.transaction("assign stories") as con:
        return _assign(con, articles, options or StoryOptions())


def rebuild_stories(store: Store, options: StoryOptions | None = None) -> AssignResult:
    """Forget every story and event cluster and place all stored articles again, in order
    of publication date, as if they were ingested in that order."""
    options = options or StoryOptions()
    total = AssignResult()
    with store.transaction("rebuild stories") as con:
        storage.clear(con)
        for chunk in _stored_articles(con, REBUILD_BATCH):
            total += _assign(con, chunk, options)
    return total


def _assign(con: storage.Connection, articles: list[Article], options: StoryOptions
            ) -> AssignResult:
    latest = {a.id: a for a in articles}  # a later copy of one id in a batch wins
    known = storage.stored_hashes(con, list(latest))
    # By date, and in the order they came within a day: the first seen of two copies
    # published the same day is the one the other copies.
    todo = sorted((a for a in latest.values() if known.get(a.id) != a.content_hash),
                  key=lambda a: a.date or date.max)
    result = AssignResult(unchanged=len(latest) - len(todo))
    if not todo:
        return result
    touched = storage.forget(con, [a.id for a in todo if a.id in known])
    prints = {a.id: fingerprint(a.text) for a in todo}
    copies = _find_copies(con, todo, prints)

    originals = [a for a in todo if a.id not in copies]
    vectors, batch_df = _vectors(con, originals)
    index = StoryIndex(options)
    for story in _candidates(con, originals, vectors, options):
        index.add(story)
    stored_story = storage.story_of(con, set(copies.values()))
    placed, new_ids = _place(index, todo, vectors, copies, stored_story)

    _save(con, todo, prints, copies, placed)
    storage.add_term_counts(con, batch_df)
    storage.save_stories(con, index.stories.values(), new_ids)
    storage.refresh_stories(con, touched | {story_id for story_id, _ in placed.values()})
    result.assigned = len(todo)
    result.duplicates = len(copies)
    result.new_stories = len(new_ids)
    result.events = cluster_events(con, [a.id for a in todo])
    return result


def _vectors(con: storage.Connection, originals: Sequence[Article]
             ) -> tuple[dict[str, dict[str, float]], Counter[str]]:
    """The term vectors of the batch's originals, weighted with the document frequencies
    of the store and the batch; and the batch's own frequencies, to be stored."""
    counts = {a.id: article_terms(a) for a in originals}
    batch_df: Counter[str] = Counter()
    for terms in counts.values():
        batch_df.update(terms.keys())
    df, stored_total = storage.term_counts(con, batch_df)
    for term, n in batch_df.items():
        df[term] = df.get(term, 0) + n
    total = stored_total + len(originals)
    return {a.id: weigh_terms(counts[a.id], df, total) for a in originals}, batch_df


def _place(index: StoryIndex, todo: Sequence[Article], vectors: dict[str, dict[str, float]],
           copies: dict[str, str], stored_story: dict[str, str]
           ) -> tuple[dict[str, tuple[str, float | None]], set[str]]:
    """doc_id -> (story, similarity) for each article in order, and the stories started.
    A copy goes where its original went; others join the best story or start one."""
    placed: dict[str, tuple[str, float | None]] = {}
    new_ids: set[str] = set()
    for article in todo:
        day = article.date
        if article.id in copies:
            original = copies[article.id]
            story_id = placed[original][0] if original in placed else stored_story[original]
            if story_id in index.stories:
                index.stories[story_id].stretch(day)
            placed[article.id] = (story_id, None)
            continue
        vector = vectors[article.id]
        found = index.best(vector, day)
        if found is None:
            story = Story(_story_id(article))
            new_ids.add(story.story_id)
            index.add(story)
            index.join(story, vector, day)
            placed[article.id] = (story.story_id, None)
        else:
            story, score = found
            index.join(story, vector, day)
            placed[article.id] = (story.story_id, round(score, 4))
    return placed, new_ids


def _find_copies(con: storage.Connection, todo: Sequence[Article],
                 prints: dict[str, Fingerprint]) -> dict[str, str]:
    """doc_id -> the article it copies, for the copies among ``todo`` (in order: an
    article can copy a stored one or one earlier in the batch)."""
    keys = {a.id: prints[a.id].keys() for a in todo}
    stored = storage.duplicate_candidates(con, keys)
    batch_keys: dict[tuple[int, int], list[str]] = defaultdict(list)
    copies: dict[str, str] = {}
    for article in todo:
        candidates = list(stored.get(article.id, ()))
        seen = {doc_id for doc_id, _ in candidates}
        for key in keys[article.id]:
            for other in batch_keys.get(key, ()):
                if other not in seen:
                    seen.add(other)
                    candidates.append((other, prints[other]))
        original = best_original(prints[article.id], candidates)
        if original is not None:
            copies[article.id] = original
        # Copies are indexed too: an updated version may be closer to a reprint of the
        # wire text than to the first one seen.
        for key in keys[article.id]:
            batch_keys[key].append(article.id)
    return copies


def _candidates(con: storage.Connection, originals: Sequence[Article],
                vectors: dict[str, dict[str, float]], options: StoryOptions) -> list[Story]:
    """The stored stories the batch's articles may join."""
    probes: set[str] = set()
    for vector in vectors.values():
        strongest = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))
        probes.update(t for t, _ in strongest[:PROBE_TERMS])
    days = [a.date for a in originals if a.date is not None]
    first: date | None
    last: date | None
    if days:
        first, last = min(days), max(days)
    else:  # undated articles are taken to be about what is in the news now
        first = last = storage.latest_day(con)
    return storage.candidate_stories(con, probes, first, last, options.window_days)


def _save(con: storage.Connection, todo: Sequence[Article], prints: dict[str, Fingerprint],
          copies: dict[str, str], placed: dict[str, tuple[str, float | None]]) -> None:
    stamp = storage.now()
    storage.insert(con, "story_documents",
              ("doc_id", "content_hash", "story_id", "duplicate_of", "similarity", "outlet",
               "date", "shingles", "text_hash", "minhash", "assigned_at"),
              [(a.id, a.content_hash, placed[a.id][0], copies.get(a.id), placed[a.id][1],
                a.outlet, a.date, prints[a.id].shingles, prints[a.id].text_hash,
                prints[a.id].signature, stamp) for a in todo],
              ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR", "DATE",
               "INTEGER", "VARCHAR", "BLOB", "TIMESTAMP"))
    storage.insert(con, "duplicate_keys", ("band", "key", "doc_id"),
              [(band, key, a.id) for a in todo for band, key in prints[a.id].keys()],
              ("SMALLINT", "BIGINT", "VARCHAR"))


def _story_id(article: Article) -> str:
    """A story is named after the article that started it (and its text, so that a story
    started again by a changed article gets a new name)."""
    key = f"{article.id}\n{article.content_hash}".encode()
    return "s" + hashlib.blake2b(key, digest_size=6).hexdigest()


def _stored_articles(con: storage.Connection, size: int) -> Iterator[list[Article]]:
    """Stored documents as Articles, by date, then in the order they were ingested,
    ``size`` at a time."""
    # rowid: documents written in one batch share ingested_at; rowid keeps their order.
    order = """coalesce("date", DATE '9999-12-31'), ingested_at, rowid"""
    after: tuple[Any, ...] | None = None
    while True:
        where, params = "", {"size": size}
        if after is not None:
            where = f"WHERE ({order}) > ($day, $at, $row)"
            params.update(day=after[0], at=after[1], row=after[2])
        rows = con.execute(
            f"""SELECT id, text, content_hash, title, "date", source, url, ingested_at, rowid
                FROM documents {where} ORDER BY {order} LIMIT $size""", params).fetchall()
        if not rows:
            return
        ids = [r[0] for r in rows]
        actors: dict[str, list[str]] = defaultdict(list)
        for doc_id, key in con.execute(
                """SELECT doc_id, coalesce(country, code, lower(name)) FROM mentions
                   WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))
                   ORDER BY doc_id, start_char""", [ids]).fetchall():
            if key:
                actors[doc_id].append(key)
        yield [Article(id=i, text=text, content_hash=digest, title=title, date=day,
                       outlet=outlet(source, url), actors=tuple(actors[i]))
               for i, text, digest, title, day, source, url, _, _ in rows]
        last = rows[-1]
        after = (last[4] or date(9999, 12, 31), last[7], last[8])


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
    parts: list[str] = []
    params: dict[str, Any] = {}
    if flt.since is not None:
        parts.append("last_date >= $since")
        params["since"] = flt.since
    if flt.until is not None:
        parts.append("first_date <= $until")
        params["until"] = flt.until
    if flt.actor is not None:
        actor_where, actor_params = EventFilter(actor=flt.actor).where()
        parts.append("story_id IN (SELECT s.story_id FROM story_documents s WHERE s.doc_id IN"
                     f" (SELECT doc_id FROM events WHERE {actor_where}))")
        params.update(actor_params)
    where = " AND ".join(parts) or "TRUE"
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
