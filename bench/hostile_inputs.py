"""Time and peak memory of reading each hostile input the project guards against.

Each input (files this script writes, URLs on a loopback server it starts) is read by
``newsevents.read.read_inputs`` in a fresh Python process, which reports its own peak RSS;
the table shows the outcome (documents or the failure reason), the seconds taken and that
peak. The issue's target: every input a clear failure or a document, peak RSS well under
2 GB. Baseline: the same process reading one good article.

Then long texts are coded whole (read, parse, actors, events), with and without full
stops: time and peak RSS must grow near-linearly with the length, whatever the punctuation
(the parser and the coders see sentences of at most ``nlp.HARD_SENTENCE_TOKENS`` tokens).

Usage::

    python bench/hostile_inputs.py
"""

from __future__ import annotations

import gzip
import io
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the fixtures the tests make

from _hostile import brotli_bomb, gzip_bomb, nested_tags  # noqa: E402
from _loopback import loopback_server  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

ARTICLE = ("North Korea fired a ballistic missile into the sea on Tuesday, the South Korean "
           "military said. Japan protested the launch.\n")

CHILD = """
import json, resource, sys, time
from newsevents.models import Failure
from newsevents.read import read_inputs
from newsevents.settings import Settings
start = time.perf_counter()
settings = Settings(allowed_networks=("127.0.0.1/32",), fetch_delay=0.0, fetch_timeout=2.0)
results = list(read_inputs(sys.argv[1:], settings))
seconds = time.perf_counter() - start
docs = sum(1 for r in results if not isinstance(r, Failure))
reasons = [r.reason for r in results if isinstance(r, Failure)]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"docs": docs, "reasons": reasons, "seconds": seconds, "peak_mb": peak}))
"""

CODE_CHILD = """
import json, resource, sys, time
from newsevents.pipeline import code
start = time.perf_counter()
result = code(sys.argv[1:], date="2023-03-14")
seconds = time.perf_counter() - start
doc = result.documents[0] if result.documents else None
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"docs": len(result.documents),
                  "reasons": [f.reason for f in result.failures], "seconds": seconds,
                  "peak_mb": peak, "sentences": len(doc.sentences) if doc else 0,
                  "events": len(doc.events) if doc else 0}))
"""

CLAUSE = ("North Korea fired a ballistic missile toward South Korea on Monday, the South Korean "
          "military said")
LONG_SIZES = (20_000, 100_000, 250_000)


def long_texts(folder: Path) -> dict[str, str]:
    """The issue's long text, repeated to each size, with " and " or ". " between clauses."""
    out = {}
    for size in LONG_SIZES:
        for stops, joint in ((False, " and "), (True, ". ")):
            text = ((CLAUSE + joint) * (size // len(CLAUSE) + 1))[:size]
            path = folder / f"long-{size}-{'stops' if stops else 'nostops'}.txt"
            path.write_text(text)
            label = f"{size // 1000}k chars, {'full stops' if stops else 'no full stop'}"
            out[label] = str(path)
    return out


def files(folder: Path) -> dict[str, str]:
    rng = random.Random(1)

    def write(name: str, data: bytes | str) -> str:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return str(path)

    return {
        "good article (baseline)": write("good.txt", ARTICLE),
        "empty file": write("empty.txt", ""),
        "random binary": write("random.txt", rng.randbytes(1 << 20)),
        "truncated gzip": write("cut.txt.gz",
                                 gzip.compress(rng.randbytes(1 << 16).hex().encode())[:30_000]),
        "gzip bomb (400 MB)": write("bomb.txt.gz", gzip_bomb(400, b"a")),
        "NUL bytes": write("nul.txt", bytes(1 << 20)),
        "100,000-deep tags": write("deep.html", nested_tags(100_000)),
        "24 MB page": write("huge.html", "<html><body>" + "<p>filler text</p>" *
                            (24 * 2**20 // 18) + "</body></html>"),
        "broken JSONL": write("broken.jsonl", '{"text": "cut\n[[[\n'),
        "missing file": str(folder / "missing.html"),
        "corrupt WARC": write("bad.warc", b"WARC/1.0\r\nContent-Length: 99999\r\n\r\nshort"),
        "WARC, absurd Content-Length": write("absurd.warc", lying_warc(b"99999999999999999999")),
        "WARC, Content-Length lies": write("lying.warc", lying_warc(b"1200")),
        "newline bomb (128 MB .jsonl.gz)": write("newlines.jsonl.gz", gzip_bomb(128, b"\n")),
    }


def lying_warc(claim: bytes) -> bytes:
    """An uncompressed WARC of three pages whose first record claims ``claim`` bytes: the
    other two must still be read."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for n in range(3):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = f"<html><body><article><p>{ARTICLE}</p><p>Page {n}.</p></article></body></html>"
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{n}", "response", payload=io.BytesIO(page.encode()),
            http_headers=http))
    data = buffer.getvalue()
    head, sep, rest = data.partition(b"Content-Length: ")
    return head + sep + claim + rest[rest.index(b"\r\n"):]


def urls(site: object) -> dict[str, str]:
    site.page("/bomb", gzip_bomb(400), headers={"Content-Encoding": "gzip"})  # type: ignore[attr-defined]
    site.page("/br-bomb", brotli_bomb(400), headers={"Content-Encoding": "br"})  # type: ignore[attr-defined]
    site.drip("/drip", every=0.1)  # type: ignore[attr-defined]
    site.redirect("/loop-a", "/loop-b")  # type: ignore[attr-defined]
    site.redirect("/loop-b", "/loop-a")  # type: ignore[attr-defined]
    site.redirect("/metadata", "http://169.254.169.254/latest/")  # type: ignore[attr-defined]
    url = site.url  # type: ignore[attr-defined]
    return {"gzip bomb over HTTP": url("/bomb"), "brotli bomb over HTTP": url("/br-bomb"),
            "server that drips": url("/drip"), "redirect loop": url("/loop-a"),
            "redirect to metadata address": url("/metadata"),
            "robots.txt disallows": url("/private/page.html")}


def run(name: str, target: str, child: str = CHILD, timeout: float = 120) -> None:
    proc = subprocess.run([sys.executable, "-c", child, target], capture_output=True,
                          text=True, timeout=timeout)
    if proc.returncode != 0:
        print(f"{name:<32} CRASHED: {proc.stderr.strip().splitlines()[-1:]}")
        return
    found = json.loads(proc.stdout)
    outcome = "; ".join([f"{found['docs']} document(s)"] * bool(found["docs"])
                        + found["reasons"])
    if "sentences" in found:
        outcome += f", {found['sentences']} sentences, {found['events']} events"
    print(f"{name:<32} {found['seconds']:6.2f} s  {found['peak_mb']:7.0f} MB  {outcome[:90]}")


def main() -> int:
    print(f"{'input':<32} {'time':>8}  {'peak RSS':>10}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in files(Path(tmp)).items():
            run(name, path)
    with loopback_server(robots="User-agent: *\nDisallow: /private/\n") as site:
        for name, url in urls(site).items():
            run(name, url)
        requested = site.paths()
    print(f"requests for the disallowed path: {requested.count('/private/page.html')}")
    print(f"\n{'long text, coded':<32} {'time':>8}  {'peak RSS':>10}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in long_texts(Path(tmp)).items():
            run(name, path, CODE_CHILD, timeout=600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
