"""Sharded ingest: local processes, kill and rerun, a Dask LocalCluster — all give the store
a single process gives."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import newsevents
from newsevents.cli import main
from newsevents.errors import ConfigError
from newsevents.store import open_store

pytestmark = pytest.mark.slow

# Short articles written for these tests: who does what to whom, varied per line.
_ACTORS = [("Russian", "Russia", "Moscow"), ("Chinese", "China", "Beijing"),
           ("Japanese", "Japan", "Tokyo"), ("Egyptian", "Egypt", "Cairo"),
           ("Indian", "India", "New Delhi"), ("French", "France", "Paris")]
_DEEDS = ["met {b} officials in {city} on Monday",
          "accused {b} of violating the ceasefire",
          "imposed new sanctions on {b}",
          "signed a trade agreement with {b} in {city}",
          "condemned the missile launch by {b}"]


def _article(i: int) -> dict[str, Any]:
    adj, _, _ = _ACTORS[i % len(_ACTORS)]
    _, other, city = _ACTORS[(i + 1 + i // len(_ACTORS)) % len(_ACTORS)]
    deed = _DEEDS[i % len(_DEEDS)].format(b=other, city=city)
    text = (f"The {adj} foreign minister {deed}, officials said. "
            f"Later, {other} rejected the request for talks with the {adj} government.")
    return {"id": f"art-{i:02d}", "text": text, "date": f"2021-03-{1 + i % 28:02d}",
            "title": f"Story {i}"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(30):
            out.write(json.dumps(_article(i)) + "\n")
        out.write("{not json\n")  # one bad line: a failure that must be recorded once
    return path


def _stored(db: Path) -> tuple[list[str], list[dict[str, Any]], int]:
    with open_store(db, read_only=True) as store:
        ids = sorted(d.id for d in store.documents())
        events = sorted((e.to_dict() for e in store.events()), key=lambda e: e["event_id"])
        return ids, events, store.count("failures")


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[list[str], list[dict[str, Any]], int]:
    """The reference: one process, default shards, a fresh store."""
    db = tmp_path_factory.mktemp("single") / "one.duckdb"
    result = newsevents.ingest([str(corpus)], db=db)
    assert result.documents == 30 and len(result.failures) == 1
    assert not Path(f"{db}.shards").exists()  # the default shard dir goes with the run
    return _stored(db)


def test_single_process_run_codes_every_article(
        single: tuple[list[str], list[dict[str, Any]], int]) -> None:
    ids, events, failures = single
    assert ids == [f"art-{i:02d}" for i in range(30)]
    assert len(events) >= 30 and failures == 1


def test_killed_run_resumes_and_stores_each_document_once(
        corpus: Path, tmp_path: Path, single: tuple[list[str], list[dict[str, Any]], int]
) -> None:
    db, shards = tmp_path / "k.duckdb", tmp_path / "shards"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli", "ingest", str(corpus), "--db", str(db),
         "--shard-dir", str(shards), "--shard-size", "3", "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(shards.glob("*.parquet")) and proc.poll() is None:
        assert time.monotonic() < deadline, "no shard was written in two minutes"
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, mid-run
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    finished = len(list(shards.glob("*.parquet")))
    assert 1 <= finished < 11

    result = newsevents.ingest([str(corpus)], db=db, shard_dir=shards, batch=3)
    assert result.shards_reused >= finished
    assert result.shards_reused + result.shards_coded == 11
    ids, events, _ = _stored(db)
    assert ids == single[0]  # every document once (documents.id is the primary key)
    assert events == single[1]


def test_a_rerun_of_a_finished_run_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db, shards = tmp_path / "r.duckdb", tmp_path / "shards"
    newsevents.ingest([str(corpus)], db=db, shard_dir=shards, batch=10)
    before = _stored(db)
    again = newsevents.ingest([str(corpus)], db=db, shard_dir=shards, batch=10)
    assert (again.shards_reused, again.shards_coded) == (4, 0)
    assert again.written.documents_unchanged == 30 and again.written.events_written == 0
    assert _stored(db)[:2] == before[:2]


def test_dask_local_cluster_of_two_workers_equals_one_process(
        corpus: Path, tmp_path: Path, single: tuple[list[str], list[dict[str, Any]], int]
) -> None:
    db = tmp_path / "dask.duckdb"
    result = newsevents.ingest([str(corpus)], db=db, cluster="local", workers=2, batch=5)
    assert result.shards_coded == 7
    assert _stored(db) == single


def test_cli_ingest_on_two_local_workers_stores_what_one_process_stores(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        single: tuple[list[str], list[dict[str, Any]], int]) -> None:
    db = tmp_path / "cli.duckdb"
    assert main(["ingest", str(corpus), "--db", str(db), "--workers", "2",
                 "--shard-size", "4"]) == 1  # the bad line
    err = capsys.readouterr().err
    assert "30 coded, 30 stored" in err and "(30 new," in err and "articles.jsonl:31" in err
    assert _stored(db) == single


def test_workers_below_one_is_a_config_error(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--workers"):
        newsevents.ingest([str(corpus)], db=tmp_path / "x.duckdb", workers=0)


def test_coding_a_shard_leaves_the_model_vocabulary_as_it_was(tmp_path: Path) -> None:
    from newsevents.models import Document
    from newsevents.nlp import load_model
    from newsevents.scale import decode_shard
    from newsevents.scale.worker import code_shard

    settings = newsevents.Settings.load()
    strings = load_model(settings.model).vocab.strings
    code_shard([Document(id="warm", text="Seoul protested.", origin="t")], settings)
    before = len(strings)
    text = "Zorblaxian envoys met Quuxonian officials in Blorptown on Monday."
    shard = tmp_path / "z.parquet"
    shard.write_bytes(code_shard([Document(id="z", text=text, origin="t")], settings))
    docs, _ = decode_shard(shard)
    assert docs[0].text == text and docs[0].sentences  # coded, and usable after the zone
    assert len(strings) == before and "Zorblaxian" not in strings


def test_local_cluster_workers_run_without_the_profiler_and_malloc_trim() -> None:
    from dask.distributed import Client

    from newsevents.scale.runners import local_cluster

    def worker_state() -> tuple[bool, str | None]:
        import dask

        return (dask.config.get("distributed.worker.profile.enabled"),
                os.environ.get("MALLOC_TRIM_THRESHOLD_"))

    with local_cluster(1) as cluster, Client(cluster) as client:
        assert list(client.run(worker_state).values()) == [(False, None)]


def test_ingest_warns_when_the_cluster_workers_profile(
        corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        few = tmp_path / "few.jsonl"
        few.write_text("\n".join(corpus.read_text().splitlines()[:2]) + "\n")
        result = newsevents.ingest([str(few)], db=tmp_path / "p.duckdb",
                                   cluster=cluster.scheduler_address)
    assert result.documents == 2
    assert "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False" in caplog.text


_BLOCKED_INGEST = """
import os, sys, time
from pathlib import Path
import newsevents
from newsevents.scale import runners

def blocked_shard(items, settings, on_item=None):
    # A worker busy for ever: it says it has started, then never returns.
    Path(sys.argv[2], str(os.getpid())).touch()
    time.sleep(600)

runners.code_shard = blocked_shard
newsevents.ingest([sys.argv[1]], db=Path(sys.argv[2]) / "x.duckdb", workers=2, batch=1)
"""


def test_killed_driver_takes_its_local_workers_with_it(corpus: Path, tmp_path: Path) -> None:
    import psutil

    proc = subprocess.Popen([sys.executable, "-c", _BLOCKED_INGEST, str(corpus), str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while len(pids := [int(p.name) for p in tmp_path.iterdir() if p.name.isdigit()]) < 2:
            assert proc.poll() is None, "the ingest ended before its workers started"
            assert time.monotonic() < deadline, "the workers did not start in two minutes"
            time.sleep(0.05)
        workers = [psutil.Process(pid) for pid in pids]
        assert all(w.ppid() == proc.pid for w in workers)
        proc.kill()
        proc.wait()
        _, alive = psutil.wait_procs(workers, timeout=10)
        alive = [w for w in alive if w.status() != psutil.STATUS_ZOMBIE]
        assert not alive, f"workers {[w.pid for w in alive]} outlived their killed driver"
    finally:
        proc.kill()
        for worker in workers:  # a Process object never signals a reused pid
            with contextlib.suppress(psutil.NoSuchProcess):
                worker.kill()
