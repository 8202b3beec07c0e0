"""RSS and Atom feeds: the articles they link to (feedparser reads the feed).

Reads: a feed's bytes and the address it came from (to resolve relative links).
Gives: one :class:`FeedItem` per entry — its link, title, date and the text the feed
itself carries, which stands in for the article when the linked page cannot be read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import feedparser

from ..extract import html_fragment_text
from ..models import Failure

STAGE = "read"
MAX_ITEMS = 1000  # entries read from one feed; a feed with more is cut there
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.I)


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None
    published: date | None
    text: str  # the entry's own content (or summary) as clean text; may be ""


def looks_like_feed(head: str) -> bool:
    """True when the start of a document is an RSS, RDF or Atom feed."""
    start = head.lstrip()[:2048]
    return start.startswith("<") and _FEED_ROOT.search(start) is not None \
        and "<html" not in start[:512].lower()


def read_feed(name: str, data: bytes, base_url: str | None = None
              ) -> Iterator[FeedItem | Failure]:
    """The entries of a feed; a Failure for the feed when it cannot be read and for each
    entry without a usable link."""
    headers = {"content-location": base_url} if base_url else {}
    # A stream, never a str: feedparser would take a str for a URL or a path and open it.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers,
                              sanitize_html=True, resolve_relative_uris=True)
    entries: list[Any] = list(parsed.get("entries") or [])
    if not entries:
        problem = parsed.get("bozo_exception")
        why = f" ({str(problem).splitlines()[0]})" if problem else ""
        yield Failure(name, STAGE, f"no entries: not a readable RSS/Atom feed{why}")
        return
    if len(entries) > MAX_ITEMS:
        yield Failure(name, STAGE, f"feed of {len(entries):,} entries cut at {MAX_ITEMS:,}; "
                                   f"the last {len(entries) - MAX_ITEMS:,} were not read "
                                   f"(poll it more often, or split it)")
    for n, entry in enumerate(entries[:MAX_ITEMS], start=1):
        link = str(entry.get("link") or "").strip()
        if not link.lower().startswith(("http://", "https://")):
            yield Failure(f"{name}:item {n}", STAGE, "feed entry has no http(s) link")
            continue
        yield FeedItem(link=link, title=_text(entry.get("title")),
                       published=_date(entry), text=_entry_text(entry))


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        value = content.get("value") if isinstance(content, dict) else None
        if isinstance(value, str) and value.strip():
            return html_fragment_text(value)
    summary = entry.get("summary")
    return html_fragment_text(summary) if isinstance(summary, str) else ""


def _date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
