"""Beat commands: ``beat report|list|check`` and ``watch``."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import FrameType

from ..beats import Alert, CycleStats, beat_check, beat_list, beat_report, watch
from ..settings import Settings
from ._batch import exit_status
from ._output import EXIT_OK, cut
from ._registry import Command, Example, add_format, add_network_options, epilog

DB_HELP = "the DuckDB store (default ./newsevents.duckdb or $NEWSEVENTS_DB)"

_ACTIONS = {
    "report": ("Write the coverage page of a beat as one self-contained HTML file "
               "(OUT/NAME.html): latest stories, timeline, key events, quotes, actors, and "
               "what changed since the last report.",
               "newsevents beat report korean-peninsula --out reports --db news.duckdb"),
    "list": ("List the beats: those shipped with newsevents and those watched or reported "
             "on in the store.", "newsevents beat list --db news.duckdb"),
    "check": ("Validate beat files; each bad one gets one line naming the file and the key.",
              "newsevents beat check newsevents/examples/korea.toml"),
}


def cmd_beat(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "report":
        result = beat_report(args.name, args.out, db=args.db, settings=settings)
        totals = result.briefing.totals
        print(result.path)
        print(f"newsevents: {result.briefing.beat.title}: {totals['articles']} articles, "
              f"{totals['stories']} stories, {totals['events']} events", file=sys.stderr)
        return EXIT_OK
    if args.action == "list":
        beats = beat_list(db=args.db, settings=settings)
        if args.format == "jsonl":
            for info in beats:
                sys.stdout.write(json.dumps(info.to_dict(), ensure_ascii=False) + "\n")
            return EXIT_OK
        sys.stdout.write(f"{'name':<20}  {'where':<7}  feeds  alerts  {'watched':<24}  title\n")
        for info in beats:
            status = info.status or {}
            watched = (f"{(status.get('articles') or {}).get('ingested', 0)} articles, "
                       f"{status.get('alerts', 0)} alerts" if status.get("feeds") else "-")
            sys.stdout.write(f"{cut(info.beat.name, 20):<20}  {info.where:<7}  "
                             f"{len(info.beat.feeds):>5}  {len(info.beat.alerts):>6}  "
                             f"{watched:<24}  {info.beat.title}\n")
        return EXIT_OK
    checked = beat_check(args.files)
    for beat in checked.beats:
        print(f"{beat.origin}: ok: beat {beat.name!r} ({len(beat.feeds)} feeds, "
              f"{len(beat.alerts)} alert rules)")
    for error in checked.errors:
        print(f"newsevents: {error}", file=sys.stderr)
    return exit_status(len(checked.beats), len(checked.errors))


def cmd_watch(args: argparse.Namespace, settings: Settings) -> int:
    settings = replace(settings, allow_private=bool(args.allow_private),
                       allowed_networks=tuple(args.allowed_networks or ()),
                       fetch_delay=settings.fetch_delay if args.fetch_delay is None
                       else max(0.0, args.fetch_delay))
    stop = threading.Event()
    with _stop_on_interrupt(stop):
        result = watch(args.beat_file, interval=args.interval, cycles=args.cycles,
                       db=args.db, webhook=args.webhook, settings=settings, stop=stop,
                       on_alert=_print_alert, on_cycle=_print_cycle)
    print(f"newsevents: {result.cycles} cycles, {result.articles} new articles, "
          f"{result.events} events, {result.alerts_fired} alerts "
          f"({result.delivered} delivered); {result.feed_errors} feed errors, "
          f"{result.article_failures} articles failed"
          + ("; stopped" if result.stopped else ""), file=sys.stderr)
    return EXIT_OK


def _print_alert(alert: Alert) -> None:
    print(f"ALERT {alert.summary}", flush=True)


def _print_cycle(stats: CycleStats) -> None:
    if stats.error:
        print(f"newsevents: cycle {stats.cycle}: skipped: {stats.error}", file=sys.stderr)
        return
    print(f"newsevents: cycle {stats.cycle}: {stats.polled} feeds polled "
          f"({stats.not_modified} unchanged, {stats.feed_errors} failed, "
          f"{stats.backing_off} backing off), {stats.articles} new articles, "
          f"{stats.events} events, {stats.alerts} alerts", file=sys.stderr, flush=True)


@contextmanager
def _stop_on_interrupt(stop: threading.Event) -> Iterator[None]:
    """The first Ctrl-C asks the watch to stop after the article at hand (what was
    fetched is still stored); a second one interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("newsevents: stopping after the current article (Ctrl-C again to stop now)",
              file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _setup_beat(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, (text, example) in _ACTIONS.items():
        sub = actions.add_parser(name, help=text, description=text,
                                 epilog=epilog([Example(example)]),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
        if name == "report":
            sub.add_argument("name", metavar="NAME",
                             help="a beat file, or the name of a shipped or watched beat")
            sub.add_argument("--out", required=True, metavar="DIR",
                             help="the folder to write NAME.html in (created if missing)")
        if name in ("report", "list"):
            sub.add_argument("--db", help=DB_HELP)
        if name == "list":
            add_format(sub, ("table", "jsonl"), "table")
        if name == "check":
            sub.add_argument("files", nargs="+", metavar="FILE", help="beat files (TOML)")


def _setup_watch(p: argparse.ArgumentParser) -> None:
    p.add_argument("beat_file", metavar="BEAT_FILE",
                   help="the beat file (TOML) whose feeds to watch, or a shipped beat's name")
    p.add_argument("--interval", metavar="DURATION",
                   help="time between polls: 15m, 1h, 90s (default: the beat's, else 15m)")
    p.add_argument("--cycles", type=int, metavar="N",
                   help="stop after N polls (default: run until Ctrl-C)")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--webhook", metavar="URL",
                   help="POST each alert as JSON to this URL (overrides the beat's)")
    fetching = p.add_argument_group("fetching")
    add_network_options(fetching, "fetch from (and post to)")
    fetching.add_argument("--fetch-delay", metavar="SECONDS", type=float,
                          help="pause between two requests to one host (default 1)")


COMMANDS = (
    Command("beat", "Beats (a region or topic): coverage reports, listing, checking files.",
            "newsevents beat report korean-peninsula --out reports --db news.duckdb",
            _setup_beat, cmd_beat),
    Command("watch", "Poll a beat's RSS/Atom feeds, ingest new articles and fire its alerts "
                     "(once per event cluster); Ctrl-C stops cleanly, a restart resumes.",
            "newsevents watch newsevents/examples/korea.toml --cycles 1 --db news.duckdb",
            _setup_watch, cmd_watch, network="it polls the beat's feeds"),
)
