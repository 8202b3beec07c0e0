"""Read user inputs (files) into :class:`~newsevents.models.Document` objects.

Reads: paths to scraped text (``.txt`` or any other text), HTML pages (``.html``,
``.htm`` or content that starts like a page), JSON Lines (``.jsonl``/``.ndjson``, one
record per line, news-please fields accepted) and JSON (``.json``: one object, a list
of objects, or JSON lines); each may be gzip-compressed (``.gz``).
Fills: Document ``id``, ``text`` (clean, via :mod:`newsevents.extract`), ``origin``
and, when the input carries them, ``title``, ``url``, ``date``, ``source``, ``author``,
``language``. ``date`` falls back to ``Settings.default_date``.

Bad inputs become :class:`~newsevents.models.Failure` records (stage ``read``) and the
batch goes on; :func:`read_input` raises :class:`~newsevents.errors.InputError` instead.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..extract import clean_text, decode_bytes, extract_html, parse_date
from ..models import Document, Failure
from ..settings import Settings

log = logging.getLogger(__name__)

STAGE = "read"
MAX_BYTES = 50 * 1024 * 1024  # per file, after decompression: guards against gzip bombs
MIN_ARTICLE_CHARS = 20
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml")
_URL_STARTS = ("http://", "https://")


def read_inputs(inputs: Iterable[str], settings: Settings | None = None
                ) -> Iterator[Document | Failure]:
    """Yield a Document per article in ``inputs`` and a Failure per bad input.

    Never raises for a user error (missing file, directory, empty or binary file,
    invalid JSON line, record without text, page without an article): the failure
    is yielded and the next input is read.
    """
    settings = settings or Settings()
    for item in inputs:
        name = str(item)
        try:
            yield from _read_one(name, settings)
        except InputError as exc:
            yield Failure(exc.source, STAGE, exc.reason)


def read_input(path: str | Path, settings: Settings | None = None) -> list[Document]:
    """The Documents in one input; raises InputError on the first failure."""
    documents = []
    for result in read_inputs([str(path)], settings):
        if isinstance(result, Failure):
            raise InputError(result.input, result.reason)
        documents.append(result)
    return documents


def _read_one(name: str, settings: Settings) -> Iterator[Document | Failure]:
    if name.startswith(_URL_STARTS):
        raise InputError(name, "URLs are not fetched here; save the page and pass the file")
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError(name, "is a directory; pass the files in it")
        if not path.exists():
            raise InputError(name, "no such file")
    except OSError as exc:  # a name too long, a path through a file, ...
        raise InputError(name, _os_reason(exc)) from exc
    ext = _extension(path)
    if ext in (".jsonl", ".ndjson"):
        yield from _json_lines(name, _lines(name, path), settings)
        return
    data = _read_bytes(name, path)
    if not data.strip():
        raise InputError(name, "empty file")
    if _is_binary(data):
        raise InputError(name, "binary file, not text")
    head = data[:4096].lstrip().lower()
    if ext in (".html", ".htm", ".xhtml") or (head.startswith(_HTML_STARTS)
                                               and b"<html" in head):
        yield _html_document(name, path, data, settings)
    elif ext == ".json" or (ext not in (".txt", ".text") and head[:1] in (b"{", b"[")):
        yield from _json_file(name, data, settings)
    else:
        yield _document(_stem(path), decode_bytes(data), name, settings)


# --------------------------------------------------------------------------- files


def _extension(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def _stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem


def _open(path: Path) -> io.BufferedIOBase:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _read_bytes(name: str, path: Path) -> bytes:
    try:
        with _open(path) as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:  # includes gzip.BadGzipFile and permission errors
        raise InputError(name, _os_reason(exc)) from exc
    except (EOFError, zlib.error) as exc:
        raise InputError(name, "truncated or corrupt gzip file") from exc
    if len(data) > MAX_BYTES:
        raise InputError(name, f"larger than {MAX_BYTES // 2**20} MB; split it into smaller files")
    return data


def _lines(name: str, path: Path) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of a file, read lazily, stopping at MAX_BYTES in all."""
    total = 0
    lineno = 0
    try:
        with _open(path) as stream:
            while line := stream.readline(MAX_BYTES + 1 - total):
                total += len(line)
                lineno += 1
                if total > MAX_BYTES:
                    raise InputError(f"{name}:{lineno}",
                                     f"file exceeds {MAX_BYTES // 2**20} MB; split it")
                yield lineno, line
    except OSError as exc:
        raise InputError(name, _os_reason(exc)) from exc
    except (EOFError, zlib.error) as exc:
        raise InputError(name, "truncated or corrupt gzip file") from exc


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, gzip.BadGzipFile):
        return "not a valid gzip file"
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"cannot read the file: {reason[:1].lower()}{reason[1:]}"


def _is_binary(data: bytes) -> bool:
    # NUL bytes mean a PDF, image or archive, unless the text is UTF-16/32 with a BOM.
    head = data[:8192]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


# --------------------------------------------------------------------------- kinds


def _html_document(name: str, path: Path, data: bytes, settings: Settings) -> Document:
    found = extract_html(data, name)  # ExtractionError is an InputError
    return _document(_stem(path), found["text"], name, settings, cleaned=True,
                     title=found["title"], url=found["url"], published=found["date"],
                     source=found["source"], author=found["author"],
                     language=found["language"])


def _json_file(name: str, data: bytes, settings: Settings) -> Iterator[Document | Failure]:
    text = decode_bytes(data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        if len(text.strip().splitlines()) < 2:
            raise InputError(name, "invalid JSON; expected an object, a list or JSON lines"
                             ) from None
        numbered = ((n, line.encode("utf-8")) for n, line in
                    enumerate(text.splitlines(), start=1))
        yield from _json_lines(name, numbered, settings)
        return
    stem = _stem(Path(name))
    if isinstance(value, list):
        for n, record in enumerate(value, start=1):
            yield _record_document(record, f"{name}:{n}", f"{stem}:{n}", settings)
    else:
        yield _record_document(value, name, stem, settings)


def _json_lines(name: str, lines: Iterable[tuple[int, bytes]], settings: Settings
                ) -> Iterator[Document | Failure]:
    stem = _stem(Path(name))
    seen = False
    for lineno, raw in lines:
        text = decode_bytes(raw).strip()
        if not text:
            continue
        seen = True
        origin = f"{name}:{lineno}"
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Failure(origin, STAGE, f"invalid JSON: {exc.msg[:1].lower()}{exc.msg[1:]} "
                                         f"at column {exc.colno}")
            continue
        yield _record_document(record, origin, f"{stem}:{lineno}", settings)
    if not seen:
        raise InputError(name, "empty file")


def _record_document(record: Any, origin: str, fallback_id: str, settings: Settings
                     ) -> Document | Failure:
    """A Document from one JSON record (own fields or news-please's)."""
    if not isinstance(record, dict):
        return Failure(origin, STAGE, "record is not a JSON object")
    text = _field(record, "text", "maintext")
    if not text:
        return Failure(origin, STAGE, "record has no text (expected a 'text' or 'maintext' field)")
    url = _field(record, "url")
    authors = record.get("authors")
    author = _field(record, "author") or (
        ", ".join(a for a in authors if isinstance(a, str)) if isinstance(authors, list)
        else None)
    raw_date = record.get("date") or record.get("date_publish")
    published = parse_date(raw_date)
    if raw_date and published is None:
        log.warning("%s: unreadable date %r; using the default date", origin, raw_date)
    try:
        return _document(_field(record, "id", "dId") or url or fallback_id, text, origin,
                         settings, title=_field(record, "title"), url=url, published=published,
                         source=_field(record, "source_domain", "source"),
                         author=author or None, language=_field(record, "language"))
    except InputError as exc:
        return Failure(exc.source, STAGE, exc.reason)


def _field(record: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` holding a non-empty string (or number, for ids)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _document(doc_id: str, text: str, origin: str, settings: Settings, *,
              cleaned: bool = False, published: date | None = None, title: str | None = None,
              url: str | None = None, source: str | None = None, author: str | None = None,
              language: str | None = None) -> Document:
    """Check the text is an article and build the Document; raises InputError."""
    if not cleaned:
        text = clean_text(text)
    if not text:
        raise InputError(origin, "no article text")
    if len(text) < MIN_ARTICLE_CHARS:  # clean_text already dropped letterless lines
        raise InputError(origin, f"not an article (only {len(text)} characters of text)")
    return Document(id=doc_id, text=text, origin=origin, title=title, url=url,
                    date=published or settings.default_date, source=source, author=author,
                    language=language)
