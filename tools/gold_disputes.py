"""List the units two annotators coded differently, with both codings, for the adjudicator.

Units differ when their kind differs or their events differ in type, modality or the country
part of a source or target code. The adjudicator sees the codings as "annotation 1" and
"annotation 2", never who made them.

Example: python tools/gold_disputes.py /tmp/annot 3   # batch3.txt, out/A_batch3.jsonl, ...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gold_check import batch_units


def _load(path: Path) -> dict[str, dict]:
    return {json.loads(x)["sid"]: json.loads(x)
            for x in path.read_text(encoding="utf-8").splitlines() if x.strip()}


def signature(unit: dict) -> tuple:
    return (unit.get("kind"), sorted(
        (e["type"], e["modality"], (e.get("source_code") or "")[:3],
         (e.get("target_code") or "")[:3]) for e in unit.get("events", [])))


def main() -> int:
    root, n = Path(sys.argv[1]), sys.argv[2]
    a = _load(root / "out" / f"A_batch{n}.jsonl")
    b = _load(root / "out" / f"B_batch{n}.jsonl")
    units = batch_units(str(root / f"batch{n}.txt"))
    lines: list[str] = []
    disputed = 0
    for sid, text in units.items():
        if signature(a[sid]) == signature(b[sid]):
            continue
        disputed += 1
        lines.append(f"[{sid}] {text}")
        for i, coding in enumerate((a[sid], b[sid]), 1):
            shown = {"kind": coding.get("kind"), "events": coding.get("events", [])}
            lines.append(f"  annotation {i}: " + json.dumps(shown, ensure_ascii=False))
        lines.append("")
    (root / f"adj_batch{n}.txt").write_text("\n".join(lines), encoding="utf-8")
    print(f"batch {n}: {disputed} disputed of {len(units)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
