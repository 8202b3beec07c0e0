"""Attacks, tolls, launches, shows of force and protests, on sentences written for the tests."""

from __future__ import annotations

import pytest
from _events import Coded, dyads, events

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)


@pytest.mark.parametrize(("text", "expected"), [
    # the attacker no one names is a criminal of the place (annotation guide, section 8)
    ("A roadside bombing killed three Iraqi soldiers.", ("ASSAULT", "IRQ", "IRQ")),
    ("Two Iraqi soldiers were killed by a roadside bomb.", ("ASSAULT", "IRQ", "IRQ")),
])
def test_events_an_attack_without_a_named_attacker_keeps_its_target(
        coded: Coded, text: str, expected: tuple[str, ...]) -> None:
    assert expected in dyads(events(coded, text))


@pytest.mark.parametrize(("text", "expected"), [
    # where a missile flew is no target: a launch that strikes nothing is a show of force
    ("Syria fired a ballistic missile over the Turkish town of Kilis on Friday.",
     ("MOBILIZE", "SYR", None)),
    ("Iran fired two cruise missiles toward Oman on Monday.", ("MOBILIZE", "IRN", None)),
    ("Venezuela conducted a missile launch on Tuesday.", ("MOBILIZE", "VEN", None)),
    ("Pakistan carried out a nuclear test in May.", ("MOBILIZE", "PAK", None)),
    # what it was fired at is
    ("Hezbollah fired rockets at Haifa on Monday.", ("ASSAULT", "LBN", "ISR")),
])
def test_events_a_weapon_fired_attacks_only_what_it_is_aimed_at(
        coded: Coded, text: str, expected: tuple[str, ...]) -> None:
    assert dyads(events(coded, text)) == {expected}


def test_events_a_town_attacked_is_the_target(coded: Coded) -> None:
    assert ("ASSAULT", "SYR", "SYR") in dyads(events(
        coded, "Syrian government forces bombarded Aleppo on Tuesday."))


def test_events_the_attack_a_victim_died_in_names_the_attacker(coded: Coded) -> None:
    assert dyads(events(
        coded, "Two Palestinians were killed in an Israeli air strike on Monday.")) == {
        ("ASSAULT", "ISR", "PSE")}


def test_events_whoever_speaks_of_the_attack_did_not_commit_it(coded: Coded) -> None:
    found = events(coded, "The Tunisian president called the attack barbaric on Friday.")
    assert not [e for e in found if e.type == "ASSAULT" and e.source is not None
                and e.source.country == "TUN"]


@pytest.mark.parametrize(("text", "trigger"), [
    ("KOLKATA: Two persons were killed in police firing on Sunday.", "killed"),
    # "police" parsed as a modifier of the gerund, not as its subject
    ("KOLKATA: Official figures say that 99 persons have been killed in police firing.",
     "killed"),
    ("KOLKATA: Three persons died when the police resorted to firing to disperse a mob.",
     "resorted"),
])
def test_events_killed_in_police_firing_names_the_police(coded: Coded, text: str,
                                                         trigger: str) -> None:
    found = events(coded, text)
    assert [(e.type, e.source and e.source.code) for e in found
            if e.trigger == trigger] == [("ASSAULT", "INDCOP")]


def test_events_an_agent_word_modifying_the_attack_is_the_attacker(coded: Coded) -> None:
    found = events(coded, "The rebel attack killed five soldiers.")
    assert {(e.type, e.source and e.source.sector) for e in found} == {("ASSAULT", "REB")}


@pytest.mark.parametrize("text", [
    "A Palestinian teenager slapped an Israeli soldier in the West Bank on Friday.",
    "A Tunisian man ploughed a truck into crowds in Nice on Thursday.",
])
def test_events_blows_and_vehicles_driven_into_crowds_are_assaults(coded: Coded,
                                                                   text: str) -> None:
    assert "ASSAULT" in {e.type for e in events(coded, text)}


def test_events_an_unnamed_attacker_is_a_criminal_of_the_place(coded: Coded) -> None:
    found = events(coded, "NICE, France (AP) - Two Tunisian men were also killed, the "
                          "ministry said.")
    assert [(e.type, e.source and e.source.code) for e in found
            if e.trigger == "killed"] == [("ASSAULT", "FRACRM")]


@pytest.mark.parametrize(("text", "kind"), [
    # a state's complaint is an accusation; people protesting a policy demonstrate
    ("France protested Belgium's plans for a new coin.", "ACCUSE"),
    ("A small group of people protesting the policies of the president gathered outside "
     "the hall.", "PROTEST"),
    # a protest lodged, or one that says something, is a complaint
    ("Tokyo said it had lodged a firm protest with Pyongyang.", "ACCUSE"),
    ("The defence lawyers protested that the new rules favoured the regulator.", "ACCUSE"),
    ("'This is a disgrace,' the senator protested.", "ACCUSE"),
    # as is a rights group's or a court's own protest
    ("Rights groups often protest Beijing's curbs on the press.", "ACCUSE"),
    # counted people protest in the street, even officials; so does anyone at a place
    ("Hundreds of officials protested in Baghdad against the arrest.", "PROTEST"),
    ("Residents protested what they called unfair cuts.", "PROTEST"),
    ("Some officials protested outside the governor's office.", "PROTEST"),
])
def test_events_protesting_a_policy_is_a_states_complaint_or_a_protest(
        coded: Coded, text: str, kind: str) -> None:
    assert {e.type for e in events(coded, text) if e.trigger.startswith("protest")} == {kind}


@pytest.mark.parametrize(("text", "attack"), [
    # the clause a verb hangs from or that hangs from it tells an accident (senses.csv)
    ("At least seven people were killed when a tram derailed near London on Wednesday.",
     False),
    ("Two subway trains collided in a tunnel on Wednesday, injuring one person.", False),
    ("More than 50 people were injured in the accident, police said.", False),
    ("Seven people were killed after a tram crashed in south London on Wednesday.", False),
    # so does the clause of a verb it is conjoined with, or that clause's conjunct
    ("Nine people were killed and 40 taken to hospital after a bus crashed near Nairobi.",
     False),
    ("Six people were killed when a train sped round a sharp bend and derailed in Kenya.",
     False),
    # the other tolls beside it are no attack
    ("At least seven people were killed and dozens more were injured when a tram derailed "
     "near London on Wednesday, the British police said.", False),
    # a vehicle that jumps the rails, plunges or flips, a ship that strikes a bridge
    ("Seven people were killed on Wednesday when a tram jumped the rails in London.", False),
    ("Twelve people were killed when a bus plunged into a gorge in Himachal Pradesh.", False),
    ("A tourist ship struck a bridge on the Rhine and 25 people were injured.", False),
    # an attack with a clause of its own stays an attack
    ("Gunmen killed five guards when they stormed the hotel in Kabul on Sunday.", True),
    ("Six people were killed when gunmen opened fire on a bus and it overturned near "
     "Nairobi.", True),
    ("Militants killed two soldiers and wounded five before their truck crashed.", True),
])
def test_events_deaths_in_an_accident_are_no_attack(coded: Coded, text: str,
                                                    attack: bool) -> None:
    assert any(e.type == "ASSAULT" for e in events(coded, text)) is attack


@pytest.mark.parametrize(("text", "target"), [
    # where a protest happens is not whom it is against (guide section 13, PLOVER manual)
    ("Thousands of people demonstrated in Belfast on Sunday.", None),
    ("Thousands of Italians marched through Rome on Saturday to protest at the war in Iraq.",
     None),
    ("Thousands of Iraqis protested against the American soldiers in Baghdad on Sunday.",
     "USA"),
    # nor is whom its other clauses name (the gold gives two protests in three no target)
    ("Several thousand people demonstrated in Niamey on Saturday to show their support for "
     "Niger's government.", None),
    ("Hundreds of Palestinians demonstrated in Gaza on Friday in a show of solidarity with "
     "refugees in the West Bank.", None),
    # a blockade is of the place blocked
    ("About 200 protesters blocked roads in the Algerian capital on Monday.", "DZA"),
])
def test_events_a_protests_place_is_not_its_target(coded: Coded, text: str,
                                                   target: str | None) -> None:
    found = [e for e in events(coded, text) if e.type == "PROTEST"]
    assert found and {e.target.country if e.target else None for e in found} == {target}


@pytest.mark.parametrize(("text", "count"), [
    ("French police shot and killed the attacker in Nice on Friday.", 1),
    ("A gunman drove a truck into a crowd in Nice, killing ten people.", 1),
    ("Soldiers killed five rebels and wounded several villagers in Kunduz.", 2),
])
def test_events_one_act_told_with_several_verbs_is_one_event(coded: Coded, text: str,
                                                             count: int) -> None:
    assert sum(e.type == "ASSAULT" and e.modality == "asserted"
               for e in events(coded, text)) == count


def test_events_an_act_a_verb_goes_on_with_is_one_event(coded: Coded) -> None:
    found = events(coded, "The detention of the Palestinian lawmaker has been extended for "
                          "another six months.")
    assert [e.type for e in found].count("COERCE") == 1


@pytest.mark.parametrize(("text", "sector"), [
    ("PARIS - The driver opened fire on the crowd on Friday.", "CRM"),
    ("PARIS - A man stabbed two police officers near the Louvre on Friday.", "CRM"),
    ("PARIS - Protesters attacked two police officers near the Louvre on Friday.", "CVL"),
])
def test_events_an_attacker_named_only_as_a_person_is_a_criminal(coded: Coded, text: str,
                                                                  sector: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT" and e.source]
    assert found and all(e.source.sector == sector for e in found if e.source)


def test_events_a_missile_launched_from_a_country_was_launched_by_it(coded: Coded) -> None:
    found = events(coded, "SEOUL - The military said the missile was launched from near the "
                          "North Korean capital, Pyongyang, on Tuesday.")
    launches = [e for e in found if e.trigger == "launched"]
    assert launches and all(e.source is not None and e.source.code == "PRK"
                            for e in launches)


@pytest.mark.parametrize("text", [
    "The Serbian army on Wednesday called up a new group of volunteers.",
    "France dispatched two battalions to Mali on Wednesday.",
])
def test_events_calling_up_or_dispatching_forces_is_a_mobilisation(coded: Coded,
                                                                   text: str) -> None:
    assert any(e.type == "MOBILIZE" for e in events(coded, text))


@pytest.mark.parametrize("text", [
    "North Korea lobbed two missiles far above a fishing town on Japan's northern island "
    "on Tuesday.",
    "TOKYO - North Korea fired over Japan again on Friday.",
    "TOKYO - North Korea fired a missile over Japan on Tuesday. The rogue state fired an "
    "intercontinental over Japan, proving it can hit the US.",
])
def test_events_a_launch_over_a_country_is_no_attack_on_it(coded: Coded, text: str) -> None:
    found = events(coded, text)
    assert any(e.type == "MOBILIZE" for e in found)
    assert all(e.type != "ASSAULT" for e in found)


@pytest.mark.parametrize(("text", "target"), [
    ("Hundreds of students began a hunger strike in Jakarta on Monday to protest against "
     "Australia's decision.", "AUS"),
    ("A group of Chechen refugees began a hunger strike on Monday in protest of the Russian "
     "government's refusal to talk.", "RUS"),
    ("Thousands of workers marched in Paris on Monday against the government's pension "
     "reform.", "FRA"),
    # (where what is protested happened names no one it is against)
    ("Thousands of Italians marched in Rome on Saturday to protest at the war in Iraq.", None),
])
def test_events_whose_act_a_protest_is_against_is_its_target(coded: Coded, text: str,
                                                             target: str | None) -> None:
    found = [e for e in events(coded, text) if e.type == "PROTEST"]
    assert found and all((e.target.country if e.target else None) == target for e in found)


@pytest.mark.parametrize(("text", "kind"), [
    ("Protesters hurled rocks at riot police in Athens on Sunday.", "ASSAULT"),
    ("Villagers pelted the police with stones in Bihar on Monday.", "ASSAULT"),
    ("Palestinian youths threw stones during the demonstrations in Hebron on Friday.",
     "PROTEST"),
])
def test_events_stones_thrown_at_people_assault_them_else_a_riot(coded: Coded, text: str,
                                                                  kind: str) -> None:
    found = [e for e in events(coded, text) if e.trigger in ("hurled", "pelted", "threw")]
    assert found and all(e.type == kind for e in found)


@pytest.mark.parametrize(("text", "coded_as_event"), [
    ("The 85th victim died after the attack in Nice, the mayor said on Monday.", False),
    ("More now on the deadly attack in the city of Nice.", False),
    ("Gunmen carried out an attack in Nice on Friday, killing two police officers.", True),
    # what a speaker calls the act told
    ("Scores of people were killed Thursday night when a large truck plowed through a "
     "Bastille Day crowd in Nice, France, in what President Francois Hollande called a "
     "terror attack.", False),
])
def test_events_an_attack_named_with_its_place_alone_is_a_label(
        coded: Coded, text: str, coded_as_event: bool) -> None:
    assert any(e.type == "ASSAULT" and e.trigger == "attack"
               for e in events(coded, text)) is coded_as_event


@pytest.mark.parametrize(("text", "source"), [
    ("A U.S. Black Hawk helicopter was shot down near Tikrit on Friday.", "IRQCRM"),
    ("The Syrian city of Homs was shelled again on Tuesday night.", "SYRCRM"),
])
def test_events_an_aircraft_shot_down_or_a_place_shelled_by_no_one_named(
        coded: Coded, text: str, source: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert found and all(e.source is not None and e.source.code == source for e in found)


@pytest.mark.parametrize(("text", "source"), [
    ("Three Palestinians were killed in Israeli tank shelling in Gaza on Monday.", "ISR"),
    ("More than 100 militants were killed in renewed attacks by Syrian army forces in "
     "Deir ez-Zor.", "SYR"),
    ("Dozens of people have been killed during a Turkish military operation in the town of "
     "Cizre.", "TUR"),
])
def test_events_the_attack_people_were_killed_in_names_the_attacker(
        coded: Coded, text: str, source: str) -> None:
    found = [e for e in events(coded, text) if e.trigger == "killed"]
    assert found and all(e.source is not None and e.source.country == source
                         and e.source.sector != "CRM" for e in found)


@pytest.mark.parametrize(("text", "source"), [
    ("Meyer was shot and killed by police in Vienna, Austria, in 1999.", "AUTCOP"),
    ("A student was fatally shot by police in a city of the south on Saturday.", "COP"),
    ("Nearly 80 people were killed in Nice, mowed down by a truck driven through a crowd.",
     "FRACRM"),
])
def test_events_a_passive_by_agent_is_its_doer_and_a_thing_is_none(
        coded: Coded, text: str, source: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert found and all(e.source is not None and e.source.code == source for e in found)


def test_events_a_protest_during_an_act_is_not_the_doers(coded: Coded) -> None:
    found = events(coded, "A student was fatally shot by Bangladeshi police in Khulna during "
                          "a protest.")
    assert all(not (e.type == "PROTEST" and e.source and e.source.sector == "COP")
               for e in found)


def test_events_the_doer_of_an_act_after_clashes_was_a_side_of_them(coded: Coded) -> None:
    found = events(coded, "Greek police arrested twelve protesters after clashes near the "
                          "parliament, a police spokesman said.")
    assert any(e.type == "ASSAULT" and e.source is not None and e.source.code == "GRCCOP"
               for e in found)


@pytest.mark.parametrize(("text", "protest"), [
    ("We marched on through the woods until we reached the farmhouse.", False),
    ("Every schoolchild who has been marched through the museum remembers the whale.",
     False),
    ("Thousands of students marched in Dhaka on Monday against the new tax.", True),
])
def test_events_a_march_the_narrator_made_is_a_walk(coded: Coded, text: str,
                                                    protest: bool) -> None:
    assert ("PROTEST" in {e.type for e in events(coded, text)}) is protest


@pytest.mark.parametrize(("text", "retold"), [
    # a weapon launched again with no one named, after the article reported a launch
    ("North Korea fired a ballistic missile over Japan on Tuesday. Three short-range "
     "missiles were launched on Saturday.", True),
    ("North Korea fired a ballistic missile over Japan on Tuesday. The missile flew about "
     "3,700 kilometers before landing in the sea.", True),
    # its flight's distance alone tells it again (a plane's would visit no one)
    ("North Korea fired a ballistic missile over Japan on Tuesday. The missile flew about "
     "3,700 kilometers.", True),
    ("North Korea fired a ballistic missile over Japan on Tuesday. The missiles that flew "
     "2,700 kilometers were of a new kind.", True),
    # a weapon a participle says was launched
    ("North Korea fired a ballistic missile over Japan on Tuesday. By comparison, a "
     "missile launched in July flew 3,700 kilometers high.", True),
    # a definite launch noun, the subject of its clause, with its weapon named
    ("North Korea fired a ballistic missile over Japan on Tuesday. The launch of the "
     "Hwasong-12 missile was supervised by leader Kim Jong Un.", True),
    # or the object of its clause
    ("North Korea fired a ballistic missile over Japan on Tuesday. The US military "
     "detected the launch from Sunan at 6:57 a.m.", True),
    # after a preposition it only refers to the launch
    ("North Korea fired a ballistic missile over Japan on Tuesday. Sirens sounded in "
     "Hokkaido after the launch.", False),
])
def test_events_a_weapon_launched_again_is_a_retelling(coded: Coded, text: str,
                                                      retold: bool) -> None:
    second = text.index(". ") + 2
    found = [e for e in events(coded, text) if e.type == "MOBILIZE"
             and e.evidence is not None and e.evidence.trigger_spans[0][0] >= second]
    assert bool(found) is retold


@pytest.mark.parametrize(("text", "targets"), [
    # an attack with no object struck whom its participle clause says it killed or wounded,
    # each group an event of its own, and the bomb that did it is no second attack
    ("A bomb exploded near a market in Baghdad, killing 11 people.", ["IRQCVL"]),
    ("A roadside bomb detonated on a main road in Baghdad, killing two soldiers and "
     "wounding 13 others.", ["IRQMIL", "IRQMIL"]),
    # or whom it targeted
    ("The Syrian army launched a new offensive near Homs on Tuesday, targeting Islamic "
     "State fighters.", ["IMGREB"]),
])
def test_events_an_attack_strikes_whom_it_killed_or_wounded(
        coded: Coded, text: str, targets: list[str]) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert [e.target.code if e.target else None for e in found] == targets


@pytest.mark.parametrize(("text", "expected"), [
    # the skies patrolled over a country are where, the partners are each other
    ("The United States and Britain patrolled the skies over northern Iraq.",
     {("COOPERATE", "USA", "GBR"), ("COOPERATE", "GBR", "USA")}),
    # nor is a country whose border is patrolled a partner
    ("French troops patrolled the border with Germany.", {("MOBILIZE", "FRA", None)}),
])
def test_events_an_area_patrolled_is_no_target(coded: Coded, text: str,
                                               expected: set[tuple[str, ...]]) -> None:
    assert dyads(events(coded, text)) == expected


@pytest.mark.parametrize(("text", "source", "target"), [
    # who died was struck; who struck is in the phrase of what killed them
    ("Two people died in police firing in Bharuch on Tuesday.", "INDCOP", "INDCVL"),
    ("Three soldiers died in Israeli shelling near Gaza.", "ISRMIL", "ISRMIL"),
])
def test_events_the_dead_are_the_target_of_what_killed_them(
        coded: Coded, text: str, source: str, target: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert [(e.source.code if e.source else None, e.target.code if e.target else None)
            for e in found] == [(source, target)]


@pytest.mark.parametrize("text", [
    "An attacker drove a truck into the crowd in Nice on Thursday.",
    "A gunman crashed a truck into crowds of tourists in Nice.",
])
def test_events_a_vehicle_driven_into_a_crowd_is_an_attack(coded: Coded, text: str) -> None:
    assert ("ASSAULT", "FRA", "FRA") in dyads(events(coded, text))


@pytest.mark.parametrize(("text", "target"), [
    # what is patrolled, or where a test flies, is no one
    ("Cypriot police units patrolled the neighborhood on the outskirts of the town.", None),
    ("Japan deployed destroyers near the Korean peninsula.", None),
    # what the mobilisation watches for or is against is its target
    ("French police patrolled the suburbs on Wednesday to watch for rioters.", "FRA"),
    ("Britain mobilized army reservists for a possible war against Iraq on Tuesday.", "IRQ"),
])
def test_events_a_mobilisation_is_aimed_only_at_whom_it_is_said_to_be(
        coded: Coded, text: str, target: str | None) -> None:
    found = [e for e in events(coded, text) if e.type == "MOBILIZE"]
    assert found and {e.target.country if e.target else None for e in found} == {target}


def test_events_a_bombing_strikes_whom_it_went_off_beside(coded: Coded) -> None:
    found = events(coded, "A roadside bomb exploded near a British army patrol on Monday.")
    assert any(e.type == "ASSAULT" and e.target and e.target.country == "GBR" for e in found)


@pytest.mark.parametrize(("text", "target"), [
    # a weapon flown over a country is aimed at no one (guide section 8)
    ("North Korea conducted a missile launch over Japan on Tuesday.", None),
    # forces reinforced in a place are there for its people
    ("Israel strengthened its forces in Lebanon on Friday.", "LBN"),
])
def test_events_where_a_mobilisation_happens_is_its_recipient_unless_a_weapon_flew(
        coded: Coded, text: str, target: str | None) -> None:
    found = [e for e in events(coded, text) if e.type == "MOBILIZE"]
    assert found and {e.target.country if e.target else None for e in found} == {target}


@pytest.mark.parametrize(("text", "country"), [
    # a town the recogniser takes for a body
    ("A singer was shot dead at a budget motel in Corpus Christi on Friday.", "USA"),
    # a province, and a peninsula named after its town
    ("Five party officials were shot dead in KwaZulu-Natal province on Monday.", "ZAF"),
    ("Two soldiers were shot dead in their camp on the Jaffna Peninsula.", "LKA"),
    # a body whose last word is also a town's name is still no place
    ("A drone killed the head of the Islamic Police in Mosul on Monday.", "IRQ"),
])
def test_events_where_an_attack_happened_names_its_unknown_attackers_country(
        coded: Coded, text: str, country: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert found and found[0].location is not None and found[0].location.country == country


@pytest.mark.parametrize("text", [
    # the blast that killed them was near the town
    "A car bombing near the town of Tikrit on Friday killed two American soldiers.",
    # a town the tagger misreads, which the gazetteer spells with accents (Sāmarrā’)
    "A roadside bomb exploded in Samarra on Sunday, killing one U.S. soldier.",
])
def test_events_an_attacks_place_names_its_unknown_attackers_country(coded: Coded,
                                                                      text: str) -> None:
    # (a bombing that kills is coded on the bombing, with its victims as the target)
    found = [e for e in events(coded, text) if e.trigger in ("killed", "exploded", "bombing")]
    assert found and all(e.location is not None and e.location.country == "IRQ"
                         for e in found)
    assert {e.source.country for e in found if e.source} == {"IRQ"}


def test_events_a_protest_airing_a_grievance_is_against_what_it_is_with(coded: Coded) -> None:
    found = events(coded, "Students in Lahore blocked a highway to show their anger at "
                          "India's trade policy.")
    assert ("PROTEST", "PAK", "IND") in dyads(found)


@pytest.mark.parametrize(("text", "protest"), [
    ("About 300 farmers demonstrated outside parliament in Rome on Monday.", True),
    # an "object" behind a comma is the parser's
    ("In Munich, about 500 people demonstrated outside the city's US consulate, "
     "brandishing signs.", True),
    # with an object, a that-clause or in the passive it shows something
    ("The bombing demonstrated the growing reach of the militants.", False),
    ("Italy demonstrated that it could act alone.", False),
    ("The army's strength was demonstrated by the parade.", False),
])
def test_events_demonstrate_is_a_protest_only_without_an_object(
        coded: Coded, text: str, protest: bool) -> None:
    found = [e for e in events(coded, text) if e.trigger.startswith("demonstrat")]
    assert any(e.type == "PROTEST" for e in found) is protest


@pytest.mark.parametrize(("text", "coded_as_attack"), [
    # a running toll by no one named
    ("More than 90,000 people have been killed in the country since 2012.", False),
    ("At least 600 people have been killed on both sides so far.", False),
    ("The civil war has killed more than 50,000 people since 2014.", False),
    # a count of thousands, or the toll of a war
    ("At least 2,300 civilians were killed in Yemen in March, the ministry said.", False),
    ("Some 40,000 people have been killed in the civil war.", False),
    # a total, or deaths spread over days, months or years
    ("A total of 1,003 Iraqis were killed in September, according to the United Nations.",
     False),
    ("At least 25 Daesh fighters were killed since Wednesday.", False),
    ("About the same number are now being killed each month.", False),
    ("At least 1,959 members of the Iraqi security forces have been killed since the "
     "launch of the Mosul operation.", False),
    # a toll that says who did part of it tells their acts
    ("As many as 2,000 people had been killed in the violence, including 100 in police "
     "firing.", True),
    # a doer named, or one act told in the present perfect
    ("Drone strikes have killed at least six militant leaders since June.", True),
    ("Three soldiers have been killed in an attack near Kandahar.", True),
])
def test_events_a_running_death_toll_is_no_attack(coded: Coded, text: str,
                                                 coded_as_attack: bool) -> None:
    found = [e for e in events(coded, text) if e.trigger == "killed"]
    assert bool(found) is coded_as_attack


@pytest.mark.parametrize("text", [
    "At least five villagers were killed during an attack by gunmen on Sunday.",
    "Seven people were killed amid heavy shelling by government forces in Douma.",
    "Nine civilians were killed as government warplanes bombarded the town of Idlib.",
])
def test_events_deaths_told_as_an_attacks_toll_are_that_attack(coded: Coded,
                                                               text: str) -> None:
    found = events(coded, text)
    assert found and "killed" not in {e.trigger for e in found}
    assert {e.type for e in found} == {"ASSAULT"}


@pytest.mark.parametrize("text", [
    "A string of bomb attacks killed fourteen people in Kenya on Saturday.",
    "In Kenya, a car bomb destroyed a hotel on Friday, killing eight people.",
])
def test_events_whom_an_attack_that_kills_kills_is_its_target(coded: Coded,
                                                              text: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert found and all(e.target is not None and e.target.code == "KENCVL" for e in found)


def test_events_a_second_toll_is_no_attack_of_the_first(coded: Coded) -> None:
    found = events(coded, "In Tripoli, two gunmen were killed while four Lebanese soldiers "
                          "were wounded on Saturday.")
    assert {"killed", "wounded"} <= {e.trigger for e in found}


def test_events_a_missile_drill_is_a_mobilisation(coded: Coded) -> None:
    found = events(coded, "Japan staged a ballistic missile drill off its coast on Friday.")
    assert ("MOBILIZE", "JPN", None) in dyads(found)


@pytest.mark.parametrize(("text", "kind"), [
    ("The army retaliated against the rebels on Monday.", "ASSAULT"),
    ("Japan said it would retaliate if its ships were attacked.", "THREATEN"),
])
def test_events_retaliation_is_an_attack_and_a_promised_one_a_threat(
        coded: Coded, text: str, kind: str) -> None:
    assert kind in {e.type for e in events(coded, text) if e.trigger.startswith("retaliat")}


def test_events_a_town_named_on_an_attack_is_where_not_who(coded: Coded) -> None:
    found = [e for e in events(coded, "The Kirkuk bombing killed 12 people on Friday.")
             if e.trigger == "bombing"]
    assert found and all(e.source is None or e.source.text != "Kirkuk" for e in found)


def test_events_an_attack_noun_taken_by_a_named_doer_is_that_doers(coded: Coded) -> None:
    found = [e for e in events(coded, "Syrian rebels said Turkey launched a military "
                                      "offensive in Syria on Monday.")
             if e.trigger == "offensive"]
    assert found and {e.source.country for e in found if e.source} == {"TUR"}


def test_events_one_condemnation_is_one_accusation_however_many_words_condemn(
        coded: Coded) -> None:
    found = events(coded, "\u201cNorth Korea\u2019s reckless action is an unprecedented, "
                          "serious and a grave threat to our nation,\u201d Japanese Prime "
                          "Minister Shinzo Abe told reporters.")
    assert [e.type for e in found] == ["ACCUSE"]


def test_events_an_act_the_copula_names_again_is_one_event(coded: Coded) -> None:
    text = ("North Korea fired a missile on Tuesday. The launch was North Korea's 13th "
            "ballistic missile launch this year, a spokesman said.")
    second = text.index(". ") + 2
    found = [e for e in events(coded, text) if e.type == "MOBILIZE"
             and e.evidence is not None and e.evidence.trigger_spans[0][0] >= second]
    assert len(found) == 1


def test_events_a_clash_between_two_sides_of_one_code_is_each_side_s_act(
        coded: Coded) -> None:
    found = events(coded, "Ethnic Turks and Kurds clashed in Vienna on Sunday evening.")  # TUR, AUT
    assert len([e for e in found if e.type == "ASSAULT"]) == 2


@pytest.mark.parametrize(("text", "kind"), [
    ("Syrian army jets carried out dozens of strikes on rebel positions near Idlib.",
     "ASSAULT"),
    ("Thousands of Greek dockworkers went on strike in Piraeus on Monday.", "PROTEST"),
])
def test_events_a_strike_by_an_armed_force_is_an_attack(coded: Coded, text: str,
                                                        kind: str) -> None:
    assert [e.type for e in events(coded, text) if e.trigger in ("strike", "strikes")] == [kind]


@pytest.mark.parametrize(("text", "attacks"), [
    # an attack no one is named for is coded when the sentence tells its toll or its date
    ("At least nine members of the group were killed in the airstrike.", 1),
    ("Residents still speak of the air raid on May 12, 2015.", 1),
    # a kind of attack spoken of in general is none
    ("None of the vehicle attacks carried out in the name of the groups caused mass "
     "casualties.", 0),
])
def test_events_an_attack_with_no_actor_is_coded_when_told_of(coded: Coded, text: str,
                                                             attacks: int) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"
             and e.trigger in ("airstrike", "raid", "air raid", "attacks")]
    assert len(found) == attacks


@pytest.mark.parametrize(("text", "bombing"), [
    # a blast told alone is a bombing
    ("The blast occurred near the central market in Kabul on Monday.", True),
    # an accident's is none
    ("A gas explosion ripped through a factory in Tianjin on Monday.", False),
    # as its sentence or the one before tells
    ("A furnace at a steel plant in Rayong exploded on Thursday. The explosion occurred "
     "in the main hall.", False),
    # a bombing is told as one, whatever else is said
    ("Suicide bombers are suspected to be behind the twin blasts that rocked a church "
     "near the port on Sunday.", True),
])
def test_events_a_blast_is_a_bombing_unless_an_accident(coded: Coded, text: str,
                                                         bombing: bool) -> None:
    found = [e for e in events(coded, text) if e.trigger.startswith(("blast", "explosion"))]
    assert bool(found) is bombing



def test_events_strikes_led_by_an_abbreviated_country_are_its(coded: Coded) -> None:
    found = [e for e in events(coded, "The town was hit by U.S.-led airstrikes on Monday.")
             if e.type == "ASSAULT"]
    assert found and found[0].source is not None and found[0].source.code == "USA"


def test_events_the_toll_of_an_accidental_blast_is_no_attack(coded: Coded) -> None:
    text = ("Explosions tore through an industrial area where toxic chemicals were stored. "
            "The blasts killed at least 50 people.")
    assert not [e for e in events(coded, text) if e.type == "ASSAULT"]



@pytest.mark.parametrize(("text", "source"), [
    # a force that was moved is its own side's mobilisation (the PLOVER manual, MOBILIZE)
    ("Thousands of U.S. troops were deployed to Kuwait on Monday.", ("USA", "MIL")),
    ("Hundreds of Brazilian police were deployed in Sao Paulo ahead of the protests.",
     ("BRA", "COP")),
])
def test_events_a_force_deployed_in_the_passive_is_its_sides(
        coded: Coded, text: str, source: tuple[str, str]) -> None:
    found = [e for e in events(coded, text) if e.type == "MOBILIZE"]
    assert [(e.source.country, e.source.sector) for e in found if e.source] == [source]


@pytest.mark.parametrize("text", [
    # raising forces and security, as the PLOVER manual's MOBILIZE has it
    "Rebels recruited hundreds of young men in the north.",
    "The army summoned conscripts in preparation for a renewed offensive.",
    "The Hungarian government responded by increasing security around synagogues.",
])
def test_events_raising_forces_or_security_mobilizes(coded: Coded, text: str) -> None:
    assert "MOBILIZE" in {e.type for e in events(coded, text) if e.modality == "asserted"}


@pytest.mark.parametrize(("text", "attack"), [
    # once a story has told an accident's toll, its later tolls with no doer are the same
    # accident's
    ("At least seven people were killed when a tram derailed in Croydon on Wednesday. "
     "Police say 27 people are injured.", False),
    # unless the story told an attack too
    ("Gunmen opened fire on a bus near Nairobi on Monday. Six people were killed when the "
     "bus crashed. Police say 27 people are injured.", True),
])
def test_events_later_tolls_of_an_accident_are_no_attack(coded: Coded, text: str,
                                                         attack: bool) -> None:
    injured = [e for e in events(coded, text) if e.trigger == "injured"]
    assert bool(injured) is attack
