"""Tests for newsevents.read.feeds and for reading URLs and feeds end to end through
``read_inputs``, against a loopback server the tests start."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from _loopback import Loopback, loopback_server

from newsevents.models import Document, Failure
from newsevents.read import read_inputs
from newsevents.read.feeds import MAX_ITEMS, FeedItem, looks_like_feed, read_feed
from newsevents.settings import Settings

LOCAL = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=0.0, fetch_timeout=2.0)
FULL_TEXT = ("Envoys from Arandia and Belmoria met in the border town of Kessel on Tuesday "
             "to discuss the release of prisoners detained during last year's clashes. ") * 5


def page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>"
            f"<meta property='article:published_time' content='2022-05-17'></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{body}</p>"
            f"<p>A spokesman said the meeting was constructive and that a second round "
            f"would follow before the end of the month.</p></article></body></html>")


def rss(*items: tuple[str, str, str]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        f"<pubDate>Tue, 17 May 2022 08:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
        for title, link, content in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Northern Ledger</title><link>https://ledger.example/</link>{entries}"
            "</channel></rss>")


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Talks resume</title><link href="https://wire.example/talks"/>
<updated>2021-03-04T09:15:00Z</updated><summary>Talks resumed in Kessel.</summary></entry>
</feed>"""


@pytest.fixture
def site() -> Iterator[Loopback]:
    with loopback_server(robots="User-agent: *\nDisallow: /private/\n") as server:
        yield server


def docs(results: list[Document | Failure]) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def fails(results: list[Document | Failure]) -> list[Failure]:
    return [r for r in results if isinstance(r, Failure)]


# --------------------------------------------------------------------------- parsing


def test_read_feed_gives_each_rss_item() -> None:
    data = rss(("Envoys meet", "https://ledger.example/a", "<p>Envoys <b>met</b>.</p>")).encode()
    (item,) = read_feed("feed.xml", data)
    assert item == FeedItem(link="https://ledger.example/a", title="Envoys meet",
                            published=date(2022, 5, 17), text="Envoys met.")


def test_read_feed_reads_atom() -> None:
    (item,) = read_feed("atom.xml", ATOM.encode())
    assert isinstance(item, FeedItem)
    assert (item.link, item.title, item.published, item.text) == (
        "https://wire.example/talks", "Talks resume", date(2021, 3, 4),
        "Talks resumed in Kessel.")


def test_read_feed_resolves_relative_links_against_the_feed_address() -> None:
    data = rss(("A", "/news/a", "")).encode()
    (item,) = read_feed("feed", data, "https://ledger.example/feeds/all.rss")
    assert isinstance(item, FeedItem) and item.link == "https://ledger.example/news/a"


def test_read_feed_entry_without_a_web_link_is_a_failure() -> None:
    (failure,) = read_feed("feed.xml", rss(("A", "mailto:desk@ledger.example", "")).encode())
    assert failure == Failure("feed.xml:item 1", "read", "feed entry has no http(s) link")


def test_read_feed_says_how_many_entries_its_cap_dropped() -> None:
    data = rss(*((f"N{n}", f"https://ledger.example/{n}", "") for n in range(MAX_ITEMS + 7)))
    results = list(read_feed("feed.xml", data.encode()))
    assert sum(isinstance(r, FeedItem) for r in results) == MAX_ITEMS
    assert fails(results) == [Failure("feed.xml", "read", f"feed of {MAX_ITEMS + 7:,} entries "
                                      f"cut at {MAX_ITEMS:,}; the last 7 were not read (poll "
                                      f"it more often, or split it)")]


def test_read_feed_that_is_not_a_feed_is_a_failure() -> None:
    (failure,) = read_feed("feed.xml", b"<rss><channel><oops")
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("no entries: not a readable RSS/Atom feed")


@pytest.mark.parametrize(("head", "expected"), [
    ('<?xml version="1.0"?><rss version="2.0">', True),
    ('<feed xmlns="http://www.w3.org/2005/Atom">', True),
    ("<rdf:RDF xmlns:rdf=", True),
    ("<!DOCTYPE html><html><body>rss feed</body>", False),
    ("plain text about an <rss feed>", False),
])
def test_looks_like_feed(head: str, expected: bool) -> None:
    assert looks_like_feed(head) is expected


# --------------------------------------------------------------------------- URLs


def test_read_url_extracts_the_page(site: Loopback) -> None:
    site.page("/a.html", page("Envoys meet in Kessel", FULL_TEXT))
    (doc,) = list(read_inputs([site.url("/a.html")], LOCAL))
    assert isinstance(doc, Document)
    assert (doc.id, doc.origin, doc.title, doc.date) == (
        site.url("/a.html"), site.url("/a.html"), "Envoys meet in Kessel", date(2022, 5, 17))
    assert "border town of Kessel" in doc.text


@pytest.mark.parametrize("scheme", ["HTTP", "Http"])
def test_read_url_with_an_upper_case_scheme_is_fetched(site: Loopback, scheme: str) -> None:
    site.page("/news/talks.html", page("Envoys meet", FULL_TEXT))
    url = site.url("/news/talks.html")
    (doc,) = read_inputs([url.replace("http", scheme, 1)], LOCAL)
    assert isinstance(doc, Document) and (doc.id, doc.url) == (url, url)


def test_read_url_failure_is_a_fetch_failure(site: Loopback) -> None:
    (failure,) = list(read_inputs([site.url("/private/a.html")], LOCAL))
    assert failure == Failure(site.url("/private/a.html"), "fetch",
                              "disallowed by the site's robots.txt")


def test_read_url_file_fetches_each_url(site: Loopback, tmp_path: Path) -> None:
    site.page("/a.html", page("One", FULL_TEXT))
    site.page("/b.txt", FULL_TEXT, "text/plain")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.url('/a.html')}\n# skipped\n{site.url('/b.txt')}\n")
    results = list(read_inputs([], Settings(**{**LOCAL.__dict__, "url_files": (str(urls),)})))
    assert [d.id for d in docs(results)] == [site.url("/a.html"), site.url("/b.txt")]


def test_read_url_serving_json_lines(site: Loopback) -> None:
    record = json.dumps({"id": "j1", "maintext": FULL_TEXT.strip()})
    site.page("/dump.jsonl", record + "\n", "application/x-ndjson")
    assert [d.id for d in docs(list(read_inputs([site.url("/dump.jsonl")], LOCAL)))] == ["j1"]


def test_read_url_of_an_image_is_a_failure(site: Loopback) -> None:
    site.page("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")
    (failure,) = list(read_inputs([site.url("/logo.png")], LOCAL))
    assert isinstance(failure, Failure) and failure.reason == "binary file, not text"


# --------------------------------------------------------------------------- feeds


def test_read_feed_url_fetches_the_linked_articles(site: Loopback) -> None:
    site.page("/news/a.html", page("Envoys meet", FULL_TEXT))
    site.page("/news/b.html", page("Talks resume", FULL_TEXT))
    site.page("/feed.rss", rss(("Envoys meet", site.url("/news/a.html"), ""),
                               ("Talks resume", "/news/b.html", "")),
              "application/rss+xml")
    results = list(read_inputs([site.url("/feed.rss")], LOCAL))
    assert [d.id for d in docs(results)] == [site.url("/news/a.html"),
                                             site.url("/news/b.html")]
    assert docs(results)[1].title == "Talks resume"


def test_read_feed_article_that_cannot_be_fetched_is_a_failure(site: Loopback) -> None:
    site.page("/feed.rss", rss(("Hidden", site.url("/private/x.html"), "short")),
              "application/rss+xml")
    (failure,) = list(read_inputs([site.url("/feed.rss")], LOCAL))
    assert failure == Failure(site.url("/private/x.html"), "fetch",
                              "disallowed by the site's robots.txt")


def test_read_feed_carrying_the_full_text_stands_in_for_a_missing_page(
        site: Loopback) -> None:
    site.page("/feed.rss", rss(("Envoys meet", site.url("/gone.html"), f"<p>{FULL_TEXT}</p>")),
              "application/rss+xml")
    (doc,) = list(read_inputs([site.url("/feed.rss")], LOCAL))
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.date) == (site.url("/gone.html"), "Envoys meet",
                                             date(2022, 5, 17))
    assert doc.text == FULL_TEXT.strip()


def test_read_local_feed_file_fetches_its_articles(site: Loopback, tmp_path: Path) -> None:
    site.page("/news/a.html", page("Envoys meet", FULL_TEXT))
    feed = tmp_path / "saved.xml"
    feed.write_text(rss(("Envoys meet", site.url("/news/a.html"), "")))
    assert [d.id for d in docs(list(read_inputs([str(feed)], LOCAL)))] == \
        [site.url("/news/a.html")]
