"""Tests for newsevents.read.fetch: fetching from a loopback server the tests start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _hostile import brotli_bomb, gzip_bomb
from _loopback import Loopback, loopback_server

from newsevents.errors import ConfigError, FetchError
from newsevents.read.fetch import Fetcher
from newsevents.settings import Settings

PAGE = "<html><body><p>Envoys met in Kessel on Tuesday.</p></body></html>"
# The server's own address is allowed; every other private address stays refused.
LOCAL = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=0.0, fetch_timeout=2.0)


@pytest.fixture
def site() -> Iterator[Loopback]:
    with loopback_server(robots="User-agent: *\nDisallow: /private/\n") as server:
        yield server


def fetch(url: str, settings: Settings = LOCAL) -> bytes:
    with Fetcher(settings) as fetcher:
        return fetcher.fetch(url).body


def refusal(url: str, settings: Settings = LOCAL) -> str:
    with Fetcher(settings) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert caught.value.source == url
    return caught.value.reason


def test_fetch_returns_the_page_with_its_media_type_and_charset(site: Loopback) -> None:
    site.page("/a.html", PAGE, "text/html; charset=ISO-8859-1")
    with Fetcher(LOCAL) as fetcher:
        page = fetcher.fetch(site.url("/a.html"))
    assert (page.body, page.media_type, page.charset) == (PAGE.encode(), "text/html",
                                                          "ISO-8859-1")


def test_fetch_sends_an_honest_user_agent(site: Loopback) -> None:
    site.page("/a.html", PAGE)
    fetch(site.url("/a.html"))
    agents = {headers.get("User-Agent", "") for _, headers in site.requests}
    assert agents == {LOCAL.user_agent}
    assert LOCAL.user_agent.startswith("newsevents/")


def test_fetch_refuses_loopback_without_allow_private(site: Loopback) -> None:
    site.page("/a.html", PAGE)
    reason = refusal(site.url("/a.html"), Settings(fetch_delay=0.0))
    assert "127.0.0.1 is a loopback address; refused" in reason
    assert "--allow-private" in reason
    assert site.requests == []  # not even robots.txt was asked for


def test_fetch_allow_private_lifts_the_refusal(site: Loopback) -> None:
    site.page("/a.html", PAGE)
    assert fetch(site.url("/a.html"), Settings(allow_private=True, fetch_delay=0.0)) == \
        PAGE.encode()


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://10.0.0.7/admin",
    "http://127.0.0.2/",
    "http://[::1]/",
])
def test_fetch_refuses_a_redirect_to_a_private_address(site: Loopback, target: str) -> None:
    site.redirect("/go", target)
    reason = refusal(site.url("/go"))
    assert reason.startswith(f"redirected to {target}: ")
    assert "refused" in reason


def test_fetch_stops_a_redirect_loop(site: Loopback) -> None:
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    assert refusal(site.url("/a")) == f"redirect loop (back to {site.url('/a')})"


def test_fetch_follows_at_most_max_redirects(site: Loopback) -> None:
    for n in range(4):
        site.redirect(f"/r{n}", f"/r{n + 1}")
    site.page("/r4", PAGE)
    assert refusal(site.url("/r0"), Settings(allowed_networks=("127.0.0.1/32",),
                                            fetch_delay=0.0, max_redirects=3)) == \
        "more than 3 redirects"
    assert fetch(site.url("/r0")) == PAGE.encode()


def test_fetch_never_requests_a_path_robots_txt_disallows(site: Loopback) -> None:
    site.page("/private/story.html", PAGE)
    assert refusal(site.url("/private/story.html")) == "disallowed by the site's robots.txt"
    assert site.paths() == ["/robots.txt"]


def test_fetch_checks_robots_txt_on_the_redirect_target(site: Loopback) -> None:
    site.redirect("/open", "/private/story.html")
    site.page("/private/story.html", PAGE)
    assert "disallowed by the site's robots.txt" in refusal(site.url("/open"))
    assert "/private/story.html" not in site.paths()


def test_fetch_reads_robots_txt_once_per_site(site: Loopback) -> None:
    site.page("/a.html", PAGE)
    site.page("/b.html", PAGE)
    with Fetcher(LOCAL) as fetcher:
        fetcher.fetch(site.url("/a.html"))
        fetcher.fetch(site.url("/b.html"))
    assert site.paths() == ["/robots.txt", "/a.html", "/b.html"]


def test_fetch_without_robots_txt_is_allowed() -> None:
    with loopback_server(robots=None) as site:
        site.page("/a.html", PAGE)
        assert fetch(site.url("/a.html")) == PAGE.encode()


def test_fetch_robots_txt_server_error_disallows_everything() -> None:
    with loopback_server(robots=None) as site:
        site.page("/robots.txt", "down", "text/plain", status=503)
        site.page("/a.html", PAGE)
        assert refusal(site.url("/a.html")) == "disallowed by the site's robots.txt"
        assert "/a.html" not in site.paths()


def test_fetch_waits_between_requests_to_one_host(site: Loopback) -> None:
    site.page("/a.html", PAGE)
    site.page("/b.html", PAGE)
    waits: list[float] = []
    settings = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=5.0)
    with Fetcher(settings, sleep=waits.append) as fetcher:
        fetcher.fetch(site.url("/a.html"))
        fetcher.fetch(site.url("/b.html"))
    # robots.txt, then two pages: each request after the first waited out the delay.
    assert len(waits) == 2
    assert all(4.0 < wait <= 5.0 for wait in waits)


def test_fetch_honours_a_longer_crawl_delay() -> None:
    with loopback_server(robots="User-agent: *\nCrawl-delay: 7\n") as site:
        site.page("/a.html", PAGE)
        waits: list[float] = []
        with Fetcher(LOCAL, sleep=waits.append) as fetcher:
            fetcher.fetch(site.url("/a.html"))
        assert len(waits) == 1 and 6.0 < waits[0] <= 7.0


def test_fetch_times_out_a_server_that_drips(site: Loopback) -> None:
    site.drip("/slow", every=0.1)
    settings = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=0.0,
                        fetch_timeout=0.5)
    assert refusal(site.url("/slow"), settings) == "timed out (limit 0.5 s)"


@pytest.mark.parametrize(("encoding", "bomb"), [
    ("gzip", gzip_bomb(400)),
    ("br", brotli_bomb(400)),
])
def test_fetch_stops_a_compression_bomb_at_the_cap(site: Loopback, encoding: str,
                                                   bomb: bytes) -> None:
    assert len(bomb) < 2**20  # a few hundred KB that would inflate to 400 MB
    site.page("/bomb", bomb, headers={"Content-Encoding": encoding})
    settings = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=0.0,
                        max_bytes=8 * 2**20)
    assert refusal(site.url("/bomb"), settings) == "response larger than 8 MB; refused"


def test_fetch_refuses_an_encoding_it_did_not_offer(site: Loopback) -> None:
    site.page("/z", b"(zstd bytes)", headers={"Content-Encoding": "zstd"})
    assert "content encoding 'zstd' was not asked for" in refusal(site.url("/z"))


def test_fetch_refuses_a_declared_length_over_the_cap(site: Loopback) -> None:
    site.page("/big", b"x" * 5000)
    settings = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=0.0, max_bytes=1000)
    assert refusal(site.url("/big"), settings) == \
        "response of 4.88 KB is over the 1000 bytes cap; refused"


def test_fetch_reports_an_http_error_status(site: Loopback) -> None:
    assert refusal(site.url("/missing")) == f"HTTP 404 from {site.url('/missing')}"


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "http:///a"])
def test_fetch_refuses_what_is_not_an_http_url(url: str) -> None:
    assert "http" in refusal(url) or "names no host" in refusal(url)


def test_fetch_cache_serves_a_rerun_without_a_request(site: Loopback, tmp_path: Path) -> None:
    site.page("/a.html", PAGE)
    settings = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=0.0,
                        fetch_cache=str(tmp_path / "cache"))
    assert fetch(site.url("/a.html"), settings) == PAGE.encode()
    asked = len(site.requests)
    assert fetch(site.url("/a.html"), settings) == PAGE.encode()
    assert len(site.requests) == asked


def test_fetch_rejects_a_malformed_allowed_network() -> None:
    with pytest.raises(ConfigError, match="--allow-network"):
        Fetcher(Settings(allowed_networks=("not-a-network",)))


def test_fetch_refusals_without_a_connection_cost_no_delay(site: Loopback) -> None:
    waits: list[float] = []
    with Fetcher(Settings(fetch_delay=5.0), sleep=waits.append) as fetcher:
        for n in range(5):  # a loopback address: refused before any connection
            with pytest.raises(FetchError, match="loopback address; refused"):
                fetcher.fetch(site.url(f"/{n}.html"))
    assert waits == []


def test_fetch_robots_refusals_cost_no_delay(site: Loopback) -> None:
    waits: list[float] = []
    settings = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=5.0)
    with Fetcher(settings, sleep=waits.append) as fetcher:
        for n in range(5):
            with pytest.raises(FetchError, match="disallowed by the site's robots.txt"):
                fetcher.fetch(site.url(f"/private/{n}.html"))
    assert waits == [] and site.paths() == ["/robots.txt"]
