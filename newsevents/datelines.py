"""Datelines: the "KUNDUZ, Afghanistan —" or "mumbai:" that opens a story or a paragraph.

A dateline says where a story was filed. It is no part of the sentence it opens: the parse
stage cuts it off as a sentence of its own, extraction keeps a lower-case one from being
read as a label, and the actor stage takes its country for generic agents, never an actor.
"""

from __future__ import annotations

import re

# The place of a colon dateline in South Asian wire copy ("mumbai: the vhp ..."), lower case.
LOWER_DATELINE_PLACE = r"[a-z][a-z.]+(?: [a-z][a-z.]+){0,2}"
# A dateline: "KUNDUZ, Afghanistan —", "SEOUL, July 8 (Yonhap) --", "BEIJING -- ".
DATELINE = re.compile(r"\s*([A-Z][A-Z.']+(?:[ \-][A-Z][A-Z.']+){0,3})"
                      r"(?:,\s*([A-Z][A-Za-z.'\- ]{1,40}))?"
                      r"(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^)]{1,40}\))?\s*"
                      r"(?:--|\u2014|\u2013|-)\s")
# The wire style of South Asian papers: "mumbai: the vhp ...", "NEW DELHI: ...".
COLON_DATELINE = re.compile(rf"\s*({LOWER_DATELINE_PLACE}"
                            r"|[A-Z][A-Z.]+(?: [A-Z][A-Z.]+){0,2}):\s")
# How many lines from the top a dateline may stand.
DATELINE_LINES = 3


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The datelines that open the text or one of its paragraphs ("CAIRO (AP) --"): the
    place in them says where the story was filed, not who acted."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"(?:^|\n)", text):
        d = DATELINE.match(text, m.end(), min(len(text), m.end() + 120))
        if d is not None and (not out or d.end() != out[-1][1]):
            out.append((d.start(1), d.end()))
    return out


def line_starts(text: str, lines: int) -> list[int]:
    """The offsets of the first ``lines`` non-blank lines of ``text``."""
    out: list[int] = []
    at = 0
    while at < len(text) and len(out) < lines:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if text[at:end].strip():
            out.append(at)
        at = end + 1
    return out
