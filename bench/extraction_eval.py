"""Score newsevents' article extraction against trafilatura alone on the extraction benchmark.

Reads ``../shared/extraction-bench`` (relative to the repository root) or ``--bench DIR``:
``html/<id>.html.gz`` pages and ``ground-truth.json`` ({id: {"articleBody": ...}}). For each
extractor it prints precision, recall and F1 over token shingles (1-grams and 4-grams),
the benchmark's own metric: per page, shingle counts give TP/FP/FN normalised to sum to 1;
precision and recall are averaged over pages, and F1 is their harmonic mean.

Exits 0 with a note when the benchmark folder is absent. Exits 1 when newsevents' F1
(4-grams) is below trafilatura's measured in the same run, so CI or a person can gate on it.

Usage::

    python bench/extraction_eval.py [--bench DIR] [--limit N] [--worst K]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsevents.errors import NewsEventsError
from newsevents.extract import extract_html

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "extraction-bench"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[bytes, str], str]
PageCounts = tuple[float, float, float]  # TP, FP, FN of one page, normalised
Counts = dict[str, dict[int, list[PageCounts]]]  # extractor -> n-gram size -> pages


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    """Token n-grams of ``text``; a text shorter than ``n`` tokens is one shingle."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_counts(truth: str, predicted: str, n: int) -> PageCounts:
    """TP, FP, FN over shingles, normalised so that every page weighs the same."""
    want, got = shingles(truth, n), shingles(predicted, n)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(counts: Sequence[PageCounts]) -> Scores:
    """Precision and recall averaged over pages (where defined), F1 of the averages."""
    precisions = [_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def _ratio(tp: float, wrong: float, other: float) -> float:
    if wrong == other == 0:
        return 1.0
    return tp / (tp + wrong) if tp + wrong else 0.0


def ours(html: bytes, page_id: str) -> str:
    try:
        return extract_html(html, page_id)["text"]
    except NewsEventsError:
        return ""


def trafilatura_alone(html: bytes, page_id: str) -> str:
    # As the benchmark runs it: the page read as UTF-8, default options, no comments.
    return trafilatura.extract(html.decode("utf-8", errors="replace"),
                               include_comments=False) or ""


EXTRACTORS: dict[str, Extractor] = {"newsevents": ours, "trafilatura": trafilatura_alone}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH,
                        help="benchmark folder (html/*.html.gz + ground-truth.json)")
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    parser.add_argument("--worst", type=int, default=0,
                        help="list the K pages where newsevents trails trafilatura most")
    args = parser.parse_args(argv)
    truth_file = args.bench / "ground-truth.json"
    if not truth_file.exists():
        print(f"extraction benchmark not found at {args.bench}; skipped")
        return 0
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = sorted(args.bench.glob("html/*.html.gz"))[: args.limit]
    pages = [p for p in pages if p.name.split(".")[0] in truth]
    print(f"{len(pages)} pages from {args.bench}")
    counts: Counts = {name: {1: [], 4: []} for name in EXTRACTORS}
    seconds = dict.fromkeys(EXTRACTORS, 0.0)
    for page in pages:
        page_id = page.name.split(".")[0]
        html = gzip.decompress(page.read_bytes())
        body = truth[page_id].get("articleBody") or ""
        for name, extractor in EXTRACTORS.items():
            start = time.perf_counter()
            text = extractor(html, page_id)
            seconds[name] += time.perf_counter() - start
            for n in (1, 4):
                counts[name][n].append(page_counts(body, text, n))
    for n in (1, 4):
        for name in EXTRACTORS:
            s = score(counts[name][n])
            print(f"{n}-grams  {name:<12} precision={s.precision:.3f}  recall={s.recall:.3f}"
                  f"  F1={s.f1:.3f}")
    for name in EXTRACTORS:
        per_page = seconds[name] / max(len(pages), 1)
        print(f"time     {name:<12} {seconds[name]:.1f} s ({per_page:.3f} s/page)")
    if args.worst:
        _print_worst(pages, counts, args.worst)
    ours_f1 = score(counts["newsevents"][4]).f1
    theirs = score(counts["trafilatura"][4]).f1
    verdict = "at least" if ours_f1 >= theirs else "BELOW"
    print(f"newsevents F1 {ours_f1:.3f} is {verdict} trafilatura's {theirs:.3f} (4-grams)")
    return 0 if ours_f1 >= theirs else 1


def _print_worst(pages: Sequence[Path], counts: Counts, k: int) -> None:
    def f1(c: PageCounts) -> float:
        tp, fp, fn = c
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    gaps = sorted(((f1(counts["trafilatura"][4][i]) - f1(counts["newsevents"][4][i]), page.name)
                   for i, page in enumerate(pages)), reverse=True)
    for gap, name in gaps[:k]:
        print(f"  {gap:+.3f}  {name}")


if __name__ == "__main__":
    sys.exit(main())
