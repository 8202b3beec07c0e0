"""The beat commands: ``beat report|list|check`` and ``watch`` (Ctrl-C included)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from _loopback import loopback_server
from beats_data import (
    ARTICLES,
    Feed,
    make_document,
    make_event,
    serve_articles,
    serve_feed,
    write_beat,
)

from newsevents.cli import build_parser, main
from newsevents.store import open_store
from newsevents.stories import assign_stories

WATCH = ["--interval", "0s", "--allow-private", "--fetch-delay", "0"]


@pytest.mark.parametrize("action", ["report", "list", "check"])
def test_every_beat_action_has_help_with_an_example(action: str) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["beat", action, "--help"])


def test_beat_check_passes_good_files_and_names_the_bad(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_beat(tmp_path, ["https://example.org/feed.xml"])
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "bad"\ncountries = ["PRK"]\n[[alerts]]\ntypes = ["BOMBING"]\n')
    assert main(["beat", "check", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert f"{good}: ok: beat 'korea-test'" in out
    assert err.strip().splitlines() == [
        f"newsevents: {bad}: alerts[1].types: 'BOMBING' is not a PLOVER type; choose from "
        "AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, "
        "THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT"]
    assert "Traceback" not in err


def test_beat_list_shows_the_shipped_beats(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    assert main(["beat", "list", "--db", str(tmp_path / "none.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "korean-peninsula" in out and "Korean Peninsula" in out


def test_beat_report_writes_the_page_and_prints_its_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "news.duckdb"
    docs = [make_document("d1", " ".join(ARTICLES["shelling"][3]), [make_event("d1")])]
    with open_store(db) as store:
        store.write(docs)
        assign_stories(store, docs)
    assert main(["beat", "report", "korean-peninsula", "--out", str(tmp_path / "out"),
                 "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(tmp_path / "out" / "korean-peninsula.html")
    assert "Korean Peninsula: 1 articles" in err


def test_watch_with_a_bad_beat_file_is_one_line_and_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", str(tmp_path / "none.toml"), "--db", str(tmp_path / "n.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such beat file" in err


@pytest.mark.slow
def test_watch_prints_alerts_and_a_summary(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with loopback_server() as site:
        serve_articles(site)
        serve_feed(site, "/asia.xml", Feed(items=["shelling", "summit"]))
        beat_file = write_beat(tmp_path, [site.url("/asia.xml")])
        code = main(["watch", str(beat_file), "--cycles", "2", "--db",
                     str(tmp_path / "news.duckdb"), *WATCH])
    out, err = capsys.readouterr()
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "ALERT [korea-test] attack-or-threat, severe"]
    assert "cycle 2: 1 feeds polled (1 unchanged" in err
    assert "2 cycles, 2 new articles" in err


@pytest.mark.slow
def test_ctrl_c_stops_the_watch_cleanly_keeping_what_was_fetched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupt(key: str) -> None:
        if key == "shelling-2":  # the user presses Ctrl-C while this page comes in
            os.kill(os.getpid(), signal.SIGINT)

    before = signal.getsignal(signal.SIGINT)
    with loopback_server() as site:
        serve_articles(site, on_serve=interrupt)
        serve_feed(site, "/asia.xml", Feed(items=["shelling", "shelling-2", "threat"]))
        beat_file = write_beat(tmp_path, [site.url("/asia.xml")])
        code = main(["watch", str(beat_file), "--db", str(tmp_path / "news.duckdb"), *WATCH])
    err = capsys.readouterr().err
    assert code == 0
    assert "stopping after the current article" in err and "; stopped" in err
    assert signal.getsignal(signal.SIGINT) is before  # the handler is put back
    with open_store(tmp_path / "news.duckdb", read_only=True) as store:
        assert store.count("documents") == 2
