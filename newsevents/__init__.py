"""newsevents: raw news in, political event data out.

Who did what to whom, when and where, with the sentence that says so::

    import newsevents
    result = newsevents.code(["article.txt"], date="2020-07-08")
    for event in result.events:
        print(event.type, event.source.code, event.target and event.target.code, event.date)

The stages (``read``, ``extract``, ``nlp``, ``actors``, ``events``, ``time``, ``places``,
``store``) share one data model (:mod:`newsevents.models`); :mod:`newsevents.pipeline`
puts them together.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import NewsEventsError
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
from .pipeline import CodeResult, IngestResult, code, ingest, iter_code, query_events
from .settings import Settings
from .store import Store, open_store

__all__ = [
    "Actor", "CodeResult", "Document", "Event", "EventDate", "EventList", "Failure",
    "IngestResult",
    "Location", "Mention", "NewsEventsError", "Sentence", "Settings", "Store", "code",
    "ingest", "iter_code", "open_store", "query_events", "__version__",
]
