"""One dev scoreboard: every dev figure in one table, each beside its target.

Sets, each skipped with a note when its data is absent:

* real news: the project's gold (``gold/news-cluster``), dev stories only (the event model
  never trains on them), and the annotators' agreement, the ceiling;
* the same stories all in lower case and all in capitals (type and type + dyad F1);
* wire (held out): the project's gold on single news-wire sentences (``gold/wire-dev``, over
  ``../shared/gold/event-location``) that the model never trains on, a second real-news set
  from other sources, with its annotators' agreement;
* PLOVER GSR (``../shared/gold/plover-gsr``), the CAMEO-manual example sentences;
* IndiaPoliceEvents, CASE 2021 and the NGEC synthetic stories (:mod:`.devsets`).

Example::

    board = scoreboard()
    print(board.table())
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..settings import Settings
from . import devsets
from .plover import evaluate
from .realnews import (
    default_corpus,
    default_gold_dir,
    default_wire_dev_gold,
    default_wire_items,
    evaluate_realnews,
    evaluate_wire,
)

__all__ = ["Row", "Scoreboard", "scoreboard", "compare", "SETS"]

SETS = ("realnews", "casing", "wire", "plover", "india", "case", "ngec")

# Each figure's target (issues 13 and 14), where there is one.
TARGETS: dict[tuple[str, str], float] = {
    ("real news", "type_f1"): 0.70,
    ("real news", "dyad_f1"): 0.55,
    ("real news", "type_recall"): 0.60,
    ("real news", "source_country"): 0.85,
    ("real news", "source_country_sector"): 0.75,
    ("real news", "target_country"): 0.75,
    ("real news", "both_actors"): 0.65,
    ("PLOVER GSR", "type_f1"): 0.80,
    ("PLOVER GSR", "dyad_f1"): 0.60,
    ("IndiaPoliceEvents", "kill_recall"): 0.60,
    ("IndiaPoliceEvents", "arrest_recall"): 0.60,
    ("IndiaPoliceEvents", "force_recall"): 0.60,
    ("IndiaPoliceEvents", "source_indcop"): 0.60,
    ("CASE 2021", "right_type"): 0.65,
    ("NGEC synthetic", "mean_type_recall"): 0.70,
}
# Figures where lower is better, with their ceiling.
CEILINGS: dict[tuple[str, str], float] = {("IndiaPoliceEvents", "false_alarm_rate"): 0.03}
# Figures where lower is better: the ceilings, and CASE's share of snippets with no PLOVER
# type that the coder gave one anyway (a false-alarm rate with no target of its own).
LOWER_IS_BETTER = frozenset({*CEILINGS, ("CASE 2021", "no_type_coded")})


@dataclass(frozen=True)
class Row:
    set: str
    figure: str
    value: float

    @property
    def target(self) -> str:
        key = (self.set, self.figure)
        if key in TARGETS:
            return f">= {TARGETS[key]:.2f}"
        if key in CEILINGS:
            return f"<= {CEILINGS[key]:.2f}"
        return ""

    @property
    def met(self) -> bool | None:
        key = (self.set, self.figure)
        if key in TARGETS:
            return self.value >= TARGETS[key]
        if key in CEILINGS:
            return self.value <= CEILINGS[key]
        return None


@dataclass
class Scoreboard:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, figures: dict[str, float]) -> None:
        self.rows.extend(Row(name, k, float(v)) for k, v in figures.items())

    def figures(self) -> dict[str, float]:
        return {f"{r.set}: {r.figure}": round(r.value, 4) for r in self.rows}

    def to_dict(self) -> dict[str, Any]:
        return {"figures": self.figures(), "notes": self.notes,
                "targets": {f"{r.set}: {r.figure}": r.target for r in self.rows if r.target},
                "seconds": {k: round(v, 1) for k, v in self.seconds.items()}}

    def table(self) -> str:
        lines = [f"{'set':<20} {'figure':<24} {'value':>7}  {'target':<8} met"]
        for r in self.rows:
            met = {True: "yes", False: "NO", None: ""}[r.met]
            lines.append(f"{r.set:<20} {r.figure:<24} {r.value:>7.3f}  {r.target:<8} {met}")
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def _shared() -> Path:
    return devsets.shared_gold()


def _realnews(board: Scoreboard, settings: Settings) -> None:
    if not default_corpus().exists():
        board.notes.append(f"real news skipped: {default_corpus()} is absent")
        return
    ev = evaluate_realnews(settings=settings, split="dev")
    board.add("real news", {**ev.figures(), "units": ev.units, "gold_events": ev.gold_events})
    path = default_gold_dir() / "agreement.json"
    if path.exists():
        agreement = json.loads(path.read_text(encoding="utf-8"))["agreement"]
        board.add("annotators A vs B", {k: agreement[k] for k in
                                        ("type_f1", "dyad_f1", "source_country",
                                         "target_country")})


def _casing(board: Scoreboard, settings: Settings) -> None:
    """The dev stories again, all in lower case and all in capitals (issue 13: caseless
    text is coded about as well as the text's own case)."""
    if not default_corpus().exists():
        board.notes.append(f"real news in one case skipped: {default_corpus()} is absent")
        return
    for case, name in (("lower", "real news, lower case"), ("upper", "real news, capitals")):
        figures = evaluate_realnews(settings=settings, split="dev", case=case).figures()
        board.add(name, {k: figures[k] for k in ("type_f1", "dyad_f1")})


def _wire(board: Scoreboard, settings: Settings) -> None:
    gold = default_wire_dev_gold()
    if not gold.exists() or not default_wire_items().exists():
        board.notes.append(f"wire (held out) skipped: {default_wire_items()} is absent")
        return
    ev = evaluate_wire(gold, settings=settings)
    board.add("wire (held out)", {**ev.figures(), "units": ev.units,
                                  "gold_events": ev.gold_events})
    agreement = json.loads((gold.parent / "agreement.json").read_text(encoding="utf-8"))
    board.add("wire annotators A vs B", {k: agreement["agreement"][k] for k in
                                         ("type_f1", "dyad_f1")})


def _plover(board: Scoreboard, settings: Settings) -> None:
    path = _shared() / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    if not path.exists():
        board.notes.append(f"PLOVER GSR skipped: {path} is absent")
        return
    ev = evaluate(path, settings=settings)
    figures = ev.figures()
    board.add("PLOVER GSR", {"type_f1": figures["type_f1"], "dyad_f1": figures["dyad_f1"]})


def _dev(name: str, run: Callable[[Settings], devsets.DevResult], folder: str
         ) -> Callable[[Scoreboard, Settings], None]:
    def score(board: Scoreboard, settings: Settings) -> None:
        if not (_shared() / folder).exists():
            board.notes.append(f"{name} skipped: {_shared() / folder} is absent")
            return
        result = run(settings)
        board.add(result.name, result.figures)
    return score


_RUNNERS: dict[str, Callable[[Scoreboard, Settings], None]] = {
    "realnews": _realnews,
    "casing": _casing,
    "wire": _wire,
    "plover": _plover,
    "india": _dev("IndiaPoliceEvents", lambda s: devsets.india_police(s),
                  "india-police-events"),
    "case": _dev("CASE 2021", lambda s: devsets.case2021(s), "case2021-task2"),
    "ngec": _dev("NGEC synthetic", lambda s: devsets.ngec(s), "ngec-synthetic"),
}


def scoreboard(sets: Iterable[str] = SETS, settings: Settings | None = None) -> Scoreboard:
    """Score the coder on every dev set in ``sets`` (see :data:`SETS`)."""
    settings = settings or Settings.load()
    board = Scoreboard()
    for name in sets:
        if name not in _RUNNERS:
            raise InputError(name, f"unknown dev set (choose from {', '.join(SETS)})")
        started = time.perf_counter()
        _RUNNERS[name](board, settings)
        board.seconds[name] = time.perf_counter() - started
    return board


def compare(board: Scoreboard, baseline: str | Path, tolerance: float = 0.01) -> list[str]:
    """The pinned figures that fell by more than ``tolerance`` (rose, for one where lower is
    better)."""
    path = Path(baseline)
    try:
        pinned = json.loads(path.read_text(encoding="utf-8"))["figures"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a scoreboard baseline ({exc})") from exc
    now = board.figures()
    lower_better = {f"{s}: {f}" for s, f in LOWER_IS_BETTER}
    drops = []
    for name, value in sorted(pinned.items()):
        if name not in now or name.endswith((": units", ": gold_events")):
            continue
        worse = (now[name] > float(value) + tolerance if name in lower_better
                 else now[name] < float(value) - tolerance)
        if worse:
            drops.append(f"{name} went from {float(value):.4f} to {now[name]:.4f}")
    return drops
