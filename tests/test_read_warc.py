"""Tests for newsevents.read.warc: web archives, whole and damaged."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.models import Document, Failure
from newsevents.read import read_inputs
from newsevents.read.warc import ArchivedPage, read_warc
from newsevents.settings import Settings

LIMIT = 2**20


def article(n: int) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>Talks, day {n}</title></head><body><article>"
            f"<p>Envoys from Arandia and Belmoria met for the {n}th day in the border town "
            f"of Kessel to discuss the release of prisoners held since the clashes.</p>"
            f"<p>A spokesman said the talks were constructive and would go on.</p>"
            f"</article></body></html>").encode()


def archive(records: list[tuple[str, str, str, bytes]], gz: bool) -> tuple[bytes, list[int]]:
    """A WARC of (type, uri, http content type, payload) records, and their offsets."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    offsets = []
    for rec_type, uri, content_type, payload in records:
        offsets.append(buffer.tell())
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                protocol="HTTP/1.1")
        if rec_type == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")],
                                    is_http_request=True)
        record = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(payload),
                                           http_headers=http)
        writer.write_record(record)
    return buffer.getvalue(), offsets


def four_pages(gz: bool) -> tuple[bytes, list[int]]:
    return archive([("response", f"https://news.example/{n}", "text/html; charset=utf-8",
                     article(n)) for n in range(4)], gz)


def read(data: bytes) -> list[ArchivedPage | Failure]:
    return list(read_warc("a.warc", io.BytesIO(data), LIMIT))


def uris(results: list[ArchivedPage | Failure]) -> list[str]:
    return [r.uri for r in results if isinstance(r, ArchivedPage)]


def failures(results: list[ArchivedPage | Failure]) -> list[Failure]:
    return [r for r in results if isinstance(r, Failure)]


@pytest.mark.parametrize("gz", [False, True])
def test_read_warc_gives_every_html_response(gz: bool) -> None:
    data, offsets = four_pages(gz)
    results = read(data)
    assert uris(results) == [f"https://news.example/{n}" for n in range(4)]
    assert [r.offset for r in results if isinstance(r, ArchivedPage)] == offsets
    first = results[0]
    assert isinstance(first, ArchivedPage)
    assert (first.media_type, first.charset, first.body) == ("text/html", "utf-8", article(0))


def test_read_warc_skips_requests_and_non_html_records() -> None:
    data, _ = archive([("request", "https://news.example/1", "", b""),
                       ("response", "https://news.example/logo.png", "image/png", b"\x89PNG"),
                       ("response", "https://news.example/1", "text/html", article(1))],
                      gz=True)
    assert uris(read(data)) == ["https://news.example/1"]


@pytest.mark.parametrize("gz", [False, True])
def test_read_warc_skips_a_corrupt_record_and_reads_the_rest(gz: bool) -> None:
    data, offsets = four_pages(gz)
    damaged = bytearray(data)
    damaged[offsets[1] + 5: offsets[1] + 60] = b"A" * 55  # the second record's header
    results = read(bytes(damaged))
    assert uris(results) == ["https://news.example/0", "https://news.example/2",
                             "https://news.example/3"]
    (failure,) = failures(results)
    assert failure.input == f"a.warc@{offsets[1]}"
    assert f"at byte {offsets[1]}" in failure.reason


@pytest.mark.parametrize("gz", [False, True])
def test_read_warc_reports_a_truncated_last_record(gz: bool) -> None:
    data, offsets = four_pages(gz)
    results = read(data[: offsets[3] + 200])
    assert uris(results) == [f"https://news.example/{n}" for n in range(3)]
    (failure,) = failures(results)
    assert failure.input == f"a.warc@{offsets[3]}"
    assert "truncated" in failure.reason


def test_read_warc_reports_a_truncated_record_inside_the_archive() -> None:
    data, offsets = four_pages(gz=True)
    results = read(data[: offsets[1] + 100] + data[offsets[2]:])
    assert uris(results) == ["https://news.example/0", "https://news.example/2",
                             "https://news.example/3"]
    assert len(failures(results)) == 1


def test_read_warc_caps_a_record_that_inflates_too_far() -> None:
    data, _ = archive([("response", "https://news.example/big", "text/html",
                        b"<p>" + b"a" * (2 * LIMIT) + b"</p>"),
                       ("response", "https://news.example/1", "text/html", article(1))],
                      gz=True)
    results = read(data)
    assert uris(results) == ["https://news.example/1"]
    assert "cap" in failures(results)[0].reason


def test_read_warc_of_something_else_is_a_failure() -> None:
    results = read(b"this is not an archive\n" * 20)
    assert failures(results)[-1].reason == "no WARC record could be read; is this a WARC file?"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz", "crawl.bin"])
def test_read_inputs_reads_the_articles_of_a_warc_file(tmp_path: Path, name: str) -> None:
    data, offsets = four_pages(gz=name.endswith(".gz"))
    path = tmp_path / name
    path.write_bytes(data[: offsets[3] + 100])  # the last record cut short
    results = list(read_inputs([str(path)], Settings()))
    docs = [r for r in results if isinstance(r, Document)]
    assert [d.id for d in docs] == [f"https://news.example/{n}" for n in range(3)]
    assert docs[0].origin == f"{path}#https://news.example/0"
    assert docs[0].url == "https://news.example/0"
    assert docs[0].title == "Talks, day 0"
    assert "border town of Kessel" in docs[0].text
    assert [type(r) for r in results][-1] is Failure


def claiming(data: bytes, offsets: list[int], index: int, length: bytes, gz: bool) -> bytes:
    """The uncompressed archive ``data`` with record ``index`` claiming ``length`` bytes,
    gzipped a member a record when ``gz``."""
    records = [data[a:b] for a, b in zip(offsets, [*offsets[1:], len(data)], strict=True)]
    head, sep, rest = records[index].partition(b"Content-Length: ")
    records[index] = head + sep + length + rest[rest.index(b"\r\n"):]
    return b"".join(gzip.compress(r) for r in records) if gz else b"".join(records)


@pytest.mark.parametrize("gz", [False, True])
def test_read_warc_survives_an_absurd_content_length(gz: bool) -> None:
    data, offsets = four_pages(gz=False)
    results = read(claiming(data, offsets, 0, b"99999999999999999999", gz))
    assert uris(results) == [f"https://news.example/{n}" for n in range(1, 4)]
    (failure,) = failures(results)
    assert failure.input == "a.warc@0"
    assert "99999999999999999999" in failure.reason and "\n" not in failure.reason


def test_read_inputs_keeps_the_inputs_beside_a_record_of_absurd_length(
        tmp_path: Path) -> None:
    data, offsets = four_pages(gz=False)
    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(claiming(data, offsets, 2, b"99999999999999999999", gz=False))
    other = tmp_path / "other.txt"
    other.write_text("Envoys from Arandia and Belmoria met again on Tuesday in Kessel.\n")
    results = list(read_inputs([str(crawl), str(other)], Settings()))
    assert [r.id for r in results if isinstance(r, Document)] == [
        "https://news.example/0", "https://news.example/1", "https://news.example/3",
        "other"]
    assert [r.input for r in results if isinstance(r, Failure)] == [f"{crawl}@{offsets[2]}"]


@pytest.mark.parametrize("claim", [b"1200", b"3000", str(LIMIT + 5).encode()])
def test_read_warc_resynchronises_after_a_content_length_that_claims_too_much(
        claim: bytes) -> None:
    data, offsets = four_pages(gz=False)
    results = read(claiming(data, offsets, 0, claim, gz=False))
    assert uris(results) == [f"https://news.example/{n}" for n in range(1, 4)]
    (failure,) = failures(results)
    assert failure.input == "a.warc@0"
    assert "wrong Content-Length" in failure.reason and "resumed at byte" in failure.reason


def test_read_warc_reports_a_content_length_that_claims_too_little() -> None:
    data, offsets = four_pages(gz=False)
    results = read(claiming(data, offsets, 1, b"100", gz=False))
    assert {f"https://news.example/{n}" for n in (0, 2, 3)} <= set(uris(results))
    (failure,) = failures(results)
    assert "corrupt WARC record" in failure.reason
