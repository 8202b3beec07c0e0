"""Commands that code and store: ``code``, ``ingest``, ``events``, ``actors``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from ..actors import distinct_actors
from ..models import Document, Event, Failure
from ..pipeline import code, ingest, iter_code, query_events
from ..settings import Settings
from ._output import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    cut,
    report_failure,
    write_events,
)
from ._registry import Command, add_format, add_inputs

DB_HELP = "the DuckDB store (default ./newsevents.duckdb or $NEWSEVENTS_DB)"


def cmd_code(args: argparse.Namespace, settings: Settings) -> int:
    failures = 0
    events: list[Event] = []
    for item in iter_code(args.inputs, date=args.date, settings=settings):
        if isinstance(item, Failure):
            failures += 1
            report_failure(item)
        elif args.format == "jsonl":
            write_events(item.events, "jsonl", sys.stdout)  # stream: one document at a time
        else:
            events.extend(item.events)
    if args.format != "jsonl":
        write_events(events, args.format, sys.stdout)
    return EXIT_SOME_FAILED if failures else EXIT_OK


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    result = ingest(args.inputs, db=args.db, date=args.date, settings=settings)
    for failure in result.failures:
        report_failure(failure)
    w = result.written
    print(f"{result.documents} documents coded: {w.documents_new} new, "
          f"{w.documents_replaced} replaced, {w.documents_unchanged} unchanged; "
          f"{w.events_written} events written; {len(result.failures)} failed "
          f"(store: {args.db or settings.db_path})", file=sys.stderr)
    return EXIT_SOME_FAILED if result.failures else EXIT_OK


def cmd_events(args: argparse.Namespace, settings: Settings) -> int:
    events = query_events(db=args.db, type=args.type, actor=args.actor, since=args.since,
                          until=args.until, limit=args.limit, settings=settings)
    write_events(events, args.format, sys.stdout)
    return EXIT_OK


def cmd_actors(args: argparse.Namespace, settings: Settings) -> int:
    result = code(args.inputs, date=args.date, settings=settings)
    for failure in result.failures:
        report_failure(failure)
    rows = [(doc, actor, n) for doc in result.documents
            for actor, n in distinct_actors(doc.mentions)]
    _write_actors(rows, args.format, sys.stdout)
    return EXIT_SOME_FAILED if result.failures else EXIT_OK


def _write_actors(rows: Sequence[tuple[Document, Any, int]], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for doc, actor, n in rows:
            out.write(json.dumps({"doc_id": doc.id, **actor.to_dict(), "mentions": n},
                                 ensure_ascii=False) + "\n")
        return
    out.write(f"{'doc':<20}  {'code':<8}  {'name':<28}  {'role':<36}  mentions\n")
    for doc, actor, n in rows:
        out.write(f"{cut(doc.id, 20):<20}  {actor.code or '-':<8}  {cut(actor.name, 28):<28}"
                  f"  {cut(actor.role, 36):<36}  {n}\n")


def _setup_code(p: argparse.ArgumentParser) -> None:
    add_inputs(p)
    add_format(p, ("jsonl", "table", "csv"), "table")


def _setup_ingest(p: argparse.ArgumentParser) -> None:
    add_inputs(p)
    p.add_argument("--db", help=DB_HELP)


def _setup_events(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--type", help="PLOVER type, e.g. ASSAULT")
    p.add_argument("--actor", help="actor code prefix (PRK, USAGOV) or name, source or target")
    p.add_argument("--since", metavar="DATE", help="first day (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="last day (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--limit", type=int, help="at most this many events")
    add_format(p, ("jsonl", "table", "csv"), "table")


def _setup_actors(p: argparse.ArgumentParser) -> None:
    add_inputs(p)
    add_format(p, ("jsonl", "table"), "table")


COMMANDS = (
    Command("code", "Code inputs and print their events (nothing is stored).",
            "newsevents code article.txt --date 2020-07-08 --format jsonl",
            _setup_code, cmd_code),
    Command("ingest", "Code inputs and store documents, actors and events.",
            "newsevents ingest articles.jsonl --db news.duckdb", _setup_ingest, cmd_ingest),
    Command("events", "Read stored events, filtered.",
            "newsevents events --db news.duckdb --actor PRK --since 2020-06 --format table",
            _setup_events, cmd_events),
    Command("actors", "List the distinct actors each input names, coded.",
            "newsevents actors article.txt --date 2020-07-08", _setup_actors, cmd_actors),
)
