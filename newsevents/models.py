"""The data model: the only thing the stages share.

A :class:`Document` enters the pipeline with text and metadata (``read``/``extract``),
gains :class:`Sentence` objects and a parse (``nlp``), :class:`Mention` objects
(``actors``) and :class:`Event` objects (``events``, helped by ``dates`` and ``places``),
and is then written by ``store``. Every record has ``to_dict()`` whose keys are the
public contract used by the CLI, exports, tests and (later) the API.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

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

# The columns of one event as a flat row (:meth:`Event.to_flat`): CSV output and DataFrames.
FLAT_FIELDS: tuple[str, ...] = (
    "event_id", "doc_id", "type", "mode", "context", "cameo", "quad_class", "intensity",
    "source_text", "source_name", "source_country", "source_sector", "source_code",
    "target_text", "target_name", "target_country", "target_sector", "target_code",
    "date", "date_precision", "date_text", "location_text", "location_name",
    "location_country", "location_lat", "location_lon", "modality", "sentence",
    "span_start", "span_end", "trigger", "confidence", "coder")


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

    @property
    def code(self) -> str | None:
        joined = (self.country or "") + (self.sector or "")
        return joined or None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "code": self.code,
            "kb_id": self.kb_id,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is named or referred to."""

    actor: Actor
    start: int  # character offsets in Document.text
    end: int
    sentence: int  # index into Document.sentences
    kind: str = "entity"  # entity | title | metonym | nationality | surname | pronoun | context

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
    sentence: str
    span: tuple[int, int]  # character offsets of the quoted words in Document.text

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "text": self.text,
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "kind": self.kind, "sentence": self.sentence,
                "span": [self.span[0], self.span[1]]}


@dataclass(frozen=True)
class Location:
    """Where an event happened, geocoded offline."""

    text: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "lat": self.lat, "lon": self.lon}


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
        return {"index": self.index, "start": self.start, "end": self.end, "text": self.text}


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
    # Why the coder coded it so: the rule, how source and target were found, the modality
    # cues, the time expression and the place (plain JSON data; ``newsevents explain``).
    evidence: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "intensity": self.intensity,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "trigger": self.trigger,
            "confidence": self.confidence,
            "coder": self.coder,
            "evidence": self.evidence,
        }

    def to_flat(self) -> dict[str, Any]:
        """One flat row (the keys of :data:`FLAT_FIELDS`): nested records become prefixed
        columns (``source_code``), ``span`` becomes ``span_start``/``span_end`` and
        ``context`` is joined with ``|``. Codes stay text (CAMEO ``"046"``)."""
        row: dict[str, Any] = {}
        for key, value in self.to_dict().items():
            if key in ("source", "target", "location"):
                for sub in ("text", "name", "country", "sector", "code", "lat", "lon"):
                    row[f"{key}_{sub}"] = value.get(sub) if value else None
            elif key == "span":
                row["span_start"], row["span_end"] = value
            elif key == "context":
                row[key] = "|".join(value)
            else:
                row[key] = value
        return {k: row.get(k) for k in FLAT_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        def actor(d: dict[str, Any] | None) -> Actor | None:
            if not d:
                return None
            return Actor(text=d["text"], name=d.get("name"), country=d.get("country"),
                         sector=d.get("sector"), role=d.get("role"), kb_id=d.get("kb_id"),
                         confidence=d.get("confidence"))

        loc = data.get("location")
        return cls(
            event_id=data["event_id"], doc_id=data["doc_id"], type=data["type"],
            mode=data.get("mode"), context=list(data.get("context") or []),
            cameo=data["cameo"], quad_class=int(data["quad_class"]),
            intensity=float(data["intensity"]),
            source=actor(data.get("source")), target=actor(data.get("target")),
            date=data.get("date"), date_precision=data.get("date_precision"),
            date_text=data.get("date_text"),
            location=Location(**loc) if loc else None,
            modality=data["modality"], sentence=data["sentence"],
            span=(int(data["span"][0]), int(data["span"][1])), trigger=data["trigger"],
            confidence=float(data["confidence"]), coder=data["coder"],
            evidence=data.get("evidence"),
        )


class EventList(list[Event]):
    """A list of events, as reads of the store and coding results return them, that
    also converts itself for analysis: ``store.events(actor="PRK").to_pandas()``."""

    def to_records(self) -> list[dict[str, Any]]:
        """The events as flat rows (see :meth:`Event.to_flat`)."""
        return [event.to_flat() for event in self]

    def to_pandas(self) -> Any:
        """A pandas DataFrame with one row per event and the columns of
        :data:`FLAT_FIELDS`; codes and dates stay text (``cameo`` ``"046"``, ``date``
        ``"2020-06"`` at its precision). pandas is not a dependency of newsevents: this
        raises :class:`~newsevents.errors.ConfigError` when it is not installed."""
        try:
            import pandas
        except ImportError as exc:
            raise ConfigError("to_pandas() needs pandas, which newsevents does not "
                              "install: pip install pandas (or newsevents[pandas])") from exc
        rows = [[row[name] for name in FLAT_FIELDS] for row in self.to_records()]
        return pandas.DataFrame(rows, columns=list(FLAT_FIELDS))


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
