"""The web side: a read-only JSON API and an offline dashboard over a store.

``newsevents serve`` runs :func:`serve`; :func:`create_app` gives the FastAPI app for
other servers or tests. The dashboard's files ship in ``static/`` (no CDN).
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import socket
import sys
from pathlib import Path

from fastapi import FastAPI

from ..errors import ConfigError, StoreError
from ..settings import Settings
from ..store.query import store_path
from ..store.snapshot import Snapshot
from .app import create_app

_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_WORKER_SETUP = "NEWSEVENTS_SERVE_WORKER"  # how serve() tells its worker processes what to serve


def serve(db: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000,
          settings: Settings | None = None, query_timeout: float = 5.0,
          refresh: float = 2.0, workers: int = 1) -> None:
    """Serve the store's API and dashboard at ``http://HOST:PORT/`` until interrupted.

    The server reads a snapshot of the store taken at start and renewed within
    ``refresh`` seconds of each write, so ingesting into the store while it serves works
    (see :mod:`newsevents.store.snapshot`). Queries stop after ``query_timeout`` seconds.
    ``workers`` > 1 runs that many server processes on the port, each with its own copy
    of the store (so as much more disk) and its own kept answers.

    Example::

        serve("news.duckdb", port=8080)
    """
    import uvicorn  # the server is only needed here

    path = store_path(db, settings)
    _check_port(host, port)
    if not 1 <= workers <= 64:
        raise ConfigError(f"--workers {workers}: give 1-64 server processes")
    allowed = allowed_hosts(host)
    shown = f"[{host}]" if ":" in host else host
    if workers > 1:
        # Worker processes build their own app (uvicorn imports it by name): the setup
        # travels in the environment, which the workers inherit.
        os.environ[_WORKER_SETUP] = json.dumps({
            "path": str(path), "query_timeout": query_timeout, "refresh": refresh,
            "allowed": allowed})
        if not Path(path).is_file():  # said once here, not by each worker as it fails
            raise StoreError(f"{path}: no such store; create it with 'newsevents ingest'")
        _announce(path, shown, port, f", {workers} processes")
        uvicorn.run("newsevents.web:worker_app", factory=True, workers=workers, host=host,
                    port=port, log_level="warning")
        return
    snapshot = Snapshot(path, query_timeout=query_timeout, interval=refresh)
    app = create_app(snapshot, allowed_hosts=allowed)
    _announce(path, shown, port, "")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def worker_app() -> FastAPI:
    """The app of one ``serve --workers N`` process, set up from the environment."""
    setup = json.loads(os.environ[_WORKER_SETUP])
    snapshot = Snapshot(setup["path"], query_timeout=setup["query_timeout"],
                        interval=setup["refresh"])
    return create_app(snapshot, allowed_hosts=setup["allowed"])


def _announce(path: str | Path, shown: str, port: int, processes: str) -> None:
    print(f"newsevents: serving {path} at http://{shown}:{port}/{processes} (API docs at "
          "/docs; Ctrl-C stops)", file=sys.stderr, flush=True)


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


__all__ = ["create_app", "serve", "worker_app"]
