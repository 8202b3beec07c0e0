from __future__ import annotations

from datetime import date

import pytest

from newsevents.errors import ConfigError
from newsevents.settings import DEFAULT_MODEL, Settings


def test_settings_defaults() -> None:
    assert Settings().model == DEFAULT_MODEL


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_MODEL", "en_core_web_md")
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "8")
    s = Settings.load()
    assert (s.model, s.batch_size) == ("en_core_web_md", 8)


def test_explicit_arguments_override_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_MODEL", "en_core_web_md")
    assert Settings.load(model="en_core_web_trf").model == "en_core_web_trf"


def test_none_arguments_leave_the_value_alone() -> None:
    assert Settings.load(default_date=date(2020, 1, 1), model=None).model == DEFAULT_MODEL


@pytest.mark.parametrize(("kwargs", "env", "message"), [
    ({"colour": "red"}, {}, "unknown setting"),
    ({}, {"NEWSEVENTS_BATCH_SIZE": "many"}, "whole number"),
])
def test_bad_settings_are_config_errors(monkeypatch: pytest.MonkeyPatch, kwargs: dict,
                                        env: dict, message: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match=message):
        Settings.load(**kwargs)


def test_config_file_is_read_below_the_environment(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "c.toml"
    config.write_text('model = "en_core_web_md"\nactor_files = ["a.csv"]\nbatch_size = 4\n',
                      encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(config))
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "16")
    s = Settings.load()
    assert (s.model, s.actor_files, s.batch_size) == ("en_core_web_md", ("a.csv",), 16)


@pytest.mark.parametrize(("text", "message"), [
    ("colour = 1\n", "unknown setting 'colour'"),
    ("batch_size = 'x'\n", "batch_size must be a int"),
    ("model = \n", "not a readable TOML"),
])
def test_bad_config_file_names_the_file(tmp_path, monkeypatch, text: str,  # type: ignore[no-untyped-def]
                                        message: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(config))
    with pytest.raises(ConfigError, match=message):
        Settings.load()
