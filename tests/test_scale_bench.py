from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest

from newsevents._bench_measure import stages
from newsevents.cli import main
from newsevents.errors import InputError
from newsevents.scale.bench import BenchReport, Measurement, bench, format_report
from newsevents.settings import Settings

TEXTS = [
    "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing.",
    "Ukrainian forces attacked a Russian base in Crimea on Monday, officials said.",
    "Japan imposed new sanctions on North Korea after the missile launch.",
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": t, "date": "2022-03-01"}) + "\n"
                            for i, t in enumerate(TEXTS)), encoding="utf-8")
    return path


@pytest.mark.slow
def test_bench_measures_floor_full_and_growth_on_the_same_texts(corpus: Path) -> None:
    report = bench(corpus, workers=1, sizes=(1, 2), dask=False, stages=False, repeat=1)
    assert report.floor.documents == report.full.documents == 3
    assert [(k, m.documents) for k, m in report.growth] == [(1, 3), (2, 6)]
    assert report.growth[1][1].words == 2 * report.growth[0][1].words
    assert report.ratio > 0 and report.floor.peak_rss_mb > 50
    text = format_report(report)
    assert "ratio full/floor" in text and "x2" in text


@pytest.mark.slow
def test_stage_timing_times_every_stage(corpus: Path) -> None:
    found = stages(str(corpus), Settings.load())
    assert found["documents"] == 3
    assert list(found["stages"]) == ["read", "nlp", "actors", "events", "shard", "store",
                                     "stories"]


def _m(seconds: float, rss: float) -> Measurement:
    return Measurement("m", seconds, 10, 1000, rss)


@pytest.mark.parametrize(("one", "two", "expected"), [(10.0, 5.0, 1.0), (10.0, 6.25, 0.8)])
def test_efficiency_is_speed_up_over_workers(one: float, two: float, expected: float) -> None:
    report = BenchReport(floor=_m(1, 1), full=_m(1, 1), growth=[(1, _m(1, 100))],
                         dask=[(1, _m(one, 1)), (2, _m(two, 1))], stages={})
    assert report.efficiency == pytest.approx(expected)


def test_rss_growth_compares_the_largest_run_with_the_smallest() -> None:
    report = BenchReport(floor=_m(1, 1), full=_m(1, 1),
                         growth=[(1, _m(1, 500)), (4, _m(4, 520)), (16, _m(16, 540))],
                         dask=[], stages={})
    assert report.rss_growth == pytest.approx(0.08)
    assert "[met]" in format_report(report).split("peak memory (RSS) x16")[1].splitlines()[0]


def test_bench_names_a_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.jsonl"):
        bench(tmp_path / "nope.jsonl")


def test_bench_command_reports_a_missing_corpus_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", str(tmp_path / "nope.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.jsonl" in err


# -- a laptop-sized default (issue 16, item 8) ----------------------------------------------


def _bench_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def fake(corpus: str, **options: Any) -> BenchReport:
        calls.append(options)
        return BenchReport(floor=_m(1, 500), full=_m(1, 500), growth=[(1, _m(1, 500))],
                           dask=[], stages={})

    monkeypatch.setattr("newsevents.cli._scale.bench", fake)
    return calls


def test_bench_command_defaults_to_a_laptop_sized_run(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _bench_calls(monkeypatch)
    assert main(["bench", str(corpus)]) == 0
    [options] = calls
    assert (options["limit"], tuple(options["sizes"]), options["repeat"], options["dask"]) == \
        (100, (1, 4), 1, False)


def test_bench_command_full_is_the_thorough_run_and_flags_still_win(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _bench_calls(monkeypatch)
    main(["bench", str(corpus), "--full"])
    main(["bench", str(corpus), "--full", "--repeat", "2", "--limit", "50"])
    full, mixed = calls
    assert (full["limit"], tuple(full["sizes"]), full["repeat"], full["dask"]) == \
        (None, (1, 4, 16), 3, True)
    assert (mixed["limit"], mixed["repeat"], mixed["dask"]) == (50, 2, True)


def test_bench_library_defaults_match_the_command() -> None:
    defaults = inspect.signature(bench).parameters
    assert (defaults["limit"].default, tuple(defaults["sizes"].default),
            defaults["repeat"].default, defaults["dask"].default) == (100, (1, 4), 1, False)


def test_bench_help_says_how_long_it_takes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["bench", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "about 2.5 minutes for 100 articles" in shown and "--full" in shown
