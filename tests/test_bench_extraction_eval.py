"""Tests for bench/extraction_eval.py: the benchmark's metric, and a clean skip."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from _scripts import load_script


def load() -> ModuleType:
    return load_script("bench/extraction_eval.py")


bench = load()


def test_page_counts_of_an_exact_extraction() -> None:
    assert bench.page_counts("a b c d e", "a b c d e", 4) == (1.0, 0.0, 0.0)


def test_page_counts_normalise_tp_fp_fn() -> None:
    # 1-grams: truth {a, b}, predicted {b, c}: one of each.
    assert bench.page_counts("a b", "b c", 1) == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_short_text_is_one_shingle() -> None:
    assert bench.shingles("only two", 4) == {("only", "two"): 1}


def test_score_averages_over_pages_and_skips_empty_predictions_for_precision() -> None:
    scores = bench.score([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)])
    assert (scores.precision, scores.recall) == (1.0, 0.5)
    assert scores.f1 == pytest.approx(2 / 3)


def test_eval_skips_cleanly_without_the_benchmark(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--bench", str(tmp_path / "absent")]) == 0
    assert "not found" in capsys.readouterr().out
