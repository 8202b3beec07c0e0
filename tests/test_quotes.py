from __future__ import annotations

from collections.abc import Callable

import pytest

from newsevents.models import Document, Quote

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)


def quotes(doc: Document, kind: str | None = None) -> list[Quote]:
    return [q for q in doc.quotes if kind is None or q.kind == kind]


@pytest.mark.parametrize("text", [
    "\u201cWe are ready to talk,\u201d US envoy Stephen Biegun said on Tuesday.",
    "US envoy Stephen Biegun said: \u201cWe are ready to talk.\u201d",
    "\"We are ready to talk,\" said US envoy Stephen Biegun.",
    "US envoy Stephen Biegun told reporters, \u00abWe are ready to talk.\u00bb",
])
def test_direct_quote_styles_get_their_speaker(coded: Callable[..., Document],
                                               text: str) -> None:
    found = quotes(coded(text), "direct")
    assert [q.text.rstrip(",.") for q in found] == ["We are ready to talk"]
    assert found[0].speaker is not None and found[0].speaker.name == "Stephen Biegun"


def test_multi_sentence_quote_is_one_quote(coded: Callable[..., Document]) -> None:
    doc = coded("US envoy Stephen Biegun arrived in Seoul. \u201cWe are ready. We look "
                "forward to our work,\u201d Biegun said.")
    found = quotes(doc, "direct")
    assert len(found) == 1 and found[0].text.startswith("We are ready. We look")
    assert found[0].speaker is not None and found[0].speaker.code == "USAGOV"


@pytest.mark.parametrize(("text", "continued"), [
    # a quote that goes on in the next sentence is the same speaker's
    ("\u201cWe are ready to talk,\u201d US envoy Stephen Biegun said. \u201cWe look "
     "forward to our work.\u201d", True),
    # not after a sentence of the reporter's own
    ("\u201cWe are ready to talk,\u201d US envoy Stephen Biegun said. The talks resume "
     "today. \u201cWe look forward to our work.\u201d", False),
])
def test_a_quote_going_on_in_the_next_sentence_is_the_same_speakers(
        coded: Callable[..., Document], text: str, continued: bool) -> None:
    found = quotes(coded(text), "direct")
    assert len(found) == 2 and found[0].speaker is not None
    assert (found[1].speaker == found[0].speaker) is continued


def test_partial_quote_goes_to_the_speaker_above_it(coded: Callable[..., Document]) -> None:
    doc = coded("US envoy Stephen Biegun emphasized the support for talks, saying that it "
                "was an \u201cimportant component\u201d of peace.")
    found = quotes(doc, "direct")
    assert [q.text for q in found] == ["important component"]
    assert found[0].speaker is not None and found[0].speaker.name == "Stephen Biegun"


def test_reported_speech_has_its_speaker_and_clause(coded: Callable[..., Document]) -> None:
    doc = coded("North Korean official Kwon Jong Gun said that Pyongyang would not "
                "return to talks.")
    found = quotes(doc, "reported")
    assert found and found[0].text == "Pyongyang would not return to talks"
    assert found[0].speaker is not None and found[0].speaker.code == "PRKGOV"


def test_apostrophe_is_not_a_quote(coded: Callable[..., Document]) -> None:
    doc = coded("He emphasized the US\u2019 support for the allies\u2019 plan.")
    assert not quotes(doc, "direct")


def test_quote_spans_point_into_the_text(coded: Callable[..., Document]) -> None:
    doc = coded("\u201cNo comment,\u201d Russian Foreign Minister Sergei Lavrov said.")
    q = quotes(doc, "direct")[0]
    assert doc.text[q.span[0]:q.span[1]].rstrip(",") == "No comment"


@pytest.mark.parametrize(("word", "code", "name"), [
    ("We", "RUSGOV", None),               # the body the speaker talks for
    ("I", "RUSGOV", "Sergei Lavrov"),     # the speaker
])
def test_first_person_in_a_direct_quote_is_its_speaker(
        coded: Callable[..., Document], word: str, code: str, name: str | None) -> None:
    text = f"\u201c{word} reject the sanctions,\u201d Russian Foreign Minister Sergei Lavrov said."
    doc = coded(text)
    first = [m for m in doc.mentions if m.start == 1]
    assert [(m.actor.code, m.actor.name) for m in first] == [(code, name)]


def test_first_person_outside_quotes_stays_unresolved(coded: Callable[..., Document]) -> None:
    doc = coded("We reject the sanctions, Russian Foreign Minister Sergei Lavrov said.")
    assert not [m for m in doc.mentions if m.start == 0]
