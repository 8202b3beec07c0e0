"""Alert rules over newly ingested articles: once per event cluster, once per story.

Reads the events, event clusters and stories of the documents a watch has just ingested
(``watch_articles`` rows not yet evaluated); writes ``beat_alerts`` and
``beat_alert_events``.

An event cluster (:mod:`newsevents.stories.eventclusters`: the events of many articles
that are one happening) fires at most one alert per beat, however many rules it matches
(the alert names them all) and however many articles report it later: the events an alert
covered are kept, and a cluster with any of them is not alerted again — even after two
clusters merge under another id. A story fires once, when it reaches a story rule's
number of independent sources.

Alerts go to the caller (the CLI prints them, the log has them) and, when the beat names
a ``webhook``, to that URL as a JSON POST; an alert the webhook did not take is posted
again on later cycles, up to :data:`MAX_DELIVERIES` times.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpcore

from .._version import __version__
from ..errors import ConfigError, FetchError
from ..models import Event
from ..read.net import AddressRefused, GuardedBackend
from ..settings import Settings
from ..store import EventFilter
from ..store.query import document_summaries, select_events
from ..stories import StorySummary
from ..stories.eventclusters import events_by_cluster
from . import storage
from .definition import AlertRule, Beat
from .match import Scope, combined, scope

log = logging.getLogger(__name__)

MAX_DELIVERIES = 5  # posts of one alert before it is left undelivered
EVIDENCE = 5  # events or articles quoted in one alert
WEBHOOK_TIMEOUT = 10.0


@dataclass(frozen=True)
class Alert:
    """An alert that fired: what for (``kind`` event or story, ``key`` the cluster or
    story id), under which rules, and the JSON the webhook receives."""

    alert_id: str
    beat: str
    kind: str
    key: str
    rules: tuple[str, ...]
    summary: str
    payload: dict[str, Any]
    event_ids: tuple[str, ...] = ()  # the cluster's events when it fired


def alert_id(beat: str, kind: str, key: str) -> str:
    """A stable id: the same happening on the same beat always has the same id."""
    return "a" + hashlib.blake2b(f"{beat}\n{kind}\n{key}".encode(), digest_size=8).hexdigest()


def evaluate(con: storage.Connection, beat: Beat, doc_ids: Sequence[str]) -> list[Alert]:
    """Fire the alerts that the documents ``doc_ids`` (just ingested) call for, and keep
    them; returns the new alerts. Runs inside the caller's transaction."""
    if not doc_ids or not beat.alerts:
        return []
    beat_scope = scope(beat)
    fired: list[Alert] = []
    fired += _event_alerts(con, beat, beat_scope, doc_ids)
    fired += _story_alerts(con, beat, beat_scope, doc_ids)
    for alert in fired:
        storage.save_alert(con, alert.alert_id, beat.name, alert.kind, alert.key,
                          alert.rules, alert.payload, alert.event_ids)
    return fired


# -- event clusters --------------------------------------------------------------------------

_CLUSTER = "coalesce(c.cluster_id, e.event_id)"


def _event_alerts(con: storage.Connection, beat: Beat, beat_scope: Scope,
                  doc_ids: Sequence[str]) -> list[Alert]:
    rules = [rule for rule in beat.alerts if rule.kind == "event"]
    if not rules:
        return []
    matched: dict[str, dict[str, list[str]]] = defaultdict(dict)  # cluster -> rule -> events
    for rule in rules:
        for cluster_id, event_ids in _rule_matches(con, rule, beat_scope, doc_ids).items():
            matched[cluster_id][rule.name] = event_ids
    if not matched:
        return []
    members = _cluster_members(con, list(matched))
    seen = storage.alerted_events(con, beat.name, [e for ids in members.values() for e in ids])
    summaries = {row["cluster_id"]: row for row in events_by_cluster(
        con, "WHERE c.cluster_id IN (SELECT unnest($beat_clusters::VARCHAR[]))",
        {"beat_clusters": list(matched)})}
    by_rule = {rule.name: rule for rule in rules}
    alerts = []
    for cluster_id in sorted(matched):
        cluster_events = members.get(cluster_id, [cluster_id])
        if seen & set(cluster_events):
            continue  # this happening has had its alert
        summary = summaries.get(cluster_id) or {"cluster_id": cluster_id, "sources": 1,
                                                "articles": 1}
        names = tuple(name for name, _ in sorted(matched[cluster_id].items())
                      if int(summary.get("sources") or 0) >= by_rule[name].min_sources)
        if not names:
            continue  # not yet reported by enough outlets; a later article may tip it
        evidence_ids = sorted({e for n in names for e in matched[cluster_id][n]})
        alerts.append(_event_alert(con, beat, cluster_id, names, summary, evidence_ids,
                                   cluster_events))
    return alerts


def _rule_matches(con: storage.Connection, rule: AlertRule, beat_scope: Scope,
                  doc_ids: Sequence[str]) -> dict[str, list[str]]:
    """cluster id -> the events of it matching ``rule`` on the beat, for the clusters
    that the documents ``doc_ids`` have events in."""
    where, params = combined(beat_scope, rule.filter).where()
    if rule.max_intensity is not None:
        where += " AND intensity <= $beat_max_intensity"
        params["beat_max_intensity"] = rule.max_intensity
    if rule.min_intensity is not None:
        where += " AND intensity >= $beat_min_intensity"
        params["beat_min_intensity"] = rule.min_intensity
    params["beat_pending"] = list(doc_ids)
    rows = con.execute(
        f"""WITH touched AS (
                SELECT DISTINCT {_CLUSTER} AS cluster_id
                FROM events e LEFT JOIN event_clusters c ON c.event_id = e.event_id
                WHERE e.doc_id IN (SELECT unnest($beat_pending::VARCHAR[])))
            SELECT {_CLUSTER} AS cluster_id, e.event_id
            FROM events e LEFT JOIN event_clusters c ON c.event_id = e.event_id
            WHERE {_CLUSTER} IN (SELECT cluster_id FROM touched)
              AND e.event_id IN (SELECT event_id FROM events WHERE {where})
            ORDER BY cluster_id, e.event_id""", params).fetchall()
    found: dict[str, list[str]] = defaultdict(list)
    for cluster_id, event_id in rows:
        found[cluster_id].append(event_id)
    return found


def _cluster_members(con: storage.Connection, cluster_ids: list[str]) -> dict[str, list[str]]:
    rows = con.execute("SELECT cluster_id, event_id FROM event_clusters"
                       " WHERE cluster_id IN (SELECT unnest($1::VARCHAR[]))",
                       [cluster_ids]).fetchall()
    members: dict[str, list[str]] = defaultdict(list)
    for cluster_id, event_id in rows:
        members[cluster_id].append(event_id)
    return members


def _event_alert(con: storage.Connection, beat: Beat, cluster_id: str, rules: tuple[str, ...],
                 summary: dict[str, Any], evidence_ids: list[str],
                 cluster_events: list[str]) -> Alert:
    events = _events(con, evidence_ids)
    docs = document_summaries(con, {e.doc_id for e in events})
    first = events[0]
    cluster = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
               for k, v in summary.items()}
    who = " → ".join(a.code or a.text for a in (first.source, first.target) if a) or "-"
    sources = int(summary.get("sources") or 1)
    line = (f"[{beat.name}] {', '.join(rules)}: {first.date or 'undated'} {first.type} "
            f"{who} ({sources} source{'s' if sources != 1 else ''}): {first.sentence}")
    key = alert_id(beat.name, "event", cluster_id)
    payload = {
        "alert_id": key, "beat": beat.name, "beat_title": beat.title, "kind": "event",
        "rules": list(rules), "summary": line, "fired_at": storage.now().isoformat() + "Z",
        "cluster": cluster, "event": first.to_dict(),
        "evidence": [{"event_id": e.event_id, "type": e.type, "date": e.date,
                      "intensity": e.intensity, "sentence": e.sentence,
                      "document": docs.get(e.doc_id)} for e in events[:EVIDENCE]],
        "generator": f"newsevents {__version__}",
    }
    return Alert(key, beat.name, "event", cluster_id, rules, line, payload,
                 tuple(sorted(set(cluster_events) | set(evidence_ids))))


def _events(con: storage.Connection, event_ids: list[str]) -> list[Event]:
    """The events ``event_ids``, by date (read a document at a time: few documents)."""
    wanted = set(event_ids)
    doc_ids = sorted({row[0] for row in con.execute(
        "SELECT doc_id FROM events WHERE event_id IN (SELECT unnest($1::VARCHAR[]))",
        [event_ids]).fetchall()})
    found = [e for doc_id in doc_ids for e in select_events(con, EventFilter(doc_id=doc_id))
             if e.event_id in wanted]
    return sorted(found, key=lambda e: (e.date or "9999", e.event_id))


# -- stories ---------------------------------------------------------------------------------


def _story_alerts(con: storage.Connection, beat: Beat, beat_scope: Scope,
                  doc_ids: Sequence[str]) -> list[Alert]:
    rules = [rule for rule in beat.alerts if rule.kind == "story"]
    if not rules:
        return []
    least = min(rule.story_min_sources for rule in rules)
    params = {**beat_scope.params, "beat_pending": list(doc_ids), "beat_least": least}
    rows = con.execute(
        f"""SELECT story_id, title, first_date, last_date, size, copies, sources, outlets
            FROM stories
            WHERE sources >= $beat_least
              AND story_id IN (SELECT story_id FROM story_documents
                               WHERE doc_id IN (SELECT unnest($beat_pending::VARCHAR[])))
              AND story_id IN (SELECT s.story_id FROM story_documents s
                               WHERE s.doc_id IN (SELECT id FROM documents
                                                  WHERE {beat_scope.documents}))
            ORDER BY story_id""", params).fetchall()
    alerts = []
    for row in rows:
        story = StorySummary(*row)
        key = alert_id(beat.name, "story", story.story_id)
        if storage.alert_fired(con, key):
            continue
        names = tuple(r.name for r in rules if story.sources >= r.story_min_sources)
        alerts.append(_story_alert(con, beat, story, names, key))
    return alerts


def _story_alert(con: storage.Connection, beat: Beat, story: StorySummary,
                 rules: tuple[str, ...], key: str) -> Alert:
    rows = con.execute(
        "SELECT doc_id FROM story_documents WHERE story_id = $1 AND duplicate_of IS NULL"
        ' ORDER BY "date" NULLS LAST, doc_id', [story.story_id]).fetchall()
    docs = document_summaries(con, [doc_id for (doc_id,) in rows])
    line = (f"[{beat.name}] {', '.join(rules)}: story with {story.sources} sources: "
            f"{story.title or story.story_id}")
    payload = {
        "alert_id": key, "beat": beat.name, "beat_title": beat.title, "kind": "story",
        "rules": list(rules), "summary": line, "fired_at": storage.now().isoformat() + "Z",
        "story": story.to_dict(),
        "evidence": [{"document": docs[doc_id]} for (doc_id,) in rows
                     if doc_id in docs][:EVIDENCE],
        "generator": f"newsevents {__version__}",
    }
    return Alert(key, beat.name, "story", story.story_id, rules, line, payload)


# -- the webhook -----------------------------------------------------------------------------


def post_alert(url: str, payload: dict[str, Any], settings: Settings) -> None:
    """POST ``payload`` as JSON to ``url``; raises FetchError unless it answers 2xx.

    The address is checked as the fetcher checks it (no private, loopback or metadata
    address unless ``settings.allow_private`` or ``allowed_networks`` says so), and no
    redirect is followed: a webhook that moved is an error to fix in the beat file.
    """
    try:
        backend = GuardedBackend(settings.allow_private, settings.allowed_networks)
    except ValueError as exc:
        raise ConfigError(f"--allow-network: {exc}; give networks like 10.1.0.0/16") from exc
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    headers = [(b"Content-Type", b"application/json"), (b"User-Agent",
                                                        settings.user_agent.encode())]
    backend.deadline = time.monotonic() + WEBHOOK_TIMEOUT
    try:
        with httpcore.ConnectionPool(network_backend=backend) as pool:
            response = pool.request("POST", url, headers=headers, content=body,
                                    extensions={"timeout": {"connect": WEBHOOK_TIMEOUT,
                                                            "read": WEBHOOK_TIMEOUT,
                                                            "write": WEBHOOK_TIMEOUT,
                                                            "pool": WEBHOOK_TIMEOUT}})
    except AddressRefused as exc:
        raise FetchError(url, f"webhook refused: {exc}") from exc
    except httpcore.TimeoutException as exc:
        raise FetchError(url, f"webhook timed out (limit {WEBHOOK_TIMEOUT:g} s)") from exc
    except (httpcore.UnsupportedProtocol, httpcore.LocalProtocolError) as exc:
        raise FetchError(url, f"not a webhook URL: {exc}") from exc
    except httpcore.ConnectError as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FetchError(url, f"webhook unreachable: {why}") from exc
    except httpcore.NetworkError as exc:
        raise FetchError(url, f"webhook connection broke off ({type(exc).__name__})") from exc
    except httpcore.ProtocolError as exc:
        raise FetchError(url, f"webhook answered malformed HTTP ({type(exc).__name__})") from exc
    if not 200 <= response.status < 300:
        raise FetchError(url, f"webhook answered HTTP {response.status}")


def deliver(pending: Sequence[tuple[str, dict[str, Any]]], webhook: str,
            settings: Settings) -> list[tuple[str, str | None]]:
    """Post ``pending`` alerts (``(alert_id, payload)``, oldest first) to ``webhook``;
    returns each one tried with None (delivered) or why not. Stops at the first failure:
    the webhook is down, the rest can wait for the next cycle."""
    outcomes: list[tuple[str, str | None]] = []
    for key, payload in pending:
        try:
            post_alert(webhook, payload, settings)
        except FetchError as exc:
            log.warning("alert %s not delivered: %s", key, exc.reason)
            outcomes.append((key, exc.reason))
            break
        outcomes.append((key, None))
    return outcomes
