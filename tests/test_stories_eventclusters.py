"""Tests for newsevents.stories.eventclusters: when two events are one happening."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsevents.stories.eventclusters import ClusterEvent, Happening, meets

KEY = "ASSAULT|asserted|PRK|JPN"
DAY = date(2017, 8, 29)


def cluster(**changes: object) -> Happening:
    base = Happening("e0", KEY, DAY, DAY, countries={"JPN"}, places={"hokkaido"},
                     stories={"s1"})
    return replace(base, **changes)  # type: ignore[arg-type]


def event(**changes: object) -> ClusterEvent:
    base = ClusterEvent("e1", "d2", KEY, DAY, DAY, "JPN", "hokkaido", "s1")
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("changes", [
    {},
    {"start": date(2017, 8, 30), "end": date(2017, 8, 30)},  # a day later: time zones
    {"place": None, "country": None},  # no place says nothing against it
    {"story_id": "s2"},  # another story, the same named place
])
def test_events_that_meet_the_happening(changes: dict[str, object]) -> None:
    assert meets(event(**changes), cluster())


@pytest.mark.parametrize("changes", [
    {"key": "ASSAULT|negated|PRK|JPN"},
    {"start": date(2017, 9, 1), "end": date(2017, 9, 1)},
    {"country": "KOR", "place": "seoul"},
    {"place": "tokyo"},
    {"story_id": "s2", "place": None, "country": None},  # another story, nothing shared
    {"start": date(2017, 8, 1), "end": date(2017, 8, 31)},  # known to the month only
    {"start": None, "end": None},
])
def test_events_that_do_not(changes: dict[str, object]) -> None:
    assert not meets(event(**changes), cluster())


def test_month_dated_events_meet_a_month_dated_happening() -> None:
    month = {"start": date(2017, 8, 1), "end": date(2017, 8, 31)}
    assert meets(event(**month), cluster(**month))
