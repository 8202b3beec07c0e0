"""Tests for the reading commands (``extract``, ``failures``), the batch summary and exit
status, and ingesting hostile and archived inputs end to end."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest
from _hostile import gzip_bomb, nested_tags
from _loopback import loopback_server
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents import ingest, open_store
from newsevents.cli import main
from newsevents.cli._batch import exit_status, failed_by_reason, reason_key
from newsevents.models import Failure
from newsevents.settings import Settings

ARTICLE = ("North Korea fired a ballistic missile into the sea on Tuesday, the South Korean "
           "military said.\n\nJapan protested the launch and said it would raise the matter "
           "at the United Nations.\n")
PAGE = ("<!DOCTYPE html><html lang='en'><head><title>Missile launch</title>"
        "<meta property='article:published_time' content='2023-03-14'>"
        "<meta name='author' content='Jane Roe'></head><body><article><h1>Missile launch</h1>"
        "<p>North Korea fired a ballistic missile into the sea on Tuesday, the South Korean "
        "military said.</p><p>Japan protested the launch and said it would raise the matter "
        "at the United Nations.</p></article></body></html>")


def write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


# --------------------------------------------------------------------------- exit status


@pytest.mark.parametrize(("ok", "failed", "status"), [
    (5, 0, 0), (0, 0, 0), (9, 1, 1), (1, 1, 1), (1, 9, 126), (0, 1, 126), (0, 3, 126),
    (10, 90, 126), (20, 80, 1),
])
def test_exit_status(ok: int, failed: int, status: int) -> None:
    assert exit_status(ok, failed) == status


@pytest.mark.parametrize(("reason", "key"), [
    ("no such file", "no such file"),
    ("invalid JSON at column 1: expecting value", "invalid JSON"),
    ("not an article (only 12 characters of text)", "not an article"),
    ("HTTP 404 from http://x.example/a", "HTTP 404"),
    ("corrupt WARC record at byte 665 (bad header)", "corrupt WARC record"),
    ("page of 24 MB is over the 16 MB limit", "page"),
])
def test_reason_key_drops_the_particulars(reason: str, key: str) -> None:
    assert reason_key(reason) == key


@pytest.mark.parametrize(("reason", "key"), [
    ("robots.txt of http://a.example could not be read (timed out (limit 30 s)); not fetched",
     "robots.txt could not be read"),
    ("64:ff9b::a9fe:a9fe is a link-local address (where cloud metadata services answer); "
     "refused (pass --allow-private to fetch from your own network)", "a link-local address"),
    ("2002:a9fe:a9fe:: is a link-local address (where cloud metadata services answer); "
     "refused (pass --allow-private to fetch from your own network)", "a link-local address"),
    ("news.example is at 10.0.0.1, a private address; refused (pass --allow-private)",
     "a private address"),
    ("redirected to http://10.0.0.7/admin: 10.0.0.7 is a private address; refused",
     "a private address"),
    ("only http and https URLs are fetched, not 'ftp://x.example/a'",
     "only http and https URLs are fetched, not ftp"),
])
def test_reason_key_is_not_cut_inside_a_url_or_an_address(reason: str, key: str) -> None:
    assert reason_key(reason) == key


def test_failed_by_reason_groups_refusals_of_different_sites() -> None:
    failures = [Failure(f"http://{n}.example/a", "fetch", f"robots.txt of http://{n}.example "
                                                         f"could not be read (timed out)")
                for n in range(6)]
    assert failed_by_reason(failures) == "6 failed (6 robots.txt could not be read)"


def test_failed_by_reason_counts_each_kind() -> None:
    failures = [Failure("a", "read", "no such file"), Failure("b", "read", "no such file"),
                Failure("c", "read", "binary file, not text")]
    assert failed_by_reason(failures) == \
        "3 failed (2 no such file; 1 binary file, not text)"


# --------------------------------------------------------------------------- extract


def test_extract_prints_one_json_record_a_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write(tmp_path, "launch.html", PAGE)
    text = write(tmp_path, "launch.txt", ARTICLE)
    assert main(["extract", page, text]) == 0
    out, err = capsys.readouterr()
    first, second = (json.loads(line) for line in out.splitlines())
    assert list(first) == ["path", "url", "title", "date", "author", "source", "language",
                           "text"]
    assert (first["path"], first["title"], first["date"], first["author"],
            first["language"]) == (page, "Missile launch", "2023-03-14", "Jane Roe", "en")
    assert "North Korea fired a ballistic missile into the sea" in first["text"]
    assert second["path"] == text and second["title"] is None
    assert err == "newsevents: 2 read; 0 failed\n"


def test_extract_text_format_is_readable(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    page = write(tmp_path, "launch.html", PAGE)
    main(["extract", page, "--format", "text"])
    out = capsys.readouterr().out
    assert out.startswith(f"# Missile launch\n{page}\n2023-03-14 · Jane Roe")
    assert "Japan protested the launch" in out


def test_extract_exits_1_when_some_inputs_fail(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.txt", ARTICLE)
    assert main(["extract", good, str(tmp_path / "missing.html")]) == 1
    err = capsys.readouterr().err
    assert f"newsevents: {tmp_path / 'missing.html'}: no such file\n" in err
    assert err.endswith("newsevents: 1 read; 1 failed (1 no such file)\n")


def test_extract_exits_126_when_everything_fails(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.txt", "")
    assert main(["extract", empty, str(tmp_path / "missing.txt")]) == 126


def test_extract_without_inputs_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 2
    assert "give at least one INPUT or --urls FILE" in capsys.readouterr().err


def test_extract_reads_a_url_file_against_loopback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with loopback_server() as site:
        site.page("/launch.html", PAGE)
        urls = write(tmp_path, "urls.txt", site.url("/launch.html") + "\n")
        assert main(["extract", "--urls", urls, "--fetch-delay", "0"]) == 126  # refused
        assert "loopback address; refused" in capsys.readouterr().err
        assert main(["extract", "--urls", urls, "--allow-network", "127.0.0.1/32",
                     "--fetch-delay", "0"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["url"], record["title"]) == (site.url("/launch.html"), "Missile launch")


# --------------------------------------------------------------------------- ingest


def hostile_folder(folder: Path) -> dict[str, str]:
    """One good article beside every kind of bad input the issue lists; name -> path."""
    rng = random.Random(3)
    paths = {
        "good": write(folder, "good.txt", ARTICLE),
        "cp1252": write(folder, "cp1252.html", PAGE.replace("Korean", "Kor\u00e9an")
                        .encode("cp1252")),
        "utf16": write(folder, "utf16.html", PAGE.encode("utf-16")),
        "empty": write(folder, "empty.txt", ""),
        "random": write(folder, "random.txt", rng.randbytes(30_000)),
        "truncated": write(folder, "truncated.txt.gz",
                           gzip.compress(rng.randbytes(6000).hex().encode())[:4000]),
        "bomb": write(folder, "bomb.txt.gz", gzip_bomb(400, b"a")),
        "nul": write(folder, "nul.txt", b"\0" * 10_000),
        "deep": write(folder, "deep.html", nested_tags(100_000)),
        "huge": write(folder, "huge.html", "<html><body>" + "<p>filler text</p>" *
                      (24 * 2**20 // 18) + "</body></html>"),
        "jsonl": write(folder, "broken.jsonl", '{"text": "cut off\n'),
    }
    return paths


@pytest.mark.slow
def test_ingest_hostile_folder_stores_the_good_and_lists_every_bad_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    paths = hostile_folder(folder)
    missing = str(tmp_path / "missing.html")
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", str(folder), missing, "--db", db, "--date", "2023-03-14"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("newsevents: 3 read, 3 coded, 3 stored")
    with open_store(db, read_only=True) as store:
        stored = {d.origin for d in store.documents()}
        assert stored == {paths["good"], paths["cp1252"], paths["utf16"]}
        assert any(e.type == "MOBILIZE" for e in store.events())
    assert main(["failures", "--db", db, "--format", "jsonl"]) == 0
    listed = {json.loads(line)["input"]: json.loads(line)["reason"]
              for line in capsys.readouterr().out.splitlines()}
    bad = {k: v for k, v in paths.items() if k not in ("good", "cp1252", "utf16")}
    assert set(listed) == {*bad.values(), f"{paths['jsonl']}:1", missing} - {paths["jsonl"]}
    assert listed[missing] == "no such file"
    assert listed[paths["bomb"]].startswith("larger than 50 MB once decompressed")
    assert listed[paths["huge"]].startswith("page of 24 MB is over")
    assert main(["failures", "--db", db]) == 0
    table = capsys.readouterr().out
    assert table.startswith("input") and "no such file" in table


def warc(pages: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, html in pages.items():
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(html.encode()), http_headers=http))
    return buffer.getvalue()


@pytest.mark.slow
def test_ingest_a_warc_file_and_a_feed_served_from_loopback(tmp_path: Path) -> None:
    with loopback_server() as site:
        site.page("/news/launch.html", PAGE)
        site.page("/crawl.warc.gz", warc({"https://archive.example/launch": PAGE,
                                          "https://archive.example/talks": PAGE.replace(
                                              "Missile launch", "Talks")}),
                  "application/warc")
        site.page("/feed.rss", f"""<?xml version="1.0"?><rss version="2.0"><channel>
            <title>Ledger</title><item><title>Missile launch</title>
            <link>{site.url('/news/launch.html')}</link></item></channel></rss>""",
                  "application/rss+xml")
        settings = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=0.0)
        result = ingest([site.url("/crawl.warc.gz"), site.url("/feed.rss")],
                        db=tmp_path / "s.duckdb", settings=settings)
    assert result.failures == []
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        ids = {d.id for d in store.documents()}
        assert ids == {"https://archive.example/launch", "https://archive.example/talks",
                       site.url("/news/launch.html")}
        assert {e.doc_id for e in store.events(type="MOBILIZE")} == ids


@pytest.mark.slow
def test_ingest_stores_the_good_beside_a_warc_record_of_absurd_length(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = warc({"https://archive.example/launch": PAGE,
                 "https://archive.example/talks": PAGE.replace("Missile launch", "Talks")})
    first = gzip.decompress(data)  # every member holds one record; the first is damaged
    bad = first.replace(b"Content-Length: ", b"Content-Length: 99999999999999999999", 1)
    crawl = write(tmp_path, "crawl.warc", bad)
    good = write(tmp_path, "good.txt", ARTICLE)
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", crawl, good, "--db", db, "--date", "2023-03-14"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"newsevents: {crawl}@0: WARC record at byte 0" in err
    with open_store(db, read_only=True) as store:
        assert {d.origin for d in store.documents()} == {
            good, f"{crawl}#https://archive.example/talks"}


@pytest.mark.slow
def test_ingesting_the_same_bad_inputs_again_records_their_failures_once(
        tmp_path: Path) -> None:
    bad = [write(tmp_path, "empty.txt", ""), str(tmp_path / "missing.html")]
    db = str(tmp_path / "s.duckdb")
    for _ in range(2):
        assert main(["ingest", *bad, "--db", db]) == 126
    with open_store(db, read_only=True) as store:
        assert sorted(f.input for f in store.failures()) == sorted(bad)
