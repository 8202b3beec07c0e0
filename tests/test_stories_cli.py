"""Tests for ``newsevents stories`` and for story assignment during ``newsevents ingest``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from stories_articles import FERRY, STRIKE, corpus

from newsevents.cli import main
from newsevents.store import open_store
from newsevents.stories import assign_stories


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.duckdb"
    with open_store(path) as store:
        store.write(corpus())
        assign_stories(store, corpus())
    return path


def test_stories_jsonl_gives_each_document_its_story_and_original(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--db", str(db), "--format", "jsonl"]) == 0
    records = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert set(records) == {d.id for d in corpus()}
    assert all({"id", "url", "story_id", "duplicate_of"} <= set(r) for r in records.values())
    assert len({records[i]["story_id"] for i in FERRY}) == 1
    assert records["ferry-copy"]["duplicate_of"] == "ferry-wire"
    assert records["ferry-own"]["duplicate_of"] is None


def test_stories_table_lists_each_story_with_its_counts(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["story", "first", "last", "articles", "sources", "copies",
                                "title"]
    assert len(lines) == 4
    ferry = next(line for line in lines if "Lake Orvan" in line)
    assert ferry.split()[1:6] == ["2021-03-02", "2021-03-03", "2", "2", "2"]


def test_stories_rebuild_reports_what_it_did(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--db", str(db), "--rebuild", "--threshold", "0.9"]) == 0
    captured = capsys.readouterr()
    assert "rebuilt: 7 articles" in captured.err
    assert len(captured.out.splitlines()) > 4  # nothing reworded joins at 0.9


@pytest.mark.parametrize(("args", "message"), [
    (["--threshold", "0.2"], "add --rebuild"),
    (["--rebuild", "--threshold", "2"], "threshold must be"),
])
def test_stories_usage_errors_are_one_line(db: Path, capsys: pytest.CaptureFixture[str],
                                           args: list[str], message: str) -> None:
    assert main(["stories", "--db", str(db), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.splitlines()) == 1


def test_stories_of_a_missing_store_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no such store" in capsys.readouterr().err


@pytest.mark.slow
def test_ingest_places_articles_in_stories(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({
        "id": d.id, "text": d.text, "title": d.title, "url": d.url,
        "date": d.date.isoformat() if d.date else None, "source": d.source}) + "\n"
        for d in corpus()), encoding="utf-8")
    db = tmp_path / "news.duckdb"
    assert main(["ingest", str(path), "--db", str(db)]) == 0
    assert main(["stories", "--db", str(db), "--format", "jsonl"]) == 0
    records = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert len({records[i]["story_id"] for i in FERRY}) == 1
    assert len({records[i]["story_id"] for i in STRIKE}) == 1
    assert records["ferry-copy"]["duplicate_of"] == "ferry-wire"
    assert main(["stats", "--db", str(db), "--count", "clusters", "--format", "json"]) == 0
