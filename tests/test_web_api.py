"""Tests for the JSON API, in process (the app over a snapshot of a store written here)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from test_store import make_document, make_event

from newsevents.models import Actor
from newsevents.store import open_store
from newsevents.store.snapshot import Snapshot
from newsevents.web import allowed_hosts
from newsevents.web.app import MAX_PAGE, STATIC, create_app, public_origin

USA = Actor(text="Washington", name="United States", country="USA", sector="GOV")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    tmp_path = tmp_path_factory.mktemp("api")
    db = tmp_path / "events.duckdb"
    with open_store(db) as store:
        store.write([
            make_document("a"),  # ASSAULT PRKGOV -> KORGOV 2020-06-16 in Kaesong
            make_document("b", events=[
                make_event("b", n, type="CONSULT", cameo="040", quad_class=1, intensity=1.0,
                           source=USA, date=f"2020-07-{n + 1:02d}", location=None,
                           trigger="met", sentence="Washington met the liaison office.")
                for n in range(30)]),
        ])
    app = create_app(Snapshot(db, workdir=tmp_path))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def test_events_are_paginated_with_a_total(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 20, "order": "date"}).json()
    second = client.get("/api/events", params={"limit": 20, "offset": 20}).json()
    assert (first["total"], len(first["events"]), len(second["events"])) == (31, 20, 11)
    assert first["events"][0]["event_id"] == "a-e0"


def test_events_take_the_cli_filters(client: TestClient) -> None:
    answer = client.get("/api/events", params={"dyad": "PRK-KOR", "place": "kaesong",
                                               "quad_class": "4", "since": "2020-06"}).json()
    assert [e["event_id"] for e in answer["events"]] == ["a-e0"]


def test_event_rows_carry_their_article_and_marks(client: TestClient) -> None:
    [row] = client.get("/api/events", params={"type": "ASSAULT"}).json()["events"]
    assert row["document"]["url"] == "https://example.org/a"
    assert {m["role"] for m in row["marks"]} == {"trigger", "source", "target"}


@pytest.mark.parametrize("params", [{"type": "FIGHT"}, {"since": "June"}, {"dyad": "A-B-C"},
                                    {"order": "random"}, {"modality": "maybe"}])
def test_a_bad_filter_is_a_400_naming_it(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/events", params=params)
    name = next(iter(params))
    assert response.status_code == 400 and name in response.json()["detail"]


@pytest.mark.parametrize("params", [{"limit": MAX_PAGE + 1}, {"offset": -1},
                                    {"text": "x" * 201}])
def test_page_size_and_filter_length_are_capped(client: TestClient,
                                                params: dict[str, object]) -> None:
    assert client.get("/api/events", params=params).status_code == 422


def test_event_evidence_and_a_404_for_an_unknown_id(client: TestClient) -> None:
    found = client.get("/api/events/a-e0").json()
    assert found["surrounding"]["after"] and found["mentions"][0]["code"] == "PRKGOV"
    missing = client.get("/api/events/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]


def test_stats_give_a_series_summary_and_tops(client: TestClient) -> None:
    answer = client.get("/api/stats", params={"by": "month", "group": "quad"}).json()
    assert answer["series"] == [
        {"period": "2020-06-01", "group": 4, "count": 1, "mean_intensity": -10.0},
        {"period": "2020-07-01", "group": 1, "count": 30, "mean_intensity": 1.0}]
    assert answer["summary"]["events"] == 31
    assert answer["actors"][0]["code"] == "KORGOV" and answer["dyads"]


def test_stats_without_tops(client: TestClient) -> None:
    answer = client.get("/api/stats", params={"top": 0, "actor": "PRK"}).json()
    assert "actors" not in answer and answer["summary"]["events"] == 1


def test_stats_refuse_an_unknown_period(client: TestClient) -> None:
    assert client.get("/api/stats", params={"by": "decade"}).status_code == 400


def test_actors_and_dyads(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"limit": 2}).json()["actors"]
    dyads = client.get("/api/dyads", params={"type": "CONSULT"}).json()["dyads"]
    assert [a["code"] for a in actors] == ["KORGOV", "USAGOV"]
    assert [(d["source"], d["target"], d["events"]) for d in dyads] == \
        [("USAGOV", "KORGOV", 30)]


def test_document_with_its_events_and_a_404(client: TestClient) -> None:
    doc = client.get("/api/documents/a").json()
    assert doc["title"] == "Blast" and [e["event_id"] for e in doc["events"]] == ["a-e0"]
    assert client.get("/api/documents/zzz").status_code == 404


def test_status_names_the_copy_served(client: TestClient) -> None:
    status = client.get("/api/status").json()
    assert (status["events"], status["documents"], status["generation"]) == (31, 2, 1)


def test_the_api_is_read_only(client: TestClient) -> None:
    assert client.post("/api/events").status_code == 405
    assert client.delete("/api/documents/a").status_code == 405


def test_openapi_docs_list_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/actors",
            "/api/documents/{doc_id}"} <= set(paths)
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_are_a_page_of_the_routes_that_needs_no_script(client: TestClient,
                                                            path: str) -> None:
    page = client.get(path).text
    assert "<script" not in page and "cdn" not in page.lower()
    for route in client.get("/openapi.json").json()["paths"]:
        assert f"GET {route}</code>" in page
    assert "<code>dyad</code>" in page and "SOURCE-TARGET, e.g. PRK-KOR" in page


def test_pages_forbid_inline_script_and_other_origins(client: TestClient) -> None:
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert response.status_code == 200 and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and response.headers["x-frame-options"] == "DENY"


def test_a_foreign_host_name_is_refused(client: TestClient) -> None:
    # A page elsewhere rebinding its name to 127.0.0.1 must not read the store.
    assert client.get("/api/status", headers={"host": "attacker.example"}).status_code == 400


def test_dashboard_assets_are_shipped_and_load_nothing_from_elsewhere(
        client: TestClient) -> None:
    names = sorted(p.name for p in STATIC.iterdir())
    assert names == ["dashboard.css", "dashboard.js", "favicon.svg", "index.html",
                     "map.js", "stories.js", "world.json"]
    for name in names:
        body = client.get(f"/static/{name}").text
        assert not re.search(r"(src|href)=[\"']?(https?:)?//", body), name
        assert "@import" not in body and "url(http" not in body


@pytest.mark.parametrize("name", ["dashboard.js", "stories.js", "map.js"])
def test_dashboard_script_never_writes_html(name: str) -> None:
    script = (STATIC / name).read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(",
                         script)


@pytest.mark.parametrize("doc_id", ["https://example.com/a/b.html",
                                    "https://example.com/a?b=1#c", "crawl.warc@740"])
def test_a_document_whose_id_is_a_url_is_found(tmp_path: Path, doc_id: str) -> None:
    db = tmp_path / "events.duckdb"
    with open_store(db) as store:
        store.write([make_document(doc_id)])
    with TestClient(create_app(Snapshot(db, workdir=tmp_path)),
                    base_url="http://127.0.0.1") as client:
        answer = client.get(f"/api/documents/{quote(doc_id, safe='')}")
    assert answer.status_code == 200 and answer.json()["id"] == doc_id


@pytest.mark.parametrize(("host", "own"), [("127.0.0.1", "127.0.0.1"), ("127.0.0.2", "127.0.0.2"),
                                           ("127.1.2.3", "127.1.2.3"), ("::1", "[::1]"),
                                           ("localhost", "localhost")])
def test_serving_on_any_loopback_address_keeps_the_host_check(host: str, own: str) -> None:
    allowed = allowed_hosts(host)
    assert "*" not in allowed and own in allowed and "localhost" in allowed


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "news.example"])
def test_serving_on_another_address_answers_any_host_name(host: str) -> None:
    assert allowed_hosts(host) == ["*"]


@pytest.mark.parametrize("path", ["/", "/api/status", "/api/events", "/api/documents/a",
                                  "/static/dashboard.js"])
def test_head_answers_as_get_without_a_body(client: TestClient, path: str) -> None:
    response = client.head(path)
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-type"] == client.get(path).headers["content-type"]


def test_status_names_the_store_without_its_folder(client: TestClient) -> None:
    assert client.get("/api/status").json()["source"] == "events.duckdb"


@pytest.mark.parametrize(("origin", "shown"), [
    ("/srv/news/2020/a.txt", "a.txt"),
    ("/srv/news/dump.jsonl:3", "dump.jsonl:3"),
    ("/srv/cc/crawl.warc.gz#https://example.com/a#b", "crawl.warc.gz#https://example.com/a#b"),
    ("/srv/cc/crawl.warc@740", "crawl.warc@740"),
    ("https://example.com/a/b.html", "https://example.com/a/b.html"),
    ("-", "-"),
])
def test_public_origin_keeps_no_server_folder(origin: str, shown: str) -> None:
    assert public_origin(origin) == shown


def test_a_document_is_shown_without_the_server_folder_it_was_read_from(
        client: TestClient) -> None:
    assert client.get("/api/documents/a").json()["origin"] == "a.txt"  # stored: tests/a.txt


def test_export_downloads_the_filtered_view_as_csv_with_cameo_as_text(
        client: TestClient) -> None:
    import csv
    import io

    response = client.get("/api/export", params={"format": "csv", "type": "CONSULT",
                                                 "since": "2020-07-10"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="newsevents-events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    total = client.get("/api/events", params={"type": "CONSULT", "since": "2020-07-10",
                                              "limit": 1}).json()["total"]
    assert len(rows) == total == 21
    assert {r["cameo"] for r in rows} == {"040"} and '"040"' in response.text


def test_export_downloads_parquet_with_the_same_filters(client: TestClient,
                                                        tmp_path: Path) -> None:
    import duckdb

    response = client.get("/api/export", params={"format": "parquet", "dyad": "PRK-KOR"})
    assert response.status_code == 200 and response.content[:4] == b"PAR1"
    out = tmp_path / "view.parquet"
    out.write_bytes(response.content)
    rows = duckdb.sql(f"SELECT event_id, cameo FROM '{out}'").fetchall()
    assert [r[0] for r in rows] == ["a-e0"] and isinstance(rows[0][1], str)


@pytest.mark.parametrize("params", [{"format": "jsonl"}, {"format": "csv", "since": "June"}])
def test_export_refuses_an_unknown_format_or_a_bad_filter(client: TestClient,
                                                          params: dict[str, str]) -> None:
    assert client.get("/api/export", params=params).status_code == 400


def test_the_dashboard_has_a_favicon_for_every_page(client: TestClient) -> None:
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").text
    for path in ("/static/favicon.svg", "/favicon.ico"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert response.text.startswith("<svg") and "<script" not in response.text


def test_places_count_located_events_by_quad_class_and_those_off_the_map(
        client: TestClient) -> None:
    answer = client.get("/api/places").json()
    [kaesong] = answer["places"]
    assert kaesong["name"] == "Kaesong" and kaesong["events"] == 1
    assert kaesong["quads"] == {"1": 0, "2": 0, "3": 0, "4": 1}
    assert isinstance(kaesong["lat"], float) and isinstance(kaesong["lon"], float)
    assert answer["unplaced"] == 30  # the CONSULT events have no place
    assert client.get("/api/places", params={"type": "CONSULT"}).json() == {
        "places": [], "unplaced": 30}
