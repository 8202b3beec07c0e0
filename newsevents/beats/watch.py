"""Watch a beat: poll its feeds, ingest new articles, fire alerts — for days on end.

Each cycle opens the store, and for every feed that is due

1. asks for it with a conditional GET (the ETag and Last-Modified it last sent): an
   unchanged feed costs one 304;
2. reads its entries and drops the links already known (ingested, given up, or in the
   store however they got there), so that no known article is fetched twice;
3. fetches the new articles, codes them through the pipeline's stages and stores them
   with their stories and event clusters, a batch at a time;
4. keeps the feed's new validators only once every new entry is settled, so that a
   crash or a Ctrl-C half-way never hides entries behind a 304.

A feed that cannot be fetched or read backs off: its next poll waits 2, 4, 8, ... times
the interval (at most :data:`MAX_BACKOFF`). An article page that cannot be fetched is
tried again on the next polls, :data:`MAX_ATTEMPTS` times in all. Then the alert rules are
evaluated over the articles ingested and not yet evaluated, alerts are kept and posted
to the webhook, and the store is closed until the next cycle (so that ``beat report``,
``serve`` and others can use it meanwhile).

Everything the loop needs to go on is in the store (:mod:`.storage`): a watch that is
stopped — Ctrl-C, a crash, a reboot — carries on where it was when started again.
Memory stays flat: nothing grows with the number of cycles or articles.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import feedparser

from ..errors import ExtractionError, FetchError, InputError, NewsEventsError, StoreError
from ..ingestion import store_coded
from ..models import Document, Failure
from ..read import Reader
from ..read.feeds import FeedItem, read_feed
from ..settings import Settings
from ..store import open_store
from . import alerts as alerting
from . import storage
from .alerts import Alert
from .definition import Beat

if TYPE_CHECKING:
    from ..coding import Pipeline

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # fetches of one article page before it is given up
MAX_NEW_PER_FEED = 100  # new articles taken from one feed in one cycle; the rest wait
MAX_BACKOFF = 6 * 3600.0  # longest pause of a failing feed, in seconds
CODE_BATCH = 16  # articles coded and stored together
KEPT_ALERTS = 100  # alerts a WatchResult keeps (the store keeps them all)


@dataclass
class CycleStats:
    """What one cycle did."""

    cycle: int
    polled: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    backing_off: int = 0
    articles: int = 0  # new articles ingested
    article_failures: int = 0
    events: int = 0
    alerts: int = 0
    delivered: int = 0
    undelivered: int = 0
    error: str | None = None  # the cycle could not run (the store was busy, ...)
    fired: list[Alert] = field(default_factory=list)


@dataclass
class WatchResult:
    """What a watch did in all (counts add up over cycles; the latest alerts are kept)."""

    cycles: int = 0
    polled: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    articles: int = 0
    article_failures: int = 0
    events: int = 0
    alerts_fired: int = 0
    delivered: int = 0
    undelivered: int = 0
    stopped: bool = False  # a stop was asked for (Ctrl-C)
    alerts: deque[Alert] = field(default_factory=lambda: deque(maxlen=KEPT_ALERTS))

    def add(self, stats: CycleStats) -> None:
        self.cycles += 1
        for name in ("polled", "not_modified", "feed_errors", "articles", "article_failures",
                     "events", "delivered", "undelivered"):
            setattr(self, name, getattr(self, name) + getattr(stats, name))
        self.alerts_fired += stats.alerts


def backoff(interval: float, failures: int) -> float:
    """Seconds a feed that failed ``failures`` times in a row waits before its next poll."""
    if failures <= 0:
        return 0.0
    return min(interval * 2.0 ** min(failures, 20), max(MAX_BACKOFF, interval))


@dataclass
class _Batch:
    """Articles fetched and not yet stored, and feed states to save once they are: a
    feed's new validators are never stored before its articles."""

    articles: list[tuple[str, str, Document]] = field(default_factory=list)  # feed, link, doc
    feeds: list[storage.FeedState] = field(default_factory=list)


class Watcher:
    """One beat's watch over one store; :meth:`cycle` runs one poll of every due feed.

    The store is opened for each step that reads or writes it and closed at once, so that
    while the watch fetches and codes, ``serve`` and ``beat report`` can use the file.
    Articles of all feeds are coded and stored together, :data:`CODE_BATCH` at a time.
    """

    def __init__(self, beat: Beat, db: str, settings: Settings, interval: float,
                 stop: threading.Event | None = None,
                 on_alert: Callable[[Alert], None] | None = None) -> None:
        self.beat = beat
        self.db = db
        self.settings = settings
        self.interval = interval
        self.stop = stop or threading.Event()
        self.on_alert = on_alert
        self._coding: Pipeline | None = None  # see _pipeline

    def cycle(self, number: int) -> CycleStats:
        """Poll the due feeds, ingest, evaluate alerts and deliver them. A busy or broken
        store makes the cycle stop short (``error`` says why): the next cycle tries again."""
        stats = CycleStats(number)
        settings = self.settings
        if settings.default_date is None:  # an undated article is taken as news of today
            settings = replace(settings, default_date=date.today())
        try:
            with self._transaction("save the beat") as con:
                storage.save_beat(con, self.beat)
                states = storage.feed_states(con, self.beat.name, self.beat.feeds)
            self._poll_feeds(states, settings, stats)
            pending = self._alert(stats)
            self._deliver(pending, stats)
        except StoreError as exc:
            stats.error = str(exc)
            log.warning("%s: cycle %d stopped: %s", self.beat.name, number, exc)
        return stats

    @contextmanager
    def _reading(self, action: str) -> Iterator[storage.Connection]:
        with open_store(self.db) as store, store.reading(action) as con:
            yield con

    @contextmanager
    def _transaction(self, action: str) -> Iterator[storage.Connection]:
        with open_store(self.db) as store, store.transaction(action) as con:
            yield con

    # -- feeds ------------------------------------------------------------------------------

    def _poll_feeds(self, states: dict[str, storage.FeedState], settings: Settings,
                    stats: CycleStats) -> None:
        batch = _Batch()
        with Reader(settings) as reader:
            for url in self.beat.feeds:
                if self.stop.is_set():
                    break
                state = states[url]
                if not state.due(storage.now()):
                    stats.backing_off += 1
                    continue
                stats.polled += 1
                try:
                    self._poll(reader, state, batch, settings, stats)
                except StoreError:
                    raise
                except Exception as exc:  # a feed must never stop the watch
                    log.exception("%s: polling failed", url)
                    self._feed_failed(state, f"polling failed ({type(exc).__name__}: {exc})",
                                      stats)
                batch.feeds.append(state)
        # What was fetched is stored even when a stop was asked for: the work done is
        # kept, and the rest waits for the next run.
        self._flush(batch, settings, stats)

    def _poll(self, reader: Reader, state: storage.FeedState, batch: _Batch,
              settings: Settings, stats: CycleStats) -> None:
        """Poll one feed and fetch its new articles into ``batch``; ``state`` says how it
        went (it is saved with the batch)."""
        url = state.url
        try:
            page = reader.fetcher.fetch_fresh(url, state.etag, state.last_modified)
        except FetchError as exc:
            self._feed_failed(state, exc.reason, stats)
            return
        if page.not_modified:
            stats.not_modified += 1
            _feed_ok(state)
            return
        entries: list[FeedItem] = []
        problems: list[Failure] = []
        for item in read_feed(url, page.body, page.url):
            if isinstance(item, FeedItem):
                entries.append(item)
            else:
                problems.append(item)
        if not entries:
            if _empty_feed(page.body):  # a feed with nothing in it today is not an outage
                state.etag, state.last_modified = page.etag, page.last_modified
                _feed_ok(state)
            else:
                self._feed_failed(state, problems[0].reason if problems else "no entries",
                                  stats)
            return
        for problem in problems:
            if problem.input == url:  # about the feed itself (cut at its cap), not an entry
                log.warning("%s: %s", url, problem.reason)
        links = list(dict.fromkeys(item.link for item in entries))
        by_link = {item.link: item for item in reversed(entries)}
        with self._reading("read known articles") as con:
            known = storage.known_links(con, links, MAX_ATTEMPTS)
        new = [by_link[link] for link in links if link not in known]
        settled = len(new) <= MAX_NEW_PER_FEED
        for item in new[:MAX_NEW_PER_FEED]:
            if self.stop.is_set():
                settled = False
                break
            try:
                batch.articles.append((url, item.link, reader.read_feed_item(item)))
            except InputError as exc:
                stage = ("fetch" if isinstance(exc, FetchError)
                         else "extract" if isinstance(exc, ExtractionError) else "read")
                settled &= self._article_failed(url, item.link, stage, exc.reason, stats)
                continue
            if len(batch.articles) >= CODE_BATCH:
                self._flush(batch, settings, stats)
        # The validators are kept only once every entry is settled: a 304 must never hide
        # an entry still to fetch (after a stop, a page to try again, a cut feed).
        if settled:
            state.etag, state.last_modified = page.etag, page.last_modified
        _feed_ok(state)

    def _feed_failed(self, state: storage.FeedState, reason: str, stats: CycleStats) -> None:
        stats.feed_errors += 1
        state.failures += 1
        state.last_poll = storage.now()
        state.last_error = reason
        wait = backoff(self.interval, state.failures)
        state.next_poll = state.last_poll + timedelta(seconds=wait)
        log.warning("%s: %s (failure %d in a row; next poll in %s)", state.url, reason,
                    state.failures, _duration(wait))

    # -- articles -----------------------------------------------------------------------------

    def _article_failed(self, feed: str, link: str, stage: str, reason: str,
                        stats: CycleStats) -> bool:
        """Note a failed article; True when it is given up for good."""
        with self._transaction("note a failed article") as con:
            tries = storage.record_article(con, self.beat.name, feed, link, storage.RETRY,
                                          reason=reason)
            given_up = tries >= MAX_ATTEMPTS
            if given_up:
                storage.give_up(con, link)
                storage.record_failure(con, Failure(link, stage, reason))
        log.warning("%s: %s (try %d of %d)", link, reason, tries, MAX_ATTEMPTS)
        stats.article_failures += given_up
        return given_up

    def _flush(self, batch: _Batch, settings: Settings, stats: CycleStats) -> None:
        """Code the batch's articles and store them, as ingest does (documents, then their
        stories and event clusters), then the feed states waiting for them."""
        if not batch.articles and not batch.feeds:
            return
        articles, states = batch.articles, batch.feeds
        batch.articles, batch.feeds = [], []
        try:
            coded = list(self._pipeline(settings).run(doc for _, _, doc in articles))
        except NewsEventsError as exc:  # the parser itself failed: try these again later
            for feed, link, _ in articles:
                self._article_failed(feed, link, "code", f"coding failed: {exc}", stats)
            articles, coded = [], []
        # One result per document, in order: only documents went in.
        done = [(feed, link, item) for (feed, link, _), item
                in zip(articles, coded, strict=True)]
        documents = [doc for _, _, doc in done if isinstance(doc, Document)]
        failures = [f for _, _, f in done if isinstance(f, Failure)]
        with open_store(self.db) as store:
            written = store_coded(store, documents, failures)
            with store.transaction("note ingested articles and feeds") as con:
                for feed, link, item in done:
                    if isinstance(item, Document):
                        storage.record_article(con, self.beat.name, feed, link,
                                              storage.INGESTED, doc_id=item.id)
                    else:
                        storage.record_article(con, self.beat.name, feed, link,
                                              storage.FAILED, reason=item.reason)
                for state in states:
                    storage.save_feed(con, state)
        stats.articles += len(documents)
        stats.article_failures += len(failures)
        stats.events += written.events_written
        if documents:
            log.info("%s: %d new articles, %d events", self.beat.name, len(documents),
                     written.events_written)

    def _pipeline(self, settings: Settings) -> Pipeline:
        """The watch's Pipeline: built once, its coders reused by every cycle (a new one
        only if the cycle's settings differ)."""
        # Imported here: the coding core loads spaCy, and this module is imported by every
        # user of ``newsevents.beats`` (the dashboard's beat pages among them).
        from ..coding import Pipeline

        if self._coding is None or self._coding.settings != settings:
            self._coding = Pipeline(settings=settings)
        return self._coding

    # -- alerts -------------------------------------------------------------------------------

    def _alert(self, stats: CycleStats) -> list[tuple[str, dict[str, Any]]]:
        """Fire the alerts of the articles not yet evaluated; returns the alerts the
        webhook has still to take."""
        with self._transaction("evaluate alerts") as con:
            pending = storage.pending_documents(con, self.beat.name)
            fired = alerting.evaluate(con, self.beat, pending)
            storage.mark_evaluated(con, self.beat.name, pending)
            undelivered = (storage.undelivered(con, self.beat.name, alerting.MAX_DELIVERIES)
                           if self.beat.webhook else [])
        for alert in fired:
            log.info("alert %s", alert.summary)
            if self.on_alert is not None:
                self.on_alert(alert)
        stats.alerts = len(fired)
        stats.fired = fired
        return undelivered

    def _deliver(self, pending: list[tuple[str, dict[str, Any]]], stats: CycleStats) -> None:
        """Post the alerts the webhook has not taken, with the store closed meanwhile. An
        alert posted just before a crash is posted again: delivery is at least once (the
        payload's ``alert_id`` tells a repeat)."""
        if not self.beat.webhook or not pending:
            return
        outcomes = alerting.deliver(pending, self.beat.webhook, self.settings)
        with self._transaction("note delivered alerts") as con:
            for key, error in outcomes:
                storage.mark_delivery(con, key, error)
        stats.delivered = sum(1 for _, error in outcomes if error is None)
        stats.undelivered = len(outcomes) - stats.delivered


def _feed_ok(state: storage.FeedState) -> None:
    state.failures, state.next_poll, state.last_error = 0, None, None
    state.last_ok = state.last_poll = storage.now()


def run(watcher: Watcher, cycles: int | None = None,
        on_cycle: Callable[[CycleStats], None] | None = None) -> WatchResult:
    """Run ``watcher`` cycle after cycle, ``watcher.interval`` seconds apart (counted from
    the start of each), until ``cycles`` have run or a stop is asked for."""
    result = WatchResult()
    number = 0
    while not watcher.stop.is_set():
        number += 1
        started = time.monotonic()
        stats = watcher.cycle(number)
        result.add(stats)
        result.alerts.extend(stats.fired)
        if on_cycle is not None:
            on_cycle(stats)
        if cycles is not None and number >= cycles:
            break
        watcher.stop.wait(max(0.0, watcher.interval - (time.monotonic() - started)))
    result.stopped = watcher.stop.is_set()
    return result


def _empty_feed(body: bytes) -> bool:
    """Whether ``body`` is a well-formed RSS/Atom feed that just has no entries."""
    parsed = feedparser.parse(io.BytesIO(body))  # a stream: never taken for a URL or path
    return bool(parsed.get("version")) and not parsed.get("bozo")


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.3g} h"
    if seconds >= 60:
        return f"{seconds / 60:.3g} min"
    return f"{seconds:.3g} s"
