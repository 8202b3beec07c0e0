"""The data model: the only thing the stages share.

A :class:`Document` enters the pipeline with text and metadata (``read``/``extract``),
gains :class:`Sentence` objects and a parse (``nlp``), :class:`Mention` objects
(``actors``) and :class:`Event` objects (``events``, helped by ``dates`` and ``places``),
and is then written by ``store``. Every record has ``to_dict()`` whose keys are the
public contract used by the CLI, exports, tests and the API; :mod:`newsevents.codec` makes
it from the fields, and :mod:`newsevents.layout` lays an event out in flat columns, so a
field added here (plus its store migration) reaches every output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from .codec import from_plain, to_plain
from .errors import ConfigError

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

MODALITIES: tuple[str, ...] = ("asserted", "negated", "intended", "hypothetical")

# CAMEO's four quad classes, by number.
QUAD_CLASSES: dict[int, str] = {1: "verbal cooperation", 2: "material cooperation",
                                3: "verbal conflict", 4: "material conflict"}

Modality = Literal["asserted", "negated", "intended", "hypothetical"]
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class Actor:
    """A coded actor: who a mention refers to.

    ``country`` is a three-letter CAMEO/ISO code, ``sector`` a CAMEO agent code
    (GOV, MIL, IGO, ...). ``code`` joins them the CAMEO way (``USAGOV``); an
    international organisation with no country is coded by its sector alone (``IGO``).
    """

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None  # the knowledge-base entry that confirmed it, when one did
    confidence: float | None = None  # how sure the coding is, 0-1

    # The plain form shows the derived code after the role (see newsevents.codec); not
    # annotated, so not a field.
    PLAIN_DERIVED = (("code", "role"),)

    @property
    def code(self) -> str | None:
        joined = (self.country or "") + (self.sector or "")
        return joined or None

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = to_plain(self)
        return plain


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is named or referred to."""

    actor: Actor
    start: int  # character offsets in Document.text
    end: int
    sentence: int  # index into Document.sentences
    kind: str = "entity"  # entity | title | metonym | nationality | modifier | surname |
    # pronoun | context | office | agent...: how the actor stage found it

    def to_dict(self) -> dict[str, Any]:
        return {**self.actor.to_dict(), "start": self.start, "end": self.end,
                "sentence": self.sentence, "kind": self.kind}


@dataclass(frozen=True)
class Quote:
    """Something an actor said: a direct quote (partial ones included) or reported speech."""

    doc_id: str
    text: str
    speaker: Actor | None
    kind: Literal["direct", "reported"]
    sentence: str | None  # None when read back from a store that lost the sentence
    span: tuple[int, int]  # character offsets of the quoted words in Document.text

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = to_plain(self)
        return plain


@dataclass(frozen=True)
class Location:
    """Where an event happened, geocoded offline."""

    text: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = to_plain(self)
        return plain


@dataclass(frozen=True)
class EventDate:
    """An event's date at the precision the text supports.

    ``value`` is ISO text cut to the precision (``2020-06-16``, ``2020-06``, ``2019``);
    ``text`` is the time expression it came from, or None for the publication date.
    """

    value: str
    precision: Precision
    text: str | None = None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = to_plain(self)
        return plain


@dataclass(frozen=True)
class Evidence:
    """Why the coder coded an event so, for the store and ``newsevents explain``.

    Its plain form (:func:`newsevents.codec.to_plain`) is the JSON the store and the API
    have always held: these keys in this order, ``model`` only when the model decided.
    ``source``/``target`` say how each actor was found (``text``, ``span``, ``how``,
    ``kind``); ``time`` and ``place`` how the date and the place were found (``how``, and
    what the resolution used). Defaults let evidence stored before a field existed load.
    """

    rule: str = ""  # the lexicon rule that fired (``triggers.csv:12``) or ``model``
    rule_text: str = ""  # that rule as written
    trigger_spans: list[tuple[int, int]] = field(default_factory=list)  # in Document.text
    sentence_start: int | None = None  # where the event's sentence starts in Document.text
    support: str | None = None  # the support verb that gives an event noun its subject
    source: dict[str, Any] | None = None
    target: dict[str, Any] | None = None
    modality_cues: list[str] = field(default_factory=list)
    recoded: list[str] = field(default_factory=list)  # notes of rules that changed the code
    reported_by: str | None = None  # "officials said": the report that frames the event
    time: dict[str, Any] = field(default_factory=dict)
    place: dict[str, Any] | None = None
    rules_alone: bool = False  # the rules found the whole event, with no model's help
    nominal: bool = False  # the trigger is a noun (it may take an earlier event's actors)
    refers_back: bool = False  # a passive without an agent: its doer is an earlier report's
    model: float | None = None  # the model's probability, when the model kept the event

    PLAIN_OMIT_NONE = frozenset({"model"})  # not annotated, so not a field


@dataclass
class Event:
    """A coded event: who did what to whom, when and where, with the evidence."""

    event_id: str
    doc_id: str
    type: str
    mode: str | None
    context: list[str]
    cameo: str
    quad_class: int
    intensity: float
    source: Actor | None
    target: Actor | None
    date: str | None
    date_precision: Precision | None
    date_text: str | None
    location: Location | None
    modality: Modality
    sentence: str
    span: tuple[int, int]
    trigger: str
    confidence: float
    coder: str
    # Why the coder coded it so (``newsevents explain``); None for events of other coders.
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        """The event as JSON values: the records of the CLI's and the export's jsonl and
        of the API."""
        plain: dict[str, Any] = to_plain(self)
        return plain

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """The event :meth:`to_dict` gave ``data`` for."""
        return from_plain(cls, data)


class EventList(list[Event]):
    """A list of events, as reads of the store and coding results return them, that
    also converts itself for analysis: ``store.events(actor="PRK").to_pandas()``."""

    def to_records(self) -> list[dict[str, Any]]:
        """The events as flat rows in the columns of
        :data:`newsevents.layout.EVENT_COLUMNS` (``context`` joined with ``|``, the
        evidence as JSON text), as ``newsevents events --format csv`` writes them."""
        # Imported here: the layout is built from this module's classes.
        from .layout import text_row

        return [text_row(event) for event in self]

    def to_pandas(self) -> Any:
        """A pandas DataFrame with one row per event and the columns of
        :data:`newsevents.layout.EVENT_COLUMNS`; codes and dates stay text (``cameo``
        ``"046"``, ``date`` ``"2020-06"`` at its precision). pandas is not a dependency of
        newsevents: this raises :class:`~newsevents.errors.ConfigError` when it is not
        installed."""
        from .layout import EVENT_COLUMNS

        try:
            import pandas
        except ImportError as exc:
            raise ConfigError("to_pandas() needs pandas, which newsevents does not "
                              "install: pip install pandas (or newsevents[pandas])") from exc
        rows = [[row[name] for name in EVENT_COLUMNS] for row in self.to_records()]
        return pandas.DataFrame(rows, columns=list(EVENT_COLUMNS))


@dataclass
class Document:
    """An article on its way through the pipeline.

    ``text`` is the clean article text; every character offset in the model
    (sentences, mentions, event spans) points into it. ``parse`` holds the spaCy
    ``Doc`` between the ``nlp`` stage and the coders; it is never stored.
    """

    id: str
    text: str
    origin: str  # the path, URL or "file.jsonl:LINE" the document came from
    title: str | None = None
    url: str | None = None
    date: date | None = None  # publication date
    source: str | None = None  # outlet / site name or domain
    author: str | None = None
    language: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    parse: Any = field(default=None, repr=False, compare=False)

    @property
    def content_hash(self) -> str:
        """A fingerprint of what coding depends on: text and publication date."""
        key = f"{self.date.isoformat() if self.date else ''}\n{self.text}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "origin": self.origin,
            "title": self.title,
            "url": self.url,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "author": self.author,
            "language": self.language,
            "text": self.text,
            "content_hash": self.content_hash,
        }


@dataclass(frozen=True)
class Failure:
    """An input that could not be read, extracted or coded, and why."""

    input: str
    stage: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


# -- what the store's reads return ---------------------------------------------------------
# Field order is the order of the keys in the JSON answers (web API, ``stats --json``):
# :func:`plain` turns them into those answers.


@dataclass(frozen=True)
class StoredDocument:
    """A stored article: its metadata and text, when it was ingested, and (read one at a
    time, by ``Store.document``) its events and quotes."""

    id: str
    origin: str
    title: str | None
    url: str | None
    date: date | None
    source: str | None
    author: str | None
    language: str | None
    text: str
    content_hash: str
    ingested_at: datetime
    # Event records as Store.event_records gives them (evidence included): filled by
    # Store.document only, so that listing documents reads no events.
    events: tuple[dict[str, Any], ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Summary:
    """Totals of some events: how many, in how many documents, how many dated, the first
    and last day of a dated one and their mean intensity (None when there is none)."""

    events: int
    documents: int
    dated: int
    first: date | None
    last: date | None
    mean_intensity: float | None


@dataclass(frozen=True)
class Period:
    """One bar of a time series: the period's first day, the group it counts (None when
    the series is not split), the count and the events' mean intensity."""

    period: date
    group: str | int | None
    count: int
    mean_intensity: float | None


@dataclass(frozen=True)
class ActorCount:
    """An actor (by code) and the events it is in, as source or target."""

    code: str
    # The code in words (newsevents.labels.code_label: "United States — government"), not
    # one person's name: the row counts everyone with the code.
    name: str | None
    events: int
    as_source: int
    as_target: int
    mean_intensity: float | None


@dataclass(frozen=True)
class DyadCount:
    """A directed source→target pair and its events (cooperation: quad classes 1-2;
    conflict: 3-4)."""

    source: str
    target: str
    # The codes in words, as ActorCount.name.
    source_name: str | None
    target_name: str | None
    events: int
    cooperation: int
    conflict: int
    mean_intensity: float | None


def plain(value: Any) -> Any:
    """``value`` as JSON types (records, dates, lists and dicts), by the one codec:
    :func:`newsevents.codec.to_plain`."""
    return to_plain(value)
