"""Commands that judge the coder: ``evaluate`` (against gold records) and ``explain``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from ..evaluate import NONE, Evaluation, compare_to_baseline, evaluate
from ..explain import explain
from ..models import MODALITIES, PLOVER_TYPES
from ..settings import Settings
from ._output import EXIT_OK, EXIT_SOME_FAILED
from ._registry import Command, add_format


def cmd_evaluate(args: argparse.Namespace, settings: Settings) -> int:
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
        drops = compare_to_baseline(ev, args.baseline, args.tolerance)
        for drop in drops:
            print(f"newsevents: below the baseline {args.baseline}: {drop}", file=sys.stderr)
        if drops:
            return EXIT_SOME_FAILED
    return EXIT_OK


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
    out.write("\nconfusion (rows: gold type; columns: predicted types, "
              f"{NONE} = none predicted)\n")
    columns = [t for t in PLOVER_TYPES if any(t in row for row in ev.confusion.values())]
    columns.append(NONE)
    short = {c: c[:4] for c in columns}
    out.write(f"{'':<10}" + "".join(f"{short[c]:>5}" for c in columns) + "\n")
    for gold in [t for t in PLOVER_TYPES if t in ev.confusion]:
        row = ev.confusion[gold]
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


def _setup_evaluate(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", metavar="GOLD",
                   help="gold records in the PLOVER format (a JSON list of coded sentences)")
    add_format(p, ("table", "json"), "table")
    p.add_argument("--modality", action="append", choices=MODALITIES,
                   help="count predictions of this modality (repeatable; default asserted)")
    p.add_argument("--details", action="store_true",
                   help="with --format json: each record's gold and predicted events")
    p.add_argument("--baseline", metavar="FILE",
                   help="pinned figures (JSON {\"figures\": {...}}); exit 1 if any fell")
    p.add_argument("--tolerance", type=float, default=0.01,
                   help="how far a figure may fall below the baseline (default 0.01)")


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
    Command("explain", "Show why a stored event was coded as it was: rule, actors, "
                       "modality, date and place.",
            "newsevents explain e39b4de8 --db news.duckdb", _setup_explain,
            cmd_explain),
)
