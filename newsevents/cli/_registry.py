"""How a command is declared: name, help, an ``Example:``, its options and its function.

Every example runs as written, from a checkout's top folder, against the files shipped in
``newsevents/examples/`` and the store ``news.duckdb`` that the ``ingest`` example makes
(``tests/test_cli_examples.py`` runs them all). One that needs the network says so in
its label, ``Example (needs the network: why)``, and is the only kind the tests skip.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..errors import ConfigError
from ..settings import Settings


class Example(NamedTuple):
    command: str  # a shell command line, starting "newsevents "
    network: str | None = None  # why it needs the network, when it does


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    example: str
    setup: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Settings], int]
    network: str | None = None  # why ``example`` needs the network, when it does
    more: tuple[Example, ...] = ()  # further examples

    @property
    def examples(self) -> tuple[Example, ...]:
        return (Example(self.example, self.network), *self.more)


def epilog(examples: Iterable[Example]) -> str:
    """The help's closing lines: ``Example: newsevents ...``, one an example."""
    return "\n".join(
        f"Example{f' (needs the network: {e.network})' if e.network else ''}: {e.command}"
        for e in examples)


def add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files, folders, glob patterns, '-' (stdin) or http(s) URLs: text, "
                        "HTML, JSON/JSONL (news-please too), WARC, RSS/Atom; .gz too")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none")
    fetching = p.add_argument_group("fetching URLs")
    fetching.add_argument("--urls", metavar="FILE", action="append", dest="url_files",
                          help="a file of URLs, one a line ('#' comments); repeatable")
    add_network_options(fetching, "fetch from")
    fetching.add_argument("--fetch-cache", metavar="DIR",
                          help="keep fetched pages here; a re-run does not refetch them")
    fetching.add_argument("--fetch-delay", metavar="SECONDS", type=float,
                          help="pause between two requests to one host (default 1)")


def add_network_options(group: argparse._ArgumentGroup, use: str) -> None:
    """``--allow-private`` and ``--allow-network``: the addresses a command may ``use``
    ("fetch from") beyond the public internet."""
    group.add_argument("--allow-private", action="store_true", default=None,
                       help=f"{use} private, loopback and link-local addresses "
                            "(refused by default)")
    group.add_argument("--allow-network", metavar="CIDR", action="append",
                       dest="allowed_networks",
                       help=f"a private network that may be used ({use}), e.g. "
                            "10.1.0.0/16; repeatable")


def input_settings(args: argparse.Namespace, settings: Settings) -> Settings:
    """``settings`` with the input options of :func:`add_inputs`; ConfigError (a usage
    error) when there is nothing to read."""
    if not args.inputs and not args.url_files:
        raise ConfigError("nothing to read: give at least one INPUT or --urls FILE")
    # A flag given wins; one not given leaves the setting (config file, environment) as is.
    return replace(settings, url_files=tuple(args.url_files or ()),
                   allow_private=bool(args.allow_private) or settings.allow_private,
                   allowed_networks=tuple(args.allowed_networks or settings.allowed_networks),
                   fetch_cache=args.fetch_cache or settings.fetch_cache,
                   fetch_delay=settings.fetch_delay if args.fetch_delay is None
                   else max(0.0, args.fetch_delay),
                   progress=sys.stderr.isatty())


def add_format(p: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    p.add_argument("--format", choices=choices, default=default,
                   help=f"output format (default {default})")
