"""The coding core: per-document stages are built once per run, not once per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import pytest

from newsevents.coding import STAGES, Pipeline, Stage
from newsevents.errors import ConfigError
from newsevents.models import Document, Failure
from newsevents.settings import Settings

# No model is loaded here, but the coding core imports the stages, and so spaCy.
pytestmark = pytest.mark.slow

TEXT = "The foreign minister met the president of the republic in Paris on Monday."


def _docs(n: int) -> list[Document | Failure]:
    return [Document(id=f"d{i}", text=TEXT, origin=f"doc-{i}") for i in range(n)]


def _counted(builds: list[int], fail_first: int = 0) -> Callable[[Settings], Callable]:
    def build(settings: Settings) -> Callable[[Document], Document]:
        builds.append(1)
        if len(builds) <= fail_first:
            raise ConfigError("the actor file is broken")

        def step(doc: Document) -> Document:
            doc.title = "seen"
            return doc

        return step

    return build


def _unused(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    raise AssertionError("a stage with a build runs through it")


def test_a_stage_is_built_once_for_the_whole_run() -> None:
    builds: list[int] = []
    stage = Stage("mark", frozenset({"text"}), frozenset({"title"}), _unused,
                  build=_counted(builds))
    out = list(Pipeline([stage], Settings.load()).run(_docs(5)))
    assert [getattr(d, "title", None) for d in out] == ["seen"] * 5
    assert len(builds) == 1


def test_a_stage_that_cannot_be_built_fails_its_document_and_is_tried_again() -> None:
    builds: list[int] = []
    stage = Stage("mark", frozenset({"text"}), frozenset({"title"}), _unused,
                  build=_counted(builds, fail_first=1))
    out = list(Pipeline([stage], Settings.load()).run(_docs(3)))
    assert [type(d).__name__ for d in out] == ["Failure", "Document", "Document"]
    assert "the actor file is broken" in out[0].reason  # type: ignore[union-attr]
    assert len(builds) == 2


def test_a_stage_given_as_a_batch_function_runs_on_each_document_alone() -> None:
    batches: list[int] = []

    def batch(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
        docs = list(docs)
        batches.append(len(docs))
        yield from docs

    stage = Stage("batch", frozenset({"text"}), frozenset(), batch)
    assert len(list(Pipeline([stage], Settings.load()).run(_docs(3)))) == 3
    assert batches == [1, 1, 1]


def test_the_coding_stages_are_built_once_per_run() -> None:
    assert all(stage.build is not None for stage in STAGES if not stage.streamed)
