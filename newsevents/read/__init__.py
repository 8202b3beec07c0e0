"""Read user inputs into :class:`~newsevents.models.Document` objects.

Reads: files and folders (recursively; hidden files skipped), glob patterns, ``-`` for
stdin, ``http(s)://`` URLs and files of URLs (``Settings.url_files``). Each input may be
scraped text, an HTML page (any encoding), JSON or JSON Lines (news-please fields
accepted), a WARC archive (its HTML responses) or an RSS/Atom feed (the articles it
links to are fetched), gzip-compressed or not.
Fills: Document ``id``, ``text`` (clean, via :mod:`newsevents.extract`), ``origin``
and, when the input carries them, ``title``, ``url``, ``date``, ``source``, ``author``,
``language``. ``date`` falls back to ``Settings.default_date``.

Every bad input becomes a :class:`~newsevents.models.Failure` (stage ``read``,
``fetch`` or ``extract``) and the batch goes on; :func:`read_input` raises
:class:`~newsevents.errors.InputError` instead. Inputs are read lazily, one at a time,
and every read is capped, so memory stays bounded whatever the batch holds.
"""

from __future__ import annotations

import glob
import io
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from datetime import date as _date
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from ..errors import ConfigError, ExtractionError, FetchError, InputError
from ..extract import decode_bytes, extract_html
from ..models import Document, Failure
from ..progress import Progress
from ..settings import Settings
from . import files
from .count import count_items
from .feeds import FeedItem, read_feed
from .fetch import Fetcher, Page
from .files import Blob
from .net import size_text
from .records import json_lines, json_records, make_document
from .warc import read_warc

__all__ = ["count_items", "extract_documents", "read_inputs", "read_input", "Reader", "STAGE"]

log = logging.getLogger(__name__)

STAGE = "read"
STDIN = "-"
FEED_TEXT_MIN_CHARS = 400  # a feed entry's own text this long stands in for its article
_URL_STARTS = ("http://", "https://")
_GLOB_CHARS = frozenset("*?[")


def read_inputs(inputs: Iterable[str], settings: Settings | None = None
                ) -> Iterator[Document | Failure]:
    """Yield a Document per article in ``inputs`` (then in ``settings.url_files``) and a
    Failure per bad input. Never raises for a bad input: the failure is yielded and the
    next input is read."""
    settings = settings or Settings()
    with Reader(settings) as reader:
        yield from reader.read_all(inputs)


def extract_documents(inputs: Iterable[str], date: date | str | None = None,
                      settings: Settings | None = None) -> Iterator[Document | Failure]:
    """Read ``inputs`` into Documents (clean text and metadata), coding nothing: what
    ``newsevents extract`` prints. ``date`` is the publication date for inputs that
    carry none. (Not called ``extract``: that is the module that cleans one page,
    :mod:`newsevents.extract`.)"""
    settings = settings or Settings.load()
    if isinstance(date, str):
        try:
            date = _date.fromisoformat(date)
        except ValueError:
            raise ConfigError(f"--date must be YYYY-MM-DD, not {date!r}") from None
    if date is not None:
        settings = replace(settings, default_date=date)
    inputs = list(inputs)
    total = count_items(inputs, settings) if settings.progress else None
    with Progress(settings.progress, total) as bar:
        failed = 0
        for item in bar.reading(read_inputs(inputs, settings), then="reading"):
            failed += isinstance(item, Failure)
            bar.failed(failed)
            bar.advance()
            yield item


def read_input(path: str | Path, settings: Settings | None = None) -> list[Document]:
    """The Documents in one input; raises InputError on the first failure."""
    documents = []
    for result in read_inputs([str(path)], settings):
        if isinstance(result, Failure):
            cls = {"fetch": FetchError, "extract": ExtractionError}.get(result.stage,
                                                                        InputError)
            raise cls(result.input, result.reason)
        documents.append(result)
    return documents


def failure(exc: InputError) -> Failure:
    """The failure record for an input error, its stage named by the error's kind."""
    stage = ("fetch" if isinstance(exc, FetchError)
             else "extract" if isinstance(exc, ExtractionError) else STAGE)
    return Failure(exc.source, stage, exc.reason)


class Reader:
    """Reads one batch: holds the settings and, once a URL comes, the fetcher (whose
    robots.txt rules, per-host timing and connections the whole batch shares)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._fetcher: Fetcher | None = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def read_all(self, inputs: Iterable[str]) -> Iterator[Document | Failure]:
        for item in inputs:
            yield from self._guarded(str(item), self._read_item)
        for url_file in self.settings.url_files:
            yield from self._guarded(url_file, self._read_url_file)

    def _guarded(self, name: str, read: Callable[[str], Iterator[Document | Failure]]
                 ) -> Iterator[Document | Failure]:
        try:
            yield from read(name)
        except InputError as exc:
            yield failure(exc)

    # -- what an input names ----------------------------------------------------------

    def _read_item(self, name: str) -> Iterator[Document | Failure]:
        if name == STDIN:
            yield from self._read_stdin()
            return
        if _is_url(name):
            yield from self.read_url(_lower_scheme(name))
            return
        path = Path(name)
        try:
            exists = path.exists()
            is_dir = exists and path.is_dir()
        except OSError as exc:  # a name too long, a path through a file, ...
            raise InputError(name, files.os_reason(exc)) from exc
        if is_dir:
            yield from self._read_folder(name)
        elif not exists and _GLOB_CHARS & set(name):
            yield from self._read_pattern(name)
        else:
            yield from self.read_file(name)

    def _read_folder(self, name: str) -> Iterator[Document | Failure]:
        found = False
        for path in _walk(name):
            found = True
            yield from self._guarded(path, self.read_file)
        if not found:
            raise InputError(name, "folder holds no files")

    def _read_pattern(self, pattern: str) -> Iterator[Document | Failure]:
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            raise InputError(pattern, "no file matches this pattern")
        for match in matches:
            yield from self._guarded(match, self._read_item)

    def _read_url_file(self, name: str) -> Iterator[Document | Failure]:
        path = Path(name)
        if not path.is_file():
            raise InputError(name, "no such file of URLs")
        data = files.read_capped(name, path, files.is_gzip(path), self.settings.max_bytes)
        for lineno, raw in files.lines_of(name, data, self.settings.max_bytes,
                                          self.settings.max_lines):
            url = decode_bytes(raw).strip()
            if not url or url.startswith("#"):
                continue
            if not _is_url(url):
                yield Failure(f"{name}:{lineno}", STAGE, "not an http(s) URL")
                continue
            yield from self._guarded(_lower_scheme(url), self.read_url)

    # -- sources ------------------------------------------------------------------------

    def read_file(self, name: str) -> Iterator[Document | Failure]:
        """The documents in one file (any kind, gzip or not)."""
        path = Path(name)
        try:
            if path.is_dir():
                raise InputError(name, "is a directory; pass the files in it")
            if not path.exists():
                raise InputError(name, "no such file")
            gz = files.is_gzip(path)
        except OSError as exc:
            raise InputError(name, files.os_reason(exc)) from exc
        ext = files.extension(path)
        head = files.read_head(name, path, gz)
        kind = files.sniff(name, head, ext)
        stem = files.stem(path)
        limit = self.settings.max_bytes
        if kind == "jsonl":
            lines = files.read_lines(name, path, gz, limit, self.settings.max_lines)
            yield from json_lines(name, stem, lines, self.settings)
        elif kind == "warc":
            with files.guarded(name), path.open("rb") as stream:
                yield from self._read_warc(name, stream)  # it reads gzip members itself
        else:
            data = files.read_capped(name, path, gz, limit)
            yield from self._read_blob(Blob(name, stem, data, ext=ext), kind)

    def _read_stdin(self) -> Iterator[Document | Failure]:
        limit = self.settings.max_bytes
        data = sys.stdin.buffer.read(limit + 1)
        if data.startswith(files.GZIP_MAGIC):
            data = files.gunzip_capped(STDIN, data, limit)
        elif len(data) > limit:
            raise InputError(STDIN, f"larger than {size_text(limit)}; refused")
        yield from self._read_blob(Blob(STDIN, "stdin", data))

    def read_url(self, url: str) -> Iterator[Document | Failure]:
        """The documents at a URL: a page, a feed's articles, a JSON dump, an archive."""
        page = self.fetcher.fetch(url)
        yield from self._read_blob(_page_blob(url, page))

    def _read_warc(self, name: str, stream: BinaryIO) -> Iterator[Document | Failure]:
        for item in read_warc(name, stream, self.settings.max_bytes):
            if isinstance(item, Failure):
                yield item
                continue
            origin = f"{name}#{item.uri}" if item.uri else f"{name}@{item.offset}"
            blob = Blob(origin, item.uri or origin, item.body, media_type=item.media_type,
                        charset=item.charset, url=item.uri or None)
            try:
                yield self._html(blob)
            except InputError as exc:
                yield failure(exc)

    def _read_feed(self, blob: Blob) -> Iterator[Document | Failure]:
        for item in read_feed(blob.name, blob.data, blob.url):
            if isinstance(item, Failure):
                yield item
            else:
                try:
                    yield self._feed_item(item)
                except InputError as exc:
                    yield failure(exc)

    def read_feed_item(self, item: FeedItem) -> Document:
        """The article a feed entry links to — or, when its page cannot be read and the
        feed carries enough of the article, the entry's own text. Raises InputError."""
        return self._feed_item(item)

    def _feed_item(self, item: FeedItem) -> Document:
        try:
            page = self.fetcher.fetch(item.link)
            blob = _page_blob(item.link, page, published=item.published, title=item.title)
            kind = files.sniff(item.link, blob.data[:files.HEAD_BYTES], "", blob.media_type)
            if kind == "text":
                return make_document(item.link, decode_bytes(blob.data, blob.charset),
                                     item.link, self.settings, url=blob.url,
                                     published=item.published, title=item.title)
            if kind != "html":
                raise InputError(item.link, f"the feed links to a {kind} document, "
                                            f"not an article page")
            return self._html(blob)
        except InputError as exc:
            if len(item.text) < FEED_TEXT_MIN_CHARS:
                raise
            # The feed carries the article itself: keep it rather than lose it.
            log.warning("%s: %s; using the text the feed carries", exc.source, exc.reason)
            return make_document(item.link, item.text, item.link, self.settings,
                                cleaned=True, published=item.published, title=item.title,
                                url=item.link)

    # -- kinds --------------------------------------------------------------------------

    def _read_blob(self, blob: Blob, kind: str | None = None) -> Iterator[Document | Failure]:
        kind = kind or files.sniff(blob.name, blob.data[:files.HEAD_BYTES], blob.ext,
                                   blob.media_type)
        if kind == "html":
            yield self._html(blob)
        elif kind == "feed":
            yield from self._read_feed(blob)
        elif kind == "json":
            yield from json_records(blob.name, blob.doc_id, blob.data, self.settings)
        elif kind == "jsonl":
            lines = files.lines_of(blob.name, blob.data, self.settings.max_bytes,
                                   self.settings.max_lines)
            yield from json_lines(blob.name, blob.doc_id, lines, self.settings)
        elif kind == "warc":
            yield from self._read_warc(blob.name, io.BytesIO(blob.data))
        else:
            yield make_document(blob.doc_id, decode_bytes(blob.data, blob.charset), blob.name,
                                self.settings, url=blob.url, published=blob.published,
                                title=blob.title)

    def _html(self, blob: Blob) -> Document:
        limit = self.settings.max_page_bytes
        if len(blob.data) > limit:
            raise ExtractionError(blob.name, f"page of {size_text(len(blob.data))} is over "
                                             f"the {size_text(limit)} limit for one HTML "
                                             f"page; refused")
        found = extract_html(blob.data, blob.name, url=blob.url, charset=blob.charset)
        return make_document(blob.doc_id, found["text"], blob.name, self.settings,
                             cleaned=True, title=found["title"] or blob.title,
                             url=found["url"] or blob.url,
                             published=found["date"] or blob.published,
                             source=found["source"], author=found["author"],
                             language=found["language"])


def _is_url(name: str) -> bool:
    """True when an input names an http(s) URL (the scheme in any case: ``HTTP://``)."""
    return name[:8].lower().startswith(_URL_STARTS)


def _lower_scheme(url: str) -> str:
    # One spelling of the scheme, so that the document's id and url are the same however
    # the input was typed.
    scheme, _, rest = url.partition("://")
    return f"{scheme.lower()}://{rest}"


def _page_blob(url: str, page: Page, published: date | None = None,
               title: str | None = None) -> Blob:
    return Blob(url, url, page.body, media_type=page.media_type, charset=page.charset,
                url=page.url, published=published, title=title)


def _walk(folder: str) -> Iterator[str]:
    """Regular files under ``folder``, sorted, hidden files and folders skipped."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(names):
            if not file_name.startswith("."):
                yield os.path.join(root, file_name)
