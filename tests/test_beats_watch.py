"""The watch loop against feeds served from loopback that change between polls, with a
loopback webhook: new articles become events, stories and one alert per happening."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from _loopback import Loopback, loopback_server
from beats_data import (
    Feed,
    Webhook,
    article_requests,
    serve_articles,
    serve_feed,
    webhook_receiver,
    write_beat,
)

from newsevents.beats import CycleStats, WatchResult, watch
from newsevents.beats import storage as beat_storage
from newsevents.beats.watch import MAX_ATTEMPTS, backoff
from newsevents.errors import ConfigError
from newsevents.settings import Settings
from newsevents.store import open_store

# Loopback is refused by default; no pause between requests to one host in tests.
SETTINGS = Settings(allow_private=True, fetch_delay=0.0, default_date=date(2024, 5, 16))


@pytest.fixture()
def site() -> Iterator[Loopback]:
    with loopback_server() as server:
        serve_articles(server)
        yield server


@pytest.fixture()
def hook() -> Iterator[Webhook]:
    with webhook_receiver() as receiver:
        yield receiver


def run(beat_file: Path, db: Path, cycles: int, **more: object) -> tuple[WatchResult,
                                                                          list[CycleStats]]:
    stats: list[CycleStats] = []
    more.setdefault("settings", SETTINGS)
    on_cycle = more.pop("on_cycle", None)

    def seen(cycle: CycleStats) -> None:
        stats.append(cycle)
        if callable(on_cycle):
            on_cycle(cycle)

    result = watch(beat_file, cycles=cycles, db=db, on_cycle=seen, **more)  # type: ignore[arg-type]
    return result, stats


@pytest.mark.slow
def test_new_articles_become_events_stories_and_one_alert_per_happening(
        site: Loopback, hook: Webhook, tmp_path: Path) -> None:
    feed = Feed(items=["shelling", "summit"])
    serve_feed(site, "/asia.xml", feed)
    beat_file = write_beat(tmp_path, [site.url("/asia.xml")], webhook=hook.url)

    def next_news(cycle: CycleStats) -> None:
        if cycle.cycle == 1:  # the feed changes between the first and second poll
            feed.items = ["shelling-2", "threat", "shelling", "summit"]

    result, stats = run(beat_file, tmp_path / "news.duckdb", 3, on_cycle=next_news)
    assert [s.articles for s in stats] == [2, 2, 0]
    assert feed.answers == [200, 200, 304]  # the third poll was a conditional GET
    # Every article page was fetched once.
    assert sorted(article_requests(site)) == sorted(
        f"/a/{k}.html" for k in ("shelling", "summit", "shelling-2", "threat"))
    # The shelling (first poll), the threat and the three-outlet story (second poll); the
    # second report of the shelling joined its happening and fired nothing.
    assert [s.alerts for s in stats] == [1, 2, 0]
    kinds = [(body["kind"], body["rules"]) for body in hook.received]
    assert kinds == [("event", ["attack-or-threat", "severe"]),
                     ("event", ["attack-or-threat"]), ("story", ["big-story"])]
    shelling = hook.received[0]
    assert shelling["event"]["type"] == "ASSAULT"
    assert shelling["evidence"][0]["document"]["url"].endswith("/a/shelling.html")
    assert hook.received[1]["event"]["type"] == "THREATEN"
    assert hook.received[2]["story"]["sources"] == 3
    assert result.delivered == 3 and result.events >= 4
    with open_store(tmp_path / "news.duckdb", read_only=True) as store:
        assert store.count("documents") == 4
        with store.reading("test") as con:
            clusters = con.execute(
                "SELECT count(DISTINCT c.doc_id) FROM event_clusters c"
                " JOIN events e USING (event_id)"
                " WHERE e.type = 'ASSAULT' GROUP BY c.cluster_id").fetchall()
    # Two articles, one happening (each article reports it twice: "fired", "the shelling").
    assert clusters == [(2,)]


@pytest.mark.slow
def test_an_alert_the_webhook_missed_is_posted_on_a_later_cycle(
        site: Loopback, hook: Webhook, tmp_path: Path) -> None:
    serve_feed(site, "/asia.xml", Feed(items=["shelling"]))
    beat_file = write_beat(tmp_path, [site.url("/asia.xml")], webhook=hook.url)
    hook.status = 503  # the webhook is down during the first cycle

    def webhook_back(cycle: CycleStats) -> None:
        hook.status = 200

    result, stats = run(beat_file, tmp_path / "news.duckdb", 2, on_cycle=webhook_back)
    assert [(s.alerts, s.delivered, s.undelivered) for s in stats] == [(1, 0, 1), (0, 1, 0)]
    assert [body["kind"] for body in hook.received] == ["event"]
    with open_store(tmp_path / "news.duckdb", read_only=True) as store, \
            store.reading("test") as con:
        [kept] = beat_storage.alerts(con, "korea-test")
    assert kept["attempts"] == 2 and kept["delivered_at"] is not None


@pytest.mark.slow
def test_a_restarted_watch_carries_on_without_refetching_or_realerting(
        site: Loopback, hook: Webhook, tmp_path: Path) -> None:
    feed = Feed(items=["shelling", "summit"])
    serve_feed(site, "/asia.xml", feed)
    beat_file = write_beat(tmp_path, [site.url("/asia.xml")], webhook=hook.url)
    db = tmp_path / "news.duckdb"
    run(beat_file, db, 1)
    fetched = len(article_requests(site))
    # A new process, the same store: the feed answers 304, nothing is fetched or alerted.
    again, _ = run(beat_file, db, 1)
    assert feed.answers == [200, 304]
    assert len(article_requests(site)) == fetched == 2
    assert (again.articles, again.alerts_fired) == (0, 0)
    assert len(hook.received) == 1


@pytest.mark.slow
def test_a_stop_keeps_the_articles_fetched_and_the_next_run_takes_the_rest(
        tmp_path: Path) -> None:
    stop = threading.Event()

    def stop_after_second(key: str) -> None:
        if key == "shelling-2":  # Ctrl-C while this page is fetched
            stop.set()

    with loopback_server() as site:
        serve_articles(site, on_serve=stop_after_second)
        feed = Feed(items=["shelling", "shelling-2", "threat"])
        serve_feed(site, "/asia.xml", feed)
        beat_file = write_beat(tmp_path, [site.url("/asia.xml")])
        db = tmp_path / "news.duckdb"
        first, _ = run(beat_file, db, 5, stop=stop)
        assert (first.stopped, first.cycles, first.articles) == (True, 1, 2)
        with open_store(db, read_only=True) as store:
            assert store.count("documents") == 2  # the fetched articles were stored
        second, _ = run(beat_file, db, 1)
    # The feed's validators were not kept while an entry was unsettled: no 304 hid it.
    assert feed.answers == [200, 200]
    assert second.articles == 1
    assert article_requests(site).count("/a/threat.html") == 1


@pytest.mark.slow
def test_an_outage_and_a_malformed_feed_do_not_stop_the_watch(site: Loopback,
                                                              tmp_path: Path) -> None:
    down = Feed(status=503)
    broken = Feed(body=b"\x00\x01 this is not a feed <rss")
    serve_feed(site, "/down.xml", down)
    serve_feed(site, "/broken.xml", broken)
    beat_file = write_beat(tmp_path, [site.url("/down.xml"), site.url("/broken.xml")])

    def recover(cycle: CycleStats) -> None:
        down.status = 200  # the outage ends; the feed has nothing new

    result, stats = run(beat_file, tmp_path / "news.duckdb", 2, on_cycle=recover)
    assert [(s.polled, s.feed_errors) for s in stats] == [(2, 2), (2, 1)]
    assert down.answers == [503, 200] and len(broken.answers) == 2
    with open_store(tmp_path / "news.duckdb", read_only=True) as store, \
            store.reading("test") as con:
        states = beat_storage.feed_states(con, "korea-test", [site.url("/down.xml"),
                                                             site.url("/broken.xml")])
    healthy, failing = states[site.url("/down.xml")], states[site.url("/broken.xml")]
    assert (healthy.failures, healthy.last_error) == (0, None)
    assert failing.failures == 2 and "not a readable RSS/Atom feed" in str(failing.last_error)
    assert failing.next_poll is not None  # it backs off


@pytest.mark.slow
def test_an_article_that_cannot_be_fetched_is_tried_again_then_given_up(
        site: Loopback, tmp_path: Path) -> None:
    feed = Feed(items=["gone"])  # /a/gone.html answers 404
    serve_feed(site, "/asia.xml", feed)
    beat_file = write_beat(tmp_path, [site.url("/asia.xml")])
    result, stats = run(beat_file, tmp_path / "news.duckdb", MAX_ATTEMPTS + 1)
    assert article_requests(site) == ["/a/gone.html"] * MAX_ATTEMPTS
    assert feed.answers == [200] * MAX_ATTEMPTS + [304]  # settled at last: validators kept
    assert result.article_failures == 1
    with open_store(tmp_path / "news.duckdb", read_only=True) as store:
        assert [f.input for f in store.failures()] == [site.url("/a/gone.html")]


@pytest.mark.slow
def test_a_feed_with_only_last_modified_is_asked_for_with_if_modified_since(
        site: Loopback, tmp_path: Path) -> None:
    stamp = "Tue, 14 May 2024 08:00:00 GMT"
    asked: list[str | None] = []
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'

    def answer(h: BaseHTTPRequestHandler) -> None:
        asked.append(h.headers.get("If-Modified-Since"))
        if h.headers.get("If-Modified-Since") == stamp:
            h.send_response(304)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Last-Modified", stamp)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    site.routes["/quiet.xml"] = answer
    beat_file = write_beat(tmp_path, [site.url("/quiet.xml")])
    result, stats = run(beat_file, tmp_path / "news.duckdb", 2)
    assert asked == [None, stamp]
    assert [(s.not_modified, s.feed_errors) for s in stats] == [(0, 0), (1, 0)]


@pytest.mark.parametrize(("interval", "failures", "seconds"), [
    (900.0, 0, 0.0), (900.0, 1, 1800.0), (900.0, 2, 3600.0), (900.0, 5, 6 * 3600.0),
    (0.0, 3, 0.0), (86400.0, 1, 86400.0),
])
def test_a_failing_feed_backs_off_exponentially_within_a_cap(interval: float, failures: int,
                                                             seconds: float) -> None:
    assert backoff(interval, failures) == seconds


def test_a_beat_without_feeds_cannot_be_watched(tmp_path: Path) -> None:
    beat_file = tmp_path / "b.toml"
    beat_file.write_text('name = "b"\ncountries = ["PRK"]\n')
    with pytest.raises(ConfigError, match="feeds"):
        watch(beat_file, cycles=1, db=tmp_path / "news.duckdb", settings=SETTINGS)


@pytest.mark.slow
def test_feeds_on_loopback_are_refused_by_default(site: Loopback, tmp_path: Path) -> None:
    serve_feed(site, "/asia.xml", Feed(items=["shelling"]))
    beat_file = write_beat(tmp_path, [site.url("/asia.xml")])
    result, stats = run(beat_file, tmp_path / "news.duckdb", 1, settings=Settings())
    assert (stats[0].feed_errors, result.articles) == (1, 0)
    assert site.paths() == []  # refused before any request
