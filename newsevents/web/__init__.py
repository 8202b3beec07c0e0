"""The web side: a read-only JSON API and an offline dashboard over a store.

``newsevents serve`` runs :func:`serve`; :func:`create_app` gives the FastAPI app for
other servers or tests. The dashboard's files ship in ``static/`` (no CDN).
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from pathlib import Path

from ..errors import ConfigError
from ..query import store_path
from ..settings import Settings
from ..store.snapshot import Snapshot
from .app import create_app

_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def serve(db: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000,
          settings: Settings | None = None, query_timeout: float = 5.0,
          refresh: float = 2.0) -> None:
    """Serve the store's API and dashboard at ``http://HOST:PORT/`` until interrupted.

    The server reads a snapshot of the store taken at start and renewed within
    ``refresh`` seconds of each write, so ingesting into the store while it serves works
    (see :mod:`newsevents.store.snapshot`). Queries stop after ``query_timeout`` seconds.

    Example::

        serve("news.duckdb", port=8080)
    """
    import uvicorn  # the server is only needed here

    path = store_path(db, settings)
    _check_port(host, port)
    allowed = allowed_hosts(host)
    snapshot = Snapshot(path, query_timeout=query_timeout, interval=refresh)
    app = create_app(snapshot, allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    print(f"newsevents: serving {path} at http://{shown}:{port}/ (API docs at /docs; "
          "Ctrl-C stops)", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def allowed_hosts(host: str) -> list[str]:
    """The Host headers answered when serving on ``host``: on any loopback address only
    loopback names (a web page elsewhere must not reach the server by rebinding its own
    name to 127.0.0.1: DNS rebinding), on another address any."""
    if host.lower() == "localhost":
        return list(_LOOPBACK_NAMES)
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:  # a host name: only "localhost" is known to be loopback
        return ["*"]
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    if not (ip.is_loopback or (mapped is not None and mapped.is_loopback)):
        return ["*"]
    shown = f"[{ip.compressed}]" if ip.version == 6 else ip.compressed
    return list(dict.fromkeys([*_LOOPBACK_NAMES, shown]))


def _check_port(host: str, port: int) -> None:
    """Refuse a port that cannot be bound, with a message that says what to do."""
    if not 0 < port < 65536:
        raise ConfigError(f"--port {port} is not a port number; give 1-65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(f"port {port} on {host} is in use; choose another with "
                                  "--port") from exc
            raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") \
                from exc


__all__ = ["create_app", "serve"]
