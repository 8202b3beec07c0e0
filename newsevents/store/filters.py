"""Event filters: one set for the library, the CLI and the web API, and the one place they
become SQL (:meth:`EventFilter.where`).

One set of filters serves the library (:meth:`Store.events` and friends), the CLI
(``newsevents events|stats|export``) and the web API, so that a view means the same
everywhere. Filters are validated into an :class:`EventFilter` and become SQL with bound
parameters; nothing a caller passes is ever spliced into SQL text (the period, grouping,
count and order names are looked up in the whitelists below). A feature's filter (the
story of :mod:`newsevents.stories`) is its own SQL, a :class:`~.features.Condition`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from ..errors import QueryError
from ..models import MODALITIES, PLOVER_TYPES
from . import features
from ._dates import filter_interval
from .features import Condition


class Filters(TypedDict, total=False):
    """The event filters, by keyword; every one given must hold (AND).

    type: PLOVER types, any case (a list, or one string with commas: ``"ASSAULT,COERCE"``).
    quad_class: quad classes 1-4 (1 verbal and 2 material cooperation, 3 verbal and
        4 material conflict), a list or a string with commas.
    cameo: a CAMEO code prefix (``19`` matches ``190``-``1962``).
    actor: the source or the target is this actor: a code prefix (``PRK`` matches
        ``PRKGOV``) or a name or text, any case.
    dyad: ``"A-B"``: the source is A and the target is B, each as for ``actor``; write
        ``"A - B"`` when a name holds a hyphen. With ``undirected`` B→A matches too.
    undirected: read ``dyad`` both ways.
    country: the source's, the target's or the place's country (three-letter code).
    since, until: ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), inclusive: an event
        matches only if every day its date can mean lies in the window, so ``2020-06``
        is within ``since="2020-06-01"``, ``until="2020-06-30"`` but not within
        ``since="2020-06-15"``; undated events never match a date filter.
    place: text within the name of the event's place, any case, accents aside
        (``kaesong`` finds ``Kaesŏng``).
    modality: asserted, negated, intended, hypothetical (a list, or commas).
    text: words that must all appear in the evidence sentence, any case.
    doc_id: the events of one document.
    story: the events of the articles of one story (a ``story_id`` of
        :mod:`newsevents.stories`), copies included; the SQL is the stories' own (a
        :class:`~newsevents.store.features.Condition`).
    """

    type: str | Sequence[str] | None
    quad_class: int | str | Sequence[int] | None
    cameo: str | None
    actor: str | None
    dyad: str | None
    undirected: bool | None
    country: str | None
    since: str | date | None
    until: str | date | None
    place: str | None
    modality: str | Sequence[str] | None
    text: str | None
    doc_id: str | None
    story: str | None


FILTER_NAMES: tuple[str, ...] = tuple(Filters.__annotations__)

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")

# What a time series can be split by: name -> SQL expression over the events table.
GROUPS: dict[str, str] = {
    "type": '"type"',
    "quad": "quad_class",
    "modality": "modality",
    "source": "source_code",
    "target": "target_code",
    "dyad": "coalesce(source_code, '?') || '-' || coalesce(target_code, '?')",
}

# What is counted: name -> aggregate over the filtered events. Features add theirs
# (newsevents.stories: ``clusters``, ``stories``; see features.register_count) and every
# series, the API and the dashboard can count by them: see count_names().
COUNTS: dict[str, str] = {
    "events": "count(*)",
}


def count_names() -> tuple[str, ...]:
    """What a time series can count: ``events`` and what features add."""
    return (*COUNTS, *features.counts())


def count_sql(count: str) -> str:
    return lookup("count", count, {**COUNTS, **features.counts()})

# Sort keys over the DATE columns (an ISO date of any precision sorts as its first day, a
# coarser date before the days it contains, as ISO text would), then the integer keys of
# the document and the event (documents of one day in a fixed order, each one's events in
# text order): no text to compare, so a page of a million events is a cheap top-N.
_TIES = "doc_key, span_start, event_key"
ORDERS: dict[str, str] = {
    "date": f"date_start NULLS LAST, date_end DESC, {_TIES}",
    "-date": f"date_start DESC NULLS LAST, date_end, {_TIES}",
    "intensity": f"intensity, date_start NULLS LAST, date_end DESC, {_TIES}",
    "-intensity": f"intensity DESC, date_start NULLS LAST, date_end DESC, {_TIES}",
}

_CAMEO = re.compile(r"\d{1,4}")


@dataclass(frozen=True)
class EventFilter:
    """Validated filters; build one with :meth:`create` (see :class:`Filters`)."""

    types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    cameo: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    undirected: bool = False
    country: str | None = None
    since: date | None = None
    until: date | None = None
    place: str | None = None
    modalities: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    doc_id: str | None = None
    # Conditions of features (the story filter), ANDed with the rest.
    conditions: tuple[Condition, ...] = ()

    @classmethod
    def create(cls, type: str | Sequence[str] | None = None,
               quad_class: int | str | Sequence[int] | None = None,
               cameo: str | None = None, actor: str | None = None, dyad: str | None = None,
               undirected: bool | None = None, country: str | None = None,
               since: str | date | None = None, until: str | date | None = None,
               place: str | None = None, modality: str | Sequence[str] | None = None,
               text: str | None = None, doc_id: str | None = None,
               story: str | None = None) -> EventFilter:
        """Validate filters; a malformed one raises :class:`QueryError` naming it."""
        types = tuple(_choice("type", v.upper(), PLOVER_TYPES) for v in _values(type))
        modalities = tuple(_choice("modality", v.lower(), MODALITIES)
                           for v in _values(modality))
        quads = tuple(_quad(v) for v in _values(quad_class))
        story_id = _text("story", story, "a story id")
        if cameo is not None and not _CAMEO.fullmatch(cameo.strip()):
            raise QueryError(f"cameo={cameo!r} is not a CAMEO code prefix; give 1-4 digits")
        return cls(
            types=types, quad_classes=quads,
            cameo=cameo.strip() if cameo is not None else None,
            actor=_text("actor", actor, "a CAMEO code, name or text"),
            dyad=_dyad(dyad) if dyad is not None else None,
            undirected=bool(undirected),
            country=(_text("country", country, "a three-letter code") or "").upper() or None,
            since=filter_interval("since", since)[0] if since is not None else None,
            until=filter_interval("until", until)[1] if until is not None else None,
            place=_strip_accents(_text("place", place, "a place name")),
            modalities=modalities,
            terms=tuple(text.lower().split()) if text is not None else (),
            doc_id=doc_id,
            conditions=(features.condition("story", story_id),) if story_id else (),
        )

    def where(self) -> tuple[str, dict[str, Any]]:
        """The SQL condition (``TRUE`` when there is no filter) and its parameters."""
        parts: list[str] = []
        params: dict[str, Any] = {}
        if self.types:
            parts.append('list_contains($types, "type")')
            params["types"] = list(self.types)
        if self.quad_classes:
            parts.append("list_contains($quads, quad_class)")
            params["quads"] = list(self.quad_classes)
        if self.cameo is not None:
            parts.append("starts_with(cameo, $cameo)")
            params["cameo"] = self.cameo
        if self.actor is not None:
            parts.append(f"({_actor_sql('source', 'actor')} OR {_actor_sql('target', 'actor')})")
            params.update(_actor_params("actor", self.actor))
        if self.dyad is not None:
            a, b = self.dyad
            params.update(_actor_params("dyad_a", a))
            params.update(_actor_params("dyad_b", b))
            forward = f"({_actor_sql('source', 'dyad_a')} AND {_actor_sql('target', 'dyad_b')})"
            if self.undirected:
                back = f"({_actor_sql('source', 'dyad_b')} AND {_actor_sql('target', 'dyad_a')})"
                forward = f"({forward} OR {back})"
            parts.append(forward)
        if self.country is not None:
            parts.append("(source_country = $country OR target_country = $country"
                         " OR location_country = $country)")
            params["country"] = self.country
        when_given(parts, params, "date_start >= $since", "since", self.since)
        when_given(parts, params, "date_end <= $until", "until", self.until)
        if self.place is not None:
            # Accents aside: "kaesong" finds the gazetteer's "Kaesŏng".
            parts.append("(contains(strip_accents(lower(location_name)), $place)"
                         " OR contains(strip_accents(lower(location_text)), $place))")
            params["place"] = self.place.lower()
        if self.modalities:
            parts.append("list_contains($modalities, modality)")
            params["modalities"] = list(self.modalities)
        for i, term in enumerate(self.terms):
            # ILIKE is about twice as fast as contains(lower(...)) on a million sentences,
            # but an ESCAPE clause makes it slower than both: a word holding a wildcard
            # character (rare) is searched for the slow, literal way.
            if "%" in term or "_" in term:
                parts.append(f"contains(lower(sentence), $term{i})")
                params[f"term{i}"] = term
            else:
                parts.append(f"sentence ILIKE $term{i}")
                params[f"term{i}"] = f"%{term}%"
        if self.doc_id is not None:
            parts.append("doc_id = $doc_id")
            params["doc_id"] = self.doc_id
        for condition in self.conditions:
            parts.append(f"({condition.sql})")
            params.update(condition.params)
        return (" AND ".join(parts) or "TRUE"), params


def make_filter(flt: EventFilter | None = None, **filters: Any) -> EventFilter:
    """``flt`` itself, or an :class:`EventFilter` built from keyword filters."""
    if flt is not None and filters:
        raise QueryError("give either an EventFilter or keyword filters, not both")
    unknown = set(filters) - set(FILTER_NAMES)
    if unknown:
        raise QueryError(f"unknown filter {sorted(unknown)[0]!r}; "
                         f"filters are {', '.join(FILTER_NAMES)}")
    return flt if flt is not None else EventFilter.create(**filters)


# -- helpers -------------------------------------------------------------------------------


def _values(value: str | int | Sequence[Any] | None) -> list[str]:
    """A filter's values: a list, or one string with commas, or one number."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else (
        [value] if isinstance(value, int) else list(value))
    return [str(item).strip() for item in items if str(item).strip()]


def _choice(name: str, value: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise QueryError(f"{name}={value!r} is not known; choose from {', '.join(choices)}")
    return value


def _quad(value: str) -> int:
    if value not in ("1", "2", "3", "4"):
        raise QueryError(f"quad_class={value!r} is not a quad class; choose 1, 2, 3 or 4")
    return int(value)


def _text(name: str, value: str | None, what: str) -> str | None:
    if value is None:
        return None
    if not value.strip():
        raise QueryError(f"{name} filter is empty; give {what}")
    return value.strip()


def _strip_accents(value: str | None) -> str | None:
    if value is None:
        return None
    return "".join(c for c in unicodedata.normalize("NFKD", value)
                   if not unicodedata.combining(c))


def _dyad(value: str) -> tuple[str, str]:
    parts = value.split(" - ") if " - " in value else value.split("-")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise QueryError(f"dyad={value!r} is not two actors; write SOURCE-TARGET (PRK-KOR), "
                         "or 'A - B' when a name holds a hyphen")
    return parts[0].strip(), parts[1].strip()


def _actor_sql(role: str, param: str) -> str:
    return (f"(starts_with(upper({role}_code), ${param}_code)"
            f" OR lower({role}_name) = ${param}_name OR lower({role}_text) = ${param}_name)")


def _actor_params(param: str, value: str) -> dict[str, str]:
    return {f"{param}_code": value.upper(), f"{param}_name": value.lower()}


def lookup(name: str, value: str, table: dict[str, str]) -> str:
    if value not in table:
        raise QueryError(f"{name}={value!r} is not known; choose from {', '.join(table)}")
    return table[value]


def order_by(order: str) -> str:
    return lookup("order", order, ORDERS)


def check_limit(limit: int) -> int:
    if limit < 0:
        raise QueryError(f"limit must be zero or more, not {limit}")
    return limit


def page_sql(limit: int | None, offset: int, params: dict[str, Any]) -> str:
    if offset < 0:
        raise QueryError(f"offset must be zero or more, not {offset}")
    sql = ""
    if limit is not None:
        params["limit"] = check_limit(limit)
        sql += " LIMIT $limit"
    if offset:
        params["offset"] = offset
        sql += (" OFFSET $offset" if limit is not None else " LIMIT NULL OFFSET $offset")
    return sql


def when_given(parts: list[str], params: dict[str, Any], sql: str, name: str,
               value: Any) -> None:
    """Add the condition ``sql`` with its parameter ``$name`` when ``value`` is given."""
    if value is not None:
        parts.append(sql)
        params[name] = value
