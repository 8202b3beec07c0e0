"""Coded documents to plain JSON values and back, driven by the model's own type hints.

A shard must give back exactly the :class:`~newsevents.models.Document` that was coded —
sentences, mentions, quotes, events and whatever fields later issues add to the model —
so the codec walks the dataclass fields and their annotations instead of listing them:
a field added to the model is carried without touching this module. The spaCy parse
(``Document.parse``) is never encoded.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from ..errors import StoreError
from ..models import Document, Failure

# Fields that hold live objects, not data: never written to a shard.
_SKIPPED = frozenset({"parse"})


def encode_document(doc: Document) -> str:
    """The JSON text of a coded document (without its parse)."""
    return json.dumps(_plain(doc), ensure_ascii=False, separators=(",", ":"))


def decode_document(text: str) -> Document:
    """The document :func:`encode_document` wrote; raises StoreError if it does not fit."""
    value = _decoder(Document)(json.loads(text))
    assert isinstance(value, Document)
    return value


def encode_failure(failure: Failure) -> str:
    """The JSON text of a failure record."""
    return json.dumps(_plain(failure), ensure_ascii=False, separators=(",", ":"))


def decode_failure(text: str) -> Failure:
    """The failure :func:`encode_failure` wrote."""
    value = _decoder(Failure)(json.loads(text))
    assert isinstance(value, Failure)
    return value


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in _fields(type(value))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.init and f.name not in _SKIPPED)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


Decode = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


@cache
def _decoder(hint: Any) -> Decode:
    """A function rebuilding plain JSON as the type ``hint`` names; built once per type,
    because reading the type hints for every value was most of a shard's decoding time."""
    if hint is Any:
        return _same
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in args if a is not type(None)]
        inner = _decoder(options[0]) if len(options) == 1 else _same
        return lambda value: None if value is None else inner(value)
    if origin is typing.Literal:
        return _same
    if origin is list:
        item = _decoder(args[0]) if args else _same
        return lambda value: [item(v) for v in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _decoder(args[0])
            return lambda value: tuple(each(v) for v in value)
        if args:
            parts = [_decoder(a) for a in args]
            return lambda value: tuple(d(v) for d, v in zip(parts, value, strict=True))
        return tuple
    if origin is dict:
        return dict
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    if hint is date:
        return lambda value: None if value is None else date.fromisoformat(value)
    if hint is float:
        return lambda value: float(value) if isinstance(value, int) else value
    return _same


def _dataclass_decoder(cls: type) -> Decode:
    hints = _hints(cls)
    fields = [(f.name, _decoder(hints[f.name])) for f in _fields(cls)]

    def build(value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise StoreError(f"a shard holds {type(value).__name__} where a "
                             f"{cls.__name__} was expected")
        return cls(**{name: decode(value[name]) for name, decode in fields if name in value})

    return build
