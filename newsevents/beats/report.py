"""A beat's briefing: what the store holds on it, read into one :class:`Briefing`.

Reads the events, documents, quotes, stories and event clusters on the beat (see
:mod:`.match`) and the beat's last report and alerts (:mod:`.storage`); writes nothing —
:func:`newsevents.beats.beat_report` keeps the briefing's :meth:`Briefing.state` so that
the next report can say what changed.

- ``stories``: the latest stories on the beat with the articles that tell them;
- ``key_events``: the happenings (event clusters of asserted events) most reported and
  most intense;
- ``timeline``: events and mean intensity per day, week or month for the main dyads;
- ``quotes``: what the beat's actors said, with speakers;
- ``actors``: the actors in most events;
- ``changes``: new articles, stories and happenings since the last report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..labels import code_label
from . import storage
from .definition import Beat
from .match import combined, scope

LATEST_STORIES = 8
ARTICLES_PER_STORY = 6
KEY_EVENTS = 10
QUOTES = 8
ACTORS = 12
MAIN_DYADS = 3
MAX_PERIODS = 60  # bars in one timeline; older periods are left out
KEPT_STORIES = 300  # stories remembered by a report, to tell new and grown ones next time
CHANGES_LISTED = 6

Row = dict[str, Any]


@dataclass
class Series:
    """Events of one dyad (both directions) per period."""

    dyad: tuple[str, str]
    names: tuple[str | None, str | None]
    points: list[Row]  # {period, events, mean_intensity, min_intensity}
    events: int
    mean_intensity: float | None


@dataclass
class Changes:
    """What is new since the last report (``since`` None: there was none)."""

    since: datetime | None
    articles: int = 0
    events: int = 0
    new_stories: list[Row] = field(default_factory=list)
    grown_stories: list[Row] = field(default_factory=list)
    new_happenings: list[Row] = field(default_factory=list)
    intensity_before: float | None = None
    intensity_since: float | None = None


@dataclass
class Briefing:
    """Everything a coverage page shows."""

    beat: Beat
    made_at: datetime
    totals: Row
    stories: list[Row]
    key_events: list[Row]
    period: str
    timeline: list[Series]
    quotes: list[Row]
    actors: list[Row]
    changes: Changes
    alerts: list[Row]
    watch: Row
    story_state: dict[str, list[int]] = field(default_factory=dict)

    def state(self) -> dict[str, Any]:
        """What the next report compares against."""
        return {"events": self.totals["events"], "articles": self.totals["articles"],
                "stories": self.story_state}

    def to_dict(self) -> dict[str, Any]:
        """The briefing as JSON-ready data (dates as ISO text)."""
        plain: dict[str, Any] = _plain({
            "beat": self.beat.to_dict(), "made_at": self.made_at, "totals": self.totals,
            "stories": self.stories, "key_events": self.key_events, "period": self.period,
            "timeline": [{"dyad": list(s.dyad), "names": list(s.names), "points": s.points,
                          "events": s.events, "mean_intensity": s.mean_intensity}
                         for s in self.timeline],
            "quotes": self.quotes, "actors": self.actors,
            "changes": self.changes.__dict__, "alerts": self.alerts, "watch": self.watch})
        return plain


def build_briefing(con: storage.Connection, beat: Beat) -> Briefing:
    """Read the briefing of ``beat`` over a store connection (``store.reading(...)``)."""
    beat_scope = scope(beat)
    on_beat, params = combined(beat_scope).where()
    event_ids = [r[0] for r in con.execute(
        f"SELECT event_id FROM events WHERE {on_beat}", params).fetchall()]
    doc_ids = [r[0] for r in con.execute(
        f"SELECT id FROM documents WHERE {beat_scope.documents}",
        beat_scope.params).fetchall()]
    totals = _totals(con, event_ids, doc_ids)
    period = _period(totals["first"], totals["last"])
    stories, story_state = _stories(con, doc_ids)
    previous = storage.last_report(con, beat.name)
    return Briefing(
        beat=beat, made_at=storage.now(), totals=totals, stories=stories,
        key_events=_key_events(con, event_ids), period=period,
        timeline=_timeline(con, beat, event_ids, period),
        quotes=_quotes(con, beat, doc_ids), actors=_actors(con, event_ids),
        changes=_changes(con, event_ids, doc_ids, story_state, previous),
        alerts=storage.alerts(con, beat.name, limit=5),
        watch=storage.watch_status(con, beat.name), story_state=story_state)


# -- sections ------------------------------------------------------------------------------


def _totals(con: storage.Connection, event_ids: list[str], doc_ids: list[str]) -> Row:
    row = con.execute(
        """SELECT count(*), count(DISTINCT e.doc_id), min(e.date_start), max(e.date_end),
                  avg(e.intensity), count(DISTINCT coalesce(c.cluster_id, e.event_id)),
                  count(*) FILTER (WHERE e.quad_class >= 3)
           FROM events e LEFT JOIN event_clusters c ON c.event_id = e.event_id
           WHERE e.event_id IN (SELECT unnest($1::VARCHAR[]))""", [event_ids]).fetchone()
    stories = con.execute(
        "SELECT count(DISTINCT story_id), count(DISTINCT outlet) FILTER"
        " (WHERE duplicate_of IS NULL) FROM story_documents"
        " WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))", [doc_ids]).fetchone()
    assert row is not None and stories is not None  # aggregates always return a row
    events, _, first, last, mean, happenings, conflict = row
    return {"events": int(events), "articles": len(doc_ids), "happenings": int(happenings),
            "stories": int(stories[0]), "outlets": int(stories[1]), "first": first,
            "last": last, "mean_intensity": _round(mean), "conflict": int(conflict)}


def _period(first: date | None, last: date | None) -> str:
    """Days for a month or so of news, weeks up to a year and a half, then months."""
    if first is None or last is None:
        return "day"
    span = (last - first).days
    return "day" if span <= 45 else "week" if span <= 550 else "month"


def _stories(con: storage.Connection, doc_ids: list[str]) -> tuple[list[Row], dict[str, list[int]]]:
    rows = con.execute(
        """SELECT story_id, title, first_date, last_date, size, copies, sources, outlets
           FROM stories WHERE story_id IN (SELECT story_id FROM story_documents
                                           WHERE doc_id IN (SELECT unnest($1::VARCHAR[])))
           ORDER BY last_date DESC NULLS LAST, sources DESC, size DESC, story_id
           LIMIT $2""", [doc_ids, KEPT_STORIES]).fetchall()
    names = ("story_id", "title", "first_date", "last_date", "size", "copies", "sources",
             "outlets")
    every = [dict(zip(names, row, strict=True)) for row in rows]
    state = {s["story_id"]: [int(s["size"]), int(s["sources"])] for s in every}
    latest = every[:LATEST_STORIES]
    articles = _story_articles(con, [s["story_id"] for s in latest])
    for story in latest:
        story["articles"] = articles.get(story["story_id"], [])[:ARTICLES_PER_STORY]
    return latest, state


def _story_articles(con: storage.Connection, story_ids: list[str]) -> dict[str, list[Row]]:
    rows = con.execute(
        """SELECT s.story_id, d.id, d.title, d.url, d."date", s.outlet, s.duplicate_of,
                  d.source
           FROM story_documents s JOIN documents d ON d.id = s.doc_id
           WHERE s.story_id IN (SELECT unnest($1::VARCHAR[]))
           ORDER BY s.duplicate_of IS NOT NULL, d."date" DESC NULLS LAST, d.id""",
        [story_ids]).fetchall()
    found: dict[str, list[Row]] = defaultdict(list)
    for story_id, doc_id, title, url, day, outlet, copy_of, source in rows:
        found[story_id].append({"id": doc_id, "title": title, "url": url, "date": day,
                                "outlet": outlet, "source": source,
                                "copy": copy_of is not None})
    return found


_HAPPENINGS = """
    SELECT coalesce(c.cluster_id, e.event_id) AS cluster_id,
           any_value(e."type") AS "type", mode(e.source_code) AS source_code,
           mode(e.source_name) AS source_name, mode(e.target_code) AS target_code,
           mode(e.target_name) AS target_name, min(e."date") AS "date",
           min(e.date_start) AS date_start, mode(e.location_name) AS place,
           avg(e.intensity) AS intensity, min(e.quad_class) AS quad_class,
           count(*) AS events, count(DISTINCT e.doc_id) AS articles,
           greatest(count(DISTINCT s.outlet) FILTER (WHERE s.duplicate_of IS NULL), 1)
               AS sources,
           arg_min(e.sentence, e.date_start) AS sentence,
           arg_min(e.doc_id, e.date_start) AS doc_id,
           min(d.ingested_at) AS first_ingested
    FROM events e
    LEFT JOIN event_clusters c ON c.event_id = e.event_id
    LEFT JOIN story_documents s ON s.doc_id = e.doc_id
    JOIN documents d ON d.id = e.doc_id
    WHERE e.event_id IN (SELECT unnest($1::VARCHAR[])) AND e.modality = 'asserted'
    GROUP BY 1"""


def _key_events(con: storage.Connection, event_ids: list[str]) -> list[Row]:
    """The happenings most reported, then most intense; shown newest first."""
    rows = _rows(con, f"""SELECT * FROM ({_HAPPENINGS})
        ORDER BY sources DESC, abs(intensity) DESC, date_start DESC NULLS LAST, cluster_id
        LIMIT {KEY_EVENTS}""", [event_ids])
    _attach_documents(con, rows)
    return sorted(rows, key=lambda r: (r["date_start"] or date.min, r["cluster_id"]),
                  reverse=True)


def _attach_documents(con: storage.Connection, rows: list[Row]) -> None:
    ids = sorted({r["doc_id"] for r in rows})
    docs = {r[0]: {"id": r[0], "title": r[1], "url": r[2], "source": r[3]} for r in con.execute(
        "SELECT id, title, url, source FROM documents WHERE id IN"
        " (SELECT unnest($1::VARCHAR[]))", [ids]).fetchall()}
    for row in rows:
        row["document"] = docs.get(row["doc_id"])


def _timeline(con: storage.Connection, beat: Beat, event_ids: list[str],
              period: str) -> list[Series]:
    dyads = list(beat.dyads) or _main_dyads(con, event_ids)
    if not dyads:
        return []
    series = []
    trunc = f"date_trunc('{period}', date_start)"  # period is one of three fixed names
    for a, b in dyads[:MAIN_DYADS + 1]:
        pair = ("((starts_with(source_code, $2) AND starts_with(target_code, $3))"
                " OR (starts_with(source_code, $3) AND starts_with(target_code, $2)))")
        rows = con.execute(
            f"""SELECT CAST({trunc} AS DATE), count(*), avg(intensity), min(intensity)
                FROM events WHERE event_id IN (SELECT unnest($1::VARCHAR[])) AND {pair}
                  AND date_start IS NOT NULL
                  AND {trunc} = date_trunc('{period}', date_end)
                GROUP BY 1 ORDER BY 1""", [event_ids, a, b]).fetchall()
        total = con.execute(
            f"""SELECT count(*), avg(intensity) FROM events
                WHERE event_id IN (SELECT unnest($1::VARCHAR[])) AND {pair}""",
            [event_ids, a, b]).fetchone()
        assert total is not None
        points = [{"period": p, "events": int(n), "mean_intensity": _round(mean),
                   "min_intensity": _round(low)} for p, n, mean, low in rows]
        series.append(Series((a, b), (code_label(a), code_label(b)),
                             points[-MAX_PERIODS:], int(total[0]), _round(total[1])))
    return [s for s in series if s.events]


def _main_dyads(con: storage.Connection, event_ids: list[str]) -> list[tuple[str, str]]:
    """The country pairs (either direction) with most events on the beat."""
    rows = con.execute(
        """SELECT least(source_country, target_country), greatest(source_country,
                  target_country), count(*) AS n
           FROM events WHERE event_id IN (SELECT unnest($1::VARCHAR[]))
             AND source_country IS NOT NULL AND target_country IS NOT NULL
             AND source_country <> target_country
           GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT $2""",
        [event_ids, MAIN_DYADS]).fetchall()
    return [(a, b) for a, b, _ in rows]


def _quotes(con: storage.Connection, beat: Beat, doc_ids: list[str]) -> list[Row]:
    """Quotes with a known speaker: direct words first, then the beat's own actors."""
    countries = list(beat.countries) or [""]
    rows = _rows(con, """
        SELECT q.text, q.kind, q.speaker_name, q.speaker_code, q.speaker_text,
               q.speaker_role, d.id AS doc_id, d.title, d.url, d."date", d.source
        FROM quotes q JOIN documents d ON d.id = q.doc_id
        LEFT JOIN story_documents s ON s.doc_id = q.doc_id
        WHERE q.doc_id IN (SELECT unnest($1::VARCHAR[])) AND s.duplicate_of IS NULL
          AND q.speaker_text IS NOT NULL AND length(q.text) BETWEEN 25 AND 400
        ORDER BY q.kind = 'direct' DESC,
                 q.speaker_country IN (SELECT unnest($2::VARCHAR[])) DESC,
                 d."date" DESC NULLS LAST, d.id, q.idx
        LIMIT 200""", [doc_ids, countries])
    seen: set[str] = set()
    chosen = []
    for row in rows:
        key = " ".join(row["text"].lower().split())
        if key in seen:
            continue  # the same words reported by two outlets
        seen.add(key)
        chosen.append(row)
        if len(chosen) == QUOTES:
            break
    return chosen


def _actors(con: storage.Connection, event_ids: list[str]) -> list[Row]:
    rows = _rows(con, """
        WITH hits AS (SELECT source_code, target_code, intensity, quad_class
                      FROM events WHERE event_id IN (SELECT unnest($1::VARCHAR[]))),
             sides AS (SELECT source_code AS code, 1 AS s, 0 AS t, intensity, quad_class
                       FROM hits WHERE source_code IS NOT NULL
                       UNION ALL
                       SELECT target_code, 0, 1, intensity, quad_class
                       FROM hits WHERE target_code IS NOT NULL)
        SELECT code, count(*) AS events, sum(s) AS as_source,
               sum(t) AS as_target, round(avg(intensity), 2) AS mean_intensity,
               count(*) FILTER (WHERE quad_class >= 3) AS conflict
        FROM sides GROUP BY code ORDER BY events DESC, code LIMIT $2""",
                 [event_ids, ACTORS])
    # A row counts every actor with the code, so it is named by the code (KORGOV: "South
    # Korea — government"), not by the official named most; "name" stays the key.
    return [{"code": r["code"], "name": code_label(r["code"]),
             **{k: v for k, v in r.items() if k != "code"}} for r in rows]


def _changes(con: storage.Connection, event_ids: list[str], doc_ids: list[str],
             stories: dict[str, list[int]],
             previous: tuple[datetime, dict[str, Any]] | None) -> Changes:
    if previous is None:
        return Changes(since=None)
    since, state = previous
    old: dict[str, list[int]] = state.get("stories") or {}
    row = con.execute(
        """SELECT count(DISTINCT d.id) FILTER (WHERE d.ingested_at > $3),
                  avg(e.intensity) FILTER (WHERE d.ingested_at <= $3),
                  avg(e.intensity) FILTER (WHERE d.ingested_at > $3),
                  count(e.event_id) FILTER (WHERE d.ingested_at > $3)
           FROM documents d LEFT JOIN events e ON e.doc_id = d.id
                AND e.event_id IN (SELECT unnest($2::VARCHAR[]))
           WHERE d.id IN (SELECT unnest($1::VARCHAR[]))""",
        [doc_ids, event_ids, since]).fetchone()
    assert row is not None
    changes = Changes(since=since, articles=int(row[0]), events=int(row[3]),
                      intensity_before=_round(row[1]), intensity_since=_round(row[2]))
    new_ids = [s for s in stories if s not in old]
    grown = [s for s in stories if s in old and stories[s][1] > old[s][1]]
    titles = _story_titles(con, new_ids[:CHANGES_LISTED] + grown[:CHANGES_LISTED])
    changes.new_stories = [{**titles[s], "total": len(new_ids)} for s in new_ids[:CHANGES_LISTED]
                           if s in titles]
    changes.grown_stories = [{**titles[s], "sources_before": old[s][1]}
                             for s in grown[:CHANGES_LISTED] if s in titles]
    fresh = _rows(con, f"""SELECT * FROM ({_HAPPENINGS}) WHERE first_ingested > $2
                           ORDER BY sources DESC, abs(intensity) DESC, cluster_id
                           LIMIT {CHANGES_LISTED}""", [event_ids, since])
    _attach_documents(con, fresh)
    changes.new_happenings = fresh
    return changes


def _story_titles(con: storage.Connection, story_ids: Sequence[str]) -> dict[str, Row]:
    rows = _rows(con, "SELECT story_id, title, sources, size, last_date FROM stories"
                      " WHERE story_id IN (SELECT unnest($1::VARCHAR[]))", [list(story_ids)])
    return {r["story_id"]: r for r in rows}


# -- helpers ---------------------------------------------------------------------------------


def _rows(con: storage.Connection, sql: str, params: Sequence[Any]) -> list[Row]:
    result = con.execute(sql, list(params))
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    return value
