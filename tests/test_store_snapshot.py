"""Tests for the snapshot: a read-only copy of a store that follows its writes without ever
blocking a writer."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from test_store import TEXT, damage, make_document

from newsevents.errors import StoreDamagedError, StoreError
from newsevents.store import MIGRATIONS, open_store
from newsevents.store import _store as store_module
from newsevents.store.snapshot import Snapshot, remove_stale_copies


@pytest.fixture
def path(tmp_path: Path) -> Path:
    db = tmp_path / "events.duckdb"
    with open_store(db) as store:
        store.write([make_document("a")])
    return db


@pytest.fixture
def snapshot(path: Path, tmp_path: Path) -> Iterator[Snapshot]:
    with Snapshot(path, workdir=tmp_path) as taken:
        yield taken


def events_seen(snapshot: Snapshot) -> int:
    with snapshot.store() as store:
        return store.count("events")


def hold_lock(path: Path) -> subprocess.Popen[str]:
    """Another process with the store open for writing, until its stdin closes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(path)!r})
            con.execute("DELETE FROM events")
            print("writing", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "writing"
    return holder


def test_snapshot_serves_the_store_read_only(snapshot: Snapshot) -> None:
    with snapshot.store() as store:
        assert store.count("events") == 1
        with pytest.raises(StoreError, match="read-only"):
            store.write([make_document("b")])


def test_the_store_stays_writable_while_a_snapshot_is_open(snapshot: Snapshot,
                                                           path: Path) -> None:
    with open_store(path, lock_timeout=0) as store:
        store.write([make_document("b")])
    assert events_seen(snapshot) == 1  # until the next refresh


def test_refresh_picks_up_a_write(snapshot: Snapshot, path: Path) -> None:
    with open_store(path) as store:
        store.write([make_document("b")])
    assert snapshot.refresh() is True
    assert events_seen(snapshot) == 2
    assert snapshot.info["generation"] == 2


def test_refresh_without_a_change_takes_no_copy(snapshot: Snapshot) -> None:
    assert snapshot.refresh() is False
    assert snapshot.info["generation"] == 1


def test_while_a_writer_holds_the_store_readers_keep_the_last_copy(snapshot: Snapshot,
                                                                    path: Path) -> None:
    holder = hold_lock(path)
    try:
        assert snapshot.refresh() is False
        assert events_seen(snapshot) == 1
    finally:
        holder.communicate("")
    assert snapshot.refresh() is True
    assert events_seen(snapshot) == 0  # the writer deleted them


def test_a_reader_keeps_its_copy_across_a_refresh(snapshot: Snapshot, path: Path,
                                                  tmp_path: Path) -> None:
    with snapshot.store() as reader:
        with open_store(path) as store:
            store.write([make_document("b")])
        assert snapshot.refresh() is True
        assert reader.count("events") == 1
        assert len(list(tmp_path.glob("newsevents-snapshot-*/copy-*.duckdb"))) == 2
    assert events_seen(snapshot) == 2
    # the old copy went when its last reader did
    assert [p.name for p in tmp_path.glob("newsevents-snapshot-*/copy-*.duckdb")] == \
        ["copy-2.duckdb"]


def test_a_background_watch_follows_writes(path: Path, tmp_path: Path) -> None:
    with Snapshot(path, interval=0.05, workdir=tmp_path) as snapshot:
        snapshot.start()
        with open_store(path) as store:
            store.write([make_document("b"), make_document("c", text=TEXT + " C.")])
        for _ in range(200):
            if events_seen(snapshot) == 3:
                break
            snapshot._stop.wait(0.05)
        assert events_seen(snapshot) == 3


def test_a_store_at_an_older_schema_is_upgraded_in_the_copy_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.duckdb"
    latest = max(m.version for m in MIGRATIONS)
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS",
                      tuple(m for m in MIGRATIONS if m.version != latest))
        open_store(path).close()
    with pytest.raises(StoreError, match="lacks schema version"):
        open_store(path, read_only=True)
    with Snapshot(path, workdir=tmp_path) as snapshot, snapshot.store() as store:
        assert store.count("events") == 0 and store.schema_version == latest
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone() != (latest,)
    con.close()


def test_closing_deletes_the_copies(path: Path, tmp_path: Path) -> None:
    snapshot = Snapshot(path, workdir=tmp_path)
    snapshot.close()
    assert list(tmp_path.glob("newsevents-snapshot-*")) == []
    with pytest.raises(StoreError, match="closed"), snapshot.store():
        pass


def test_a_missing_store_cannot_be_served(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Snapshot(tmp_path / "missing.duckdb", workdir=tmp_path)


def test_a_snapshot_cannot_start_while_a_writer_holds_the_store_past_the_wait(
        path: Path, tmp_path: Path) -> None:
    holder = hold_lock(path)
    try:
        with pytest.raises(StoreError, match="locked by a writer"):
            Snapshot(path, workdir=tmp_path, lock_timeout=0.3)
    finally:
        holder.communicate("")
    assert list(tmp_path.glob("newsevents-snapshot-*")) == []


def test_a_new_snapshot_deletes_the_copies_a_killed_server_left(path: Path,
                                                                 tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from newsevents.store.snapshot import Snapshot
            snapshot = Snapshot({str(path)!r}, workdir={str(tmp_path)!r})
            print("serving", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None and server.stdout.readline().strip() == "serving"
    server.kill()  # SIGKILL: no cleanup runs
    server.wait()
    assert len(list(tmp_path.glob("newsevents-snapshot-*"))) == 1
    with Snapshot(path, workdir=tmp_path):
        (left,) = tmp_path.glob("newsevents-snapshot-*")
        assert left.name.startswith(f"newsevents-snapshot-{os.getpid()}-")


def test_copies_of_live_or_unknown_owners_are_kept(path: Path, tmp_path: Path) -> None:
    kept = [tmp_path / f"newsevents-snapshot-{os.getpid()}-x1", tmp_path /
            "newsevents-snapshot-k2j3h4g5", tmp_path / "newsevents-snapshot-1-init"]
    for folder in kept:
        folder.mkdir()
    assert remove_stale_copies(tmp_path) == []
    assert all(folder.is_dir() for folder in kept)


def test_a_damaged_store_is_not_served_and_says_so_at_once(path: Path, tmp_path: Path) -> None:
    damage(path)
    started = time.monotonic()
    with pytest.raises(StoreDamagedError, match="is damaged"):
        Snapshot(path, workdir=tmp_path, lock_timeout=30)
    assert time.monotonic() - started < 2
    assert list(tmp_path.glob("newsevents-snapshot-*")) == []
