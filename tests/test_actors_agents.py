"""Generic agents and datelines (actors/agents.py), on sentences the project writes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsevents.actors import load_kb
from newsevents.actors.agents import dateline_country, dominant_country
from newsevents.datelines import dateline_spans
from newsevents.models import Document

Coded = Callable[..., Document]


@pytest.mark.parametrize(("text", "country"), [
    ("KUNDUZ, Afghanistan — Taliban insurgents struck.", "AFG"),
    ("BEIJING -- China on Friday said it opposes the launch.", "CHN"),
    ("SEOUL, July 8 (Yonhap) -- The two sides met.", "KOR"),
    ("The minister said on Friday that talks would resume.", None),
])
def test_dateline_country(text: str, country: str | None) -> None:
    assert dateline_country(text, load_kb(())) == country


def test_dateline_spans_cover_each_paragraph_opening() -> None:
    text = "CAIRO (AP) — A court ruled.\n\nKABUL -- Police said."
    assert [text[a:b].split()[0] for a, b in dateline_spans(text)] == ["CAIRO", "KABUL"]


@pytest.mark.parametrize(("countries", "dominant"), [
    (["USA", "USA", "USA", "GBR"], "USA"),
    (["USA", "USA", "GBR", "GBR"], None),      # no country leads
    (["FRA", "FRA", "FRA", "FRA", "TUN", "TUN", "DZA", "DZA"], "FRA"),  # twice any other
    (["FRA", "FRA", "FRA", "TUN", "TUN", "DZA"], None),  # not a majority, not twice
    (["USA", "GBR"], None),                    # too few to say
    (["USA"], "USA"),                          # the one country named
    ([], None),
])
def test_dominant_country(countries: list[str], dominant: str | None) -> None:
    assert dominant_country(countries) == dominant


@pytest.mark.slow
@pytest.mark.parametrize(("text", "agent", "code", "kind"), [
    ("Police in Nairobi arrested the men.", "Police", "KENCOP", "agent-place"),
    ("Ghanaian authorities deported the men.", "authorities", "GHAGOV", "agent-modifier"),
    ("KUNDUZ, Afghanistan — The insurgents struck a checkpoint.", "insurgents", "AFGREB",
     "agent-dateline"),
    ("Protesters marched through the city.", "Protesters", "CVL", "agent"),
    # a city says the country too
    ("Police in Nice arrested the men.", "Police", "FRACOP", "agent-place"),
    ("A truck plowed into a crowd in Nice.", "crowd", "FRACVL", "agent-place"),
    # a country's name inside a place's names the place's country
    ("Gunmen seized two engineers in the Niger Delta.", "Gunmen", "NGACRM", "agent-place"),
    ("CAIRO (AP) — Officers shot the man.", "Officers", "EGYCOP", "agent-dateline"),
    ("CAIRO (AP) — The driver of the bus was arrested.", "driver", "EGYCVL", "agent-dateline"),
    # union leaders lead a union, not a government
    ("ATHENS, Greece — Union leaders threatened to strike.", "Union leaders", "GRCLAB",
     "agent-dateline"),
])
def test_generic_agents_take_their_country_from_the_text(coded: Coded, text: str,
                                                         agent: str, code: str,
                                                         kind: str) -> None:
    mentions = {m.actor.text: m for m in coded(text).mentions}
    assert mentions[agent].actor.code == code and mentions[agent].kind == kind


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The Madhavpura police also opened fire in the Idgah area on Sunday.",
    "AHMEDABAD: The Naroda police arrested five men on Monday.",
])
def test_police_named_after_a_town_the_tagger_took_for_a_name_are_police(
        coded: Coded, text: str) -> None:
    police = [m for m in coded(text).mentions if m.actor.text.lower() == "police"]
    assert [m.actor.sector for m in police] == ["COP"]


@pytest.mark.parametrize(("text", "codes"), [
    # a second conjunct of another kind is an actor of its own, of the first one's country
    ("Thousands of Greek students and farmers demonstrated on Monday.", {"GRCEDU", "GRCCVL"}),
    ("Israeli soldiers and police arrested three men in Hebron.", {"ISRMIL", "ISRCOP"}),
    # of the same kind, the first one's mention stands for both
    ("Israeli helicopters and tanks attacked the camp.", {"ISRMIL"}),
])
def test_a_conjunct_shares_the_first_ones_country(coded: Coded, text: str,
                                                  codes: set[str]) -> None:
    found = {m.actor.code for m in coded(text).mentions}
    assert codes <= found and not any(c.startswith(("GRC", "ISR")) and c not in codes
                                      for c in found)


@pytest.mark.parametrize(("text", "code"), [
    # an acronym the knowledge base does not know says nothing of whose fighters they are
    ("Three QXF fighters were killed on Sunday.", "REB"),
    ("Two ZLB militants were wounded in the village.", "REB"),
])
def test_armed_men_of_an_unknown_group_are_still_armed_men(coded: Coded, text: str,
                                                           code: str) -> None:
    assert code in {m.actor.code for m in coded(text).mentions}


@pytest.mark.slow
def test_generic_object_without_a_country_is_left_to_better_names(coded: Coded) -> None:
    doc = coded("Syria has offered its troops to Lebanon's new president.")
    assert "troops" not in {m.actor.text for m in doc.mentions}


@pytest.mark.slow
def test_a_generic_subject_without_a_country_keeps_each_conjunct(coded: Coded) -> None:
    # (a subject with no country is still the doer; so is each word joined to it)
    doc = coded("Police and soldiers were patrolling Korangi on Saturday afternoon.")
    assert {m.actor.code for m in doc.mentions} >= {"COP", "MIL"}


@pytest.mark.slow
def test_members_of_a_named_organisation_are_that_organisation(coded: Coded) -> None:
    doc = coded("Activists from Amnesty International staged rallies in Gaza.")
    assert "activists" not in {m.actor.text for m in doc.mentions}


def test_generic_agents_take_the_country_they_act_across(coded: Coded) -> None:
    doc = coded("Thousands of protesters staged rallies across Brazil on Sunday.")
    assert any(m.actor.code == "BRACVL" for m in doc.mentions)


@pytest.mark.parametrize(("text", "nth", "code"), [
    # "the soldier" is the Israeli soldier named before, not one of the dateline's country
    ("CAIRO (Reuters) - A girl punched an Israeli soldier. The soldier did not strike back.",
     0, "ISRMIL"),
    # "the military" continues the sector the text gave a country to
    ("CAIRO (Reuters) - Israeli troops left the town. The military said it was calm.",
     0, "ISRMIL"),
    # a foreign government named once does not become "the government"
    ("NAIROBI (Reuters) - The Swiss government mediated. The government said it agreed.",
     0, "KENGOV"),
])
def test_a_definite_agent_continues_the_one_named_before(coded: Coded, text: str, nth: int,
                                                         code: str) -> None:
    second = text.index(". ") + 2
    agents = [m for m in coded(text).mentions
              if m.start >= second and m.kind.startswith("agent")]
    assert agents[nth].actor.code == code


@pytest.mark.parametrize(("term", "sector"), [
    ("workers", "CVL"), ("employees", "CVL"), ("laborers", "CVL"), ("union leaders", "LAB"),
    ("suicide bomber", "CRM"), ("suicide bombers", "CRM"),
    # people in the street, however spelled, are civilians
    ("protestors", "CVL"), ("demonstrator", "CVL"), ("rioters", "CVL"), ("marchers", "CVL")])
def test_workers_are_civilians_unions_labour_and_bombers_attackers(term: str,
                                                                   sector: str) -> None:
    assert load_kb(()).sectors[term][0] == sector


@pytest.mark.parametrize(("text", "code"), [
    ("Vietnamese-led forces retook the village on Sunday.", "VNMMIL"),
    ("Kenyan-led troops patrolled the border on Sunday.", "KENMIL"),
])
def test_agents_forces_led_by_a_country_are_its_own(coded: Callable[..., Document],
                                                     text: str, code: str) -> None:
    assert code in {m.actor.code for m in coded(text).mentions}


@pytest.mark.parametrize(("text", "code"), [
    # counted others are of the kind named beside them, or people
    ("Gunmen in Baghdad killed three soldiers and wounded five others.", "IRQMIL"),
    ("A bomb exploded in a market in Baghdad, killing a man and wounding 13 others.",
     "IRQCVL"),
])
def test_agents_counted_others_are_like_those_beside_them(coded: Coded, text: str,
                                                         code: str) -> None:
    others = [m for m in coded(text).mentions if m.actor.text == "others"]
    assert [m.actor.code for m in others] == [code]


def test_agents_others_wounded_in_the_passive_are_no_second_target(coded: Coded) -> None:
    doc = coded("Two soldiers were killed and several others wounded in Baghdad.")
    assert not [m for m in doc.mentions if m.actor.text == "others"]


@pytest.mark.parametrize(("text", "code"), [
    # outside a foreign embassy stand people of the host country
    ("Hundreds of students demonstrated outside the US embassy in Manila.", "PHLEDU"),
    # those at the embassy are its state's
    ("Protesters demanded the removal of officials at the Philippine embassy in "
     "Singapore.", "PHLGOV"),
])
def test_agents_an_embassy_is_not_where_its_neighbours_are_from(coded: Coded, text: str,
                                                               code: str) -> None:
    assert code in {m.actor.code for m in coded(text).mentions}
