"""Tests for ``/api/stories`` and the ``story`` event filter, in process, over a store
built by ingesting articles written for the story tests (tests/stories_articles.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from stories_articles import CYCLING, FERRY_COPY, FERRY_OWN, FERRY_WIRE, article

import newsevents
from newsevents.cli import main
from newsevents.store.snapshot import Snapshot
from newsevents.web.app import MAX_STORIES, create_app

pytestmark = pytest.mark.slow  # a real ingest: the spaCy model loads

FERRY_TITLE = "Ferry capsizes on Lake Orvan, fourteen missing"


def write_articles(path: Path) -> None:
    """Three tellings of the ferry story (one a wire copy) and an unrelated article."""
    docs = [
        article("ferry-wire", FERRY_WIRE, date(2021, 3, 2), "herald.example", FERRY_TITLE),
        article("ferry-copy", FERRY_COPY, date(2021, 3, 2), "courier.example",
                "Fourteen feared lost as ferry capsizes"),
        article("ferry-own", FERRY_OWN, date(2021, 3, 3), "tribune.example",
                "Divers search Lake Orvan for ferry passengers"),
        article("cycling", CYCLING, date(2021, 3, 9), "courier.example",
                "Tarnow approves cycling lanes"),
    ]
    path.write_text("".join(json.dumps({
        "id": d.id, "text": d.text, "title": d.title, "url": d.url,
        "date": d.date.isoformat() if d.date else None, "source": d.source}) + "\n"
        for d in docs), encoding="utf-8")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("stories")
    write_articles(tmp_path / "articles.jsonl")
    db = tmp_path / "news.duckdb"
    result = newsevents.ingest([str(tmp_path / "articles.jsonl")], db=db)
    assert not result.failures and result.documents == 4
    return db


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    app = create_app(Snapshot(db, workdir=db.parent))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def stories(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_stories_are_listed_latest_first_with_their_counts(client: TestClient) -> None:
    answer = stories(client)
    assert answer["total"] == 2
    cycling, ferry = answer["stories"]
    assert cycling["title"] == "Tarnow approves cycling lanes"
    assert {k: ferry[k] for k in ("title", "first_date", "last_date", "articles", "size",
                                  "copies", "sources")} == {
        "title": FERRY_TITLE, "first_date": "2021-03-02", "last_date": "2021-03-03",
        "articles": 3, "size": 2, "copies": 1, "sources": 2}


def test_a_story_lists_its_articles_and_which_copy_another(client: TestClient) -> None:
    ferry = stories(client)["stories"][1]
    docs = {d["id"]: d for d in ferry["documents"]}
    assert set(docs) == {"ferry-wire", "ferry-copy", "ferry-own"}
    assert docs["ferry-copy"]["duplicate_of"] == "ferry-wire"
    assert docs["ferry-own"]["url"] == "https://tribune.example/ferry-own"


def test_the_article_list_is_capped(client: TestClient) -> None:
    ferry = stories(client, documents=1)["stories"][1]
    assert [d["id"] for d in ferry["documents"]] == ["ferry-wire"] and ferry["articles"] == 3


def test_stories_are_paged(client: TestClient) -> None:
    answer = stories(client, limit=1, offset=1)
    assert answer["total"] == 2 and [s["title"] for s in answer["stories"]] == [FERRY_TITLE]


@pytest.mark.parametrize(("params", "titles"), [
    ({"since": "2021-03-03", "until": "2021-03-05"}, [FERRY_TITLE]),
    ({"since": "2021-03-04"}, ["Tarnow approves cycling lanes"]),
    ({"until": "2021-02"}, []),
    ({"actor": "EST"}, [FERRY_TITLE]),
])
def test_stories_filtered_by_dates_and_actor(client: TestClient, params: dict[str, str],
                                             titles: list[str]) -> None:
    assert [s["title"] for s in stories(client, **params)["stories"]] == titles


@pytest.mark.parametrize("params", [{"since": "March"}, {"actor": " "}])
def test_a_bad_story_filter_is_a_400_naming_it(client: TestClient,
                                               params: dict[str, str]) -> None:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 400 and next(iter(params)) in response.json()["detail"]


def test_stories_ordered_by_size_put_the_largest_first(client: TestClient) -> None:
    assert [s["title"] for s in stories(client, order="size")["stories"]] == [
        FERRY_TITLE, "Tarnow approves cycling lanes"]
    assert client.get("/api/stories", params={"order": "biggest"}).status_code == 400


def test_a_story_counts_its_events_and_actors(client: TestClient) -> None:
    ferry = stories(client)["stories"][1]
    events = client.get("/api/events", params={"story": ferry["story_id"],
                                               "limit": 500}).json()["events"]
    codes = {a["code"] for e in events for a in (e["source"], e["target"])
             if a and a.get("code")}
    assert ferry["events"] == len(events) > 0 and ferry["actors"] == len(codes) > 0


def test_the_story_page_size_is_capped(client: TestClient) -> None:
    assert client.get("/api/stories", params={"limit": MAX_STORIES + 1}).status_code == 422


def test_events_filtered_by_story_are_its_articles_events(client: TestClient) -> None:
    ferry = stories(client)["stories"][1]
    everything = client.get("/api/events", params={"limit": 500}).json()["events"]
    answer = client.get("/api/events", params={"story": ferry["story_id"]}).json()
    expected = [e["event_id"] for e in everything if e["doc_id"].startswith("ferry-")]
    assert expected and sorted(e["event_id"] for e in answer["events"]) == sorted(expected)
    assert client.get("/api/events", params={"story": "s-none"}).json()["total"] == 0


def test_the_events_command_takes_the_story_filter(
        db: Path, client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    ferry = stories(client)["stories"][1]
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--story", ferry["story_id"],
                 "--format", "jsonl"]) == 0
    docs = {json.loads(line)["doc_id"] for line in capsys.readouterr().out.splitlines()}
    assert docs and docs <= {"ferry-wire", "ferry-copy", "ferry-own"}
