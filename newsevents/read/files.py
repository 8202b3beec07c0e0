"""Bytes from files and stdin, capped, and what kind of input they are.

Gzip is recognised by its magic bytes as well as by ``.gz``, and read through a
streaming decompressor with a cap on the *decompressed* size, so a gzip bomb stops at
the cap. Kinds: ``warc``, ``feed``, ``html``, ``json``, ``jsonl`` and ``text``;
binary data (images, PDFs, random bytes) is refused here.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..extract import decode_bytes, utf16_without_bom
from .feeds import looks_like_feed
from .net import size_text

HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
FEED_EXTENSIONS = (".rss", ".atom")
TEXT_EXTENSIONS = (".txt", ".text")
# Blank lines in a row past which a file of lines is refused: no JSON-lines dump or list
# of URLs pads its records that far apart.
MAX_BLANK_RUN = 10_000
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<?xml")
# Control characters other than tab, newlines and form feed: rare in any text.
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})


@dataclass(frozen=True)
class Blob:
    """Bytes read from one place, with what is known about them."""

    name: str  # the origin: a path, a URL, "archive.warc.gz#URL", "-"
    doc_id: str
    data: bytes
    ext: str = ""  # file extension (without .gz), when it came from a file
    media_type: str = ""  # the HTTP Content-Type, when it came over HTTP or from a WARC
    charset: str | None = None
    url: str | None = None
    published: date | None = None  # a date the source gave (a feed entry's)
    title: str | None = None


def extension(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem or name


def is_gzip(path: Path) -> bool:
    if path.name.lower().endswith(".gz"):
        return True
    with path.open("rb") as stream:
        return stream.read(2) == GZIP_MAGIC


def open_file(path: Path, gz: bool) -> BinaryIO:
    """The file's bytes, decompressed on the fly when ``gz``."""
    if gz:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_head(name: str, path: Path, gz: bool) -> bytes:
    """The first 64 KiB of the (decompressed) file, for sniffing. A gzip file cut short
    still has a head: what is damaged is reported when the file itself is read."""
    with guarded(name):
        with path.open("rb") as stream:
            raw = stream.read(HEAD_BYTES)
    if not gz:
        return raw
    try:
        return zlib.decompressobj(31).decompress(raw, HEAD_BYTES)
    except zlib.error as exc:
        raise InputError(name, "not a valid gzip file") from exc


def read_capped(name: str, path: Path, gz: bool, limit: int) -> bytes:
    """The whole (decompressed) file; InputError past ``limit`` bytes."""
    with guarded(name):
        with open_file(path, gz) as stream:
            data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(name, f"larger than {size_text(limit)}"
                               f"{' once decompressed' if gz else ''}; refused (split it, or "
                               f"raise the cap)")
    return data


def read_lines(name: str, path: Path, gz: bool, limit: int, max_lines: int
               ) -> Iterator[tuple[int, bytes]]:
    """Numbered lines, read lazily: a file may be any size, one line at most ``limit``
    bytes, the file at most ``max_lines`` lines (see :func:`lines_of`)."""
    with guarded(name):
        with open_file(path, gz) as stream:
            yield from _lines(name, stream, limit, max_lines)


def _lines(name: str, stream: BinaryIO, limit: int, max_lines: int
           ) -> Iterator[tuple[int, bytes]]:
    lineno = 0
    blank_run = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            raise InputError(f"{name}:{lineno}", f"line longer than {size_text(limit)}; "
                                                 f"is this really JSON lines?")
        if lineno > max_lines:
            raise InputError(f"{name}:{lineno}", f"more than {max_lines:,} lines; the rest "
                                                 f"of the file is refused (split it, or "
                                                 f"raise the max_lines setting)")
        blank_run = 0 if line.strip() else blank_run + 1
        if blank_run > MAX_BLANK_RUN:
            raise InputError(f"{name}:{lineno}", f"more than {MAX_BLANK_RUN:,} blank lines "
                                                 f"in a row; the rest of the file is "
                                                 f"refused (padding, or a newline bomb)")
        yield lineno, line


def lines_of(name: str, data: bytes, limit: int, max_lines: int
             ) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of bytes already read.

    Lines cost time however little they hold, so a file's lines are capped like its
    bytes: past ``max_lines`` lines, or past :data:`MAX_BLANK_RUN` blank lines in a row
    (128 MB of newlines gzip to 130 KB), InputError names the line; the lines before it
    have been given.
    """
    yield from _lines(name, io.BytesIO(data), limit, max_lines)


def gunzip_capped(name: str, data: bytes, limit: int) -> bytes:
    """Decompress gzip bytes (e.g. from stdin), refusing past ``limit``."""
    with guarded(name):
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    if len(out) > limit:
        raise InputError(name, f"larger than {size_text(limit)} once decompressed; refused")
    return out


@contextmanager
def guarded(name: str) -> Iterator[None]:
    """Turn the errors of reading a file (or gzip stream) into InputError naming it."""
    try:
        yield
    except gzip.BadGzipFile as exc:
        raise InputError(name, "not a valid gzip file") from exc
    except (EOFError, zlib.error) as exc:
        raise InputError(name, "truncated or corrupt gzip data") from exc
    except OSError as exc:
        raise InputError(name, os_reason(exc)) from exc


def os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"cannot read the file: {reason[:1].lower()}{reason[1:]}"


# --------------------------------------------------------------------------- kinds


def sniff(name: str, head: bytes, ext: str = "", media_type: str = "") -> str:
    """The kind of input ``head`` starts: warc, feed, html, json, jsonl or text.

    The HTTP media type or the extension decides where it is specific; the content
    decides otherwise (a page saved as ``.txt`` is still a page). Raises InputError for
    empty and binary input.
    """
    if head.startswith(b"WARC/") or ext == ".warc" or media_type == "application/warc":
        return "warc"
    if not head.strip() and len(head) < HEAD_BYTES:
        raise InputError(name, "empty file")
    binary = binary_reason(head)
    if binary:
        raise InputError(name, binary)
    text = decode_bytes(head[:8192]).lstrip("\ufeff \t\r\n")
    lowered = text[:512].lower()
    if media_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml") \
            or ext in FEED_EXTENSIONS or (lowered.startswith("<") and looks_like_feed(text)):
        return "feed"
    if media_type in ("text/html", "application/xhtml+xml") or ext in HTML_EXTENSIONS \
            or (lowered.startswith(_HTML_STARTS) and "<html" in lowered) \
            or lowered.startswith(("<!doctype html", "<html")):
        return "html"
    if ext in (".jsonl", ".ndjson") or media_type in ("application/x-ndjson",
                                                      "application/jsonl"):
        return "jsonl"
    if ext == ".json" or media_type == "application/json":
        return "json"
    if ext not in TEXT_EXTENSIONS and text[:1] in ("{", "["):
        return "jsonl" if _first_line_is_object(text) else "json"
    return "text"


def _first_line_is_object(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def binary_reason(head: bytes) -> str | None:
    """Why ``head`` is not text (None when it is). A few stray NUL bytes in text are
    tolerated (they are dropped later); UTF-16 without a byte-order mark is text."""
    sample = head[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or utf16_without_bom(sample):
        return None
    controls = sum(sample.count(c) for c in _CONTROL)
    if sample.count(0) > len(sample) // 100 or controls > len(sample) // 20:
        return "binary file, not text"
    return None
