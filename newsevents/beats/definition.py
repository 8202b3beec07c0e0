"""Beat definitions: a region or topic in a small TOML file, validated on load.

A beat names what belongs to it — countries and actors (CAMEO codes), places, words
that must or must not appear — the feeds to watch and the alert rules to evaluate::

    name = "korean-peninsula"
    title = "Korean Peninsula"
    countries = ["PRK", "KOR"]
    places = ["DMZ", "Kaesong", "Panmunjom"]
    include = ["denuclearization", "inter-Korean"]
    exclude = ["K-pop"]
    dyads = ["PRK-KOR", "PRK-USA"]            # the main dyads of the timeline
    feeds = ["https://example.org/asia.rss"]
    interval = "15m"
    webhook = "https://hooks.example.org/beats"

    [[alerts]]
    name = "attack-or-threat"
    types = ["ASSAULT", "THREATEN"]
    dyad = "PRK-KOR"
    undirected = true

    [[alerts]]
    max_intensity = -7

    [[alerts]]
    new_story_min_sources = 3

Every problem is a :class:`~newsevents.errors.ConfigError` naming the file and the key
(``korea.toml: alerts[2].dyad: ...``).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..datafiles import package_path
from ..errors import ConfigError, QueryError
from ..models import MODALITIES, PLOVER_TYPES
from ..store import EventFilter

NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
CODE = re.compile(r"[A-Z]{3}")
ACTOR_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")
DURATION = re.compile(r"(?:(\d+(?:\.\d+)?)\s*(h|m|s))", re.I)
MAX_TERMS = 200  # words, places, countries or actors in one list: a beat, not a dictionary
MAX_FEEDS = 200
MAX_FILE_BYTES = 256 * 1024
DEFAULT_INTERVAL = 15 * 60.0
MIN_INTERVAL = 0.0  # tests poll back to back; a real beat file is read with its own value

_TOP_KEYS = frozenset({"name", "title", "description", "countries", "actors", "places",
                       "include", "exclude", "dyads", "feeds", "interval", "webhook",
                       "alerts"})
_EVENT_RULE_KEYS = frozenset({"types", "dyad", "undirected", "actor", "cameo", "place",
                              "quad_class", "modality", "max_intensity", "min_intensity",
                              "min_sources"})
_STORY_RULE_KEYS = frozenset({"new_story_min_sources"})


@dataclass(frozen=True)
class AlertRule:
    """One alert rule. An *event* rule fires once per event cluster on the beat that has a
    matching event (its filter, its intensity bounds) reported by ``min_sources`` outlets;
    a *story* rule fires once per story on the beat that reaches ``new_story_min_sources``
    independent sources."""

    name: str
    kind: str  # "event" | "story"
    settings: dict[str, Any] = field(default_factory=dict)  # the keys as written
    filter: EventFilter = field(default_factory=EventFilter)
    max_intensity: float | None = None
    min_intensity: float | None = None
    min_sources: int = 1
    story_min_sources: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, **self.settings}

    def describe(self) -> str:
        """The rule in a few words, for listings and alerts."""
        if self.kind == "story":
            return f"a story with at least {self.story_min_sources} sources"
        parts = [f"{k}={_shown(v)}" for k, v in self.settings.items()]
        return ", ".join(parts) or "any event"


@dataclass(frozen=True)
class Beat:
    """A region or topic to follow (see the module docstring for the file)."""

    name: str
    title: str
    origin: str  # the file it was read from, or "store" / "package:NAME"
    description: str = ""
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    dyads: tuple[tuple[str, str], ...] = ()
    feeds: tuple[str, ...] = ()
    interval: float = DEFAULT_INTERVAL
    webhook: str | None = None
    alerts: tuple[AlertRule, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The beat as the keys of its file (what the store keeps)."""
        data: dict[str, Any] = {"name": self.name, "title": self.title}
        if self.description:
            data["description"] = self.description
        for key in ("countries", "actors", "places", "include", "exclude", "feeds"):
            values = getattr(self, key)
            if values:
                data[key] = list(values)
        if self.dyads:
            data["dyads"] = [f"{a}-{b}" for a, b in self.dyads]
        data["interval"] = self.interval
        if self.webhook:
            data["webhook"] = self.webhook
        if self.alerts:
            data["alerts"] = [rule.to_dict() for rule in self.alerts]
        return data


# -- loading ---------------------------------------------------------------------------------


def load_beat(path: str | Path) -> Beat:
    """Read and validate a beat file (TOML). Raises ConfigError naming the file and key."""
    path = Path(path)
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ConfigError(f"{name}: a beat file of more than {MAX_FILE_BYTES // 1024} KB; "
                              "a beat lists terms, not a dictionary")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{name}: no such beat file") from None
    except IsADirectoryError:
        raise ConfigError(f"{name}: is a folder; give a beat file (.toml)") from None
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read the beat file ({exc.strerror or exc})"
                          ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: not UTF-8 text; save the beat file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not valid TOML ({exc})") from None
    return parse_beat(data, name)


def parse_beat(data: Mapping[str, Any], origin: str) -> Beat:
    """A Beat from the keys of a beat file; ``origin`` names it in errors."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ConfigError(f"{origin}: {unknown[0]}: unknown key; a beat has "
                          f"{', '.join(sorted(_TOP_KEYS))}")
    name = _string(data, "name", origin, required=True)
    if not NAME.fullmatch(name):
        raise ConfigError(f"{origin}: name: {name!r} is not a beat name; use lower-case "
                          "letters, digits and hyphens (korean-peninsula)")
    countries = tuple(_code(v, f"countries[{i}]", origin, CODE, "a three-letter country "
                                                                  "code (PRK)")
                      for i, v in enumerate(_strings(data, "countries", origin)))
    actors = tuple(_code(v, f"actors[{i}]", origin, ACTOR_CODE, "a CAMEO actor code "
                                                                  "(UNO, IGOUNO, USAGOV)")
                   for i, v in enumerate(_strings(data, "actors", origin)))
    places = _strings(data, "places", origin)
    include = _strings(data, "include", origin)
    if not (countries or actors or places or include):
        raise ConfigError(f"{origin}: a beat needs at least one of countries, actors, places "
                          "or include; otherwise nothing would belong to it")
    feeds = _strings(data, "feeds", origin, limit=MAX_FEEDS)
    for i, url in enumerate(feeds):
        check_url(url, f"feeds[{i}]", origin)
    webhook = _string(data, "webhook", origin) or None
    if webhook:
        check_url(webhook, "webhook", origin)
    interval = DEFAULT_INTERVAL
    if "interval" in data:
        interval = parse_duration(data["interval"], f"{origin}: interval")
    rules = data.get("alerts", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ConfigError(f"{origin}: alerts: must be a list of tables ([[alerts]] sections)")
    alerts = tuple(parse_rule(rule, f"{origin}: alerts[{i}]", i)
                   for i, rule in enumerate(rules, start=1))
    names = [rule.name for rule in alerts]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ConfigError(f"{origin}: alerts: the rule name {repeated[0]!r} is used twice; "
                          "give each rule its own name")
    return Beat(
        name=name, title=_string(data, "title", origin) or name, origin=origin,
        description=_string(data, "description", origin), countries=countries,
        actors=actors, places=places, include=include,
        exclude=_strings(data, "exclude", origin),
        dyads=tuple(_dyad(v, f"dyads[{i}]", origin)
                    for i, v in enumerate(_strings(data, "dyads", origin))),
        feeds=feeds, interval=interval, webhook=webhook, alerts=alerts)


def parse_rule(rule: Mapping[str, Any], where: str, number: int = 1) -> AlertRule:
    """One ``[[alerts]]`` table; ``where`` (``file: alerts[2]``) prefixes errors."""
    keys = set(rule) - {"name"}
    unknown = sorted(keys - _EVENT_RULE_KEYS - _STORY_RULE_KEYS)
    if unknown:
        raise ConfigError(f"{where}.{unknown[0]}: unknown key; a rule has "
                          f"{', '.join(sorted(_EVENT_RULE_KEYS | _STORY_RULE_KEYS))}")
    if not keys:
        raise ConfigError(f"{where}: an empty rule would fire on every event; give types, "
                          "dyad, max_intensity, new_story_min_sources, ...")
    name = rule.get("name", f"rule-{number}")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ConfigError(f"{where}.name: {name!r} is not a rule name; use lower-case letters, "
                          "digits and hyphens")
    settings = {k: rule[k] for k in sorted(keys)}
    if keys & _STORY_RULE_KEYS:
        mixed = sorted(keys - _STORY_RULE_KEYS)
        if mixed:
            raise ConfigError(f"{where}.{mixed[0]}: a story rule (new_story_min_sources) "
                              "takes no event keys; make it a rule of its own")
        return AlertRule(name, "story", settings,
                         story_min_sources=_count(rule, "new_story_min_sources", where))
    modality = rule.get("modality", ["asserted"])
    try:
        flt = EventFilter.create(
            type=_list_or_text(rule, "types", where), dyad=_text(rule, "dyad", where),
            undirected=_flag(rule, "undirected", where), actor=_text(rule, "actor", where),
            cameo=_text(rule, "cameo", where), place=_text(rule, "place", where),
            quad_class=_quads(rule, where), modality=_modality(modality, where))
    except QueryError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return AlertRule(name, "event", settings, flt,
                     max_intensity=_number(rule, "max_intensity", where),
                     min_intensity=_number(rule, "min_intensity", where),
                     min_sources=_count(rule, "min_sources", where) if "min_sources" in rule
                     else 1)


def beat_from_json(text: str, origin: str) -> Beat:
    """A beat kept in the store (:meth:`Beat.to_dict` as JSON)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{origin}: the stored beat is not JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: the stored beat is not a table")
    return parse_beat(data, origin)


def packaged_beats() -> list[Beat]:
    """The example beats shipped in ``newsevents/data/beats``, by name."""
    folder = package_path("beats")
    return sorted((load_beat(path) for path in folder.glob("*.toml")), key=lambda b: b.name)


def packaged_beat(name: str) -> Beat | None:
    """The shipped beat called ``name``, or None."""
    return next((beat for beat in packaged_beats() if beat.name == name), None)


def parse_duration(value: Any, where: str) -> float:
    """Seconds from ``"15m"``, ``"1h30m"``, ``"90s"`` or a number of seconds."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: {value!r} is not a duration; write 15m, 1h or 90s")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        parts = DURATION.findall(text)
        if text and re.fullmatch(r"\d+(?:\.\d+)?", text):
            seconds = float(text)
        elif parts and "".join(n + u for n, u in parts).lower() == text.lower():
            unit = {"h": 3600.0, "m": 60.0, "s": 1.0}
            seconds = sum(float(n) * unit[u.lower()] for n, u in parts)
        else:
            raise ConfigError(f"{where}: {value!r} is not a duration; write 15m, 1h or 90s")
    else:
        raise ConfigError(f"{where}: {value!r} is not a duration; write 15m, 1h or 90s")
    if seconds < MIN_INTERVAL or seconds > 7 * 86400:
        raise ConfigError(f"{where}: {value!r} is out of range; give 0s to 7 days")
    return seconds


# -- key checks ------------------------------------------------------------------------------


def _string(data: Mapping[str, Any], key: str, origin: str, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise ConfigError(f"{origin}: {key}: missing; every beat has a {key}")
        return ""
    if not isinstance(value, str):
        raise ConfigError(f"{origin}: {key}: must be a string, not {_kind(value)}")
    if required and not value.strip():
        raise ConfigError(f"{origin}: {key}: is empty")
    return value.strip()


def _strings(data: Mapping[str, Any], key: str, origin: str,
             limit: int = MAX_TERMS) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"{origin}: {key}: must be a list of strings, not {_kind(value)}")
    if len(value) > limit:
        raise ConfigError(f"{origin}: {key}: {len(value)} entries; at most {limit}")
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{origin}: {key}[{i}]: must be a non-empty string, "
                              f"not {item!r}")
        if item.strip() not in out:
            out.append(item.strip())
    return tuple(out)


def _code(value: str, key: str, origin: str, pattern: re.Pattern[str], what: str) -> str:
    code = value.upper()
    if not pattern.fullmatch(code):
        raise ConfigError(f"{origin}: {key}: {value!r} is not {what}")
    return code


def _dyad(value: str, key: str, origin: str) -> tuple[str, str]:
    parts = [p.strip().upper() for p in value.split("-")]
    if len(parts) != 2 or not all(ACTOR_CODE.fullmatch(p) for p in parts):
        raise ConfigError(f"{origin}: {key}: {value!r} is not a dyad; write two codes "
                          "joined by a hyphen (PRK-KOR)")
    return parts[0], parts[1]


def check_url(value: str, key: str, origin: str) -> None:
    if not re.match(r"https?://[^\s/]+", value):
        raise ConfigError(f"{origin}: {key}: {value!r} is not an http(s) URL")


def _text(rule: Mapping[str, Any], key: str, where: str) -> str | None:
    value = rule.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}.{key}: must be a non-empty string, not {value!r}")
    return value


def _list_or_text(rule: Mapping[str, Any], key: str, where: str) -> list[str] | None:
    value = rule.get(key)
    if value is None:
        return None
    return _choices(value, f"{where}.{key}", PLOVER_TYPES, str.upper,
                    '["ASSAULT", "THREATEN"]', "a PLOVER type")


def _choices(value: Any, where: str, allowed: Sequence[str], fold: Any, example: str,
             what: str) -> list[str]:
    """One name or a list of names, each (after ``fold``) one of ``allowed``."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{where}: must be a list of strings such as {example}, "
                          f"not {value!r}")
    unknown = [v for v in items if fold(v) not in allowed]
    if unknown:
        raise ConfigError(f"{where}: {unknown[0]!r} is not {what}; choose from "
                          f"{', '.join(allowed)}")
    return items


def _flag(rule: Mapping[str, Any], key: str, where: str) -> bool:
    value = rule.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}.{key}: must be true or false, not {value!r}")
    return value


def _number(rule: Mapping[str, Any], key: str, where: str) -> float | None:
    value = rule.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not -10 <= value <= 10:
        raise ConfigError(f"{where}.{key}: must be a number from -10 to 10 (the Goldstein "
                          f"scale), not {value!r}")
    return float(value)


def _count(rule: Mapping[str, Any], key: str, where: str) -> int:
    value = rule.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise ConfigError(f"{where}.{key}: must be a whole number from 1 to 1000, "
                          f"not {value!r}")
    return value


def _quads(rule: Mapping[str, Any], where: str) -> list[int] | None:
    value = rule.get("quad_class")
    if value is None:
        return None
    items = [value] if isinstance(value, int) else value
    if not isinstance(items, list) or not all(isinstance(v, int) and not isinstance(v, bool)
                                              for v in items):
        raise ConfigError(f"{where}.quad_class: must be 1-4 or a list of them, not {value!r}")
    return items


def _modality(value: Any, where: str) -> list[str]:
    return _choices(value, f"{where}.modality", MODALITIES, str.lower, '["asserted"]',
                    "a modality")


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "a string", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "/".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def dyad_text(dyad: Sequence[str]) -> str:
    """``PRK-KOR`` for a (source, target) pair."""
    return f"{dyad[0]}-{dyad[1]}"
