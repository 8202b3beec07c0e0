"""Case given to caseless text before parsing (casing.py)."""

from __future__ import annotations

import pytest

from newsevents.casing import caseless, with_case


@pytest.mark.parametrize(("line", "expected"), [
    ("NORTH KOREA FIRED A MISSILE OVER JAPAN ON TUESDAY.", True),
    ("police arrested three men in the district on monday.", True),
    ("North Korea fired a missile over Japan on Tuesday.", False),
    ("NATO AND THE EU", False),  # too short to judge
])
def test_caseless_lines_are_all_capitals_or_all_lower_case(line: str, expected: bool) -> None:
    assert caseless(line) is expected


@pytest.mark.parametrize("text", [
    "NORTH KOREA FIRED A BALLISTIC MISSILE OVER JAPAN ON TUESDAY. THE U.S. AND NATO "
    "CONDEMNED IT.",
    "lucknow: police arrested three men on monday after a clash in kanpur.",
    "İSTANBUL İS WHERE PROTESTERS MARCHED ON SATURDAY AGAINST THE GOVERNMENT.",
])
def test_with_case_changes_only_the_case_of_letters(text: str) -> None:
    cased = with_case(text)
    assert len(cased) == len(text)
    assert cased.lower() == text.lower()


def test_with_case_writes_sentence_starts_and_known_names() -> None:
    cased = with_case("NORTH KOREA FIRED A BALLISTIC MISSILE OVER JAPAN ON TUESDAY. THE U.S. "
                      "AND NATO CONDEMNED THE LAUNCH, PRESIDENT DONALD TRUMP SAID.")
    assert cased == ("North Korea fired a ballistic missile over Japan on Tuesday. The U.S. "
                     "and NATO condemned the launch, president Donald Trump said.")


def test_with_case_keeps_a_dateline_as_written() -> None:
    cased = with_case("lucknow: police arrested three men on monday after a clash in kanpur.")
    assert cased.startswith("lucknow: Police arrested")
    assert "Monday" in cased and "Kanpur" in cased


def test_with_case_leaves_text_with_case_alone() -> None:
    text = ("KUNDUZ, Afghanistan — Taliban insurgents struck the city on Monday.\n"
            "ADVERTISEMENT\nThe governor said the attack was repelled.")
    assert with_case(text) is text
