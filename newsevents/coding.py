"""The coding core: the stages, checked for order once, run over documents.

The stages run in this order, each a typed batch callable over documents::

    read (+ extract)  ->  nlp  ->  actors  ->  events (+ dates, places)  ->  store

Each declares which Document fields it needs and which it fills; :class:`Pipeline`
checks the order once when it is assembled. Before the stages, each document's language is
detected (``Document.language``, when the input gave none); one that is not English is a
failure, not a document with no events. One bad input or one document the coders
trip over becomes a :class:`~newsevents.models.Failure`; the batch goes on.

This module sits below both of its users, which do not import each other:
:mod:`newsevents.pipeline` (code inputs in this process: ``code``, ``iter_code``) and
:mod:`newsevents.scale` (code shards on workers; a worker is handed a picklable
:class:`~newsevents.settings.Settings` and builds its own :class:`Pipeline` from it).
:mod:`newsevents.ingestion`, above ``scale``, stores what they code.

The per-document stages are factories: a :class:`Pipeline` builds each one's coder (the
actor recognizer, the event coder) once, on its first document, and reuses it for every
later document of the run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from .actors import actor_step, find_actors_batch
from .errors import ConfigError, NewsEventsError
from .events import code_events_batch, event_step
from .language import detect_language, unsupported
from .models import Document, Failure
from .nlp import parse_documents, release
from .settings import Settings

log = logging.getLogger(__name__)

BatchFn = Callable[[Iterable[Document], Settings], Iterator[Document]]
Step = Callable[[Document], Document]  # one document in, the same document filled out


@dataclass(frozen=True)
class Stage:
    """A pipeline step. ``streamed`` stages see the whole stream (the parser batches it);
    the others run one document at a time so that a failure stays with its document.

    ``build``, when given, makes the per-document form once per run (the coder it holds is
    reused for every document); without it, ``run`` is called on each document alone.
    """

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    run: BatchFn
    streamed: bool = False
    build: Callable[[Settings], Step] | None = None


def _actor_step(settings: Settings) -> Step:
    """The actor stage for a run: one recognizer over one knowledge base for every document
    (what :func:`~newsevents.actors.find_actors_batch` does for one batch)."""
    return actor_step(settings)


def _event_step(settings: Settings) -> Step:
    """The event stage for a run: one coder (lexicon, gazetteer, knowledge base, event
    model) for every document (what :func:`~newsevents.events.code_events_batch` does
    for one batch)."""
    return event_step(settings)


STAGES: tuple[Stage, ...] = (
    Stage("nlp", frozenset({"text"}), frozenset({"parse", "sentences"}), parse_documents,
          streamed=True),
    Stage("actors", frozenset({"parse", "date"}), frozenset({"mentions"}), find_actors_batch,
          build=_actor_step),
    Stage("events", frozenset({"parse", "sentences", "mentions", "date"}),
          frozenset({"events"}), code_events_batch, build=_event_step),
)


class Pipeline:
    """Stages checked once for order, then run over documents in batches.

    One Pipeline is one run: the per-document stages are built on the first document and
    kept for the others (build one Pipeline per run, not one per document or batch).
    """

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
        self._steps: dict[str, Step] = {}  # built per-document stages, by name

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

    def _step(self, stage: Stage) -> Step:
        """``stage``'s per-document form, built on first use. Built here, inside a
        document's try, a stage that cannot be built (a bad actor file) fails that
        document as it always did, and is tried again on the next one."""
        step = self._steps.get(stage.name)
        if step is None:
            step = (stage.build(self.settings) if stage.build is not None
                    else partial(_alone, stage.run, self.settings))
            self._steps[stage.name] = step
        return step

    def _code_one(self, doc: Document) -> Document | Failure:
        try:
            for stage in self.stages[len(self.streamed):]:
                doc = self._step(stage)(doc)
        except NewsEventsError as exc:
            return Failure(doc.origin, "code", str(exc))
        except Exception as exc:  # a coder bug must not stop a batch; it is reported
            log.exception("coding failed on %s", doc.origin)
            return Failure(doc.origin, "code", f"coding failed ({type(exc).__name__}: {exc})")
        finally:
            release(doc)  # the parse is large and never stored
        return doc


def _alone(run: BatchFn, settings: Settings, doc: Document) -> Document:
    """A stage given as a batch function only, run on one document."""
    return next(run([doc], settings))


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


__all__ = ["BatchFn", "Pipeline", "STAGES", "Stage", "Step"]
