"""The ``stories`` command: which articles tell the same story, and which copy another."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from ..errors import ConfigError
from ..settings import Settings
from ..stories import StoriesResult, StoryOptions, stories
from ._output import EXIT_OK, cut
from ._registry import Command, add_format

DB_HELP = "the DuckDB store (default ./newsevents.duckdb or $NEWSEVENTS_DB)"


def cmd_stories(args: argparse.Namespace, settings: Settings) -> int:
    options = None
    if (args.threshold is not None or args.window is not None) and not args.rebuild:
        raise ConfigError("--threshold and --window apply to --rebuild; add --rebuild")
    if args.threshold is not None or args.window is not None:
        defaults = StoryOptions()
        options = StoryOptions(
            threshold=defaults.threshold if args.threshold is None else args.threshold,
            window_days=defaults.window_days if args.window is None else args.window)
    result = stories(db=args.db, rebuild=args.rebuild, events=args.events, options=options,
                     settings=settings)
    if result.rebuilt is not None:
        r = result.rebuilt
        print(f"rebuilt: {r.assigned} articles in {r.new_stories} stories, "
              f"{r.duplicates} copies, {r.events} events clustered", file=sys.stderr)
    if args.format == "jsonl":
        _write_jsonl(result, args.events, sys.stdout)
    else:
        _write_table(result, args.events, sys.stdout)
    return EXIT_OK


def _write_jsonl(result: StoriesResult, events: bool, out: TextIO) -> None:
    if events:
        for cluster in result.clusters:
            out.write(json.dumps(cluster, ensure_ascii=False, default=str) + "\n")
        return
    for doc in result.documents:
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")


def _write_table(result: StoriesResult, events: bool, out: TextIO) -> None:
    if events:
        rows: list[tuple[Any, ...]] = [
            (c["date"], c["type"], c["source_code"], c["target_code"], c["articles"],
             c["sources"], c["copies"], c["sentence"]) for c in result.clusters]
        head: tuple[str, ...] = ("date", "type", "source", "target", "articles", "sources",
                                 "copies", "evidence")
    else:
        rows = [(s.story_id, s.first_date, s.last_date, s.size, s.sources, s.copies, s.title)
                for s in result.stories]
        head = ("story", "first", "last", "articles", "sources", "copies", "title")
    # Every column but the last (a title or a sentence) is as wide as its widest cell.
    table = [list(head), *([*(_cell(v) for v in row[:-1]), row[-1] or '-'] for row in rows)]
    widths = [max(len(r[i]) for r in table) for i in range(len(head) - 1)]
    for row in table:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        out.write("  ".join([*cells, cut(row[-1], 70)]).rstrip() + "\n")


def _cell(value: Any) -> str:
    return cut(None if value is None else str(value), 16)


def _setup_stories(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--events", action="store_true",
                   help="list event clusters (one happening, many articles) instead")
    p.add_argument("--rebuild", action="store_true",
                   help="place every stored article again, in order of date")
    p.add_argument("--threshold", type=float, metavar="COSINE",
                   help=f"with --rebuild: least similarity to join a story "
                        f"(default {StoryOptions().threshold})")
    p.add_argument("--window", type=int, metavar="DAYS",
                   help=f"with --rebuild: a story takes articles this many days after its "
                        f"last (default {StoryOptions().window_days})")
    add_format(p, ("table", "jsonl"), "table")


COMMANDS = (
    Command("stories", "List stories (articles of many outlets telling one story) and copies; "
            "jsonl gives each document's story_id and duplicate_of.",
            "newsevents stories --db news.duckdb --format jsonl", _setup_stories, cmd_stories),
)
