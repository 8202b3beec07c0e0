"""The event stage: PLOVER/CAMEO events from parsed documents with coded actors.

Reads ``Document.parse``, ``Document.sentences``, ``Document.mentions`` and
``Document.date``; fills ``Document.events``. Each event's date comes from
:mod:`newsevents.dates`, its place from :mod:`newsevents.places`. The rules live in
:mod:`newsevents.events.coder` and the modules it uses (``triggers``, ``assembly``,
``arguments``, ``targets``, ``modality``); the event model that decides what the rules and
PETRARCH2's verb tables propose in :mod:`newsevents.events.model`; the knowledge in
``data/triggers.csv``, ``cameo.csv``, ``refusals.csv``, ``intents.csv``,
``implicit_agents.csv``, ``senses.csv``, ``frames.csv``, ``modality.csv``,
``petrarch_verbs.csv``, ``petrarch_patterns.csv`` and ``models/events.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..actors import load_kb
from ..models import Document
from ..nlp import parsed
from ..places import get_gazetteer
from ..settings import Settings
from .coder import Coder
from .lexicon import CameoCode, Lexicon, load_lexicon
from .model import load_model

__all__ = ["event_step", "code_events", "code_events_batch", "load_lexicon", "Lexicon",
           "CameoCode", "Coder"]


def event_step(settings: Settings | None = None) -> Callable[[Document], Document]:
    """The event stage as a function of one document, its coder (lexicon, gazetteer,
    knowledge base, event model) built once (a run builds it once for every document)."""
    settings = settings or Settings.load()
    coder = Coder(load_lexicon(), get_gazetteer(), load_kb(settings.actor_files), load_model())

    def step(doc: Document) -> Document:
        parsed(doc, "event")
        doc.events = coder.code(doc)
        return doc

    return step


def code_events_batch(docs: Iterable[Document], settings: Settings | None = None
                      ) -> Iterator[Document]:
    """Fill ``events`` on each document; the batch form of :func:`code_events`."""
    step = event_step(settings)
    for doc in docs:
        yield step(doc)


def code_events(doc: Document, settings: Settings | None = None) -> Document:
    """Code the events of one parsed document whose actors are found."""
    return next(code_events_batch([doc], settings))
