"""How a command is declared: name, help, an ``Example:``, its options and its function."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..settings import Settings


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    example: str
    setup: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Settings], int]


def add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="text, HTML or JSONL files (JSONL: one article a line)")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="publication date for inputs that carry none")


def add_format(p: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    p.add_argument("--format", choices=choices, default=default,
                   help=f"output format (default {default})")
