"""What belongs to a beat, as SQL conditions over the store's ``events`` and ``documents``.

An event is on the beat when its source, target or place is in one of the beat's
countries, its source or target code starts with one of the beat's actor codes, its place
is one of the beat's places, or its evidence sentence names a place or an include term —
and its article holds none of the exclude terms. An article is on the beat when it has an
event on the beat or its title or text names a place or an include term, and holds no
exclude term.

Words match whole (``Hamas`` is not in ``Bahamas``), in any case. The conditions are
SQL text with bound parameters (names starting ``beat_``, so that they combine with the
parameters of an :class:`~newsevents.store.EventFilter`); nothing from a beat file is
spliced into SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..store import EventFilter
from ..store.features import Condition
from .definition import Beat

_REGEX_SPECIAL = frozenset("\\.^$|?*+()[]{}-#&~")


@dataclass(frozen=True)
class Scope:
    """A beat's conditions: ``events`` over the events table (unaliased columns),
    ``documents`` over the documents table; ``params`` for both."""

    events: str
    documents: str
    params: dict[str, Any]

    def condition(self) -> Condition:
        """The event condition, to add to an :class:`EventFilter` (see :func:`combined`)."""
        return Condition(self.events, tuple(self.params.items()))


def words_pattern(words: Iterable[str]) -> str | None:
    """A case-insensitive RE2 pattern matching any of ``words`` as whole words, or None."""
    escaped = ["".join("\\" + c if c in _REGEX_SPECIAL else c for c in word.lower())
               for word in words if word.strip()]
    if not escaped:
        return None
    # \b needs a word character on the inside: a term starting or ending with a symbol
    # ("C++") is matched without a boundary on that side.
    parts = [("\\b" if w[0].isalnum() else "") + w.replace(" ", "\\s+")
             + ("\\b" if w[-1].isalnum() else "") for w in escaped]
    return "(?i)(?:" + "|".join(sorted(set(parts), key=lambda p: (-len(p), p))) + ")"


def scope(beat: Beat) -> Scope:
    """The SQL conditions of ``beat`` (see the module docstring)."""
    params: dict[str, Any] = {}
    on_event: list[str] = []
    if beat.countries:
        params["beat_countries"] = list(beat.countries)
        on_event += [f"{column} IN (SELECT unnest($beat_countries::VARCHAR[]))"
                     for column in ("source_country", "target_country", "location_country")]
    if beat.actors:
        params["beat_actors"] = "^(?:" + "|".join(beat.actors) + ")"
        on_event += [f"regexp_matches(coalesce({role}_code, ''), $beat_actors)"
                     for role in ("source", "target")]
    places = words_pattern(beat.places)
    if places:
        params["beat_places"] = places
        on_event += ["regexp_matches(coalesce(location_name, ''), $beat_places)",
                     "regexp_matches(coalesce(location_text, ''), $beat_places)"]
    words = words_pattern((*beat.places, *beat.include))
    if words:
        params["beat_words"] = words
        on_event.append("regexp_matches(sentence, $beat_words)")
    excluded = "FALSE"
    exclude = words_pattern(beat.exclude)
    if exclude:
        params["beat_exclude"] = exclude
        excluded = ("regexp_matches(coalesce(title, '') || ' ' || text, $beat_exclude)")
    included = " OR ".join(on_event) or "FALSE"
    events = (f"(({included}) AND doc_id NOT IN "
              f"(SELECT id FROM documents WHERE {excluded}))")
    by_text = ("regexp_matches(coalesce(title, '') || ' ' || text, $beat_words)" if words
               else "FALSE")
    documents = (f"((id IN (SELECT doc_id FROM events WHERE {included}) OR {by_text})"
                 f" AND NOT ({excluded}))")
    return Scope(events=events, documents=documents, params=params)


def combined(beat_scope: Scope, flt: EventFilter | None = None) -> EventFilter:
    """``flt`` (no filter when None) narrowed to the events on the beat; its
    :meth:`~EventFilter.where` gives the SQL of both."""
    flt = flt or EventFilter()
    return replace(flt, conditions=(*flt.conditions, beat_scope.condition()))
