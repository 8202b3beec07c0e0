"""The beat commands as library functions: report, list, check, watch."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import Settings
from ..store import Store, open_store
from ..store.query import store_path
from . import storage
from .alerts import Alert
from .definition import NAME, Beat, check_url, load_beat, packaged_beats, parse_duration
from .render import render
from .report import Briefing, build_briefing
from .watch import CycleStats, Watcher, WatchResult, run


@dataclass(frozen=True)
class ReportResult:
    """Where a report was written, and what it showed."""

    path: Path
    briefing: Briefing


@dataclass(frozen=True)
class BeatInfo:
    """A beat that can be reported on: shipped with newsevents or kept in a store."""

    beat: Beat
    where: str  # "package" or "store"
    status: dict[str, Any] | None = None  # the watch's counts, for a beat in the store

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.beat.name, "title": self.beat.title, "where": self.where,
                "origin": self.beat.origin, "feeds": len(self.beat.feeds),
                "alerts": len(self.beat.alerts), "status": self.status}


@dataclass
class CheckResult:
    """The beat files that are valid, and one message per file that is not."""

    beats: list[Beat] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def resolve_beat(name: str, con: storage.Connection | None = None,
                 files: bool = True) -> Beat:
    """The beat ``name`` names: a beat file (when ``files``), else a beat kept in the store
    (``con``), else a shipped one. Raises ConfigError saying which names exist."""
    path = Path(name)
    if files and (name.endswith(".toml") or os.sep in name or path.is_file()):
        return load_beat(path)
    if not NAME.fullmatch(name):
        raise ConfigError(f"{name!r} is not a beat name or a beat file")
    stored = storage.stored_beats(con) if con is not None else []
    for beat in stored:
        if beat.name == name:
            return beat
    shipped = packaged_beats()
    for beat in shipped:
        if beat.name == name:
            return beat
    known = sorted({b.name for b in (*stored, *shipped)})
    raise ConfigError(f"no beat called {name!r}; known beats: {', '.join(known)} "
                      "(or give a beat file)")


def beat_report(name: str, out: str | Path, db: str | Path | None = None,
                settings: Settings | None = None) -> ReportResult:
    """Write the coverage page of beat ``name`` (a beat file, or the name of a shipped or
    watched beat) as one self-contained HTML file ``OUT/<name>.html``, and keep what it
    showed, so that the next report says what changed since.

    Example::

        result = beat_report("korean-peninsula", "reports", db="news.duckdb")
        print(result.path)
    """
    path = store_path(db, settings)
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"--out {folder}: cannot create the folder "
                          f"({exc.strerror or exc})") from exc
    with open_store(path) as store:
        with store.reading("read the beat") as con:
            beat = resolve_beat(name, con)
            briefing = build_briefing(con, beat)
        target = folder / f"{beat.name}.html"
        _write_text(target, render(briefing))
        with store.transaction("keep the report") as con:
            storage.save_beat(con, beat)
            storage.save_report(con, beat.name, briefing.made_at, briefing.state())
    return ReportResult(target, briefing)


def coverage_page(store: Store, name: str, css_href: str | None = None,
                  home: str | None = None) -> str:
    """The coverage page of a shipped or stored beat, read only (the dashboard's
    ``/beats/<name>``): what changed is told against the last report made."""
    with store.reading("read the beat") as con:
        beat = resolve_beat(name, con, files=False)
        return render(build_briefing(con, beat), css_href=css_href, home=home)


def beat_list(db: str | Path | None = None, settings: Settings | None = None
              ) -> list[BeatInfo]:
    """The shipped beats, and the beats kept in the store (watched or reported on) with
    their watch's counts; a store beat hides a shipped one of the same name."""
    path = str(db) if db else (settings or Settings.load()).db_path
    found: dict[str, BeatInfo] = {b.name: BeatInfo(b, "package") for b in packaged_beats()}
    if Path(path).is_file():
        with open_store(path, read_only=True) as store, store.reading("list beats") as con:
            for beat in storage.stored_beats(con):
                found[beat.name] = BeatInfo(beat, "store", storage.watch_status(con, beat.name))
    return [found[name] for name in sorted(found)]


def beat_check(files: Iterable[str | Path]) -> CheckResult:
    """Validate beat files; each bad one gives one message naming the file and the key."""
    result = CheckResult()
    for name in files:
        try:
            result.beats.append(load_beat(name))
        except ConfigError as exc:
            result.errors.append(str(exc))
    return result


def watch(beat_file: str | Path, interval: str | float | None = None,
          cycles: int | None = None, db: str | Path | None = None,
          webhook: str | None = None, settings: Settings | None = None, *,
          stop: threading.Event | None = None,
          on_alert: Callable[[Alert], None] | None = None,
          on_cycle: Callable[[CycleStats], None] | None = None) -> WatchResult:
    """Poll the feeds of a beat every ``interval`` (default: the beat's, else 15 min),
    ingest new articles into the store ``db`` (created if missing), and fire the beat's
    alerts — once per event cluster or story — to ``on_alert`` and the webhook.

    Runs ``cycles`` polls (None: until ``stop`` is set). State lives in the store, so a
    watch started again carries on where it stopped. ``webhook`` overrides the beat's.

    Example::

        watch("korea.toml", interval="15m", db="news.duckdb",
              on_alert=lambda alert: print(alert.summary))
    """
    beat = resolve_beat(str(beat_file))
    if not beat.feeds:
        raise ConfigError(f"{beat.origin}: feeds: the beat lists no feeds to watch; add "
                          'feeds = ["https://..."]')
    if cycles is not None and cycles < 1:
        raise ConfigError(f"--cycles must be 1 or more, not {cycles}")
    seconds = beat.interval if interval is None else parse_duration(interval, "--interval")
    if webhook:
        check_url(webhook, "--webhook", "watch")
        beat = replace(beat, webhook=webhook)
    settings = settings or Settings.load()
    path = str(db) if db else settings.db_path
    watcher = Watcher(beat, path, settings, seconds, stop=stop, on_alert=on_alert)
    return run(watcher, cycles, on_cycle)


def _write_text(target: Path, text: str) -> None:
    """Write atomically: a reader never sees half a page."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(f"{target}: cannot write the report ({exc.strerror or exc})"
                          ) from exc
