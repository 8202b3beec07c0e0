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
    value = _build(Document, json.loads(text))
    assert isinstance(value, Document)
    return value


def encode_failure(failure: Failure) -> str:
    return json.dumps(_plain(failure), ensure_ascii=False, separators=(",", ":"))


def decode_failure(text: str) -> Failure:
    value = _build(Failure, json.loads(text))
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


def _build(hint: Any, value: Any) -> Any:
    """``value`` (plain JSON) rebuilt as the type ``hint`` names."""
    if value is None or hint is Any:
        return value
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in args if a is not type(None)]
        return _build(options[0], value) if len(options) == 1 else value
    if origin is typing.Literal:
        return value
    if origin is list:
        return [_build(args[0] if args else Any, v) for v in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in value)
        return tuple(_build(a, v) for a, v in zip(args, value, strict=True)) if args else tuple(
            value)
    if origin is dict:
        return dict(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise StoreError(f"a shard holds {type(value).__name__} where a "
                             f"{hint.__name__} was expected")
        hints = _hints(hint)
        return hint(**{f.name: _build(hints[f.name], value[f.name])
                       for f in _fields(hint) if f.name in value})
    if hint is date:
        return date.fromisoformat(value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value
