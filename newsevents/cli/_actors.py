"""Commands about who acts and who speaks: ``actors`` and ``quotes``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..settings import Settings
from ._batch import exit_status, print_summary, warn_undated
from ._output import cut, report_failure
from ._registry import Command, add_format, add_inputs, input_settings

if TYPE_CHECKING:
    from ..pipeline import ActorsResult, QuotesResult


def _coded(run: Callable[..., Any], args: argparse.Namespace, settings: Settings) -> Any:
    """``run`` (actors or quotes) over the command's inputs; its failures and undated
    inputs reported."""
    result = run(args.inputs, date=args.date, settings=input_settings(args, settings))
    for failure in result.failures:
        report_failure(failure)
    warn_undated(result.undated)
    return result


def _done(result: ActorsResult | QuotesResult, found: str) -> int:
    """The summary line and the exit status, as ``code`` gives them."""
    read = result.documents + sum(1 for f in result.failures if f.stage == "code")
    print_summary(f"{read} read", f"{result.documents} coded", found,
                  failures=result.failures)
    return exit_status(result.documents, len(result.failures))


# The coding functions are imported when a command runs: the pipeline loads spaCy, which
# every other command (``serve`` among them) does without.


def cmd_actors(args: argparse.Namespace, settings: Settings) -> int:
    from ..pipeline import actors

    result: ActorsResult = _coded(actors, args, settings)
    out = sys.stdout
    if args.format == "jsonl":
        for doc_id, actor, n in result.actors:
            out.write(json.dumps({"doc_id": doc_id, **actor.to_dict(), "mentions": n},
                                 ensure_ascii=False) + "\n")
    else:
        out.write(f"{'doc':<20}  {'code':<8}  {'name':<28}  {'role':<36}  mentions\n")
        for doc_id, actor, n in result.actors:
            out.write(f"{cut(doc_id, 20):<20}  {actor.code or '-':<8}  "
                      f"{cut(actor.name, 28):<28}  {cut(actor.role, 36):<36}  {n}\n")
    return _done(result, f"{len(result.actors)} actors")


def cmd_quotes(args: argparse.Namespace, settings: Settings) -> int:
    from ..pipeline import quotes

    result: QuotesResult = _coded(quotes, args, settings)
    out = sys.stdout
    if args.format == "jsonl":
        for quote in result.quotes:
            out.write(json.dumps(quote.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(f"{'doc':<20}  {'kind':<8}  {'speaker':<24}  {'code':<8}  text\n")
        for q in result.quotes:
            speaker = q.speaker.name if q.speaker else None
            code = q.speaker.code if q.speaker else None
            out.write(f"{cut(q.doc_id, 20):<20}  {q.kind:<8}  {cut(speaker, 24):<24}  "
                      f"{code or '-':<8}  {cut(q.text, 70)}\n")
    return _done(result, f"{len(result.quotes)} quotes")


def _setup(p: argparse.ArgumentParser) -> None:
    add_inputs(p)
    add_format(p, ("jsonl", "table"), "table")


COMMANDS = (
    Command("actors", "List the distinct actors each input names, coded.",
            "newsevents actors newsevents/examples/article.txt --date 2023-03-14", _setup,
            cmd_actors),
    Command("quotes", "List who said what: direct quotes and reported speech, with speakers.",
            "newsevents quotes newsevents/examples/articles.jsonl --format jsonl", _setup,
            cmd_quotes),
)
