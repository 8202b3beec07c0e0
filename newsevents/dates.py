"""Resolve time expressions against the publication date (the ``dates`` stage; the module is
not called ``time``, so as not to shadow the standard library's).

Reads a time expression the coders found near an event (a spaCy ``DATE`` entity such
as "on Tuesday", "last month", "June 16"), the document's publication date
(``Document.date``) and the tense of the governing verb; fills ``Event.date``,
``Event.date_precision`` and ``Event.date_text`` through the :class:`EventDate` that
:func:`resolve_time` returns.

The expression is resolved by our own rules first, for the cases news uses most and
dateparser reads ambiguously, then by dateparser (English only). Conventions:

* A weekday, a month or a day of the month without a year is the most recent one not
  after the publication date in the past tense, the next one not before it in the
  future tense, and the nearest one when the tense is unknown or present (a tie goes
  to the past: news reports what happened). "last"/"next" + weekday or month are the
  nearest strictly before/after the publication date or month.
* Weeks have no precision of their own in the model: "last week", "this week",
  "two weeks ago" resolve to the month holding that week's Thursday (the ISO rule for
  which month or year a week belongs to), at precision ``month``. A weekend resolves
  to its Saturday, at precision ``day``.
* Seasons ("last summer", "the winter of 2019") resolve to their year.
* Leading prepositions and modifiers are stripped ("since early June" -> June): an
  event "since", "before" or "after" a date is dated to that date.
* Durations ("two years", "3-day", "recent years"), frequencies ("daily"), decades,
  ranges ("2019-20") and expressions anchored to another event rather than to the
  publication ("the next day", "two days later") resolve to None.

Word lists (prefixes to strip, units, frequency words, deictic days, fixed holidays)
are in ``newsevents/data/time_words.csv``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from .datafiles import Row, load_table, package_path, split_list
from .models import EventDate, Precision

__all__ = ["is_duration", "resolve_time"]

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
# (first month, last month); winter runs over the turn of the year.
_SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
    "winter": (12, 2),
}
_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a couple": 2,
}
_TENSE_DIRECTION = {"past": -1, "future": 1}


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "sept" beats "sep"."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_MONTH = rf"(?P<month>{_alternation(_MONTHS)})\.?"
_WEEKDAY = rf"(?P<weekday>{_alternation(_WEEKDAYS)})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_REL = r"(?P<rel>last|this|next)"
_RELYEAR = r"(?:of )?(?P<relyear>last|this|next) year"
_NUMBER = rf"(?P<n>\d+|{_alternation(_NUMBERS)})"
_TIME_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"

# Anchored to another event ("the next day", "two days later"), not to the publication.
_ANAPHOR = re.compile(
    r"\b(?:same|that|following|previous|preceding|prior|then)\b|\bthe next\b"
    r"|\b(?:days?|weeks?|months?|years?|nights?|morning|hours?)\s+(?:before|after|earlier|later)$"
)
_DECADE = re.compile(r"(?:the )?(?:\d{2})?\d0s|(?:the )?\w+ (?:century|centuries|decade)")
_RANGE = re.compile(r"\d{4}\s*[-/]\s*\d{2,4}|\d{1,2}\s*-\s*\d{1,2}")


@dataclass(frozen=True)
class _Words:
    prefixes: tuple[str, ...]  # longest first
    frequency: frozenset[str]
    units: dict[str, str]
    deixis: dict[str, int]
    holidays: dict[str, tuple[int, int]]
    unit_pattern: str  # regex alternation of every unit word
    plural_pattern: str  # regex alternation of the plural unit words


_KINDS = ("prefix", "frequency", "unit", "deixis", "holiday")


def _check_word(row: Row) -> str | None:
    kind, value = row["kind"], row.get("value", "")
    if kind not in _KINDS:
        return f"kind {kind!r} is not one of {', '.join(_KINDS)}"
    if row["word"] != row["word"].lower():
        return f"word {row['word']!r} must be lower case"
    if kind == "unit" and not value:
        return "a unit needs its canonical singular as value"
    if kind == "deixis" and not re.fullmatch(r"-?\d+", value):
        return f"deixis value {value!r} is not a whole number of days"
    if kind == "holiday":
        try:
            datetime.strptime(f"2000-{value}", "%Y-%m-%d")
        except ValueError:
            return f"holiday value {value!r} is not MM-DD"
    return None


@lru_cache(maxsize=1)
def _words() -> _Words:
    rows = load_table(package_path("time_words.csv"), ("kind", "word"), _check_word)
    by_kind: dict[str, list[Row]] = {k: [] for k in _KINDS}
    for row in rows:
        by_kind[row["kind"]].append(row)
    units = {r["word"]: r["value"] for r in by_kind["unit"]}
    holidays = {}
    for r in by_kind["holiday"]:
        month, day = split_list(r["value"].replace("-", "|"))
        holidays[r["word"]] = (int(month), int(day))
    return _Words(
        prefixes=tuple(sorted((r["word"] for r in by_kind["prefix"]), key=len, reverse=True)),
        frequency=frozenset(r["word"] for r in by_kind["frequency"]),
        units=units,
        deixis={r["word"]: int(r["value"]) for r in by_kind["deixis"]},
        holidays=holidays,
        unit_pattern=_alternation(units),
        plural_pattern=_alternation(w for w, canon in units.items()
                                    if w != canon and w.endswith("s")),
    )


# ---------------------------------------------------------------- the public API


def is_duration(expression: str) -> bool:
    """Whether an expression names a length or a frequency of time, not a point in it.

    "two years", "3-day", "just hours", "decades", "recent years", "the past few weeks",
    "a day", "daily", "every Tuesday" are durations; "two years ago", "last week",
    "in November" are not.
    """
    text = _normalize(expression)
    words = _words()
    if re.search(r"\bago\b|\bfrom now\b", text):
        return False
    tokens = text.split()
    if any(t in words.frequency for t in tokens):
        return True
    if any(t.rstrip("s") in _WEEKDAYS and t.endswith("s") and t not in _WEEKDAYS
           for t in tokens):
        return True  # "on Tuesdays" recurs
    unit, plural = words.unit_pattern, words.plural_pattern
    return bool(
        re.search(rf"\w-(?:{unit})s?\b|\b(?:{unit})s?-long\b", text)  # "3-day", "year-long"
        or re.search(rf"\b(?:{plural})\b", text)  # "two years", "decades", "recent years"
        or re.search(rf"\b(?:a|an|one|half an?|a single|the whole|the entire|all)"
                     rf"\s+(?:{unit})\b", text)  # "a day", "the whole week"
        or re.search(rf"\b(?:past|previous|coming|following)\s+(?:{unit})\b", text)
        or re.search(r"\b(?:years?|months?) old\b|\bage(?:d| of)\b", text)
    )


def resolve_time(expression: str, pub_date: date, tense: str | None = None
                 ) -> EventDate | None:
    """The date a time expression refers to, seen from the publication date.

    ``tense`` is "past", "future", or None/"present" when the governing verb does not
    tell; it decides which way a year-less weekday or month points. Returns None for
    durations, frequencies and expressions that name no resolvable point in time.

    >>> resolve_time("on Tuesday", date(2020, 7, 8), "past")
    EventDate(value='2020-07-07', precision='day', text='on Tuesday')
    """
    text = _normalize(expression)
    if not text:
        return None
    direction = _TENSE_DIRECTION.get(tense or "", 0)
    resolved = _offset(text, pub_date, direction)
    if resolved is None:
        if is_duration(text) or _ANAPHOR.search(text):
            return None
        resolved = _by_rules(text, pub_date, direction)
    if resolved is None:
        return None
    value, precision = resolved
    return EventDate(value=value, precision=precision, text=expression)


# ---------------------------------------------------------------- normalizing

def _normalize(expression: str) -> str:
    text = expression.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text).replace(",", " ")
    text = " ".join(text.split()).strip(" .;:!?()\"'")
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"\bthis past\b", "last", text)
    text = re.sub(r"\bmid-\s*", "mid ", text)
    # "Tuesday, June 16" and "Tuesday 16 June": the date says it all.
    text = re.sub(rf"^{_WEEKDAY} (?=(?:{_alternation(_MONTHS)})\b|\d)", "", text)
    return text


def _forms(text: str) -> Iterator[tuple[str, bool]]:
    """The expression, then with its leading prepositions and modifiers stripped one
    by one; the flag says whether a word other than "the" has been stripped."""
    prefixes = _words().prefixes
    stripped = False
    yield text, stripped
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if text.startswith(prefix + " "):
                text = text[len(prefix) + 1:]
                stripped = stripped or prefix != "the"
                changed = True
                yield text, stripped
                break
        else:
            ordinal = re.match(r"(?:first|second|third|fourth|final|last) "
                               r"(?:week|weekend|days?|half|quarter|part) of ", text)
            if ordinal:
                text = text[ordinal.end():]
                stripped = changed = True
                yield text, stripped


# ---------------------------------------------------------------- date arithmetic

def _iso(day: date, precision: Precision) -> tuple[str, Precision]:
    value = {"day": day.isoformat(), "month": f"{day.year:04d}-{day.month:02d}",
             "year": f"{day.year:04d}"}[precision]
    return value, precision


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _week(day: date) -> tuple[str, Precision]:
    """The month of the week holding ``day``: the month of its Thursday."""
    return _iso(day - timedelta(days=day.weekday()) + timedelta(days=3), "month")


def _pick(candidates: list[date], pub: date, direction: int) -> date | None:
    """The candidate a tense points to: latest not after ``pub`` (past), earliest not
    before it (future), or the nearest, the past winning a tie (unknown)."""
    if direction < 0:
        return max((c for c in candidates if c <= pub), default=None)
    if direction > 0:
        return min((c for c in candidates if c >= pub), default=None)
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - pub).days), c > pub))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_of_year(month: int, day: int, pub: date, direction: int,
                 rel: str | None = None) -> date | None:
    years = range(pub.year - 1, pub.year + 2)
    candidates = [d for y in years if (d := _safe_date(y, month, day)) is not None]
    if rel == "last":
        return max((c for c in candidates if c < pub), default=None)
    if rel == "next":
        return min((c for c in candidates if c > pub), default=None)
    if rel == "this":
        return _safe_date(pub.year, month, day)
    return _pick(candidates, pub, direction)


def _month_of_year(month: int, pub: date, direction: int, rel: str | None = None) -> date:
    this_month = pub.replace(day=1)
    candidates = [date(y, month, 1) for y in range(pub.year - 1, pub.year + 2)]
    if rel == "last":
        return max(c for c in candidates if c < this_month)
    if rel == "next":
        return min(c for c in candidates if c > this_month)
    if rel == "this":
        return date(pub.year, month, 1)
    return _pick(candidates, this_month, direction) or this_month


def _explicit_year(match: re.Match[str], pub: date) -> int | None:
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("relyear"):
        return pub.year + {"last": -1, "this": 0, "next": 1}[groups["relyear"]]
    return None


# ---------------------------------------------------------------- the rules

_Resolved = tuple[str, Precision]


def _offset(text: str, pub: date, direction: int) -> _Resolved | None:
    """"three days ago", "two years from now", "in two weeks" (future tense only)."""
    unit = _words().unit_pattern
    match = (re.fullmatch(rf"(?:about |some |nearly |almost |more than |over )?"
                          rf"{_NUMBER} (?P<unit>{unit}) (?P<way>ago|from now)", text)
             or (re.fullmatch(rf"(?P<way>in) {_NUMBER} (?P<unit>{unit})", text)
                 if direction > 0 else None))
    if not match:
        return _vague_offset(text, pub)
    n = match["n"]
    count = int(n) if n.isdigit() else _NUMBERS[n]
    sign = -1 if match["way"] == "ago" else 1
    canon = _words().units[match["unit"]]
    if canon in ("second", "minute", "hour"):
        return _iso(pub, "day")
    if canon == "day":
        return _iso(pub + timedelta(days=sign * count), "day")
    if canon in ("week", "fortnight"):
        days = 7 if canon == "week" else 14
        return _week(pub + timedelta(days=sign * count * days))
    if canon == "month":
        return _iso(_shift_months(pub, sign * count), "month")
    if canon == "year":
        return f"{pub.year + sign * count:04d}", "year"
    return None


def _vague_offset(text: str, pub: date) -> _Resolved | None:
    """"a few days ago", "weeks ago": a point, but only known to a coarser precision."""
    m = re.fullmatch(rf"(?:a few|several|some|just|only|a number of)? ?"
                     rf"(?P<unit>{_words().unit_pattern}) ago", text)
    canon = _words().units[m["unit"]] if m else None
    if canon in ("second", "minute", "hour"):
        return _iso(pub, "day")
    if canon == "day":
        return _iso(pub - timedelta(days=3), "month")
    if canon == "week":
        return _iso(pub - timedelta(days=21), "month")
    if canon == "month":
        return _iso(_shift_months(pub, -3), "year")
    return None


def _rule_numeric(text: str, pub: date, direction: int) -> _Resolved | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return _iso(day, "day") if day else None
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12 and month != (year + 1) % 100:  # "2011-12" is a season
            return f"{year:04d}-{month:02d}", "month"
        return None
    if m := re.fullmatch(rf"(?:the year )?{_YEAR}", text):
        year = int(m["year"])
        return (f"{year:04d}", "year") if 1800 <= year <= 2199 else None
    return None


def _rule_month(text: str, pub: date, direction: int) -> _Resolved | None:
    day_first = rf"{_DAY} (?:of )?{_MONTH}"
    month_first = rf"{_MONTH} {_DAY}"
    year = rf"(?: {_YEAR}| {_RELYEAR})?"
    for pattern in (month_first, day_first):
        if m := re.fullmatch(rf"{pattern}{year}", text):
            month, day = _MONTHS[m["month"]], int(m["day"])
            explicit = _explicit_year(m, pub)
            found = (_safe_date(explicit, month, day) if explicit is not None
                     else _day_of_year(month, day, pub, direction))
            return _iso(found, "day") if found else None
    # A span of days in one month ("June 16-17") is dated to the month.
    days = r"\d{1,2}(?:st|nd|rd|th)? ?- ?\d{1,2}(?:st|nd|rd|th)?"
    if (m := re.fullmatch(rf"{_MONTH} {days}{year}", text)) \
            or (m := re.fullmatch(rf"{days} (?:of )?{_MONTH}{year}", text)) \
            or (m := re.fullmatch(rf"(?:{_REL} )?{_MONTH}{year}", text)):
        month = _MONTHS[m["month"]]
        explicit = _explicit_year(m, pub)
        if explicit is not None:
            return f"{explicit:04d}-{month:02d}", "month"
        rel = m.groupdict().get("rel")
        return _iso(_month_of_year(month, pub, direction, rel), "month")
    return None


def _rule_weekday(text: str, pub: date, direction: int) -> _Resolved | None:
    m = re.fullmatch(rf"(?:{_REL} )?{_WEEKDAY}{_TIME_OF_DAY}", text)
    if not m:
        return None
    offset = _WEEKDAYS[m["weekday"]] - pub.weekday()  # this week's day, -6..6
    this_week = pub + timedelta(days=offset)
    candidates = [this_week - timedelta(days=7), this_week, this_week + timedelta(days=7)]
    rel = m["rel"]
    if rel == "last":
        found = max(c for c in candidates if c < pub)
    elif rel == "next":
        found = min(c for c in candidates if c > pub)
    elif rel == "this":
        found = this_week
    else:
        found = _pick(candidates, pub, direction) or this_week
    return _iso(found, "day")


def _rule_relative(text: str, pub: date, direction: int, stripped: bool) -> _Resolved | None:
    m = re.fullmatch(r"(?:(?P<rel>last|this|next|current|coming) )?"
                     r"(?P<unit>week|month|year|weekend)", text)
    if not m or (m["rel"] is None and not (stripped or m["unit"] == "weekend")):
        return None  # a bare "the year" could be any year the story is about
    step = {"last": -1, "next": 1}.get(m["rel"] or "this", 0)
    unit = m["unit"]
    if unit == "week":
        return _week(pub + timedelta(days=7 * step))
    if unit == "month":
        return _iso(_shift_months(pub, step), "month")
    if unit == "year":
        return f"{pub.year + step:04d}", "year"
    saturday = pub - timedelta(days=pub.weekday()) + timedelta(days=5)
    if m["rel"] is None:
        candidates = [saturday + timedelta(days=7 * k) for k in (-1, 0, 1)]
        # Written on a Sunday, "the weekend" just past is this one.
        sunday = pub.weekday() == 6 and direction <= 0
        found = _pick(candidates, pub - timedelta(days=1 if sunday else 0),
                      direction) or saturday
        return _iso(found, "day")
    return _iso(saturday + timedelta(days=7 * step), "day")


def _rule_ordinal_day(text: str, pub: date, direction: int) -> _Resolved | None:
    m = re.fullmatch(r"(?P<day>\d{1,2})(?:st|nd|rd|th)", text)
    if not m:
        return None
    day = int(m["day"])
    months = [_shift_months(pub, k) for k in (-1, 0, 1)]
    candidates = [d for mo in months if (d := _safe_date(mo.year, mo.month, day))]
    found = _pick(candidates, pub, direction)
    return _iso(found, "day") if found else None


def _rule_season(text: str, pub: date, direction: int) -> _Resolved | None:
    m = (re.fullmatch(rf"(?:{_REL} )?(?P<season>{_alternation(_SEASONS)})"
                      rf"(?: (?:of )?{_YEAR}| {_RELYEAR})?", text)
         or re.fullmatch(rf"{_YEAR} (?P<season>{_alternation(_SEASONS)})", text))
    if not m:
        return None
    explicit = _explicit_year(m, pub)
    if explicit is not None:
        return f"{explicit:04d}", "year"
    first, last = _SEASONS[m["season"]]
    rel = m.groupdict().get("rel") or {-1: "last", 1: "next"}.get(direction, "this")
    # A season is dated to the year of its last month; winter ends in the new year.
    if rel == "last":
        year = pub.year if last < pub.month else pub.year - 1
    elif rel == "next":
        year = pub.year if first > pub.month else pub.year + 1
        year += 1 if first > last else 0
    else:
        year = pub.year + (1 if first > last and pub.month >= first else 0)
    return f"{year:04d}", "year"


def _rule_table(text: str, pub: date, direction: int) -> _Resolved | None:
    words = _words()
    core = re.sub(r" (?:morning|afternoon|evening|night)$", "", text)
    for candidate in (text, core):
        if candidate in words.deixis:
            return _iso(pub + timedelta(days=words.deixis[candidate]), "day")
    if text in words.holidays:
        month, day = words.holidays[text]
        found = _day_of_year(month, day, pub, direction)
        return _iso(found, "day") if found else None
    return None


_Rule = Callable[[str, date, int], _Resolved | None]
_RULES: tuple[_Rule, ...] = (_rule_table, _rule_numeric, _rule_month, _rule_weekday,
                             _rule_ordinal_day, _rule_season)


def _by_rules(text: str, pub: date, direction: int) -> _Resolved | None:
    core = text
    for core, stripped in _forms(text):
        if _DECADE.fullmatch(core) or (_RANGE.fullmatch(core)
                                       and not re.fullmatch(r"\d{4}-\d{2}", core)):
            return None
        if week_of := re.fullmatch(r"(?P<unit>week|weekend) of (?P<rest>.+)", core):
            resolved = _by_rules(week_of["rest"], pub, direction)
            if resolved and resolved[1] == "day" and week_of["unit"] == "week":
                return _week(date.fromisoformat(resolved[0]))
            return resolved
        for rule in _RULES:
            if (resolved := rule(core, pub, direction)) is not None:
                return resolved
        if (resolved := _rule_relative(core, pub, direction, stripped)) is not None:
            return resolved
    return _by_dateparser(core, pub, direction)


# ---------------------------------------------------------------- dateparser

@lru_cache(maxsize=64)
def _parser(pub: date, prefer: str) -> DateDataParser:
    # Settings are fixed when a parser is built; building one is cheap once the
    # English data is loaded, so parsers are kept per (publication date, preference).
    # Noon keeps "an hour ago" on the publication day.
    base = datetime(pub.year, pub.month, pub.day, 12)
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer})


def warm_up() -> None:
    """Build what dateparser builds on its first parse (its time-zone patterns take about
    0.4 s), so that a worker process forked after this call finds it done."""
    _parser(date(2000, 1, 1), "past").get_date_data("March 3, 2000 at noon")


_PRECISION: dict[str, Precision] = {"day": "day", "time": "day", "part_of_day": "day",
                                    "month": "month", "quarter": "year", "year": "year"}


def _by_dateparser(text: str, pub: date, direction: int) -> _Resolved | None:
    if not re.search(r"[a-z]", text) and not re.search(r"\d+[/.]\d+", text):
        return None  # numbers alone are no dates
    prefer = {-1: "past", 1: "future"}.get(direction, "current_period")
    data = _parser(pub, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    parts = getattr(data, "parts", ()) or ()
    # dateparser reads stray numbers as two-digit years ("June 16-17" -> 2017).
    if "year" in parts and re.search(r"\d", text) and str(found.year) not in text \
            and not re.search(r"\b(?:ago|last|next|this|from now)\b", text):
        return None
    if data.period == "week":
        return _week(found)
    precision = _PRECISION.get(data.period or "day")
    return _iso(found, precision) if precision else None
