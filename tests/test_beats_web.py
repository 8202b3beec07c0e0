"""The dashboard's beat pages, in process: ``/beats``, ``/beats/<name>`` and their JSON."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from beats_data import ARTICLES, make_document, make_event
from fastapi.testclient import TestClient

from newsevents.beats import beat_report
from newsevents.store import open_store
from newsevents.store.snapshot import Snapshot
from newsevents.stories import assign_stories
from newsevents.web.app import create_app

EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    tmp_path = tmp_path_factory.mktemp("beats-web")
    db = tmp_path / "news.duckdb"
    docs = [make_document("d1", " ".join(ARTICLES["shelling"][3]), [make_event("d1")],
                          title=f"Shelling {EVIL}")]
    with open_store(db) as store:
        store.write(docs)
        assign_stories(store, docs)
    beat_file = tmp_path / "dmz.toml"
    beat_file.write_text('name = "dmz"\ntitle = "The DMZ"\nplaces = ["DMZ"]\n')
    beat_report(str(beat_file), tmp_path / "out", db=db)  # keeps the beat in the store
    app = create_app(Snapshot(db, workdir=tmp_path))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def test_a_coverage_page_is_served_under_the_dashboards_policy(client: TestClient) -> None:
    response = client.get("/beats/korean-peninsula")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    assert "Korean Peninsula" in page and "Latest stories" in page
    assert '<link rel="stylesheet" href="/beats/report.css">' in page
    assert "<style" not in page and " style=" not in page and "<script" not in page
    assert "&lt;script&gt;" in page  # the scraped title, escaped


def test_the_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/beats/report.css")
    assert response.status_code == 200 and "text/css" in response.headers["content-type"]


def test_a_beat_kept_in_the_store_has_its_page_too(client: TestClient) -> None:
    assert "The DMZ" in client.get("/beats/dmz").text
    listed = {b["name"]: b for b in client.get("/api/beats").json()["beats"]}
    assert listed["dmz"]["where"] == "store" and listed["korean-peninsula"]["where"] == "package"
    assert 'href="/beats/dmz"' in client.get("/beats").text


@pytest.mark.parametrize(("path", "status"), [
    ("/beats/atlantis", 404),
    ("/beats/..%2F..%2Fetc%2Fpasswd", 404),
    ("/beats/Not_A_Name", 422),
    ("/api/beats/atlantis", 404),
])
def test_an_unknown_or_malformed_beat_name_is_an_error(client: TestClient, path: str,
                                                       status: int) -> None:
    assert client.get(path).status_code == status


def test_the_briefing_is_json_too(client: TestClient) -> None:
    briefing = client.get("/api/beats/korean-peninsula").json()
    assert briefing["totals"]["events"] == 1
    assert briefing["key_events"][0]["type"] == "ASSAULT"
    assert briefing["changes"]["since"] is None  # only the DMZ beat was reported on
