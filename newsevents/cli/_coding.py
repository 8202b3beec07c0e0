"""Commands that code and store: ``code``, ``ingest``, ``events``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..ingestion import ingest
from ..models import Event, Failure
from ..settings import Settings
from ..store.query import ORDERS, count_events, query_events
from ._batch import documents, exit_status, print_summary, warn_undated
from ._explore import add_event_filters, event_filters
from ._output import (
    EXIT_OK,
    report_failure,
    write_events,
)
from ._registry import Command, Example, add_format, add_inputs, input_settings
from ._scale import add_scale_options

DB_HELP = "the DuckDB store (default ./newsevents.duckdb or $NEWSEVENTS_DB)"


def cmd_code(args: argparse.Namespace, settings: Settings) -> int:
    # Imported when the command runs: the pipeline loads spaCy, which the other commands
    # (``serve`` among them) do without. (``ingest`` loads it in its workers.)
    from ..pipeline import iter_code

    settings = input_settings(args, settings)
    failures: list[Failure] = []
    undated: list[str] = []
    coded = found = 0
    events: list[Event] = []
    for item in documents(iter_code(args.inputs, date=args.date, settings=settings),
                          failures):
        coded += 1
        if item.date is None:
            undated.append(item.origin)
        found += len(item.events)
        if args.format == "jsonl":
            write_events(item.events, "jsonl", sys.stdout)  # stream: one document at a time
        else:
            events.extend(item.events)
    if args.format != "jsonl":
        write_events(events, args.format, sys.stdout)
    read = coded + sum(1 for f in failures if f.stage == "code")
    warn_undated(undated)
    print_summary(f"{read} read", f"{coded} coded", f"{found} events", failures=failures)
    return exit_status(coded, len(failures))


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    settings = input_settings(args, settings)
    result = ingest(args.inputs, db=args.db, date=args.date, settings=settings,
                    batch=args.shard_size, workers=args.workers, cluster=args.cluster,
                    shard_dir=args.shard_dir)
    for failure in result.failures:
        report_failure(failure)
    warn_undated(result.undated)
    w = result.written
    read = result.documents + sum(1 for f in result.failures if f.stage == "code")
    stored = w.documents_new + w.documents_replaced + w.documents_unchanged
    db = args.db or settings.db_path
    where = (f"nothing stored; the failures are recorded in {db} (newsevents failures)"
             if Path(db).exists() and not stored and result.failures else
             f"{stored} stored in {db} ({w.documents_new} new, {w.documents_replaced} "
             f"replaced, {w.documents_unchanged} unchanged)" if Path(db).exists()
             else f"nothing stored ({db} not created)")
    print_summary(f"{read} read", f"{result.documents} coded", where,
                  f"{w.events_written} events written", failures=result.failures)
    if result.shards_reused:
        print(f"resumed: {result.shards_reused} shards finished by an earlier run were "
              f"reused, {result.shards_coded} coded now", file=sys.stderr)
    return exit_status(result.documents, len(result.failures))


def cmd_events(args: argparse.Namespace, settings: Settings) -> int:
    events = query_events(db=args.db, limit=args.limit, settings=settings,
                          offset=args.offset, order=args.order, **event_filters(args))
    write_events(events, args.format, sys.stdout)
    if not events:  # say why nothing came, on stderr: stdout stays what was asked for
        total = count_events(db=args.db, settings=settings)
        db = args.db or settings.db_path
        print(f"newsevents: no events match (the store {db} holds {total})" if total else
              f"newsevents: the store {db} holds no events; add some with 'newsevents ingest'",
              file=sys.stderr)
    return EXIT_OK


def _setup_code(p: argparse.ArgumentParser) -> None:
    add_inputs(p)
    add_format(p, ("jsonl", "table", "csv"), "table")


def _setup_ingest(p: argparse.ArgumentParser) -> None:
    add_inputs(p)
    p.add_argument("--db", help=DB_HELP)
    add_scale_options(p)


def _setup_events(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    add_event_filters(p)
    p.add_argument("--limit", type=int, help="at most this many events")
    p.add_argument("--offset", type=int, default=0, help="skip this many events first")
    p.add_argument("--order", choices=tuple(ORDERS), default="date",
                   help="date (default), -date (newest first), intensity, -intensity")
    add_format(p, ("jsonl", "table", "csv"), "table")


COMMANDS = (
    Command("code", "Code inputs and print their events (nothing is stored). An input with "
                    "no publication date and no --date gets a warning: its events are left "
                    "undated.",
            "newsevents code newsevents/examples/article.txt --date 2023-03-14 --format jsonl",
            _setup_code, cmd_code),
    Command("ingest", "Code inputs and store documents, actors and events (and the "
                      "inputs that failed, with why).",
            "newsevents ingest newsevents/examples/articles.jsonl --db news.duckdb",
            _setup_ingest, cmd_ingest,
            more=(Example("newsevents ingest newsevents/examples/feed.xml --db news.duckdb",
                          "it fetches the articles the feed links to"),)),
    Command("events", "Read stored events, filtered; the table's first column is a short "
                      "id that 'newsevents explain' takes.",
            "newsevents events --db news.duckdb --dyad PRK-KOR --undirected --since 2023-03",
            _setup_events, cmd_events),
)
