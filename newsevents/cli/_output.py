"""Output helpers shared by the commands: event tables, CSV rows, failure lines."""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..layout import EVENT_COLUMNS, text_row
from ..models import Event, Failure

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

# Characters of an event id shown in tables; ``explain`` takes any unique prefix.
SHORT_ID = 8

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
    """Print events as jsonl, csv (the columns of :mod:`newsevents.layout`, as
    ``newsevents export`` writes them) or a terminal table."""
    if fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        write_csv((text_row(event) for event in events), EVENT_COLUMNS, out)
    else:
        write_event_table(list(events), out)


def write_event_table(events: list[Event], out: TextIO) -> None:
    """One line per event: a short id (enough for ``explain``), date, type, code, dyad,
    modality, trigger, place and the evidence — as much of the sentence as the terminal
    leaves, centred on the trigger so that the events of one sentence look different."""
    rows = [(e.event_id[:SHORT_ID], e.date or "-", e.type, e.cameo,
             (e.source.code if e.source else None) or "-",
             (e.target.code if e.target else None) or "-", e.modality, e.trigger,
             e.location.name if e.location else "-") for e in events]
    head = ("id", "date", "type", "cameo", "source", "target", "modality", "trigger", "place")
    widths = [min(max([len(h)] + [len(str(r[i])) for r in rows]), 16)
              for i, h in enumerate(head)]
    total = shutil.get_terminal_size((120, 20)).columns
    last = max(total - sum(widths) - 2 * len(widths), 20)
    evidence = ["evidence", *(around(e.sentence, trigger_span(e), last) for e in events)]
    for r, tail in zip([head, *rows], evidence, strict=True):
        cells = [cut(str(c), w).ljust(w) for c, w in zip(r, widths, strict=True)]
        out.write("  ".join([*cells, tail]).rstrip() + "\n")


def trigger_span(event: Event) -> tuple[int, int] | None:
    """Where the trigger sits in the event's sentence: from the coder's evidence, else the
    first whole-word match of the trigger, else None."""
    ev = event.evidence
    base, spans = (ev.sentence_start, ev.trigger_spans) if ev else (None, None)
    if base is not None and spans:
        start, end = spans[0][0] - base, spans[-1][1] - base
        if 0 <= start < end <= len(event.sentence):
            return start, end
    for needle in (event.trigger, event.trigger.split()[0] if event.trigger.split() else ""):
        found = re.search(rf"\b{re.escape(needle)}\b", event.sentence, re.IGNORECASE) \
            if needle else None
        if found:
            return found.start(), found.end()
    return None


def around(text: str, span: tuple[int, int] | None, width: int) -> str:
    """At most ``width`` characters of ``text`` centred on ``span`` (from the start when
    there is none), an ellipsis marking each end that was cut."""
    text = text.replace("\n", " ")
    if len(text) <= width:
        return text
    middle = (span[0] + span[1]) // 2 if span else 0
    left = max(0, min(middle - width // 2, len(text) - width))
    window = text[left:left + width]
    if left > 0:
        window = "\u2026" + window[1:]
    if left + width < len(text):
        window = window[:-1] + "\u2026"
    return window


def report_failure(failure: Failure) -> None:
    print(f"newsevents: {failure.input}: {failure.reason}", file=sys.stderr)


