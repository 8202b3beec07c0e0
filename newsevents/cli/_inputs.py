"""Commands about the inputs: ``extract`` (what each reads as: what would be coded) and
``failures`` (what could not be)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from ..models import Document, Failure
from ..read import extract_documents
from ..settings import Settings
from ..store.query import failures
from ._batch import documents, exit_status, print_summary
from ._output import EXIT_OK, cut
from ._registry import Command, Example, add_format, add_inputs, input_settings

DB_HELP = "the DuckDB store (default ./newsevents.duckdb or $NEWSEVENTS_DB)"


def extract_record(doc: Document) -> dict[str, Any]:
    """One ``extract`` record: where it came from, its metadata and its clean text."""
    fetched = doc.origin.startswith(("http://", "https://"))
    where = {"url": doc.url or doc.origin} if fetched else {"path": doc.origin, "url": doc.url}
    return {**where, "title": doc.title, "date": doc.date.isoformat() if doc.date else None,
            "author": doc.author, "source": doc.source, "language": doc.language,
            "text": doc.text}


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    settings = input_settings(args, settings)
    bad: list[Failure] = []
    count = 0
    for doc in documents(extract_documents(args.inputs, date=args.date, settings=settings),
                         bad):
        count += 1
        _write_document(doc, args.format, sys.stdout)  # streamed: nothing is kept
    print_summary(f"{count} read", failures=bad)
    return exit_status(count, len(bad))


def _write_document(doc: Document, fmt: str, out: TextIO) -> None:
    record = extract_record(doc)
    if fmt == "jsonl":
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    where = record.get("url") if "path" not in record else record["path"]
    about = " · ".join(str(v) for v in (record["date"], record["author"], record["source"],
                                        record["language"]) if v)
    out.write(f"# {record['title'] or '(no title)'}\n{where}\n")
    out.write(f"{about}\n\n" if about else "\n")
    out.write(f"{doc.text}\n\n")


def cmd_failures(args: argparse.Namespace, settings: Settings) -> int:
    found = failures(db=args.db, settings=settings)
    if args.format == "jsonl":
        for f in found:
            sys.stdout.write(json.dumps({"input": f.input, "stage": f.stage,
                                         "reason": f.reason}, ensure_ascii=False) + "\n")
        return EXIT_OK
    width = min(max([len("input"), *(len(f.input) for f in found)]), 60)
    sys.stdout.write(f"{'input':<{width}}  {'stage':<7}  reason\n")
    for f in found:
        sys.stdout.write(f"{cut(f.input, width):<{width}}  {f.stage:<7}  {f.reason}\n")
    return EXIT_OK


def _setup_extract(p: argparse.ArgumentParser) -> None:
    add_inputs(p)
    add_format(p, ("jsonl", "text"), "jsonl")


def _setup_failures(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    add_format(p, ("jsonl", "table"), "table")


COMMANDS = (
    Command("extract", "Read inputs and print each article's text and metadata "
                       "(path or url, title, date, author, source, language, text).",
            "newsevents extract newsevents/examples/page.html newsevents/examples/crawl.warc "
            "--format text", _setup_extract, cmd_extract,
            more=(Example("newsevents extract newsevents/examples/feed.xml --format text",
                          "it fetches the articles the feed links to"),)),
    Command("failures", "List the inputs an ingest could not read, extract or code, and why.",
            "newsevents failures --db news.duckdb --format table", _setup_failures,
            cmd_failures),
)
