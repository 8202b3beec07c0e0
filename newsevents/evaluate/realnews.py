"""The project's real-news gold: annotations pointing into ``../shared/corpus``.

The gold (``gold/news-cluster/``, made as ``docs/annotation.md`` says) holds no publisher's
text: each unit is a document id and character offsets into the corpus record's ``text``,
and each event's trigger, source and target are offsets too. This module reads it, codes
the articles it points into as whole articles (so context, datelines and coreference work as
they do for a user), assigns each coded event to the unit that holds its trigger, and scores
the asserted events unit by unit:

* *type*: the multiset of types per unit, gold against predicted (micro P/R/F1);
* *type + dyad*: the same over (type, source key, target key); an actor's key is its country,
  or its sector when it has none (``IGO``); a gold actor with no code matches any;
* *actors*, over the events whose type is right (each gold event paired with the predicted
  event of its type in its unit that agrees best): source country, source country + sector,
  target country, and both source and target right;
* *recall*: of the gold events, the share found with the right type.

The same scoring compares two annotators (:func:`agreement`): that is the ceiling.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..casing import one_case
from ..errors import ConfigError, InputError
from ..models import PLOVER_TYPES, Actor, Document, Event, Failure
from ..settings import Settings
from .plover import NONE, Scores, _Codes, _total, pr_figures

__all__ = ["GoldEvent", "GoldUnit", "RealNewsEvaluation", "load_units", "load_corpus",
           "evaluate_realnews", "evaluate_wire", "agreement", "score", "default_gold_dir",
           "default_corpus",
           "default_wire_gold", "default_wire_dev_gold", "default_wire_items",
           "load_wire_items"]

_ROOT = Path(__file__).resolve().parents[2]


def default_gold_dir() -> Path:
    """``gold/news-cluster`` of the source tree (the gold is not installed with the package)."""
    return _ROOT / "gold" / "news-cluster"


def default_wire_gold() -> Path:
    """``gold/wire/gold.jsonl``: the project's annotations of single wire sentences."""
    return _ROOT / "gold" / "wire" / "gold.jsonl"


def default_wire_dev_gold() -> Path:
    """``gold/wire-dev/gold.jsonl``: annotated wire sentences the event model never trains
    on (a second real-news dev set, from another source than the news-cluster stories)."""
    return _ROOT / "gold" / "wire-dev" / "gold.jsonl"


def default_wire_items() -> Path:
    """The MIT-licensed event-location sentences the wire gold points into."""
    return _ROOT.parent / "shared" / "gold" / "event-location" / "items.jsonl.gz"


# The wire sentences come without stories; for training they fall into this many groups, so
# that the words a group's candidates count as learned triggers come from the other groups.
WIRE_GROUPS = 5
WIRE_STORY = "wire-"


def load_wire_items(path: str | Path) -> dict[str, dict[str, Any]]:
    """The event-location sentences by id, as corpus-like records (``text``, ``dId``, and a
    pseudo-story ``event`` of ``wire-0`` .. ``wire-4``). Raises :class:`InputError`."""
    import gzip

    records: dict[str, dict[str, Any]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    item = json.loads(line)
                    group = _bucket(item["id"], WIRE_GROUPS)
                    records[item["id"]] = {"dId": item["id"], "text": item["text"],
                                           "event": f"{WIRE_STORY}{group}",
                                           "date": item.get("date") or None}
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(path), f"cannot read the wire sentences: {exc}") from exc
    return records


def _bucket(name: str, n: int) -> int:
    """A fixed one of ``n`` buckets for ``name``, the same on every run and machine."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % n


def split_of(story: str) -> str:
    """``dev`` or ``train``: all the articles of a story fall on one side, so the dev
    figures are on stories the event model never saw."""
    return "dev" if _bucket(story, 3) == 0 else "train"


def default_corpus() -> Path:
    return _ROOT.parent / "shared" / "corpus" / "news-cluster.jsonl"


@dataclass(frozen=True)
class GoldEvent:
    """One annotated event, its actors as codes (``""`` when unknown)."""

    type: str
    modality: str
    source_code: str
    target_code: str
    trigger: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    mode: str = ""


@dataclass
class GoldUnit:
    sid: str
    doc_id: str
    start: int
    end: int
    kind: str = "sentence"
    events: list[GoldEvent] = field(default_factory=list)


@dataclass(frozen=True)
class _Key:
    """An event as compared: type and each actor's country and sector."""

    type: str
    src_country: str | None
    src_sector: str | None
    tgt_country: str | None
    tgt_sector: str | None
    has_target: bool


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return (value[0], value[1])
    return None


def load_units(path: str | Path) -> list[GoldUnit]:
    """Read an annotation file (JSONL, one unit a line). Raises :class:`InputError`."""
    path = Path(path)
    units: list[GoldUnit] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the gold: {exc.strerror or exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            events = [GoldEvent(type=e["type"], modality=e.get("modality", "asserted"),
                                source_code=e.get("source_code") or "",
                                target_code=e.get("target_code") or "",
                                trigger=_span(e.get("trigger")), source=_span(e.get("source")),
                                target=_span(e.get("target")), mode=e.get("mode") or "")
                      for e in raw.get("events", [])]
            units.append(GoldUnit(raw["sid"], raw["doc_id"], int(raw["start"]),
                                  int(raw["end"]), raw.get("kind", "sentence"), events))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}", f"not a gold unit ({exc})") from exc
        bad = [e.type for e in units[-1].events if e.type not in PLOVER_TYPES]
        if bad:
            raise InputError(f"{path}:{n}", f"unknown event type {bad[0]!r}")
    return units


def load_corpus(path: str | Path) -> dict[str, dict[str, Any]]:
    """The corpus records by document id (``dId``)."""
    records: dict[str, dict[str, Any]] = {}
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                records[rec["dId"]] = rec
    return records


# -- comparing -----------------------------------------------------------------------------


class _Keys:
    def __init__(self) -> None:
        self.codes = _Codes()

    def of_code(self, code: str) -> tuple[str | None, str | None]:
        code = code.strip().upper()
        if not code:
            return None, None
        key = self.codes.gold_key(code)
        if key in self.codes.countries:
            return key, (code[3:6] or None)
        return None, code[:3]

    def gold(self, e: GoldEvent) -> _Key:
        sc, ss = self.of_code(e.source_code)
        tc, ts = self.of_code(e.target_code)
        return _Key(e.type, sc, ss, tc, ts, bool(e.target_code or e.target))

    @staticmethod
    def predicted(e: Event) -> _Key:
        def parts(a: Actor | None) -> tuple[str | None, str | None]:
            return (a.country, a.sector) if a else (None, None)
        sc, ss = parts(e.source)
        tc, ts = parts(e.target)
        return _Key(e.type, sc, ss, tc, ts, e.target is not None)


def _actor_key(country: str | None, sector: str | None) -> str | None:
    return country or sector


def _dyad_match(gold: _Key, pred: _Key) -> bool:
    if gold.type != pred.type:
        return False
    gs = _actor_key(gold.src_country, gold.src_sector)
    if gs is not None and gs != _actor_key(pred.src_country, pred.src_sector):
        return False
    gt = _actor_key(gold.tgt_country, gold.tgt_sector)
    if gt is not None:
        return gt == _actor_key(pred.tgt_country, pred.tgt_sector)
    # A gold recipient with no code matches any; no gold recipient matches none coded.
    return gold.has_target or _actor_key(pred.tgt_country, pred.tgt_sector) is None


@dataclass
class ActorScores:
    """Actor figures over gold events whose type the prediction got right."""

    pairs: int = 0
    source_country: int = 0
    source_sector: int = 0
    target_country: int = 0
    both: int = 0

    def share(self, n: int) -> float:
        return n / self.pairs if self.pairs else 0.0

    def figures(self) -> dict[str, float]:
        return {"source_country": round(self.share(self.source_country), 4),
                "source_country_sector": round(self.share(self.source_sector), 4),
                "target_country": round(self.share(self.target_country), 4),
                "both_actors": round(self.share(self.both), 4)}


@dataclass
class RealNewsEvaluation:
    units: int
    gold_events: int
    by_type: dict[str, Scores] = field(default_factory=dict)
    dyad: Scores = field(default_factory=Scores)
    actors: ActorScores = field(default_factory=ActorScores)
    confusion: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def type(self) -> Scores:
        return _total(self.by_type.values())

    def figures(self) -> dict[str, float]:
        return {**pr_figures(self.type, self.dyad), **self.actors.figures()}

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "units": self.units, "gold_events": self.gold_events, "figures": self.figures(),
            "by_type": {t: self.by_type[t].to_dict() for t in PLOVER_TYPES
                        if t in self.by_type},
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
            "failures": [str(f) for f in self.failures]}
        if details:
            out["misses"] = self.misses
            out["false_alarms"] = self.false_alarms
        return out


def score(gold: dict[str, list[_Key]], predicted: dict[str, list[_Key]],
          units: Iterable[str]) -> RealNewsEvaluation:
    """Score predicted keys against gold keys, unit by unit (see the module docstring)."""
    units = list(units)
    ev = RealNewsEvaluation(units=len(units), gold_events=sum(len(gold.get(u, []))
                                                               for u in units))
    for sid in units:
        g, p = gold.get(sid, []), predicted.get(sid, [])
        _score_unit(ev, sid, g, p)
    return ev


def _score_unit(ev: RealNewsEvaluation, sid: str, gold: list[_Key], pred: list[_Key]) -> None:
    gt, pt = Counter(k.type for k in gold), Counter(k.type for k in pred)
    for t in set(gt) | set(pt):
        s = ev.by_type.setdefault(t, Scores())
        hit = min(gt[t], pt[t])
        s.tp += hit
        s.fn += gt[t] - hit
        s.fp += pt[t] - hit
    for k in gold:
        row = ev.confusion.setdefault(k.type, Counter())
        others = [t for t in pt if t != k.type]
        if pt[k.type]:
            row[k.type] += 1
        for t in others or ([] if pt[k.type] else [NONE]):
            row[t] += 1
    # Type + dyad: greedy one-to-one matching.
    free = list(pred)
    for k in gold:
        match = next((p for p in free if _dyad_match(k, p)), None)
        if match is not None:
            free.remove(match)
            ev.dyad.tp += 1
        else:
            ev.dyad.fn += 1
    ev.dyad.fp += len(free)
    # Actors, over right types: pair each gold event with its best same-type prediction.
    free = list(pred)
    for k in gold:
        same = [p for p in free if p.type == k.type]
        if not same:
            ev.misses.append({"sid": sid, "type": k.type})
            continue
        best = max(same, key=lambda p: _agreement_points(k, p))
        free.remove(best)
        a = ev.actors
        a.pairs += 1
        gold_src = _actor_key(k.src_country, k.src_sector)
        src = gold_src is None or gold_src == _actor_key(best.src_country, best.src_sector)
        a.source_country += src
        a.source_sector += src and (k.src_sector is None or k.src_sector == best.src_sector)
        tgt = (_actor_key(k.tgt_country, k.tgt_sector) is None
               or _actor_key(k.tgt_country, k.tgt_sector)
               == _actor_key(best.tgt_country, best.tgt_sector))
        a.target_country += tgt
        a.both += src and tgt
    for p in free:
        if not any(k.type == p.type for k in gold):
            ev.false_alarms.append({"sid": sid, "type": p.type})


def _agreement_points(g: _Key, p: _Key) -> int:
    return (2 * (g.src_country == p.src_country) + (g.src_sector == p.src_sector)
            + 2 * (_actor_key(g.tgt_country, g.tgt_sector)
                   == _actor_key(p.tgt_country, p.tgt_sector)))


def gold_keys(units: Iterable[GoldUnit], modalities: tuple[str, ...] = ("asserted",)
              ) -> dict[str, list[_Key]]:
    keys = _Keys()
    return {u.sid: [keys.gold(e) for e in u.events if e.modality in modalities]
            for u in units}


def agreement(a: list[GoldUnit], b: list[GoldUnit]) -> RealNewsEvaluation:
    """Annotator B scored against annotator A, over the units both coded."""
    both = [u.sid for u in a if u.sid in {v.sid for v in b}]
    return score(gold_keys(a), gold_keys(b), both)


# -- coding the articles -----------------------------------------------------------------


def _documents(records: dict[str, dict[str, Any]], doc_ids: Iterable[str],
               settings: Settings) -> Iterator[Document | Failure]:
    from ..read.records import record_document

    for doc_id in doc_ids:
        yield record_document(records[doc_id], f"news-cluster:{doc_id[:12]}", doc_id, settings)


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with runs of white space as one space, and each kept character's offset."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
        else:
            out.append(ch)
            where.append(i)
            space = False
    return "".join(out), where


def _starts(haystack: str, needle: str) -> list[int]:
    out: list[int] = []
    at = haystack.find(needle)
    while at >= 0 and needle:
        out.append(at)
        at = haystack.find(needle, at + 1)
    return out


def locate(raw: tuple[str, list[int]], event: Event,
           text: tuple[str, list[int]] | None = None) -> int | None:
    """The offset in the raw text of the event's trigger, found through its sentence;
    ``raw`` is that text as :func:`_normalised` gives it. A sentence an article repeats (a
    quote told twice) is taken at the same copy as in ``text``, the coded document's own
    text normalised the same way, so each copy's events count for its own unit."""
    norm, where = raw
    sentence = _normalised(event.sentence)[0].strip()
    found = _starts(norm, sentence)
    if not found:
        return None
    copy = 0
    start = event.evidence.sentence_start if event.evidence is not None else None
    if text is not None and start is not None and len(found) > 1:
        own, kept = text
        before = bisect.bisect_left(kept, start)  # the characters kept before the sentence
        copy = max(sum(1 for at in _starts(own, sentence) if at <= before) - 1, 0)
    at = found[min(copy, len(found) - 1)]
    inside = sentence.find(event.trigger) if event.trigger else -1
    return where[min(at + max(inside, 0), len(where) - 1)]


def code_units(units: list[GoldUnit], records: dict[str, dict[str, Any]],
               settings: Settings | None = None,
               modalities: tuple[str, ...] = ("asserted",)
               ) -> tuple[dict[str, list[Event]], list[Failure]]:
    """Code the articles the units point into; each counted event goes to its unit."""
    from ..coding import Pipeline

    settings = settings or Settings.load()
    by_doc: dict[str, list[GoldUnit]] = {}
    for u in units:
        by_doc.setdefault(u.doc_id, []).append(u)
    out: dict[str, list[Event]] = {u.sid: [] for u in units}
    failures: list[Failure] = []
    for item in Pipeline(settings=settings).run(_documents(records, by_doc, settings)):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        raw = _normalised(records[item.id]["text"])  # once an article, not once an event
        text = _normalised(item.text)
        doc_units = by_doc.get(item.id, [])
        for event in item.events:
            if event.modality not in modalities:
                continue
            at = locate(raw, event, text)
            unit = next((u for u in doc_units if at is not None and u.start <= at < u.end),
                        None)
            if unit is not None:
                out[unit.sid].append(event)
    return out, failures


def load_split(gold: str | Path | None, corpus: str | Path | None, split: str
               ) -> tuple[list[GoldUnit], dict[str, dict[str, Any]]]:
    """The gold units of ``split`` (dev, train or all) and the corpus records they point
    into; by default the repository's gold and ``../shared/corpus``."""
    gold_path = Path(gold) if gold else default_gold_dir() / "gold.jsonl"
    corpus_path = Path(corpus) if corpus else default_corpus()
    if not corpus_path.exists():
        raise InputError(str(corpus_path), "the corpus the gold points into is absent")
    records = load_corpus(corpus_path)
    units = [u for u in load_units(gold_path)
             if split == "all" or split_of(records[u.doc_id].get("event", "")) == split]
    return units, records


def evaluate_realnews(gold: str | Path | None = None, corpus: str | Path | None = None,
                      settings: Settings | None = None, split: str = "dev",
                      case: str | None = None) -> RealNewsEvaluation:
    """Code the gold's articles and score them (module docstring). ``split``: ``dev`` (the
    stories the event model never trains on, the default), ``train`` or ``all``. ``case``:
    ``lower`` or ``upper`` codes the articles written all in that case (as wire dumps and
    some archives are), to see how much the coder loses without the text's own case.

    Example::

        ev = evaluate_realnews()      # gold/news-cluster/gold.jsonl, ../shared/corpus
        print(ev.figures())
    """
    units, records = load_split(gold, corpus, split)
    if case is not None:
        records = recased(records, case)
    return _evaluate_units(units, records, settings)


def recased(records: dict[str, dict[str, Any]], case: str) -> dict[str, dict[str, Any]]:
    """The records with their texts in ``case`` (``lower`` or ``upper``), letter by letter:
    a letter whose other case is two characters ("ß", "İ") stays, so the gold's offsets
    still hold."""
    if case not in ("lower", "upper"):
        raise ConfigError(f"case must be lower or upper (got {case!r})")
    return {k: ({**r, "text": one_case(r["text"], case)} if isinstance(r.get("text"), str)
                else r) for k, r in records.items()}


def evaluate_wire(gold: str | Path | None = None, items: str | Path | None = None,
                  settings: Settings | None = None) -> RealNewsEvaluation:
    """Code the held-out wire sentences (``gold/wire-dev``, each a document of its own, as
    it was annotated) and score them as :func:`evaluate_realnews` scores articles.

    Example::

        ev = evaluate_wire()          # gold/wire-dev/gold.jsonl, ../shared/gold/event-location
        print(ev.figures()["type_f1"])
    """
    items_path = Path(items) if items else default_wire_items()
    if not items_path.exists():
        raise InputError(str(items_path), "the wire sentences the gold points into are absent")
    units = load_units(Path(gold) if gold else default_wire_dev_gold())
    wanted = {u.doc_id for u in units}
    records = {k: v for k, v in load_wire_items(items_path).items() if k in wanted}
    return _evaluate_units(units, records, settings)


def _evaluate_units(units: list[GoldUnit], records: dict[str, dict[str, Any]],
                    settings: Settings | None) -> RealNewsEvaluation:
    coded, failures = code_units(units, records, settings)
    ev = score(gold_keys(units), {sid: [_Keys.predicted(e) for e in events]
                                  for sid, events in coded.items()}, [u.sid for u in units])
    ev.failures = failures
    # Say what was missed in the article's words (read from the corpus, not stored).
    by_sid = {u.sid: u for u in units}
    for miss in ev.misses:
        unit = by_sid[miss["sid"]]
        text = records[unit.doc_id]["text"]
        spans = [e.trigger for e in unit.events if e.type == miss["type"] and e.trigger]
        miss["trigger"] = text[spans[0][0]:spans[0][1]] if spans else ""
    return ev
