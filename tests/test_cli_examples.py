"""Every ``Example:`` the help shows runs, as written, against the shipped examples.

The examples are collected from the help itself (the top-level parser, every command,
every ``beat`` action) and run from a folder laid out like a checkout — ``newsevents/
examples/`` — after a store ``news.duckdb`` has been built there from the shipped articles,
as the ``ingest`` example does. Only examples whose label says they need the network are
skipped, and ``train`` when ``../shared`` (the corpus it trains on) is absent. ``serve`` is
run up to the point where it would listen: the app it built is asked for its status instead
(the port in the example may be taken on a shared machine).
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import newsevents
import newsevents.web
from newsevents.cli import COMMANDS, build_parser, main
from newsevents.evaluate.realnews import default_corpus

EXAMPLES = Path(newsevents.__file__).parent / "examples"
_EXAMPLE = re.compile(r"^Example(?: \(needs the network: (?P<why>[^)]*)\))?: (?P<command>.+)$")


def _parsers(parser: argparse.ArgumentParser, path: str = "newsevents"
             ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{path} {name}")


def help_examples() -> list[tuple[str, str, str | None]]:
    """(where it is shown, the command, why it needs the network or None), from the help."""
    found = []
    for where, parser in _parsers(build_parser()):
        for line in (parser.epilog or "").splitlines():
            match = _EXAMPLE.match(line.strip())
            if match:
                found.append((where, match["command"], match["why"]))
    return found


EXAMPLE_LINES = help_examples()


def test_every_command_and_action_shows_an_example() -> None:
    shown = {where for where, _, _ in EXAMPLE_LINES}
    commands = {f"newsevents {c.name}" for c in COMMANDS}
    assert commands <= shown
    assert {"newsevents beat report", "newsevents beat list", "newsevents beat check"} <= shown


def test_the_examples_name_only_shipped_files() -> None:
    for _, command, _ in EXAMPLE_LINES:
        for word in shlex.split(command):
            if word.startswith("newsevents/"):
                assert (EXAMPLES.parent.parent / word).exists(), f"{command}: {word} is missing"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out like a checkout, with the store the ingest example makes."""
    root = tmp_path_factory.mktemp("checkout")
    (root / "newsevents").mkdir()
    (root / "newsevents" / "examples").symlink_to(EXAMPLES, target_is_directory=True)
    newsevents.ingest([str(root / "newsevents" / "examples" / "articles.jsonl")],
                      db=root / "news.duckdb")
    return root


@pytest.mark.slow
@pytest.mark.parametrize(("where", "command", "network"), EXAMPLE_LINES,
                         ids=[f"{w}: {c}" for w, c, _ in EXAMPLE_LINES])
def test_the_example_runs(where: str, command: str, network: str | None, checkout: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    if network:
        pytest.skip(f"needs the network: {network}")
    monkeypatch.chdir(checkout)
    monkeypatch.delenv("NEWSEVENTS_DB", raising=False)
    served: list[int] = []

    def answer(app: Any, **_: Any) -> None:  # uvicorn.run, without listening
        with TestClient(app, base_url="http://127.0.0.1:8000") as client:
            served.append(client.get("/api/status").status_code)

    monkeypatch.setattr("uvicorn.run", answer)
    monkeypatch.setattr(newsevents.web, "_check_port", lambda host, port: None)
    argv = shlex.split(command)
    assert argv[0] == "newsevents"
    if argv[1] == "train" and not default_corpus().exists():
        pytest.skip("train reads the corpus the gold points into; ../shared is absent")
    assert main(argv[1:]) == 0, f"{where}: {command}"
    if argv[1] == "serve":
        assert served == [200]
