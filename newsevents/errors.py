"""The exception tree. Third-party exceptions are translated where they enter.

    NewsEventsError
    ├── InputError          an input is missing, empty, unreadable or not an article
    │   ├── ExtractionError no article text could be extracted from a page
    │   └── FetchError      a URL could not or may not be fetched (network, robots.txt,
    │                       private address, size cap, redirects)
    ├── ConfigError         a setting, model name or data file is wrong
    │   └── DataFileError   a packaged or user data file has a bad line
    ├── CodingError         the NLP or coding stages failed on a document
    └── StoreError          the DuckDB store could not be opened, read or written
        ├── StoreDamagedError  the store's file is corrupt or cut short
        ├── QueryError      a filter or query on the store is malformed
        └── QueryTimeoutError  a query ran past its time limit
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Root of every error newsevents raises on purpose."""


class InputError(NewsEventsError):
    """An input is missing, empty, unreadable or holds no article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ExtractionError(InputError):
    """A page was read but no article text could be extracted from it."""


class FetchError(InputError):
    """A URL could not be fetched, or was refused (robots.txt, a private address, a cap)."""


class ConfigError(NewsEventsError):
    """A setting, model name or data file is wrong; the message says how to fix it."""


class DataFileError(ConfigError):
    """A line of a lexicon, actor table or other data file is malformed."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line


class CodingError(NewsEventsError):
    """The parse or the coders failed on a document."""


class StoreError(NewsEventsError):
    """The event store could not be opened, read or written."""


class StoreDamagedError(StoreError):
    """The store's file is damaged (a checksum fails, a block is missing); the message
    says how to recover: re-ingest, or export what is still readable."""


class QueryError(StoreError):
    """A filter or query option given to the store is malformed; the message names it."""


class QueryTimeoutError(StoreError):
    """A query on the store ran past its time limit and was interrupted."""
