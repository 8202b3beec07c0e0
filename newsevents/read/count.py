"""How many items a batch of inputs will yield, when that can be told cheaply.

A progress bar with a total shows a percentage and an ETA; this gives the total. An item is
what :func:`newsevents.read.read_inputs` yields: a document or a failure. A text or HTML
file, or a URL, is one item; a JSON-lines file one per non-blank line. A WARC archive, a
feed, a JSON list, stdin or a compressed file over :data:`MAX_GZIP_BYTES` would have to be
read to be counted: then the count is unknown (None), and the bar counts up. Counting stops
at a time budget too, so a folder of a million files does not hold the batch up.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..settings import Settings
from . import files
from .feeds import looks_like_feed

# Compressed JSON lines are decompressed to be counted only up to this size on disk.
MAX_GZIP_BYTES = 64 * 2**20
_HEAD = 2048
_CHUNK = 2**20


class _Unknown(Exception):
    """An input that cannot be counted cheaply, or the time budget is spent."""


def count_items(inputs: Iterable[str], settings: Settings | None = None,
                budget: float = 2.0) -> int | None:
    """The number of items ``inputs`` (then ``settings.url_files``) will yield, or None
    when some input cannot be counted without reading it, or counting takes longer than
    ``budget`` seconds. A bad input (missing, unreadable) counts as its one failure."""
    settings = settings or Settings()
    deadline = time.monotonic() + budget
    try:
        total = sum(_count_item(str(item), deadline) for item in inputs)
        return total + sum(_count_url_file(name) for name in settings.url_files)
    except _Unknown:
        return None


def _count_item(name: str, deadline: float) -> int:
    if time.monotonic() > deadline or name == "-":
        raise _Unknown
    if name.startswith(("http://", "https://")):
        return 1  # a page; a feed behind the URL makes the count short (the bar copes)
    path = Path(name)
    try:
        if path.is_dir():
            return sum(_count_file(Path(p), deadline) for p in _files(name)) or 1
        if not path.exists() and set("*?[") & set(name):
            matches = sorted(glob.glob(name, recursive=True))
            return sum(_count_item(m, deadline) for m in matches) or 1
    except OSError:
        return 1
    return _count_file(path, deadline)


def _count_file(path: Path, deadline: float) -> int:
    if time.monotonic() > deadline:
        raise _Unknown
    try:
        if not path.is_file():
            return 1  # a failure: no such file
        gz = files.is_gzip(path)
        with files.open_file(path, gz) as stream:
            head = stream.read(_HEAD)
    except OSError:
        return 1  # a failure: unreadable
    ext = files.extension(path)
    if not head.strip():
        return 1  # a failure: empty
    if head.startswith(b"WARC/") or ext in (".warc", *files.FEED_EXTENSIONS, ".json"):
        raise _Unknown
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if ext in (".jsonl", ".ndjson") or (ext not in files.TEXT_EXTENSIONS
                                        and text.startswith("{")):
        return _count_lines(path, gz, deadline)
    if text.startswith("[") or (text.startswith("<") and looks_like_feed(text)):
        raise _Unknown
    return 1


def _count_lines(path: Path, gz: bool, deadline: float) -> int:
    """Non-blank lines (the reader skips blank lines of a JSON-lines file)."""
    if gz and path.stat().st_size > MAX_GZIP_BYTES:
        raise _Unknown
    count = 0
    blank = True  # the line being read is blank so far
    with files.open_file(path, gz) as stream:
        while chunk := stream.read(_CHUNK):
            if time.monotonic() > deadline:
                raise _Unknown
            parts = chunk.split(b"\n")
            for part in parts[:-1]:  # each of these ends a line
                if not blank or part.strip():
                    count += 1
                blank = True
            blank = blank and not parts[-1].strip()
    return count + (0 if blank else 1)


def _count_url_file(name: str) -> int:
    try:
        text = Path(name).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    return sum(1 for line in text.splitlines() if line.strip()
               and not line.strip().startswith("#")) or 0


def _files(folder: str) -> Iterator[str]:
    """The files the reader walks: hidden files and folders skipped."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(names):
            if not file_name.startswith("."):
                yield os.path.join(root, file_name)
