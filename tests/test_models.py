from __future__ import annotations

from datetime import date

from newsevents.models import Actor, Document, Event, Location


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
