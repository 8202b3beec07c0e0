"""The public API: code inputs into events, ingest them into the store, read them back.

The stages run in this order, each a typed batch callable over documents::

    read (+ extract)  ->  nlp  ->  actors  ->  events (+ time, places)  ->  store

Each declares which Document fields it needs and which it fills; :class:`Pipeline`
checks the order once when it is assembled. Before the stages, each document's language is
detected (``Document.language``, when the input gave none); one that is not English is a
failure, not a document with no events. One bad input or one document the coders
trip over becomes a :class:`~newsevents.models.Failure`; the batch goes on.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .actors import distinct_actors, find_actors_batch
from .errors import ConfigError, NewsEventsError
from .events import code_events_batch
from .language import detect_language, unsupported
from .models import Actor, Document, EventList, Failure, Quote
from .nlp import parse_documents, release
from .progress import Progress
from .read import count_items, read_inputs
from .settings import Settings
from .store import Store, WriteResult, open_store
from .store.query import query_events  # re-exported: reading lives in newsevents.store.query
from .stories import assign_stories

log = logging.getLogger(__name__)

BatchFn = Callable[[Iterable[Document], Settings], Iterator[Document]]


@dataclass(frozen=True)
class Stage:
    """A pipeline step. ``streamed`` stages see the whole stream (the parser batches it);
    the others run one document at a time so that a failure stays with its document."""

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    run: BatchFn
    streamed: bool = False


STAGES: tuple[Stage, ...] = (
    Stage("nlp", frozenset({"text"}), frozenset({"parse", "sentences"}), parse_documents,
          streamed=True),
    Stage("actors", frozenset({"parse", "date"}), frozenset({"mentions"}), find_actors_batch),
    Stage("events", frozenset({"parse", "sentences", "mentions", "date"}),
          frozenset({"events"}), code_events_batch),
)


class Pipeline:
    """Stages checked once for order, then run over documents in batches."""

    def __init__(self, stages: Iterable[Stage] = STAGES, settings: Settings | None = None):
        self.stages = tuple(stages)
        self.settings = settings or Settings.load()
        have = {"id", "text", "origin", "date", "title", "url", "source"}
        for stage in self.stages:
            missing = stage.requires - have
            if missing:
                raise ConfigError(f"stage {stage.name!r} needs {', '.join(sorted(missing))}, "
                                  f"which no earlier stage fills")
            have |= stage.assigns

    def run(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        """Run the stages over read documents; failures pass through, each stage's own
        failures are added per document."""
        pending: list[Failure] = []

        def documents() -> Iterator[Document]:
            for item in items:
                if isinstance(item, Failure):
                    pending.append(item)
                elif (refused := _language_failure(item)) is not None:
                    pending.append(refused)
                else:
                    yield item

        stream: Iterator[Document] = documents()
        for stage in self.streamed:
            stream = stage.run(stream, self.settings)
        for parsed in stream:
            yield from pending
            pending.clear()
            yield self._code_one(parsed)
        yield from pending

    @property
    def streamed(self) -> tuple[Stage, ...]:
        n = next((i for i, s in enumerate(self.stages) if not s.streamed), len(self.stages))
        return self.stages[:n]

    def _code_one(self, doc: Document) -> Document | Failure:
        try:
            for stage in self.stages[len(self.streamed):]:
                doc = next(stage.run([doc], self.settings))
        except NewsEventsError as exc:
            return Failure(doc.origin, "code", str(exc))
        except Exception as exc:  # a coder bug must not stop a batch; it is reported
            log.exception("coding failed on %s", doc.origin)
            return Failure(doc.origin, "code", f"coding failed ({type(exc).__name__}: {exc})")
        finally:
            release(doc)  # the parse is large and never stored
        return doc


def _language_failure(doc: Document) -> Failure | None:
    """Fill ``doc.language`` when the input gave none; a Failure when the text is in a
    language the coders do not know. The text decides, not what the input declared: a page
    marked ``lang="ko"`` whose text is English is coded, and the reverse is not."""
    detected = detect_language(doc.text)
    if doc.language is None:
        doc.language = detected
    if not unsupported(detected):
        return None
    # The English parser and lexicons find no actor and no trigger in it: coded, it would
    # be stored with zero events as if it reported nothing.
    return Failure(doc.origin, "code", f"language {detected} is not supported for coding "
                                       "yet (only English is coded)")


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
        :attr:`IngestResult.undated`)."""
        return [d.origin for d in self.documents if d.date is None]


def _settings(date_: date | str | None, settings: Settings | None, **more: object) -> Settings:
    if isinstance(date_, str):
        try:
            date_ = date.fromisoformat(date_)
        except ValueError:
            raise ConfigError(f"--date must be YYYY-MM-DD, not {date_!r}") from None
    base = settings or Settings.load()
    return Settings.load(**{**base.__dict__, "default_date": date_ or base.default_date,
                            **{k: v for k, v in more.items() if v is not None}})


def iter_code(inputs: Iterable[str], date: date | str | None = None,
              settings: Settings | None = None) -> Iterator[Document | Failure]:
    """Read and code ``inputs`` lazily: a Document (with events) or a Failure per input.
    With ``settings.progress``, a bar on stderr counts them (see :mod:`newsevents.progress`).
    """
    settings = _settings(date, settings)
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


# Documents the store writes at once during ingest.
STORE_BATCH = 200


@dataclass
class IngestResult:
    written: WriteResult
    failures: list[Failure]
    documents: int
    shards_coded: int = 0  # shards this run coded
    shards_reused: int = 0  # shards an interrupted earlier run had finished
    # Where the documents coded without a publication date came from: the coder dates
    # events against the publication date, so theirs are left undated (and out of every
    # time series and date filter). ``date=`` supplies a date for such inputs.
    undated: list[str] = field(default_factory=list)


def ingest(inputs: Iterable[str], db: str | Path | None = None, date: date | str | None = None,
           settings: Settings | None = None, batch: int = 40, workers: int = 1,
           cluster: str | None = None, shard_dir: str | Path | None = None) -> IngestResult:
    """Code ``inputs`` and store documents, sentences, actors and events in DuckDB.

    Re-ingesting an unchanged document changes nothing; a changed one replaces its events.
    The inputs are coded in shards of ``batch`` items by ``workers`` local processes, or
    on a Dask ``cluster`` (a scheduler address such as ``tcp://host:8786``, or ``local``
    for a LocalCluster of ``workers`` processes). Each coded shard is saved in
    ``shard_dir`` (default: ``<db>.shards``, removed once the run has finished) before it
    is stored, so an interrupted run, run again, codes only the shards it had not saved.
    A run that stores no document and records no failure leaves no new store behind (an
    empty store would make later reads show nothing without a word); one whose every input
    failed keeps the store that records why (``newsevents failures``), and the commands
    that read it say it holds no events.
    """
    settings = _settings(date, settings, db_path=str(db) if db else None)
    directory = Path(shard_dir) if shard_dir else Path(f"{settings.db_path}.shards")
    result = IngestResult(written=WriteResult(0, 0, 0, 0), failures=[], documents=0)
    new_store = not Path(settings.db_path).exists()
    inputs = list(inputs)
    try:
        with Progress(settings.progress, stage="counting") as bar:
            if bar.enabled:
                bar.set_total(count_items(inputs, settings))
            _ingest(inputs, settings, result, directory, batch, workers, cluster, bar)
    finally:
        if new_store and result.documents == 0 and not result.failures:
            for path in (settings.db_path, f"{settings.db_path}.wal"):
                Path(path).unlink(missing_ok=True)
    if not shard_dir:  # the shards were only this run's safety net
        shutil.rmtree(directory, ignore_errors=True)
    return result


def _ingest(inputs: Iterable[str], settings: Settings, result: IngestResult, directory: Path,
            batch: int, workers: int, cluster: str | None, bar: Progress) -> None:
    """:func:`ingest`'s work: code the shards and write them, filling ``result``; ``bar``
    counts the items done and names the stage."""
    # scale sits on top of the pipeline (its workers run Pipeline): imported when used.
    from .scale import code_shards, open_runner

    # The runner first: local workers are forked before the store starts DuckDB's threads.
    # While workers code, the cores are theirs: DuckDB gets one thread (bulk inserts and
    # the story queries of a batch hardly use more), which also keeps its memory flat.
    with open_runner(settings, workers, cluster, on_item=bar.advance) as runner, \
            open_store(settings.db_path, threads=1 if workers > 1 or cluster else None
                       ) as store:
        # Shards are small, to spread the work evenly over the workers; the store takes them
        # a few at a time, because each write and story assignment has a fixed cost.
        waiting: list[Document] = []
        failed: list[Failure] = []

        def store_waiting() -> None:
            bar.stage("storing")
            if failed:
                store.record_failures(failed)
                failed.clear()
            result.written = result.written + store.write(waiting)
            assign_stories(store, waiting)  # copies, stories, event clusters
            result.documents += len(waiting)
            waiting.clear()

        done = 0
        for shard in code_shards(inputs, directory, settings, shard_size=batch,
                                 runner=runner, progress=bar):
            done += len(shard.documents) + len(shard.failures)
            bar.reach(done)  # a pool's shards, and those an earlier run coded
            result.failures += shard.failures
            bar.failed(len(result.failures))
            result.undated += [d.origin for d in shard.documents if d.date is None]
            failed += shard.failures
            waiting += shard.documents
            if len(waiting) >= STORE_BATCH:
                store_waiting()
            if shard.reused:
                result.shards_reused += 1
            else:
                result.shards_coded += 1
        if waiting or failed:
            store_waiting()


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


__all__ = ["code", "iter_code", "ingest", "query_events", "actors", "quotes", "ActorsResult",
           "QuotesResult", "CodeResult", "IngestResult",
           "Pipeline", "Stage", "STAGES", "Store"]
