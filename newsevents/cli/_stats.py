"""The ``stats`` command: counts over time, what the series leaves out, top actors and dyads.

``table`` (the default) is for reading; ``json`` is the library's :class:`Stats` as is;
``csv`` and ``jsonl`` are the time series alone, one row per period (and group), for a
spreadsheet or a plot — what they leave out is said on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from ..models import QUAD_CLASSES
from ..settings import Settings
from ..store.query import GROUPS, PERIODS, Stats, count_names, stats
from ._explore import DB_HELP, add_event_filters, event_filters
from ._output import EXIT_OK, cut, write_csv
from ._registry import Command, add_format

# How each count and group is headed, singular and plural.
_NOUNS = {"events": ("event", "events"), "clusters": ("cluster", "clusters"),
          "stories": ("story", "stories"), "documents": ("document", "documents")}
_GROUP_HEADS = {"quad": "quad class"}


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    result = stats(db=args.db, by=args.by, group=args.group, top=args.top,
                   count=args.count, settings=settings, **event_filters(args))
    if args.format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.format in ("csv", "jsonl"):
        write_series(result, args.format, sys.stdout)
        note = left_out_text(result)
        if note:
            print(f"newsevents: {note}", file=sys.stderr)
    else:
        write_table(result, sys.stdout, args.top)
    return EXIT_OK


def plural(n: int, noun: str) -> str:
    """``1 event``, ``2 events``; ``noun`` is a key of :data:`_NOUNS` (its plural)."""
    one, many = _NOUNS.get(noun, (noun, noun))
    return f"{n} {one if n == 1 else many}"


def left_out_text(result: Stats) -> str:
    """``left out of the series: 3 events with no date; 2 events dated too coarsely for
    a week`` (a month or a year) — or "" when nothing is left out."""
    undated, coarse = result.left_out.get("undated", 0), result.left_out.get("coarse", 0)
    parts = []
    if undated:
        parts.append(f"{plural(undated, result.count)} with no date")
    if coarse:
        parts.append(f"{plural(coarse, result.count)} dated too coarsely for a {result.by}")
    return "left out of the series: " + "; ".join(parts) if parts else ""


# -- csv and jsonl: the series alone --------------------------------------------------------


def series_rows(result: Stats) -> tuple[list[str], list[dict[str, Any]]]:
    """The series as named columns: the period (``week``), the group if any (``type``),
    what is counted (``events``) and ``mean_intensity``; codes stay as stored."""
    fields = [result.by, *([result.group] if result.group else []), result.count,
              "mean_intensity"]
    rows = [{result.by: p.period.isoformat(),
             **({result.group: p.group} if result.group else {}),
             result.count: p.count, "mean_intensity": p.mean_intensity}
            for p in result.series]
    return fields, rows


def write_series(result: Stats, fmt: str, out: TextIO) -> None:
    fields, rows = series_rows(result)
    if fmt == "csv":
        write_csv(rows, fields, out)
        return
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


# -- table ----------------------------------------------------------------------------------


def write_table(result: Stats, out: TextIO, top: int = 10) -> None:
    """The summary line, the series under its heading, what it leaves out, then the top
    actors and dyads (none of them when ``top`` is 0)."""
    s = result.summary
    span = f", {_day(s.first)} to {_day(s.last)}" if s.first else ""
    mean = f", mean intensity {_num(s.mean_intensity)}" if s.events else ""
    out.write(f"{plural(s.events, 'events')} in {plural(s.documents, 'documents')}"
              f"{span}{mean}\n")
    group = result.group
    head = [result.by, *([_GROUP_HEADS.get(group, group)] if group else []), result.count,
            "mean intensity"]
    rows = [(p.period.isoformat(), *([_group_value(group, p.group)] if group else []),
             p.count, p.mean_intensity) for p in result.series]
    _table(out, f"per {result.by}" + (f" by {_GROUP_HEADS.get(group, group)}" if group
                                      else ""), head, rows)
    note = left_out_text(result)
    if note:
        out.write(f"{note}\n")
    if top:
        _tops(result, out)


def _tops(result: Stats, out: TextIO) -> None:
    _table(out, "top actors", ("code", "name", "events", "as source", "as target",
                               "mean intensity"),
           [(a.code, a.name, a.events, a.as_source, a.as_target, a.mean_intensity)
            for a in result.actors])
    _table(out, "top dyads", ("source", "target", "events", "cooperation", "conflict",
                              "mean intensity"),
           [(d.source, d.target, d.events, d.cooperation, d.conflict, d.mean_intensity)
            for d in result.dyads])


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _group_value(group: str | None, value: Any) -> Any:
    if group == "quad" and value in QUAD_CLASSES:
        return QUAD_CLASSES[value]
    return value


def _table(out: TextIO, title: str, head: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """A heading and its rows; a heading alone would say nothing, so an empty table is
    one line, ``title: none``."""
    if not rows:
        out.write(f"\n{title}: none\n")
        return
    out.write(f"\n{title}\n")
    cells = [[cut(_num(v), 30) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(head)]
    for row in [list(head), *cells]:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                  + "\n")


def _num(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _setup_stats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--by", choices=PERIODS, default="week", help="period (default week)")
    p.add_argument("--group", choices=tuple(GROUPS), help="split each period by this")
    p.add_argument("--top", type=int, default=10,
                   help="top actors and dyads (default 10; 0 leaves them out)")
    p.add_argument("--count", choices=count_names(), default="events",
                   help="what each period counts: events, clusters (distinct happenings, "
                        "however many articles report them) or stories (default events)")
    add_event_filters(p)
    add_format(p, ("table", "csv", "jsonl", "json"), "table")


COMMANDS = (
    Command("stats", "Count stored events over time, by type or dyad; what the series "
                     "leaves out (undated events); top actors and dyads. csv and jsonl give "
                     "the series alone, json everything.",
            "newsevents stats --db news.duckdb --by month --group quad --dyad PRK-KOR "
            "--undirected", _setup_stats, cmd_stats),
)
