"""API latency on a large store: p50/p95 of the dashboard's filtered timeline and table.

Generates synthetic events straight into a store with DuckDB (no NLP: the point is the
read path), starts ``newsevents serve`` on a free loopback port, and times HTTP requests
with the filters an analyst uses — actor, dyad both ways, type, quad class, date window,
country, place, words of the sentence, modality — each on:

- the timeline: ``/api/stats?by=week&group=quad&top=0&summary=false`` (the dashboard's
  chart call);
- the table: ``/api/events?limit=25&order=-date`` (a page and the total).

    python bench/api_latency.py [--events 1000000] [--requests 200] [--db PATH]

Target: p95 < 200 ms for both on a 2-core laptop. ``--db`` keeps the generated store
(and reuses it when it exists).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import duckdb

from newsevents.models import PLOVER_TYPES
from newsevents.store import open_store
from newsevents.store.schema import SORT_KEY_SQL

COUNTRIES = ["USA", "CHN", "RUS", "PRK", "KOR", "JPN", "IND", "PAK", "IRN", "ISR", "PSE", "UKR",
             "GBR", "FRA", "DEU", "TUR", "SYR", "EGY", "SAU", "BRA"]
SECTORS = ["GOV", "MIL", "REB", "OPP", "CVL", ""]
PLACES = ["Seoul", "Kaesong", "Kyiv", "Gaza", "Tehran", "Beijing", "Moscow", "Washington",
          "Cairo", "Ankara", "Delhi", "Tokyo"]
WORDS = ["talks", "missile", "sanctions", "border", "ceasefire", "troops", "aid", "protest",
         "election", "summit"]


def generate(path: Path, n: int, seed: int = 1) -> None:
    """``n`` synthetic events over ``n // 20`` documents, dates spread over five years."""
    open_store(path).close()  # the current schema
    con = duckdb.connect(str(path))
    con.execute(f"SELECT setseed({seed / 10})")
    docs = max(1, n // 20)
    lists = {
        "countries": COUNTRIES, "sectors": SECTORS, "places": PLACES, "words": WORDS,
        "types": list(PLOVER_TYPES),
    }
    for name, values in lists.items():
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT unnest($1::VARCHAR[]) AS v,"
                    " generate_subscripts($1::VARCHAR[], 1) AS i", [values])
    con.execute(f"""
        INSERT INTO documents (id, origin, title, url, "date", source, language, text,
                               content_hash, ingested_at)
        SELECT 'doc' || i, 'synthetic', 'Article ' || i, 'https://example.org/' || i,
               DATE '2019-01-01' + CAST(i * 1826 // {docs} AS INTEGER), 'example.org', 'en',
               'Synthetic article ' || i, md5(i::VARCHAR), now()
        FROM range({docs}) t(i)""")
    con.execute(f"""
        INSERT INTO events (event_id, doc_id, "type", mode, context, cameo, quad_class,
            intensity, source_text, source_name, source_country, source_sector, source_code,
            target_text, target_name, target_country, target_sector, target_code,
            "date", date_precision, date_start, date_end, location_text, location_name,
            location_country, location_lat, location_lon, modality, sentence, span_start,
            span_end, "trigger", confidence, coder)
        WITH raw AS (
            SELECT i, 1 + (hash(i, 1) % 16) AS ti,
                   1 + (hash(i, 2) % 20) AS sc, 1 + (hash(i, 3) % 20) AS tc,
                   1 + (hash(i, 4) % 6) AS ss, 1 + (hash(i, 5) % 6) AS ts,
                   1 + (hash(i, 6) % 12) AS pl, 1 + (hash(i, 7) % 10) AS w,
                   hash(i, 8) % 100 AS r,
                   DATE '2019-01-01' + CAST(hash(i, 9) % 1826 AS INTEGER) AS d
            FROM range({n}) t(i))
        SELECT printf('%016x', hash(raw.i)), 'doc' || (raw.i % {docs}), ty.v, NULL, [],
               printf('%03d', 10 * CAST(ti AS INTEGER)), 1 + CAST((ti - 1) // 4 AS INTEGER),
               round(10 - (ti - 1) * 4 / 3.0, 1),
               s.v, s.v, s.v, nullif(ss1.v, ''), s.v || ss1.v,
               t.v, t.v, t.v, nullif(ts1.v, ''), t.v || ts1.v,
               strftime(d, '%Y-%m-%d'), 'day', d, d,
               CASE WHEN r < 40 THEN p.v END, CASE WHEN r < 40 THEN p.v END,
               CASE WHEN r < 40 THEN s.v END, CASE WHEN r < 40 THEN 37.5 END,
               CASE WHEN r < 40 THEN 127.0 END,
               CASE WHEN r < 80 THEN 'asserted' WHEN r < 90 THEN 'negated'
                    WHEN r < 95 THEN 'intended' ELSE 'hypothetical' END,
               s.v || ' officials ' || lower(ty.v) || 'ed ' || t.v || ' over the ' || wd.v
                   || ' on ' || strftime(d, '%A') || '.',
               0, 40, lower(ty.v), 0.8, 'synthetic'
        FROM raw
        JOIN types ty ON ty.i = raw.ti
        JOIN countries s ON s.i = raw.sc JOIN countries t ON t.i = raw.tc
        JOIN sectors ss1 ON ss1.i = raw.ss JOIN sectors ts1 ON ts1.i = raw.ts
        JOIN places p ON p.i = raw.pl JOIN words wd ON wd.i = raw.w""")
    con.execute(f"UPDATE events SET doc_key = {SORT_KEY_SQL.format('doc_id')},"
                f" event_key = {SORT_KEY_SQL.format('event_id')}")
    con.execute("CHECKPOINT")
    con.close()


def filters(rng: random.Random) -> dict[str, str]:
    """One analyst's question: one to three filters."""
    a, b = rng.sample(COUNTRIES, 2)
    year = rng.randint(2019, 2023)
    month = rng.randint(1, 12)
    choices = [
        {"actor": a},
        {"dyad": f"{a}-{b}", "undirected": "true"},
        {"dyad": f"{a}GOV-{b}"},
        {"type": rng.choice(PLOVER_TYPES)},
        {"quad_class": rng.choice(["1,2", "3,4", "4"])},
        {"since": f"{year}-{month:02d}", "until": f"{year}-{month:02d}"},
        {"since": str(year)},
        {"country": a},
        {"place": rng.choice(PLACES).lower()},
        {"text": rng.choice(WORDS)},
        {"modality": "asserted"},
    ]
    picked: dict[str, str] = {}
    for choice in rng.sample(choices, rng.randint(1, 3)):
        picked.update(choice)
    return picked


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        json.loads(response.read())
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200,
                        help="filtered requests per endpoint (default 200)")
    parser.add_argument("--db", type=Path, help="keep (or reuse) the generated store here")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="newsevents-bench-"))
    db = args.db or folder / "bench.duckdb"
    if not db.exists():
        start = time.perf_counter()
        generate(db, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - start:.1f} s "
              f"({db.stat().st_size / 1e6:.0f} MB)")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status = json.loads(urllib.request.urlopen(base + "/api/status").read())
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.3)
        print(f"serving {status['events']:,} events from {status['documents']:,} articles")
        endpoints = {
            "timeline /api/stats?by=week&group=quad&top=0&summary=false":
                ("/api/stats", {"by": "week", "group": "quad", "top": "0", "summary": "false"}),
            "table    /api/events?limit=25&order=-date":
                ("/api/events", {"limit": "25", "order": "-date"}),
        }
        rng = random.Random(7)
        questions = [filters(rng) for _ in range(args.requests)]
        for path, extra in endpoints.values():  # warm the caches once
            timed_get(base + path + "?" + urllib.parse.urlencode(extra))
        for name, (path, extra) in endpoints.items():
            times = [timed_get(base + path + "?" + urllib.parse.urlencode({**q, **extra}))
                     for q in questions]
            print(f"{name}: p50 {statistics.median(times):6.1f} ms   "
                  f"p95 {percentile(times, 95):6.1f} ms   max {max(times):6.1f} ms   "
                  f"({len(times)} filtered requests)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if args.db is None:
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
