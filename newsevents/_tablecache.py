"""Built tables kept on disk between runs.

The knowledge base and the gazetteer take about a second to build from their CSV and JSON
sources, at the start of every run, before any worker can start; a pickle of each loads in
a fifth of that. A pickle is named by a digest of everything it was built from (the source
files' bytes, the code that builds it, the package and Python versions), so an edited
table or a new release is never read from an old pickle.

The pickles live in ``$NEWSEVENTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsevents``, else
``~/.cache/newsevents``: the user's own directory, as trusted as the installed package.
``NEWSEVENTS_CACHE_DIR=off`` builds every table anew. A cache that cannot be read or
written is passed over: the table is built as if there were none.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar, cast

from ._version import __version__

log = logging.getLogger(__name__)

ENV = "NEWSEVENTS_CACHE_DIR"
_KEEP = 4  # pickles kept of each table
_T = TypeVar("_T")


def cache_dir() -> Path | None:
    """Where built tables are kept, or None when caching is off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory to be found: no cache
            return None
    return Path(base) / "newsevents"


def cached(name: str, sources: Iterable[str | Path], build: Callable[[], _T]) -> _T:
    """``build()``, or the pickle of an earlier ``build()`` from the same ``sources`` (the
    files it reads, and the modules whose code builds it)."""
    directory = cache_dir()
    if directory is None:
        return build()
    try:
        key = _digest(name, sources)
    except OSError as exc:  # a source that cannot be read: let build() say so
        log.debug("table %s: not cached (%s)", name, exc)
        return build()
    path = directory / f"{name}-{key}.pickle"
    found = _load(path)
    if found is not None:
        with suppress(OSError):
            os.utime(path)  # used now: kept before those used longer ago
        return cast(_T, found)
    value = build()
    _save(directory, name, path, value)
    return value


def _digest(name: str, sources: Iterable[str | Path]) -> str:
    digest = hashlib.sha256(f"{name}\0{__version__}\0{sys.version}".encode())
    for source in sources:
        digest.update(str(source).encode() + b"\0")
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:24]


def _used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic collector paused: building or unpickling a table makes hundreds of
    thousands of small objects, and the collector scanning them again and again as they
    come takes most of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(path: Path) -> object | None:
    try:
        with no_gc(), path.open("rb") as handle:
            found: object = pickle.load(handle)
            return found
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign file: built anew and replaced
        log.debug("table cache %s unreadable (%s)", path, exc)
        return None


def _save(directory: Path, name: str, path: Path, value: object) -> None:
    temporary: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=f".{name}-", delete=False
                                         ) as handle:
            temporary = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # whole or not at all, whoever reads it meanwhile
        temporary = None
        # Beside this one, the few used last (other checkouts, other actor files); older
        # ones were built from sources since changed.
        kept = sorted(directory.glob(f"{name}-*.pickle"), key=_used, reverse=True)
        for old in kept[_KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:
        log.debug("table %s not cached in %s (%s)", name, directory, exc)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
