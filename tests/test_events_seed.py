"""The reference article of issue 2 (in ../shared, skipped when absent) reads right."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsevents
from newsevents.models import Event

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / \
    "000_b96b4045de65e4c4.txt"


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    if not SEED.exists():
        pytest.skip("../shared/seeds is absent")
    result = newsevents.code([str(SEED)], date="2020-07-08")
    assert not result.failures
    return result.events


def _readings(found: list[Event]) -> set[tuple[str, str | None, str | None, str | None]]:
    return {(e.type, e.source.country if e.source else None,
             e.target.country if e.target else None, e.date)
            for e in found if e.modality == "asserted"}


@pytest.mark.parametrize(("kind", "source", "target", "day"), [
    ("CONSULT", "USA", "KOR", "2020-07-07"),  # arrived in Seoul on Tuesday
    ("CONSULT", "USA", "KOR", "2020-07-08"),  # following his meetings with ... officials
    ("REJECT", "PRK", "USA", "2020-07-08"),  # no intention of returning to negotiations
    ("AGREE", "USA", "PRK", "2020-07-08"),  # openness to resuming negotiations
    ("ACCUSE", "PRK", "KOR", "2020-07-08"),  # ridiculed calls by South Korea
    ("SANCTION", "PRK", "KOR", "2020-06"),  # cut off communication lines last month
    ("ASSAULT", "PRK", "KOR", "2020-06"),  # blew up the liaison office
    ("RETREAT", "PRK", "KOR", "2020-06"),  # suspending plans for military action
])
def test_seed_has_the_reading(seed_events: list[Event], kind: str, source: str, target: str,
                              day: str) -> None:
    assert (kind, source, target, day) in _readings(seed_events)


def test_seed_places_the_liaison_office_at_kaesong(seed_events: list[Event]) -> None:
    blast = next(e for e in seed_events if e.type == "ASSAULT")
    assert blast.location is not None and blast.location.country == "PRK"
    assert blast.location.name.startswith("Kae")


def test_seed_has_no_asserted_request_by_the_us(seed_events: list[Event]) -> None:
    requests = [e for e in seed_events if e.type == "REQUEST" and e.source
                and e.source.country == "USA"]
    assert requests and all(e.modality == "negated" for e in requests)


def test_seed_has_no_actor_made_of_page_furniture(seed_events: list[Event]) -> None:
    texts = {a.text for e in seed_events for a in (e.source, e.target) if a}
    assert not any(w in t for t in texts for w in ("gtag", "Coverage", "Reuters", "Image"))


def test_seed_dates_the_collapsed_talks_to_2019(seed_events: list[Event]) -> None:
    talks = [e for e in seed_events if "collapsed" in e.sentence and e.trigger == "Talks"]
    assert talks and {e.date for e in talks} == {"2019"}
