"""Read the store: the library behind ``newsevents events``, ``stats`` and ``export``.

Each function opens the store read-only, applies the filters of
:class:`newsevents.store.Filters` (type, quad class, CAMEO prefix, actor, dyad, country,
dates, place, modality, free text, document) and closes it. For many queries on one
store, open it once with :func:`newsevents.open_store` and call the same-named methods.

Example::

    from newsevents.query import query_events, stats, export

    events = query_events("news.duckdb", dyad="PRK-KOR", undirected=True, since="2020")
    weekly = stats("news.duckdb", by="week", group="quad", actor="PRK")
    export("prk.parquet", db="news.duckdb", actor="PRK")   # the format follows the name
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

from .errors import ConfigError
from .models import ActorCount, DyadCount, EventList, Failure, Period, Summary, plain
from .settings import Settings
from .store import Filters, open_store
from .store.export import export_format
from .store.query import make_filter


def store_path(db: str | Path | None, settings: Settings | None = None) -> str:
    """The store to read: ``db``, else the settings' ``db_path``; it must exist."""
    path = str(db) if db else (settings or Settings.load()).db_path
    if not Path(path).is_file():
        raise ConfigError(f"{path}: no such store; create it with 'newsevents ingest'")
    return path


def query_events(db: str | Path | None = None, limit: int | None = None,
                 settings: Settings | None = None, *, offset: int = 0, order: str = "date",
                 **filters: Unpack[Filters]) -> EventList:
    """Events from the store matching every filter (see :class:`newsevents.store.Filters`),
    in ``order`` (date, -date, intensity, -intensity), from ``offset``, at most ``limit``;
    an :class:`~newsevents.models.EventList`, whose ``to_pandas()`` makes a DataFrame.

    Example::

        query_events("news.duckdb", type="ASSAULT", actor="PRK", since="2020-06")
    """
    flt = make_filter(**filters)
    with open_store(store_path(db, settings), read_only=True) as store:
        return store.events(flt, limit=limit, offset=offset, order=order)


def count_events(db: str | Path | None = None, settings: Settings | None = None,
                 **filters: Unpack[Filters]) -> int:
    """How many stored events match every filter (all stored events when none is given)."""
    flt = make_filter(**filters)
    with open_store(store_path(db, settings), read_only=True) as store:
        return store.count_events(flt)


@dataclass
class Stats:
    """What :func:`stats` found: totals, a time series (of ``count``: events, clusters
    or stories), what the series leaves out, top actors and top dyads.

    ``left_out``: ``undated``, the matching events with no date, and ``coarse``, those
    dated too coarsely for one period (a month in a weekly series), counted as the
    series counts."""

    by: str
    group: str | None
    summary: Summary
    series: list[Period] = field(default_factory=list)
    actors: list[ActorCount] = field(default_factory=list)
    dyads: list[DyadCount] = field(default_factory=list)
    count: str = "events"
    left_out: dict[str, int] = field(default_factory=lambda: {"undated": 0, "coarse": 0})

    def to_dict(self) -> dict[str, Any]:
        """JSON types, as ``newsevents stats --format json`` prints them."""
        return {"by": self.by, "group": self.group, "count": self.count,
                "summary": plain(self.summary), "series": plain(self.series),
                "left_out": self.left_out, "actors": plain(self.actors),
                "dyads": plain(self.dyads)}


def stats(db: str | Path | None = None, by: str = "week", group: str | None = None,
          top: int = 10, count: str = "events", settings: Settings | None = None,
          **filters: Unpack[Filters]) -> Stats:
    """Counts and mean intensity of the matching events per ``by`` (day, week, month,
    year), split by ``group`` (type, quad, modality, source, target, dyad) if given; the
    ``top`` actors and directed dyads; totals; and how many events the series leaves
    out for having no date, or one too coarse for a period (``Stats.left_out``).

    Example::

        stats("news.duckdb", by="month", group="type", dyad="PRK-KOR", undirected=True)
    """
    flt = make_filter(**filters)
    with open_store(store_path(db, settings), read_only=True) as store:
        return Stats(by=by, group=group, count=count, summary=store.summary(flt),
                     series=store.timeline(flt, by=by, group=group, count=count),
                     left_out=store.left_out(flt, by=by, count=count),
                     actors=store.top_actors(flt, limit=top),
                     dyads=store.top_dyads(flt, limit=top))


def export(out: str | Path, format: str | None = None, db: str | Path | None = None,
           settings: Settings | None = None, **filters: Unpack[Filters]) -> int:
    """Write the matching events to ``out`` as parquet, csv, jsonl, gdelt or plover (see
    :mod:`newsevents.store.export`); returns how many were written. Without ``format``
    the extension of ``out`` decides; an extension that names no format or contradicts
    ``format`` raises :class:`~newsevents.errors.QueryError` before the store is opened.

    Example::

        export("korea.tsv", db="news.duckdb", country="PRK", since="2020")   # gdelt
    """
    format = export_format(out, format)
    flt = make_filter(**filters)
    with open_store(store_path(db, settings), read_only=True) as store:
        return store.export(out, format, flt)


def failures(db: str | Path | None = None, settings: Settings | None = None) -> list[Failure]:
    """The inputs that could not be read, extracted or coded, oldest first, as recorded by
    ingest (input, stage, reason)."""
    with open_store(store_path(db, settings), read_only=True) as store:
        return store.failures()


__all__ = ["Stats", "count_events", "export", "failures", "query_events", "stats",
           "store_path"]
