"""The progress bar of a batch: a total when the inputs can be counted, a percentage and an
ETA, the stage at hand, and updates per document (issue 16, item 8)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import newsevents.progress
from newsevents.cli import main
from newsevents.progress import Progress


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class RecordingBar:
    """Stands in for tqdm: records the totals, labels and updates it is given."""

    made: list[RecordingBar] = []

    def __init__(self, total: int | None = None, desc: str = "", **_: Any) -> None:
        self.n, self.totals, self.labels, self.updates = 0, [total], [desc], []
        self.postfix: dict[str, Any] = {}
        RecordingBar.made.append(self)

    @property
    def total(self) -> int | None:
        return self.totals[-1]

    @total.setter
    def total(self, value: int | None) -> None:
        self.totals.append(value)

    def set_description_str(self, desc: str, refresh: bool = True) -> None:
        self.labels.append(desc)

    def update(self, n: int) -> None:
        self.n += n
        self.updates.append(n)

    def set_postfix(self, refresh: bool = True, **values: Any) -> None:
        self.postfix = values

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass


def fake_terminal(monkeypatch: pytest.MonkeyPatch) -> TTY:
    """stderr as a terminal. Called in the test itself: pytest's capture puts its own
    stderr back after fixtures are set up."""
    stderr = TTY()
    monkeypatch.setattr(sys, "stderr", stderr)
    return stderr


@pytest.fixture
def bars(monkeypatch: pytest.MonkeyPatch) -> list[RecordingBar]:
    RecordingBar.made = []
    monkeypatch.setattr(newsevents.progress, "tqdm", RecordingBar)
    return RecordingBar.made


def test_progress_shows_the_stage_a_total_and_a_percentage(
        monkeypatch: pytest.MonkeyPatch) -> None:
    tty = fake_terminal(monkeypatch)
    with Progress(True, stage="counting") as bar:
        bar.set_total(4)
        bar.stage("coding")
        bar.advance()
    shown = tty.getvalue()
    assert "coding" in shown and "/4" in shown and "%" in shown


def test_progress_draws_nothing_when_stderr_is_no_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    with Progress(True, total=3) as bar:
        bar.advance(3)
    assert stderr.getvalue() == "" and bar.done == 0


def test_progress_counts_up_when_the_total_was_short(bars: list[RecordingBar],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    fake_terminal(monkeypatch)
    with Progress(True, total=2) as bar:
        bar.advance(3)
    assert bars[0].totals[-1] is None and bars[0].n == 3


def test_progress_reach_moves_to_a_count_and_never_back(bars: list[RecordingBar],
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    fake_terminal(monkeypatch)
    with Progress(True, total=10) as bar:
        bar.advance(2)
        bar.reach(5)
        bar.reach(4)
    assert bars[0].updates == [2, 3]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "three.jsonl"
    lines = [json.dumps({"id": f"d{i}", "date": "2023-03-14",
                         "text": f"North Korea fired a missile at Japan on Tuesday. ({i})"})
             for i in range(2)]
    path.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_ingest_bar_has_a_total_names_its_stages_and_moves_per_document(
        bars: list[RecordingBar], corpus: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake_terminal(monkeypatch)
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb")]) == 1
    [bar] = bars
    assert bar.total == 3 and bar.n == 3
    assert bar.labels[0] == "counting"
    assert {"reading", "coding", "storing"} <= set(bar.labels)
    assert bar.updates == [1, 1, 1]  # one per document, not one per shard of 40
    assert bar.postfix == {"failed": 1}


@pytest.mark.slow
def test_code_bar_has_a_total_and_names_its_stages(bars: list[RecordingBar], corpus: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fake_terminal(monkeypatch)
    main(["code", str(corpus), "--format", "jsonl"])
    [bar] = bars
    assert bar.total == 3 and bar.n == 3 and {"reading", "coding"} <= set(bar.labels)


@pytest.mark.slow
def test_no_bar_without_a_terminal(monkeypatch: pytest.MonkeyPatch, corpus: Path) -> None:
    RecordingBar.made = []
    monkeypatch.setattr(newsevents.progress, "tqdm", RecordingBar)
    main(["code", str(corpus), "--format", "jsonl"])
    assert RecordingBar.made == []
