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

from .codec import data_fields, encoder, from_plain, optional_inner, type_hints, unchanged
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


def _date_interval(event: Event) -> tuple[date | None, date | None]:
    return event_interval(event.date, event.date_precision) or (None, None)


# Columns computed from others, after the field they follow (see the module docstring):
# the columns, and one function giving their values.
_DERIVED: dict[str, tuple[tuple[Column, ...], Callable[[Event], tuple[Any, ...]]]] = {
    "date_text": ((Column("date_start", "DATE", True), Column("date_end", "DATE", True)),
                  _date_interval),
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


@dataclass(frozen=True)
class _Part:
    """How one field of Event is laid out: its shape, its columns and (for a nested record
    spread over columns) the attribute each column holds."""

    name: str
    shape: Shape
    columns: tuple[str, ...]
    attributes: tuple[str, ...] = ()
    encode: Callable[[Any], Any] | None = None  # a plain or json field's conversion


def build_layout(record: type = Event) -> tuple[tuple[Column, ...], tuple[_Part, ...]]:
    """The columns of ``record`` (Event, or in tests a model with a field more) and how each
    field fills them; raises ConfigError for a field of a kind no column can hold."""
    columns: list[Column] = []
    parts: list[_Part] = []
    hints = type_hints(record)
    for f in data_fields(record):
        inner, optional = optional_inner(hints[f.name])
        where = f"{record.__name__}.{f.name}"
        if _is_flat_record(inner):
            sub_hints = type_hints(inner)
            mine = [Column(f"{f.name}_{sub.name}", _sql_type(sub_hints[sub.name], where), True)
                    for sub in data_fields(inner)]
            for prop in _derived_props(inner):
                ret = typing.get_type_hints(getattr(inner, prop).fget)["return"]
                mine.append(Column(f"{f.name}_{prop}", _sql_type(ret, where), True))
            attributes = (*(sub.name for sub in data_fields(inner)), *_derived_props(inner))
            parts.append(_Part(f.name, "record", tuple(c.name for c in mine), attributes))
        elif isinstance(inner, type) and dataclasses.is_dataclass(inner):
            mine = [Column(f.name, "VARCHAR", optional)]
            parts.append(_Part(f.name, "json", (f.name,), encode=encoder(inner)))
        elif typing.get_origin(inner) is tuple and len(typing.get_args(inner)) == 2:
            part = _sql_type(typing.get_args(inner)[0], where)
            mine = [Column(f"{f.name}_start", part, optional),
                    Column(f"{f.name}_end", part, optional)]
            parts.append(_Part(f.name, "pair", tuple(c.name for c in mine)))
        else:
            mine = [Column(f.name, _sql_type(hints[f.name], where), optional)]
            encode = encoder(inner)
            parts.append(_Part(f.name, "plain", (f.name,),
                               encode=None if encode is unchanged else encode))
        columns += mine
        if f.name in _DERIVED:
            columns += _DERIVED[f.name][0]
    return tuple(columns), tuple(parts)


EVENT_LAYOUT, _PARTS = build_layout()
EVENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in EVENT_LAYOUT)


def event_row(event: Event) -> dict[str, Any]:
    """The event's value in each column of :data:`EVENT_LAYOUT`, as the store holds it."""
    row: dict[str, Any] = {}
    for part in _PARTS:
        value = getattr(event, part.name)
        if part.shape == "record":
            # Flat records hold only column values: no conversion, attribute by attribute.
            for column, attribute in zip(part.columns, part.attributes, strict=True):
                row[column] = None if value is None else getattr(value, attribute)
        elif part.shape == "pair":
            row[part.columns[0]], row[part.columns[1]] = value
        elif value is None or part.encode is None:
            row[part.name] = value
        elif part.shape == "json":
            row[part.name] = json.dumps(part.encode(value), ensure_ascii=False)
        else:
            row[part.name] = part.encode(value)
        if part.name in _DERIVED:
            derived, compute = _DERIVED[part.name]
            for made, computed in zip(derived, compute(event), strict=True):
                row[made.name] = computed
    return row


def row_event(row: Mapping[str, Any]) -> Event:
    """The event of a row holding at least the columns of :data:`EVENT_LAYOUT` (derived
    columns are not read); the inverse of :func:`event_row`."""
    plain: dict[str, Any] = {}
    for part in _PARTS:
        if part.shape == "record":
            # A record's first field (an actor's or a place's text) is never null.
            plain[part.name] = None if row[part.columns[0]] is None else {
                attribute: row[column]
                for column, attribute in zip(part.columns, part.attributes, strict=True)}
        elif part.shape == "json":
            plain[part.name] = json.loads(row[part.name]) if row[part.name] else None
        elif part.shape == "pair":
            plain[part.name] = (row[part.columns[0]], row[part.columns[1]])
        else:
            plain[part.name] = row[part.name]
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
