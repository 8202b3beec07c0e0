"""Tests for newsevents.stories: stories, copies and event clusters kept in a store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from stories_articles import FERRY, STRIKE, STRIKE_ONE, article, corpus

from newsevents.errors import ConfigError, StoreError
from newsevents.models import Actor, Document, Event, Location
from newsevents.store import Store, open_store
from newsevents.stories import (
    assign_stories,
    count_event_clusters,
    event_clusters,
    rebuild_stories,
    stories,
    story_documents,
    story_list,
)


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    with open_store(tmp_path / "stories.duckdb") as opened:
        yield opened


def ingest(store: Store, docs: list[Document]) -> None:
    """What ``ingest`` does after coding: write, then place."""
    store.write(docs)
    assign_stories(store, docs)


def placed(store: Store) -> dict[str, tuple[str | None, str | None]]:
    return {d.id: (d.story_id, d.duplicate_of) for d in story_documents(store)}


def groups(store: Store) -> set[frozenset[str]]:
    by_story: dict[str | None, set[str]] = {}
    for doc_id, (story_id, _) in placed(store).items():
        by_story.setdefault(story_id, set()).add(doc_id)
    return {frozenset(ids) for ids in by_story.values()}


def test_articles_are_grouped_into_their_stories(store: Store) -> None:
    ingest(store, corpus())
    assert groups(store) == {frozenset(FERRY), frozenset(STRIKE), frozenset({"cycling"})}


def test_wire_copies_point_to_the_first_text_seen(store: Store) -> None:
    ingest(store, corpus())
    dups = {doc_id: dup for doc_id, (_, dup) in placed(store).items() if dup}
    assert dups == {"ferry-copy": "ferry-wire", "ferry-update": "ferry-wire"}


def test_story_counts_leave_copies_out(store: Store) -> None:
    ingest(store, corpus())
    ferry = next(s for s in story_list(store) if s.size + s.copies == len(FERRY))
    assert (ferry.size, ferry.copies, ferry.sources, ferry.outlets) == (2, 2, 2, 4)
    assert ferry.title == "Ferry capsizes on Lake Orvan, fourteen missing"
    assert (ferry.first_date, ferry.last_date) == (date(2021, 3, 2), date(2021, 3, 3))


def test_a_later_batch_joins_the_stories_already_stored(store: Store) -> None:
    first, later = corpus()[:5], corpus()[5:]  # strike-two and cycling come later
    ingest(store, first)
    before = placed(store)
    ingest(store, later)
    after = placed(store)
    assert {k: after[k] for k in before} == before
    assert after["strike-two"][0] == after["strike-one"][0]
    assert after["cycling"][0] not in {story for story, _ in before.values()}


def test_a_later_copy_is_found_through_the_stored_band_keys(store: Store) -> None:
    ingest(store, corpus())
    reprint = article("strike-reprint", "BREAKING. " + STRIKE_ONE, date(2021, 3, 5),
                      "wire.example", "Dockers strike")
    ingest(store, [reprint])
    assert placed(store)["strike-reprint"] == (placed(store)["strike-one"][0], "strike-one")


def test_placing_an_unchanged_document_again_changes_nothing(store: Store) -> None:
    ingest(store, corpus())
    before = placed(store)
    result = assign_stories(store, corpus())
    assert (result.assigned, result.unchanged) == (0, len(corpus()))
    assert placed(store) == before


def test_a_changed_document_is_placed_again(store: Store) -> None:
    ingest(store, corpus())
    changed = replace(corpus()[6], text=STRIKE_ONE.replace("Monday", "Sunday"),
                      title="Bramholt dockers strike")
    ingest(store, [changed])
    assert placed(store)["cycling"][0] == placed(store)["strike-one"][0]
    assert len(story_list(store)) == 2  # the cycling story, left empty, is gone


def test_rebuild_places_every_article_again_the_same_way(store: Store) -> None:
    ingest(store, corpus())
    before = placed(store)
    result = rebuild_stories(store)
    assert result.assigned == len(corpus())
    assert placed(store) == before


def test_a_document_not_yet_placed_is_listed_without_a_story(store: Store) -> None:
    store.write(corpus()[:1])
    assert placed(store) == {"ferry-wire": (None, None)}


def strike_event(doc: Document, n: int, day: str, **changes: Any) -> Event:
    event = Event(
        event_id=f"{doc.id}-e{n}", doc_id=doc.id, type="PROTEST", mode="strike", context=[],
        cameo="143", quad_class=3, intensity=-6.5,
        source=Actor(text="dock workers", name="dock workers", country="NOR", sector="LAB"),
        target=Actor(text="the port authority", name="port authority", country="NOR",
                     sector="BUS"),
        date=day, date_precision="day", date_text=None,
        location=Location(text="Bramholt", name="Bramholt", country="NOR"),
        modality="asserted", sentence="Dock workers walked off the job.", span=(0, 10),
        trigger="walked off", confidence=0.8, coder="test")
    return replace(event, **changes)


def with_strike_events(**later: Any) -> list[Document]:
    docs = corpus()
    one = next(d for d in docs if d.id == "strike-one")
    two = next(d for d in docs if d.id == "strike-two")
    one.events = [strike_event(one, 0, "2021-03-01")]
    two.events = [strike_event(two, 0, "2021-03-02", source=Actor(
        text="dockers", name="dockers", country="NOR", sector="LAB")),
        strike_event(two, 1, "2021-03-02", **later)]
    return docs


def test_one_happening_in_two_articles_is_one_cluster(store: Store) -> None:
    ingest(store, with_strike_events(type="THREATEN", cameo="130"))
    clusters = {c["type"]: c for c in event_clusters(store)}
    assert clusters["PROTEST"]["events"] == 2
    assert (clusters["PROTEST"]["articles"], clusters["PROTEST"]["sources"]) == (2, 2)
    assert clusters["PROTEST"]["cluster_id"] == "strike-one-e0"
    assert clusters["THREATEN"]["events"] == 1
    assert count_event_clusters(store) == 2
    assert count_event_clusters(store, type="PROTEST") == 1
    assert [c["type"] for c in event_clusters(store, limit=1)] == ["PROTEST"]


@pytest.mark.parametrize("later", [
    {"date": "2021-03-09"},
    {"location": Location(text="Oslo", name="Oslo", country="NOR")},
    {"modality": "negated"},
], ids=["another-day", "another-place", "negated"])
def test_events_that_differ_are_separate_clusters(store: Store, later: dict[str, Any]
                                                  ) -> None:
    ingest(store, with_strike_events(**later))
    assert count_event_clusters(store) == 2


def test_counts_by_cluster_in_a_time_series(store: Store) -> None:
    ingest(store, with_strike_events())
    by_events = store.timeline(by="month", count="events")
    by_clusters = store.timeline(by="month", count="clusters")
    assert [row.count for row in by_events] == [3]
    assert [row.count for row in by_clusters] == [1]
    assert [row.count for row in store.timeline(by="month", count="stories")] == [1]


def test_stories_reads_a_store_and_rebuilds_on_request(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    with open_store(path) as opened:
        ingest(opened, corpus())
    result = stories(db=path)
    assert len(result.documents) == len(corpus()) and len(result.stories) == 3
    assert result.rebuilt is None
    rebuilt = stories(db=path, rebuild=True, events=True)
    assert rebuilt.rebuilt is not None and rebuilt.rebuilt.assigned == len(corpus())


def test_stories_of_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such store"):
        stories(db=tmp_path / "missing.duckdb")


def test_a_read_only_store_refuses_assignment(tmp_path: Path) -> None:
    path = tmp_path / "news.duckdb"
    with open_store(path) as opened:
        opened.write(corpus())
    with open_store(path, read_only=True) as read_only, pytest.raises(StoreError):
        assign_stories(read_only, corpus())
