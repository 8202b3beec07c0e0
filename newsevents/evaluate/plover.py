"""Score the coder against gold event records (the PLOVER gold-record format).

A gold file is a JSON list of records, each one sentence coded with one event: ``id``,
``text``, ``date``, ``event`` (the type), ``source`` and ``target`` (lists of
``{actorText, code}``), ``textInfo.markup`` (``SRC/TAR`` marks reciprocal actors) and
optionally ``eventLoc``. Entries whose ``event`` is ``DOCUMENT`` are file documentation.
The PLOVER 0.5 (2016) type names are mapped to today's sixteen: DEMAND -> REQUEST,
DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT.

How it is scored:

* Each record is coded as a one-sentence document published on the record's date.
* Only **asserted** predictions count (``modalities``): a gold record is a reported deed
  or statement, and an event the text negates, plans or supposes does not report one. What
  CAMEO codes as the act of declaring ("agreed to meet", "will send aid", "threatened to
  attack", "refused to meet") the coder asserts too, as the AGREE, THREATEN or REJECT it is
  (see ``intents.csv`` and ``refusals.csv``), so the rule loses none of those.
* A record is one gold event. *Type*: the record scores a true positive when its type is
  among the predicted types, a false negative otherwise, and every other distinct
  predicted type is a false positive. *Type + dyad*: the same over (type, source,
  target) triples, where an actor is compared by its country (``USA`` in ``USAGOV``), or
  by its sector code when it has no country (``IGO``); a gold record without a target
  matches a prediction without a target; reciprocal actors (``SRC/TAR``) match each other
  in both directions; several gold sources or targets ("Hungarian and Romanian
  officials") each make an acceptable triple, and at most one true positive is counted per
  record.
* The confusion table counts, for each record, every distinct predicted type against the
  gold type (``-`` when nothing was predicted).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..datafiles import iter_rows, package_path
from ..errors import ConfigError, InputError
from ..models import PLOVER_TYPES, Actor, Document, Event, Failure
from ..settings import Settings

__all__ = ["GoldRecord", "Scores", "Evaluation", "load_gold", "evaluate", "compare_to_baseline",
           "RENAMED_TYPES"]

# PLOVER 0.5b1 (2016) names -> the sixteen current types.
RENAMED_TYPES: dict[str, str] = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE",
                                 "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NONE = "-"


@dataclass(frozen=True)
class GoldRecord:
    """One gold sentence and its event; actors as comparison keys (country or sector)."""

    id: str
    text: str
    type: str
    date: date | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    reciprocal: bool = False
    place: str | None = None

    def dyads(self) -> set[tuple[str, str | None]]:
        """The acceptable (source, target) pairs of this record."""
        pairs: set[tuple[str, str | None]] = {(s, t) for s in self.sources
                                              for t in self.targets}
        if self.reciprocal and len(self.sources) > 1:
            # Reciprocal actors are each other's targets, not their own.
            pairs |= {(s, t) for i, s in enumerate(self.sources)
                      for j, t in enumerate(self.sources) if i != j}
        if not pairs:
            pairs = {(s, None) for s in self.sources}
        return pairs


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class RecordResult:
    """What the coder predicted for one gold record (counted predictions only)."""

    id: str
    gold: str
    gold_dyads: list[tuple[str, str | None]]
    predicted: list[tuple[str, str | None, str | None]]
    type_hit: bool
    dyad_hit: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "gold": self.gold,
                "gold_dyads": [list(d) for d in sorted(self.gold_dyads, key=str)],
                "predicted": [list(p) for p in self.predicted],
                "type_hit": self.type_hit, "dyad_hit": self.dyad_hit}


@dataclass
class Evaluation:
    """Precision, recall and F1 per type and overall, for type and type + dyad."""

    gold: str
    records: int
    modalities: tuple[str, ...]
    by_type: dict[str, Scores] = field(default_factory=dict)
    by_type_dyad: dict[str, Scores] = field(default_factory=dict)
    confusion: dict[str, Counter[str]] = field(default_factory=dict)
    results: list[RecordResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def type(self) -> Scores:
        return _total(self.by_type.values())

    @property
    def dyad(self) -> Scores:
        return _total(self.by_type_dyad.values())

    def figures(self) -> dict[str, float]:
        """The headline figures a baseline pins."""
        return pr_figures(self.type, self.dyad)

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "gold": self.gold, "records": self.records, "modalities": list(self.modalities),
            "overall": {"type": self.type.to_dict(), "type_dyad": self.dyad.to_dict()},
            "by_type": {t: {"type": self.by_type[t].to_dict(),
                            "type_dyad": self.by_type_dyad[t].to_dict()}
                        for t in PLOVER_TYPES if t in self.by_type},
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
            "failures": [str(f) for f in self.failures],
        }
        if details:
            out["records_detail"] = [r.to_dict() for r in self.results]
        return out


def pr_figures(kind: Scores, dyad: Scores) -> dict[str, float]:
    """Precision, recall and F1 for type and for type + dyad, as baselines pin them."""
    return {"type_precision": round(kind.precision, 4), "type_recall": round(kind.recall, 4),
            "type_f1": round(kind.f1, 4), "dyad_precision": round(dyad.precision, 4),
            "dyad_recall": round(dyad.recall, 4), "dyad_f1": round(dyad.f1, 4)}


def _total(scores: Iterable[Scores]) -> Scores:
    total = Scores()
    for s in scores:
        total.tp += s.tp
        total.fp += s.fp
        total.fn += s.fn
    return total


# -- reading the gold --------------------------------------------------------------------


class _Codes:
    """Turns gold actor codes and coded actors into the same comparison key."""

    def __init__(self) -> None:
        from ..actors import load_kb  # the coding stages load spaCy: imported when used

        self.countries = set(load_kb().countries)
        path = package_path("legacy_codes.csv")
        self.legacy = {row["legacy"]: row["code"]
                       for _, row in iter_rows(path, ("legacy", "code"))}

    def gold_key(self, code: str) -> str | None:
        code = code.strip().upper()
        if not code:
            return None
        head = self.legacy.get(code[:3], code[:3])
        return head if head in self.countries else code[:3]

    @staticmethod
    def actor_key(actor: Actor | None) -> str | None:
        if actor is None:
            return None
        return actor.country or actor.sector


def _actor_list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict)]
    return []  # null, "" and stray strings mean no actor


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold file in the PLOVER gold-record format. Raises :class:`InputError`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read the gold file: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a JSON gold file ({exc})") from exc
    if not isinstance(data, list):
        raise InputError(str(path), "a gold file is a JSON list of records")
    codes = _Codes()
    records: list[GoldRecord] = []
    for n, raw in enumerate(data):
        if not isinstance(raw, dict) or raw.get("event") == "DOCUMENT":
            continue
        event = str(raw.get("event", "")).upper()
        kind = RENAMED_TYPES.get(event, event)
        text = raw.get("text")
        if kind not in PLOVER_TYPES or not isinstance(text, str) or not text.strip():
            raise InputError(f"{path}[{n}]", f"record {raw.get('id')!r} needs a text and one "
                             f"of the PLOVER types as event (found {event!r})")
        info = raw.get("textInfo")
        markup = str(info.get("markup", "")) if isinstance(info, dict) else str(info or "")
        loc = raw.get("eventLoc")
        records.append(GoldRecord(
            id=str(raw.get("id") or f"record-{n}"), text=text.strip(), type=kind,
            date=_gold_date(raw.get("date")),
            sources=_keys(codes, raw.get("source")), targets=_keys(codes, raw.get("target")),
            reciprocal="SRC/TAR" in markup,
            place=str(loc["name"]) if isinstance(loc, dict) and loc.get("name") else None))
    if not records:
        raise InputError(str(path), "the gold file holds no event records")
    return records


def _keys(codes: _Codes, value: Any) -> tuple[str, ...]:
    keys = [codes.gold_key(str(a.get("code", ""))) for a in _actor_list(value)]
    return tuple(dict.fromkeys(k for k in keys if k))


def _gold_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


# -- scoring -----------------------------------------------------------------------------


def _documents(records: list[GoldRecord], origin: str) -> Iterator[Document]:
    for rec in records:
        yield Document(id=rec.id, text=rec.text, origin=f"{origin}#{rec.id}", date=rec.date)


def evaluate(gold_path: str | Path, modalities: Iterable[str] = ("asserted",),
             settings: Settings | None = None) -> Evaluation:
    """Code every gold record and score the predictions (see the module docstring).

    Example::

        ev = evaluate("../shared/gold/plover-gsr/PLOVER_GSR_CAMEO.txt")
        print(ev.type.f1, ev.dyad.f1)
    """
    records = load_gold(gold_path)
    counted = tuple(modalities)
    unknown = [m for m in counted if m not in ("asserted", "negated", "intended", "hypothetical")]
    if unknown or not counted:
        raise ConfigError(f"modalities must be among asserted, negated, intended, "
                          f"hypothetical (got {', '.join(counted) or 'none'})")
    from ..coding import Pipeline  # loads spaCy: not when the CLI only lists its commands

    settings = settings or Settings.load()
    codes = _Codes()
    ev = Evaluation(gold=str(gold_path), records=len(records), modalities=counted)
    coded: dict[str, list[Event]] = {}
    for item in Pipeline(settings=settings).run(_documents(records, str(gold_path))):
        if isinstance(item, Failure):
            ev.failures.append(item)
        else:
            coded[item.id] = [e for e in item.events if e.modality in counted]
    for rec in records:
        _score(ev, rec, coded.get(rec.id, []), codes)
    return ev


def _score(ev: Evaluation, rec: GoldRecord, events: list[Event], codes: _Codes) -> None:
    for table in (ev.by_type, ev.by_type_dyad):
        table.setdefault(rec.type, Scores())
    predicted = list(dict.fromkeys(
        (e.type, codes.actor_key(e.source), codes.actor_key(e.target)) for e in events))
    types = list(dict.fromkeys(p[0] for p in predicted))
    type_hit = rec.type in types
    _count(ev.by_type, rec.type, type_hit, [t for t in types if t != rec.type])
    gold = rec.dyads()
    right = [p for p in predicted if p[0] == rec.type and p[1] is not None
             and (p[1], p[2]) in gold]
    dyad_hit = bool(right)
    _count(ev.by_type_dyad, rec.type, dyad_hit, [p[0] for p in predicted if p not in right])
    row = ev.confusion.setdefault(rec.type, Counter())
    for t in types or [NONE]:
        row[t] += 1
    ev.results.append(RecordResult(rec.id, rec.type, sorted(gold, key=str), predicted,
                                   type_hit, dyad_hit))


def _count(table: dict[str, Scores], gold: str, hit: bool, wrong: list[str]) -> None:
    if hit:
        table[gold].tp += 1
    else:
        table[gold].fn += 1
    for kind in wrong:
        table.setdefault(kind, Scores()).fp += 1


# -- baseline ----------------------------------------------------------------------------


def compare_to_baseline(ev: Evaluation, baseline: str | Path, tolerance: float = 0.01
                        ) -> list[str]:
    """The figures that fell more than ``tolerance`` below the pinned ``baseline`` (JSON
    ``{"figures": {name: value}}``), one line each; empty when none did."""
    path = Path(baseline)
    try:
        pinned = json.loads(path.read_text(encoding="utf-8"))["figures"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a baseline file with a 'figures' object ({exc})"
                         ) from exc
    now = ev.figures()
    drops = []
    for name, value in sorted(pinned.items()):
        if name in now and now[name] < float(value) - tolerance:
            drops.append(f"{name} fell from {float(value):.4f} to {now[name]:.4f}")
    return drops
