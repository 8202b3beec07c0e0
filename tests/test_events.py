"""The event coder on sentences written for the tests, one behaviour per test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from _events import Coded, dyads, events

from newsevents.events import load_lexicon
from newsevents.settings import Settings

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)


def test_events_lexicon_codes_are_all_in_the_cameo_table() -> None:
    lex = load_lexicon()
    codes = {r.cameo for rules in lex.rules.values() for r in rules}
    assert codes <= set(lex.cameo) and len(lex.rules) > 300


def test_events_a_bare_event_noun_reports_nothing(coded: Coded) -> None:
    assert not events(coded, "The visit was long.")


def test_events_carry_their_evidence(coded: Coded) -> None:
    event = events(coded, "Last month, Pyongyang cut off all communication lines with "
                          "Seoul.")[0]
    ev = event.evidence
    assert ev is not None and ev.source is not None and ev.target is not None
    assert ev.rule.startswith("triggers.csv:") and "cut off" in ev.rule_text
    assert ev.source["how"] == "subject" and ev.target["text"] == "Seoul"
    assert ev.time["text"] == "Last month"
    # The rule coded it; "+model" says the event model let it stand.
    assert event.coder in ("rule:" + ev.rule, "rule:" + ev.rule + "+model")


@pytest.mark.parametrize(("text", "cameo"), [
    ("Russia suspended military aid to Serbia.", "162"),  # aid is what is suspended
    ("Russia suspended military exercises near Ukraine.", "087"),
])
def test_events_the_nearest_object_decides_the_code(coded: Coded, text: str,
                                                   cameo: str) -> None:
    assert [e.cameo for e in events(coded, text)] == [cameo]


def test_events_a_headline_opening_an_article_is_not_coded_again(coded: Coded) -> None:
    text = ("Iran Accuses Israel Of Sabotage\n\n"
            "Iran accused Israel of sabotage at a nuclear site on Sunday.")
    assert [e.trigger for e in events(coded, text)] == ["accused"]


def test_events_a_text_that_is_only_a_headline_is_coded(coded: Coded) -> None:
    assert dyads(events(coded, "Iran accuses Israel of sabotage")) == {
        ("ACCUSE", "IRN", "ISR")}


@pytest.mark.parametrize("text", [
    "The Egyptian ministry declined to comment.",
    "The footage sparked debate about the Israeli soldiers' refusal to react.",
])
def test_events_declining_to_comment_or_react_rejects_no_one(coded: Coded, text: str) -> None:
    assert not [e for e in events(coded, text) if e.type == "REJECT"]


@pytest.mark.parametrize(("text", "expected"), [
    ("A Seoul court fined Samsung on Monday.", ("SANCTION", "KOR", None)),
    ("An Indian court ordered the company to pay compensation on Monday.",
     ("SANCTION", "IND", "IND")),
    ("Boko Haram freed 21 schoolgirls on Thursday.", ("RETREAT", "NGA", "NGA")),
    ("Japan expressed regret to China over the incident on Monday.", ("CONCEDE", "JPN", "CHN")),
])
def test_events_what_the_manual_says_of_fines_releases_and_regret(
        coded: Coded, text: str, expected: tuple[str, ...]) -> None:
    assert expected in dyads(events(coded, text))


@pytest.mark.parametrize(("text", "kind"), [
    # PLOVER's "seize" mode: a raid is coercion unless it comes from the air
    ("Police raided the house of the two suspects in Cairo on Monday.", "COERCE"),
    # the intended destruction of property is ASSAULT "destroy"
    ("Rioters torched a police station in Cairo on Monday.", "ASSAULT"),
    # a new military post is a show of force
    ("Turkish forces set up a new observation post in Idlib on Monday.", "MOBILIZE"),
    # manoeuvres held jointly are military cooperation
    ("The US military held joint military maneuvers with South Korea on Saturday.",
     "COOPERATE"),
    ("North Korea fired a projectile over Japanese territory on Friday.", "MOBILIZE"),
    # a town taken by force is an attack (guide section 12)
    ("Syrian troops captured the town of Palmyra from the rebels on Sunday.", "ASSAULT"),
    # studying an act together with a partner is intelligence cooperation
    ("The South Korean military said it is analyzing the launch with the United States.",
     "COOPERATE"),
    # a meeting that is another act's occasion is a meeting too
    ("Putin showed his support for Serbia at a Kremlin meeting with Serbian President "
     "Boris Tadic.", "CONSULT"),
    # sent to prison or put behind bars is jailed
    ("The court sent the former minister to prison on Monday.", "COERCE"),
    ("Two opposition leaders were put behind bars in Dhaka on Monday.", "COERCE"),
    # a police sting catches those it snares
    ("An FBI sting operation in Ohio netted six suspects on Friday.", "COERCE"),
    # sanctions slapped on someone are sanctions, not a slap
    ("The United States slapped sanctions on Iran on Monday.", "SANCTION"),
    # an exercise held with a partner is cooperation
    ("Japan held a naval exercise with India on Monday.", "COOPERATE"),
])
def test_events_raids_arson_and_new_posts_take_their_plover_type(coded: Coded, text: str,
                                                                 kind: str) -> None:
    assert kind in {e.type for e in events(coded, text)}


@pytest.mark.parametrize("text", [
    "On Monday, the Syrian Arab Army captured another strategic point from the Islamic "
    "State.",
    "Syrian troops liberated the town of Palmyra from the Islamic State on Sunday.",
    # a named place, the object of the verb or of its conjunct
    "Israel captured and annexed Arab east Jerusalem in 1967.",
    # land the tagger names as a region, a share of a country, land taken from a
    # country, land also occupied
    "Northern Bukovina was captured by Soviet troops in 1940.",
    "Rebel fighters have since captured the northern half of Mali.",
    "The Nahal orchards were captured from Syria in 1973.",
    "The old quarter was captured and annexed by the army in 1920.",
    # buildings and sites taken in fighting are places too
    "Syrian troops captured several building blocks in Jobar on Monday.",
    "The army captured three sites near the border on Sunday.",
])
def test_events_a_place_taken_is_an_attack_on_it_not_a_taking_of_people(
        coded: Coded, text: str) -> None:
    # (CAMEO 190, conventional military force; 181 is an abduction)
    assert [e.cameo for e in events(coded, text) if e.type == "ASSAULT"] == ["190"]


def test_events_studying_something_alone_is_no_cooperation(coded: Coded) -> None:
    assert not events(coded, "Experts at the institute are analyzing the data.")


def test_events_a_fugitive_the_tagger_took_for_a_place_is_arrested(coded: Coded) -> None:
    found = events(coded, "Panamanian police captured Henao on Jan. 10 in a remote part of "
                          "southern Panama.")
    assert [e.type for e in found if e.trigger == "captured"] == ["COERCE"]


@pytest.mark.parametrize(("text", "visits"), [
    ("North Korea's leader arrived in Beijing on Monday.", 1),
    # private travellers, and a missile's flight, are no visits
    ("DALLAS (AP) - The two players later flew first class to Sioux Falls.", 0),
    ("The missile travelled about 2,700 km before it fell into the Pacific.", 0),
    # people carried somewhere visit no one, and neither does whoever carried them
    ("The freed girls were flown by military helicopter to Maiduguri on Friday.", 0),
])
def test_events_a_visit_is_made_by_a_state_or_a_body(coded: Coded, text: str,
                                                     visits: int) -> None:
    found = [e for e in events(coded, text) if e.cameo in ("042", "043", "044")]
    assert len(found) == visits


@pytest.mark.parametrize("text", [
    "Guinea's rebel movement said on Sunday it was pulling out of talks with the government.",
    "The Taliban withdrew from the negotiations with the Afghan government on Monday.",
])
def test_events_leaving_talks_halts_negotiations(coded: Coded, text: str) -> None:
    assert "164" in {e.cameo for e in events(coded, text)}


def test_events_code_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Two countries named once each: which is the story's must not follow a set's order,
    # which changes with the hash seed from one run to the next.
    path = tmp_path / "a.txt"
    path.write_text("NATO confirmed on Wednesday it would tighten the naval blockade of "
                    "Serbia in the Adriatic with Albania's help.", encoding="utf-8")
    outputs = {subprocess.run([sys.executable, "-m", "newsevents.cli", "code", str(path),
                               "--format", "csv"], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3", "4", "5", "6")}
    assert len(outputs) == 1


@pytest.mark.parametrize(("text", "code"), [
    # a passive's subject is what the verb acts on: the condition "fire a missile" holds
    ("Three missiles were fired into the sea.", "194"),
    ("North Korea fired three missiles into the sea.", "194"),
])
@pytest.mark.slow
def test_events_a_passive_subject_meets_a_triggers_object_condition(
        settings: Settings, text: str, code: str) -> None:
    from newsevents.events.triggers import TriggerMatcher
    from newsevents.nlp import load_model

    doc = load_model(settings.model)(text)
    found = TriggerMatcher(load_lexicon()).candidates(doc[:])
    assert [c.cameo for c in found if c.token.lemma_ == "fire"] == [code]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "code"), [
    # a gerund used as a noun says what its verb says, object conditions included
    ("The ministry announced the lifting of the curfew.", "lifting", "0813"),
    ("The signing of the treaty took place in Paris.", "signing", "057"),
    ("The shelling of Aleppo continued.", "shelling", "194"),
])
def test_events_a_gerund_noun_takes_its_verbs_rules(settings: Settings, text: str, word: str,
                                                    code: str) -> None:
    from newsevents.events.triggers import TriggerMatcher
    from newsevents.nlp import load_model

    doc = load_model(settings.model)(text)
    found = TriggerMatcher(load_lexicon()).candidates(doc[:])
    assert [c.cameo for c in found if c.token.text == word] == [code]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "lemma"), [
    # the tagger takes the past tense for a present and leaves it as written
    ("Two Russian bombers overflew the island on Monday.", "overflew", "overfly"),
    # a prefixed verb inflects as its stem does
    ("Peshmerga forces retook the town from the Islamic State.", "retook", "retake"),
    # a noun spelled like a past tense stays a noun
    ("He took a shot at the goal.", "shot", "shot"),
])
def test_events_an_irregular_past_tense_takes_its_verbs_lemma(settings: Settings, text: str,
                                                              word: str, lemma: str) -> None:
    from newsevents.events.lexicon import correct_lemmas
    from newsevents.nlp import load_model

    doc = load_model(settings.model)(text)
    correct_lemmas(load_lexicon(), doc)
    assert [t.lemma_ for t in doc if t.text == word] == [lemma]


@pytest.mark.slow
def test_events_a_gerund_with_no_trigger_verb_is_no_candidate(settings: Settings) -> None:
    from newsevents.events.triggers import TriggerMatcher
    from newsevents.nlp import load_model

    doc = load_model(settings.model)("The building stood empty in the morning.")
    assert TriggerMatcher(load_lexicon()).candidates(doc[:]) == []


@pytest.mark.parametrize(("text", "coerced"), [
    # put off a plane by its operator, whom the sentence need not name
    ("DALLAS — A passenger was booted from a flight on Sunday.", True),
    ("DALLAS — The striker booted the ball into the net on Sunday.", False),
])
def test_events_being_put_off_a_plane_is_coerced(coded: Coded, text: str,
                                                  coerced: bool) -> None:
    found = [e for e in events(coded, text) if e.type == "COERCE"]
    assert bool(found) is coerced
    if coerced:
        assert found[0].source is not None and found[0].source.code == "USABUS"


@pytest.mark.parametrize(("text", "accused"), [
    ("The Security Council expressed grave concern at the detention of the sailors.", True),
    # a concern no one voices is no accusation
    ("Security concerns grew in the capital after the blast.", False),
])
def test_events_voicing_concern_is_an_accusation(coded: Coded, text: str,
                                                 accused: bool) -> None:
    assert any(e.type == "ACCUSE" for e in events(coded, text)) is accused


@pytest.mark.parametrize(("text", "coded_as_event"), [
    # senses of a trigger that report no event (senses.csv)
    ("The golfer captured his biggest career title in Tokyo on Sunday.", False),
    ("The beating was captured by a surveillance camera in the lobby.", False),
    # the kind or contents of the phrase's object tell it too
    ("Two policemen were captured on video beating a woman in Cairo.", False),
    ("The abuse was captured in a series of photographs published in May.", False),
    ("The skier captured the win in Lake Louise on Saturday.", False),
    ("Rebels captured two soldiers near the border on Sunday.", True),
])
def test_events_a_sense_that_reports_no_event_is_not_coded(coded: Coded, text: str,
                                                           coded_as_event: bool) -> None:
    assert any(e.trigger.startswith("captured") for e in events(coded, text)) is coded_as_event


def test_events_an_event_noun_about_another_is_still_reported(coded: Coded) -> None:
    # the attack is what the inquiry is about, not a second noun "opened"
    found = events(coded, "PARIS — A gunman killed 84 people in Nice on Thursday. The "
                          "prosecutor's office said it was opening a judicial enquiry into "
                          "the attack.")
    assert any(e.type == "ACCUSE" and e.trigger == "enquiry" for e in found)


@pytest.mark.parametrize(("text", "seized"), [
    ("Anti-terror prosecutors took over the investigation on Friday.", False),
    ("Rebels took over the town of Kunduz on Friday.", True),
])
def test_events_taking_over_a_case_or_a_post_seizes_nothing(coded: Coded, text: str,
                                                           seized: bool) -> None:
    assert any(e.trigger == "took over" for e in events(coded, text)) is seized


@pytest.mark.slow
def test_events_a_relative_clauses_antecedent_meets_a_triggers_object_condition(
        settings: Settings) -> None:
    from newsevents.events.triggers import TriggerMatcher
    from newsevents.nlp import load_model

    # "fly over" a country is a show of force when a missile flies (triggers.csv)
    doc = load_model(settings.model)("The missiles that flew over Erimo created a threat.")
    found = TriggerMatcher(load_lexicon()).candidates(doc[:])
    assert [c.cameo for c in found if c.token.text == "flew"] == ["150"]


@pytest.mark.parametrize(("text", "kind"), [
    ("North Korea fired a missile on Tuesday. Seoul said it travelled around 2,700 km.",
     "CONSULT"),
    ("China will send a lunar probe to the far side of the moon this year.", "ACCUSE"),
    ("India sent a new probe to the far side of the moon last year.", "ACCUSE"),
])
def test_events_a_flight_or_a_space_probe_is_no_visit_or_inquiry(coded: Coded, text: str,
                                                                 kind: str) -> None:
    assert all(e.type != kind for e in events(coded, text))


@pytest.mark.parametrize(("text", "kind", "coded_as_event"), [
    # filming, games won, records released and allies left (senses.csv)
    ("The new phone makes images shot at night look brighter.", "ASSAULT", False),
    ("All the scenes for the episode were shot in Vancouver.", "ASSAULT", False),
    ("The Cubs beat the Indians 8-7 in the tenth inning on Wednesday.", "ASSAULT", False),
    ("Police shot two protesters in Nairobi on Wednesday.", "ASSAULT", True),
    # marchers winding their way hurt no one
    ("Anti-war activists wound their way through California on Sunday.", "ASSAULT", False),
    # a split with an ally attacks no one
    ("The Islamic State broke with Al Qaeda in 2014 after years of discord.", "ASSAULT",
     False),
    # a plane made to change course puts no one off it
    ("A flight to Tokyo was forced to turn around after a stowaway was found on board.",
     "COERCE", False),
    ("The two players were forced off the plane in Dallas.", "COERCE", True),
    # a cause, a fire or a case is fought, not an enemy
    ("France worked with Germany to fight terrorism.", "ASSAULT", False),
    ("Kenyan firefighters battled the blaze for six hours.", "ASSAULT", False),
    ("The fight against corruption in Kenya goes on.", "ASSAULT", False),
    ("Rebels fought government troops near Aleppo on Monday.", "ASSAULT", True),
    ("The Nigerian army released a video of the raid on Monday.", "RETREAT", False),
    ("Four wounded soldiers were released from hospital on Monday.", "RETREAT", False),
    ("Boko Haram released 21 schoolgirls in Banki on Thursday.", "RETREAT", True),
    # a gunman who killed himself attacked no one; rescuers free no captives, and those
    # rushed to hospital were rushed at by no one
    ("Police said the gunman killed himself before officers entered the room.", "ASSAULT",
     False),
    ("The Serbian police chief shot himself outside the parliament in Belgrade.", "ASSAULT",
     False),
    ("Kenyan firefighters worked for hours to free five people trapped in the wreckage.",
     "RETREAT", False),
    ("More than 50 people were rushed to hospital in Croydon after the crash.", "ASSAULT",
     False),
    ("Troops freed 20 hostages held in a church in Mali on Sunday.", "RETREAT", True),
    # a warning of a rising toll forecasts a count; a visit to the scene meets no one
    ("The London mayor warned that the death toll may well increase.", "THREATEN", False),
    ("Iran warned that any attack would be met with force.", "THREATEN", True),
    ("The London mayor visited the scene of the crash on Wednesday.", "CONSULT", False),
])
def test_events_filming_games_records_released_and_splits_are_no_events(
        coded: Coded, text: str, kind: str, coded_as_event: bool) -> None:
    assert any(e.type == kind for e in events(coded, text)) is coded_as_event


@pytest.mark.parametrize(("text", "expected"), [
    # ranking an act told before among its kind tells no act of its own
    ("It is the deadliest mass shooting in modern US history.", False),
    ("The attack was the worst terror attack in Kenya since 2015.", False),
    # a count does: it says there was one more
    ("This is the 15th North Korean missile test this year.", True),
])
def test_events_an_act_ranked_among_its_kind_is_no_new_event(coded: Coded, text: str,
                                                             expected: bool) -> None:
    assert bool(events(coded, text)) is expected


@pytest.mark.parametrize(("text", "kind"), [
    ("The Israeli strike on Iran was condemned by Russia.", "ASSAULT"),
    ("The union called a strike on the railways in Kenya.", "PROTEST"),
    ("Kenyan teachers went on strike on Monday.", "PROTEST"),
])
def test_events_a_strike_on_a_place_is_an_attack(coded: Coded, text: str, kind: str) -> None:
    assert kind in {e.type for e in events(coded, text) if e.trigger.startswith("strike")}


def test_events_relations_resumed_are_diplomatic_cooperation(coded: Coded) -> None:
    found = events(coded, "The United States on Tuesday resumed diplomatic relations with Cuba.")
    assert ("SUPPORT", "USA", "CUB") in dyads(found)


@pytest.mark.parametrize(("text", "kind"), [
    # a body with no troops takes back its presence: SANCTION `withdraw`
    ("Human Rights Watch has withdrawn from Georgia.", "SANCTION"),
    ("The United Nations withdrew its staff from Kenya on Monday.", "SANCTION"),
    ("The World Bank withdrew funding for the dam in Uganda.", "SANCTION"),
    # troops retreat
    ("Israeli troops withdrew from Gaza on Monday.", "RETREAT"),
    # a state leaving a treaty or a body withdraws itself from it (the manual's SANCTION
    # `withdraw`), not a military retreat
    ("The United States withdrew from the Paris climate agreement on Monday.", "SANCTION"),
    ("Russia withdrew from the Council of Europe on Monday.", "SANCTION"),
    ("Trump announced the withdrawal from the Iran nuclear deal on Monday.", "SANCTION"),
    # troops leave places, whatever their phrase names
    ("Israeli troops withdrew from the area covered by the agreement on Monday.", "RETREAT"),
])
def test_events_a_withdrawal_without_troops_reduces_relations(coded: Coded, text: str,
                                                              kind: str) -> None:
    assert {e.type for e in events(coded, text)} == {kind}


@pytest.mark.parametrize(("text", "shows"), [
    # one flight, however many words tell it
    ("A ballistic missile launched from North Korea on Friday flew over Japan and fell "
     "into the Pacific Ocean.", 1),
    # an act another is dated by is another act
    ("North Korea test-fired a missile on Friday, weeks after it conducted its sixth "
     "nuclear test.", 2),
])
def test_events_a_show_of_force_is_told_once_a_sentence(coded: Coded, text: str,
                                                        shows: int) -> None:
    assert len([e for e in events(coded, text) if e.type == "MOBILIZE"]) == shows


@pytest.mark.parametrize(("text", "aid"), [
    ("Two first-class passengers gave the players their blankets on Sunday.", False),
    ("The Japanese government gave Jordan emergency aid on Sunday.", True),
])
def test_events_civilians_giving_each_other_things_is_no_aid(coded: Coded, text: str,
                                                               aid: bool) -> None:
    assert any(e.type == "AID" for e in events(coded, text)) is aid


@pytest.mark.parametrize(("text", "expected"), [
    # a lender's approved loan or debt relief is economic aid (the PLOVER manual codes debt
    # forgiveness as AID)
    ("Japan approved debt relief for Ghana on Monday.", ("AID", "JPN", "GHA")),
    ("China approved a new loan for Kenya.", ("AID", "CHN", "KEN")),
    ("Germany announced a bailout for Portugal.", ("AID", "DEU", "PRT")),
    ("Canadian volunteers organised relief deliveries to Haiti.", ("AID", "CAN", "HTI")),
    # aiding someone is giving aid
    ("Iran has aided the Houthi rebels in Yemen with weapons.", ("AID", "IRN", "YEM")),
    ("Russian jets aided the Syrian army near Palmyra on Monday.", ("AID", "RUS", "SYR")),
    # handing out or rushing relief to people is humanitarian aid
    ("The Turkish Red Crescent distributed food and blankets to Syrian refugees.",
     ("AID", "TUR", "SYR")),
    ("Egyptian authorities rushed truckloads of aid supplies to Sudanese refugees.",
     ("AID", "EGY", "SDN")),
    # a sum of money given is economic aid, written as a sum ("$2 billion") or in words
    ("Japan gave $2 billion to Indonesia.", ("AID", "JPN", "IDN")),
    ("Norway provided $40 million to Ethiopia last year.", ("AID", "NOR", "ETH")),
    ("Japan gave 2 billion dollars to Indonesia.", ("AID", "JPN", "IDN")),
])
def test_events_loans_relief_and_deliveries_of_relief_are_aid(
        coded: Coded, text: str, expected: tuple[str, ...]) -> None:
    assert expected in dyads(events(coded, text))


@pytest.mark.parametrize("text", [
    "The rebels made concessions to the Philippine government on Monday.",
    "The Egyptian government suspended the curfew in Cairo on Monday.",
])
def test_events_concessions_and_suspended_curfews_are_concessions(coded: Coded,
                                                                  text: str) -> None:
    assert any(e.type == "CONCEDE" for e in events(coded, text))


@pytest.mark.parametrize("text", [
    "The mayor of Dhaka promised on Monday to end the curfew after the elections.",
    "The Armenian government pledged concessions to the opposition on Monday.",
])
def test_events_a_concession_promised_is_a_concession(coded: Coded, text: str) -> None:
    assert "CONCEDE" in {e.type for e in events(coded, text) if e.modality == "asserted"}


@pytest.mark.parametrize(("text", "code"), [
    ("The opposition suspended its protests in Lome for two weeks on Sunday.", "082"),
    ("The teachers' union halted the demonstrations in Nairobi on Monday.", "082"),
    ("The army suspended its exercises near the border on Monday.", "087"),
])
def test_events_protesters_who_suspend_their_protests_ease_dissent(coded: Coded, text: str,
                                                                   code: str) -> None:
    assert code in {e.cameo for e in events(coded, text)}


@pytest.mark.parametrize(("text", "code"), [
    ("Serbian forces breached the ceasefire near Pristina on Monday.", "196"),
    ("Rebels violated the truce in Aleppo on Monday.", "196"),
])
def test_events_breaking_a_truce_violates_the_ceasefire(coded: Coded, text: str,
                                                        code: str) -> None:
    assert code in {e.cameo for e in events(coded, text)}


@pytest.mark.parametrize(("text", "mode"), [
    ("Russian hackers carried out a ransomware attack on the Lithuanian energy ministry.",
     "cyber"),
    ("Chinese hackers accessed the email accounts of Indian ministers on Monday.", "cyber"),
    ("Hackers stole the personal data of 40 million Britons from the company.", "cyber"),
    ("Criminals exploited a vulnerability in the ministry's website on Monday.", "cyber"),
    ("The Kremlin launched a disinformation campaign targeting Ukrainian voters.",
     "misinformation"),
    ("Russia is spreading disinformation about the vaccine, the Polish minister said.",
     "misinformation"),
])
def test_events_hacking_and_deception_are_coercion_in_their_modes(coded: Coded, text: str,
                                                                  mode: str) -> None:
    assert ("COERCE", mode) in {(e.type, e.mode) for e in events(coded, text)}


@pytest.mark.parametrize("text", [
    "Thieves stole a number of cars in Paris on Monday.",
    "Serbian forces breached the ceasefire near Pristina on Monday.",
    "The two ministers accessed the summit hall through a side door.",
])
def test_events_taking_things_or_breaking_truces_is_no_cyber_act(coded: Coded,
                                                                 text: str) -> None:
    assert "cyber" not in {e.mode for e in events(coded, text)}


@pytest.mark.parametrize(("text", "visit"), [
    ("Japanese Prime Minister Shinzo Abe flew to Washington on Monday.", True),
    ("The Chinese president flew over the Alps on Monday.", False),
    ("The latest Japanese missile was the first to fly over Russia in several years.", False),
])
def test_events_flying_is_a_visit_only_to_somewhere(coded: Coded, text: str,
                                                     visit: bool) -> None:
    assert any(e.type == "CONSULT" for e in events(coded, text)) is visit


@pytest.mark.parametrize("text", [
    "TOKYO - North Korea fired a missile over Japan on Tuesday. Japan condemned the launch "
    "on Wednesday.",
    "TOKYO - NORTH KOREA FIRED A MISSILE OVER JAPAN ON TUESDAY. JAPAN CONDEMNED THE LAUNCH "
    "ON WEDNESDAY.",
    "tokyo - north korea fired a missile over japan on tuesday. japan condemned the launch "
    "on wednesday.",
])
def test_events_caseless_text_is_coded_as_its_cased_form(coded: Coded, text: str) -> None:
    found = events(coded, text)
    assert {("MOBILIZE", "PRK", None), ("ACCUSE", "JPN", "PRK")} <= dyads(found)
    assert all(e.sentence in text and e.trigger.lower() in e.sentence.lower() for e in found)


@pytest.mark.parametrize(("text", "target"), [
    ("The Russian foreign ministry said the American accusations were baseless.", "USA"),
    ("The Iranian government said on Monday that the charges were false.", None),
])
def test_events_saying_an_accusation_is_untrue_rejects_it(coded: Coded, text: str,
                                                          target: str | None) -> None:
    found = [e for e in events(coded, text) if e.type == "REJECT"]
    assert found and all((e.target.country if e.target else None) == target for e in found)


@pytest.mark.parametrize(("text", "expected"), [
    # aid workers or reporters captured by no one named were abducted, not arrested
    ("Two Italian aid workers were captured in Baghdad on Tuesday.", "181"),
    ("A French reporter was captured near the border on Sunday.", "181"),
    ("The suspect was captured in Baghdad on Tuesday.", "173"),
    # nor is anyone gunmen or unknown attackers capture: they kidnap
    ("The man was captured by unidentified attackers on April 13 near Baghdad.", "181"),
    # whom the police take is arrested, militants too; and alleged or wanted men are
    # suspects whoever takes them
    ("Turkish police captured dozens of militants in Istanbul on Monday.", "173"),
    ("Two rebel commanders were captured by Afghan police in Kunduz.", "173"),
    ("Troops captured three alleged militants near the border on Sunday.", "173"),
    # combatants taken in fighting are abducted
    ("Taliban fighters captured two Afghan soldiers on Monday.", "181"),
    # and schoolgirls or villagers taken by no one named: no authority holds them
    ("More than 200 schoolgirls were captured from a school in Dapchi on Monday.", "181"),
    ("Forty villagers were seized near Maiduguri on Sunday.", "181"),
    ("Two men were captured near Maiduguri on Sunday.", "173"),
    # people seized are taken captive; goods seized are a seizure
    ("Gunmen seized two engineers near Warri on Sunday.", "181"),
    ("Nigerian police seized three suspected kidnappers in Lagos on Friday.", "173"),
    ("Nigerian police seized 40 rifles in Lagos on Friday.", "171"),
])
def test_events_who_captures_whom_makes_an_arrest_or_an_abduction(
        coded: Coded, text: str, expected: str) -> None:
    found = [e for e in events(coded, text)
             if e.trigger.startswith(("captured", "seized"))]
    assert [e.cameo for e in found] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # captives handed over by whoever held them are set free; a suspect handed over by
    # a state is judicial cooperation
    ("Boko Haram militants handed over 21 schoolgirls to the Nigerian authorities on "
     "Thursday.", "0841"),
    ("Kenya handed over the suspect to Ugandan police on Friday.", "063"),
    ("The Red Cross handed the 21 girls to the Nigerian authorities on Thursday.", "0841"),
])
def test_events_captives_handed_over_are_released(coded: Coded, text: str,
                                                  expected: str) -> None:
    assert [e.cameo for e in events(coded, text)
            if e.trigger in ("handed", "handed over")] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # a release of captives is told even when no one is named as freeing or freed
    ("The release of the girls is the outcome of long negotiations, a spokesman said.",
     True),
    # other event nouns with no actor name no one's act
    ("The visit was long and the weather was fine, a spokesman said.", False),
])
def test_events_a_release_of_captives_needs_no_named_actor(coded: Coded, text: str,
                                                          expected: bool) -> None:
    found = [e for e in events(coded, text) if e.trigger in ("release", "visit")]
    assert bool(found) == expected


@pytest.mark.parametrize(("text", "word"), [
    # senses.csv: a camera captures a scene; sanctions target trade
    ("A traffic webcam on the bridge captured the event at noon.", "captured"),
    ("The European Union approved sanctions against Moscow on Monday, targeting its oil "
     "exports and banks.", "targeting"),
    # a crowd that dispersed was dispersed by no one
    ("Scrambling for safety, the crowd dispersed and took cover in nearby shops.",
     "dispersed"),
    # an event noun that only says what kind of thing another noun is
    ("Villagers near the border heard air raid sirens before dawn.", "air"),
    ("The mayor of Lagos called in riot police on Monday.", "riot"),
    # troops armed with rifles carry them; no one armed them (senses.csv)
    ("On Friday, Trinidadian troops armed with assault rifles patrolled the marina.",
     "armed"),
])
def test_events_words_that_report_no_act_are_not_coded(coded: Coded, text: str,
                                                       word: str) -> None:
    assert not [e for e in events(coded, text) if e.trigger.startswith(word)]


@pytest.mark.parametrize(("text", "kind"), [
    # warning or advising people to keep out of harm's way asks it of them
    ("NICE, France (AP) - The officials warned residents to stay indoors on Friday.",
     "REQUEST"),
    ("NICE, France (AP) - Residents of the city were advised to stay indoors on Friday.",
     "REQUEST"),
    # a warning of force is a threat
    ("North Korea warned of a strong military response on Friday.", "THREATEN"),
])
def test_events_warning_people_to_stay_away_is_a_request(coded: Coded, text: str,
                                                        kind: str) -> None:
    found = [e for e in events(coded, text) if e.trigger.startswith(("warned", "advised"))]
    assert [e.type for e in found] == [kind]


def test_events_a_gerund_where_a_noun_stands_is_the_event_noun(coded: Coded) -> None:
    found = events(coded, "Of the 100 who succumbed to the police firing, 60 were Hindus.")
    firing = [e for e in found if e.trigger == "firing"]
    assert firing and firing[0].type == "ASSAULT" and firing[0].source is not None
    assert firing[0].source.sector == "COP"


@pytest.mark.parametrize(("text", "consults"), [
    # a meeting of private people is no political consultation
    ("Reporters from Le Monde met students from the Sorbonne in Paris on Monday.", False),
    ("The French president met the chief executive of Renault in Paris.", True),
])
def test_events_a_consultation_needs_a_political_side(coded: Coded, text: str,
                                                      consults: bool) -> None:
    assert any(e.type == "CONSULT" for e in events(coded, text)) is consults


def test_events_dismay_read_as_an_adjective_is_still_disapproval(coded: Coded) -> None:
    found = events(coded, "Russia is deeply worried over the latest missile launches by "
                          "North Korea.")
    assert ("ACCUSE", "RUS", "PRK") in dyads(found)


@pytest.mark.parametrize("text", [
    "Government troops clashed with Western-backed rebels near Idlib on Monday.",
    "The army attacked militias backed by Iran near Basra on Monday.",
    "Backed by Russian airstrikes, Syrian troops advanced on Palmyra on Monday.",
])
def test_events_a_backing_that_describes_an_actor_is_no_support(coded: Coded,
                                                                 text: str) -> None:
    assert "SUPPORT" not in {e.type for e in events(coded, text)}


def test_events_objecting_without_its_preposition_is_disapproval(coded: Coded) -> None:
    found = events(coded, "Seoul held annual drills, to which Pyongyang strongly objects.")
    assert "ACCUSE" in {e.type for e in found if e.trigger == "objects"}


def test_events_exchanged_accusations_are_accusations(coded: Coded) -> None:
    found = events(coded, "Russia and Ukraine exchanged accusations over the shelling.")
    assert "ACCUSE" in {e.type for e in found if e.trigger.startswith("exchanged")}


@pytest.mark.parametrize("text", [
    # senses.csv: a round of golf, a price, a match lost, a controlled detonation
    "Brian Claar shot a 65 Saturday and moved into a second-place tie with Gabriel "
    "Hjertstedt of Sweden.",
    "In Yangon itself, the price of increasingly scarce water shot up by more than 500 "
    "percent.",
    "Roddick had bombed on the slow clay at the French Open.",
    "British munitions experts detonated a 1,000-pound World War Two bomb near the base.",
])
def test_events_sports_prices_and_bomb_disposal_are_no_attacks(coded: Coded,
                                                                text: str) -> None:
    assert "ASSAULT" not in {e.type for e in events(coded, text)}


@pytest.mark.parametrize(("text", "asks"), [
    ("That is the question many Kenyan voters are asking after the Nairobi vote.", False),
    ("Kenyan reporters asked the Ugandan minister several questions about the deal.", False),
    ("Kenya asked Uganda to reopen the border.", True),
])
def test_events_asking_a_question_is_no_request(coded: Coded, text: str, asks: bool) -> None:
    assert ("REQUEST" in {e.type for e in events(coded, text)}) is asks


@pytest.mark.parametrize("text", [
    "Gunmen shot 3 policemen in Kabul.",
    "Policemen chased the two surviving raiders inside the shrine and shot one as he took "
    "refuge in the temple.",
])
def test_events_a_number_of_victims_is_no_golf_score(coded: Coded, text: str) -> None:
    assert "ASSAULT" in {e.type for e in events(coded, text)}


@pytest.mark.parametrize(("text", "kind"), [
    # a ruler removed from power is coerced (PETRARCH2 files "oust" with deportation, 174)
    ("The Egyptian army ousted President Mohamed Morsi in July 2013.", "COERCE"),
    ("Egypt's army chief led the overthrow of President Mohamed Morsi in 2013.", "COERCE"),
    # troops driven out of a land are attacked
    ("A US-led coalition ousted Iraqi troops from Kuwait in February 1991.", "ASSAULT"),
])
def test_events_a_ruler_ousted_is_coerced_and_troops_ousted_are_attacked(
        coded: Coded, text: str, kind: str) -> None:
    assert [e.type for e in events(coded, text) if e.trigger.startswith(("oust", "over"))] == [
        kind]


def test_events_no_one_named_ousted_is_no_event(coded: Coded) -> None:
    assert not events(coded, "Their team was ousted from the tournament on Monday.")


@pytest.mark.parametrize(("text", "attacked"), [
    # an event noun that only classifies a thing names no event
    ("Residents in Sapporo were woken abruptly on Friday by blaring air raid sirens "
     "signaling a North Korean missile.", False),
    ("Israeli jets carried out an air raid on Gaza on Monday.", True),
])
def test_events_an_event_noun_classifying_a_thing_is_no_event(coded: Coded, text: str,
                                                              attacked: bool) -> None:
    assert any(e.type == "ASSAULT" for e in events(coded, text)) is attacked


@pytest.mark.parametrize(("text", "attacked"), [
    # a missile that hit the sea it was fired into attacked no one (senses.csv)
    ("North Korea said its missile hit the target waters in the Pacific on Friday.", False),
    ("Rockets hit an army base near Kabul on Monday.", True),
])
def test_events_a_missile_hitting_the_sea_attacks_no_one(coded: Coded, text: str,
                                                        attacked: bool) -> None:
    assert any(e.type == "ASSAULT" for e in events(coded, text)) is attacked


def test_events_those_an_act_prompts_to_act_are_not_its_targets(coded: Coded) -> None:
    found = events(coded, "The army ousted President Mamadou Tandja of Niger on Thursday, "
                          "prompting France to suspend aid to the country.")
    assert any(e.type == "SANCTION" and e.source is not None and e.source.country == "FRA"
               for e in found)
    assert all(e.target is None or e.target.country != "FRA" for e in found)


@pytest.mark.slow
def test_events_a_trial_no_one_is_named_for_is_the_courts(settings: Settings) -> None:
    from newsevents.actors import actor_step, load_kb
    from newsevents.events import Coder
    from newsevents.events.model import load_model as load_event_model
    from newsevents.models import Document
    from newsevents.nlp import parse_documents
    from newsevents.places import get_gazetteer

    coder = Coder(load_lexicon(), get_gazetteer(), load_kb(settings.actor_files),
                  load_event_model())
    doc = Document(id="t", text="Egyptian President Mohamed Morsi was put on trial on Monday.",
                   origin="t")
    doc = actor_step(settings)(next(parse_documents([doc], settings)))
    rule_events = [e for p in coder.proposals(doc) for e in p.rule_events]
    assert [(e.type, e.source and e.source.code, e.target and e.target.code)
            for e in rule_events] == [("ACCUSE", "EGYJUD", "EGYGOV")]


@pytest.mark.parametrize(("text", "kind"), [
    # a concession promised is CONCEDE, as the PLOVER manual codes future concessions
    ("The Kenyan government agreed to lift the curfew on Monday.", "CONCEDE"),
    ("Rebels in Niger agreed on Monday to lay down their arms.", "CONCEDE"),
    ("The Egyptian government offered to release 200 political prisoners.", "CONCEDE"),
    # an agreement to cooperate stays AGREE
    ("North Korea agreed to hold talks with South Korea on Monday.", "AGREE"),
])
def test_events_a_promised_concession_is_a_concession(coded: Coded, text: str,
                                                     kind: str) -> None:
    assert [e.type for e in events(coded, text)
            if e.trigger in ("agreed", "offered")] == [kind]


@pytest.mark.parametrize(("text", "kind"), [
    # words, not blows: an attack on a plan or on the media is criticism (guide: ACCUSE)
    ("The opposition leader attacked the government's budget proposal on Monday.",
     "ACCUSE"),
    ("Russia attacked the plan, saying it would undermine security.", "ACCUSE"),
    ("Rebels attacked the army base near Kandahar on Monday.", "ASSAULT"),
    ("A coalition drone attacked the group's positions near the Turkish border.", "ASSAULT"),
])
def test_events_attacking_a_plan_is_criticism(coded: Coded, text: str, kind: str) -> None:
    assert [e.type for e in events(coded, text) if e.trigger == "attacked"] == [kind]


@pytest.mark.parametrize(("text", "kind"), [
    # a state's forces closing a road restrict movement; people blocking it protest
    ("Riot police in Istanbul blocked the street with armored vehicles on Monday.", "COERCE"),
    ("Farmers in Punjab blocked the highway on Monday.", "PROTEST"),
])
def test_events_police_blocking_a_road_restrict_movement(coded: Coded, text: str,
                                                         kind: str) -> None:
    assert [e.type for e in events(coded, text) if e.trigger == "blocked"] == [kind]


@pytest.mark.parametrize(("text", "types"), [
    # land taken and then annexed is one taking; an annexation told alone stays
    ("Israel captured Arab east Jerusalem in 1967 and later annexed it.", ["ASSAULT"]),
    ("Tibet was forcibly annexed by China in 1951.", ["COERCE"]),
    # land said to be held is a standing hold, not a taking
    ("US troops drove into the neighborhood occupied by supporters of Moqtada al-Sadr.", []),
    ("Some buildings were still occupied by Islamist militants on Monday.", []),
    ("Rebels occupied the town hall in Bamako on Monday.", ["COERCE"]),
])
def test_events_an_annexation_told_with_its_taking_is_one_act(coded: Coded, text: str,
                                                              types: list[str]) -> None:
    assert [e.type for e in events(coded, text) if e.type in ("ASSAULT", "COERCE")] == types


def test_events_a_manual_type_without_a_mode_leaves_the_mode_empty(coded: Coded) -> None:
    # (triggers.csv's manual column gives CONCEDE alone for a promised concession)
    found = [e for e in events(coded, "The Kenyan government agreed to lift the curfew on "
                                      "Monday.") if e.trigger == "agreed"]
    assert [(e.type, e.mode) for e in found] == [("CONCEDE", None)]
    assert found[0].evidence is not None
    assert found[0].evidence.rule_text.endswith(",CONCEDE")


@pytest.mark.parametrize(("text", "kind", "word"), [
    # calling in forces mobilizes them; the trigger's own "in" names no place
    ("The governor of Texas called in the National Guard to restore order.", "MOBILIZE",
     "called in"),
    ("The mayor of Lagos called in riot police on Monday.", "MOBILIZE", "called in"),
    ("Islamic State recruited hundreds of foreign fighters in Syria last year.", "MOBILIZE",
     "recruited"),
    # arming or bankrolling an armed group is military or economic aid
    ("Iran armed the Houthi rebels with rockets.", "AID", "armed"),
    ("The rebels were armed by Iran.", "AID", "armed"),
    ("Saudi Arabia bankrolled the militia for years.", "AID", "bankrolled"),
])
def test_events_mobilizing_and_arming_forces(coded: Coded, text: str, kind: str,
                                             word: str) -> None:
    assert kind in {e.type for e in events(coded, text) if e.trigger.startswith(word)}


@pytest.mark.parametrize(("text", "pair"), [
    # "the two countries", "both sides": the countries of the last two named, whatever
    # body of each the text named
    ("Ethiopian and Kenyan officials met in Nairobi on Monday. The two countries signed "
     "a trade agreement on Thursday.", {"ETH", "KEN"}),
    ("Ethiopian officials met Kenya's foreign minister in Nairobi on Monday. Both sides "
     "agreed to hold more talks.", {"ETH", "KEN"}),
])
def test_events_a_pair_phrase_names_the_two_countries(coded: Coded, text: str,
                                                      pair: set[str]) -> None:
    second = [e for e in events(coded, text) if e.sentence.startswith(("The two", "Both"))]
    assert {e.source.country for e in second if e.source} == pair


@pytest.mark.parametrize("text", [
    # improving or forming ties is diplomatic cooperation (CAMEO 050, 054)
    "China and Russia strengthened their ties on Monday.",
    "Japan and South Korea improved relations last year.",
])
def test_events_improving_ties_is_support(coded: Coded, text: str) -> None:
    assert "SUPPORT" in {e.type for e in events(coded, text) if e.modality == "asserted"}


@pytest.mark.parametrize("text", [
    "U.S. President Donald Trump and Japanese Prime Minister Shinzo Abe held two phonecalls "
    "on Monday.",
    "U.S. President Donald Trump and Japanese Prime Minister Shinzo Abe held a phone call on "
    "Monday.",
])
def test_events_a_phone_call_is_a_consultation(coded: Coded, text: str) -> None:
    assert {e.cameo for e in events(coded, text)} == {"041"}


@pytest.mark.parametrize(("text", "kind"), [
    # a creditor agreeing to forgive a debt gives the relief (the PLOVER manual: AID)
    ("The Paris Club has agreed to forgive $200 million of Nigeria's debt.", "AID"),
    # a promise of other aid stays AGREE
    ("Japan agreed to provide loans to Kenya on Monday.", "AGREE"),
    # stopping or freezing what the other side objects to is a concession
    ("Israel agreed on Monday to stop building settlements in the West Bank.", "CONCEDE"),
])
def test_events_what_is_agreed_to_sets_the_type(coded: Coded, text: str, kind: str) -> None:
    assert [e.type for e in events(coded, text) if e.trigger == "agreed"] == [kind]


@pytest.mark.parametrize(("text", "kind"), [
    # "in" after a sum says what the sum is of, not where: the object condition holds
    ("Japan forgives $200 million in loan obligations owed by Kenya.", "AID"),
    ("The IMF has written off millions of dollars in debts owed by Albania.", "AID"),
])
def test_events_a_sum_in_a_thing_meets_the_object_condition(coded: Coded, text: str,
                                                            kind: str) -> None:
    assert kind in {e.type for e in events(coded, text)}


@pytest.mark.parametrize(("text", "code"), [
    # an enemy's bases and arms destroyed are attacked; homes destroyed are property
    ("Turkish warplanes destroyed Kurdish rebel positions in northern Iraq.", "190"),
    ("Israeli jets destroyed a Hamas tunnel in Gaza on Monday.", "190"),
    ("Militias destroyed dozens of homes in the village.", "1712"),
])
def test_events_what_forces_destroy_says_what_they_did(coded: Coded, text: str,
                                                      code: str) -> None:
    assert ("ASSAULT", code) in {(e.type, e.cameo) for e in events(coded, text)}


@pytest.mark.parametrize(("text", "code"), [
    ("Police stepped up security at airports after the bombing in Brussels.", "151"),
    ("France tightened security across the country on Friday.", "151"),
    ("The South Korean military has strengthened its surveillance of North Korea.", "152"),
])
def test_events_security_tightened_is_an_alert(coded: Coded, text: str, code: str) -> None:
    assert ("MOBILIZE", code) in {(e.type, e.cameo) for e in events(coded, text)}


def test_events_security_cooperation_strengthened_is_no_alert(coded: Coded) -> None:
    found = events(coded, "Seoul and Washington agreed to strengthen security cooperation.")
    assert "MOBILIZE" not in {e.type for e in found}


@pytest.mark.parametrize("text", [
    "The United States sent 200 military advisers to Iraq on Monday.",
    "Russia has deployed military instructors to Mali.",
])
def test_events_advisers_sent_to_another_state_are_military_aid(coded: Coded, text: str
                                                                ) -> None:
    assert ("AID", "072") in {(e.type, e.cameo) for e in events(coded, text)}


@pytest.mark.parametrize("text", [
    "The European Union froze the assets of three Russian oligarchs on Monday.",
    "Washington imposed an asset freeze on the Venezuelan central bank.",
])
def test_events_freezing_assets_is_a_sanction(coded: Coded, text: str) -> None:
    assert ("SANCTION", "163") in {(e.type, e.cameo) for e in events(coded, text)}


@pytest.mark.parametrize(("text", "trigger", "kind"), [
    ("The rebels declared a cease-fire on Monday.", "cease-fire", "RETREAT"),
    ("Workers at the plant in Ulsan staged a walk-out on Monday.", "walk-out", "PROTEST"),
    ("Police in Nairobi launched a crack-down on protesters.", "crack-down", "COERCE"),
])
def test_events_a_hyphenated_trigger_is_one_word(coded: Coded, text: str, trigger: str,
                                                 kind: str) -> None:
    assert (kind, trigger) in {(e.type, e.trigger) for e in events(coded, text)}


@pytest.mark.parametrize(("text", "kind", "present"), [
    # a visit's purpose clause tells another act of its doer
    ("Turkish President Recep Tayyip Erdogan visited Ankara on Monday to announce a "
     "ceasefire with the Kurdish rebels.", "RETREAT", True),
    # what an offer was to help bring about, and what a request asks for, stay theirs
    ("Syria offered its troops to Lebanon's President Elias Hrawi to help him oust "
     "General Michel Aoun.", "COERCE", False),
    ("Thousands of Iranians demonstrated in Tehran on Wednesday and called for an Islamic "
     "force to fight the Serbs.", "ASSAULT", False),
])
def test_events_a_purpose_clause_of_a_visit_is_its_own_act(coded: Coded, text: str,
                                                          kind: str, present: bool) -> None:
    assert (kind in {e.type for e in events(coded, text)}) is present


@pytest.mark.parametrize("text", [
    "A devastating typhoon struck northern China on Tuesday, killing more than 400 people.",
    "Floods destroyed 300 homes in Kerala on Monday.",
    "A powerful earthquake hit western Turkey on Sunday.",
])
def test_events_a_natural_disaster_is_no_attack(coded: Coded, text: str) -> None:
    assert [e.type for e in events(coded, text)] == []


@pytest.mark.parametrize(("text", "kind", "target"), [
    # troops that arrive somewhere are deployed there, and the place is no target
    ("About 500 U.S. troops arrived in Kuwait on Saturday.", "MOBILIZE", None),
    ("Russian warships arrived in the Syrian port of Tartus on Monday.", "MOBILIZE", None),
    # an official who arrives visits
    ("China's foreign minister arrived in Seoul on Monday.", "CONSULT", "KOR"),
])
def test_events_troops_arriving_are_deployed(coded: Coded, text: str, kind: str,
                                             target: str | None) -> None:
    assert [(e.type, e.target.country if e.target else None)
            for e in events(coded, text) if e.trigger == "arrived"] == [(kind, target)]


@pytest.mark.parametrize(("text", "protest"), [
    # workers who strike with nothing struck stop work (CAMEO 143)
    ("Teachers across Kenya struck on Monday to demand higher pay.", True),
    ("Thousands of workers at Hyundai struck on Friday over wages.", True),
    # a blow, a weapon, or someone struck is no labour strike
    ("Prison guards in Cairo struck a prisoner on Monday.", False),
    ("A North Korean missile struck near the coast of Japan on Tuesday.", False),
])
def test_events_workers_who_strike_protest(coded: Coded, text: str, protest: bool) -> None:
    found = {e.type for e in events(coded, text) if e.trigger == "struck"}
    assert ("PROTEST" in found) is protest


@pytest.mark.parametrize(("text", "kind"), [
    # workers who walk out strike; a delegation that walks out of talks halts them (the
    # parser often takes "out" for an adverb: it is the verb's particle all the same)
    ("Thousands of nurses in Nairobi walked out on Monday over pay.", "PROTEST"),
    ("The Kenyan delegation walked out of the talks in Geneva on Monday.", "SANCTION"),
])
def test_events_walking_out(coded: Coded, text: str, kind: str) -> None:
    assert kind in {e.type for e in events(coded, text) if e.trigger == "walked out"}


@pytest.mark.parametrize("text", [
    # what a state is able to do is no act of it
    "North Korea has the capability to strike the US mainland, officials said on Monday.",
    "The test showed the North's potential to hit targets 2,000 miles away.",
])
def test_events_a_capability_is_no_act(coded: Coded, text: str) -> None:
    assert "ASSAULT" not in {e.type for e in events(coded, text)}


@pytest.mark.parametrize(("text", "kind"), [
    # a body with no troops that leaves a country withdraws itself (the PLOVER manual:
    # SANCTION withdraw); troops and rebels retreat
    ("The Norwegian aid agency withdrew from South Sudan on Monday, citing insecurity.",
     "SANCTION"),
    ("Russian troops withdrew from the Syrian town of Palmyra on Monday.", "RETREAT"),
])
def test_events_a_civilian_body_that_withdraws_reduces_relations(coded: Coded, text: str,
                                                                 kind: str) -> None:
    assert [e.type for e in events(coded, text) if e.trigger == "withdrew"] == [kind]


@pytest.mark.parametrize(("text", "trigger"), [
    # giving up weapons disarms, armed groups that disband demobilise, forces pulled out
    # of a place retreat (PLOVER RETREAT)
    ("Hundreds of FARC fighters handed over their weapons to UN monitors on Monday.",
     "handed over"),
    ("The rebels in El Salvador disbanded last Saturday.", "disbanded"),
    ("Argentina began pulling its military personnel from the country on Monday.",
     "pulling"),
])
def test_events_giving_up_weapons_is_a_retreat(coded: Coded, text: str,
                                               trigger: str) -> None:
    assert "RETREAT" in {e.type for e in events(coded, text) if e.trigger == trigger}


@pytest.mark.parametrize("text", [
    # attacks on computers are COERCE `cyber` in the PLOVER manual, with its context
    "Hackers launched a cyber attack on the Dutch defence ministry's website on Monday.",
    "A massive cyber-attack by unidentified hackers knocked out the internet across "
    "Madagascar on Friday.",
    "Russian hackers hacked into the computers of the Democratic National Committee.",
])
def test_events_a_cyber_attack_is_coercion(coded: Coded, text: str) -> None:
    found = [e for e in events(coded, text) if e.type in ("COERCE", "ASSAULT")]
    assert [(e.type, e.mode, "cyber" in e.context) for e in found] == [
        ("COERCE", "cyber", True)]


@pytest.mark.parametrize(("text", "consult"), [
    # speaking with another state's leader consults; speaking to or meeting the press is a
    # statement to it (CAMEO 01), and a speech at a rally has no counterpart
    ("Indian Prime Minister Manmohan Singh spoke with Malawian President Peter Mutharika "
     "on Wednesday.", True),
    ("Kenyan President Uhuru Kenyatta talked to reporters in Nairobi on Monday.", False),
    ("Kenyan President Uhuru Kenyatta met journalists in Nairobi on Monday.", False),
    ("Indian Prime Minister Manmohan Singh spoke at a rally in Delhi on Wednesday.", False),
])
def test_events_speaking_with_a_counterpart_consults(coded: Coded, text: str,
                                                     consult: bool) -> None:
    assert ("CONSULT" in {e.type for e in events(coded, text)}) is consult


@pytest.mark.parametrize("text", [
    # ratifying an agreement signs it formally (CAMEO 057; the guide: SUPPORT)
    "The Kenyan parliament ratified the treaty with Uganda on Monday.",
    "Costa Rica has ratified the United Nations Convention on the Law of the Sea.",
])
def test_events_ratifying_a_treaty_is_support(coded: Coded, text: str) -> None:
    assert [e.type for e in events(coded, text) if e.trigger == "ratified"] == ["SUPPORT"]


def test_events_each_group_counted_among_the_victims_is_a_target(coded: Coded) -> None:
    found = events(coded, "At least three Tunisians and three Algerians were among the 84 "
                          "people killed when a Tunisian-born man ploughed a truck into crowds "
                          "in the French resort of Nice, officials said Friday.")
    targets = {e.target.country for e in found if e.trigger == "killed" and e.target}
    assert {"TUN", "DZA"} <= targets


@pytest.mark.parametrize(("text", "trigger", "cameo"), [
    # held on suspicion or in custody is detained
    ("The driver is being held on suspicion of manslaughter, Kenyan police said.", "held",
     "173"),
    # encouraging two sides to talk asks them to (as urging does)
    ("China has repeatedly encouraged the United States and North Korea to carry out "
     "direct dialogue.", "encouraged", "026"),
    # disputing a claim rejects it
    ("The Islamic State claimed the attack, but the Kenyan government disputed the claim.",
     "disputed", "120"),
])
def test_events_holding_encouraging_and_disputing(coded: Coded, text: str, trigger: str,
                                                  cameo: str) -> None:
    assert cameo in {e.cameo for e in events(coded, text) if e.trigger == trigger}


@pytest.mark.parametrize(("text", "trigger"), [
    # condolences offered or sent, thoughts with someone and prayers for them are sympathy
    ("Kenyan President Uhuru Kenyatta offered his condolences to the victims.", "offered"),
    ("Kenya sent its condolences to the families of the victims.", "sent"),
    ("We are praying for the wounded, the Kenyan president said.", "praying for"),
])
def test_events_condolences_and_prayers_are_support(coded: Coded, text: str,
                                                    trigger: str) -> None:
    assert {e.type for e in events(coded, text) if e.trigger == trigger} == {"SUPPORT"}


@pytest.mark.parametrize(("text", "accused"), [
    # what kind of act a speaker calls it condemns it
    ("The Kenyan president called the attack in Nairobi an act of pure evil.", True),
    ("The Kenyan president called the attack in Nairobi an act of cowardice.", True),
    # an act of a kind no one condemns accuses no one
    ("The Kenyan president called the agreement an act of faith.", False),
])
def test_events_calling_something_an_act_of_evil_accuses(coded: Coded, text: str,
                                                         accused: bool) -> None:
    assert any(e.type == "ACCUSE" for e in events(coded, text)) is accused
