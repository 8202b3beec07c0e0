"""Read the knowledge files shipped in ``newsevents/data`` (and users' own files).

Knowledge is data: lexicons, actor tables and code maps are CSV files with a header
row; ``#`` starts a comment line. Every row is validated as it is read, and a bad row
raises :class:`~newsevents.errors.DataFileError` naming the file and line.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import DataFileError

Row = dict[str, str]


def package_path(name: str) -> Path:
    """The path of a packaged data file, e.g. ``package_path("cameo.csv")``."""
    return Path(str(resources.files("newsevents") / "data" / name))


def package_files() -> list[Path]:
    """Every packaged data file, in a fixed order."""
    return sorted(p for p in package_path("").rglob("*") if p.is_file())


def iter_rows(path: str | Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, Row]]:
    """Yield ``(line_number, row)`` from a CSV file, skipping blank and ``#`` lines.

    Values are stripped; a missing column is the empty string. ``required`` names
    columns that must be present in the header and non-empty in every row.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise DataFileError(str(path), 0, f"cannot read: {exc.strerror or exc}") from exc
    with handle:
        lines = ((n, line) for n, line in enumerate(handle, start=1)
                 if line.strip() and not line.lstrip().startswith("#"))
        numbered = list(lines)
        if not numbered:
            raise DataFileError(str(path), 0, "the file has no header row")
        reader = csv.reader(line for _, line in numbered)
        header = [h.strip() for h in next(reader)]
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileError(str(path), numbered[0][0],
                                f"header lacks column(s) {', '.join(missing)}")
        for (lineno, _), values in zip(numbered[1:], reader, strict=False):
            if len(values) > len(header):
                raise DataFileError(str(path), lineno,
                                    f"{len(values)} values for {len(header)} columns")
            row = {h: (values[i].strip() if i < len(values) else "")
                   for i, h in enumerate(header)}
            empty = [c for c in required if not row.get(c)]
            if empty:
                raise DataFileError(str(path), lineno, f"empty {', '.join(empty)}")
            yield lineno, row


def load_table(path: str | Path, required: tuple[str, ...] = (),
               check: Callable[[Row], str | None] | None = None) -> list[Row]:
    """All rows of a CSV file; ``check(row)`` returns an error message or None."""
    rows = []
    for lineno, row in iter_rows(path, required):
        if check is not None:
            problem = check(row)
            if problem:
                raise DataFileError(str(path), lineno, problem)
        rows.append(row)
    return rows


@cache
def packaged_table(name: str, required: tuple[str, ...] = ()) -> tuple[Row, ...]:
    """A packaged table, read once per process."""
    return tuple(load_table(package_path(name), required))


def split_list(value: str) -> list[str]:
    """Split a ``a|b|c`` cell into its non-empty parts."""
    return [v.strip() for v in value.split("|") if v.strip()]


def word_class(name: str) -> frozenset[str]:
    """The words of one class of ``data/word_classes.csv`` (the small word lists the rules
    look for: "causative" verbs, "envoys", titles of "courtesy")."""
    for row in packaged_table("word_classes.csv", ("class", "words")):
        if row["class"] == name:
            return frozenset(split_list(row["words"]))
    raise DataFileError(str(package_path("word_classes.csv")), 0, f"no class {name!r}")
