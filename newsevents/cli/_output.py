"""Output helpers shared by the commands: event tables, CSV rows, failure lines."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from ..models import Event, Failure

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


def cut(text: str | None, width: int) -> str:
    text = (text or "-").replace("\n", " ")
    return text if len(text) <= width else text[: max(width - 1, 1)] + "\u2026"


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> None:
    """Print events as jsonl, csv or a terminal table."""
    if fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(_FLAT_FIELDS))
        writer.writeheader()
        for event in events:
            writer.writerow(flatten(event))
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


