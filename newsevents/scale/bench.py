"""The throughput and memory benchmark: newsevents against the parse it cannot beat.

In one run, on the same texts and the same number of processes, it times
(a) spaCy's pipeline alone (``nlp.pipe``, same model, batch size and ``n_process``) — the
floor — and (b) the full ``ingest`` (read, extract, parse, actors, events, shards, store),
and reports words/s, articles/s, the ratio (b)/(a) and the peak memory of each process tree.
Then a growth run ingests the corpus repeated 1x, 4x, 16x (each copy under new ids), a
Dask LocalCluster run compares one worker with ``workers``, and a one-process run times
each stage on its own, to say where the time goes.

Each measurement runs in a fresh Python process, watched from here: its peak memory is
the largest sum, over its whole process tree (workers included), seen while it ran — of
RSS, on which the memory targets are judged as the issue states them, and of PSS where the
system gives it (RSS counts the model pages that forked workers share once per process;
PSS once in all). The peak RSS of the driver and of its largest worker are given too: they
say whether any one process grows. Figures are for comparison within one run; the
machine's load moves them all.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..models import Document
from ..read import read_inputs
from ..settings import Settings

# The targets of the scale issue, printed next to the figures.
TARGET_RATIO = 1.3
TARGET_RSS_GROWTH = 0.10
TARGET_RSS_MB = 1536
TARGET_EFFICIENCY = 0.8
_POLL_SECONDS = 0.05
_PSS_SECONDS = 1.0


@dataclass
class Measurement:
    """One timed run: what it did, how long it took, its peak memory (MB)."""

    label: str
    seconds: float
    documents: int
    words: int
    peak_rss_mb: float
    peak_pss_mb: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    driver_mb: float = 0.0  # the peak RSS of the process that ran it (the driver)
    worker_mb: float = 0.0  # the largest peak RSS of one of its child processes

    @property
    def largest_process_mb(self) -> float:
        return max(self.driver_mb, self.worker_mb)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def articles_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


@dataclass
class BenchReport:
    floor: Measurement
    full: Measurement
    growth: list[tuple[int, Measurement]]
    dask: list[tuple[int, Measurement]]
    stages: dict[str, float]
    floor_one: Measurement | None = None  # nlp.pipe with one process: the machine's scaling

    @property
    def ratio(self) -> float:
        """Full pipeline time over the floor's, on the same texts and processes."""
        return self.full.seconds / self.floor.seconds

    @property
    def ratio_met(self) -> bool:
        return self.ratio <= TARGET_RATIO

    @property
    def peak_rss_mb(self) -> float:
        """The largest summed peak RSS of the growth runs."""
        return max(m.peak_rss_mb for _, m in self.growth)

    @property
    def memory_met(self) -> bool | None:
        """Flat and bounded peak RSS (the issue's measure), or None without a growth run."""
        if self.rss_growth is None:
            return None
        return self.rss_growth <= TARGET_RSS_GROWTH and self.peak_rss_mb <= TARGET_RSS_MB

    @property
    def efficiency_met(self) -> bool | None:
        return None if self.efficiency is None else self.efficiency >= TARGET_EFFICIENCY

    @property
    def missed(self) -> bool:
        """Whether any target measured was missed."""
        return False in (self.ratio_met, self.memory_met, self.efficiency_met)

    @property
    def cpu_ratio(self) -> float | None:
        """Full pipeline CPU time (all its processes) over the floor's: the work it adds."""
        full, floor = self.full.extra.get("cpu_seconds"), self.floor.extra.get("cpu_seconds")
        return full / floor if full and floor else None

    @property
    def rss_growth(self) -> float | None:
        """Peak RSS of the largest growth run over the smallest's, minus one."""
        if len(self.growth) < 2:
            return None
        return self.growth[-1][1].peak_rss_mb / self.growth[0][1].peak_rss_mb - 1

    @property
    def pss_growth(self) -> float | None:
        """The same for PSS (pages forked workers share counted once), where known."""
        first, last = self.growth[0][1], self.growth[-1][1]
        if len(self.growth) < 2 or not first.peak_pss_mb or last.peak_pss_mb is None:
            return None
        return last.peak_pss_mb / first.peak_pss_mb - 1

    @property
    def process_growth(self) -> float | None:
        """The largest single process's peak RSS, largest growth run over smallest, minus 1."""
        if len(self.growth) < 2 or not self.growth[0][1].largest_process_mb:
            return None
        return self.growth[-1][1].largest_process_mb / self.growth[0][1].largest_process_mb - 1

    @property
    def floor_efficiency(self) -> float | None:
        """spaCy's own speed-up from one process to ``workers``, over ``workers``: what this
        machine allows (a loaded or hyper-threaded one gives less than 1)."""
        if self.floor_one is None or len(self.dask) < 2:
            return None
        return (self.floor_one.seconds / self.floor.seconds) / self.dask[-1][0]

    @property
    def efficiency(self) -> float | None:
        """Dask speed-up from one worker to the most, over the number of workers."""
        if len(self.dask) < 2:
            return None
        (n1, one), (n2, many) = self.dask[0], self.dask[-1]
        return (one.seconds / many.seconds) / (n2 / n1)


# The default run is laptop-sized (about 2.5 minutes for 100 articles on two cores); FULL is
# the thorough one (over 15 minutes for 227 articles on a two-core laptop).
DEFAULT_LIMIT = 100
DEFAULT_SIZES = (1, 4)
FULL: dict[str, Any] = {"sizes": (1, 4, 16), "repeat": 3, "dask": True, "limit": None}


def bench(corpus: str | Path, workers: int = 2, sizes: Sequence[int] = DEFAULT_SIZES,
          dask: bool = False, stages: bool = True, limit: int | None = DEFAULT_LIMIT,
          shard_size: int = 20, repeat: int = 1, settings: Settings | None = None,
          progress: Callable[[str], None] | None = None, dask_size: int = 4) -> BenchReport:
    """Run the benchmark on a JSONL ``corpus`` (one article a line; news-please fields
    accepted) with ``workers`` processes; see the module docstring. The defaults make a
    laptop-sized run: the first ``limit`` (100) articles, the floor and the full run once,
    growth 1x and 4x, no Dask runs; :data:`FULL` holds the thorough settings.

    ``sizes`` are the growth multiples (the smallest is also the size of the floor/full
    comparison); ``repeat`` is how many times the floor and the full run alternate (their
    medians are compared); ``limit`` takes the first articles only; ``progress`` gets a
    line per measurement as it finishes. The Dask runs code the corpus ``dask_size`` times
    over: each worker's start (importing spaCy, loading the model, tables and gazetteer:
    about 5 s) is timed with the run, and on a corpus of a few seconds' work a fixed cost
    like that, not the sharing of the work, would decide the efficiency.
    """
    settings = settings or Settings.load()
    source = Path(corpus)
    if not source.is_file():
        raise InputError(str(corpus), "no such corpus file")
    if workers < 1 or not sizes or min(sizes) < 1 or dask_size < 1:
        raise ConfigError("the benchmark needs workers >= 1 and sizes >= 1")
    say = progress or (lambda line: None)
    records = _records(source, limit)
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        files = {k: _repeat(records, k, Path(tmp) / f"corpus-x{k}.jsonl")
                 for k in sorted({*sizes, *([dask_size] if dask else [])})}
        words = {k: _words(path, settings) for k, path in files.items()}
        base = min(sizes)

        def run(label: str, job: dict[str, Any], k: int) -> Measurement:
            result, rss, pss, (driver, worker) = _measure({**job, "corpus": str(files[k]),
                                                           "model": settings.model,
                                                           "batch_size": settings.batch_size})
            m = Measurement(label, result["seconds"], result["documents"], words[k][1], rss,
                            pss, {key: v for key, v in result.items()
                                  if key not in ("seconds", "documents")}, driver, worker)
            say(_line(m))
            return m

        # The floor and the full run alternate, ``repeat`` times each, and the medians are
        # compared: a load that comes and goes then moves both alike.
        floors: list[Measurement] = []
        fulls: list[Measurement] = []
        for _ in range(max(1, repeat)):
            floors.append(run(f"floor x{base}: nlp.pipe, n_process={workers}",
                              {"mode": "floor", "workers": workers}, base))
            fulls.append(run(f"ingest x{base}: {workers} processes",
                             {"mode": "ingest", "workers": workers, "shard_size": shard_size},
                             base))
        floor, full = _median(floors), _median(fulls)
        growth = [(base, full)] + [
            (k, run(f"ingest x{k}: {workers} processes",
                    {"mode": "ingest", "workers": workers, "shard_size": shard_size}, k))
            for k in sorted({*sizes} - {base})]
        cluster: list[tuple[int, Measurement]] = []
        floor_one = None
        if dask and workers > 1:
            floor_one = run(f"floor x{base}: nlp.pipe, n_process=1",
                            {"mode": "floor", "workers": 1}, base)
        if dask:
            for n in sorted({1, workers}):
                cluster.append((n, run(f"ingest x{dask_size}: Dask LocalCluster, {n} worker(s)",
                                       {"mode": "ingest", "workers": n, "cluster": "local",
                                        "shard_size": shard_size}, dask_size)))
        timings: dict[str, float] = {}
        if stages:
            timings = run(f"stages x{base}: one process", {"mode": "stages"},
                          base).extra.get("stages", {})
    return BenchReport(floor=floor, full=full, growth=growth, dask=cluster,
                       stages=timings, floor_one=floor_one)


def _median(runs: list[Measurement]) -> Measurement:
    """The run of median time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda m: m.seconds)[(len(runs) - 1) // 2]


def format_report(report: BenchReport) -> str:
    """The figures and the targets, as the ``bench`` command prints them."""
    f, b = report.floor, report.full
    lines = [
        f"corpus: {b.documents} articles, {b.words} words (x{report.growth[0][0]})",
        _line(f), _line(b),
        f"ratio full/floor: {report.ratio:.2f}  (target <= {TARGET_RATIO}) "
        f"{_mark(report.ratio_met)}",
        *([f"  CPU time of all processes, full/floor: {report.cpu_ratio:.2f} "
           f"({b.extra['cpu_seconds']:.1f} / {f.extra['cpu_seconds']:.1f} s; less moved "
           "by other load than wall time)"] if report.cpu_ratio else []),
        "growth:",
    ]
    for k, m in report.growth:
        lines.append(f"  x{k:<3} {m.documents:>7} articles  {m.seconds:8.1f} s  "
                     f"{m.articles_per_second:7.2f} articles/s  {_memory(m)}; one process "
                     f"at most: driver {m.driver_mb:.0f} MB, worker {m.worker_mb:.0f} MB")
    if report.rss_growth is not None:
        lines.append(f"peak memory (RSS) x{report.growth[-1][0]} vs x{report.growth[0][0]}: "
                     f"{report.rss_growth:+.1%}, largest {report.peak_rss_mb:.0f} MB  (target "
                     f"<= +{TARGET_RSS_GROWTH:.0%}, under {TARGET_RSS_MB} MB) "
                     f"{_mark(bool(report.memory_met))}")
        if report.pss_growth is not None:
            lines.append(f"  PSS x{report.growth[-1][0]} vs x{report.growth[0][0]}: "
                         f"{report.pss_growth:+.1%}, largest "
                         f"{max(m.peak_pss_mb or 0 for _, m in report.growth):.0f} MB")
        if report.process_growth is not None:
            first, last = report.growth[0][1], report.growth[-1][1]
            lines.append(f"  one process at most, x{report.growth[-1][0]} vs "
                         f"x{report.growth[0][0]}: {report.process_growth:+.1%} (RSS; driver "
                         f"{_change(first.driver_mb, last.driver_mb)}, worker "
                         f"{_change(first.worker_mb, last.worker_mb)})")
    if report.dask:
        for n, m in report.dask:
            lines.append(f"  Dask {n} worker(s): {m.documents:>7} articles  {m.seconds:8.1f} s  "
                         f"{m.articles_per_second:7.2f} articles/s  {_memory(m)}")
        if report.efficiency is not None:
            n = report.dask[-1][0]
            lines.append(f"Dask parallel efficiency, {n} workers vs 1: {report.efficiency:.2f}"
                         f"  (target >= {TARGET_EFFICIENCY}) "
                         f"{_mark(bool(report.efficiency_met))}")
        if report.floor_efficiency is not None:
            lines.append(f"  for reference, spaCy's own nlp.pipe, {n} processes vs 1, on this "
                         f"machine now: {report.floor_efficiency:.2f}")
    if report.stages:
        total = sum(report.stages.values())
        lines.append("where the time goes (one process, each stage over the whole corpus):")
        for name, seconds in report.stages.items():
            lines.append(f"  {name:<8} {seconds:8.2f} s  {seconds / total:6.1%}")
    return "\n".join(lines)


def _line(m: Measurement) -> str:
    return (f"{m.label}: {m.seconds:.1f} s, {m.words_per_second:,.0f} words/s, "
            f"{m.articles_per_second:.2f} articles/s, {_memory(m)}")


def _memory(m: Measurement) -> str:
    pss = f" (PSS {m.peak_pss_mb:.0f} MB)" if m.peak_pss_mb is not None else ""
    return f"peak RSS {m.peak_rss_mb:.0f} MB{pss}"


def _change(before: float, after: float) -> str:
    return f"{after / before - 1:+.1%}" if before else "n/a"


def _mark(ok: bool) -> str:
    return "[met]" if ok else "[NOT met]"


# -- corpus ---------------------------------------------------------------------------------


def _records(source: Path, limit: int | None) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    with source.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{source}:{n}", f"invalid JSON ({exc.msg}); the benchmark "
                                 "takes a JSONL corpus, one article a line") from None
            if isinstance(record, dict):
                records.append(record)
            if limit and len(records) >= limit:
                break
    if not records:
        raise InputError(str(source), "no articles in the corpus")
    return records


def _repeat(records: list[dict[str, Any]], times: int, path: Path) -> Path:
    """The corpus ``times`` over, each copy under new ids, so none is skipped as stored."""
    with path.open("w", encoding="utf-8") as out:
        for copy in range(times):
            for n, record in enumerate(records):
                base = record.get("id") or record.get("dId") or record.get("url") or n
                out.write(json.dumps({**record, "id": f"{base}~{copy}"}, ensure_ascii=False)
                          + "\n")
    return path


def _words(path: Path, settings: Settings) -> tuple[int, int]:
    docs = words = 0
    for item in read_inputs([str(path)], settings):
        if isinstance(item, Document):
            docs += 1
            words += len(item.text.split())
    return docs, words


# -- measuring ------------------------------------------------------------------------------


def _measure(job: dict[str, Any]
             ) -> tuple[dict[str, Any], float, float | None, tuple[float, float]]:
    """Run one measurement in a fresh process: its JSON result, and the peak over its
    run of the summed RSS and (where the system tells it) the summed PSS of its process
    tree, and the peak RSS of the driver and of its largest child, in MB. RSS counts
    pages that forked workers share once per process; PSS splits them between the
    sharers, so the two bracket the memory really used. The summed peaks depend on when
    the processes' own peaks (a batch of long articles) happen to coincide, and a longer
    run has more chances; one process's peak does not, and says whether any one grows."""
    import psutil

    # -P: a folder named "newsevents" in the working directory must not shadow the package.
    proc = subprocess.Popen([sys.executable, "-P", "-m", "newsevents._bench_measure",
                             json.dumps(job)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_rss = 0
    peak_pss: int | None = None
    driver = worker = 0
    stop = threading.Event()

    def watch() -> None:
        # RSS is cheap to read and is polled often. PSS makes the kernel walk every page
        # table (about 5 ms a process for a loaded model): polled as often, the watcher took
        # a third of a core from the runs it measured, and more from the runs with more
        # processes. Memory moves slowly next to a run's seconds, so PSS is read less often.
        nonlocal peak_rss, peak_pss, driver, worker
        last_pss = 0.0
        try:
            root = psutil.Process(proc.pid)
            while not stop.is_set():
                tree = [root, *root.children(recursive=True)]
                rss = 0
                for p in tree:
                    try:
                        one = p.memory_info().rss
                    except psutil.Error:  # a worker that just exited
                        continue
                    rss += one
                    if p.pid == proc.pid:
                        driver = max(driver, one)
                    else:
                        worker = max(worker, one)
                peak_rss = max(peak_rss, rss)
                now = time.monotonic()
                if now - last_pss >= _PSS_SECONDS:
                    last_pss = now
                    pss = _tree_pss(tree)
                    if pss is not None:
                        peak_pss = max(peak_pss or 0, pss)
                time.sleep(_POLL_SECONDS)
        except psutil.Error:
            return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    stop.set()
    watcher.join()
    if proc.returncode != 0:
        tail = "\n".join(err.strip().splitlines()[-5:])
        raise ConfigError(f"benchmark run {job['mode']!r} failed (exit {proc.returncode}): "
                          f"{tail}")
    return (json.loads(out.strip().splitlines()[-1]), peak_rss / 2**20,
            peak_pss / 2**20 if peak_pss is not None else None,
            (driver / 2**20, worker / 2**20))


def _tree_pss(tree: list[Any]) -> int | None:
    """The summed PSS of the processes, or None where the system does not give it."""
    import psutil

    total = 0
    for p in tree:
        try:
            info = p.memory_full_info()
        except psutil.AccessDenied:
            return None
        except psutil.Error:
            continue
        if not hasattr(info, "pss"):
            return None
        total += info.pss
    return total
