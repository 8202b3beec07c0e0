"""The other dev sets in ``../shared/gold``, each scored with the mapping its PROVENANCE.txt
gives. Their texts are for measuring only: nothing here is trained on them.

* IndiaPoliceEvents: police KILL -> ASSAULT, ARREST -> COERCE, FORCE -> ASSAULT or COERCE,
  each by the police. Recall per label (an asserted event of the mapped type in the
  sentence), the share of those found whose source is the police (``INDCOP``), and the false
  alarm rate: police ASSAULT/COERCE events in sentences with no police event at all.
* CASE 2021: a snippet's ACLED type maps to PLOVER candidates; a snippet is right when an
  asserted predicted type is among them. Snippets whose type has no PLOVER candidate
  (disasters, "other") measure false alarms instead.
* NGEC synthetic stories: type recall per PLOVER type (the prompted type among the asserted
  predicted types), averaged over the 16 types.

Each is coded through the same :class:`~newsevents.coding.Pipeline` a user runs; a sentence
or snippet is a one-paragraph document published on its date (or undated).
"""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..models import PLOVER_TYPES, Document, Event, Failure
from ..settings import Settings

__all__ = ["shared_gold", "india_police", "case2021", "ngec", "DevResult"]

_ROOT = Path(__file__).resolve().parents[2]
POLICE_TYPES = {"KILL": ("ASSAULT",), "ARREST": ("COERCE",), "FORCE": ("ASSAULT", "COERCE")}


def shared_gold() -> Path:
    return _ROOT.parent / "shared" / "gold"


@dataclass
class DevResult:
    """A dev set's headline figures and what lies behind them."""

    name: str
    figures: dict[str, float] = field(default_factory=dict)
    counts: dict[str, Any] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "figures": self.figures, "counts": self.counts,
                "failures": [str(f) for f in self.failures]}


def _rows(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _code(rows: Iterable[dict[str, Any]], settings: Settings | None
          ) -> Iterator[tuple[dict[str, Any], list[Event] | Failure]]:
    """Each row with its asserted events, in order."""
    from ..coding import Pipeline

    rows = list(rows)
    by_id = {str(r["id"]): r for r in rows}
    docs = (Document(id=str(r["id"]), text=r["text"], origin=f"dev:{r['id']}",
                     date=_date(r.get("date"))) for r in rows)
    for item in Pipeline(settings=settings or Settings.load()).run(docs):
        if isinstance(item, Failure):
            rid = item.input.removeprefix("dev:")
            yield by_id[rid], item
        else:
            yield by_id[item.id], [e for e in item.events if e.modality == "asserted"]


def _articles(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentences of each article joined into one text (one paragraph a sentence), with
    each sentence's offsets, so that an article is coded with its context."""
    by_doc: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    out = []
    for doc_id, sents in by_doc.items():
        sents.sort(key=lambda r: r["sent_id"])
        parts, spans, at = [], [], 0
        for r in sents:
            parts.append(r["text"])
            spans.append((at, at + len(r["text"]), r))
            at += len(r["text"]) + 2
        out.append({"id": f"ipe-doc-{doc_id}", "text": "\n\n".join(parts),
                    "date": sents[0].get("date"), "spans": spans})
    return out


def india_police(settings: Settings | None = None, negatives: int = 1500, seed: int = 13
                 ) -> DevResult:
    """Police KILL/ARREST/FORCE recall, the share of those found whose source is the police
    (``source_indcop``: coded INDCOP; ``source_police``: COP of India or of no country
    found), and false alarms: police ASSAULT/COERCE in ``negatives`` random sentences with
    no police event, drawn with a fixed ``seed`` from the same articles. Each article is
    coded whole, its sentences joined, as a user would code it."""
    rows = _rows(shared_gold() / "india-police-events" / "sentences.jsonl.gz")
    wanted = {r["doc_id"] for r in rows if any(g["label"] in POLICE_TYPES for g in r["gold"])}
    rows = [r for r in rows if r["doc_id"] in wanted]
    empty = [r for r in rows if not r["gold"]]
    sample = {r["id"] for r in random.Random(seed).sample(empty, min(negatives, len(empty)))}
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    strict: Counter[str] = Counter()
    lenient: Counter[str] = Counter()
    alarms = 0
    res = DevResult("IndiaPoliceEvents")
    articles = _articles(rows)
    for article, events in _code(articles, settings):
        if isinstance(events, Failure):
            res.failures.append(events)
            events = []
        for start, end, row in article["spans"]:
            here = [e for e in events if start <= _trigger_at(e) < end]
            labels = {g["label"] for g in row["gold"]}
            for label, kinds in POLICE_TYPES.items():
                if label not in labels:
                    continue
                total[label] += 1
                typed = [e for e in here if e.type in kinds]
                if typed:
                    found[label] += 1
                    police = [e for e in typed if e.source is not None
                              and e.source.sector == "COP"]
                    strict[label] += any(e.source is not None and e.source.country == "IND"
                                         for e in police)
                    lenient[label] += any(e.source is not None
                                          and e.source.country in (None, "IND")
                                          for e in police)
            if not row["gold"] and row["id"] in sample:
                alarms += any(e.type in ("ASSAULT", "COERCE") and e.source is not None
                              and e.source.sector == "COP" for e in here)
    for label in POLICE_TYPES:
        res.figures[f"{label.lower()}_recall"] = round(found[label] / total[label], 4) \
            if total[label] else 0.0
    hits = sum(found.values())
    res.figures["source_indcop"] = round(sum(strict.values()) / hits, 4) if hits else 0.0
    res.figures["source_police"] = round(sum(lenient.values()) / hits, 4) if hits else 0.0
    res.figures["false_alarm_rate"] = round(alarms / len(sample), 4) if sample else 0.0
    res.counts = {"positives": dict(total), "found": dict(found),
                  "found_by_indcop": dict(strict), "found_by_police": dict(lenient),
                  "negatives": len(sample), "false_alarms": alarms,
                  "articles": len(articles)}
    return res


def _trigger_at(event: Event) -> int:
    spans = event.evidence.trigger_spans if event.evidence else []
    return int(spans[0][0]) if spans else event.span[0]


def case2021(settings: Settings | None = None) -> DevResult:
    """The share of snippets with an asserted predicted type among their PLOVER candidates."""
    rows = _rows(shared_gold() / "case2021-task2" / "snippets.jsonl.gz")
    right = scored = empty = alarms = 0
    per_label: dict[str, list[int]] = {}
    res = DevResult("CASE 2021")
    for row, events in _code(rows, settings):
        if isinstance(events, Failure):
            res.failures.append(events)
            events = []
        candidates = {c for g in row["gold"] for c in g["plover_candidates"]}
        predicted = {e.type for e in events}
        label = row["gold"][0]["label"] if row["gold"] else "-"
        if not candidates:
            empty += 1
            alarms += bool(predicted)
            continue
        scored += 1
        hit = bool(predicted & candidates)
        right += hit
        per_label.setdefault(label, [0, 0])
        per_label[label][0] += hit
        per_label[label][1] += 1
    res.figures["right_type"] = round(right / scored, 4) if scored else 0.0
    res.figures["no_type_coded"] = round(alarms / empty, 4) if empty else 0.0
    res.counts = {"snippets": scored, "right": right, "without_plover_type": empty,
                  "by_label": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_label.items())}}
    return res


def ngec(settings: Settings | None = None, per_type: int | None = 60, seed: int = 13
         ) -> DevResult:
    """Type recall averaged over the 16 types, on ``per_type`` stories a type drawn with a
    fixed ``seed`` (None: all 4,500)."""
    rows = _rows(shared_gold() / "ngec-synthetic" / "documents.jsonl.gz")
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_type.setdefault(r["gold"][0]["plover"], []).append(r)
    rng = random.Random(seed)
    chosen = [r for t in sorted(by_type) for r in
              (by_type[t] if per_type is None else
               rng.sample(by_type[t], min(per_type, len(by_type[t]))))]
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    res = DevResult("NGEC synthetic")
    for row, events in _code(chosen, settings):
        if isinstance(events, Failure):
            res.failures.append(events)
            events = []
        kind = row["gold"][0]["plover"]
        total[kind] += 1
        found[kind] += kind in {e.type for e in events}
    recalls = {t: found[t] / total[t] for t in PLOVER_TYPES if total[t]}
    res.figures["mean_type_recall"] = round(sum(recalls.values()) / len(recalls), 4) \
        if recalls else 0.0
    res.counts = {"stories": sum(total.values()),
                  "by_type": {t: f"{found[t]}/{total[t]}" for t in PLOVER_TYPES if total[t]}}
    return res
