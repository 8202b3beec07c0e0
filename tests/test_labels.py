"""Aggregate actor codes are named in words ("United States — government"), people by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from beats_data import make_document as beat_document
from beats_data import make_event as beat_event
from fastapi.testclient import TestClient
from test_store import make_document, make_event

from newsevents.beats import build_briefing, resolve_beat
from newsevents.beats.render import render
from newsevents.cli import main
from newsevents.labels import code_label
from newsevents.models import Actor
from newsevents.store import open_store
from newsevents.store.snapshot import Snapshot
from newsevents.web.app import create_app

BIEGUN = Actor(text="Biegun", name="Stephen Biegun", country="USA", sector="GOV",
               role="deputy secretary of state")
POMPEO = Actor(text="Pompeo", name="Mike Pompeo", country="USA", sector="GOV",
               role="secretary of state")
KIM = Actor(text="Kim", name="Kim Jong-un", country="PRK", sector="GOV", role="leader")


@pytest.mark.parametrize(("code", "label"), [
    ("USAGOV", "United States — government"),
    ("KOR", "South Korea"),
    ("KORGOV", "South Korea — government"),
    ("PRKMIL", "North Korea — military"),
    ("PRKGOV", "North Korea — government"),
    ("IGO", "International organisation"),
    ("REB", "Rebels"),
    ("NGO", "Non-governmental organisation"),
    ("IGOUNO", "United Nations"),
    ("IGOUNOWHO", "World Health Organization"),
    ("USAGOVMIL", "United States — government, military"),
    ("NGOUSA", "Non-governmental organisation — United States"),
    ("GER", "Germany"),  # CAMEO's pre-ISO code
    ("XYZ", "XYZ"),  # unknown: the code itself
    ("USAXYZ", "USAXYZ"),  # one unknown group: nothing guessed
    ("IGOUNOXYZ", "IGOUNOXYZ"),
    ("USAG", "USAG"),  # not three-letter groups
    ("", ""),
])
def test_a_code_reads_as_country_and_sector(code: str, label: str) -> None:
    assert code_label(code) == label


def _officials_store(path: Path) -> None:
    """Two events of two US officials on North Korea's leader, one the other way."""
    with open_store(path) as store:
        store.write([make_document("a", events=[
            make_event("a", 0, source=BIEGUN, target=KIM),
            make_event("a", 1, source=POMPEO, target=KIM),
            make_event("a", 2, source=KIM, target=POMPEO)])])


def test_officials_of_one_government_give_one_row_named_for_it(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    _officials_store(db)
    with open_store(db, read_only=True) as store:
        actors = store.top_actors(limit=10)
        dyads = store.top_dyads(limit=10)
        events = store.events(limit=10)
    assert [(a.code, a.name, a.events) for a in actors] == [
        ("PRKGOV", "North Korea — government", 3), ("USAGOV", "United States — government", 3)]
    assert [(d.source_name, d.target_name, d.events) for d in dyads] == [
        ("United States — government", "North Korea — government", 2),
        ("North Korea — government", "United States — government", 1)]
    # An event is about people: it keeps their names.
    assert {e.source.name for e in events if e.source} == {
        "Stephen Biegun", "Mike Pompeo", "Kim Jong-un"}


def test_the_api_names_actors_and_dyads_by_code(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    _officials_store(db)
    app = create_app(Snapshot(db, workdir=tmp_path))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        actors = client.get("/api/actors").json()["actors"]
        dyads = client.get("/api/dyads").json()["dyads"]
        stats = client.get("/api/stats", params={"top": 5}).json()
        [event] = client.get("/api/events", params={"actor": "Biegun"}).json()["events"]
    assert {a["code"]: a["name"] for a in actors} == {
        "USAGOV": "United States — government", "PRKGOV": "North Korea — government"}
    assert dyads[0]["source_name"] == "United States — government"
    assert stats["actors"] == actors
    assert event["source"]["name"] == "Stephen Biegun"


def test_the_stats_command_names_top_actors_by_code(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "events.duckdb"
    _officials_store(db)
    assert main(["stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "United States — government" in out and "North Korea — government" in out
    assert "Biegun" not in out and "Kim Jong-un" not in out


def test_a_briefing_names_its_actors_by_code(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    yoon = Actor(text="Yoon", name="Yoon Suk Yeol", country="KOR", sector="GOV")
    with open_store(db) as store:
        store.write([beat_document("d1", "North Korean troops shelled the border.", [
            beat_event("d1"),
            beat_event("d1", 1, type="CONSULT", cameo="040", quad_class=1, intensity=1.0,
                       source=yoon, location=None, sentence="Yoon met officials.")])])
    with open_store(db, read_only=True) as store, store.reading("test") as con:
        briefing = build_briefing(con, resolve_beat("korean-peninsula", con))
    names = {a["code"]: a["name"] for a in briefing.actors}
    assert names == {"PRKMIL": "North Korea — military", "KOR": "South Korea",
                     "KORGOV": "South Korea — government"}
    page = render(briefing)
    assert "South Korea — government" in page
    assert "Yoon Suk Yeol" in page  # the key event keeps the person's name
