"""What the gold-preparing scripts share: writing unit rows, cutting batches.

Example: from gold_units import write_units, batches   # from a script in bench/
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def write_units(path: Path, rows: list[dict], append: bool) -> None:
    """The unit rows ({sid, doc_id, start, end}), one JSON object a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a" if append else "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")


def batches(items: Sequence[T], n_batches: int, folder: Path, first: int = 1
            ) -> Iterator[tuple[Path, Sequence[T]]]:
    """``n_batches`` near-equal parts of ``items``, each with the batch file it goes to."""
    folder.mkdir(parents=True, exist_ok=True)
    per = -(-len(items) // n_batches)
    for b in range(n_batches):
        yield folder / f"batch{b + first}.txt", items[b * per:(b + 1) * per]
