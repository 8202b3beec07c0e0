"""Output helpers shared by the commands: event tables, CSV rows, failure lines."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..models import FLAT_FIELDS, Event, Failure

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

# Columns a CSV writes in quotes, so that a reader that honours quoting keeps them text:
# CAMEO codes have leading zeros (046 is not 46).
CSV_QUOTED = ("cameo",)


def csv_cell(value: Any, quote: bool = False) -> str:
    """One CSV field: empty for None; quoted when asked or when the text needs it."""
    text = "" if value is None else str(value)
    if quote or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(rows: Iterable[dict[str, Any]], fields: Sequence[str], out: TextIO) -> None:
    """A header and one line per row, the :data:`CSV_QUOTED` columns always in quotes
    (as ``newsevents export --format csv`` writes them)."""
    quoted = [name in CSV_QUOTED for name in fields]
    out.write(",".join(csv_cell(f, q) for f, q in zip(fields, quoted, strict=True)) + "\n")
    for row in rows:
        out.write(",".join(csv_cell(row.get(f), q) for f, q in zip(fields, quoted, strict=True))
                  + "\n")


def cut(text: str | None, width: int) -> str:
    text = (text or "-").replace("\n", " ")
    return text if len(text) <= width else text[: max(width - 1, 1)] + "\u2026"


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> None:
    """Print events as jsonl, csv or a terminal table."""
    if fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        write_csv((event.to_flat() for event in events), FLAT_FIELDS, out)
    else:
        rows = [(e.date or "-", e.type, e.cameo, (e.source.code if e.source else None) or "-",
                 (e.target.code if e.target else None) or "-", e.modality, e.trigger,
                 e.location.name if e.location else "-", e.sentence) for e in events]
        head = ("date", "type", "cameo", "source", "target", "modality", "trigger", "place",
                "evidence")
        widths = [max([len(h)] + [len(str(r[i])) for r in rows]) for i, h in enumerate(head[:-1])]
        widths = [min(w, 16) for w in widths]
        total = shutil.get_terminal_size((120, 20)).columns
        last = max(total - sum(widths) - 2 * len(widths), 20)
        for r in [head, *rows]:
            cells = [cut(str(c), w).ljust(w) for c, w in zip(r[:-1], widths, strict=True)]
            out.write("  ".join([*cells, cut(str(r[-1]), last)]).rstrip() + "\n")


def report_failure(failure: Failure) -> None:
    print(f"newsevents: {failure.input}: {failure.reason}", file=sys.stderr)


