"""Rows <-> model: how an event, a quote and their evidence are laid out in columns."""

from __future__ import annotations

import hashlib
from typing import Any

from ..layout import event_row
from ..layout import row_event as layout_row_event
from ..models import Actor, Document, Event, Quote
from .schema import ACTOR_FIELDS, EVENT_COLUMNS, QUOTE_COLUMNS

EVENT_SELECT = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)

# Columns written with each event besides its own (see schema.SORT_KEY_SQL).
SORT_KEY_COLUMNS = ("doc_key", "event_key")


def sort_key(text: str) -> int:
    """The first 60 bits of the MD5 of ``text``: an integer that sorts like nothing in
    particular but the same in every store (schema.SORT_KEY_SQL in SQL)."""
    return int(hashlib.md5(text.encode("utf-8")).hexdigest()[:15], 16)


def event_record(event: Event) -> dict[str, Any]:
    """The column values of an event (see :mod:`newsevents.layout`)."""
    return event_row(event)


def row_event(row: tuple[Any, ...]) -> Event:
    """The Event of a row selected with :data:`EVENT_SELECT`."""
    return layout_row_event(dict(zip(EVENT_COLUMNS, row, strict=True)))


def quote_rows(doc: Document) -> list[tuple[Any, ...]]:
    """Rows of a document's quotes; a quote's sentence is stored as the index of the
    sentence its span starts in."""
    rows = []
    for idx, quote in enumerate(doc.quotes):
        start, end = quote.span
        sentence = next((s.index for s in doc.sentences if s.start <= start < s.end), None)
        speaker = quote.speaker.to_dict() if quote.speaker else {}
        record = {"doc_id": doc.id, "idx": idx, "kind": quote.kind, "text": quote.text,
                  "sentence_idx": sentence, "span_start": start, "span_end": end,
                  **{f"speaker_{name}": speaker.get(name) for name in (*ACTOR_FIELDS, "code")}}
        rows.append(tuple(record[c] for c in QUOTE_COLUMNS))
    return rows


def row_quote(row: tuple[Any, ...], sentence: str | None) -> Quote:
    """A stored quote (a row of ``QUOTE_COLUMNS``) and the text of its sentence."""
    record = dict(zip(QUOTE_COLUMNS, row, strict=True))
    speaker = None
    if record["speaker_text"] is not None:
        speaker = Actor(**{name: record[f"speaker_{name}"] for name in ACTOR_FIELDS})
    return Quote(doc_id=record["doc_id"], text=record["text"], speaker=speaker,
                 kind=record["kind"], sentence=sentence,
                 span=(record["span_start"], record["span_end"]))


def evidence_marks(event: Event) -> list[dict[str, Any]]:
    """Where the trigger and the actors sit in the event's sentence, for highlighting.

    Each mark is ``{start, end, role}`` (role ``trigger``, ``source``, ``target``) in
    character offsets of ``event.sentence``, sorted and never overlapping: the trigger
    is placed first, then each actor at its first occurrence clear of earlier marks.
    """
    sentence = event.sentence
    wanted = [("trigger", event.trigger)]
    wanted += [(role, actor.text) for role, actor in (("source", event.source),
                                                      ("target", event.target)) if actor]
    marks: list[dict[str, Any]] = []
    for role, needle in wanted:
        found = _find_clear(sentence, needle, marks)
        if found is None and role == "trigger" and " " in needle.strip():
            # A particle verb can be split in the text ("cut all lines off"): mark its head.
            found = _find_clear(sentence, needle.split()[0], marks)
        if found is not None:
            marks.append({"start": found[0], "end": found[1], "role": role})
    return sorted(marks, key=lambda m: m["start"])


def _find_clear(text: str, needle: str, taken: list[dict[str, Any]]) -> tuple[int, int] | None:
    """The first whole-word occurrence of ``needle`` (exact case first, then any) that
    overlaps no mark: "it" is not found inside "visit", nor "sit" inside "position"."""
    needle = needle.strip()
    if not needle:
        return None
    for haystack, target in ((text, needle), (text.lower(), needle.lower())):
        start = haystack.find(target)
        while start != -1:
            end = start + len(target)
            whole = (start == 0 or not haystack[start - 1].isalnum()) and \
                (end == len(haystack) or not haystack[end].isalnum())
            if whole and all(end <= m["start"] or start >= m["end"] for m in taken):
                return start, end
            start = haystack.find(target, start + 1)
    return None
