"""A long watch in one process: does memory stay flat, and what does a quiet poll cost?

A loopback server (started here; nothing leaves the machine) serves ``--feeds`` RSS feeds
with ETags and the article pages they link to. Articles are written here from templates
(Korean Peninsula news: who did what to whom, where, on which day) so that every one is
new text. Each cycle, every feed gains ``--per-cycle`` new articles, and the watch
(:class:`newsevents.beats.watch.Watcher`, the loop behind ``newsevents watch``) polls,
fetches, codes, stores and evaluates the alert rules of the shipped Korean Peninsula beat.
Then the feeds stop changing and ``--quiet`` more cycles run, where every poll is a 304.

Printed: the process's resident memory (RSS) after each cycle, its growth over the second
half of the busy cycles (per article ingested), and the median time of a busy cycle, of a
quiet cycle and of one article.

    python bench/beats_watch.py [--cycles 30] [--feeds 3] [--per-cycle 2] [--quiet 10]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import random
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil

from newsevents.beats import packaged_beats
from newsevents.beats.watch import Watcher
from newsevents.settings import Settings

ACTORS = ["North Korea", "South Korea", "Japan", "the United States", "China",
          "North Korean troops", "the South Korean navy", "Pyongyang", "Seoul"]
DEEDS = ["fired artillery shells at", "met officials from", "accused", "threatened",
         "offered food aid to", "sent a delegation to", "criticised", "warned"]
PLACES = ["near the DMZ", "in Kaesong", "at Panmunjom", "off the east coast", "in Tokyo",
          "near the Northern Limit Line", "in Beijing"]
FILLER = ["Officials said the talks would continue next week.",
          "Analysts said the move raised tension on the peninsula.",
          "State media carried a long statement on the matter.",
          "Residents near the border were told to stay indoors.",
          "The defence ministry said it was watching closely."]


def article(n: int, rng: random.Random) -> tuple[str, str]:
    """The title and HTML page of article ``n``: new words each time (a number, a name)."""
    day = date(2024, 5, 1) + timedelta(days=n // 6)
    a, b = rng.sample(ACTORS, 2)
    lead = (f"{a} {rng.choice(DEEDS)} {b} {rng.choice(PLACES)} on "
            f"{day.strftime('%A')}, according to report number {n + 1000}.")
    body = [lead, *rng.sample(FILLER, 3),
            f"Correspondent Lee{n} filed this report from desk {n % 97}."]
    title = lead.split(",")[0][:80]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body)
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}'
            f'</title><meta property="og:site_name" content="Outlet {n % 5}">'
            f'<meta property="article:published_time" content="{day.isoformat()}"></head>'
            f"<body><article>{paragraphs}</article></body></html>")
    return title, page


class Site:
    """Feeds (``/feed/K.xml``) whose items are appended to, and the article pages."""

    def __init__(self, feeds: int) -> None:
        self.items: list[list[tuple[str, str]]] = [[] for _ in range(feeds)]
        self.pages: dict[str, bytes] = {}
        site = self

        class Handle(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server interface
                if self.path == "/robots.txt":
                    return self._send(b"User-agent: *\nAllow: /\n", "text/plain")
                if self.path in site.pages:
                    return self._send(site.pages[self.path], "text/html; charset=utf-8")
                if self.path.startswith("/feed/"):
                    body = site.feed(int(self.path[6:-4]))
                    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.end_headers()
                        return None
                    return self._send(body, "application/rss+xml", etag)
                self.send_error(404)
                return None

            def _send(self, body: bytes, kind: str, etag: str | None = None) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self, k: int) -> bytes:
        # A real feed lists its latest entries only: the newest 20.
        items = "".join(f"<item><title>{html.escape(t)}</title><link>{self.base}{p}</link>"
                        "</item>" for p, t in self.items[k][-20:])
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {k}</title>'
                f"{items}</channel></rss>").encode()

    def add(self, k: int, n: int, rng: random.Random) -> None:
        title, page = article(n, rng)
        path = f"/a/{n}.html"
        self.pages[path] = page.encode()
        self.items[k].append((path, title))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=30, help="busy cycles (default 30)")
    parser.add_argument("--feeds", type=int, default=3)
    parser.add_argument("--per-cycle", type=int, default=2, help="new articles per feed")
    parser.add_argument("--quiet", type=int, default=10, help="cycles with nothing new")
    args = parser.parse_args()
    rng = random.Random(7)
    site = Site(args.feeds)
    korea = next(b for b in packaged_beats() if b.name == "korean-peninsula")
    beat = replace(korea, feeds=tuple(f"{site.base}/feed/{k}.xml" for k in range(args.feeds)),
                   webhook=None)
    settings = Settings.load(allow_private=True, fetch_delay=0.0)
    process = psutil.Process()
    with tempfile.TemporaryDirectory() as tmp:
        watcher = Watcher(beat, str(Path(tmp) / "news.duckdb"), settings, interval=0.0)
        n = 0
        rss: list[float] = []
        busy: list[float] = []
        quiet: list[float] = []
        articles = 0
        print("cycle  articles  events  alerts  seconds  rss_mb")
        for cycle in range(1, args.cycles + args.quiet + 1):
            if cycle <= args.cycles:
                for k in range(args.feeds):
                    for _ in range(args.per_cycle):
                        site.add(k, n, rng)
                        n += 1
            started = time.perf_counter()
            stats = watcher.cycle(cycle)
            took = time.perf_counter() - started
            if stats.error:
                raise SystemExit(f"cycle {cycle}: {stats.error}")
            articles += stats.articles
            (busy if cycle <= args.cycles else quiet).append(took)
            rss.append(process.memory_info().rss / 2**20)
            print(f"{cycle:5d}  {stats.articles:8d}  {stats.events:6d}  {stats.alerts:6d}  "
                  f"{took:7.2f}  {rss[-1]:6.1f}")
    half = args.cycles // 2
    grown = rss[args.cycles - 1] - rss[half - 1]
    per_article = grown * 1024 / max(1, (args.cycles - half) * args.feeds * args.per_cycle)
    print(f"\narticles ingested: {articles} in {args.cycles} busy cycles")
    print(f"rss after cycle {half}: {rss[half - 1]:.1f} MB; after cycle {args.cycles}: "
          f"{rss[args.cycles - 1]:.1f} MB; after the quiet cycles: {rss[-1]:.1f} MB")
    print(f"rss growth over the second half of the busy cycles: {grown:.1f} MB "
          f"({per_article:.1f} KB per article)")
    print(f"median busy cycle: {statistics.median(busy):.2f} s "
          f"({statistics.median(busy) / (args.feeds * args.per_cycle):.3f} s per article); "
          f"median quiet cycle (every poll a 304): {statistics.median(quiet):.3f} s")


if __name__ == "__main__":
    main()
