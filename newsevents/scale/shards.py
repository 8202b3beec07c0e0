"""Shards: the unit of work, of parallelism and of resumption.

Read items (documents and read failures) are cut, in input order, into shards of a few
dozen. A shard's key is a hash of what its coding depends on — every item's content and
metadata, the model, the actor tables, the packaged knowledge and the newsevents version —
so the same inputs under the same settings give the same keys on every run, and a changed
input or setting gives new ones.

A coded shard is one Parquet file, ``<key>.parquet``, one row per item in input order::

    seq INTEGER, kind VARCHAR ('document' | 'failure'), id VARCHAR, origin VARCHAR,
    content_hash VARCHAR, events INTEGER, record VARCHAR (the JSON of the item)

It is written to a temporary name and renamed into place, so a file under its final
name is always complete: a run that finds it skips the shard.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .._version import __version__
from ..datafiles import package_path
from ..errors import ConfigError, StoreError
from ..models import Document, Failure
from ..settings import Settings
from .codec import decode_document, decode_failure, encode_document, encode_failure

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
    files = sorted(p for p in package_path("").rglob("*") if p.is_file())
    for path in (*files, *(Path(p) for p in settings.actor_files)):
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


def encode_shard(items: Iterable[Item]) -> bytes:
    """The Parquet bytes of coded items (see the module docstring for the layout)."""
    rows: list[tuple[object, ...]] = []
    for seq, item in enumerate(items):
        if isinstance(item, Document):
            rows.append((seq, "document", item.id, item.origin, item.content_hash,
                         len(item.events), encode_document(item)))
        else:
            rows.append((seq, "failure", None, item.input, None, 0, encode_failure(item)))
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
        return path.read_bytes()


def decode_shard(path: Path) -> tuple[list[Document], list[Failure]]:
    """The documents and failures of a shard file; raises StoreError if it is unreadable."""
    con = duckdb.connect(config={"threads": 1})
    try:
        rows = con.execute("SELECT kind, record FROM read_parquet($1) ORDER BY seq",
                           [str(path)]).fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"{path}: not a readable shard ({exc})") from exc
    finally:
        con.close()
    documents: list[Document] = []
    failures: list[Failure] = []
    try:
        for kind, record in rows:
            if kind == "document":
                documents.append(decode_document(record))
            else:
                failures.append(decode_failure(record))
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path}: a record does not fit the data model ({exc})") from exc
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
