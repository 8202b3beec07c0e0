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
