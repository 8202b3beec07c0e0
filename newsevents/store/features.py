"""What features built on the store add to it: their tables, event conditions and counts.

The store itself means documents and events. Features that keep tables of their own in
the same file (:mod:`newsevents.stories`, :mod:`newsevents.beats`) own those tables' SQL
and register, when their storage module is imported:

- :func:`register_migration`: the migrations creating their tables (versions reserved
  in :mod:`.schema`);
- :func:`register_condition`: a keyword filter of events whose SQL is theirs (``story``:
  the events of one story's articles), applied through :class:`Condition`;
- :func:`register_count`: what else a time series can count (``clusters``, ``stories``).

Every store must hold every feature's tables whichever module opened it first, and a
store with a feature's version applied must open wherever it is read. So the store loads
the features' storage modules itself, by the names in :data:`FEATURES`, before it needs
what they register (:func:`load`): imported by name at that moment, not by an import
statement, the store does not depend on the features (they depend on it).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import QueryError
from .schema import MIGRATIONS, Migration, check_migrations

# The storage modules of the features keeping tables in the store, loaded by load().
FEATURES: tuple[str, ...] = ("newsevents.stories.storage", "newsevents.beats.storage")


@dataclass(frozen=True)
class Condition:
    """An SQL condition over the events table that a feature adds to an event filter.

    ``sql`` names its parameters ``$name``; ``params`` binds them, as pairs so that a
    filter of plain values stays hashable (the web server caches answers by filter).
    Parameter names must not clash with those of :meth:`EventFilter.where`: prefix them
    with the filter's name (``story``, ``beat_``)."""

    sql: str
    params: tuple[tuple[str, Any], ...] = ()


_lock = threading.Lock()
_loaded = False
_migrations: list[Migration] = []
_conditions: dict[str, Callable[[str], Condition]] = {}
_counts: dict[str, str] = {}


def register_migration(migration: Migration) -> None:
    """Add a feature's migration; a version already taken raises ValueError."""
    check_migrations((*MIGRATIONS, *_migrations, migration))
    _migrations.append(migration)


def register_condition(name: str, build: Callable[[str], Condition]) -> None:
    """Make the keyword filter ``name`` (a key of ``Filters``) mean ``build(value)``."""
    _conditions[name] = build


def register_count(name: str, aggregate: str) -> None:
    """Let a time series count ``name``: an aggregate over the filtered events table."""
    _counts[name] = aggregate


def load() -> None:
    """Import the features' storage modules once, so that they have registered."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if not _loaded:
            for name in FEATURES:
                importlib.import_module(name)
            _loaded = True


def migrations() -> tuple[Migration, ...]:
    """The features' migrations (those of the store itself are :data:`.schema.MIGRATIONS`)."""
    load()
    return tuple(_migrations)


def condition(name: str, value: str) -> Condition:
    """The condition the feature owning the keyword filter ``name`` makes of ``value``."""
    load()
    if name not in _conditions:
        raise QueryError(f"the {name} filter is not available: no feature provides it")
    return _conditions[name](value)


def counts() -> dict[str, str]:
    """What a feature lets a time series count: name -> aggregate over the events."""
    load()
    return dict(_counts)
