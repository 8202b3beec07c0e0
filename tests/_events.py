"""Helpers the event coder's tests share: the events of a text, and their dyads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from newsevents.models import Document, Event

Coded = Callable[..., Document]


def events(coded: Coded, text: str, day: date = date(2020, 7, 8)) -> list[Event]:
    return coded(text, day).events


def dyads(found: list[Event], modality: str = "asserted") -> set[tuple[str, str | None,
                                                                       str | None]]:
    """(type, source country, target country) of the events with ``modality``."""
    return {(e.type, e.source.country if e.source else None,
             e.target.country if e.target else None) for e in found if e.modality == modality}
