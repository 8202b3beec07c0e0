"""Tests for exports: Parquet, CSV, JSONL, GDELT-style and PLOVER files of filtered events."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from test_store import make_document, make_event

from newsevents.cli import main
from newsevents.errors import QueryError, StoreError
from newsevents.models import Actor
from newsevents.store import Store, open_store
from newsevents.store.export import GDELT_COLUMNS, export_format, plover_record
from newsevents.store.query import export

UN = Actor(text="the UN\tcouncil", name="United Nations", sector="IGO")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    db = tmp_path / "events.duckdb"
    with open_store(db) as store:
        store.write([
            make_document("a"),  # ASSAULT PRKGOV -> KORGOV in Kaesong, 2020-06-16
            make_document("b", events=[make_event(
                "b", type="CONSULT", cameo="0421", quad_class=1, intensity=1.9, source=UN,
                target=None, date="2020-06", date_precision="month", location=None,
                context=[], modality="intended", trigger="meet",
                sentence="The UN council will meet.")]),
        ])
    return db


@pytest.fixture
def store(path: Path) -> Store:
    return open_store(path, read_only=True)


def test_jsonl_export_holds_the_event_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert store.export(out, "jsonl") == 2
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records == [e.to_dict() for e in store.events()]


def test_export_applies_the_filters(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert store.export(out, "jsonl", modality="intended") == 1
    assert json.loads(out.read_text())["event_id"] == "b-e0"


def test_parquet_export_has_the_event_and_article_columns(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert store.export(out, "parquet") == 2
    con = duckdb.connect()
    rows = con.execute("SELECT event_id, context, doc_url, date_start FROM read_parquet($1)"
                       " ORDER BY event_id", [str(out)]).fetchall()
    assert [(r[0], r[1], r[2], r[3].isoformat()) for r in rows] == [
        ("a-e0", ["military", "border"], "https://example.org/a", "2020-06-16"),
        ("b-e0", [], "https://example.org/b", "2020-06-01")]


def test_csv_export_is_flat_with_joined_context(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    store.export(out, "csv", actor="PRK")
    [row] = list(csv.DictReader(out.open()))
    assert row["context"] == "military|border"
    assert (row["source_code"], row["target_code"], row["doc_title"]) == ("PRKGOV", "KORGOV",
                                                                         "Blast")


def test_gdelt_export_has_the_61_columns_of_a_gdelt_event_file(store: Store,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    store.export(out, "gdelt")
    lines = out.read_text().splitlines()
    assert len(GDELT_COLUMNS) == 61 and len(lines) == 2
    rows = [dict(zip([name for name, _ in GDELT_COLUMNS], line.split("\t"), strict=True))
            for line in lines]
    second, first = rows  # "2020-06" sorts before the days it contains
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == ("20200616", "202006", "2020")
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor1CountryCode"],
            first["Actor1Type1Code"]) == ("PRKGOV", "NORTH KOREA", "PRK", "GOV")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"],
            first["QuadClass"], first["GoldsteinScale"]) == ("183", "183", "18", "4", "-10.0")
    assert (first["ActionGeo_Type"], first["ActionGeo_FullName"],
            first["ActionGeo_Lat"]) == ("4", "Kaesong", "37.97")
    assert first["IsRootEvent"] == "1" and first["SOURCEURL"] == "https://example.org/a"
    assert len(first["DATEADDED"]) == 14
    # an organisation with no country; its tab is no column break; a month-precise date
    assert (second["Actor1Code"], second["Actor1KnownGroupCode"], second["Actor1Name"]) == \
        ("IGO", "IGO", "UNITED NATIONS")
    assert second["SQLDATE"] == "20200601" and second["Actor2Code"] == ""


def test_plover_export_is_a_json_list_of_plover_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    store.export(out, "plover")
    second, first = json.loads(out.read_text())
    assert first["id"] == "a-e0" and first["event"] == "ASSAULT"
    assert first["source"] == [{"actorText": "North Korea", "code": "PRK", "sector": "GOV",
                                "name": "North Korea"}]
    assert first["textInfo"]["markup"] == \
        "(SRC: North Korea) (EVT: blew up) (TAR: the liaison office)."
    assert first["eventLoc"] == {"name": "Kaesong", "country code": "KP", "lat": 37.97,
                                 "lon": 126.55}
    assert first["context"] == "military,border" and first["language"] == "en"
    assert "target" not in second and "context" not in second  # nulls are left out
    assert second["source"] == [{"actorText": "the UN\tcouncil", "code": "IGO",
                                 "name": "United Nations"}]


def test_plover_record_leaves_out_null_fields() -> None:
    record = plover_record(make_event(location=None, mode=None))
    assert all(value is not None for value in record.values())
    assert "eventLoc" not in record and "mode" not in record


def test_an_empty_selection_writes_an_empty_file(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "none.json"
    assert store.export(out, "plover", type="AID") == 0
    assert json.loads(out.read_text()) == []


def test_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="format='xlsx'"):
        store.export(tmp_path / "x.xlsx", "xlsx")


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_a_missing_directory_is_a_store_error_naming_the_file(store: Store, tmp_path: Path,
                                                               fmt: str) -> None:
    out = tmp_path / "missing" / "events.out"
    with pytest.raises(StoreError, match="missing/events.out.*directory does not exist"):
        store.export(out, fmt)


def test_a_path_with_a_quote_is_written_safely(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "it's.parquet"
    assert store.export(out, "parquet") == 2 and out.exists()


def test_export_library_function_reads_a_store_by_path(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "prk.csv"
    assert export(out, "csv", db=path, actor="PRK") == 1


def test_export_command_writes_the_file_and_says_how_many(
        path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "e.tsv"
    assert main(["export", "--db", str(path), "--format", "gdelt", "--quad", "4",
                 "--out", str(out)]) == 0
    assert "1 events written to" in capsys.readouterr().err
    assert len(out.read_text().splitlines()) == 1


def test_export_command_reports_a_bad_output_in_one_line(
        path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--db", str(path), "--out", str(tmp_path / "no" / "x.jsonl")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "directory does not exist" in err


# -- the format follows the file's extension (issue 16, item 2) ----------------------------


@pytest.mark.parametrize(("name", "fmt"), [
    ("events.parquet", "parquet"), ("EVENTS.PARQUET", "parquet"), ("events.csv", "csv"),
    ("events.jsonl", "jsonl"), ("events.ndjson", "jsonl"), ("events.json", "plover"),
    ("events.tsv", "gdelt")])
def test_export_format_follows_the_extension(name: str, fmt: str) -> None:
    assert export_format(name) == fmt


def test_export_without_a_format_writes_what_the_extension_names(store: Store,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert store.export(out) == 2
    assert out.read_bytes()[:4] == b"PAR1"  # not JSON lines in a .parquet file
    csv_out = tmp_path / "events.csv"
    store.export(csv_out)
    assert csv_out.read_text().startswith('event_id,')


@pytest.mark.parametrize(("name", "fmt"), [("events.parquet", "csv"), ("events.csv", "jsonl"),
                                           ("events.tsv", "parquet"), ("events.json", "gdelt")])
def test_a_format_the_extension_contradicts_is_refused(store: Store, tmp_path: Path,
                                                       name: str, fmt: str) -> None:
    with pytest.raises(QueryError, match=f"named .* but the format is {fmt}"):
        store.export(tmp_path / name, fmt)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(("name", "fmt"), [("events.json", "jsonl"), ("e.export.csv", "gdelt")])
def test_an_extension_that_may_hold_the_format_takes_it(store: Store, tmp_path: Path,
                                                        name: str, fmt: str) -> None:
    assert store.export(tmp_path / name, fmt) == 2


def test_an_unknown_extension_needs_a_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="cannot tell the format of .*events.out"):
        store.export(tmp_path / "events.out")
    assert store.export(tmp_path / "events.out", "jsonl") == 2


def test_export_library_function_follows_the_extension(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "prk.tsv"
    assert export(out, db=path, actor="PRK") == 1
    assert len(out.read_text().split("\t")) == 61


def test_export_command_takes_the_format_from_the_extension(
        path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.parquet"
    assert main(["export", "--db", str(path), "--out", str(out)]) == 0
    assert "2 events written to" in (err := capsys.readouterr().err) and "(parquet)" in err
    con = duckdb.connect()
    assert con.execute("SELECT count(*) FROM read_parquet($1)", [str(out)]).fetchone() == (2,)


@pytest.mark.parametrize("argv", [["--out", "x.parquet", "--format", "csv"],
                                  ["--out", "x.xlsx"]])
def test_export_command_refuses_a_mismatch_or_unknown_extension_as_a_usage_error(
        path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--db", str(path), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsevents: error: ")
    assert not list(tmp_path.glob("x.*"))


# -- CAMEO codes stay text in CSV (issue 16, item 6) ----------------------------------------


def test_csv_export_quotes_the_cameo_code(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    store.export(out, modality="intended")
    header, line = out.read_text().splitlines()
    assert ',"cameo",' in header and ',"0421",' in line
    assert next(csv.DictReader(out.open()))["cameo"] == "0421"


def test_events_csv_quotes_the_cameo_code_as_the_export_does(
        path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(path), "--format", "csv", "--modality", "intended"]) == 0
    printed = capsys.readouterr().out
    assert ',"0421",' in printed.splitlines()[1]
    out = tmp_path / "events.csv"
    export(out, db=path, modality="intended")
    exported = next(csv.DictReader(out.open()))
    row = next(csv.DictReader(printed.splitlines()))
    assert row == {k: v for k, v in exported.items() if k in row}


def test_store_events_convert_to_a_data_frame(store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", SimpleNamespace(
        DataFrame=lambda rows, columns: (rows, columns)))
    rows, columns = store.events(actor="PRK").to_pandas()
    assert len(rows) == 1 and columns[:3] == ["event_id", "doc_id", "type"]
