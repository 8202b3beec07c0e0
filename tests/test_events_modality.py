"""Modality, negation, reported speech, time and place, on sentences written for the tests."""

from __future__ import annotations

import pytest
from _events import Coded, dyads, events

from newsevents.events import load_lexicon
from newsevents.events.modality import ModalityReader
from newsevents.nlp import load_model
from newsevents.settings import Settings

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)


def test_events_reported_speech_codes_the_reported_actor(coded: Coded) -> None:
    found = events(coded, "South Korean officials said North Korean troops attacked "
                          "South Korean soldiers.")
    assert dyads(found) == {("ASSAULT", "PRK", "KOR")}
    assert found[0].evidence and found[0].evidence.reported_by == "officials said"


def test_events_negation_is_marked_and_never_asserted(coded: Coded) -> None:
    found = events(coded, "The US government did not request a meeting with North Korean "
                          "officials.")
    assert [(e.type, e.modality) for e in found] == [("REQUEST", "negated")]


@pytest.mark.parametrize("text", [
    "North Korea would not meet US officials.",
    "North Korea said it would not meet US officials.",
    "North Korea has no intention of returning to talks with the US.",
    # "is going to" puts the act ahead as "will" does
    "North Korea is not going to meet US officials, its foreign ministry said.",
])
def test_events_a_declared_refusal_is_an_asserted_reject(coded: Coded, text: str) -> None:
    found = events(coded, text)
    assert ("REJECT", "PRK", "USA") in dyads(found)
    assert all(e.type != "CONSULT" or e.modality != "asserted" for e in found)


def test_events_failing_to_agree_is_a_reject(coded: Coded) -> None:
    found = events(coded, "Israel and Lebanon failed to reach an agreement on Sunday.")
    assert ("REJECT", "ISR", "LBN") in dyads(found)


@pytest.mark.parametrize(("text", "kind"), [
    ("North Korea plans to criticize South Korea.", "ACCUSE"),
    ("Iran hopes to accuse Israel at the United Nations.", "ACCUSE"),
])
def test_events_intended_events_are_marked_intended(coded: Coded, text: str,
                                                    kind: str) -> None:
    found = [e for e in events(coded, text) if e.type == kind]
    assert found and all(e.modality == "intended" for e in found)


@pytest.mark.parametrize(("text", "expected", "code"), [
    ("Japan will send aid to Nepal.", ("AGREE", "JPN", "NPL"), "033"),
    ("France is ready to meet Iranian officials.", ("AGREE", "FRA", "IRN"), "036"),
    ("Russia plans to impose sanctions on Georgia.", ("THREATEN", "RUS", "GEO"), "1312"),
    # a rejection declared ahead is a rejection now
    ("Russia will veto the French resolution on Syria.", ("REJECT", "RUS", "FRA"), "129"),
    # a concession declared ahead is a concession (the PLOVER manual: future concessions
    # do not reduce to AGREE, and announced retreats are CONCEDE)
    ("Egypt will lift the curfew in Cairo.", ("CONCEDE", "EGY", "EGY"), "081"),
    ("Israel will withdraw its troops from Gaza.", ("CONCEDE", "ISR", None), "080"),
])
def test_events_a_declared_intention_is_coded_as_its_expression(
        coded: Coded, text: str, expected: tuple[str, ...], code: str) -> None:
    found = events(coded, text)
    assert expected in dyads(found)
    assert [e.cameo for e in found if e.modality == "asserted"] == [code]
    assert all("+intent" in e.coder for e in found if e.modality == "asserted")


@pytest.mark.parametrize("text", [
    # a vow to strike is one threat, not a vow and a second threat to strike
    "The United States vowed to strike Islamic State fighters in Syria.",
    # nor an expression of intent to cooperate: hitting them is a use of force
    "The United States pledged to hit Islamic State fighters in Syria.",
])
def test_events_a_vow_to_use_force_is_one_threat(coded: Coded, text: str) -> None:
    found = events(coded, text)
    assert [(e.type, e.cameo) for e in found] == [("THREATEN", "138")]


@pytest.mark.parametrize("text", [
    "The UN chief said talks with Iran would be held next week.",
    "Her lawyer said she was certain the charges against Egypt would be dismissed.",
    # an event noun told as what would follow is foretold, not threatened
    "A US attack on North Korea would be a disaster for Seoul.",
    "An Israeli strike on Iran would trigger a regional war.",
])
def test_events_what_is_foretold_is_no_one_s_declared_intention(coded: Coded,
                                                                  text: str) -> None:
    assert not [e for e in events(coded, text) if e.modality == "asserted"]


def test_events_an_intention_held_for_another_actor_stays_intended(coded: Coded) -> None:
    found = events(coded, "The United States wants Iran to meet French officials.")
    assert not dyads(found) and any(e.modality == "intended" for e in found)


@pytest.mark.parametrize("text", [
    "If talks fail, Iran could attack Israel.",
    "Iran might attack Israel.",
    "Will Russia invade Ukraine?",
    # an act rehearsed or simulated in an exercise did not happen
    "The two armies rehearsed an invasion of the island.",
    # a noun of possibility or fear governs the act
    "The report raised the possibility that North Korea fired a missile at Japan.",
    "Villagers fled amid fears of an Israeli attack on Lebanon.",
])
def test_events_hypotheticals_and_questions_are_not_asserted(coded: Coded, text: str) -> None:
    found = events(coded, text)
    assert found and {e.modality for e in found} == {"hypothetical"}


@pytest.mark.parametrize("text", [
    "South Korea proposed last month that Seoul and Washington postpone their military "
    "drills until after the Games.",
    "The Turkish minister recommended that the army withdraw its troops from the town.",
])
def test_events_what_a_speaker_puts_forward_is_not_asserted(coded: Coded, text: str
                                                           ) -> None:
    found = [e for e in events(coded, text) if e.trigger.startswith(("postpone", "withdraw"))]
    assert not [e for e in found if e.modality == "asserted"]


def test_events_recommending_something_be_done_asks_for_it(coded: Coded) -> None:
    found = events(coded, "French President Francois Hollande recommended that the state "
                          "of emergency be extended by three months.")
    assert ("REQUEST", "FRA", None) in dyads(found)


def test_events_an_obligation_reported_by_a_speaker_is_a_demand(coded: Coded) -> None:
    found = events(coded, "Russia said Ukraine must withdraw its troops.")
    assert ("REQUEST", "RUS", "UKR") in dyads(found)


def test_events_an_attempt_is_asserted(coded: Coded) -> None:
    found = events(coded, "Iraqi rebels attempted to assassinate the prime minister.")
    assert [(e.type, e.modality) for e in found] == [("ASSAULT", "asserted")]


@pytest.mark.parametrize("text", [
    "Her lawyer said the maximum sentence of ten years in prison appears unlikely.",
    "An Israeli strike on Iran's nuclear sites is possible.",
])
def test_events_an_act_said_to_be_possible_or_unlikely_is_hypothetical(coded: Coded,
                                                                       text: str) -> None:
    assert all(e.modality == "hypothetical" for e in events(coded, text))


@pytest.mark.parametrize(("text", "value", "precision", "expression"), [
    ("Last month, Pyongyang cut off all communication lines with Seoul.", "2020-06",
     "month", "Last month"),
    ("US envoy Stephen Biegun arrived in Seoul on Tuesday.", "2020-07-07", "day",
     "Tuesday"),
    ("Iran will hold talks with France in November.", "2020-11", "month", "November"),
    ("Russia criticized Ukraine.", "2020-07-08", "day", None),
])
def test_events_are_dated_by_their_own_time_expression(coded: Coded, text: str, value: str,
                                                       precision: str,
                                                       expression: str | None) -> None:
    found = events(coded, text)
    assert [(e.date, e.date_precision) for e in found] == [(value, precision)]
    assert found[0].date_text is None if expression is None else (
        expression in (found[0].date_text or ""))


def test_events_each_event_gets_its_own_date(coded: Coded) -> None:
    found = events(coded, "Russia criticized Ukraine on Monday, a week after it attacked "
                          "Georgia last month.")
    dates = {e.type: e.date for e in found}
    assert dates == {"ACCUSE": "2020-07-06", "ASSAULT": "2020-06"}


def test_events_are_placed_where_they_happened_not_where_else(coded: Coded) -> None:
    found = events(coded, "After returning from Paris, the Egyptian foreign minister met "
                          "Israeli officials in Cairo.")
    consult = [e for e in found if e.type == "CONSULT"]
    assert consult and consult[0].location is not None
    assert consult[0].location.name == "Cairo"


def test_events_an_intention_on_condition_unless_is_an_ultimatum(coded: Coded) -> None:
    found = events(coded, "Nigeria will withdraw its troops from Chad unless Chad agrees to "
                          "a ceasefire.")
    assert [(e.cameo, e.modality) for e in found if e.source and e.source.country == "NGA"] \
        == [("139", "asserted")]


@pytest.mark.parametrize("text", [
    "Ukraine accused Russia of shelling civilian areas in Kharkiv.",
    "The UN Security Council condemned the attack on peacekeepers in Mali.",
])
def test_events_a_place_inside_another_act_is_not_the_events_place(coded: Coded,
                                                                    text: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ACCUSE"]
    assert found and all(e.location is None for e in found)


@pytest.mark.parametrize("text", [
    "Asked whether Iran would retaliate against Israel, the spokesman said nothing.",
    "Reporters asked the Iranian minister if Tehran would retaliate.",
])
def test_events_a_question_put_to_someone_is_no_request(coded: Coded, text: str) -> None:
    assert not [e for e in events(coded, text) if e.type == "REQUEST"]


def test_events_a_speaker_does_not_control_the_clause_reported(coded: Coded) -> None:
    # the parser leaves the reported clause without a subject ("Shelling" an auxiliary)
    found = events(coded, "Shelling hit a trolleybus in Donetsk on Thursday killing 8 people "
                          "and wounding about 20, an official said.")
    assert all(e.source is None or e.source.text != "official" for e in found)


@pytest.mark.parametrize("text", [
    '"We shouldn\'t live in a world like that," the mayor of Dallas said.',
    '"You must never give up," the Kenyan president told reporters on Monday.',
])
def test_events_an_obligation_on_the_speaker_or_anyone_is_no_demand(coded: Coded,
                                                                   text: str) -> None:
    assert all(e.type != "REQUEST" for e in events(coded, text))


@pytest.mark.parametrize(("text", "kind"), [
    ("Analysts say Iran may have tested a missile that its army threatened to fire at "
     "Israel last month.", "THREATEN"),
    ("Police could not find the men who attacked the Israeli embassy in Cairo.", "ASSAULT"),
])
def test_events_a_relative_clause_of_its_own_is_asserted(coded: Coded, text: str,
                                                        kind: str) -> None:
    assert kind in {e.type for e in events(coded, text) if e.modality == "asserted"}


def test_events_a_clause_of_its_own_time_is_its_own_event(coded: Coded) -> None:
    found = events(coded, "North Korea threatened to fire four missiles near Guam after "
                          "U.S. President Donald Trump warned Pyongyang would face fire and "
                          "fury.")
    assert ("THREATEN", "USA", "PRK") in dyads(found)


@pytest.mark.parametrize(("text", "kind"), [
    ("Protesters demanded the right to protest in Hong Kong.", "PROTEST"),
    ("The UN urged the government to respect the right to protest.", "PROTEST"),
])
def test_events_a_right_to_act_is_no_act(coded: Coded, text: str, kind: str) -> None:
    assert all(e.type != kind for e in events(coded, text))


@pytest.mark.parametrize(("text", "modality"), [
    # a noun denied with "no" denies the act that hangs from it
    ("The Japanese military saw no reason to shoot down the missile.", "negated"),
    ("The Japanese military saw a reason to shoot down the missile.", "asserted"),
])
def test_events_no_reason_to_act_denies_the_act(coded: Coded, text: str,
                                                modality: str) -> None:
    assert [e.modality for e in events(coded, text) if e.trigger.startswith("shoot")] \
        == [modality]


def test_events_a_relative_clause_on_a_demand_noun_is_an_act_of_its_own(coded: Coded) -> None:
    found = events(coded, "Protesters marched to request a new commission, a demand that "
                          "President Hernandez has rejected.")
    assert "REJECT" in {e.type for e in found if e.modality == "asserted"}


def test_events_a_passive_relative_clause_is_an_act_of_its_own(coded: Coded) -> None:
    found = events(coded, "The airline apologized to two students who were kicked off a "
                          "flight in Denver on Sunday.")
    assert {"CONCEDE", "COERCE"} <= {e.type for e in found}
    assert {e.source.sector for e in found if e.type == "COERCE" and e.source} == {"BUS"}


def test_events_a_passive_relative_clause_is_told_as_fact(coded: Coded) -> None:
    # the clause is no intention of the sentence around it ("bid" is no "bid to")
    found = events(coded, "Priya Sharma, who was murdered in Sydney by her husband, was bid "
                          "farewell at a crematorium in Melbourne on Thursday.")
    assert [e.type for e in found if e.trigger == "murdered"] == ["ASSAULT"]


@pytest.mark.parametrize(("text", "trigger"), [
    # an event noun said to be possible, or what is planned or guarded against
    ("Thousands of students protested in Barcelona against a possible attack on Iraq by "
     "the United States.", "attack"),
    ("Police patrolled New Delhi in preparation for possible violent protests by Tibetan "
     "separatists.", "protests"),
    ("Police revealed a conspiracy to murder the MP of Junagadh.", "murder"),
])
def test_events_what_is_possible_planned_or_guarded_against_is_not_asserted(
        coded: Coded, text: str, trigger: str) -> None:
    found = [e for e in events(coded, text) if e.trigger == trigger]
    assert found == [] or all(e.modality != "asserted" for e in found)
    assert all(e.modality == "asserted" for e in events(coded, text) if e.trigger != trigger)


def test_events_a_participle_describing_a_noun_is_told_as_fact(settings: Settings) -> None:
    # (read on the parse: whether the model codes this arrest moves with its bar)
    doc = load_model(settings.model)(
        "The Gujarat police denied reports about the possibility of the two Hizbul "
        "Mujahideen members arrested in Kolkata being involved in the attack.")
    arrested = next(t for t in doc if t.text == "arrested")
    assert ModalityReader(load_lexicon()).read(arrested).modality == "asserted"


@pytest.mark.parametrize(("text", "trigger"), [
    ("The Kenyan student could face ten years in prison after being charged with "
     "attacking a police officer.", "charged"),
    ("The Kenyan opposition leader could be arrested after having criticized the Ugandan "
     "president.", "criticized"),
])
def test_events_what_led_to_a_possibility_is_told_as_fact(
        coded: Coded, text: str, trigger: str) -> None:
    found = [e for e in events(coded, text) if e.trigger == trigger]
    assert found and all(e.modality == "asserted" for e in found)


def test_events_a_verb_with_its_own_object_does_not_govern_its_conjunct(
        coded: Coded) -> None:
    found = events(coded, "Tunisia said the attacker had committed an act of cowardice and "
                          "expressed solidarity with France.")
    # (not an intention to support: "committed" here is no pledge)
    assert [(e.type, e.modality) for e in found if e.trigger == "solidarity"] == [
        ("SUPPORT", "asserted")]


def test_events_a_conjunct_with_a_tense_of_its_own_keeps_it(coded: Coded) -> None:
    found = events(coded, "The minister said the ministry would be reaching out to the "
                          "families and is reviewing the incident.")
    assert [(e.type, e.modality) for e in found if e.trigger == "reviewing"] == [
        ("ACCUSE", "asserted")]


def test_events_parallel_purposes_share_their_modality(coded: Coded) -> None:
    found = events(coded, "Ugandan judges formed a union to seek independence and to protest "
                          "government corruption.")
    assert all(e.modality != "asserted" for e in found if e.trigger == "protest")


@pytest.mark.parametrize(("text", "word", "modality"), [
    # a subject or an object that says no one did it or underwent it denies the act
    ("Nobody attacked the convoy near Kandahar on Monday.", "attacked", "negated"),
    ("None of the rebels attacked the army base on Monday.", "attacked", "negated"),
    ("Neither side attacked the army base on Monday.", "attacked", "negated"),
    ("Police in Cairo arrested no one on Monday.", "arrested", "negated"),
    # and what its clause set out to do
    ("The passenger took his seat on the flight to Dallas and nobody came up to ask him "
     "to move.", "ask", "negated"),
    # not a clause beside it, nor a clause the parser hangs from a "with" phrase
    ("No US forces patrol the streets of Arbil, whereas in Baghdad US troops open fire "
     "when they come under attack.", "open", "asserted"),
    ("The curfew continued, with no major incidents, as police patrolled the streets.",
     "patrolled", "asserted"),
])
def test_events_no_one_doing_it_negates_the_act(coded: Coded, text: str, word: str,
                                                modality: str) -> None:
    assert [e.modality for e in events(coded, text) if e.trigger == word] == [modality]


@pytest.mark.parametrize(("text", "kind"), [
    # an act told as the circumstance of another happened, whatever the negation or
    # modal of the clause it hangs from
    ("The crisis in Yemen has not abated despite the Saudi government's refusal to allow "
     "aid groups into the country.", "REJECT"),
    ("Talks have not resumed since Monday, despite repeated requests from Iran to the "
     "United States.", "REQUEST"),
])
def test_events_an_act_told_as_a_circumstance_is_asserted(coded: Coded, text: str,
                                                          kind: str) -> None:
    found = [e for e in events(coded, text) if e.type == kind]
    assert found and {e.modality for e in found} == {"asserted"}


@pytest.mark.parametrize(("text", "kind"), [
    # a hostile act a state says it could do on a condition is a threat made now
    ("Chinese officials said China could invade Taiwan if talks fail.", "THREATEN"),
    ("China could invade Taiwan if talks fail, Beijing said.", "THREATEN"),
    # what analysts guess a state could do is no threat of its own
    ("Analysts said China could invade Taiwan if talks fail.", "ASSAULT"),
])
def test_events_a_conditional_hostile_act_is_a_threat(coded: Coded, text: str,
                                                      kind: str) -> None:
    assert {e.type for e in events(coded, text) if e.trigger == "invade"} == {kind}


@pytest.mark.parametrize(("text", "kind"), [
    # an act on a timetable is intended, and no one's declared intention (no AGREE)
    ("Kim Jong Un is scheduled to meet Donald Trump in Singapore next month.", "CONSULT"),
    ("Kim Jong Un is due to meet Donald Trump in Singapore next month.", "CONSULT"),
    ("North Korea is set to launch a satellite next month.", "MOBILIZE"),
])
def test_events_a_scheduled_act_is_intended(coded: Coded, text: str, kind: str) -> None:
    found = events(coded, text)
    assert {(e.type, e.modality) for e in found} == {(kind, "intended")}


def test_events_set_with_no_infinitive_is_no_timetable(coded: Coded) -> None:
    found = events(coded, "Syrian rebels set fire to the army barracks in Homs.")
    assert found and {e.modality for e in found} == {"asserted"}


@pytest.mark.parametrize(("text", "code"), [
    # a state body announcing its own act in the passive declares it: a concession ahead
    ("French President Francois Hollande announced the state of emergency would be lifted "
     "by the end of July.", "FRA"),
    ("The Egyptian interior ministry said the prisoners will be released next week.", "EGY"),
])
def test_events_an_act_a_state_announces_in_the_passive_is_its_own(
        coded: Coded, text: str, code: str) -> None:
    found = events(coded, text)
    assert {(e.type, e.modality, e.source.country if e.source else None)
            for e in found} == {("CONCEDE", "asserted", code)}


def test_events_what_analysts_say_will_be_done_has_no_doer(coded: Coded) -> None:
    assert not [e for e in events(coded, "Analysts said the sanctions on Iran would be "
                                         "lifted soon.") if e.modality == "asserted"]


@pytest.mark.parametrize(("text", "modality"), [
    # the doubt of "whether" is where the act was, not whether it was
    ("It remains unclear whether the gunman was shot by police inside or outside of the "
     "lorry.", "asserted"),
    ("It is unclear whether police shot the gunman.", "hypothetical"),
    ("It is unclear whether police shot the gunman or not.", "hypothetical"),
])
def test_events_whether_doubts_only_the_alternatives(coded: Coded, text: str,
                                                     modality: str) -> None:
    assert [e.modality for e in events(coded, text) if e.trigger == "shot"] == [modality]


@pytest.mark.parametrize(("text", "kind", "modality"), [
    # a forceful response a state declares is a threat (CAMEO 130), made now
    ("Japan will respond strongly if North Korea fires another missile, Abe said.",
     "THREATEN", "asserted"),
    # what analysts or another state's officials say a state will do is their forecast
    ("Analysts said China would impose sanctions on Japan.", "SANCTION", "intended"),
    ("US officials said China would attack Taiwan.", "ASSAULT", "intended"),
    ("Chinese officials said China would impose sanctions on Japan.", "THREATEN",
     "asserted"),
])
def test_events_a_declared_intention_is_the_speakers_own(coded: Coded, text: str, kind: str,
                                                         modality: str) -> None:
    found = [e for e in events(coded, text) if e.source and e.source.country in ("JPN", "CHN")]
    assert (kind, modality) in {(e.type, e.modality) for e in found}


@pytest.mark.parametrize(("text", "modality"), [
    # two statements the parser joins at a comma: the first is told as fact
    ("Hundreds of Chilean students marched in Santiago, thousands were expected at "
     "protests in Valparaiso.", "asserted"),
    # a clause the verb governs keeps the verb's doubt
    ("Officials expected that thousands would march in Santiago.", "hypothetical"),
])
def test_events_a_clause_spliced_before_another_keeps_its_own_modality(
        coded: Coded, text: str, modality: str) -> None:
    assert {e.modality for e in events(coded, text) if e.trigger.startswith("march")} == {
        modality}


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    # a negation stays in its clause: a clause of time beside it tells its own act
    ("The minister was not in Kabul when the rebels attacked the city.", "attacked",
     "asserted"),
    ("The rebels did not withdraw after the army attacked their positions.", "attacked",
     "asserted"),
    ("The rebels did not withdraw after the army attacked their positions.", "withdraw",
     "negated"),
    ("The army did not attack the town when the rebels withdrew.", "attack", "negated"),
])
def test_events_a_negation_does_not_reach_a_clause_of_time(coded: Coded, text: str,
                                                           trigger: str,
                                                           modality: str) -> None:
    found = [e for e in events(coded, text) if e.trigger == trigger]
    assert found and all(e.modality == modality for e in found)


@pytest.mark.parametrize(("text", "modality"), [
    # a claim called untrue denies the act it tells
    ("The claims that Israeli troops shot the boy are false, the army said.", "negated"),
    ("Her claims about being assaulted by the minister are untrue, his spokeswoman said.",
     "negated"),
    # a claim called true, or none, leaves it told
    ("The reports that Israeli troops shot the boy are true, the army said.", "asserted"),
])
def test_events_an_act_in_a_claim_called_untrue_is_denied(coded: Coded, text: str,
                                                          modality: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert found and all(e.modality == modality for e in found)


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    # an event noun the subject of a denied verb is told: what is denied is the verb's
    ("The Kenyan release of 20 prisoners has not been verified by observers.", "release",
     "asserted"),
    # unless the verb is its taking place
    ("The talks between Kenya and Uganda did not take place on Monday.", "talks",
     "negated"),
])
def test_events_a_denied_verb_does_not_deny_the_event_noun_it_tells_of(
        coded: Coded, text: str, trigger: str, modality: str) -> None:
    found = [e for e in events(coded, text) if e.trigger == trigger]
    assert found and all(e.modality == modality for e in found)
