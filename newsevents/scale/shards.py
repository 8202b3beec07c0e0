"""Shards: the unit of work, of parallelism and of resumption.

Read items (documents and read failures) are cut, in input order, into shards of a few
dozen. A shard's key is a hash of what its coding depends on — every item's content and
metadata, the model, the actor tables, the packaged knowledge and the newsevents version —
so the same inputs under the same settings give the same keys on every run, and a changed
input or setting gives new ones.

A coded shard is one Parquet file, ``<key>.parquet``, one row per item in input order::

    seq INTEGER, kind VARCHAR ('document' | 'failure'), id VARCHAR, origin VARCHAR,
    content_hash VARCHAR, events INTEGER, record VARCHAR (the JSON of the item)

``record`` is :func:`newsevents.codec.to_plain`'s form of the item, without derived
values. The file is written to a temporary name and renamed into place, so a file under its
final name is always complete: a run that finds it skips the shard.

The driver writes each shard it gets back from a worker, then takes its documents from the
bytes in hand (:func:`decode_payload`), not from the file: a shard coded in this process
(``--workers 1``) even carries its coded items, so no Parquet is read at all.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .._version import __version__
from ..codec import from_plain, to_plain
from ..datafiles import package_files
from ..errors import ConfigError, StoreError
from ..models import Document, Failure
from ..settings import Settings

log = logging.getLogger(__name__)

# Bump when the layout of a shard file changes: old shards then stop matching.
SHARD_FORMAT = 1
SUFFIX = ".parquet"
_TMP_MARK = ".tmp-"

Item = Document | Failure


@dataclass(frozen=True)
class Shard:
    """Read items to be coded together, under a key that names their coded result."""

    key: str
    index: int
    items: tuple[Item, ...]

    @property
    def documents(self) -> int:
        return sum(isinstance(item, Document) for item in self.items)


@dataclass
class CodedShard:
    """A shard's coded documents and failures, in input order."""

    key: str
    documents: list[Document]
    failures: list[Failure]
    reused: bool = False  # found finished in the shard directory, not coded by this run


def run_fingerprint(settings: Settings) -> str:
    """A digest of everything besides the items that coding depends on."""
    h = hashlib.sha256(f"shard-format {SHARD_FORMAT}\nnewsevents {__version__}\n"
                       f"model {settings.model}\n".encode())
    for path in (*package_files(), *(Path(p) for p in settings.actor_files)):
        h.update(str(path.name).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError as exc:  # a missing actor table is reported by the actor stage
            h.update(f"unreadable: {exc}".encode())
    return h.hexdigest()


def plan_shards(items: Iterable[Item], fingerprint: str, size: int) -> Iterator[Shard]:
    """Cut ``items`` into shards of ``size`` items, lazily, each with its stable key."""
    if size < 1:
        raise ConfigError(f"the shard size must be at least 1, not {size}")
    batch: list[Item] = []
    index = 0
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield _shard(batch, fingerprint, index)
            batch = []
            index += 1
    if batch:
        yield _shard(batch, fingerprint, index)


def _shard(items: list[Item], fingerprint: str, index: int) -> Shard:
    h = hashlib.sha256(fingerprint.encode())
    for item in items:
        if isinstance(item, Document):
            meta = item.to_dict()
            meta.pop("text")  # content_hash covers it
            h.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
        else:
            h.update(f"failure\0{item.input}\0{item.stage}\0{item.reason}".encode())
        h.update(b"\n")
    return Shard(key=h.hexdigest()[:24], index=index, items=tuple(items))


# -- shard files ---------------------------------------------------------------------------

_COLUMNS = (("seq", "INTEGER"), ("kind", "VARCHAR"), ("id", "VARCHAR"), ("origin", "VARCHAR"),
            ("content_hash", "VARCHAR"), ("events", "INTEGER"), ("record", "VARCHAR"))


class ShardPayload(bytes):
    """A shard's Parquet bytes that also hold, in the process that coded them, the coded
    items themselves: the driver of a one-worker run takes those and reads no Parquet.
    Pickled (to leave a pool or a Dask worker) it is the bare bytes: the items would
    double what crosses the wire for nothing."""

    items: tuple[Item, ...] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (bytes, (bytes(self),))


def encode_record(item: Item) -> str:
    """The JSON text of a coded document (without its parse) or of a failure."""
    return json.dumps(to_plain(item, derived=False), ensure_ascii=False,
                      separators=(",", ":"))


def decode_record(kind: str, text: str) -> Item:
    """The item :func:`encode_record` wrote; raises StoreError if it does not fit."""
    plain = json.loads(text)
    if kind == "document":
        return from_plain(Document, plain)
    return from_plain(Failure, plain)


def encode_shard(items: Iterable[Item]) -> ShardPayload:
    """The Parquet bytes of coded items (see the module docstring for the layout)."""
    kept = tuple(items)
    rows: list[tuple[object, ...]] = []
    for seq, item in enumerate(kept):
        if isinstance(item, Document):
            rows.append((seq, "document", item.id, item.origin, item.content_hash,
                         len(item.events), encode_record(item)))
        else:
            rows.append((seq, "failure", None, item.input, None, 0, encode_record(item)))
    with tempfile.TemporaryDirectory(prefix="newsevents-shard-") as tmp:
        path = Path(tmp) / f"shard{SUFFIX}"
        # One thread: the shard is small, and the worker's cores belong to the parser.
        con = duckdb.connect(config={"threads": 1})
        try:
            con.execute("CREATE TABLE shard (" + ", ".join(f"{n} {t}" for n, t in _COLUMNS)
                        + ")")
            if rows:
                values = ", ".join(f"unnest(${i}::{t}[])" for i, (_, t) in
                                   enumerate(_COLUMNS, 1))
                con.execute(f"INSERT INTO shard SELECT {values}",
                            [list(column) for column in zip(*rows, strict=True)])
            con.execute(f"COPY shard TO {_sql_string(path)} (FORMAT parquet, "
                        "COMPRESSION zstd)")
        finally:
            con.close()
        payload = ShardPayload(path.read_bytes())
    payload.items = kept
    return payload


def decode_payload(payload: bytes) -> tuple[list[Document], list[Failure]]:
    """The documents and failures of a shard's bytes: the items it carries when this
    process coded it, else what the Parquet holds. Raises StoreError if unreadable."""
    items = payload.items if isinstance(payload, ShardPayload) else None
    if items is not None:
        return _split(items)
    return decode_shard(payload)


def decode_shard(source: Path | bytes) -> tuple[list[Document], list[Failure]]:
    """The documents and failures of a shard file, or of its bytes; raises StoreError if
    it is unreadable."""
    name = str(source) if isinstance(source, Path) else "a shard's bytes"
    con = duckdb.connect(config={"threads": 1})
    try:
        # DuckDB reads the bytes in hand as a file-like object: no copy on disk.
        found = con.read_parquet(str(source) if isinstance(source, Path)
                                 else io.BytesIO(source))
        rows = found.order("seq").select("kind, record").fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"{name}: not a readable shard ({exc})") from exc
    finally:
        con.close()
    try:
        return _split([decode_record(kind, record) for kind, record in rows])
    except (StoreError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{name}: a record does not fit the data model ({exc})") from exc


def _split(items: Iterable[Item]) -> tuple[list[Document], list[Failure]]:
    documents: list[Document] = []
    failures: list[Failure] = []
    for item in items:
        if isinstance(item, Document):
            documents.append(item)
        else:
            failures.append(item)
    return documents, failures


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


class ShardDir:
    """The directory of finished shards: written atomically, read back, cleared."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"{self.path}: cannot create the shard directory "
                              f"({exc.strerror or exc}); choose another with --shard-dir"
                              ) from exc
        # A killed run may leave half-written files; their shards are simply redone.
        for stale in self.path.glob(f"*{SUFFIX}{_TMP_MARK}*"):
            stale.unlink(missing_ok=True)

    def file(self, key: str) -> Path:
        return self.path / f"{key}{SUFFIX}"

    def has(self, key: str) -> bool:
        return self.file(key).is_file()

    def save(self, key: str, payload: bytes) -> Path:
        """Write a coded shard under a temporary name, then rename it into place."""
        final = self.file(key)
        tmp = final.with_name(f"{final.name}{_TMP_MARK}{os.getpid()}")
        try:
            with tmp.open("wb") as out:
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, final)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"{final}: cannot write the shard ({exc.strerror or exc})"
                             ) from exc
        return final

    def load(self, key: str) -> tuple[list[Document], list[Failure]] | None:
        """A finished shard's contents, or None if it is absent or unreadable (then it
        is removed, to be coded again)."""
        path = self.file(key)
        if not path.is_file():
            return None
        try:
            return decode_shard(path)
        except StoreError as exc:
            log.warning("%s; coding the shard again", exc)
            path.unlink(missing_ok=True)
            return None
