"""One event as one flat row: the single column layout of the store's ``events`` table, of
CSV and Parquet exports, of ``newsevents events --format csv`` and of ``to_pandas()``.

The columns are derived from :class:`~newsevents.models.Event`'s fields and types, in
field order, so an event field is added by touching the model (and the store migration
that adds its column; ``tests/test_layout.py`` fails until the two agree):

* a plain field is one column (``cameo``); a list of text is a ``VARCHAR[]``
  (``context``), joined with ``|`` in text outputs;
* a nested record of plain fields is spread over columns named ``<field>_<its field>``,
  its derived properties after them (``source_text`` ... ``source_code``);
* a nested record holding lists or mappings (``evidence``) is one column of JSON text,
  exactly :func:`newsevents.codec.to_plain`'s form;
* a pair (``span``) is two columns, ``<field>_start`` and ``<field>_end``;
* ``date_start``/``date_end``, the first and last day the event's date can mean, follow
  the date's fields: the store filters and sorts on them.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .codec import data_fields, from_plain, optional_inner, to_plain, type_hints
from .errors import ConfigError
from .intervals import event_interval
from .models import Event


@dataclass(frozen=True)
class Column:
    """One column of the layout: its name, DuckDB type, and whether it may be null."""

    name: str
    type: str
    nullable: bool


_SQL_TYPES: dict[Any, str] = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE",
                              bool: "BOOLEAN", date: "DATE"}

# Columns computed from others, after the field they follow (see the module docstring).
_DERIVED: dict[str, tuple[tuple[Column, Callable[[Event], Any]], ...]] = {
    "date_text": (
        (Column("date_start", "DATE", True),
         lambda e: (event_interval(e.date, e.date_precision) or (None, None))[0]),
        (Column("date_end", "DATE", True),
         lambda e: (event_interval(e.date, e.date_precision) or (None, None))[1]),
    ),
}

Shape = Literal["plain", "record", "json", "pair"]


def _sql_type(hint: Any, where: str) -> str:
    inner, _ = optional_inner(hint)
    origin = typing.get_origin(inner)
    if origin is Literal:
        return _SQL_TYPES[type(typing.get_args(inner)[0])]
    if origin is list:
        return _sql_type(typing.get_args(inner)[0], where) + "[]"
    if inner in _SQL_TYPES:
        return _SQL_TYPES[inner]
    raise ConfigError(f"{where}: no column type for {hint!r}; say in newsevents/layout.py "
                      "how such a field is laid out")


def _is_flat_record(cls: Any) -> bool:
    """A record whose fields all fit one column each (Actor, Location), not Evidence."""
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        return False
    hints = type_hints(cls)
    return all(optional_inner(hints[f.name])[0] in _SQL_TYPES for f in data_fields(cls))


def _derived_props(cls: type) -> tuple[str, ...]:
    return tuple(name for name, _ in getattr(cls, "PLAIN_DERIVED", ()))


def _build() -> tuple[tuple[Column, ...], tuple[tuple[str, Shape, type | None], ...]]:
    columns: list[Column] = []
    shapes: list[tuple[str, Shape, type | None]] = []
    hints = type_hints(Event)
    for f in data_fields(Event):
        inner, optional = optional_inner(hints[f.name])
        where = f"Event.{f.name}"
        if _is_flat_record(inner):
            sub_hints = type_hints(inner)
            for sub in data_fields(inner):
                columns.append(Column(f"{f.name}_{sub.name}",
                                      _sql_type(sub_hints[sub.name], where), True))
            for prop in _derived_props(inner):
                ret = typing.get_type_hints(getattr(inner, prop).fget)["return"]
                columns.append(Column(f"{f.name}_{prop}", _sql_type(ret, where), True))
            shapes.append((f.name, "record", inner))
        elif isinstance(inner, type) and dataclasses.is_dataclass(inner):
            columns.append(Column(f.name, "VARCHAR", optional))
            shapes.append((f.name, "json", inner))
        elif typing.get_origin(inner) is tuple and len(typing.get_args(inner)) == 2:
            part = _sql_type(typing.get_args(inner)[0], where)
            columns += [Column(f"{f.name}_start", part, optional),
                        Column(f"{f.name}_end", part, optional)]
            shapes.append((f.name, "pair", None))
        else:
            columns.append(Column(f.name, _sql_type(hints[f.name], where), optional))
            shapes.append((f.name, "plain", None))
        columns += [column for column, _ in _DERIVED.get(f.name, ())]
    return tuple(columns), tuple(shapes)


EVENT_LAYOUT, _SHAPES = _build()
EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_LAYOUT)


def event_row(event: Event) -> dict[str, Any]:
    """The event's value in each column of :data:`EVENT_LAYOUT`, as the store holds it."""
    row: dict[str, Any] = {}
    for name, shape, cls in _SHAPES:
        value = getattr(event, name)
        if shape == "record":
            assert cls is not None
            plain = to_plain(value) if value is not None else {}
            for sub in (*(f.name for f in data_fields(cls)), *_derived_props(cls)):
                row[f"{name}_{sub}"] = plain.get(sub)
        elif shape == "json":
            row[name] = (json.dumps(to_plain(value), ensure_ascii=False)
                         if value is not None else None)
        elif shape == "pair":
            row[f"{name}_start"], row[f"{name}_end"] = value
        else:
            row[name] = to_plain(value)
        for column, compute in _DERIVED.get(name, ()):
            row[column.name] = compute(event)
    return {c: row[c] for c in EVENT_COLUMNS}


def row_event(row: Mapping[str, Any]) -> Event:
    """The event of a row holding at least the columns of :data:`EVENT_LAYOUT` (derived
    columns are not read); the inverse of :func:`event_row`."""
    plain: dict[str, Any] = {}
    for name, shape, cls in _SHAPES:
        if shape == "record":
            assert cls is not None
            subs = [f.name for f in data_fields(cls)]
            # A record's first field (an actor's or a place's text) is never null.
            plain[name] = (None if row[f"{name}_{subs[0]}"] is None
                           else {sub: row[f"{name}_{sub}"] for sub in subs})
        elif shape == "json":
            plain[name] = json.loads(row[name]) if row[name] else None
        elif shape == "pair":
            plain[name] = (row[f"{name}_start"], row[f"{name}_end"])
        else:
            plain[name] = row[name]
    return from_plain(Event, plain)


def text_row(event: Event) -> dict[str, Any]:
    """:func:`event_row` for text outputs (CSV, DataFrames): lists joined with ``|``, dates
    ISO text."""
    row = event_row(event)
    for column in EVENT_LAYOUT:
        value = row[column.name]
        if isinstance(value, list):
            row[column.name] = "|".join(value)
        elif isinstance(value, date):
            row[column.name] = value.isoformat()
    return row
