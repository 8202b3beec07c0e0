"""newsevents: raw news in, political event data out.

Who did what to whom, when and where, with the sentence that says so::

    import newsevents
    result = newsevents.code(["article.txt"], date="2020-07-08")
    for event in result.events:
        print(event.type, event.source.code, event.target and event.target.code, event.date)

The stages (``read``, ``extract``, ``nlp``, ``actors``, ``events``, ``dates``, ``places``,
``store``) share one data model (:mod:`newsevents.models`); :mod:`newsevents.coding` puts
them together, :mod:`newsevents.pipeline` codes inputs with them and
:mod:`newsevents.ingestion` stores what they code. The README's "Architecture" section
draws the layers.

Importing the package costs nothing: the public names are looked up in their modules on
first use (PEP 562), so ``import newsevents.store`` or ``newsevents serve`` never load
spaCy, trafilatura or Dask.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # what mypy and editors see; at run time __getattr__ finds them
    from .errors import NewsEventsError
    from .ingestion import IngestResult, ingest
    from .models import (
        Actor,
        Document,
        Event,
        EventDate,
        EventList,
        Failure,
        Location,
        Mention,
        Sentence,
    )
    from .pipeline import CodeResult, code, iter_code
    from .settings import Settings
    from .store import Store, open_store
    from .store.query import query_events

# Each public name and the module that holds it.
_HOMES: dict[str, str] = {
    **dict.fromkeys(["Actor", "Document", "Event", "EventDate", "EventList", "Failure",
                     "Location", "Mention", "Sentence"], ".models"),
    "NewsEventsError": ".errors",
    "CodeResult": ".pipeline", "code": ".pipeline", "iter_code": ".pipeline",
    "query_events": ".store.query",
    "IngestResult": ".ingestion", "ingest": ".ingestion",
    "Settings": ".settings",
    "Store": ".store", "open_store": ".store",
}

__all__ = [
    "Actor", "CodeResult", "Document", "Event", "EventDate", "EventList", "Failure",
    "IngestResult",
    "Location", "Mention", "NewsEventsError", "Sentence", "Settings", "Store", "code",
    "ingest", "iter_code", "open_store", "query_events", "__version__",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home, __name__), name)
    globals()[name] = value  # found once; later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
