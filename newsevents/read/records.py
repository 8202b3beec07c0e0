"""Documents from what was read: clean text with its metadata, and JSON records (our own
fields or news-please's: ``maintext``, ``date_publish``, ``source_domain``, ``authors``,
``dId``)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from ..errors import InputError
from ..extract import clean_text, decode_bytes, parse_date
from ..models import Document, Failure
from ..settings import Settings
from .files import lines_of

log = logging.getLogger(__name__)

STAGE = "read"
MIN_ARTICLE_CHARS = 20
# spaCy refuses longer texts (its max_length); no news article comes near it.
MAX_TEXT_CHARS = 1_000_000
# Lines in a row that are not JSON past which a file is refused: a file of a million
# one-byte lines gzips to a few KB and would otherwise be a million failure records.
MAX_BAD_RUN = 1000


def make_document(doc_id: str, text: str, origin: str, settings: Settings, *,
                  cleaned: bool = False, published: date | None = None,
                  title: str | None = None, url: str | None = None,
                  source: str | None = None, author: str | None = None,
                  language: str | None = None) -> Document:
    """Check the text is an article and build the Document; raises InputError."""
    if len(text) > 2 * MAX_TEXT_CHARS:  # too long even before cleaning: don't clean it
        raise InputError(origin, _too_long(len(text)))
    if not cleaned:
        text = clean_text(text)
    if not text:
        raise InputError(origin, "no article text")
    if len(text) < MIN_ARTICLE_CHARS:  # clean_text already dropped letterless lines
        raise InputError(origin, f"not an article (only {len(text)} characters of text)")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(origin, _too_long(len(text)))
    return Document(id=doc_id, text=text, origin=origin, title=title, url=url,
                    date=published or settings.default_date, source=source, author=author,
                    language=language)


def _too_long(chars: int) -> str:
    return (f"text of {chars:,} characters is over the {MAX_TEXT_CHARS:,}-character limit "
            f"for one article; split it into articles")


def json_records(name: str, stem: str, data: bytes, settings: Settings
                 ) -> Iterator[Document | Failure]:
    """A JSON file: one object, a list of objects, or JSON lines."""
    text = decode_bytes(data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        if "\n" not in text.strip():
            raise InputError(name, "invalid JSON; expected an object, a list or JSON lines"
                             ) from None
        # Read as lines under the same caps as a .jsonl file (a list of 50 MB of empty
        # lines would be a bomb of its own).
        numbered = lines_of(name, text.encode("utf-8"), settings.max_bytes, settings.max_lines)
        yield from json_lines(name, stem, numbered, settings)
        return
    if isinstance(value, list):
        for n, record in enumerate(value, start=1):
            yield record_document(record, f"{name}:{n}", f"{stem}:{n}", settings)
    else:
        yield record_document(value, name, stem, settings)


def json_lines(name: str, stem: str, lines: Iterable[tuple[int, bytes]], settings: Settings
               ) -> Iterator[Document | Failure]:
    """JSON Lines, one record a line; a broken line is a failure naming it. Past
    :data:`MAX_BAD_RUN` broken lines in a row the file is not JSON lines: InputError."""
    seen = False
    bad_run = 0
    for lineno, raw in lines:
        text = decode_bytes(raw).strip()
        if not text:
            continue
        seen = True
        origin = f"{name}:{lineno}"
        record, broken = _parse_line(text)
        if broken is None:
            bad_run = 0
            yield record_document(record, origin, f"{stem}:{lineno}", settings)
            continue
        bad_run += 1
        if bad_run > MAX_BAD_RUN:
            raise InputError(origin, f"more than {MAX_BAD_RUN:,} lines in a row are not "
                                     f"JSON; the rest of the file is refused (is this "
                                     f"really JSON lines?)")
        yield Failure(origin, STAGE, broken)
    if not seen:
        raise InputError(name, "empty file")


def _parse_line(text: str) -> tuple[Any, str | None]:
    """The JSON value of a line, or None and why it is not JSON."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON at column {exc.colno}: {exc.msg[:1].lower()}{exc.msg[1:]}"
    except RecursionError:  # [[[[...]]]] thousands deep
        return None, "invalid JSON: nested too deeply"


def record_document(record: Any, origin: str, fallback_id: str, settings: Settings
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
        return make_document(_field(record, "id", "dId") or url or fallback_id, text, origin,
                             settings, title=_field(record, "title"), url=url,
                             published=published,
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
