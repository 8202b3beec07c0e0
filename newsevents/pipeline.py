"""Code inputs in this process: ``code``, ``iter_code``, and the ``actors`` and ``quotes``
views of the same run; nothing is stored.

The stages and their :class:`~newsevents.coding.Pipeline` live in :mod:`newsevents.coding`,
below this module and below :mod:`newsevents.scale`, so that neither imports the other.
Storing what is coded, in shards and on workers, is :mod:`newsevents.ingestion`'s work;
reading the store back is :mod:`newsevents.store.query`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .actors import distinct_actors
from .coding import STAGES, Pipeline, Stage
from .models import Actor, Document, EventList, Failure, Quote
from .progress import Progress
from .read import count_items, read_inputs
from .settings import Settings, run_settings


@dataclass
class CodeResult:
    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def events(self) -> EventList:
        """Every document's events (``.to_pandas()`` makes a DataFrame)."""
        return EventList(e for d in self.documents for e in d.events)

    @property
    def undated(self) -> list[str]:
        """Where the documents coded without a publication date came from (see
        :attr:`newsevents.ingestion.IngestResult.undated`)."""
        return [d.origin for d in self.documents if d.date is None]


def iter_code(inputs: Iterable[str], date: date | str | None = None,
              settings: Settings | None = None) -> Iterator[Document | Failure]:
    """Read and code ``inputs`` lazily: a Document (with events) or a Failure per input.
    With ``settings.progress``, a bar on stderr counts them (see :mod:`newsevents.progress`).
    """
    settings = run_settings(date, settings)
    inputs = list(inputs)
    with Progress(settings.progress, stage="counting") as bar:
        if bar.enabled:
            bar.set_total(count_items(inputs, settings))
        failed = 0
        for item in Pipeline(settings=settings).run(bar.reading(read_inputs(inputs, settings))):
            failed += isinstance(item, Failure)
            bar.failed(failed)
            bar.advance()
            yield item


def code(inputs: Iterable[str], date: date | str | None = None,
         settings: Settings | None = None) -> CodeResult:
    """Read and code ``inputs`` (files: text, HTML, JSONL); nothing is stored.

    Example::

        result = newsevents.code(["article.txt"], date="2020-07-08")
        for event in result.events:
            print(event.type, event.source.code, event.target and event.target.code)
    """
    result = CodeResult()
    for item in iter_code(inputs, date, settings):
        if isinstance(item, Failure):
            result.failures.append(item)
        else:
            result.documents.append(item)
    return result


@dataclass
class ActorsResult:
    """The distinct coded actors of each document, with their number of mentions."""

    actors: list[tuple[str, Actor, int]] = field(default_factory=list)  # (doc_id, actor, n)
    failures: list[Failure] = field(default_factory=list)
    documents: int = 0  # documents coded
    undated: list[str] = field(default_factory=list)  # as IngestResult.undated


def actors(inputs: Iterable[str], date: date | str | None = None,
           settings: Settings | None = None) -> ActorsResult:
    """Read and code ``inputs``; one entry per distinct actor per document."""
    result = ActorsResult()
    for item in iter_code(inputs, date, settings):
        if isinstance(item, Failure):
            result.failures.append(item)
            continue
        result.documents += 1
        if item.date is None:
            result.undated.append(item.origin)
        result.actors += [(item.id, a, n) for a, n in distinct_actors(item.mentions)]
    return result


@dataclass
class QuotesResult:
    quotes: list[Quote] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    documents: int = 0  # documents coded
    undated: list[str] = field(default_factory=list)  # as IngestResult.undated


def quotes(inputs: Iterable[str], date: date | str | None = None,
           settings: Settings | None = None) -> QuotesResult:
    """Read and code ``inputs``; every direct quote and reported speech, with its speaker."""
    result = QuotesResult()
    for item in iter_code(inputs, date, settings):
        if isinstance(item, Failure):
            result.failures.append(item)
            continue
        result.documents += 1
        if item.date is None:
            result.undated.append(item.origin)
        result.quotes += item.quotes
    return result


__all__ = ["code", "iter_code", "actors", "quotes", "ActorsResult",
           "QuotesResult", "CodeResult", "Pipeline", "Stage", "STAGES"]
