"""Commands that judge the coder: ``evaluate`` (against gold records) and ``explain``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import TextIO

from ..evaluate import NONE, Evaluation, compare_to_baseline, evaluate
from ..evaluate.realnews import RealNewsEvaluation, evaluate_realnews
from ..evaluate.scoreboard import SETS, compare, scoreboard
from ..explain import explain
from ..models import MODALITIES, PLOVER_TYPES
from ..settings import Settings
from ._output import EXIT_OK, EXIT_SOME_FAILED
from ._registry import Command, add_format


def cmd_evaluate(args: argparse.Namespace, settings: Settings) -> int:
    if str(args.gold).endswith(".jsonl"):
        return _evaluate_realnews(args, settings)
    ev = evaluate(args.gold, modalities=tuple(args.modality or ("asserted",)),
                  settings=settings)
    if args.format == "json":
        json.dump(ev.to_dict(details=args.details), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        write_table(ev, sys.stdout)
    for failure in ev.failures:
        print(f"newsevents: {failure}", file=sys.stderr)
    if args.baseline:
        return _report_drops(compare_to_baseline(ev, args.baseline, args.tolerance),
                             args.baseline)
    return EXIT_OK


def _report_drops(drops: list[str], baseline: str) -> int:
    for drop in drops:
        print(f"newsevents: below the baseline {baseline}: {drop}", file=sys.stderr)
    return EXIT_SOME_FAILED if drops else EXIT_OK


def _evaluate_realnews(args: argparse.Namespace, settings: Settings) -> int:
    ev = evaluate_realnews(args.gold, args.corpus, settings=settings, split=args.split,
                           case=args.case)
    if args.format == "json":
        json.dump(ev.to_dict(details=args.details), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        write_realnews_table(ev, sys.stdout, misses=args.details)
    for failure in ev.failures:
        print(f"newsevents: {failure}", file=sys.stderr)
    return EXIT_OK


def write_realnews_table(ev: RealNewsEvaluation, out: TextIO, misses: bool = False) -> None:
    """The figures, per type P/R/F1, the confusion table and (``misses``) the misses."""
    out.write(f"{ev.units} units, {ev.gold_events} gold events (asserted)\n\n")
    for name, value in ev.figures().items():
        out.write(f"{name:<24} {value:.3f}\n")
    out.write(f"\n{'type':<10} {'n':>4}  {'P':>6}{'R':>7}{'F1':>7}\n")
    for kind in [t for t in PLOVER_TYPES if t in ev.by_type]:
        t = ev.by_type[kind]
        out.write(f"{kind:<10} {t.tp + t.fn:>4}  {t.precision:>6.3f}{t.recall:>7.3f}"
                  f"{t.f1:>7.3f}\n")
    _confusion(ev.confusion, out)
    if misses:
        out.write("\nmissed gold events (unit, type, trigger)\n")
        for miss in ev.misses:
            out.write(f"  {miss['sid']}  {miss['type']:<10} {miss.get('trigger', '')}\n")


def write_table(ev: Evaluation, out: TextIO) -> None:
    """Per-type and overall precision/recall/F1, then the confusion table."""
    out.write(f"gold: {ev.gold} ({ev.records} records; predictions counted: "
              f"{', '.join(ev.modalities)})\n\n")
    out.write(f"{'':<10} {'':>4}  {'type':^20}   {'type + dyad':^20}\n")
    out.write(f"{'type':<10} {'n':>4}  {'P':>6}{'R':>7}{'F1':>7}   {'P':>6}{'R':>7}{'F1':>7}\n")
    kinds = [t for t in PLOVER_TYPES if t in ev.by_type]
    for kind in [*kinds, "overall"]:
        t = ev.type if kind == "overall" else ev.by_type[kind]
        d = ev.dyad if kind == "overall" else ev.by_type_dyad[kind]
        out.write(f"{kind:<10} {t.tp + t.fn:>4}  {t.precision:>6.3f}{t.recall:>7.3f}"
                  f"{t.f1:>7.3f}   {d.precision:>6.3f}{d.recall:>7.3f}{d.f1:>7.3f}\n")
    _confusion(ev.confusion, out)


def _confusion(confusion: dict[str, Counter[str]], out: TextIO) -> None:
    out.write("\nconfusion (rows: gold type; columns: predicted types, "
              f"{NONE} = none predicted)\n")
    columns = [t for t in PLOVER_TYPES if any(t in row for row in confusion.values())]
    columns.append(NONE)
    short = {c: c[:4] for c in columns}
    out.write(f"{'':<10}" + "".join(f"{short[c]:>5}" for c in columns) + "\n")
    for gold in [t for t in PLOVER_TYPES if t in confusion]:
        row = confusion[gold]
        out.write(f"{gold:<10}" + "".join(f"{row.get(c, 0) or '.':>5}" for c in columns)
                  + "\n")


def cmd_explain(args: argparse.Namespace, settings: Settings) -> int:
    result = explain(args.event_id, db=args.db, settings=settings)
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(result.text())
    return EXIT_OK


def cmd_scoreboard(args: argparse.Namespace, settings: Settings) -> int:
    sets = tuple(s.strip() for s in args.sets.split(",")) if args.sets else SETS
    board = scoreboard(sets, settings=settings)
    if args.format == "json":
        json.dump(board.to_dict(), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(board.table())
    if args.baseline:
        return _report_drops(compare(board, args.baseline, args.tolerance), args.baseline)
    return EXIT_OK


def cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    from ..training import train

    report = train(args.gold, args.corpus, args.out, settings=settings, wire=not args.no_wire)
    sys.stdout.write(report.text())
    return EXIT_OK


def _add_baseline(p: argparse.ArgumentParser) -> None:
    """``--baseline`` and ``--tolerance``: the pinned figures a run must not fall below."""
    p.add_argument("--baseline", metavar="FILE",
                   help="pinned figures (JSON with a 'figures' object); exit 1 if any fell")
    p.add_argument("--tolerance", type=float, default=0.01,
                   help="how far a figure may fall below the baseline (default 0.01)")


def _setup_scoreboard(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sets", metavar="LIST",
                   help=f"comma-separated dev sets (default all: {','.join(SETS)})")
    add_format(p, ("table", "json"), "table")
    _add_baseline(p)


def _setup_train(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", metavar="FILE",
                   help="the annotations (default gold/news-cluster/gold.jsonl)")
    p.add_argument("--corpus", metavar="FILE",
                   help="the articles they point into (default "
                        "../shared/corpus/news-cluster.jsonl)")
    p.add_argument("--out", metavar="FILE",
                   help="where to write the model (default: the packaged "
                        "newsevents/data/models/events.json)")
    p.add_argument("--no-wire", action="store_true",
                   help="train on the articles' gold alone, without the annotated wire "
                        "sentences of gold/wire")


def _setup_evaluate(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", metavar="GOLD",
                   help="gold records in the PLOVER format (a JSON list of coded sentences), "
                        "or the project's real-news annotations (.jsonl, pointing into "
                        "--corpus)")
    p.add_argument("--corpus", metavar="FILE",
                   help="with .jsonl gold: the articles it points into (default "
                        "../shared/corpus/news-cluster.jsonl)")
    p.add_argument("--split", choices=("dev", "train", "all"), default="dev",
                   help="with .jsonl gold: the stories to score (default dev: those the "
                        "event model never trained on)")
    p.add_argument("--case", choices=("lower", "upper"),
                   help="with .jsonl gold: code the articles all in lower case or all in "
                        "capitals, as wire dumps come (default: as written)")
    add_format(p, ("table", "json"), "table")
    p.add_argument("--modality", action="append", choices=MODALITIES,
                   help="count predictions of this modality (repeatable; default asserted)")
    p.add_argument("--details", action="store_true",
                   help="each record's gold and predicted events (json); with .jsonl gold "
                        "also the misses (table)")
    _add_baseline(p)


def _setup_explain(p: argparse.ArgumentParser) -> None:
    p.add_argument("event_id", metavar="EVENT_ID",
                   help="an event id from the store, or any prefix of it that no other "
                        "event's id starts with (the short id 'newsevents events' shows)")
    p.add_argument("--db", help="the DuckDB store (default ./newsevents.duckdb or "
                                "$NEWSEVENTS_DB)")
    add_format(p, ("text", "json"), "text")


COMMANDS = (
    Command("evaluate", "Score the coder on gold event records: P/R/F1 per type, for type "
                        "and type + dyad, and a confusion table.",
            "newsevents evaluate newsevents/examples/gold.json --format table",
            _setup_evaluate, cmd_evaluate),
    Command("scoreboard", "Score the coder on every dev set in one table, each figure "
                          "beside its target.",
            "newsevents scoreboard --sets realnews,plover", _setup_scoreboard,
            cmd_scoreboard),
    Command("train", "Rebuild the event model from the project's real-news annotations "
                     "(CPU, fixed seed; needs scikit-learn).",
            "newsevents train --out /tmp/events.json", _setup_train, cmd_train),
    Command("explain", "Show why a stored event was coded as it was: rule, actors, "
                       "modality, date and place.",
            "newsevents explain e39b4de8 --db news.duckdb", _setup_explain,
            cmd_explain),
)
