"""The one event layout agrees with the model, the store's schema and every flat output.

An event field is added by touching the model and adding its migration: if the migration
is forgotten (or a column is renamed in one place only), these tests fail and say which
column differs.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from test_store import make_document, make_event

from newsevents.cli import main
from newsevents.codec import data_fields
from newsevents.errors import ConfigError
from newsevents.layout import (
    EVENT_COLUMNS,
    EVENT_LAYOUT,
    Column,
    build_layout,
    event_row,
    row_event,
)
from newsevents.models import Event, Evidence
from newsevents.store import open_store
from newsevents.store._rows import SORT_KEY_COLUMNS

DOC_COLUMNS = ["doc_title", "doc_url", "doc_source", "doc_date"]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    db = tmp_path / "events.duckdb"
    evidence = Evidence(rule="triggers.csv:9", rule_text="blow up", trigger_spans=[(12, 19)],
                        sentence_start=0, time={"how": "publication date"}, model=0.75)
    with open_store(db) as store:
        store.write([make_document("a", events=[make_event("a", evidence=evidence)])])
    return db


def test_every_field_of_an_event_has_its_columns() -> None:
    names = set(EVENT_COLUMNS)
    for f in data_fields(Event):
        assert f.name in names or any(c.startswith(f"{f.name}_") for c in names), f.name
    assert len(names) == len(EVENT_COLUMNS)  # no column named twice


def test_the_store_events_table_is_the_layout(path: Path) -> None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        described = con.execute("DESCRIBE events").fetchall()
    finally:
        con.close()
    stored = {name: (kind, null == "YES") for name, kind, null, *_ in described
              if name not in SORT_KEY_COLUMNS}
    declared = {c.name: (c.type, c.nullable) for c in EVENT_LAYOUT}
    missing = sorted(set(declared) - set(stored))
    assert not missing, f"model fields without a store column (add a migration): {missing}"
    assert stored == declared


def test_an_event_round_trips_through_its_row_and_the_store(path: Path) -> None:
    event = make_event("a", evidence=Evidence(rule="r", trigger_spans=[(1, 2)], model=0.5))
    assert row_event(event_row(event)) == event
    with open_store(path, read_only=True) as store:
        [stored] = store.events()
    assert stored.evidence is not None and stored.evidence.model == 0.75
    assert stored == make_event("a", evidence=stored.evidence)


def test_exports_and_the_cli_write_the_layout(path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(path, read_only=True) as store:
        store.export(tmp_path / "e.csv")
        store.export(tmp_path / "e.parquet")
    assert next(csv.reader((tmp_path / "e.csv").open())) == [*EVENT_COLUMNS, *DOC_COLUMNS]
    con = duckdb.connect()
    try:
        parquet = [row[0] for row in con.execute(
            "DESCRIBE SELECT * FROM read_parquet($1)", [str(tmp_path / "e.parquet")]).fetchall()]
    finally:
        con.close()
    assert parquet == [*EVENT_COLUMNS, *DOC_COLUMNS]
    assert main(["events", "--db", str(path), "--format", "csv"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert next(csv.reader(printed)) == list(EVENT_COLUMNS)
    exported = next(csv.DictReader((tmp_path / "e.csv").open()))
    assert next(csv.DictReader(printed)) == {c: exported[c] for c in EVENT_COLUMNS}


@dataclass
class _Wider(Event):
    """The model with a field added and no migration for it."""

    severity: float | None = None
    tags: list[str] = field(default_factory=list)


def test_a_field_added_to_the_model_without_its_migration_is_caught(path: Path) -> None:
    columns, _ = build_layout(_Wider)
    added = [c for c in columns if c.name not in EVENT_COLUMNS]
    assert added == [Column("severity", "DOUBLE", True), Column("tags", "VARCHAR[]", False)]
    con = duckdb.connect(str(path), read_only=True)
    try:
        stored = {row[0] for row in con.execute("DESCRIBE events").fetchall()}
    finally:
        con.close()
    # What test_the_store_events_table_is_the_layout would then report.
    assert sorted({c.name for c in columns} - stored) == ["severity", "tags"]


def test_a_field_the_layout_cannot_place_fails_loudly() -> None:
    @dataclass
    class Odd(Event):
        extra: dict[str, int] | None = None

    with pytest.raises(ConfigError, match="Odd.extra: no column type"):
        build_layout(Odd)
