"""Which words of a sentence are trigger candidates (events/triggers.py), on sentences
written for the tests: what the rules propose beside, inside or instead of one another."""

from __future__ import annotations

import pytest
from _events import Coded, dyads, events

pytestmark = pytest.mark.slow  # loads the spaCy model


@pytest.mark.parametrize(("text", "cameo"), [
    # an accusation said beside another act, after a comma, is the subject's own
    ("The Sudanese army announced the end of the truce on Monday, accusing rebels of more "
     "than 200 violations.", "1122"),
    ("The Colombian government announced the suspension of the talks, accusing the rebels "
     "of kidnapping two soldiers.", "112"),
])
def test_events_an_accusation_said_aside_is_coded_by_its_rule(coded: Coded, text: str,
                                                              cameo: str) -> None:
    found = [e for e in events(coded, text) if e.trigger == "accusing"]
    assert [(e.type, e.cameo, e.coder.startswith("rule:")) for e in found] == [
        ("ACCUSE", cameo, True)]
    assert found[0].target is not None and found[0].target.sector == "REB"


def test_events_a_protest_aside_is_the_one_protest(coded: Coded) -> None:
    found = events(coded, "Dozens of students demonstrated outside the ministry, protesting "
                          "the arrest of their teacher.")
    assert [e.trigger for e in found if e.type in ("PROTEST", "ACCUSE")] == ["demonstrated"]


@pytest.mark.parametrize(("text", "target"), [
    # the backing a protest states is SUPPORT of whom it names (guide section 12)
    ("Thousands of farmers marched through Lagos in support of the Nigerian president.",
     ("NGA", "GOV")),
    ("Students demonstrated in Santiago in solidarity with the Chilean miners.",
     ("CHL", None)),
])
def test_events_a_protest_in_support_of_someone_supports_them(
        coded: Coded, text: str, target: tuple[str, str | None]) -> None:
    found = events(coded, text)
    assert "PROTEST" in {e.type for e in found}
    support = [e for e in found if e.type == "SUPPORT"]
    assert [(e.target.country, e.target.sector) for e in support if e.target] == [target]
    assert all(e.coder.startswith("rule:") for e in support)


@pytest.mark.parametrize(("text", "kinds"), [
    # a word of an actor's name tells no sense: "from Islamic State" is no state won
    ("Kurdish fighters captured Manbij from Islamic State on Tuesday.", {"ASSAULT"}),
    ("The candidate captured the state in the primary.", set()),
])
def test_events_a_name_among_the_arguments_tells_no_sense(coded: Coded, text: str,
                                                         kinds: set[str]) -> None:
    assert {e.type for e in events(coded, text)} == kinds


def test_events_a_protest_taken_for_an_object_leaves_the_demonstration(coded: Coded) -> None:
    text = ("Hundreds of Chilean teachers demonstrated in Santiago on Monday against the "
            "education reform the biggest protests in a month.")
    assert ("PROTEST", "CHL", None) in dyads(events(coded, text))
