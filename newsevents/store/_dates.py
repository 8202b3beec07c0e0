"""The interval of days a filter's ISO date of any precision means."""

from __future__ import annotations

from datetime import date

from ..errors import QueryError
from ..intervals import iso_interval


def filter_interval(name: str, value: str | date) -> tuple[date, date]:
    """The interval a ``since``/``until`` filter means; raises QueryError naming it."""
    if isinstance(value, date):
        return value, value
    interval = iso_interval(value)
    if interval is None:
        raise QueryError(f"{name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return interval
