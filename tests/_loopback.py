"""A web server on 127.0.0.1 that tests start, give routes to and stop: no network."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Loopback:
    """Routes by path; every request's path and headers are recorded in ``requests``."""

    port: int = 0
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             status: int = 200, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def answer(h: BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                h.send_header(key, value)
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)

        self.routes[path] = answer

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        def answer(h: BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            h.send_header("Location", location)
            h.send_header("Content-Length", "0")
            h.end_headers()

        self.routes[path] = answer

    def drip(self, path: str, every: float = 0.2, total: int = 10_000) -> None:
        """A page that trickles out one byte at a time, never stalling long enough for a
        per-read timeout."""

        def answer(h: BaseHTTPRequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(total))
            h.end_headers()
            for _ in range(total):
                try:
                    h.wfile.write(b"x")
                    h.wfile.flush()
                except OSError:  # the client gave up, as it should
                    return
                time.sleep(every)

        self.routes[path] = answer


@contextmanager
def loopback_server(robots: str | None = "User-agent: *\nAllow: /\n") -> Iterator[Loopback]:
    """A running server; ``robots`` is served at /robots.txt (None: a 404 there)."""
    site = Loopback()
    if robots is not None:
        site.page("/robots.txt", robots, "text/plain")

    class Handle(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server interface
            site.requests.append((self.path, dict(self.headers.items())))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            route(self)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
