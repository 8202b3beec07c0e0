"""Alert rules: once per event cluster, once per story, and the webhook that takes them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from beats_data import ARTICLES, make_document, make_event, webhook_receiver

from newsevents.beats import Alert, post_alert, storage
from newsevents.beats import alerts as alerting
from newsevents.beats.definition import Beat, parse_beat
from newsevents.errors import FetchError
from newsevents.models import Actor, Document
from newsevents.settings import Settings
from newsevents.store import Store, open_store
from newsevents.stories import assign_stories

RULES = [{"name": "attack", "types": ["ASSAULT", "THREATEN"], "dyad": "PRK-KOR",
          "undirected": True},
         {"name": "severe", "max_intensity": -9},
         {"name": "big-story", "new_story_min_sources": 3}]
BEAT = parse_beat({"name": "korea", "countries": ["PRK", "KOR"], "alerts": RULES}, "test")
LOOPBACK = Settings(allow_private=True)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "s.duckdb") as opened:
        yield opened


def ingest(store: Store, docs: list[Document]) -> None:
    """What ingest does with coded documents: store them, then place them in stories."""
    store.write(docs)
    assign_stories(store, docs)


def evaluate(store: Store, doc_ids: list[str], beat: Beat = BEAT) -> list[Alert]:
    with store.transaction("test") as con:
        return alerting.evaluate(con, beat, doc_ids)


def text(key: str) -> str:
    return " ".join(ARTICLES[key][3])


def test_a_matching_event_fires_one_alert_naming_every_rule_it_meets(store: Store) -> None:
    ingest(store, [make_document("d1", text("shelling"), [make_event("d1")])])
    fired = evaluate(store, ["d1"])
    assert [(a.kind, a.rules) for a in fired] == [("event", ("attack", "severe"))]
    payload = fired[0].payload
    assert payload["event"]["type"] == "ASSAULT"
    assert payload["evidence"][0]["document"]["url"] == "https://example.org/d1"
    assert "North Korean troops fired" in fired[0].summary


def test_a_cluster_alerted_once_stays_quiet_when_more_articles_report_it(store: Store) -> None:
    ingest(store, [make_document("d1", text("shelling"), [make_event("d1")])])
    assert len(evaluate(store, ["d1"])) == 1
    ingest(store, [make_document("d2", text("shelling-2"), [make_event("d2")],
                                 source="Han River Times")])
    with store.reading("test") as con:
        clusters = con.execute("SELECT DISTINCT cluster_id FROM event_clusters").fetchall()
    assert len(clusters) == 1  # the second report joined the happening
    assert evaluate(store, ["d2"]) == []


def test_an_event_off_the_beat_or_not_asserted_fires_nothing(store: Store) -> None:
    japan, france = Actor(text="Japan", country="JPN"), Actor(text="France", country="FRA")
    ingest(store, [
        make_document("far", "Japan and France.", [make_event(
            "far", source=japan, target=france, location=None, sentence="Japan hit France.")]),
        make_document("plan", "A plan.", [make_event("plan", modality="intended")]),
    ])
    assert evaluate(store, ["far", "plan"]) == []


def test_min_sources_waits_for_another_outlet(store: Store) -> None:
    beat = parse_beat({"name": "korea", "countries": ["PRK"], "alerts": [
        {"name": "confirmed", "types": ["ASSAULT"], "min_sources": 2}]}, "test")
    ingest(store, [make_document("d1", text("shelling"), [make_event("d1")])])
    assert evaluate(store, ["d1"], beat) == []
    ingest(store, [make_document("d2", text("shelling-2"), [make_event("d2")],
                                 source="Han River Times")])
    fired = evaluate(store, ["d2"], beat)
    assert [(a.rules, a.payload["cluster"]["sources"]) for a in fired] == [(("confirmed",), 2)]


def test_a_story_reaching_three_sources_fires_once(store: Store) -> None:
    beat = parse_beat({"name": "korea", "places": ["DMZ", "Kaesong"], "include": ["Seoul"],
                       "alerts": RULES}, "test")
    outlets = {"shelling": "Seoul Daily", "shelling-2": "Han River Times",
               "threat": "Pyongyang Watch"}
    for key, outlet in outlets.items():
        ingest(store, [make_document(key, text(key), source=outlet,
                                     day=date.fromisoformat(ARTICLES[key][1]))])
    fired = evaluate(store, list(outlets), beat)
    assert [(a.kind, a.rules) for a in fired] == [("story", ("big-story",))]
    assert fired[0].payload["story"]["sources"] == 3
    assert len(fired[0].payload["evidence"]) == 3
    ingest(store, [make_document("more", text("shelling") + " More followed.",
                                 source="Busan Post")])
    assert evaluate(store, ["more"], beat) == []


def test_fired_alerts_are_kept_with_the_events_they_covered(store: Store) -> None:
    ingest(store, [make_document("d1", text("shelling"), [make_event("d1")])])
    fired = evaluate(store, ["d1"])
    with store.reading("test") as con:
        kept = storage.alerts(con, "korea")
        covered = storage.alerted_events(con, "korea", ["d1-e0"])
    assert [a["alert_id"] for a in kept] == [fired[0].alert_id]
    assert covered == {"d1-e0"}


def test_an_alert_is_posted_to_the_webhook_as_json() -> None:
    with webhook_receiver() as hook:
        post_alert(hook.url, {"alert_id": "a1", "summary": "<b>shelling</b>"}, LOOPBACK)
    assert hook.received == [{"alert_id": "a1", "summary": "<b>shelling</b>"}]


def test_a_loopback_webhook_is_refused_unless_private_addresses_are_allowed() -> None:
    with webhook_receiver() as hook, pytest.raises(FetchError, match="loopback"):
        post_alert(hook.url, {"alert_id": "a1"}, Settings())
    assert hook.received == []


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1:9/hook", "unreachable"),
    ("ftp://example.org/hook", "not a webhook URL"),
])
def test_a_webhook_that_cannot_be_reached_raises_fetch_error(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        post_alert(url, {"alert_id": "a1"}, LOOPBACK)


def test_delivery_stops_at_the_first_failure_and_says_why() -> None:
    pending = [("a1", {"alert_id": "a1"}), ("a2", {"alert_id": "a2"})]
    with webhook_receiver(status=500) as hook:
        assert alerting.deliver(pending, hook.url, LOOPBACK) == [
            ("a1", "webhook answered HTTP 500")]
        hook.status = 200
        assert alerting.deliver(pending, hook.url, LOOPBACK) == [("a1", None), ("a2", None)]
    assert [body["alert_id"] for body in hook.received] == ["a1", "a2"]
    assert json.dumps(hook.received)  # plain JSON all through
