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


def test_with_case_writes_the_places_of_the_project_table() -> None:
    cased = with_case("israeli troops raided a village in the west bank on monday.")
    assert cased == "Israeli troops raided a village in the West Bank on Monday."


@pytest.mark.parametrize(("text", "expected"), [
    # a town named before its country, though it is a common word too
    ("a truck ploughed into crowds in nice, france, on thursday night.",
     "A truck ploughed into crowds in Nice, France, on Thursday night."),
    # a letter whose lower case is two characters earlier in the line moves nothing
    ("İSTANBUL BOMBING: AN ATTACK IN NICE, FRANCE ON THURSDAY KILLED MANY PEOPLE.",
     "İstanbul bombing: an attack in Nice, France on Thursday killed many people."),
    # not a word before a country the gazetteer has no such town in
    ("the crowds were nice, france was calm and the night went on.",
     "The crowds were nice, France was calm and the night went on."),
])
def test_with_case_names_a_town_told_with_its_country(text: str, expected: str) -> None:
    assert with_case(text) == expected


def test_with_case_keeps_a_dateline_as_written() -> None:
    cased = with_case("lucknow: police arrested three men on monday after a clash in kanpur.")
    assert cased.startswith("lucknow: Police arrested")
    assert "Monday" in cased and "Kanpur" in cased


def test_with_case_leaves_text_with_case_alone() -> None:
    text = ("KUNDUZ, Afghanistan — Taliban insurgents struck the city on Monday.\n"
            "ADVERTISEMENT\nThe governor said the attack was repelled.")
    assert with_case(text) is text


# A small dictionary of the test's own: the English words of its sentences.
_WORDS = frozenset({"hold", "arrest", "day", "film", "punch", "soldier", "meet", "home",
                    "secretary", "party", "delegation", "lead", "allege", "firing",
                    "unprovoked", "three", "police"})


@pytest.mark.parametrize(("text", "expected"), [
    # a word in none of the dictionary's forms is a name
    ("israel has held ahed tamimi since arresting her three days after she was filmed "
     "punching the soldiers.",
     "Israel has held Ahed Tamimi since arresting her three days after she was filmed "
     "punching the soldiers."),
    # irregular forms the dictionary holds ("met") and stop words ("since") are no names
    ("a delegation led by party secretary samir putatunda met home secretary deb on "
     "monday.",
     "A delegation led by party secretary Samir Putatunda met home secretary Deb on "
     "Monday."),
])
def test_with_case_takes_a_word_no_dictionary_knows_for_a_name(text: str,
                                                               expected: str) -> None:
    assert with_case(text, (), _WORDS | {"met", "held"}) == expected


def test_with_case_without_a_dictionary_names_only_what_the_tables_know() -> None:
    assert with_case("police said ahed tamimi was held on monday.") == (
        "Police said ahed tamimi was held on Monday.")
