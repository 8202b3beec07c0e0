"""What the beat tests serve and store: short Korean Peninsula articles written for them
(as HTML pages of three invented outlets), RSS feeds with ETags, a webhook receiver, and
hand-made events for the tests that need no parser."""

from __future__ import annotations

import hashlib
import html
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from _loopback import Loopback

from newsevents.models import Actor, Document, Event, Location

BEAT_TOML = """\
name = "korea-test"
title = "Korean Peninsula (test)"
description = "North and South Korea, for the tests."
countries = ["PRK", "KOR"]
places = ["DMZ", "Kaesong"]
include = ["denuclearization", "inter-Korean"]
exclude = ["K-pop"]
feeds = [{feeds}]
interval = "0s"
{webhook}

[[alerts]]
name = "attack-or-threat"
types = ["ASSAULT", "THREATEN"]
dyad = "PRK-KOR"
undirected = true

[[alerts]]
name = "severe"
max_intensity = -9

[[alerts]]
name = "big-story"
new_story_min_sources = 3
"""


def write_beat(folder: Path, feeds: list[str], webhook: str | None = None,
               name: str = "korea.toml") -> Path:
    """A beat file watching ``feeds`` with the three test rules."""
    path = folder / name
    path.write_text(BEAT_TOML.format(
        feeds=", ".join(json.dumps(f) for f in feeds),
        webhook=f"webhook = {json.dumps(webhook)}" if webhook else ""), encoding="utf-8")
    return path


# outlet, date, title, paragraphs
ARTICLES: dict[str, tuple[str, str, str, list[str]]] = {
    "shelling": ("Seoul Daily", "2024-05-14",
                 "North Korean troops shell guard posts near the DMZ", [
        "North Korean troops fired artillery shells at South Korean guard posts near the DMZ "
        "on Tuesday, the South Korean military said.",
        "The Joint Chiefs of Staff in Seoul said no soldiers were hurt and that the army had "
        "raised its alert level along the border.",
        "Residents of border villages were told to move into shelters while the shelling "
        "went on for about twenty minutes."]),
    "summit": ("Seoul Daily", "2024-05-13", "Yoon and Kishida meet in Tokyo", [
        "South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in "
        "Tokyo on Monday to discuss the denuclearization of the Korean Peninsula.",
        "The two leaders agreed to share missile warning data in real time and to hold "
        "regular meetings of their defence ministers.",
        "Officials said the summit was the warmest in a decade between the two neighbours."]),
    "shelling-2": ("Han River Times", "2024-05-14",
                   "Artillery fire at the border: North shells South Korean posts", [
        "North Korea fired artillery shells at South Korean guard posts near the DMZ on "
        "Tuesday, South Korean officials said.",
        "No soldiers were hurt, the Joint Chiefs of Staff in Seoul said, and the army raised "
        "its alert level along the border.",
        "Villagers near the border spent twenty minutes in shelters while the shelling "
        "lasted."]),
    "threat": ("Pyongyang Watch", "2024-05-15", "North Korea threatens the South over drills", [
        "North Korea threatened on Wednesday to attack South Korea if joint military drills "
        "near the border went ahead, state media said.",
        "The statement from the North's military warned of an overwhelming response to any "
        "provocation near Kaesong.",
        "Analysts in Seoul said the threat followed a familiar pattern before the spring "
        "exercises."]),
}


def article_page(key: str) -> str:
    """The article ``key`` as its outlet's HTML page."""
    outlet, day, title, paragraphs = ARTICLES[key]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}'
            f'</title><meta property="og:site_name" content="{html.escape(outlet)}">'
            f'<meta property="article:published_time" content="{day}"></head><body>'
            f"<header><nav>Home | World | Asia</nav></header><article>{body}</article>"
            f"<footer>Copyright {html.escape(outlet)}</footer></body></html>")


def rss(items: list[tuple[str, str]]) -> str:
    """An RSS 2.0 feed of ``(link, title)`` items."""
    entries = "".join(f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}"
                      f"</link><pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate></item>"
                      for link, title in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Asia news</title><link>http://example.org/</link>{entries}"
            "</channel></rss>")


@dataclass
class Feed:
    """A feed served with an ETag: it answers 304 to a request that has the current one.
    ``items`` (link keys of ARTICLES, or other paths) can change between polls; ``status``
    other than 200 serves an error; ``body`` overrides the feed text."""

    items: list[str] = field(default_factory=list)
    status: int = 200
    body: bytes | None = None
    answers: list[int] = field(default_factory=list)

    def content(self, site: Loopback) -> bytes:
        if self.body is not None:
            return self.body
        return rss([(site.url(f"/a/{key}.html"), ARTICLES[key][2] if key in ARTICLES
                     else key) for key in self.items]).encode("utf-8")


def serve_feed(site: Loopback, path: str, feed: Feed) -> None:
    def answer(h: BaseHTTPRequestHandler) -> None:
        if feed.status != 200:
            feed.answers.append(feed.status)
            h.send_error(feed.status)
            return
        body = feed.content(site)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if h.headers.get("If-None-Match") == etag:
            feed.answers.append(304)
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return
        feed.answers.append(200)
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("ETag", etag)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    site.routes[path] = answer


def serve_articles(site: Loopback, on_serve: Callable[[str], None] | None = None) -> None:
    """Every article of ARTICLES at /a/KEY.html; ``on_serve(key)`` runs before each."""
    for key in ARTICLES:
        body = article_page(key).encode("utf-8")

        def answer(h: BaseHTTPRequestHandler, key: str = key, body: bytes = body) -> None:
            if on_serve is not None:
                on_serve(key)
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)

        site.routes[f"/a/{key}.html"] = answer


def article_requests(site: Loopback) -> list[str]:
    return [path for path in site.paths() if path.startswith("/a/")]


@dataclass
class Webhook:
    """A loopback receiver of alert POSTs."""

    url: str = ""
    status: int = 200
    received: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def webhook_receiver(status: int = 200) -> Iterator[Webhook]:
    hook = Webhook(status=status)

    class Handle(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802 - the http.server interface
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length)
            if hook.status == 200:
                hook.received.append(json.loads(data))
            self.send_response(hook.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
    server.daemon_threads = True
    hook.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()


# -- hand-made documents and events (for tests that need no parser) -------------------------


def make_event(doc_id: str, n: int = 0, **changes: Any) -> Event:
    """An asserted ASSAULT of North Korea on South Korea; ``changes`` overrides fields."""
    event = Event(
        event_id=f"{doc_id}-e{n}", doc_id=doc_id, type="ASSAULT", mode=None, context=[],
        cameo="194", quad_class=4, intensity=-10.0,
        source=Actor(text="North Korean troops", name="North Korea", country="PRK",
                     sector="MIL"),
        target=Actor(text="South Korea", name="South Korea", country="KOR"),
        date="2024-05-14", date_precision="day", date_text=None,
        location=Location(text="the DMZ", name="DMZ", country="KOR"),
        modality="asserted",
        sentence="North Korean troops fired artillery shells at guard posts near the DMZ.",
        span=(0, 72), trigger="fired", confidence=0.9, coder="rule:test")
    return replace(event, **changes)


def make_document(doc_id: str, text: str, events: list[Event] | None = None,
                  source: str = "Seoul Daily", day: date = date(2024, 5, 14),
                  title: str | None = None) -> Document:
    return Document(id=doc_id, text=text, origin=doc_id, title=title or text[:40],
                    url=f"https://example.org/{doc_id}", date=day, source=source,
                    events=events or [])
