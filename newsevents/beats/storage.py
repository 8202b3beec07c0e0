"""The beat tables of the store (schema version 6): their migration and the SQL over them.

Importing this module registers the migration with the store
(:mod:`newsevents.store.features`), which loads it before it opens a store. Every
function takes the DuckDB connection of an open :class:`~newsevents.store.Store`
(``store.transaction(...)`` or ``store.reading(...)``). Tables::

    beats             (name PK, definition JSON, origin, saved_at)   beats watched or
                      reported on, so that the dashboard can show them
    watch_feeds       (beat, url, etag, last_modified, failures, next_poll, last_poll,
                       last_ok, last_error)           PK (beat, url): conditional GET and
                      back-off survive a restart
    watch_articles    (url PK, beat, feed, doc_id, status, attempts, reason, seen_at,
                       evaluated)   every article link a watch has met: ``ingested``,
                      ``retry`` (fetching failed; tried again while the feed lists it) or
                      ``failed`` (given up); ``evaluated`` once its alerts were evaluated
    beat_alerts       (alert_id PK, beat, kind, key, rules, payload JSON, fired_at,
                       delivered_at, attempts, last_error)   alerts fired, and whether the
                      webhook has them
    beat_alert_events (beat, event_id, alert_id)  PK (beat, event_id): the events an alert
                      covered, so that a cluster never fires twice (even once it has merged)
    beat_reports      (beat, made_at, state JSON)  what each report showed, for "what
                      changed since the last report"
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import duckdb

from ..models import Failure
from ..store.features import register_migration
from ..store.schema import Migration
from .definition import Beat, beat_from_json

Connection = duckdb.DuckDBPyConnection

# The beat tables, created in every store (registered with the store at the end).
MIGRATION = Migration(6, "beats: definitions, watched feeds and articles, alerts, reports", (
    """CREATE TABLE beats (
        name VARCHAR PRIMARY KEY,
        definition VARCHAR NOT NULL,
        origin VARCHAR NOT NULL,
        saved_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE watch_feeds (
        beat VARCHAR NOT NULL,
        url VARCHAR NOT NULL,
        etag VARCHAR,
        last_modified VARCHAR,
        failures INTEGER NOT NULL,
        next_poll TIMESTAMP,
        last_poll TIMESTAMP,
        last_ok TIMESTAMP,
        last_error VARCHAR,
        PRIMARY KEY (beat, url)
    )""",
    """CREATE TABLE watch_articles (
        url VARCHAR PRIMARY KEY,
        beat VARCHAR NOT NULL,
        feed VARCHAR NOT NULL,
        doc_id VARCHAR,
        status VARCHAR NOT NULL,
        attempts INTEGER NOT NULL,
        reason VARCHAR,
        seen_at TIMESTAMP NOT NULL,
        evaluated BOOLEAN NOT NULL
    )""",
    """CREATE TABLE beat_alerts (
        alert_id VARCHAR PRIMARY KEY,
        beat VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        "key" VARCHAR NOT NULL,
        rules VARCHAR[] NOT NULL,
        payload VARCHAR NOT NULL,
        fired_at TIMESTAMP NOT NULL,
        delivered_at TIMESTAMP,
        attempts INTEGER NOT NULL,
        last_error VARCHAR
    )""",
    """CREATE TABLE beat_alert_events (
        beat VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        alert_id VARCHAR NOT NULL,
        PRIMARY KEY (beat, event_id)
    )""",
    """CREATE TABLE beat_reports (
        beat VARCHAR NOT NULL,
        made_at TIMESTAMP NOT NULL,
        state VARCHAR NOT NULL,
        PRIMARY KEY (beat, made_at)
    )""",
))

INGESTED, RETRY, FAILED = "ingested", "retry", "failed"


def now() -> datetime:
    """The current UTC time, naive, as TIMESTAMP columns hold it."""
    return datetime.now(UTC).replace(tzinfo=None)


# -- beats -----------------------------------------------------------------------------------


def save_beat(con: Connection, beat: Beat) -> None:
    """Keep (or update) a beat's definition."""
    con.execute(
        """INSERT INTO beats VALUES ($1, $2, $3, $4)
           ON CONFLICT (name) DO UPDATE SET definition = excluded.definition,
               origin = excluded.origin, saved_at = excluded.saved_at""",
        [beat.name, json.dumps(beat.to_dict(), ensure_ascii=False), beat.origin, now()])


def stored_beats(con: Connection) -> list[Beat]:
    """The beats kept in the store, by name."""
    rows = con.execute("SELECT name, definition, origin FROM beats ORDER BY name").fetchall()
    # Errors name the stored beat; the beat keeps the file it was first read from.
    return [replace(beat_from_json(text, f"store beat {name!r}"), origin=origin)
            for name, text, origin in rows]


# -- feeds -----------------------------------------------------------------------------------


@dataclass
class FeedState:
    """Where polling one feed stands."""

    beat: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: datetime | None = None
    last_poll: datetime | None = None
    last_ok: datetime | None = None
    last_error: str | None = None

    def due(self, at: datetime) -> bool:
        """Whether the feed may be polled at ``at`` (it is not backing off)."""
        return self.next_poll is None or self.next_poll <= at


_FEED_COLUMNS = ("beat", "url", "etag", "last_modified", "failures", "next_poll", "last_poll",
                 "last_ok", "last_error")


def feed_states(con: Connection, beat: str, urls: Sequence[str]) -> dict[str, FeedState]:
    """The stored state of each of ``urls`` (a fresh one for a feed never polled)."""
    rows = con.execute(
        f"SELECT {', '.join(_FEED_COLUMNS)} FROM watch_feeds WHERE beat = $1"
        " AND url IN (SELECT unnest($2::VARCHAR[]))", [beat, list(urls)]).fetchall()
    stored = {row[1]: FeedState(*row) for row in rows}
    return {url: stored.get(url) or FeedState(beat, url) for url in urls}


def save_feed(con: Connection, state: FeedState) -> None:
    """Keep one feed's state."""
    names = ", ".join(_FEED_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _FEED_COLUMNS[2:])
    con.execute(f"INSERT INTO watch_feeds ({names}) VALUES "
                f"({', '.join(f'${i}' for i in range(1, len(_FEED_COLUMNS) + 1))})"
                f" ON CONFLICT (beat, url) DO UPDATE SET {updates}",
                [getattr(state, c) for c in _FEED_COLUMNS])


# -- articles --------------------------------------------------------------------------------


def known_links(con: Connection, links: Sequence[str], max_attempts: int) -> set[str]:
    """The links among ``links`` not to fetch: ingested, given up, or already in the store
    as a document (by id or URL) however it got there."""
    wanted = list(links)
    if not wanted:
        return set()
    rows = con.execute(
        """SELECT url FROM watch_articles WHERE url IN (SELECT unnest($1::VARCHAR[]))
               AND (status <> 'retry' OR attempts >= $2)
           UNION SELECT id FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))
           UNION SELECT url FROM documents WHERE url IN (SELECT unnest($1::VARCHAR[]))""",
        [wanted, max_attempts]).fetchall()
    return {link for (link,) in rows}


def record_article(con: Connection, beat: str, feed: str, url: str, status: str,
                   doc_id: str | None = None, reason: str | None = None) -> int:
    """Note what became of an article link; returns how many times it has been tried."""
    row = con.execute(
        """INSERT INTO watch_articles VALUES ($1, $2, $3, $4, $5, 1, $6, $7, FALSE)
           ON CONFLICT (url) DO UPDATE SET status = excluded.status,
               doc_id = excluded.doc_id, reason = excluded.reason,
               attempts = watch_articles.attempts + 1, seen_at = excluded.seen_at
           RETURNING attempts""",
        [url, beat, feed, doc_id, status, reason, now()]).fetchone()
    return int(row[0]) if row else 1


def give_up(con: Connection, url: str) -> None:
    """Stop trying an article link (its failure is recorded apart)."""
    con.execute("UPDATE watch_articles SET status = 'failed' WHERE url = $1", [url])


def record_failure(con: Connection, failure: Failure) -> None:
    """A failure in the store's ``failures`` table (what ``newsevents failures`` lists)."""
    con.execute('INSERT INTO failures (input, stage, reason, "at") VALUES ($1, $2, $3, $4)',
                [failure.input, failure.stage, failure.reason, now()])


def pending_documents(con: Connection, beat: str) -> list[str]:
    """Documents this beat's watch ingested whose alerts are not evaluated yet."""
    rows = con.execute(
        "SELECT doc_id FROM watch_articles WHERE beat = $1 AND status = 'ingested'"
        " AND NOT evaluated AND doc_id IS NOT NULL ORDER BY seen_at, url", [beat]).fetchall()
    return [doc_id for (doc_id,) in rows]


def mark_evaluated(con: Connection, beat: str, doc_ids: Sequence[str]) -> None:
    con.execute("UPDATE watch_articles SET evaluated = TRUE WHERE beat = $1"
                " AND doc_id IN (SELECT unnest($2::VARCHAR[]))", [beat, list(doc_ids)])


# -- alerts ----------------------------------------------------------------------------------


def alerted_events(con: Connection, beat: str, event_ids: Iterable[str]) -> set[str]:
    """The events among ``event_ids`` an alert of ``beat`` already covered."""
    rows = con.execute(
        "SELECT event_id FROM beat_alert_events WHERE beat = $1"
        " AND event_id IN (SELECT unnest($2::VARCHAR[]))", [beat, list(event_ids)]).fetchall()
    return {event_id for (event_id,) in rows}


def alert_fired(con: Connection, alert_id: str) -> bool:
    row = con.execute("SELECT count(*) FROM beat_alerts WHERE alert_id = $1",
                      [alert_id]).fetchone()
    return bool(row and row[0])


def save_alert(con: Connection, alert_id: str, beat: str, kind: str, key: str,
               rules: Sequence[str], payload: dict[str, Any],
               event_ids: Sequence[str]) -> None:
    con.execute("INSERT INTO beat_alerts VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, 0, NULL)",
                [alert_id, beat, kind, key, list(rules),
                 json.dumps(payload, ensure_ascii=False, default=str), now()])
    if event_ids:
        con.execute(
            """INSERT INTO beat_alert_events
               SELECT $1, unnest($2::VARCHAR[]), $3 ON CONFLICT DO NOTHING""",
            [beat, list(event_ids), alert_id])


def undelivered(con: Connection, beat: str, max_attempts: int, limit: int = 100
                ) -> list[tuple[str, dict[str, Any]]]:
    """Alerts of ``beat`` the webhook has not taken yet, oldest first."""
    rows = con.execute(
        "SELECT alert_id, payload FROM beat_alerts WHERE beat = $1 AND delivered_at IS NULL"
        " AND attempts < $2 ORDER BY fired_at, alert_id LIMIT $3",
        [beat, max_attempts, limit]).fetchall()
    return [(alert_id, json.loads(payload)) for alert_id, payload in rows]


def mark_delivery(con: Connection, alert_id: str, error: str | None) -> None:
    if error is None:
        con.execute("UPDATE beat_alerts SET delivered_at = $2, attempts = attempts + 1,"
                    " last_error = NULL WHERE alert_id = $1", [alert_id, now()])
    else:
        con.execute("UPDATE beat_alerts SET attempts = attempts + 1, last_error = $2"
                    " WHERE alert_id = $1", [alert_id, error])


def alerts(con: Connection, beat: str, limit: int = 50) -> list[dict[str, Any]]:
    """The latest alerts of ``beat``: their payloads with delivery state, newest first."""
    rows = con.execute(
        "SELECT payload, delivered_at, attempts, last_error FROM beat_alerts WHERE beat = $1"
        " ORDER BY fired_at DESC, alert_id LIMIT $2", [beat, limit]).fetchall()
    return [{**json.loads(payload), "delivered_at": delivered.isoformat() if delivered else None,
             "attempts": attempts, "last_error": error}
            for payload, delivered, attempts, error in rows]


# -- reports ---------------------------------------------------------------------------------


def last_report(con: Connection, beat: str) -> tuple[datetime, dict[str, Any]] | None:
    """When the latest report of ``beat`` was made and what it showed, or None."""
    row = con.execute("SELECT made_at, state FROM beat_reports WHERE beat = $1"
                      " ORDER BY made_at DESC LIMIT 1", [beat]).fetchone()
    return (row[0], json.loads(row[1])) if row else None


def save_report(con: Connection, beat: str, made_at: datetime, state: dict[str, Any]) -> None:
    con.execute("INSERT INTO beat_reports VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                [beat, made_at, json.dumps(state, ensure_ascii=False)])


def watch_status(con: Connection, beat: str) -> dict[str, Any]:
    """Counts of a beat's watch: feeds, articles by status, alerts, last poll."""
    feeds = con.execute("SELECT count(*), max(last_poll), count(*) FILTER (WHERE failures > 0)"
                        " FROM watch_feeds WHERE beat = $1", [beat]).fetchone()
    articles = dict(con.execute("SELECT status, count(*) FROM watch_articles WHERE beat = $1"
                                " GROUP BY status", [beat]).fetchall())
    fired = con.execute("SELECT count(*) FROM beat_alerts WHERE beat = $1", [beat]).fetchone()
    assert feeds is not None and fired is not None  # aggregates always return a row
    return {"feeds": int(feeds[0]), "last_poll": feeds[1].isoformat() if feeds[1] else None,
            "failing_feeds": int(feeds[2]), "articles": {k: int(v) for k, v in articles.items()},
            "alerts": int(fired[0])}


register_migration(MIGRATION)
