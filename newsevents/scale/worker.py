"""The shard function: what every worker — this process, a local pool, a Dask worker — runs.

It is a plain module-level function of picklable arguments, so a process pool or a Dask
scheduler can ship it by reference. The heavy objects (the spaCy model, the knowledge base,
the lexicon, the gazetteer) are cached per process by their loaders, so each worker loads
them once, on its first shard, and keeps them for the rest of the run.

Workers are handed a :class:`~newsevents.settings.Settings` (picklable) and build the
coding core from it (:class:`newsevents.coding.Pipeline`, one per process and settings):
``scale`` sits above ``coding`` and beside ``pipeline``, and neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..models import Document, Failure
from ..nlp import load_model
from ..settings import Settings
from .shards import Item, encode_shard

if TYPE_CHECKING:
    from ..coding import Pipeline


def code_shard(items: Sequence[Document | Failure], settings: Settings,
               on_item: Callable[[int], None] | None = None) -> bytes:
    """Parse and code a shard's documents (failures pass through); its Parquet bytes.
    ``on_item(1)`` is called as each item is done (in this process only: a progress bar)."""
    # spaCy keeps every new word it meets in the model's vocabulary; in a memory zone
    # those are freed when the shard is done, so a worker coding millions of articles
    # stays the size it was. Nothing spaCy made outlives the zone: the shard leaves it
    # as bytes, and each parse is released as soon as its document is coded.
    # The Pipeline outlives the zone: it holds no spaCy object, only the coders' tables.
    pipeline = _pipeline(settings)
    with load_model(settings.model).memory_zone():
        coded = pipeline.run(items)
        return encode_shard(_told(coded, on_item) if on_item else coded)


# This process's Pipeline and the settings it was built with: a run's shards all share it,
# so the stages' coders are built once per worker, not once per shard.
_built: tuple[Settings, Pipeline] | None = None


def _pipeline(settings: Settings) -> Pipeline:
    # Imported on the first shard: the coding core loads spaCy, which a process that
    # only plans, reads or stores shards (the driver of a pool, ``newsevents serve``
    # through the CLI) never needs.
    from ..coding import Pipeline

    global _built
    if _built is None or _built[0] != settings:
        _built = (settings, Pipeline(settings=settings))
    return _built[1]


def _told(items: Iterator[Item], on_item: Callable[[int], None]) -> Iterator[Item]:
    for item in items:
        on_item(1)
        yield item


def ready() -> bool:
    """A task that does nothing: submitted to start a pool's workers."""
    return True


def start_worker(settings: Settings, parent: int | None) -> None:
    """A local pool worker's first act: tie its life to its parent's (``parent``: the
    driver's pid when the worker is its fork), then :func:`warm_up`."""
    from .lifeline import die_with_parent

    die_with_parent(parent)
    warm_up(settings)


def warm_up(settings: Settings) -> None:
    """Load the model and the tables now, so that the first shard is not the slow one."""
    from .. import dates
    from ..actors import load_kb
    from ..events import load_lexicon
    from ..events.model import load_model as load_event_model
    from ..events.model import load_verb_lexicon
    from ..nlp import load_model
    from ..places import get_gazetteer

    load_model(settings.model)
    load_kb(settings.actor_files)
    load_lexicon()
    load_verb_lexicon()
    load_event_model()
    get_gazetteer()
    dates.warm_up()
