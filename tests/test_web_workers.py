"""Tests for ``newsevents serve --workers N``: several server processes on one port."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_store import make_document
from test_web_dashboard import free_port

import newsevents.web
from newsevents.errors import ConfigError
from newsevents.store import open_store
from newsevents.web import allowed_hosts, serve, worker_app


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    with open_store(path) as store:
        store.write([make_document("a")])
    return path


def test_a_worker_builds_the_app_it_was_told_to(db: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    monkeypatch.setenv(newsevents.web._WORKER_SETUP, json.dumps({
        "path": str(db), "query_timeout": 5.0, "refresh": 2.0,
        "allowed": allowed_hosts("127.0.0.1")}))
    with TestClient(worker_app(), base_url="http://127.0.0.1") as client:
        assert client.get("/api/status").json()["events"] == 1
        assert client.get("http://evil.example/api/status").status_code == 400


@pytest.mark.parametrize("workers", [0, 65])
def test_workers_are_counted_sensibly(db: Path, workers: int) -> None:
    with pytest.raises(ConfigError, match="--workers"):
        serve(db, port=free_port(), workers=workers)


@pytest.mark.slow
def test_two_worker_processes_answer_on_one_port(db: Path, tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", str(port),
         "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        cwd=tmp_path, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[1]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status",
                                            timeout=10) as response:
                    answer = json.loads(response.read())
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert answer is not None and answer["events"] == 1
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
