"""Check an annotator's file against its batch, as the annotators ran it before handing in.

Every unit of the batch must have exactly one line; types, kinds and modalities must be the
guide's (docs/annotation.md); trigger, source and target must be copied exactly from the
unit; codes must be CAMEO-style. With --partial (an adjudicator's file) only the units given
are checked.

Example: python tools/gold_check.py /tmp/annot/batch1.txt /tmp/annot/out/A_batch1.jsonl
"""

from __future__ import annotations

import json
import re
import sys

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
KINDS = {"sentence", "headline", "dateline", "caption", "furniture"}
MODALITIES = {"asserted", "negated", "intended", "hypothetical"}
UNIT = re.compile(r"^\[([0-9a-z][0-9a-z-]*-\d\d)\] (.*)$")
CODE = re.compile(r"[A-Z]{3}[A-Z]{0,6}")


def batch_units(path: str) -> dict[str, str]:
    units = {}
    for line in open(path, encoding="utf-8"):
        m = UNIT.match(line.rstrip("\n"))
        if m:
            units[m.group(1)] = m.group(2)
    return units


def problems(units: dict[str, str], path: str, partial: bool) -> tuple[list[str], dict]:
    out: list[str] = []
    seen: dict[str, dict] = {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            unit = json.loads(line)
        except ValueError as exc:
            out.append(f"line {n}: not JSON: {exc}")
            continue
        sid = unit.get("sid")
        if sid not in units:
            out.append(f"line {n}: unknown sid {sid}")
            continue
        if sid in seen:
            out.append(f"line {n}: sid {sid} given twice")
        seen[sid] = unit
        if unit.get("kind") not in KINDS:
            out.append(f"{sid}: bad kind {unit.get('kind')}")
        for e in unit.get("events", []):
            if e.get("type") not in TYPES:
                out.append(f"{sid}: bad type {e.get('type')}")
            if e.get("modality") not in MODALITIES:
                out.append(f"{sid}: bad modality {e.get('modality')}")
            for field in ("trigger", "source", "target"):
                value = e.get(field, "")
                if value and value not in units[sid]:
                    out.append(f"{sid}: {field} {value!r} is not copied exactly from the unit")
            for field in ("source_code", "target_code"):
                value = e.get(field, "")
                if value and not CODE.fullmatch(value):
                    out.append(f"{sid}: bad {field} {value!r}")
    missing = [s for s in units if s not in seen]
    if missing and not partial:
        out.append(f"{len(missing)} units missing, first: {missing[:5]}")
    return out, seen


def main() -> int:
    units = batch_units(sys.argv[1])
    found, seen = problems(units, sys.argv[2], "--partial" in sys.argv)
    events = sum(len(u.get("events", [])) for u in seen.values())
    print("\n".join(found) if found else f"OK: {len(seen)} units, {events} events")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
