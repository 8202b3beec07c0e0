"""Time expressions resolved against the publication date (newsevents.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.dates import is_duration, resolve_time
from newsevents.models import EventDate

PUB = date(2020, 7, 8)  # a Wednesday


@pytest.mark.parametrize(
    ("expression", "tense", "value", "precision"),
    [
        # weekdays
        ("on Tuesday", "past", "2020-07-07", "day"),
        ("on Wednesday", "past", "2020-07-08", "day"),
        ("on Tuesday", "future", "2020-07-14", "day"),
        ("on Friday", "future", "2020-07-10", "day"),
        ("Friday", "past", "2020-07-03", "day"),
        ("Friday", None, "2020-07-10", "day"),
        ("Monday", None, "2020-07-06", "day"),
        ("last Tuesday", None, "2020-07-07", "day"),
        ("next Tuesday", None, "2020-07-14", "day"),
        ("Tuesday night", "past", "2020-07-07", "day"),
        ("Monday's", "past", "2020-07-06", "day"),
        # days named from today
        ("yesterday", "past", "2020-07-07", "day"),
        ("today", None, "2020-07-08", "day"),
        ("tomorrow", "future", "2020-07-09", "day"),
        ("last night", "past", "2020-07-07", "day"),
        ("yesterday morning", "past", "2020-07-07", "day"),
        ("the day before yesterday", "past", "2020-07-06", "day"),
        # days of a month
        ("June 16", "past", "2020-06-16", "day"),
        ("June 16", "future", "2021-06-16", "day"),
        ("June 16th", None, "2020-06-16", "day"),
        ("16 June 2020", None, "2020-06-16", "day"),
        ("on June 16, 2019", "past", "2019-06-16", "day"),
        ("Tuesday, June 16", "past", "2020-06-16", "day"),
        ("Sept. 11, 2001", None, "2001-09-11", "day"),
        ("2020-06-16", None, "2020-06-16", "day"),
        ("6/16/2020", None, "2020-06-16", "day"),
        ("the 16th", "past", "2020-06-16", "day"),
        ("the 16th", "future", "2020-07-16", "day"),
        ("Christmas", "past", "2019-12-25", "day"),
        # months
        ("last month", "past", "2020-06", "month"),
        ("this month", None, "2020-07", "month"),
        ("next month", "future", "2020-08", "month"),
        ("earlier this month", "past", "2020-07", "month"),
        ("in November", "future", "2020-11", "month"),
        ("in November", "past", "2019-11", "month"),
        ("in November", None, "2020-11", "month"),
        ("in July", "past", "2020-07", "month"),
        ("mid-June", "past", "2020-06", "month"),
        ("since March", "past", "2020-03", "month"),
        ("June 2020", None, "2020-06", "month"),
        ("June of last year", None, "2019-06", "month"),
        ("last June", None, "2020-06", "month"),
        ("next June", None, "2021-06", "month"),
        ("June 16-17", "past", "2020-06", "month"),
        ("the first week of June", "past", "2020-06", "month"),
        ("2020-06", None, "2020-06", "month"),
        ("by the end of the month", "future", "2020-07", "month"),
        # weeks are dated to the month of their Thursday
        ("last week", "past", "2020-07", "month"),
        ("this week", None, "2020-07", "month"),
        ("a week ago", "past", "2020-07", "month"),
        ("the week of June 29", "past", "2020-07", "month"),
        # weekends to their Saturday
        ("over the weekend", "past", "2020-07-04", "day"),
        ("this weekend", "future", "2020-07-11", "day"),
        # years
        ("last year", "past", "2019", "year"),
        ("next year", "future", "2021", "year"),
        ("late last year", "past", "2019", "year"),
        ("2019", None, "2019", "year"),
        ("in 2019", "past", "2019", "year"),
        ("mid-2019", "past", "2019", "year"),
        ("two years ago", "past", "2018", "year"),
        ("this year's", None, "2020", "year"),
        ("the end of the year", "future", "2020", "year"),
        ("the summer of 2019", None, "2019", "year"),
        ("last summer", "past", "2019", "year"),
        # offsets
        ("three days ago", "past", "2020-07-05", "day"),
        ("an hour ago", "past", "2020-07-08", "day"),
        ("in two months", "future", "2020-09", "month"),
    ],
)
def test_resolve_time_resolves_expression(expression: str, tense: str | None, value: str,
                                          precision: str) -> None:
    assert resolve_time(expression, PUB, tense) == EventDate(value, precision, expression)


@pytest.mark.parametrize(
    "expression",
    [
        "3-day", "just hours", "two years", "decades", "daily", "recent years",
        "the past few weeks", "42", "100", "a day", "every Tuesday", "on Tuesdays",
        "the coming weeks", "16 years old", "the 1990s", "the 21st century", "2019-20",
        "the next day", "two days later", "the same day", "the year", "", "   ",
    ],
)
def test_resolve_time_returns_none_for_no_point_in_time(expression: str) -> None:
    assert resolve_time(expression, PUB, "past") is None


def test_resolve_time_reads_in_duration_as_offset_only_in_future() -> None:
    assert resolve_time("in two years", PUB, "past") is None


def test_resolve_time_keeps_expression_as_text() -> None:
    result = resolve_time("  On Tuesday ", PUB, "past")
    assert result is not None and result.text == "  On Tuesday "


def test_resolve_time_rejects_impossible_dates() -> None:
    assert resolve_time("February 30", PUB, "past") is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("two years", True), ("3-day", True), ("just hours", True), ("decades", True),
        ("daily", True), ("recent years", True), ("the past few weeks", True),
        ("a year-long", True), ("the whole week", True),
        ("two years ago", False), ("last week", False), ("in November", False),
        ("on Tuesday", False), ("2019", False),
    ],
)
def test_is_duration(expression: str, expected: bool) -> None:
    assert is_duration(expression) is expected
