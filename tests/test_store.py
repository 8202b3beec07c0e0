"""Tests for the DuckDB event store, on documents and events built directly from the model."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents.errors import StoreDamagedError, StoreError
from newsevents.models import (
    Actor,
    Document,
    Event,
    Failure,
    Location,
    Mention,
    Quote,
    Sentence,
    plain,
)
from newsevents.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    Store,
    WriteResult,
    features,
    open_store,
)
from newsevents.store import _store as store_module
from newsevents.store.schema import check_migrations

TEXT = "North Korea blew up the liaison office. South Korea protested on Tuesday."


def make_event(doc_id: str = "doc1", n: int = 0, **changes: Any) -> Event:
    """A fully populated event; ``changes`` overrides fields."""
    event = Event(
        event_id=f"{doc_id}-e{n}",
        doc_id=doc_id,
        type="ASSAULT",
        mode="explosion",
        context=["military", "border"],
        cameo="183",
        quad_class=4,
        intensity=-10.0,
        source=Actor(text="North Korea", name="North Korea", country="PRK", sector="GOV",
                     role="state"),
        target=Actor(text="the liaison office", name="Inter-Korean Liaison Office",
                     country="KOR", sector="GOV"),
        date="2020-06-16",
        date_precision="day",
        date_text="Tuesday",
        location=Location(text="Kaesong", name="Kaesong", country="PRK", lat=37.97,
                          lon=126.55),
        modality="asserted",
        sentence="North Korea blew up the liaison office.",
        span=(0, 39),
        trigger="blew up",
        confidence=0.875,
        coder="rules-0.1",
    )
    return replace(event, **changes)


def make_document(doc_id: str = "doc1", text: str = TEXT,
                  events: list[Event] | None = None) -> Document:
    """A document with two sentences, two mentions and (by default) one event."""
    return Document(
        id=doc_id,
        text=text,
        origin=f"tests/{doc_id}.txt",
        title="Blast",
        url=f"https://example.org/{doc_id}",
        date=date(2020, 6, 17),
        source="example.org",
        author="A. Writer",
        language="en",
        sentences=[Sentence(0, 0, 39, text[:39]), Sentence(1, 40, len(text), text[40:])],
        mentions=[
            Mention(Actor("North Korea", "North Korea", "PRK", "GOV"), 0, 11, 0),
            Mention(Actor("South Korea", "South Korea", "KOR"), 40, 51, 1, kind="entity"),
        ],
        events=[make_event(doc_id)] if events is None else events,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "events.duckdb") as opened:
        yield opened


def event_ids(events: list[Event]) -> list[str]:
    return [e.event_id for e in events]


# -- opening and schema --------------------------------------------------------------------


def test_new_store_is_at_the_latest_schema_version(store: Store) -> None:
    assert store.schema_version == SCHEMA_VERSION == max(m.version for m in MIGRATIONS)


def test_migration_versions_are_unique_and_positive() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert len(set(versions)) == len(versions) and min(versions) == 1


def test_a_repeated_migration_version_is_refused() -> None:
    with pytest.raises(ValueError, match="repeated"):
        check_migrations((MIGRATIONS[0], MIGRATIONS[0]))


def test_a_migration_that_lands_after_a_higher_one_is_still_applied(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.duckdb"
    later = max(MIGRATIONS, key=lambda m: m.version)
    extra = Migration(later.version + 2, "a later feature",
                      ("CREATE TABLE later_feature (x INTEGER)",))
    gap = Migration(later.version + 1, "landed late", ("CREATE TABLE landed_late (x INTEGER)",))
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, extra))
    with open_store(path) as store:
        store.write([make_document()])
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, extra, gap))
    with open_store(path) as store:
        assert store.count("events") == 1
    con = duckdb.connect(str(path), read_only=True)
    applied = [v for (v,) in con.execute("SELECT version FROM schema_version ORDER BY applied_at,"
                                         " version").fetchall()]
    assert applied[-1] == gap.version
    assert con.execute("SELECT count(*) FROM landed_late").fetchone() == (0,)
    con.close()


def test_migrations_apply_in_ascending_version_order_whatever_the_list_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    second = Migration(101, "needs the table", ("ALTER TABLE ordered ADD COLUMN y INTEGER",))
    first = Migration(100, "makes the table", ("CREATE TABLE ordered (x INTEGER)",))
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, second, first))
    with open_store(tmp_path / "events.duckdb") as store:
        assert store.schema_version == 101


def test_read_only_store_missing_a_migration_says_how_to_upgrade(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.duckdb"
    open_store(path).close()
    monkeypatch.setattr(store_module, "MIGRATIONS", (
        *MIGRATIONS, Migration(999, "new", ("CREATE TABLE newer (x INTEGER)",))))
    with pytest.raises(StoreError, match="lacks schema version 999.*open it once for writing"):
        open_store(path, read_only=True)


def test_store_with_a_version_this_newsevents_does_not_know_is_refused(
        tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (999, now())")
    con.close()
    with pytest.raises(StoreError, match="version 999.*upgrade newsevents"):
        open_store(path)


def test_reopening_a_store_keeps_its_data_and_does_not_reapply_migrations(
        tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with open_store(path) as store:
        store.write([make_document()])
    with open_store(path) as store:
        assert store.count("events") == 1
    con = duckdb.connect(str(path), read_only=True)
    # The store's migrations and those the features register (stories, beats).
    known = len(MIGRATIONS) + len(features.migrations())
    assert con.execute("SELECT count(*) FROM schema_version").fetchone() == (known,)
    con.close()


def test_opening_a_file_that_is_not_duckdb_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are not the bytes of a database\n" * 200)
    with pytest.raises(StoreError, match="not a DuckDB database") as info:
        open_store(path)
    assert str(path) in str(info.value)


def test_opening_a_missing_store_read_only_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_opening_a_store_locked_by_another_process_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    open_store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(path)!r})
            print("locked", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match="locked by another process"):
            open_store(path, lock_timeout=0.2)
    finally:
        holder.communicate("")


def damage(path: Path) -> None:
    """Overwrite the store's first data block (after DuckDB's three 4 KiB headers), whose
    checksum then fails: DuckDB says "... in block at location 12288"."""
    with path.open("r+b") as stream:
        stream.seek(3 * 4096)
        stream.write(random.Random(1).randbytes(4096))


@pytest.mark.parametrize("read_only", [False, True])
def test_a_damaged_store_is_reported_at_once_with_how_to_recover(tmp_path: Path,
                                                                 read_only: bool) -> None:
    path = tmp_path / "events.duckdb"
    with open_store(path) as store:
        store.write([make_document()])
    damage(path)
    started = time.monotonic()
    with pytest.raises(StoreDamagedError) as info:
        open_store(path, read_only=read_only, lock_timeout=10)
    assert time.monotonic() - started < 2  # no waiting for a lock that is not there
    message = str(info.value)
    assert f"the store {path} is damaged" in message and "locked" not in message
    assert "re-ingest" in message and "newsevents export" in message


def test_opening_waits_for_a_lock_that_is_released_in_time(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    open_store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time, duckdb
            con = duckdb.connect({str(path)!r}, read_only=True)
            print("locked", flush=True)
            time.sleep(0.5)
            con.close()
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with open_store(path, lock_timeout=30) as store:
            store.write([make_document()])
    finally:
        holder.wait()
    with open_store(path, read_only=True) as store:
        assert store.count("events") == 1


def test_store_is_closed_by_its_context_manager(tmp_path: Path) -> None:
    with open_store(tmp_path / "events.duckdb") as store:
        pass
    with pytest.raises(StoreError, match="closed"):
        store.count("events")


# -- writing ---------------------------------------------------------------------------------


def test_event_round_trips_exactly(store: Store) -> None:
    event = make_event()
    store.write([make_document(events=[event])])
    stored = store.event(event.event_id)
    assert stored is not None
    assert stored.to_dict() == event.to_dict()


def test_event_without_actors_date_or_location_round_trips(store: Store) -> None:
    event = make_event(source=None, target=None, date=None, date_precision=None,
                       date_text=None, location=None, mode=None, context=[])
    store.write([make_document(events=[event])])
    assert [e.to_dict() for e in store.events()] == [event.to_dict()]


def test_write_counts_new_documents_and_events(store: Store) -> None:
    result = store.write([make_document("doc1"), make_document("doc2", events=[])])
    assert result == WriteResult(documents_new=2, events_written=1)
    assert (store.count("documents"), store.count("sentences"), store.count("mentions")) == (
        2, 4, 4)


def test_rewriting_an_unchanged_document_changes_nothing(store: Store) -> None:
    store.write([make_document()])
    before = store.documents()
    result = store.write([make_document()])
    assert result == WriteResult(documents_unchanged=1)
    assert store.documents() == before  # ingested_at included
    assert (store.count("events"), store.count("sentences")) == (1, 2)


def test_changed_document_replaces_its_sentences_mentions_and_events(store: Store) -> None:
    store.write([make_document(events=[make_event(n=0), make_event(n=1)])])
    changed = make_document(text=TEXT + " More.", events=[make_event(n=2)])
    changed.sentences.append(Sentence(2, len(TEXT) + 1, len(TEXT) + 6, "More."))
    result = store.write([changed])
    assert result == WriteResult(documents_replaced=1, events_written=1)
    assert event_ids(store.events()) == ["doc1-e2"]
    assert store.event("doc1-e0") is None
    assert (store.count("sentences"), store.count("mentions")) == (3, 2)
    assert store.documents()[0].text == TEXT + " More."


def test_replacing_one_document_leaves_other_documents_alone(store: Store) -> None:
    store.write([make_document("doc1"), make_document("doc2")])
    store.write([make_document("doc1", text=TEXT + " Changed.", events=[])])
    assert event_ids(store.events()) == ["doc2-e0"]
    assert store.count("sentences") == 4


def test_failed_write_rolls_back_the_whole_batch(store: Store) -> None:
    clash = make_document("doc2", events=[make_event("doc2", event_id="doc1-e0")])
    with pytest.raises(StoreError, match="could not write documents"):
        store.write([make_document("doc1"), clash])
    assert (store.count("documents"), store.count("events"), store.count("sentences")) == (
        0, 0, 0)


def test_event_whose_doc_id_differs_from_its_document_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="doc_id"):
        store.write([make_document("doc1", events=[make_event("other")])])
    assert store.count("documents") == 0


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.write([make_document()])
        with pytest.raises(StoreError, match="read-only"):
            store.record_failures([Failure("x.html", "extract", "no text")])


def test_read_only_store_reads(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with open_store(path) as store:
        store.write([make_document()])
    with open_store(path, read_only=True) as store:
        assert event_ids(store.events()) == ["doc1-e0"]


# -- failures --------------------------------------------------------------------------------


def test_failures_are_recorded_in_order(store: Store) -> None:
    failures = [Failure("a.html", "extract", "no article text"),
                Failure("feed.jsonl:3", "read", "line is not JSON")]
    assert store.record_failures(failures) == 2
    store.record_failures([Failure("b.html", "code", "parse failed")])
    assert store.failures() == [*failures, Failure("b.html", "code", "parse failed")]
    assert store.count("failures") == 3


def test_failures_recorded_again_are_not_added_twice(store: Store) -> None:
    failures = [Failure("a.html", "extract", "no article text"),
                Failure("feed.jsonl:3", "read", "line is not JSON")]
    store.record_failures(failures)
    store.record_failures([*failures, Failure("a.html", "extract", "no article text")])
    assert store.failures() == failures and store.count("failures") == 2


# -- queries ---------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    """Four documents whose events differ in type, actors and date precision."""
    kor = Actor(text="Seoul", name="South Korea", country="KOR", sector="GOV")
    usa = Actor(text="Washington", name="United States", country="USA", sector="GOV")
    un = Actor(text="the UN", name="United Nations", sector="IGO")
    store.write([
        make_document("a", events=[make_event("a")]),  # PRKGOV -> KORGOV, 2020-06-16
        make_document("b", events=[make_event(
            "b", type="PROTEST", source=kor, target=None, date="2020-06",
            date_precision="month")]),
        make_document("c", events=[make_event(
            "c", type="CONSULT", source=usa, target=un, date="2020",
            date_precision="year")]),
        make_document("d", events=[make_event(
            "d", type="REQUEST", source=un, target=usa, date="2021-01-05"),
            make_event("d", n=1, date=None, date_precision=None)]),
    ])
    return store


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["c-e0", "b-e0", "a-e0", "d-e0", "d-e1"]),
    ({"type": "PROTEST"}, ["b-e0"]),
    ({"type": "assault"}, ["a-e0", "d-e1"]),
    ({"actor": "PRK"}, ["a-e0", "d-e1"]),
    ({"actor": "KORGOV"}, ["b-e0", "a-e0", "d-e1"]),
    ({"actor": "usa"}, ["c-e0", "d-e0"]),
    ({"actor": "IGO"}, ["c-e0", "d-e0"]),
    ({"actor": "united nations"}, ["c-e0", "d-e0"]),
    ({"actor": "Washington"}, ["c-e0", "d-e0"]),
    ({"actor": "Korea"}, []),
    ({"since": "2020-06-01", "until": "2020-06-30"}, ["b-e0", "a-e0"]),
    ({"since": "2020-06", "until": "2020-06"}, ["b-e0", "a-e0"]),
    ({"since": "2020-06-15"}, ["a-e0", "d-e0"]),
    ({"until": "2020-06-16"}, ["a-e0"]),
    ({"since": "2020", "until": "2020"}, ["c-e0", "b-e0", "a-e0"]),
    ({"since": "2020-01-01", "until": "2020-12-30"}, ["b-e0", "a-e0"]),
    ({"since": "2021"}, ["d-e0"]),
    ({"doc_id": "d"}, ["d-e0", "d-e1"]),
    ({"limit": 2}, ["c-e0", "b-e0"]),
    ({"type": "ASSAULT", "actor": "PRK", "since": "2020-06"}, ["a-e0"]),
])
def test_events_filters(filled: Store, filters: dict[str, Any], expected: list[str]) -> None:
    assert event_ids(filled.events(**filters)) == expected


@pytest.mark.parametrize("filters", [
    {"since": "2020/06/01"},
    {"until": "June 2020"},
    {"since": "2020-13"},
    {"until": "2020-02-30"},
    {"actor": "  "},
    {"limit": -1},
])
def test_events_rejects_malformed_filters(filled: Store, filters: dict[str, Any]) -> None:
    with pytest.raises(StoreError):
        filled.events(**filters)


def test_actor_filter_value_is_a_parameter_not_sql(filled: Store) -> None:
    assert filled.events(actor="' OR 1=1 --") == []


def test_event_returns_none_for_an_unknown_id(filled: Store) -> None:
    assert filled.event("nope") is None


def test_count_refuses_unknown_tables(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown table"):
        store.count("events; DROP TABLE events")


def test_documents_lists_metadata_with_iso_dates(store: Store) -> None:
    document = make_document()
    store.write([document])
    [stored] = store.documents()
    record = plain(stored)
    assert {k: v for k, v in record.items()
            if k not in ("ingested_at", "events", "quotes")} == document.to_dict()
    assert stored.ingested_at.year == date.today().year


# -- quotes and actor knowledge ----------------------------------------------------------------


def test_quotes_round_trip_with_their_speaker_and_sentence(store: Store) -> None:
    speaker = Actor(text="Seoul", name="South Korea", country="KOR", sector="GOV",
                    kb_id="country:KOR", confidence=0.8)
    quote = Quote(doc_id="doc1", text="protested", speaker=speaker, kind="reported",
                  sentence=TEXT[40:], span=(52, 61))
    document = make_document()
    document.quotes = [quote]
    store.write([document])
    assert store.quotes() == [quote]


def test_a_replaced_document_loses_its_old_quotes(store: Store) -> None:
    document = make_document()
    document.quotes = [Quote("doc1", "blew up", None, "direct", TEXT[:39], (12, 19))]
    store.write([document])
    store.write([make_document(text=TEXT + " More.")])
    assert store.quotes() == []


def test_actor_knowledge_base_id_and_confidence_round_trip(store: Store) -> None:
    source = Actor(text="North Korea", name="North Korea", country="PRK", sector="GOV",
                   kb_id="country:PRK", confidence=0.9)
    event = make_event(source=source)
    store.write([make_document(events=[event])])
    assert store.event(event.event_id) == event


def test_events_of_one_day_come_in_the_same_order_whatever_the_order_of_writing(
        tmp_path: Path) -> None:
    docs = [make_document(f"d{i}", events=[make_event(f"d{i}", n, span=(n, n + 1))
                                           for n in range(3)]) for i in range(5)]
    orders = []
    for name, batch in (("one", docs), ("two", docs[::-1])):
        with open_store(tmp_path / f"{name}.duckdb") as store:
            for doc in batch:
                store.write([doc])
            orders.append(event_ids(store.events()))
    assert orders[0] == orders[1]
    # each document's events stay together, in the order of the text
    assert [i.split("-")[1] for i in orders[0]] == ["e0", "e1", "e2"] * 5
