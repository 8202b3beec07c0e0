"""Commands that explore the store: ``export``, ``serve``; and the event filters they share
with ``events`` and ``stats``."""

from __future__ import annotations

import argparse
import sys

from ..settings import Settings
from ..store.export import FORMATS, export_format
from ..store.query import Filters, export
from ._output import EXIT_OK
from ._registry import Command

DB_HELP = "the DuckDB store (default ./newsevents.duckdb or $NEWSEVENTS_DB)"


def add_event_filters(p: argparse.ArgumentParser) -> None:
    """The filters of ``events``, ``stats`` and ``export`` (those of :class:`Filters`)."""
    g = p.add_argument_group("filters (all given must hold)")
    g.add_argument("--type", help="PLOVER types, comma-separated: ASSAULT,COERCE")
    g.add_argument("--quad", dest="quad_class", metavar="Q",
                   help="quad classes, comma-separated: 1 verbal/2 material cooperation, "
                        "3 verbal/4 material conflict")
    g.add_argument("--cameo", help="CAMEO code prefix: 19 matches 190-1962")
    g.add_argument("--actor", help="actor code prefix (PRK, USAGOV) or name, source or target")
    g.add_argument("--dyad", metavar="SOURCE-TARGET",
                   help="source and target, each a code prefix or name: PRK-KOR")
    g.add_argument("--undirected", action="store_true",
                   help="with --dyad: either way round (PRK-KOR and KOR-PRK)")
    g.add_argument("--country", help="source, target or place country (three-letter code)")
    g.add_argument("--since", metavar="DATE", help="first day (YYYY, YYYY-MM or YYYY-MM-DD)")
    g.add_argument("--until", metavar="DATE", help="last day (YYYY, YYYY-MM or YYYY-MM-DD)")
    g.add_argument("--place", help="text in the name of the event's place: Kaesong")
    g.add_argument("--modality",
                   help="asserted, negated, intended, hypothetical; comma-separated")
    g.add_argument("--text", help="words that must all appear in the evidence sentence")
    g.add_argument("--doc", dest="doc_id", metavar="DOC_ID", help="one document's events")
    g.add_argument("--story", metavar="STORY_ID",
                   help="the events of one story's articles (ids: newsevents stories)")


def event_filters(args: argparse.Namespace) -> Filters:
    """The filters given on the command line, as keyword arguments for the library."""
    return Filters(type=args.type, quad_class=args.quad_class, cameo=args.cameo,
                   actor=args.actor, dyad=args.dyad, undirected=args.undirected,
                   country=args.country, since=args.since, until=args.until,
                   place=args.place, modality=args.modality, text=args.text,
                   doc_id=args.doc_id, story=args.story)


# -- export --------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    fmt = export_format(args.out, args.format)  # a usage error before the store is read
    n = export(args.out, fmt, db=args.db, settings=settings, **event_filters(args))
    print(f"{n} events written to {args.out} ({fmt})", file=sys.stderr)
    return EXIT_OK


def _setup_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--format", choices=FORMATS,
                   help="parquet, csv (flat rows), jsonl (event records), gdelt (GDELT 2.0 "
                        "event columns, tab-separated), plover (a JSON list of PLOVER "
                        "records); default: the one --out's extension names (.parquet, "
                        ".csv, .jsonl, .json for plover, .tsv for gdelt)")
    add_event_filters(p)


# -- serve ---------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from ..web import serve  # the web stack is only loaded for this command

    serve(db=args.db, host=args.host, port=args.port, settings=settings,
          query_timeout=args.query_timeout, refresh=args.refresh, workers=args.workers)
    return EXIT_OK


def _setup_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--query-timeout", type=float, default=5.0, metavar="SECONDS",
                   help="stop any query after this long (default 5)")
    p.add_argument("--refresh", type=float, default=2.0, metavar="SECONDS",
                   help="look for new data in the store this often (default 2)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="server processes (default 1); each keeps its own copy of the store")


COMMANDS = (
    Command("export", "Write stored events, filtered, as Parquet, CSV, JSONL, GDELT or PLOVER.",
            "newsevents export --db news.duckdb --actor PRK --out prk.parquet",
            _setup_export, cmd_export),
    Command("serve", "Serve the API and the dashboard in the browser (read-only); then open "
                     "http://127.0.0.1:8000/ (the port given).",
            "newsevents serve --db news.duckdb --port 8000",
            _setup_serve, cmd_serve),
)
