"""The on-disk cache of built tables: reused while its sources are unchanged, rebuilt when
one changes, passed over when off, unreadable or unwritable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsevents import _tablecache
from newsevents._tablecache import cache_dir, cached


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(_tablecache.ENV, str(tmp_path / "cache"))
    path = tmp_path / "table.csv"
    path.write_text("name\nSeoul\n", encoding="utf-8")
    return path


def _builder(calls: list[str], value: object) -> object:
    def build() -> object:
        calls.append("built")
        return value
    return build


def test_second_load_reads_the_pickle(source: Path) -> None:
    calls: list[str] = []
    first = cached("t", [source], _builder(calls, {"seoul": ["KOR"]}))
    second = cached("t", [source], _builder(calls, {"other": []}))
    assert calls == ["built"]
    assert second == first == {"seoul": ["KOR"]}


def test_changed_source_rebuilds(source: Path) -> None:
    calls: list[str] = []
    cached("t", [source], _builder(calls, 1))
    source.write_text("name\nPyongyang\n", encoding="utf-8")
    assert cached("t", [source], _builder(calls, 2)) == 2
    assert calls == ["built", "built"]


def test_only_the_pickles_used_last_are_kept(source: Path, tmp_path: Path) -> None:
    cached("t", [source], _builder([], 0))
    first = next((tmp_path / "cache").glob("t-*.pickle"))
    os.utime(first, (1, 1))  # used long ago
    for n in range(1, _tablecache._KEEP + 1):
        source.write_text(f"name\nCity {n}\n", encoding="utf-8")
        cached("t", [source], _builder([], n))
    pickles = list((tmp_path / "cache").glob("t-*.pickle"))
    assert len(pickles) == _tablecache._KEEP
    assert first not in pickles


@pytest.mark.parametrize("setting", ["off", ""])
def test_off_builds_every_time(source: Path, monkeypatch: pytest.MonkeyPatch,
                               setting: str) -> None:
    monkeypatch.setenv(_tablecache.ENV, setting)
    assert cache_dir() is None
    calls: list[str] = []
    cached("t", [source], _builder(calls, 1))
    cached("t", [source], _builder(calls, 1))
    assert calls == ["built", "built"]


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in (_tablecache.ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    assert cache_dir() is None


def test_truncated_pickle_is_rebuilt_and_replaced(source: Path, tmp_path: Path) -> None:
    calls: list[str] = []
    cached("t", [source], _builder(calls, [1, 2, 3]))
    (pickle,) = (tmp_path / "cache").glob("t-*.pickle")
    pickle.write_bytes(pickle.read_bytes()[:5])
    assert cached("t", [source], _builder(calls, [1, 2, 3])) == [1, 2, 3]
    assert cached("t", [source], _builder(calls, None)) == [1, 2, 3]
    assert calls == ["built", "built"]


def test_unwritable_cache_still_builds(source: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(_tablecache.ENV, str(blocker / "cache"))  # under a file: no dir
    assert cached("t", [source], _builder([], "value")) == "value"


def test_missing_source_is_left_to_the_builder(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_tablecache.ENV, str(tmp_path / "cache"))

    def build() -> object:
        raise FileNotFoundError("the builder names the missing file")

    with pytest.raises(FileNotFoundError, match="builder"):
        cached("t", [tmp_path / "absent.csv"], build)


@pytest.mark.slow
def test_knowledge_base_from_the_pickle_answers_as_built(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.actors.kb import load_kb

    monkeypatch.setenv(_tablecache.ENV, str(tmp_path / "cache"))
    load_kb.cache_clear()
    try:
        built = load_kb()
        load_kb.cache_clear()
        loaded = load_kb()
    finally:
        load_kb.cache_clear()
    assert loaded is not built
    assert list((tmp_path / "cache").glob("kb-*.pickle"))
    for name in ("South Korea", "North Korean", "U.S."):
        assert loaded.country_code(name) == built.country_code(name) is not None
    assert loaded.organizations.keys() == built.organizations.keys()
    assert loaded.people.keys() == built.people.keys()
