"""Why an event was coded as it was: the evidence the coder kept, made readable.

The event coder stores its reasoning in :attr:`Event.evidence` (the rule, how the source
and target were found, the modality cues, the time expression, the place); the store
keeps it. :func:`explain` reads a stored event and returns an :class:`Explanation`;
:func:`explain_event` does the same for an event in hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError
from .models import Event
from .settings import Settings
from .store import Store, open_store

__all__ = ["Explanation", "explain", "explain_event", "mark_sentence"]

# Ids listed when a prefix fits several events.
_SHOWN = 5

# How the sentence shows the parts of the event.
MARKS = {"trigger": ("[", "]"), "source": ("{", "}"), "target": ("<", ">")}


@dataclass
class Explanation:
    """An event and the reasons for each part of it, as (heading, text) lines."""

    event: Event
    marked: str
    lines: list[tuple[str, str]] = field(default_factory=list)

    def text(self) -> str:
        """The explanation as a readable block of text."""
        width = max(len(h) for h, _ in self.lines) if self.lines else 0
        head = [f"event {self.event.event_id} in document {self.event.doc_id}",
                f"  {self.marked}",
                "  ([trigger] {source} <target>)", ""]
        return "\n".join(head + [f"{h.ljust(width)}  {t}" for h, t in self.lines]) + "\n"

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event.to_dict(), "marked": self.marked,
                "lines": [{"about": h, "text": t} for h, t in self.lines]}


def mark_sentence(event: Event) -> str:
    """The event's sentence with the trigger, source and target bracketed."""
    ev = event.evidence
    base = ev.sentence_start if ev else None
    spans: list[tuple[int, int, str]] = []
    if ev is not None and base is not None:
        for start, end in ev.trigger_spans:
            spans.append((start - base, end - base, "trigger"))
        for role in ("source", "target"):
            part = getattr(ev, role)
            if part and part.get("span") and part["span"][0] >= base:
                spans.append((part["span"][0] - base, part["span"][1] - base, role))
    text = event.sentence
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
    spans.sort()
    kept: list[tuple[int, int, str]] = []
    for span in spans:  # overlapping marks would garble the text: the first one wins
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    for start, end, role in reversed(kept):
        left, right = MARKS[role]
        text = text[:start] + left + text[start:end] + right + text[end:]
    return text


def explain_event(event: Event) -> Explanation:
    """The explanation of one event from its evidence."""
    from .events import load_lexicon  # the event stage loads spaCy: imported when used

    lex = load_lexicon()
    ev = event.evidence
    lines: list[tuple[str, str]] = []
    cameo = lex.cameo.get(event.cameo)
    meaning = f"{event.cameo} {cameo.description}" if cameo else event.cameo
    lines.append(("code", f"{event.type} (mode {event.mode or '-'}, context "
                          f"{', '.join(event.context) or '-'}), CAMEO {meaning}; quad class "
                          f"{event.quad_class}, Goldstein {event.intensity:+.1f}"))
    if ev is None:
        lines.append(("rule", f"{event.coder} (no evidence was recorded for this event)"))
    else:
        lines.append(("rule", f"{ev.rule}: {ev.rule_text}"))
        lines.append(("trigger", f"'{event.trigger}'" + (
            f" (an event noun; '{ev.support}' gives it its subject)"
            if ev.support else "")))
        for note in ev.recoded:
            lines.append(("recoded", _recoded(note, lex)))
    for role, actor in (("source", event.source), ("target", event.target)):
        part = (getattr(ev, role) if ev else None) or {}
        if actor is None:
            lines.append((role, "none found" + (f" ({part['how']})" if part.get("how") else "")))
            continue
        how = f", found as {part['how']}" if part.get("how") else ""
        kind = f" [{part['kind']} mention]" if part.get("kind") else ""
        lines.append((role, f"{actor.text} -> {actor.code or '-'} ({actor.name or '?'}){how}"
                            f"{kind}"))
    if ev is not None and ev.reported_by:
        lines.append(("reported by", f"{ev.reported_by} (the report frames the event; "
                                     "the speaker is not its source)"))
    cues = ev.modality_cues if ev else []
    lines.append(("modality", event.modality + (": " + "; ".join(cues) if cues else
                                                " (nothing negates, plans or supposes it)")))
    time = (ev.time if ev else None) or {}
    if event.date_text:
        lines.append(("date", f"{event.date} ({event.date_precision}) from '{event.date_text}', "
                              f"{time.get('how', '')}, tense {time.get('tense', '?')}, "
                              f"resolved against {time.get('publication', '?')}"))
    else:
        lines.append(("date", f"{event.date or '-'}: {time.get('how', 'publication date')}"))
    if event.location is not None:
        loc = event.location
        place = (ev.place if ev else None) or {}
        lines.append(("place", f"{loc.name} ({loc.country or '?'}, {loc.lat}, {loc.lon}) from "
                               f"'{loc.text}', {place.get('how', 'the place of the event')}"))
    else:
        lines.append(("place", "none (no place phrase of the event names a known place)"))
    lines.append(("confidence", f"{event.confidence}"))
    return Explanation(event, mark_sentence(event), lines)


def _recoded(note: str, lex: Any) -> str:
    kind, _, change = note.partition(":")
    old, _, new = change.strip().partition(" -> ")
    why = {"refusal": "a negated intention is a refusal",
           "intent": "a declared intention is itself the act of expressing it",
           "untargeted": "without a target the act has its untargeted code"}.get(kind, kind)
    desc = lex.cameo[new].description if new in lex.cameo else ""
    return f"{old} -> {new} ({desc}): {why}"


def explain(event_id: str, db: str | Path | None = None,
            settings: Settings | None = None) -> Explanation:
    """Explain a stored event, given its id or any prefix of it that no other stored
    event's id starts with (the short ids of ``newsevents events``). Raises
    :class:`InputError` for an unknown id and for a prefix of several.

    Example::

        print(explain("e39b4de8", db="news.duckdb").text())
    """
    path = str(db) if db else (settings or Settings.load()).db_path
    if not Path(path).exists():
        raise ConfigError(f"{path}: no such store; create it with 'newsevents ingest'")
    with open_store(path, read_only=True) as store:
        event = store.event(event_id)
        if event is None:
            event = store.event(_unique_id(store, event_id, path))
    assert event is not None  # the id was just read from the store
    return explain_event(event)


def _unique_id(store: Store, prefix: str, path: str) -> str:
    """The one stored event id starting with ``prefix``; InputError for none or several."""
    found = store.event_ids(prefix, limit=_SHOWN + 1)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(prefix, f"no event with this id, or an id starting so, in {path}; "
                                 f"list ids with 'newsevents events --db {path}'")
    shown = ", ".join(found[:_SHOWN]) + (", ..." if len(found) > _SHOWN else "")
    raise InputError(prefix, f"several events' ids start so ({shown}); give more of the id")
