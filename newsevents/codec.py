"""The one conversion between the data model and plain data (JSON values), both ways.

Every record of :mod:`newsevents.models` is a dataclass, so the conversion is made from its
fields and their type hints instead of listing them: a field added to the model is carried
by ``to_dict``/``from_dict``, the store, the API, the shards and every export without
touching this module. A record's plain form is a dict of its fields in order (tuples become
lists, dates ISO text); two class attributes shape it where the fields cannot say it:

``PLAIN_DERIVED``
    ``((name, after), ...)``: a property written after the field ``after``
    (``Actor.code``), for readers (the API, the CLI); ignored when read back.
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
Decode = Callable[[Any], Any]


def unchanged(value: Any) -> Any:
    """The conversion of a value that is plain data already (text, numbers)."""
    return value


def to_plain(value: Any, derived: bool = True) -> Any:
    """``value`` as JSON values: records become dicts in field order, tuples lists, dates
    ISO text. ``derived=False`` leaves out the ``PLAIN_DERIVED`` properties (a shard keeps
    only what rebuilds the record)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return encoder(type(value), derived)(value)
    return _plain_any(value)


def _plain_any(value: Any) -> Any:
    """A value of no declared type (``Any``, a mapping's values) as JSON values."""
    if isinstance(value, str | int | float) or value is None:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return encoder(type(value), True)(value)
    if isinstance(value, list | tuple):
        return [_plain_any(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_any(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


_SCALARS = (str, int, float, bool)


@cache
def encoder(hint: Any, derived: bool = True) -> Decode:
    """A function making plain data of a value of type ``hint``; built once per type, as
    :func:`decoder` is: the store and the shards convert every event."""
    inner, optional = optional_inner(hint)
    if optional:
        each = encoder(inner, derived)
        if each is unchanged:
            return unchanged
        return lambda value: None if value is None else each(value)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint in _SCALARS or origin is typing.Literal:
        return unchanged
    if origin in (list, tuple):
        items = [a for a in args if a is not Ellipsis]
        if items and all(a in _SCALARS for a in items):
            return list
        if len(items) == 1:
            one = encoder(items[0], derived)
            return lambda value: [one(v) for v in value]
        return _plain_any
    if origin is dict:
        # A mapping field holds plain data by contract (evidence notes): copied, not walked.
        return dict
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_encoder(hint, derived)
    if hint is date:
        return lambda value: value.isoformat()
    return _plain_any


def _record_encoder(cls: type, derived: bool) -> Decode:
    hints = type_hints(cls)
    omit = [name for name in getattr(cls, "PLAIN_OMIT_NONE", ())]
    after = _derived_after(cls) if derived else {}
    names: dict[str, Any] = {}
    items: list[str] = []
    for f in data_fields(cls):
        encode = encoder(optional_inner(hints[f.name])[0], derived)
        if encode is unchanged:
            items.append(f"{f.name!r}: value.{f.name}")
        else:
            names[f"_{f.name}"] = encode
            items.append(f"{f.name!r}: None if (v := value.{f.name}) is None "
                         f"else _{f.name}(v)")
        # A derived property gives plain data (text, a number) by contract.
        items += [f"{name!r}: value.{name}" for name in after.get(f.name, ())]
    body = [f"    out = {{{', '.join(items)}}}"]
    body += [f"    if out[{name!r}] is None:\n        del out[{name!r}]" for name in omit]
    return _compiled(cls, "\n".join(["def build(value):", *body, "    return out"]), names)


def _compiled(cls: type, source: str, names: dict[str, Any]) -> Decode:
    """The function ``build`` that ``source`` defines. A record's conversion is written out
    as code, field by field, as dataclasses writes ``__init__``: a loop over the fields cost
    ten times as much, on every event the store, the API and the exports convert."""
    scope = {**names, "cls": cls}
    exec(compile(source, f"<newsevents.codec {cls.__name__}>", "exec"), scope)
    build: Decode = scope["build"]
    return build


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
        return unchanged
    if origin is list:
        item = decoder(args[0]) if args else unchanged
        return lambda value: [item(v) for v in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            one = decoder(args[0])
            return lambda value: tuple(one(v) for v in value)
        if args:
            parts = [decoder(a) for a in args]
            if all(part is unchanged for part in parts):
                return tuple
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
    return unchanged


def _record_decoder(cls: type) -> Decode:
    hints = type_hints(cls)
    names: dict[str, Any] = {}
    # (name, how to decode a value that is not None (None: as it is))
    fields: list[tuple[str, Decode | None]] = []
    arguments: list[str] = []
    for f in data_fields(cls):
        decode = decoder(optional_inner(hints[f.name])[0])
        fields.append((f.name, None if decode is unchanged else decode))
        # A field with a plain default may be absent (Evidence.model is left out while
        # None); one with a default factory sends an absent value the slow way.
        if f.default is dataclasses.MISSING:
            got = f"value[{f.name!r}]"
        else:
            names[f"default_{f.name}"] = f.default
            got = f"value.get({f.name!r}, default_{f.name})"
        if decode is unchanged:
            arguments.append(f"{f.name}={got}")
        else:
            names[f"_{f.name}"] = decode
            arguments.append(f"{f.name}=None if (v := {got}) is None else _{f.name}(v)")
    required = [f.name for f in data_fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]

    def checked(value: Any) -> Any:
        """The slow way, for a record that lacks some fields (or is not a record)."""
        if not isinstance(value, dict):
            raise StoreError(f"found {type(value).__name__} where a {cls.__name__} record "
                             "was expected")
        missing = [name for name in required if name not in value]
        if missing:
            raise StoreError(f"a {cls.__name__} record lacks {', '.join(missing)}")
        found: dict[str, Any] = {}
        for name, decode in fields:
            if name in value:
                item = value[name]
                found[name] = item if decode is None or item is None else decode(item)
        return cls(**found)

    # The fast way: every field is there (as in whatever this module wrote).
    source = "\n".join([
        "def build(value):",
        "    try:",
        f"        return cls({', '.join(arguments)})",
        "    except (KeyError, TypeError):",
        "        return checked(value)",
    ])
    return _compiled(cls, source, {**names, "checked": checked})
