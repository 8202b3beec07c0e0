"""What belongs to a beat: events and articles of the store, matched in SQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from beats_data import make_document, make_event

from newsevents.beats.definition import parse_beat
from newsevents.beats.match import scope, words_pattern
from newsevents.models import Actor, Location
from newsevents.store import Store, open_store


@pytest.mark.parametrize(("words", "text", "hit"), [
    (["Hamas"], "Hamas said on Monday", True),
    (["Hamas"], "a holiday in the Bahamas", False),
    (["inter-Korean"], "the Inter-Korean liaison office", True),
    (["Kim Jong Un"], "Kim  Jong Un inspected", True),
    (["DMZ"], "near the DMZ.", True),
    (["C++"], "written in C++ today", True),
    (["a.b"], "axb", False),
])
def test_words_match_whole_and_in_any_case(words: list[str], text: str, hit: bool) -> None:
    pattern = words_pattern(words)
    assert pattern is not None
    # RE2 and Python agree on this subset: (?i), \b, \s, escapes.
    assert (re.search(pattern, text) is not None) is hit


BEAT = parse_beat({"name": "korea", "countries": ["PRK"], "places": ["Kaesong"],
                   "include": ["inter-Korean"], "exclude": ["K-pop"]}, "test")


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    nowhere = Actor(text="Japan", name="Japan", country="JPN")
    docs = [
        make_document("by-country", "North Korea fired shells.", [make_event("by-country")]),
        make_document("by-place", "Talks were held.", [make_event(
            "by-place", source=nowhere, target=None,
            location=Location(text="Kaesong", name="Kaesong", country=None))]),
        make_document("by-word", "Officials met.", [make_event(
            "by-word", source=nowhere, target=None, location=None,
            sentence="The inter-Korean hotline rang again.")]),
        make_document("elsewhere", "Japan and France met.", [make_event(
            "elsewhere", source=nowhere, target=Actor(text="France", country="FRA"),
            location=None, sentence="Japan met France.")]),
        make_document("excluded", "North Korea shells and a K-pop concert.",
                      [make_event("excluded")]),
        make_document("text-only", "An inter-Korean rail line was discussed."),
    ]
    with open_store(tmp_path / "s.duckdb") as opened:
        opened.write(docs)
        yield opened


def test_events_on_the_beat_by_country_place_and_word_less_exclusions(store: Store) -> None:
    beat_scope = scope(BEAT)
    with store.reading("test") as con:
        rows = con.execute(f"SELECT doc_id FROM events WHERE {beat_scope.events} ORDER BY 1",
                           beat_scope.params).fetchall()
    assert [r[0] for r in rows] == ["by-country", "by-place", "by-word"]


def test_articles_on_the_beat_include_those_naming_its_words(store: Store) -> None:
    beat_scope = scope(BEAT)
    with store.reading("test") as con:
        rows = con.execute(f"SELECT id FROM documents WHERE {beat_scope.documents} ORDER BY 1",
                           beat_scope.params).fetchall()
    assert [r[0] for r in rows] == ["by-country", "by-place", "by-word", "text-only"]


def test_a_beat_of_actor_codes_matches_code_prefixes(store: Store) -> None:
    beat = parse_beat({"name": "army", "actors": ["PRKMIL"]}, "test")
    beat_scope = scope(beat)
    with store.reading("test") as con:
        rows = con.execute(f"SELECT DISTINCT doc_id FROM events WHERE {beat_scope.events}"
                           " ORDER BY 1", beat_scope.params).fetchall()
    assert [r[0] for r in rows] == ["by-country", "excluded"]  # no exclude terms here
