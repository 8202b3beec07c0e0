"""``newsevents train`` rebuilds the shipped event model from the repository's gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.evaluate.realnews import default_corpus, default_wire_items, split_of
from newsevents.events.model import model_path


def test_stories_fall_wholly_on_one_side_of_the_split() -> None:
    assert {split_of("north_Korea_hokkaido_missile")} <= {"dev", "train"}
    assert split_of("a story") == split_of("a story")


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
