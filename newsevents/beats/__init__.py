"""Beats: follow a region or topic — coverage pages, watched feeds and alerts.

Sits on top of the pipeline, the store and the stories (like ``web`` and ``cli``): reads
the events, documents, quotes, stories and event clusters of the store; keeps its own
tables (schema version 6, :mod:`.storage`).

- :mod:`.definition`: a beat in a TOML file (countries, actors, places, include and
  exclude terms, feeds, alert rules), validated with errors naming the file and key;
  examples ship in ``newsevents/data/beats``;
- :mod:`.match`: what belongs to a beat, as SQL over the store;
- :mod:`.report` and :mod:`.render`: the briefing of a beat and its HTML page (the static
  export of ``newsevents beat report`` and the dashboard's ``/beats/<name>``);
- :mod:`.alerts`: alert rules, fired once per event cluster or story, and the webhook;
- :mod:`.watch`: the loop that polls a beat's feeds and ingests what is new.

Example::

    from newsevents.beats import beat_report, watch

    watch("korea.toml", interval="15m", cycles=4, db="news.duckdb")
    beat_report("korean-peninsula", "reports", db="news.duckdb")
"""

from __future__ import annotations

from .alerts import Alert, post_alert
from .commands import (
    BeatInfo,
    CheckResult,
    ReportResult,
    beat_check,
    beat_list,
    beat_report,
    coverage_page,
    resolve_beat,
    watch,
)
from .definition import AlertRule, Beat, load_beat, packaged_beats, parse_duration
from .report import Briefing, build_briefing
from .watch import CycleStats, WatchResult

__all__ = ["Alert", "AlertRule", "Beat", "BeatInfo", "Briefing", "CheckResult", "CycleStats",
           "ReportResult", "WatchResult", "beat_check", "beat_list", "beat_report",
           "build_briefing", "coverage_page", "load_beat", "packaged_beats", "parse_duration",
           "post_alert", "resolve_beat", "watch"]
