"""Beat files: loading, the shipped examples, and errors that name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.beats import load_beat, packaged_beats, parse_duration
from newsevents.beats.definition import beat_from_json
from newsevents.errors import ConfigError

GOOD = """\
name = "korea"
title = "Korean Peninsula"
countries = ["prk", "KOR"]
places = ["DMZ", "Kaesong"]
include = ["inter-Korean"]
dyads = ["PRK-KOR"]
feeds = ["https://example.org/asia.rss"]
interval = "1h30m"

[[alerts]]
name = "attack"
types = ["ASSAULT", "THREATEN"]
dyad = "PRK-KOR"
undirected = true

[[alerts]]
max_intensity = -7

[[alerts]]
new_story_min_sources = 3
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "beat.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_beat_file_loads_with_its_rules(tmp_path: Path) -> None:
    beat = load_beat(write(tmp_path, GOOD))
    assert (beat.name, beat.countries, beat.dyads) == ("korea", ("PRK", "KOR"),
                                                        (("PRK", "KOR"),))
    assert beat.interval == 5400.0
    assert [(r.name, r.kind) for r in beat.alerts] == [("attack", "event"), ("rule-2", "event"),
                                                        ("rule-3", "story")]
    assert beat.alerts[0].filter.types == ("ASSAULT", "THREATEN")
    assert beat.alerts[0].filter.modalities == ("asserted",)  # deeds, not intentions
    assert beat.alerts[1].max_intensity == -7.0
    assert beat.alerts[2].story_min_sources == 3


def test_a_beat_survives_its_round_trip_through_the_store(tmp_path: Path) -> None:
    import json

    beat = load_beat(write(tmp_path, GOOD))
    again = beat_from_json(json.dumps(beat.to_dict()), "store")
    assert again.to_dict() == beat.to_dict()


def test_the_shipped_beats_load_korean_peninsula_among_them() -> None:
    beats = {b.name: b for b in packaged_beats()}
    assert {"korean-peninsula", "russia-ukraine", "israel-gaza"} <= set(beats)
    korea = beats["korean-peninsula"]
    assert set(korea.countries) == {"PRK", "KOR"}
    assert {"DMZ", "Kaesong", "Panmunjom"} <= set(korea.places)
    assert {"denuclearization", "inter-Korean"} <= set(korea.include)
    assert all(beat.feeds and beat.alerts for beat in beats.values())


@pytest.mark.parametrize(("text", "key"), [
    ('title = "x"\ncountries = ["PRK"]', "name: missing"),
    ('name = "Korea Beat"\ncountries = ["PRK"]', "name: 'Korea Beat' is not a beat name"),
    ('name = "k"\ncountries = ["NORTHKOREA"]', "countries[0]"),
    ('name = "k"\ncountries = "PRK"\nplaces = [1]', "places[0]"),
    ('name = "k"', "a beat needs at least one of countries"),
    ('name = "k"\ncountries = ["PRK"]\nfeeds = ["ftp://x"]', "feeds[0]"),
    ('name = "k"\ncountries = ["PRK"]\nwebhook = "hooks"', "webhook"),
    ('name = "k"\ncountries = ["PRK"]\ninterval = "soon"', "interval"),
    ('name = "k"\ncountries = ["PRK"]\ndyads = ["PRK"]', "dyads[0]"),
    ('name = "k"\ncountries = ["PRK"]\ncolour = "red"', "colour: unknown key"),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\ntypes = ["BOMBING"]', "alerts[1].types"),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\ndyad = "PRK"', "alerts[1]: dyad="),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\nmax_intensity = -70', "max_intensity"),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\nnew_story_min_sources = 0',
     "new_story_min_sources"),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\nnew_story_min_sources = 2\ntypes = ["AID"]',
     "alerts[1].types: a story rule"),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\nname = "x"', "an empty rule"),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\nwhen = 1', "alerts[1].when: unknown key"),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\nname = "a"\ntypes = ["AID"]\n'
     '[[alerts]]\nname = "a"\ntypes = ["AID"]', "used twice"),
    ('name = "k"\ncountries = ["PRK"]\n[[alerts]]\nmodality = ["maybe"]\ntypes = ["AID"]',
     "alerts[1].modality"),
    ('name = "k\ncountries', "not valid TOML"),
])
def test_a_bad_beat_file_names_the_file_and_the_key(tmp_path: Path, text: str,
                                                    key: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_beat(path)
    assert str(caught.value).startswith(str(path))
    assert key in str(caught.value)


def test_a_missing_beat_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such beat file"):
        load_beat(tmp_path / "none.toml")


@pytest.mark.parametrize(("value", "seconds"), [
    ("15m", 900.0), ("1h", 3600.0), ("90s", 90.0), ("1h30m", 5400.0), ("2.5m", 150.0),
    (600, 600.0), ("45", 45.0), ("0s", 0.0),
])
def test_durations_read_as_seconds(value: str | int, seconds: float) -> None:
    assert parse_duration(value, "--interval") == seconds


@pytest.mark.parametrize("value", ["", "m15", "15 minutes", "-5m", True, "8d", "9000h"])
def test_a_bad_duration_says_how_to_write_one(value: str | bool) -> None:
    with pytest.raises(ConfigError, match="--interval"):
        parse_duration(value, "--interval")
