from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import newsevents
from newsevents.cli import COMMANDS, build_parser, main
from newsevents.cli._output import around, trigger_span
from newsevents.models import Event

ARTICLE = ("Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk-yeol "
           "in Tokyo on Thursday. North Korea fired a missile at Japan last week.")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.slow
def test_code_jsonl_prints_one_event_a_line_with_every_field(
        article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code", str(article), "--date", "2023-03-17", "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records
    fields = {"event_id", "doc_id", "type", "mode", "context", "cameo", "quad_class",
              "intensity", "source", "target", "date", "date_precision", "date_text",
              "location", "modality", "sentence", "span", "trigger", "confidence", "coder"}
    assert all(fields <= set(r) for r in records)
    assert all(set(r["source"]) >= {"text", "name", "country", "sector", "code"}
               for r in records)


@pytest.mark.slow
def test_code_csv_has_a_header_and_flat_actor_columns(
        article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["code", str(article), "--date", "2023-03-17", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and rows[0]["source_code"] == "JPNGOV"


@pytest.mark.slow
def test_code_table_is_readable(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["code", str(article), "--date", "2023-03-17"])
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:4] == ["id", "date", "type", "cameo"]
    assert any("CONSULT" in line and "Tokyo" in line for line in out[1:])


@pytest.mark.slow
def test_code_names_a_missing_input_and_exits_1(
        article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["code", str(missing), str(article), "--date", "2023-03-17",
                 "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    assert f"{missing}: no such file" in captured.err
    assert captured.out.strip()  # the good input was still coded


@pytest.mark.slow
def test_ingest_then_events_reads_back_filtered(
        article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", str(article), "--date", "2023-03-17", "--db", db]) == 0
    capsys.readouterr()
    assert main(["events", "--db", db, "--actor", "JPN", "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and all("JPN" in ((r["source"] or {}).get("code") or "")
                           + ((r["target"] or {}).get("code") or "") for r in records)


def test_events_on_a_missing_store_is_a_one_line_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(tmp_path / "none.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such store" in err


@pytest.mark.slow
def test_actors_lists_distinct_coded_actors(
        article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["actors", str(article), "--date", "2023-03-17", "--format", "jsonl"])
    codes = {json.loads(line)["code"] for line in capsys.readouterr().out.splitlines()}
    assert {"JPNGOV", "KORGOV", "PRK"} <= codes


def test_every_command_has_an_example() -> None:
    parser = build_parser()
    assert COMMANDS
    for command in COMMANDS:
        assert command.example.startswith("newsevents ")
    assert "Example:" in parser.format_help()


def test_console_script_reports_user_errors_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "newsevents.cli", "code",
                           str(tmp_path / "nothing.txt")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (1, 126)  # some failed / everything failed
    assert "Traceback" not in proc.stderr
    assert "nothing.txt: no such file" in proc.stderr


@pytest.mark.parametrize(("span", "window"), [
    ((26, 31), "\u2026fourth fifth sixth\u2026"),   # fifth, in the middle
    ((53, 58), "\u2026eventh eighth ninth"),         # ninth, at the end
    (None, "first second third \u2026")])            # no trigger found: from the start
def test_around_cuts_a_window_centred_on_the_trigger(span: tuple[int, int] | None,
                                                     window: str) -> None:
    text = "first second third fourth fifth sixth seventh eighth ninth"
    assert around(text, span, 20) == window


def test_trigger_span_prefers_the_coders_evidence() -> None:
    event = Event.from_dict({**_record(), "sentence": "They met, and met again.",
                             "trigger": "met",
                             "evidence": {"sentence_start": 100, "trigger_spans": [[114, 117]]}})
    assert trigger_span(event) == (14, 17)
    assert trigger_span(replace(event, evidence=None)) == (5, 8)


def _record() -> dict[str, Any]:
    return {"event_id": "e", "doc_id": "d", "type": "CONSULT", "mode": None, "context": [],
            "cameo": "040", "quad_class": 1, "intensity": 1.0, "source": None,
            "target": None, "date": None, "date_precision": None, "date_text": None,
            "location": None, "modality": "asserted", "sentence": "", "span": [0, 0],
            "trigger": "", "confidence": 1.0, "coder": "test"}


# -- undated inputs, exit codes, failed ingests (issue 16, items 3 and 4) ------------------


@pytest.mark.slow
def test_code_without_a_publication_date_warns_naming_the_input(
        article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code", str(article)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert f"no publication date for {article}" in warnings[0] and "--date" in warnings[0]


@pytest.mark.slow
def test_code_with_a_date_gives_no_warning(article: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    main(["code", str(article), "--date", "2023-03-17"])
    assert "warning" not in capsys.readouterr().err


@pytest.mark.slow
def test_ingest_warns_about_undated_inputs_and_says_so_in_its_result(
        article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(article), "--db", str(db)]) == 0
    assert f"warning: no publication date for {article}" in capsys.readouterr().err
    assert newsevents.ingest([str(article)], db=db).undated == [str(article)]


@pytest.mark.parametrize("command", ["code", "ingest", "extract", "actors", "quotes"])
@pytest.mark.slow
def test_every_coding_command_exits_126_when_every_input_failed(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = ["--db", str(tmp_path / "s.duckdb")] if command == "ingest" else []
    assert main([command, str(tmp_path / "missing.txt"), *extra]) == 126
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err and "1 failed" in err


@pytest.mark.parametrize("command", ["actors", "quotes"])
@pytest.mark.slow
def test_actors_and_quotes_exit_1_when_some_inputs_failed(
        command: str, article: Path, tmp_path: Path) -> None:
    assert main([command, str(article), str(tmp_path / "missing.txt"),
                 "--date", "2023-03-17"]) == 1


@pytest.mark.slow
def test_a_failed_ingest_leaves_a_store_of_its_failures_that_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new.duckdb"
    assert main(["ingest", str(tmp_path / "missing.txt"), "--db", str(db)]) == 126
    assert "nothing stored; the failures are recorded" in capsys.readouterr().err
    assert main(["failures", "--db", str(db), "--format", "jsonl"]) == 0
    assert "missing.txt" in capsys.readouterr().out
    assert main(["events", "--db", str(db)]) == 0
    assert "holds no events" in capsys.readouterr().err


def test_an_ingest_of_nothing_leaves_no_store_behind(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    newsevents.ingest([], db=db)
    assert not list(tmp_path.glob("new.duckdb*"))


@pytest.mark.slow
def test_a_failed_ingest_into_a_store_keeps_the_store(
        article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.duckdb"
    main(["ingest", str(article), "--date", "2023-03-17", "--db", str(db)])
    assert main(["ingest", str(tmp_path / "missing.txt"), "--db", str(db)]) == 126
    assert db.exists() and main(["events", "--db", str(db), "--format", "jsonl"]) == 0
    assert capsys.readouterr().out.strip()


@pytest.mark.slow
def test_events_says_why_nothing_was_printed(article: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.duckdb"
    main(["ingest", str(article), "--date", "2023-03-17", "--db", str(db)])
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--type", "AID", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no events match (the store" in captured.err
