from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from newsevents.errors import ConfigError
from newsevents.layout import EVENT_COLUMNS, text_row
from newsevents.models import Actor, Document, Event, EventList, Evidence, Location


def make_event() -> Event:
    return Event(event_id="e1", doc_id="d1", type="SANCTION", mode="withdraw",
                 context=["diplomatic"], cameo="161", quad_class=4, intensity=-4.0,
                 source=Actor("Pyongyang", "North Korea", "PRK", "GOV"),
                 target=Actor("Seoul", "South Korea", "KOR", "GOV"), date="2020-06",
                 date_precision="month", date_text="Last month",
                 location=Location("Kaesong", "Kaesong", "PRK", 37.97, 126.55),
                 modality="asserted", sentence="Pyongyang cut off lines with Seoul.",
                 span=(0, 35), trigger="cut off", confidence=0.9, coder="rule:x")


def test_actor_code_joins_country_and_sector() -> None:
    assert Actor("x", country="USA", sector="GOV").code == "USAGOV"
    assert Actor("x", sector="IGO").code == "IGO"
    assert Actor("x").code is None


def test_event_round_trips_through_a_dict() -> None:
    event = make_event()
    assert Event.from_dict(event.to_dict()).to_dict() == event.to_dict()


def test_content_hash_changes_with_text_and_date() -> None:
    a = Document(id="d", text="Text.", origin="o", date=date(2020, 1, 1))
    b = Document(id="d", text="Text!", origin="o", date=date(2020, 1, 1))
    c = Document(id="d", text="Text.", origin="o", date=date(2020, 1, 2))
    assert len({a.content_hash, b.content_hash, c.content_hash}) == 3


def test_event_flattens_to_one_row_with_codes_as_text() -> None:
    row = text_row(replace(make_event(), cameo="046"))
    assert list(row) == list(EVENT_COLUMNS)
    assert (row["cameo"], row["source_code"], row["location_lat"], row["context"],
            row["span_start"], row["date_start"], row["date_end"]) == (
        "046", "PRKGOV", 37.97, "diplomatic", 0, "2020-06-01", "2020-06-30")


def test_evidence_keeps_the_json_form_of_the_old_dict() -> None:
    evidence = Evidence(rule="triggers.csv:3", trigger_spans=[(4, 7)], sentence_start=0,
                        source={"text": "Pyongyang", "span": [0, 9], "how": "subject",
                                "kind": "entity"}, time={"how": "publication date"})
    plain = replace(make_event(), evidence=evidence).to_dict()["evidence"]
    assert list(plain) == ["rule", "rule_text", "trigger_spans", "sentence_start", "support",
                           "source", "target", "modality_cues", "recoded", "reported_by",
                           "time", "place", "rules_alone", "nominal",
                           "refers_back"]  # no model: not set
    assert plain["trigger_spans"] == [[4, 7]]
    assert replace(evidence, model=0.8).model == 0.8
    assert Event.from_dict({**make_event().to_dict(), "evidence": plain}).evidence == evidence


def test_event_list_to_pandas_builds_a_frame_of_flat_rows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    made: dict[str, Any] = {}

    def data_frame(rows: list[list[Any]], columns: list[str]) -> str:
        made.update(rows=rows, columns=columns)
        return "frame"

    monkeypatch.setitem(sys.modules, "pandas", SimpleNamespace(DataFrame=data_frame))
    events = EventList([replace(make_event(), cameo="046")])
    assert events.to_pandas() == "frame"
    assert made["columns"] == list(EVENT_COLUMNS)
    assert made["rows"][0][EVENT_COLUMNS.index("cameo")] == "046"


def test_event_list_to_pandas_without_pandas_says_how_to_get_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(ConfigError, match="pip install pandas"):
        EventList([make_event()]).to_pandas()


def test_to_pandas_gives_a_real_frame_when_pandas_is_installed() -> None:
    pandas = pytest.importorskip("pandas")
    frame = EventList([replace(make_event(), cameo="046")]).to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert frame.loc[0, "cameo"] == "046" and len(frame.columns) == len(EVENT_COLUMNS)
