"""The story tables of the store (schema version 3): their migration and the SQL over them.

Importing this module registers with the store (:mod:`newsevents.store.features`) the
migration creating the tables, the event filter ``story`` and the series counts
``clusters`` and ``stories``; the store loads it before it needs them. Every function
takes the DuckDB connection of an open :class:`~newsevents.store.Store`
(``store.transaction(...)`` or ``store.reading(...)``), so that one assignment is one
transaction. Tables::

    story_documents  (doc_id PK, content_hash, story_id, duplicate_of, similarity, outlet,
                      date, shingles, text_hash, minhash BLOB, assigned_at)
    duplicate_keys   (band, key, doc_id)     LSH band keys of every article
    stories          (story_id PK, title, first_date, last_date, size, copies, sources,
                      outlets, updated_at)
    story_terms      (story_id, term, weight)            each story's centroid, PK both
    story_term_counts (term PK, df)          in how many articles (copies not counted)
    event_clusters   (event_id PK, doc_id, cluster_id)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb

from ..store.features import Condition, register_condition, register_count, register_migration
from ..store.schema import Migration
from .cluster import Story
from .dedup import Fingerprint

Connection = duckdb.DuckDBPyConnection

# The story tables, created in every store (registered with the store below).
MIGRATION = Migration(3, "stories: near-duplicates, story clusters, event clusters", (
    """CREATE TABLE story_documents (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        story_id VARCHAR NOT NULL,
        duplicate_of VARCHAR,
        similarity DOUBLE,
        outlet VARCHAR,
        "date" DATE,
        shingles INTEGER NOT NULL,
        text_hash VARCHAR NOT NULL,
        minhash BLOB NOT NULL,
        assigned_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE duplicate_keys (
        band SMALLINT NOT NULL,
        "key" BIGINT NOT NULL,
        doc_id VARCHAR NOT NULL
    )""",
    """CREATE TABLE stories (
        story_id VARCHAR PRIMARY KEY,
        title VARCHAR,
        first_date DATE,
        last_date DATE,
        size INTEGER NOT NULL,
        copies INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE story_terms (
        story_id VARCHAR NOT NULL,
        term VARCHAR NOT NULL,
        weight DOUBLE NOT NULL,
        PRIMARY KEY (story_id, term)
    )""",
    """CREATE TABLE story_term_counts (
        term VARCHAR PRIMARY KEY,
        df INTEGER NOT NULL
    )""",
    """CREATE TABLE event_clusters (
        event_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        cluster_id VARCHAR NOT NULL
    )""",
))

TABLES = ("story_documents", "duplicate_keys", "stories", "story_terms", "story_term_counts",
          "event_clusters")


def now() -> datetime:
    """The current UTC time, naive, as TIMESTAMP columns hold it."""
    return datetime.now(UTC).replace(tzinfo=None)


def insert(con: Connection, table: str, columns: Sequence[str],
           rows: Sequence[tuple[Any, ...]], types: Sequence[str]) -> None:
    """Insert ``rows`` in one statement, each column passed as one typed list."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f"unnest(${i}::{t}[])" for i, t in enumerate(types, 1))
    con.execute(f"INSERT INTO {table} ({names}) SELECT {values}",
                [list(column) for column in zip(*rows, strict=True)])


def stored_hashes(con: Connection, doc_ids: Sequence[str]) -> dict[str, str]:
    """doc_id -> the content hash its story assignment was made for."""
    rows = con.execute("SELECT doc_id, content_hash FROM story_documents"
                       " WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))", [list(doc_ids)])
    return {doc_id: digest for doc_id, digest in rows.fetchall()}


def forget(con: Connection, doc_ids: Sequence[str]) -> set[str]:
    """Drop the assignments of documents about to be assigned again (their text changed);
    returns the stories they were in, whose counts must be refreshed. Their part of a
    story's centroid stays: a centroid sums vectors that are not kept one by one."""
    if not doc_ids:
        return set()
    ids = list(doc_ids)
    rows = con.execute("SELECT DISTINCT story_id FROM story_documents"
                       " WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))", [ids]).fetchall()
    for table in ("story_documents", "duplicate_keys", "event_clusters"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))", [ids])
    return {story_id for (story_id,) in rows}


def clear(con: Connection) -> None:
    """Empty every story table (before a rebuild)."""
    for table in TABLES:
        con.execute(f"DELETE FROM {table}")


# -- near-duplicates -------------------------------------------------------------------------


def duplicate_candidates(con: Connection, keys: Mapping[str, Sequence[tuple[int, int]]]
                         ) -> dict[str, list[tuple[str, Fingerprint]]]:
    """For each new doc_id, the stored articles sharing an LSH band with it."""
    rows = [(doc_id, band, key) for doc_id, pairs in keys.items() for band, key in pairs]
    if not rows:
        return {}
    found = con.execute(
        """WITH probe AS (SELECT unnest($1::VARCHAR[]) AS probe_id,
                                 unnest($2::SMALLINT[]) AS band, unnest($3::BIGINT[]) AS "key"),
                hits AS (SELECT DISTINCT p.probe_id, k.doc_id FROM probe p
                         JOIN duplicate_keys k ON k.band = p.band AND k."key" = p."key")
           SELECT h.probe_id, h.doc_id, s.minhash, s.shingles, s.text_hash
           FROM hits h JOIN story_documents s ON s.doc_id = h.doc_id""",
        [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]]).fetchall()
    result: dict[str, list[tuple[str, Fingerprint]]] = defaultdict(list)
    for probe_id, doc_id, signature, size, text_hash in found:
        result[probe_id].append((doc_id, Fingerprint(bytes(signature), size, text_hash)))
    return dict(result)


def story_of(con: Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id -> story_id of stored articles."""
    rows = con.execute("SELECT doc_id, story_id FROM story_documents"
                       " WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))", [list(doc_ids)])
    return dict(rows.fetchall())


# -- term statistics -------------------------------------------------------------------------


def term_counts(con: Connection, terms: Iterable[str]) -> tuple[dict[str, int], int]:
    """Stored document frequencies of ``terms``, and the number of articles counted."""
    rows = con.execute("SELECT term, df FROM story_term_counts"
                       " WHERE term IN (SELECT unnest($1::VARCHAR[]))", [list(terms)])
    df = dict(rows.fetchall())
    total = con.execute("SELECT count(*) FROM story_documents WHERE duplicate_of IS NULL"
                        ).fetchone()
    return df, int(total[0]) if total else 0


def add_term_counts(con: Connection, df: Mapping[str, int]) -> None:
    """Add a batch's document frequencies to the stored ones."""
    if not df:
        return
    con.execute(
        """INSERT INTO story_term_counts SELECT unnest($1::VARCHAR[]), unnest($2::INTEGER[])
           ON CONFLICT (term) DO UPDATE SET df = story_term_counts.df + excluded.df""",
        [list(df), list(df.values())])


# -- stories ---------------------------------------------------------------------------------


def candidate_stories(con: Connection, terms: Iterable[str], first: date | None,
                      last: date | None, window: int) -> list[Story]:
    """Stored stories that share one of ``terms`` and whose dates come within ``window``
    days of [first, last] (undated stories always), with their centroids."""
    where = ["story_id IN (SELECT DISTINCT story_id FROM story_terms"
             " WHERE term IN (SELECT unnest($terms::VARCHAR[])))"]
    params: dict[str, Any] = {"terms": list(terms)}
    if first is not None and last is not None:
        where.append("(first_date IS NULL OR (first_date <= $upper AND last_date >= $lower))")
        params["lower"] = first - timedelta(days=window)
        params["upper"] = last + timedelta(days=window)
    rows = con.execute(
        f"SELECT story_id, first_date, last_date FROM stories WHERE {' AND '.join(where)}",
        params).fetchall()
    stories = {sid: Story(sid, first=f, last=la) for sid, f, la in rows}
    if not stories:
        return []
    terms_rows = con.execute(
        "SELECT story_id, term, weight FROM story_terms"
        " WHERE story_id IN (SELECT unnest($1::VARCHAR[]))", [list(stories)]).fetchall()
    for story_id, term, weight in terms_rows:
        stories[story_id].centroid[term] = weight
    for story in stories.values():
        story.trim()  # sets the norm
    return list(stories.values())


def latest_day(con: Connection) -> date | None:
    """The last date of the most recent story: what "now" is for undated articles."""
    row = con.execute("SELECT max(last_date) FROM stories").fetchone()
    return row[0] if row else None


def save_stories(con: Connection, stories: Iterable[Story], new_ids: set[str]) -> None:
    """Write the centroids of changed stories; create rows for new ones (their counts are
    filled by :func:`refresh_stories`)."""
    changed = [s for s in stories if s.changed]
    if not changed:
        return
    stamp = now()
    insert(con, "stories", ("story_id", "size", "copies", "sources", "outlets", "updated_at"),
           [(s.story_id, 0, 0, 0, 0, stamp) for s in changed if s.story_id in new_ids],
           ("VARCHAR", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "TIMESTAMP"))
    con.execute("DELETE FROM story_terms WHERE story_id IN (SELECT unnest($1::VARCHAR[]))",
                [[s.story_id for s in changed]])
    rows: list[tuple[str, str, float]] = []
    for story in changed:
        story.trim()
        rows.extend((story.story_id, term, weight) for term, weight in story.centroid.items())
    insert(con, "story_terms", ("story_id", "term", "weight"), rows,
           ("VARCHAR", "VARCHAR", "DOUBLE"))


def refresh_stories(con: Connection, story_ids: Iterable[str]) -> None:
    """Recount size, copies, sources, outlets, dates and title of stories from their
    articles; a story left with no article is deleted."""
    ids = sorted(set(story_ids))
    if not ids:
        return
    con.execute(
        """UPDATE stories SET title = agg.title, first_date = agg.first_date,
               last_date = agg.last_date, size = agg.size, copies = agg.copies,
               sources = agg.sources, outlets = agg.outlets, updated_at = $2
           FROM (SELECT s.story_id,
                        arg_min(d.title, coalesce(s."date", DATE '9999-12-31'))
                            FILTER (WHERE d.title IS NOT NULL AND s.duplicate_of IS NULL)
                            AS title,
                        min(s."date") AS first_date, max(s."date") AS last_date,
                        count(*) FILTER (WHERE s.duplicate_of IS NULL) AS size,
                        count(*) FILTER (WHERE s.duplicate_of IS NOT NULL) AS copies,
                        count(DISTINCT s.outlet) FILTER (WHERE s.duplicate_of IS NULL)
                            AS sources,
                        count(DISTINCT s.outlet) AS outlets
                 FROM story_documents s LEFT JOIN documents d ON d.id = s.doc_id
                 WHERE s.story_id IN (SELECT unnest($1::VARCHAR[]))
                 GROUP BY s.story_id) AS agg
           WHERE stories.story_id = agg.story_id""", [ids, now()])
    kept = {sid for (sid,) in con.execute(
        "SELECT DISTINCT story_id FROM story_documents"
        " WHERE story_id IN (SELECT unnest($1::VARCHAR[]))", [ids]).fetchall()}
    empty = [sid for sid in ids if sid not in kept]
    if empty:
        for table in ("story_terms", "stories"):
            con.execute(f"DELETE FROM {table}"
                        " WHERE story_id IN (SELECT unnest($1::VARCHAR[]))", [empty])


# -- what the stories add to the store --------------------------------------------------------


def story_condition(story_id: str) -> Condition:
    """The event filter ``story``: the events of the articles of one story, copies
    included."""
    return Condition("doc_id IN (SELECT s.doc_id FROM story_documents s"
                     " WHERE s.story_id = $story)", (("story", story_id),))


register_migration(MIGRATION)
register_condition("story", story_condition)
# Distinct happenings: an event cluster counts once however many articles report it
# (an event not yet clustered counts as its own).
register_count("clusters", "count(DISTINCT coalesce((SELECT c.cluster_id FROM event_clusters c"
                           " WHERE c.event_id = events.event_id), events.event_id))")
# Distinct stories the events come from (an article not yet placed counts as its own).
register_count("stories", "count(DISTINCT coalesce((SELECT s.story_id FROM story_documents s"
                          " WHERE s.doc_id = events.doc_id), 'doc:' || events.doc_id))")
