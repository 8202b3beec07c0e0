"""``newsevents train`` rebuilds the shipped event model from the repository's gold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newsevents.evaluate.realnews import default_corpus, default_wire_items, split_of
from newsevents.events.model import model_path


def test_stories_fall_wholly_on_one_side_of_the_split() -> None:
    assert {split_of("north_Korea_hokkaido_missile")} <= {"dev", "train"}
    assert split_of("a story") == split_of("a story")


def test_the_bar_is_the_lowest_on_the_flat_of_the_best_f1() -> None:
    from newsevents.training import _FLAT, _PRIOR, _PRIOR_FLAT, _thresholds

    # held-out probabilities whose F1 is best far above the prior bar
    rng = random.Random(3)
    y = [1 if rng.random() < 0.3 else 0 for _ in range(3000)]
    probs = [min(0.99, max(0.01, rng.gauss(0.65 if g else 0.35, 0.15))) for g in y]
    best, bar, _keep = _thresholds(probs, [False] * len(y), y)
    assert _smoothed(probs, y, _PRIOR) < best - _PRIOR_FLAT
    lower = [t / 100 for t in range(5, int(round(bar * 100)))]
    # no lower bar is within _FLAT of the best smoothed F1, and the bar chosen is
    assert _smoothed(probs, y, bar) >= best - _FLAT - 1e-9
    assert all(_smoothed(probs, y, t) < best - _FLAT for t in lower)


def test_the_prior_bar_holds_where_the_folds_cannot_choose() -> None:
    from newsevents.training import _FLAT, _PRIOR, _PRIOR_FLAT, _thresholds

    # held-out probabilities whose F1 is about as good over a stretch around the prior,
    # where the lowest bar on the flat is a lower one
    rng = random.Random(3)
    y = [1 if rng.random() < 0.3 else 0 for _ in range(3000)]
    probs = [min(0.99, max(0.01, rng.gauss(0.3 if g else 0.05, 0.2))) for g in y]
    best, bar, _keep = _thresholds(probs, [False] * len(y), y)
    assert _smoothed(probs, y, _PRIOR) >= best - _PRIOR_FLAT
    assert _smoothed(probs, y, 0.17) >= best - _FLAT
    assert bar == _PRIOR


def _smoothed(probs: list[float], y: list[int], bar: float) -> float:
    """The smoothed held-out F1 of one bar, as training judges it."""
    from newsevents.training import _WINDOW

    steps = [s / 100 for s in range(5, 91)]
    i = steps.index(round(bar, 2))
    near = []
    for j in range(i - _WINDOW, i + _WINDOW + 1):
        if 0 <= j < len(steps):
            tp = sum(g for p, g in zip(probs, y, strict=True) if p >= steps[j])
            fp = sum(1 - g for p, g in zip(probs, y, strict=True) if p >= steps[j])
            fn = sum(y) - tp
            near.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(near) / len(near)


@pytest.mark.slow
def test_train_rebuilds_the_shipped_model(tmp_path: Path) -> None:
    if not default_corpus().exists() or not default_wire_items().exists():
        pytest.skip("../shared/corpus or ../shared/gold/event-location is absent")
    pytest.importorskip("sklearn")
    from newsevents.training import train

    out = tmp_path / "events.json"
    report = train(out=out)
    rebuilt = json.loads(out.read_text())
    shipped = json.loads(model_path().read_text())
    assert (rebuilt["threshold"], rebuilt["keep"]) == (shipped["threshold"], shipped["keep"])
    assert rebuilt["learned"] == shipped["learned"]
    assert set(rebuilt["weights"]) == set(shipped["weights"])
    assert max(abs(rebuilt["weights"][f] - w) for f, w in shipped["weights"].items()) < 1e-3
    assert report.events == shipped["meta"]["events"]


@pytest.mark.slow
def test_train_can_leave_the_wire_sentences_out(tmp_path: Path) -> None:
    if not default_corpus().exists():
        pytest.skip("../shared/corpus is absent")
    pytest.importorskip("sklearn")
    from newsevents.cli import main

    out = tmp_path / "events.json"
    assert main(["train", "--no-wire", "--out", str(out)]) == 0
    meta = json.loads(out.read_text())["meta"]
    assert meta["wire_sentences"] == 0 and "gold/wire" not in meta["trained_on"]
