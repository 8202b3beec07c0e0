"""API load: N concurrent clients against ``newsevents serve``, requests/s and latency.

Builds a store (synthetic events written straight with DuckDB, as in
``bench/api_latency.py``; or ``--db`` an existing one), starts ``newsevents serve`` on a
free loopback port in a subprocess, and runs ``--clients`` clients (asyncio + httpx, one
keep-alive connection each) for ``--duration`` seconds over the dashboard's mix: ``/``,
``/api/events``, ``/api/stats`` (the timeline call and the one with totals and tops),
``/api/dyads`` and ``/api/status``, each with no filter or one of a few actor and type
filters. It prints requests/s, p50/p95/p99 and errors, overall and per path.

    python bench/api_load.py [--clients 50] [--duration 20] [--events 600] [--db PATH]
                             [--server LABEL=DIR [SERVE_ARGS]]...

``--server`` runs the same load against each server in turn, on the same store, in one
run: ``DIR`` is put first on the server's PYTHONPATH (a checkout or an exported tree of
the package, e.g. ``git archive HEAD~3 newsevents | tar -x -C /tmp/before``), and
``SERVE_ARGS`` are added to its command line (``"after=. --workers 2"``). By default one
server runs with this interpreter's own newsevents.

Target (issue 15, item 11): >= 250 req/s with p95 <= 300 ms and no errors at 50 clients
on 2 cores, the load client on the same machine. Bounded: every request times out after
``--timeout`` seconds and each server is stopped after its run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from api_latency import generate  # same folder: the synthetic store

TIMELINE = {"by": "week", "group": "quad", "top": "0", "summary": "false"}


@dataclass
class Tally:
    """What one server's run measured."""

    latencies: dict[str, list[float]] = field(default_factory=dict)  # path -> ms
    errors: dict[str, int] = field(default_factory=dict)  # "path: what" -> count
    elapsed: float = 0.0

    def add(self, path: str, ms: float, error: str | None) -> None:
        if error is None:
            self.latencies.setdefault(path, []).append(ms)
        else:
            key = f"{path}: {error}"
            self.errors[key] = self.errors.get(key, 0) + 1


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile, nearest rank (no interpolation: a tail is a real request)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def request_mix(actors: list[str], types: list[str]) -> list[tuple[str, dict[str, str]]]:
    """The requests a client picks from: each dashboard path, bare or filtered."""
    filters: list[dict[str, str]] = [{}]
    filters += [{"actor": a} for a in actors[:4]]
    filters += [{"type": t} for t in types[:3]]
    mix: list[tuple[str, dict[str, str]]] = [("/", {}), ("/api/status", {})]
    for flt in filters:
        mix += [("/api/events", {**flt, "limit": "50", "order": "-date"}),
                ("/api/stats", {**flt, **TIMELINE}),
                ("/api/stats", {**flt, "by": "month"}),
                ("/api/dyads", {**flt, "limit": "30"})]
    return mix


async def client(http: httpx.AsyncClient, mix: list[tuple[str, dict[str, str]]],
                 paths: list[str], rng: random.Random, start: float, end: float,
                 tally: Tally, bust: bool) -> None:
    """One user: a request, its answer read, the next, until ``end``; the answers
    before ``start`` (warm-up) are not counted."""
    while True:
        now = time.perf_counter()
        if now >= end:
            return
        # Each path as often as any other, then one of its variants.
        path = rng.choice(paths)
        params = rng.choice([p for name, p in mix if name == path])
        if bust and path != "/":  # a parameter the API ignores: every answer computed
            params = {**params, "_": str(rng.random())}
        error = None
        try:
            response = await http.get(path, params=params)
            if response.status_code != 200:
                error = f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            error = type(exc).__name__
        if now >= start:
            tally.add(path, (time.perf_counter() - now) * 1000, error)


async def load(base: str, clients: int, duration: float, warmup: float, timeout: float,
               mix: list[tuple[str, dict[str, str]]], seed: int, bust: bool = False) -> Tally:
    tally = Tally()
    paths = sorted({name for name, _ in mix})
    # One client, one connection: a shared pool of 50 costs the client more than the
    # server's answers (httpcore walks its pool on every request).
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    https = [httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout)
             for _ in range(clients)]
    try:
        start = time.perf_counter() + warmup
        end = start + duration
        rngs = [random.Random(seed * 1000 + n) for n in range(clients)]
        # The deadline bounds the run even if a request hangs past its timeout.
        await asyncio.wait_for(
            asyncio.gather(*(client(http, mix, paths, rng, start, end, tally, bust)
                             for http, rng in zip(https, rngs, strict=True))),
            timeout=warmup + duration + timeout + 5)
        tally.elapsed = time.perf_counter() - start
    finally:
        for http in https:
            await http.aclose()
    return tally


def report(label: str, tally: Tally, clients: int) -> None:
    every = [ms for values in tally.latencies.values() for ms in values]
    errors = sum(tally.errors.values())
    done = len(every) + errors
    print(f"{label}: {clients} clients, {tally.elapsed:.1f} s: {done / tally.elapsed:.0f} req/s "
          f"({done} requests), p50 {percentile(every, 50):.0f} ms, "
          f"p95 {percentile(every, 95):.0f} ms, p99 {percentile(every, 99):.0f} ms, "
          f"errors {errors}")
    for path in sorted(tally.latencies):
        values = tally.latencies[path]
        print(f"    {path:12} {len(values):6} ok  p50 {percentile(values, 50):5.0f} ms  "
              f"p95 {percentile(values, 95):5.0f} ms  p99 {percentile(values, 99):5.0f} ms")
    for what, count in sorted(tally.errors.items()):
        print(f"    error {what}: {count}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, pythonpath: str | None, extra: list[str], workdir: Path
                 ) -> tuple[subprocess.Popen[bytes], str]:
    """``newsevents serve`` on a free port, once it answers; (process, base URL)."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join([pythonpath, *filter(None, [
            os.environ.get("PYTHONPATH")])])
    # cwd: a folder of ours, so that no ./newsevents there shadows the package.
    server = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", str(port),
         *extra], cwd=workdir, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(base + "/api/status", timeout=10) as answer:
                json.loads(answer.read())
            return server, base
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                stop(server)
                raise SystemExit(f"the server ({' '.join(extra) or 'no options'}) did not "
                                 "start") from None
            time.sleep(0.3)


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def top_codes(base: str) -> tuple[list[str], list[str]]:
    """The store's busiest actors and event types, for the filtered requests."""
    with urllib.request.urlopen(base + "/api/stats?by=year&group=type&top=4",
                                timeout=30) as answer:
        stats = json.loads(answer.read())
    actors = [row.get("code") or row.get("actor") for row in stats.get("actors", [])]
    types: dict[str, int] = {}
    for row in stats.get("series", []):
        types[row["group"]] = types.get(row["group"], 0) + row["count"]
    return ([a for a in actors if a],
            sorted(types, key=lambda t: -types[t]))


def parse_server(spec: str) -> tuple[str, str | None, list[str]]:
    """``LABEL=DIR [SERVE_ARGS]`` -> (label, DIR, args)."""
    first, *extra = shlex.split(spec)
    label, _, folder = first.partition("=")
    return label, (str(Path(folder).resolve()) if folder else None), extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds measured")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds not measured")
    parser.add_argument("--timeout", type=float, default=10.0, help="per request, seconds")
    parser.add_argument("--events", type=int, default=600,
                        help="synthetic events in the generated store (default 600)")
    parser.add_argument("--db", type=Path, help="an existing store, or where to keep the "
                                                "generated one")
    parser.add_argument("--server", action="append", default=[],
                        metavar="LABEL=DIR [SERVE_ARGS]",
                        help="a server to load (repeatable); DIR first on its PYTHONPATH")
    parser.add_argument("--distinct", action="store_true",
                        help="make every API request unique (an ignored parameter), so that "
                             "none is answered from a cache: the queries' own speed")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not 0 < args.clients <= 1000 or not 0 < args.duration <= 600:
        parser.error("--clients must be 1-1000 and --duration 0-600 s")

    with tempfile.TemporaryDirectory(prefix="newsevents-load-") as tmp:
        folder = Path(tmp)
        db = args.db or folder / "load.duckdb"
        if not db.exists():
            generate(db, args.events)
            print(f"generated {args.events} synthetic events in {db}")
        servers = [parse_server(s) for s in args.server] or [("server", None, [])]
        for label, pythonpath, extra in servers:
            server, base = start_server(db, pythonpath, extra, folder)
            try:
                actors, types = top_codes(base)
                mix = request_mix(actors, types)
                tally = asyncio.run(load(base, args.clients, args.duration, args.warmup,
                                         args.timeout, mix, args.seed, args.distinct))
            finally:
                stop(server)
            shown = " ".join([label, *extra, *(["(--distinct)"] if args.distinct else [])])
            report(shown, tally, args.clients)
    return 0


if __name__ == "__main__":
    sys.exit(main())
