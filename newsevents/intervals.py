"""ISO dates of any precision as the interval of days they can mean: an event's
``date_start``/``date_end`` columns (see :mod:`newsevents.layout`)."""

from __future__ import annotations

import calendar
import re
from datetime import date

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}


def iso_interval(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO date of any precision can mean, or None if malformed."""
    match = _ISO_DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # the pattern requires it
    try:
        if day is not None and month is not None:
            exact = date(year, month, day)
            return exact, exact
        if month is not None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:  # month 13, February 30, ...
        return None


def event_interval(value: str | None, precision: str | None) -> tuple[date, date] | None:
    """An event date's interval; the precision can only widen it (``2020-06-16``/month)."""
    if not value:
        return None
    length = _PRECISION_LENGTH.get(precision or "")
    return iso_interval(value[:length] if length else value)
