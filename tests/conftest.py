"""Shared fixtures: the spaCy-backed stages are real; the model loads once per session.

The stages are imported inside the fixtures that run them: ``pytest -m "not slow"``
never imports spaCy (a test that uses ``coded`` is marked slow).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from newsevents.models import Document
from newsevents.settings import Settings

# Built tables are cached in this session's own directory, not the user's (see
# newsevents._tablecache); the processes the tests start inherit it.
if "NEWSEVENTS_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="newsevents-test-cache-")
    os.environ["NEWSEVENTS_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_b96b4045de65e4c4.txt"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load(default_date=date(2020, 7, 8))


@pytest.fixture(scope="session")
def coded(settings: Settings) -> Callable[..., Document]:
    """Run the real nlp, actor and event stages over a text written in the test."""
    from newsevents.actors import find_actors
    from newsevents.events import code_events
    from newsevents.nlp import parse

    def run(text: str, day: date = date(2020, 7, 8), doc_id: str = "t") -> Document:
        doc = Document(id=doc_id, text=text, origin="test", date=day)
        return code_events(find_actors(parse(doc, settings), settings), settings)

    return run


@pytest.fixture()
def seed_path() -> Path:
    """The reference article in ../shared; tests using it skip when it is absent."""
    if not SEED.exists():
        pytest.skip("../shared/seeds is absent")
    return SEED
