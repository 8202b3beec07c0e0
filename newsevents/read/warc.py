"""Web archives (WARC, as written by Common Crawl's CC-NEWS, wget and browsers' archivers).

Reads: a seekable binary stream of a ``.warc`` or ``.warc.gz`` file (warcio parses it).
Gives: one :class:`ArchivedPage` per HTML ``response`` (or ``resource``) record that
answered 200; other records (requests, metadata, redirects, images) are skipped.

A damaged archive loses only what is damaged: a record cut short is a failure, and when
a record cannot be parsed at all the reader searches forward for the next record (the
next gzip member, or the next ``WARC/1.x`` line) and goes on from there. So does it when
a record's Content-Length does not end where the next record starts (a length that lies,
however large): that record is a failure naming its offset, the records after it are
read.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from ..models import Failure
from .net import PIECE, size_text

log = logging.getLogger(__name__)

STAGE = "read"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCAN_CHUNK = 1 << 20
_PEEK = 4096  # bytes read to see whether a record starts at a position
_MAX_HEADER = 64 * 1024  # a WARC header (or one of its lines) longer than this is damage
# What warcio raises on a damaged record (it has no common base class for them).
_DAMAGE = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError,
           ValueError, IndexError, KeyError)


@dataclass(frozen=True)
class ArchivedPage:
    """One archived HTML page, its HTTP payload decoded."""

    uri: str
    offset: int  # of its record in the archive file
    media_type: str
    charset: str | None
    body: bytes


def read_warc(name: str, stream: BinaryIO, limit: int) -> Iterator[ArchivedPage | Failure]:
    """The HTML pages archived in ``stream``, and a Failure per damaged record.

    ``limit`` caps one record (and one gzip member) after decompression.
    """
    head = stream.read(2)
    stream.seek(0)
    frames = _gzip_frames(stream, limit) if head == b"\x1f\x8b" else _plain_frames(stream, 0,
                                                                                      limit)
    seen = False
    for frame in frames:
        if isinstance(frame, Failure):
            yield Failure(f"{name}{frame.input}", STAGE, frame.reason)
            continue
        seen = True
        offset, raw = frame
        yield from _page(name, offset, raw, limit)
    if not seen:
        yield Failure(name, STAGE, "no WARC record could be read; is this a WARC file?")


def _plain_frames(stream: BinaryIO, base: int, limit: int
                  ) -> Iterator[tuple[int, bytes] | Failure]:
    """Each uncompressed record's bytes, found by its WARC header's Content-Length.

    A Content-Length is trusted only when the next record (or the end of the archive)
    starts where it says the record ends: a length that lies would otherwise swallow
    the intact records after it, so the reader looks for the next ``WARC/1.x`` line
    instead and reports the record it could not delimit.
    """
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    while True:
        offset = stream.tell()
        line = stream.readline(_MAX_HEADER)
        while line in (b"\r\n", b"\n"):  # the blank lines between records
            offset = stream.tell()
            line = stream.readline(_MAX_HEADER)
        if not line:
            return
        at = base + offset
        header = _read_header(stream, line)
        length = _content_length(header) if header is not None else None
        if header is None and not stream.read(1):
            yield Failure(f"@{at}", STAGE, f"WARC record at byte {at} is truncated (the "
                                           f"archive ends inside its header)")
            return
        if header is None or length is None:
            yield Failure(f"@{at}", STAGE, f"corrupt WARC record at byte {at}; skipped "
                                           f"to the next")
            if not _resync(stream, offset + 1):
                return
            continue
        resume = yield from _delimited(stream, base, at, header, length, size, limit)
        if resume is None:
            return
        stream.seek(resume)


def _delimited(stream: BinaryIO, base: int, at: int, header: bytes, length: int,
               size: int, limit: int
               ) -> Generator[tuple[int, bytes] | Failure, None, int | None]:
    """The record at byte ``at`` whose header was just read (or a Failure); returns where
    in ``stream`` (which starts at byte ``base`` of the archive) the next one starts, None
    when nothing more can be read."""
    start = stream.tell()
    end = start + length
    if end <= size and _record_starts(stream, end):
        yield from _block(stream, at, header, start, length, limit)
        return end
    found = _next_record(stream, start)
    if found is not None and (found < end or end > size):
        yield Failure(f"@{at}", STAGE, _lying_length(at, length, found - start, base + found))
        return found
    if end > size:
        yield Failure(f"@{at}", STAGE, _past_the_end(at, length, limit))
        return None
    # Bytes that are not a record follow it: keep the record; the next read reports them.
    yield from _block(stream, at, header, start, length, limit)
    return end


def _block(stream: BinaryIO, at: int, header: bytes, start: int, length: int, limit: int
           ) -> Iterator[tuple[int, bytes] | Failure]:
    if length > limit:
        yield Failure(f"@{at}", STAGE, f"WARC record of {size_text(length)} is over the "
                                       f"{size_text(limit)} cap; skipped")
        return
    stream.seek(start)
    yield at, header + stream.read(length)


def _lying_length(at: int, claimed: int, actual: int, resumed: int) -> str:
    """The failure reason for a record whose Content-Length does not match the archive."""
    return (f"WARC record at byte {at} has a wrong Content-Length (it claims "
            f"{_bytes(claimed)}, but the next record starts {actual:,} bytes after its "
            f"header); the record was skipped and reading resumed at byte {resumed}")


def _past_the_end(at: int, claimed: int, limit: int) -> str:
    """The failure reason for a last record whose Content-Length runs past the archive."""
    if claimed > limit:  # a length that big is a lie, not a download cut short
        return (f"WARC record at byte {at} claims a Content-Length of {_bytes(claimed)}, "
                f"over the {size_text(limit)} cap and past the end of the archive; skipped")
    return f"WARC record at byte {at} is truncated (the archive ends inside it)"


def _bytes(n: int) -> str:
    # 99999999999999999999 printed with thousands separators reads worse than plain.
    return f"{n:,} bytes" if n < 2**40 else f"{n} bytes"


def _record_starts(stream: BinaryIO, position: int) -> bool:
    """True when a WARC record, or the end of the archive, follows ``position`` (after
    the blank lines that end a record)."""
    stream.seek(position)
    chunk = stream.read(_PEEK)
    rest = chunk.lstrip(b"\r\n")
    return rest.startswith(b"WARC/") if rest else len(chunk) < _PEEK


def _resync(stream: BinaryIO, start: int) -> bool:
    """Move to the next record header after ``start``; False when there is none."""
    found = _next_record(stream, start)
    if found is None:
        return False
    stream.seek(found)
    return True


def _read_header(stream: BinaryIO, first: bytes) -> bytes | None:
    if not first.startswith(b"WARC/"):
        return None
    lines = [first]
    size = len(first)
    while size <= _MAX_HEADER:
        line = stream.readline(_MAX_HEADER)
        if not line:
            return None
        lines.append(line)
        size += len(line)
        if line in (b"\r\n", b"\n"):
            return b"".join(lines)
    return None


def _content_length(header: bytes) -> int | None:
    for line in header.split(b"\n"):
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-length":
            value = value.strip()
            return int(value) if value.isdigit() else None
    return None


def _gzip_frames(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes] | Failure]:
    """Records of a ``.warc.gz``: each gzip member (normally one record) decompressed on
    its own, so that a damaged member costs only its own record."""
    offset = 0
    while True:
        stream.seek(offset)
        if not stream.read(1):
            return
        stream.seek(offset)
        member, end, problem = _gunzip_member(stream, limit)
        if problem is None:
            yield from _plain_frames(io.BytesIO(member), offset, limit)
            offset = end
            continue
        yield Failure(f"@{offset}", STAGE, f"WARC record at byte {offset}: {problem}")
        found = _next_member(stream, offset + 1)
        if found is None:
            return
        offset = found


def _gunzip_member(stream: BinaryIO, limit: int) -> tuple[bytes, int, str | None]:
    """One gzip member from the stream's position: its bytes, the offset after it, and
    what went wrong (None if nothing)."""
    start = stream.tell()
    inflater = zlib.decompressobj(31)
    out = bytearray()
    fed = 0
    while not inflater.eof:
        chunk = inflater.unconsumed_tail
        if not chunk:
            chunk = stream.read(_SCAN_CHUNK)
            fed += len(chunk)
        try:
            piece = inflater.decompress(chunk, PIECE)
        except zlib.error:
            return b"", 0, "corrupt compressed data; skipped to the next record"
        if not chunk and not piece and not inflater.eof:
            return b"", 0, "truncated (the archive ends inside it)"
        out += piece
        if len(out) > limit:
            return b"", 0, f"over the {size_text(limit)} cap once decompressed; skipped"
    return bytes(out), start + fed - len(inflater.unused_data), None


def _next_member(stream: BinaryIO, start: int) -> int | None:
    return _find(stream, start, b"\x1f\x8b\x08", 0)


def _next_record(stream: BinaryIO, start: int) -> int | None:
    return _find(stream, start, b"\nWARC/1.", 1)


def _find(stream: BinaryIO, start: int, marker: bytes, skip: int) -> int | None:
    """The offset of the next ``marker`` from ``start`` (plus ``skip``), or None."""
    stream.seek(start)
    base = start
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = tail + chunk
        found = window.find(marker)
        if found >= 0:
            return base - len(tail) + found + skip
        tail = window[-(len(marker) - 1):]
        base += len(chunk)
    return None


def _page(name: str, offset: int, raw: bytes, limit: int
          ) -> Iterator[ArchivedPage | Failure]:
    """The page in one record, if it is an archived HTML page that answered 2xx."""
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(raw + b"\r\n\r\n"))), None)
        if record is None or record.rec_type not in ("response", "resource"):
            return
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        if record.rec_type == "response":
            http = record.http_headers
            if http is None or not http.get_statuscode().startswith("2"):
                return
            content_type = http.get_header("Content-Type") or ""
        else:
            content_type = record.rec_headers.get_header("Content-Type") or ""
        media_type, _, params = content_type.partition(";")
        if media_type.strip().lower() not in HTML_TYPES:
            return
        body = record.content_stream().read(limit + 1)
    except _DAMAGE as exc:
        yield Failure(f"{name}@{offset}", STAGE, f"corrupt WARC record at byte {offset} "
                                                 f"({_reason(exc)})")
        return
    where = f"{name}#{uri}" if uri else f"{name}@{offset}"
    if len(body) > limit:
        yield Failure(where, STAGE, f"archived page larger than {size_text(limit)} "
                                    f"once decoded; skipped")
        return
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    yield ArchivedPage(uri=uri, offset=offset, media_type=media_type.strip().lower(),
                       charset=charset, body=body)


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."
