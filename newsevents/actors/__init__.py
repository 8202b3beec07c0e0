"""The actor stage: who is named in a document, coded as country + sector.

Reads ``Document.parse`` and ``Document.date``; fills ``Document.mentions`` (one
:class:`~newsevents.models.Mention` per place an actor is named or referred to, in text
order) and ``Document.quotes`` (who said what, :mod:`newsevents.actors.quotes`).
See :mod:`newsevents.actors.recognize` for the rules and :mod:`newsevents.actors.kb`
for the knowledge base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..models import Actor, Document, Mention
from ..nlp import parsed
from ..settings import Settings
from .kb import KnowledgeBase, load_kb
from .quotes import find_quotes, first_person_mentions
from .recognize import Recognizer

__all__ = ["actor_step", "find_actors", "find_actors_batch", "distinct_actors", "find_quotes",
           "load_kb", "KnowledgeBase"]


def actor_step(settings: Settings | None = None) -> Callable[[Document], Document]:
    """The actor stage as a function of one document, its recognizer and knowledge base
    built once (a run builds it once and calls it for every document)."""
    settings = settings or Settings.load()
    recognizer = Recognizer(load_kb(settings.actor_files))

    def step(doc: Document) -> Document:
        doc.mentions = recognizer(parsed(doc, "actor"), doc.date)
        doc.quotes = find_quotes(doc)
        doc.mentions = first_person_mentions(doc, doc.quotes)
        return doc

    return step


def find_actors_batch(docs: Iterable[Document], settings: Settings | None = None
                      ) -> Iterator[Document]:
    """Fill ``mentions`` on each parsed document; the batch form of :func:`find_actors`."""
    step = actor_step(settings)
    for doc in docs:
        yield step(doc)


def find_actors(doc: Document, settings: Settings | None = None) -> Document:
    """Find and code the actor mentions of one parsed document."""
    return next(find_actors_batch([doc], settings))


def distinct_actors(mentions: Iterable[Mention]) -> list[tuple[Actor, int]]:
    """One entry per distinct coded actor (by name and code) with its number of mentions."""
    counts: dict[tuple[str | None, str | None], tuple[Actor, int]] = {}
    for m in mentions:
        key = (m.actor.name, m.actor.code)
        actor, n = counts.get(key, (m.actor, 0))
        counts[key] = (actor, n + 1)
    return list(counts.values())
