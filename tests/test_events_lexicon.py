"""What the event coder's words report and when they report nothing (triggers.csv,
senses.csv, frames.csv), on sentences written for the tests, one behaviour per test."""

from __future__ import annotations

import pytest
from _events import Coded, dyads, events

from newsevents.events import load_lexicon
from newsevents.events.lexicon import correct_lemmas, inflections
from newsevents.nlp import load_model
from newsevents.settings import Settings

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)


@pytest.mark.parametrize(("text", "kind"), [
    ("The Chicago police department said it was reviewing the shooting.", "ACCUSE"),
    ("The ministry is reviewing what happened at the border crossing.", "ACCUSE"),
    ("The Japanese foreign minister reached out to his Chinese counterpart on Monday.",
     "AGREE"),
])
def test_events_a_review_of_an_incident_and_an_overture(coded: Coded, text: str,
                                                        kind: str) -> None:
    assert kind in {e.type for e in events(coded, text)}


@pytest.mark.parametrize(("text", "criticism"), [
    ("Kenya's opposition leader questioned the government's decision to cut fuel subsidies.",
     True),
    ("Kenyan police questioned three suspects on Monday.", False),
])
def test_events_questioning_a_decision_is_criticism(coded: Coded, text: str,
                                                    criticism: bool) -> None:
    found = [e for e in events(coded, text) if e.trigger == "questioned"]
    assert any(e.type == "ACCUSE" and e.cameo == "111" for e in found) is criticism


@pytest.mark.parametrize("text", [
    "An Israeli military court on Monday extended her remand by eight days.",
    "The suspect was remanded in custody by a court in Delhi on Monday.",
])
def test_events_a_court_holding_someone_longer_detains_them(coded: Coded, text: str) -> None:
    assert any(e.type == "COERCE" and e.source is not None and e.source.sector == "JUD"
               for e in events(coded, text))


@pytest.mark.parametrize(("text", "kinds"), [
    ("Fighting resumed in eastern Ukraine after the collapse of the ceasefire between Kiev "
     "and the rebels.", set()),
    ("The breakdown of the truce between Israel and Hamas was followed by heavy shelling.",
     set()),
    ("The Syrian army announced the end of the truce on Monday.", {"REJECT"}),
    ("Hezbollah said on Sunday it was suspending a ceasefire in the Wadi Barada area.",
     {"REJECT"}),
])
def test_events_a_truce_that_collapses_or_ends_is_no_ceasefire(coded: Coded, text: str,
                                                              kinds: set[str]) -> None:
    found = {e.type for e in events(coded, text) if e.type in ("RETREAT", "REJECT")}
    assert found == kinds


@pytest.mark.parametrize(("text", "kind"), [
    ("Nicaragua ejected five international observers on Friday.", "SANCTION"),
    ("Ghana expelled a British journalist on Monday.", "COERCE"),
    ("Russia expelled the staff of the British embassy on Monday.", "SANCTION"),
    ("The rebels called off their participation in the peace talks in Islamabad.",
     "SANCTION"),
    ("A Nigerian court handed down prison sentences on Monday to two former governors.",
     "SANCTION"),
])
def test_events_expulsions_withdrawals_and_convictions(coded: Coded, text: str,
                                                      kind: str) -> None:
    assert kind in {e.type for e in events(coded, text)}


def test_events_recapturing_a_town_is_an_attack(coded: Coded) -> None:
    found = events(coded, "Iraqi troops recaptured the town of Tal Afar from Islamic State "
                          "fighters on Sunday.")
    assert [e.type for e in found if e.trigger == "recaptured"] == ["ASSAULT"]


def test_events_a_death_mourned_is_no_attack(coded: Coded) -> None:
    found = events(coded, "The singer is mourning the death of her cousin, who was shot "
                          "in Bridgetown on Tuesday.")
    assert not [e for e in found if e.trigger == "death"]


@pytest.mark.parametrize(("text", "threat"), [
    ("North Korea poses a grave threat to the region, the minister said.", False),
    ("Japan faces an unprecedented threat from North Korea.", False),
    ("Iran issued a threat against Israel on Monday.", True),
    # a threat lived with, or amid which something happens, is a danger, not a threat made
    ("The United States has lived with that threat from Russia for decades.", False),
    ("Amid the threat from Russia, Finland raised its defence budget.", False),
])
def test_events_a_threat_posed_or_faced_is_no_threat_made(coded: Coded, text: str,
                                                          threat: bool) -> None:
    assert ("THREATEN" in {e.type for e in events(coded, text)}) is threat


def test_events_a_review_of_a_budget_is_no_investigation(coded: Coded) -> None:
    found = events(coded, "The Japanese parliament reviewed the defence budget on Monday.")
    assert "ACCUSE" not in {e.type for e in found}


@pytest.mark.parametrize(("text", "meeting"), [
    ("The Turkish offensive was met with fierce resistance from Kurdish fighters.", False),
    ("Iran's nuclear proposal was met with skepticism by the United States.", False),
    ("The remark by the Kenyan minister was met with backlash from Ugandan officials.", False),
    ("Iran's foreign minister met with the French ambassador in Tehran on Monday.", True),
])
def test_events_a_move_met_with_a_reaction_is_no_meeting(coded: Coded, text: str,
                                                        meeting: bool) -> None:
    assert any(e.type == "CONSULT" for e in events(coded, text)) is meeting


@pytest.mark.parametrize(("text", "threat"), [
    ("Russia said Ukraine would face serious consequences if it joined NATO.", True),
    ("China said Japan will face retaliation for the new sanctions.", True),
    ("Officials said farmers will face higher costs next year.", False),
    ("Analysts said the consequences of the flood were severe.", False),
])
def test_events_consequences_a_speaker_says_someone_will_face_are_a_threat(
        coded: Coded, text: str, threat: bool) -> None:
    found = dyads(events(coded, text))
    assert any(t == "THREATEN" and s in ("RUS", "CHN") and g in ("UKR", "JPN")
               for t, s, g in found) is threat


@pytest.mark.parametrize(("text", "accused"), [
    ("CAIRO - Egyptian prosecutors put 20 opposition activists on trial on Saturday.", True),
    ("Prosecutors in Cairo brought charges of incitement against 20 activists on Saturday.",
     True),
    ("Goldman Sachs took a $5 billion charge for the new tax law.", False),
])
def test_events_a_trial_or_criminal_charges_accuse(coded: Coded, text: str,
                                                   accused: bool) -> None:
    assert any(e.type == "ACCUSE" for e in events(coded, text)) is accused


@pytest.mark.parametrize("text", [
    "The gunman pledged allegiance to the Islamic State group in a video.",
    "The militia's leader has sworn allegiance to al-Qaeda, the group said.",
])
def test_events_allegiance_pledged_is_support(coded: Coded, text: str) -> None:
    assert [e.type for e in events(coded, text)] == ["SUPPORT"]


@pytest.mark.parametrize("text", [
    "A Turkish court sentenced the opposition mayor to four years in prison on Monday.",
    "A Turkish court on Monday sentenced the opposition mayor to death for treason.",
])
def test_events_a_sentence_passed_is_a_conviction_and_coercion(coded: Coded, text: str
                                                                ) -> None:
    found = [e for e in events(coded, text) if e.modality == "asserted"]
    assert sorted(e.type for e in found) == ["COERCE", "SANCTION"]
    assert {e.source.country for e in found if e.source} == {"TUR"}


def test_events_a_conviction_and_its_sentence_are_one_sanction(coded: Coded) -> None:
    found = events(coded, "A Turkish court convicted the opposition mayor of insulting "
                          "officials on Monday and sentenced him to four years in prison.")
    assert sorted(e.type for e in found if e.modality == "asserted") == ["COERCE", "SANCTION"]


@pytest.mark.parametrize(("text", "threat"), [
    ("Nigeria's president vowed on Monday to destroy Boko Haram.", True),
    ("Russia vowed on Monday to retaliate against the new American sanctions.", True),
    ("Japan vowed on Monday to support the reconstruction of Iraq.", False),
])
def test_events_vowing_to_strike_is_a_threat(coded: Coded, text: str, threat: bool) -> None:
    assert any(e.type == "THREATEN" for e in events(coded, text)) is threat


@pytest.mark.parametrize(("text", "rejects"), [
    # rights denied are withheld (senses.csv); a claim denied is rejected
    ("Human rights are denied by fanatics in France, the president said.", False),
    ("Israel denied the accusations on Monday.", True),
])
def test_events_rights_denied_reject_nothing(coded: Coded, text: str, rejects: bool) -> None:
    assert any(e.type == "REJECT" for e in events(coded, text)) is rejects


@pytest.mark.parametrize(("text", "dyad"), [
    ("India began exporting rice to Belgium on Wednesday.", ("COOPERATE", "IND", "BEL")),
    ("Ivory Coast began importing palm oil from Malaysia.", ("COOPERATE", "CIV", "MYS")),
    ("Kenya trades with Uganda through the port of Mombasa.", ("COOPERATE", "KEN", "UGA")),
])
def test_events_trade_between_states_is_economic_cooperation(coded: Coded, text: str,
                                                             dyad: tuple[str, str, str]
                                                             ) -> None:
    assert dyad in dyads(events(coded, text))


def test_events_exports_with_no_partner_are_no_event(coded: Coded) -> None:
    assert not events(coded, "Kenya's exports fell five percent in May.")


@pytest.mark.parametrize("text", [
    "Kenya launched its first spacecraft on Tuesday.",
    "The Kenyan satellite was launched on Tuesday from the Baikonur spaceport.",
    "China deployed a rover on the lunar surface on Thursday.",
])
def test_events_a_launch_into_space_is_no_show_of_force(coded: Coded, text: str) -> None:
    assert "MOBILIZE" not in {e.type for e in events(coded, text)}


@pytest.mark.parametrize("text", [
    "Egypt's opposition leader expressed anger over the arrests.",
    "The Kenyan foreign minister voiced his frustration with the talks on Monday.",
    "The Egyptian activist campaigned against the policies of the military council.",
])
def test_events_displeasure_voiced_is_disapproval(coded: Coded, text: str) -> None:
    assert any(e.type == "ACCUSE" and e.cameo == "111" for e in events(coded, text))


def test_events_a_crackdown_is_coercion(coded: Coded) -> None:
    found = events(coded, "Egyptian authorities launched a severe crackdown on Islamists.")
    assert {e.type for e in found if e.trigger == "crackdown"} == {"COERCE"}


@pytest.mark.parametrize(("text", "kind"), [
    ("The Kenyan opposition leader appealed the verdict on Monday.", "REJECT"),
    ("The Kenyan opposition leader appealed for calm on Monday.", "REQUEST"),
])
def test_events_appealing_a_verdict_rejects_it(coded: Coded, text: str, kind: str) -> None:
    assert {e.type for e in events(coded, text) if e.trigger == "appealed"} == {kind}


@pytest.mark.parametrize("text", [
    "North Korea is building up its military.",
    "Peru raised the alert level of its armed forces on Monday.",
    "Libyan forces are increasing their fighting strength.",
])
def test_events_forces_built_up_or_alerted_are_mobilised(coded: Coded, text: str) -> None:
    assert "MOBILIZE" in {e.type for e in events(coded, text)}


def test_events_a_price_raised_mobilises_no_one(coded: Coded) -> None:
    assert "MOBILIZE" not in {e.type for e in events(coded, "Kenya raised the fuel price.")}


def test_events_a_resignation_is_a_retreat_as_the_manual_says(coded: Coded) -> None:
    found = events(coded, "The Kenyan finance minister resigned on Tuesday.")
    resigned = [e for e in found if e.trigger == "resigned"]
    assert [(e.type, e.mode, e.cameo) for e in resigned] == [("RETREAT", "resign", "0831")]
    assert resigned[0].evidence is not None and any(
        note.startswith("manual:") for note in resigned[0].evidence.recoded)


def test_events_a_resignation_announced_keeps_the_tables_type(coded: Coded) -> None:
    found = events(coded, "The Kenyan finance minister said he would step down next month.")
    assert "RETREAT" not in {e.type for e in found}


@pytest.mark.parametrize(("text", "support"), [
    ("The former Egyptian president, who hailed from the Muslim Brotherhood, spoke on "
     "Monday.", False),
    ("Egypt hailed the agreement with Sudan.", True),
])
def test_events_hailing_from_a_group_praises_no_one(coded: Coded, text: str,
                                                    support: bool) -> None:
    assert ("SUPPORT" in {e.type for e in events(coded, text)}) is support


@pytest.mark.parametrize(("text", "agrees"), [
    # an offer made to a partner is an agreement; a bid for a company is none, nor is an
    # offer reported with no one it was made to
    ("Broadcom Ltd. made a sweetened offer for Qualcomm Inc. that valued the chipmaker at "
     "121 billion dollars.", False),
    ("The Saudi government made an offer to acquire the American company on Monday.", False),
    ("Japan's state-owned bank made a takeover offer for the Korean company.", False),
    ("The Turkish government made a new offer to Egypt on Sunday.", True),
    ("Iran made an offer of talks to the United States on Monday.", True),
])
def test_events_an_offer_is_an_agreement_with_a_partner_not_a_bid(coded: Coded, text: str,
                                                               agrees: bool) -> None:
    assert ("AGREE" in {e.type for e in events(coded, text)}) is agrees


@pytest.mark.parametrize("text", [
    "Washington imposed sanctions targeting Iran's oil exports on Monday.",
    # a participle the parser hangs on its noun still has that noun for its object
    "The U.S. tax reform will cut profit this year by about 5 billion dollars, mainly "
    "because of a tax targeting earnings held abroad.",
])
def test_events_measures_targeting_trade_and_money_attack_no_one(coded: Coded,
                                                                 text: str) -> None:
    assert not {"ASSAULT", "THREATEN"} & {e.type for e in events(coded, text)}


@pytest.mark.parametrize("text", [
    "The Seleka rebels returned over 100 seized trucks to the civilian population on Monday.",
    "Rebels returned the seized property to the government as part of the peace accord.",
])
def test_events_returning_what_was_seized_is_a_retreat(coded: Coded, text: str) -> None:
    assert "RETREAT" in {e.type for e in events(coded, text)}


@pytest.mark.parametrize("text", [
    "The U.S. military has begun moving dozens of soldiers into South Vietnam.",
    "India rushed troops to the border with China on Monday.",
])
def test_events_moving_troops_is_a_deployment(coded: Coded, text: str) -> None:
    assert "MOBILIZE" in {e.type for e in events(coded, text)}


@pytest.mark.parametrize(("text", "dyad"), [
    ("Egypt joined forces with Saudi Arabia to fight piracy in the Red Sea.",
     ("COOPERATE", "EGY", "SAU")),
    ("China and Russia teamed up to block the resolution.", ("COOPERATE", "RUS", "CHN")),
])
def test_events_joining_forces_is_cooperation(coded: Coded, text: str,
                                             dyad: tuple[str, str, str]) -> None:
    assert dyad in dyads(events(coded, text))


@pytest.mark.parametrize("text", [
    "The Security Council imposed new measures on North Korea on Monday.",
    "A Kenyan court imposed a heavy fine on the Ugandan transport minister.",
])
def test_events_measures_and_fines_imposed_are_sanctions(coded: Coded, text: str) -> None:
    assert "SANCTION" in {e.type for e in events(coded, text)}


@pytest.mark.parametrize(("word", "form", "listed"), [
    ("stage", "stages", True),
    ("stage", "staged", True),
    ("push", "pushes", True),
    ("veto", "vetoes", True),
    ("rally", "rallies", True),
    # "-es" after a hiss or an o only: these are other words
    ("sit", "sites", False),
    ("aid", "aides", False),
    ("plan", "planes", False),
])
def test_events_inflections_are_regular_forms_only(word: str, form: str,
                                                   listed: bool) -> None:
    assert (form in inflections(word)) is listed


@pytest.mark.parametrize(("text", "word", "lemma"), [
    ("Presidential aides met reporters in Seoul.", "aides", "aide"),
    ("Russian planes bombed the town.", "planes", "plane"),
    ("The army captured three sites near the border.", "sites", "site"),
])
def test_events_nouns_keep_their_lemma(settings: Settings, text: str, word: str,
                                       lemma: str) -> None:
    doc = load_model(settings.model)(text)
    correct_lemmas(load_lexicon(), doc)
    assert next(t for t in doc if t.text == word).lemma_ == lemma
