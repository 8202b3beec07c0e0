"""Tests for the speed of the web side: answers kept per copy of the store (web/cache.py)
and the dashboard's files served from memory (web/assets.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send
from test_store import make_document

from newsevents.store import open_store
from newsevents.store.snapshot import Snapshot
from newsevents.web.app import SECURITY_HEADERS, STATIC, create_app
from newsevents.web.cache import ResponseCache


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[TestClient, Snapshot, Path]]:
    db = tmp_path / "events.duckdb"
    with open_store(db) as store:
        store.write([make_document("a")])
    snapshot = Snapshot(db, workdir=tmp_path, interval=3600)  # refreshed by hand
    with TestClient(create_app(snapshot), base_url="http://127.0.0.1") as client:
        yield client, snapshot, db


def test_a_kept_answer_is_the_same_answer_with_the_same_headers(
        served: tuple[TestClient, Snapshot, Path]) -> None:
    client, _, _ = served
    first, again = client.get("/api/stats?by=month"), client.get("/api/stats?by=month")
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["content-type"] == "application/json"
    for name, value in SECURITY_HEADERS.items():
        assert again.headers[name] == value


def test_a_new_copy_of_the_store_is_answered_fresh(
        served: tuple[TestClient, Snapshot, Path]) -> None:
    client, snapshot, db = served
    assert client.get("/api/status").json()["events"] == 1
    with open_store(db) as store:
        store.write([make_document("b")])
    assert client.get("/api/status").json()["events"] == 1  # the copy served is the old one
    assert snapshot.refresh() is True
    status = client.get("/api/status").json()
    assert status["events"] == 2 and status["generation"] == 2
    assert client.get("/api/events").json()["total"] == 2


def test_errors_are_not_kept_and_filters_are_told_apart(
        served: tuple[TestClient, Snapshot, Path]) -> None:
    client, _, _ = served
    assert client.get("/api/stats?by=fortnight").status_code == 400
    assert client.get("/api/stats?by=fortnight").status_code == 400
    assert client.get("/api/events?actor=PRK").json()["total"] == 1
    assert client.get("/api/events?actor=USA").json()["total"] == 0
    assert client.get("http://evil.example/api/events?actor=PRK").status_code == 400


def counting_app(calls: list[str], status: int = 200) -> tuple[ResponseCache, list[str]]:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        calls.append(scope["path"])
        await asyncio.sleep(0.01)  # long enough for the other requests to arrive
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"answer"})

    return ResponseCache(app, generation=lambda: 1), calls


async def ask(app: ResponseCache, path: str) -> tuple[int, bytes]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        sent.append(message)

    await app({"type": "http", "method": "GET", "path": path, "query_string": b"q=1"},
              receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_concurrent_misses_on_one_question_run_it_once() -> None:
    app, calls = counting_app([])

    async def many() -> list[tuple[int, bytes]]:
        return await asyncio.gather(*(ask(app, "/api/stats") for _ in range(10)))

    assert asyncio.run(many()) == [(200, b"answer")] * 10
    assert calls == ["/api/stats"]


def test_failed_answers_are_computed_for_each_asker() -> None:
    app, calls = counting_app([], status=503)

    async def many() -> list[tuple[int, bytes]]:
        return await asyncio.gather(*(ask(app, "/api/stats") for _ in range(3)))

    assert [status for status, _ in asyncio.run(many())] == [503] * 3
    assert len(calls) == 3


def test_only_the_api_is_kept_and_the_cache_is_bounded() -> None:
    app, calls = counting_app([])
    app.max_entries = 2

    async def run() -> None:
        for path in ["/", "/", "/api/a", "/api/b", "/api/c", "/api/a"]:
            await ask(app, path)

    asyncio.run(run())
    assert calls == ["/", "/", "/api/a", "/api/b", "/api/c", "/api/a"]


@pytest.mark.parametrize("path", ["/", "/static/dashboard.js", "/static/dashboard.css"])
def test_dashboard_files_carry_a_validator_and_are_gzipped_when_asked(
        served: tuple[TestClient, Snapshot, Path], path: str) -> None:
    client, _, _ = served
    name = "index.html" if path == "/" else path.rsplit("/", 1)[1]
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and plain.content == (STATIC / name).read_bytes()
    assert plain.headers["cache-control"] == "no-cache" and plain.headers["etag"]
    assert "content-encoding" not in plain.headers
    assert plain.headers["content-security-policy"] == SECURITY_HEADERS[
        "Content-Security-Policy"]
    packed = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.content == plain.content  # httpx undoes the gzip
    unchanged = client.get(path, headers={"If-None-Match": plain.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""


def test_an_unknown_static_file_is_a_404_and_no_folder_is_left(
        served: tuple[TestClient, Snapshot, Path]) -> None:
    client, _, _ = served
    for path in ["/static/nothing.js", "/static/../app.py", "/static/%2e%2e/app.py"]:
        assert client.get(path).status_code == 404
    assert client.post("/static/dashboard.js").status_code == 405
    assert client.head("/static/dashboard.js").status_code == 200
