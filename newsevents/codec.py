"""The one conversion between the data model and plain data (JSON values), both ways.

Every record of :mod:`newsevents.models` is a dataclass, so the conversion walks its fields
and their type hints instead of listing them: a field added to the model is carried by
``to_dict``/``from_dict``, the store, the API, the shards and every export without touching
this module. Two class attributes let a record shape its plain form where a field walk
cannot say it:

``PLAIN_DERIVED``
    ``((name, after), ...)``: a property written after the field ``after``
    (``Actor.code``).
    Derived values are written for readers (the API, the CLI) and ignored when read back.
``PLAIN_OMIT_NONE``
    Field names left out of the plain form while they are None, because their absence,
    not a null, is what the published form has always said (``Evidence.model``).

Fields that are not data (``compare=False``, such as ``Document.parse``, the spaCy parse)
are never converted.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar

from .errors import StoreError

T = TypeVar("T")


def to_plain(value: Any, derived: bool = True) -> Any:
    """``value`` as JSON values: records become dicts in field order, tuples lists, dates
    ISO text. ``derived=False`` leaves out the ``PLAIN_DERIVED`` properties (a shard keeps
    only what rebuilds the record)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        omit = getattr(cls, "PLAIN_OMIT_NONE", ())
        after = _derived_after(cls) if derived else {}
        out: dict[str, Any] = {}
        for f in data_fields(cls):
            item = getattr(value, f.name)
            if not (item is None and f.name in omit):
                out[f.name] = to_plain(item, derived)
            for name in after.get(f.name, ()):
                out[name] = to_plain(getattr(value, name), derived)
        return out
    if isinstance(value, list | tuple):
        return [to_plain(v, derived) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v, derived) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_plain(cls: type[T], value: Any) -> T:
    """The ``cls`` record that :func:`to_plain` gave ``value`` for; keys that are not fields
    (derived ones) are ignored, absent ones take the field's default. Raises
    :class:`~newsevents.errors.StoreError` when the data does not fit the model."""
    result = decoder(typing.cast(Any, cls))(value)
    if not isinstance(result, cls):
        raise StoreError(f"expected a {cls.__name__} record, found {type(value).__name__}")
    return result


@cache
def data_fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of a record that are data: set by its constructor and compared."""
    return tuple(f for f in dataclasses.fields(cls) if f.init and f.compare)


@cache
def type_hints(cls: type) -> dict[str, Any]:
    """A record's resolved field types (annotations are strings under PEP 563)."""
    return typing.get_type_hints(cls)


@cache
def _derived_after(cls: type) -> dict[str, tuple[str, ...]]:
    by_field: dict[str, tuple[str, ...]] = {}
    for name, after in getattr(cls, "PLAIN_DERIVED", ()):
        by_field[after] = (*by_field.get(after, ()), name)
    return by_field


def optional_inner(hint: Any) -> tuple[Any, bool]:
    """``(T, True)`` for ``T | None``, ``(hint, False)`` for anything else."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1 and len(options) < len(typing.get_args(hint)):
            return options[0], True
    return hint, False


Decode = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


@cache
def decoder(hint: Any) -> Decode:
    """A function rebuilding plain data as the type ``hint`` names; built once per type,
    because reading type hints for every value was most of a shard's decoding time."""
    inner, optional = optional_inner(hint)
    if optional:
        each = decoder(inner)
        return lambda value: None if value is None else each(value)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any or origin in (typing.Union, types.UnionType, typing.Literal):
        return _same
    if origin is list:
        item = decoder(args[0]) if args else _same
        return lambda value: [item(v) for v in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            one = decoder(args[0])
            return lambda value: tuple(one(v) for v in value)
        if args:
            parts = [decoder(a) for a in args]
            return lambda value: tuple(d(v) for d, v in zip(parts, value, strict=True))
        return tuple
    if origin is dict:
        return dict
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    if hint is date:
        return lambda value: value if isinstance(value, date) else date.fromisoformat(value)
    if hint is float:
        return lambda value: float(value) if isinstance(value, int) else value
    if hint is int:
        return lambda value: int(value) if isinstance(value, float) else value
    return _same


def _record_decoder(cls: type) -> Decode:
    hints = type_hints(cls)
    fields = [(f.name, decoder(hints[f.name])) for f in data_fields(cls)]
    required = [f.name for f in data_fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]

    def build(value: Any) -> Any:
        if not isinstance(value, dict):
            raise StoreError(f"found {type(value).__name__} where a {cls.__name__} record "
                             "was expected")
        missing = [name for name in required if name not in value]
        if missing:
            raise StoreError(f"a {cls.__name__} record lacks {', '.join(missing)}")
        return cls(**{name: decode(value[name]) for name, decode in fields if name in value})

    return build
