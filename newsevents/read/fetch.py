"""Fetching pages over HTTP(S) for ``read``, politely and defensively.

One :class:`Fetcher` serves a batch. For each URL it

- refuses schemes other than http/https and, unless ``Settings.allow_private``,
  private, loopback, link-local and metadata addresses — checked on the address
  actually connected to, on every redirect hop (see :mod:`newsevents.read.net`);
- reads the site's robots.txt once and never requests a path it disallows for our
  user agent (and honours its Crawl-delay);
- waits ``Settings.fetch_delay`` seconds between two requests to the same host;
- follows at most ``Settings.max_redirects`` redirects itself, so that each hop's
  address and robots.txt are checked, and stops a redirect loop;
- holds the whole response to ``Settings.fetch_timeout`` seconds (a server that drips
  bytes is cut off) and its body to ``Settings.max_bytes`` *after* decompression;
- keeps successful pages in ``Settings.fetch_cache`` so that a re-run does not refetch.

Every problem is a :class:`~newsevents.errors.FetchError` naming the URL.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import ssl
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from ..errors import ConfigError, FetchError
from ..settings import Settings
from .net import (
    AddressRefused,
    DecodeError,
    GuardedBackend,
    accepted_encodings,
    capped,
    decode,
    size_text,
)

log = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
MAX_CRAWL_DELAY = 30.0  # a longer Crawl-delay would stall a batch; it is capped
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass(frozen=True)
class Page:
    """A fetched response body, decompressed."""

    url: str  # the address that finally answered, after redirects
    media_type: str  # "text/html", ...; "" when the server sent none
    charset: str | None
    body: bytes
    # The validators the server sent, for a later conditional GET (see fetch_fresh).
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # a 304 answer to a conditional GET: no body


class _Refused(FetchError):
    """The address connected to is not allowed (see :func:`newsevents.read.net.refusal`)."""


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: the rules could not be read
    error: str | None = None
    delay: float = 0.0


class Fetcher:
    """Fetches URLs for one batch: robots.txt rules, politeness and cache are shared."""

    def __init__(self, settings: Settings, *,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self._sleep = sleep
        try:
            self._backend = GuardedBackend(settings.allow_private, settings.allowed_networks)
        except ValueError as exc:
            raise ConfigError(f"--allow-network: {exc}; give networks like 10.1.0.0/16"
                              ) from exc
        per_step = min(10.0, settings.fetch_timeout)
        self._client = httpx.Client(
            transport=_GuardedTransport(self._backend), follow_redirects=False,
            trust_env=False,  # a proxy would hide the address connected to
            timeout=httpx.Timeout(per_step),
            headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT,
                     "Accept-Encoding": accepted_encodings()})
        self._agent = settings.user_agent.split("/")[0].split()[0] or "newsevents"
        self._robots: dict[str, _Robots] = {}
        self._last_request: dict[str, float] = {}
        self._cache = PageCache(settings.fetch_cache) if settings.fetch_cache else None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Page:
        """The page at ``url`` (from the cache when it holds it). Raises FetchError."""
        _check_url(url, url)
        if self._cache is not None:
            cached = self._cache.get(url)
            if cached is not None:
                log.info("%s: from the fetch cache", url)
                return cached
        page = self._follow(url, self.settings.max_bytes, check_robots=True)
        if self._cache is not None:
            self._cache.put(url, page)
        return page

    def fetch_fresh(self, url: str, etag: str | None = None,
                    last_modified: str | None = None) -> Page:
        """The page at ``url`` asked for now, never from the cache (a feed being polled).

        With ``etag`` or ``last_modified`` (from an earlier Page) the GET is conditional:
        an unchanged page answers 304 and comes back as a Page with ``not_modified`` set
        and no body. Raises FetchError.
        """
        _check_url(url, url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, self.settings.max_bytes, check_robots=True, headers=headers)

    # -- requests ------------------------------------------------------------------

    def _follow(self, url: str, limit: int, check_robots: bool,
                headers: dict[str, str] | None = None) -> Page:
        seen = {url}
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            if check_robots:
                self._check_robots(url, current)
            status, answer, body = self._request(url, current, limit, headers)
            if status == 304 and headers:
                return Page(url=current, media_type="", charset=None, body=b"",
                            etag=answer.get("etag") or headers.get("If-None-Match"),
                            last_modified=answer.get("last-modified")
                            or headers.get("If-Modified-Since"), not_modified=True)
            if status in REDIRECTS and answer.get("location"):
                target = urljoin(current, answer["location"].strip())
                _check_url(url, target)
                if target in seen:
                    raise FetchError(url, f"redirect loop (back to {target})")
                seen.add(target)
                current = target
                continue
            if not 200 <= status < 300:
                raise FetchError(url, f"HTTP {status} from {current}")
            media_type, charset = _content_type(answer.get("content-type", ""))
            return Page(url=current, media_type=media_type, charset=charset, body=body,
                        etag=answer.get("etag"), last_modified=answer.get("last-modified"))
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _request(self, url: str, current: str, limit: int,
                 headers: dict[str, str] | None = None) -> tuple[int, httpx.Headers, bytes]:
        """One GET: status, headers and (for a 2xx) the capped, decompressed body."""
        self._check_address(url, current)
        self._wait_turn(current)
        self._backend.deadline = time.monotonic() + self.settings.fetch_timeout
        try:
            with self._client.stream("GET", current, headers=headers) as response:
                status, answer = response.status_code, response.headers
                if not 200 <= status < 300:
                    return status, answer, b""
                length = answer.get("content-length", "")
                if length.isdigit() and int(length) > limit:
                    raise FetchError(url, f"response of {size_text(int(length))} is over "
                                          f"the {size_text(limit)} cap; refused")
                encodings = [e.strip().lower() for e in
                             answer.get("content-encoding", "").split(",") if e.strip()]
                body = capped(decode(response.iter_raw(), encodings), limit)
                return status, answer, body
        except AddressRefused as exc:
            where = "" if current == url else f"redirected to {current}: "
            raise _Refused(url, f"{where}{exc}") from exc
        except DecodeError as exc:
            raise FetchError(url, f"response {exc}; refused") from exc
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out (limit {self.settings.fetch_timeout:g} s)"
                             ) from exc
        except httpx.TooManyRedirects as exc:  # not raised with manual redirects; kept safe
            raise FetchError(url, "too many redirects") from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(url, f"not a fetchable URL: {exc}") from exc
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect: {_first_line(exc)}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"the server's answer broke off or was malformed "
                                  f"({type(exc).__name__})") from exc
        finally:
            self._backend.deadline = None

    def _check_address(self, url: str, current: str) -> None:
        """Refuse a host on a forbidden address before waiting for its turn: a request
        that never connects must not cost the per-host delay (a feed of a thousand links
        to a private host would otherwise take a quarter of an hour to refuse). The
        connection checks the address again, so a second DNS answer changes nothing."""
        parts = urlsplit(current)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:  # a port out of range: httpx says so when asked
            return
        if not parts.hostname:
            return
        try:
            self._backend.checked(parts.hostname, port)
        except AddressRefused as exc:
            where = "" if current == url else f"redirected to {current}: "
            raise _Refused(url, f"{where}{exc}") from exc
        except httpcore.ConnectError as exc:
            raise FetchError(url, f"cannot connect: {_first_line(exc)}") from exc

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host may be asked again."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        rules = self._robots.get(f"{parts.scheme}://{host}")
        delay = max(self.settings.fetch_delay, rules.delay if rules else 0.0)
        last = self._last_request.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = time.monotonic()

    # -- robots.txt ------------------------------------------------------------------

    def _check_robots(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        rules = self._robots.get(origin)
        if rules is None:
            try:
                rules = self._robots[origin] = self._load_robots(origin)
            except _Refused as exc:
                where = "" if current == url else f"redirected to {current}: "
                raise _Refused(url, f"{where}{exc.reason}") from exc
        if rules.parser is None:
            raise FetchError(url, f"robots.txt of {origin} could not be read ({rules.error}); "
                                  f"not fetched")
        if not rules.parser.can_fetch(self._agent, current):
            where = "" if current == url else f" (redirected to {current})"
            raise FetchError(url, f"disallowed by the site's robots.txt{where}")

    def _load_robots(self, origin: str) -> _Robots:
        """The rules of robots.txt (RFC 9309): missing (4xx) allows all, a server
        error (5xx) disallows all, unreachable means nothing is fetched."""
        robots_url = f"{origin}/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            page = self._follow(robots_url, ROBOTS_MAX_BYTES, check_robots=False)
        except _Refused:
            raise
        except FetchError as exc:
            status = exc.reason.split()[1] if exc.reason.startswith("HTTP ") else ""
            if status.startswith("4"):
                parser.parse(["User-agent: *", "Allow: /"])
            elif status.startswith("5"):
                parser.parse(["User-agent: *", "Disallow: /"])
            else:
                return _Robots(parser=None, error=exc.reason)
            return _Robots(parser)
        parser.parse(page.body.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(self._agent)
        return _Robots(parser, delay=min(float(delay or 0.0), MAX_CRAWL_DELAY))


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport on a connection pool that uses :class:`GuardedBackend`.

    httpx does not take a network backend, so the pool it builds is replaced by one
    built the same way with ours (httpcore's public constructor).
    """

    def __init__(self, backend: GuardedBackend) -> None:
        context = _ssl_context()
        super().__init__(verify=context, trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_connections=20, max_keepalive_connections=10, keepalive_expiry=5.0,
            network_backend=backend)


@cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle takes a good part of a second: once per process is enough.
    return httpx.create_ssl_context(trust_env=False)


def _check_url(url: str, target: str) -> None:
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs are fetched, not {target!r}")
    if not parts.hostname:
        raise FetchError(url, f"{target!r} names no host")


def _content_type(value: str) -> tuple[str, str | None]:
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media.strip().lower(), charset


def _first_line(exc: Exception) -> str:
    cause = exc.__cause__ or exc.__context__
    text = str(exc) or (str(cause) if cause else "") or type(exc).__name__
    return text.splitlines()[0] if text else type(exc).__name__


# --------------------------------------------------------------------------- cache


class PageCache:
    """Fetched pages on disk, one gzip file a URL: a JSON header line, then the body."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"fetch cache {folder}: cannot create the folder "
                              f"({exc.strerror or exc}); choose another with --fetch-cache"
                              ) from exc

    def _path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.gz"

    def get(self, url: str) -> Page | None:
        """The cached page for ``url``, or None (absent or unreadable: refetch)."""
        path = self._path(url)
        try:
            with gzip.open(path, "rb") as stream:
                header = json.loads(stream.readline())
                body = stream.read()
        except FileNotFoundError:
            return None
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            log.warning("%s: unreadable cache entry %s (%s); refetching", url, path, exc)
            return None
        if not isinstance(header, dict) or header.get("requested") != url:
            return None
        return Page(url=str(header.get("url") or url),
                    media_type=str(header.get("media_type") or ""),
                    charset=header.get("charset"), body=body)

    def put(self, url: str, page: Page) -> None:
        """Keep ``page``; a cache that cannot be written is logged, never fatal."""
        path = self._path(url)
        header = {"requested": url, "url": page.url, "media_type": page.media_type,
                  "charset": page.charset, "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                    time.gmtime())}
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            path.parent.mkdir(exist_ok=True)
            with gzip.open(tmp, "wb") as stream:
                stream.write(json.dumps(header).encode("utf-8") + b"\n")
                stream.write(page.body)
            tmp.replace(path)  # atomic: a crash never leaves half an entry
        except OSError as exc:
            log.warning("%s: cannot write the fetch cache (%s)", url, exc)
            tmp.unlink(missing_ok=True)
