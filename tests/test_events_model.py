"""The event model: what it proposes, how it decides, and what the coder does with it.

Sentences are the project's own; the shipped model (data/models/events.json) is used as
it is, so these pin behaviour a user sees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from newsevents.actors import load_kb
from newsevents.errors import DataFileError
from newsevents.events import Coder, load_lexicon
from newsevents.events.coder import _inherit_actors
from newsevents.events.model import RULE_COMPLETE, EventModel, load_model
from newsevents.models import Actor, Document, Event, Evidence
from newsevents.places import get_gazetteer
from newsevents.settings import Settings

Coded = Callable[..., Document]


def _coder(settings: Settings) -> Coder:
    """The event coder as the pipeline builds it, to read its proposals."""
    return Coder(load_lexicon(), get_gazetteer(), load_kb(settings.actor_files))


def _model(**changes: object) -> EventModel:
    data = {"intercept": -1.0, "weights": {"o=rule": 2.0, "T=ASSAULT": 0.5},
            "learned": {"shell": ["ASSAULT"]}, "threshold": 0.6, "keep": 0.2, "meta": {}}
    data.update(changes)
    return EventModel.from_json(data, "test")


def test_model_probability_adds_the_weights_of_present_features() -> None:
    m = _model()
    assert m.probability([]) < m.probability(["o=rule"]) < m.probability(
        ["o=rule", "T=ASSAULT"])


def test_model_ignores_features_it_never_saw() -> None:
    m = _model()
    assert m.probability(["o=rule", "never-seen"]) == m.probability(["o=rule"])


@pytest.mark.parametrize(("features", "accepted"), [
    (["o=rule"], True),                       # p = 0.73 >= threshold 0.6
    ([], False),                              # p = 0.27 < 0.6
    ([RULE_COMPLETE], True),                  # what the rules alone code: bar 0.2
])
def test_model_holds_rule_events_to_the_lower_bar(features: list[str], accepted: bool
                                                   ) -> None:
    assert _model().accepts(features) is accepted


@pytest.mark.parametrize("bad", [
    {"learned": {"shell": ["SHELLING"]}},     # not a PLOVER type
    {"threshold": "high"},
    {"weights": None},
])
def test_model_file_errors_name_the_file(bad: dict[str, object]) -> None:
    with pytest.raises(DataFileError, match="not an event model"):
        _model(**bad)


def test_shipped_model_loads_and_says_how_it_was_trained() -> None:
    m = load_model()
    assert m is not None
    assert m.meta["seed"] == 13 and m.meta["events"] > 50
    assert 0.0 <= m.keep <= m.threshold <= 1.0


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind", "source", "target"), [
    # Issue 14's generic agents: the country from a location adjunct, a modifier, a dateline.
    ("Police in Nairobi arrested 20 opposition supporters on Monday.",
     "COERCE", "KENCOP", "KENOPP"),
    ("KUNDUZ, Afghanistan — Taliban insurgents attacked a police checkpoint on Sunday.",
     "ASSAULT", "AFGREB", None),
    ("Prosecutors in Taiwan indicted the mayor of Taipei on Friday.",
     "ACCUSE", "TWNJUD", None),
    # The manual wins over the 2021 table: regret is CONCEDE, a conviction SANCTION,
    # sanctions SANCTION.
    ("Argentina apologized to Brazil for the incident.", "CONCEDE", "ARG", "BRA"),
    ("An Egyptian court convicted the former president on Saturday.",
     "SANCTION", "EGYJUD", None),
    ("The United States imposed sanctions on Iran on Tuesday.", "SANCTION", "USA", "IRN"),
    # ... but a sentence of prison is COERCE (the manual's imprisonment, the guide's rule).
    ("An Egyptian court sentenced the former president to three years in prison.",
     "COERCE", "EGYJUD", None),
    # ... and pardons, lifted curfews and demands met are CONCEDE.
    ("Kenya's president pardoned 300 political prisoners.", "CONCEDE", "KENGOV", None),
    ("The Turkish government lifted the curfew in the capital.", "CONCEDE", "TURGOV", None),
    ("The Nigerian ministry agreed to the strikers' demands.", "CONCEDE", "NGAGOV", None),
    # A shooting no one is named for is by unidentified criminals of the place (guide 8).
    ("Five police officers were shot dead at a protest in Dallas on Thursday.", "ASSAULT",
     "USACRM", None),
    # Opposing a policy is disapproval (guide section 2), not a refusal.
    ("China strongly opposed the new sanctions on Monday.", "ACCUSE", "CHN", None),
    # What a subject counts is the actor: "Thousands of students", of the place they
    # march through.
    ("Thousands of students marched through the streets of Santiago.", "PROTEST", "CHLEDU",
     None),
    # Street protests no one is named for are the people's of the place (guide 13).
    ("The Chilean cabinet resigned on Monday after mass protests in Santiago.", "PROTEST",
     "CHLCVL", None),
])
def test_coder_codes_generic_agents_and_manual_types(coded: Coded, text: str, kind: str,
                                                     source: str, target: str | None) -> None:
    found = [e for e in coded(text).events if e.type == kind and e.modality == "asserted"]
    assert found, [(e.type, e.trigger) for e in coded(text).events]
    assert found[0].source is not None and found[0].source.code == source
    if target is not None:
        assert found[0].target is not None and found[0].target.code.startswith(target)


@pytest.mark.slow
def test_dateline_place_is_not_the_actor(coded: Coded) -> None:
    doc = coded("CAIRO (AP) — An Egyptian court sentenced the former president on Saturday.")
    assert all(m.actor.text != "CAIRO" for m in doc.mentions)
    assert all(e.source is None or e.source.text != "CAIRO" for e in doc.events)


def _event(kind: str, trigger: str, source: str | None, target: str | None,
           nominal: bool = True) -> Event:
    def actor(code: str | None) -> Actor | None:
        return Actor(text=code, country=code[:3], sector=code[3:] or None) if code else None
    return Event(event_id=trigger, doc_id="d", type=kind, mode=None, context=[], cameo="190",
                 quad_class=4, intensity=-10.0, source=actor(source), target=actor(target),
                 date=None, date_precision=None, date_text=None, location=None,
                 modality="asserted", sentence="", span=(0, 1), trigger=trigger,
                 confidence=0.5, coder="rule:x",
                 evidence=Evidence(nominal=nominal))


def test_an_event_told_again_takes_the_actors_of_its_first_report() -> None:
    first = _event("ASSAULT", "fired", "PRKMIL", "KOR")
    again = _event("ASSAULT", "shelling", None, None)
    other = _event("PROTEST", "rally", None, "KORCVL")
    out = _inherit_actors([first, again, other])
    assert out[1].source == first.source and out[1].target == first.target
    assert out[1].evidence and "earlier report" in (out[1].evidence.source or {})["how"]
    assert out[2].source is None  # another type is another event


def test_an_event_noun_left_with_no_actor_at_all_is_dropped() -> None:
    first = _event("ASSAULT", "fired", "PRKMIL", "KOR")
    nobody = _event("PROTEST", "rally", None, None)
    assert _inherit_actors([first, nobody]) == [first]


def test_a_verb_with_no_actor_is_kept() -> None:
    alone = _event("ASSAULT", "killed", None, None, nominal=False)
    assert _inherit_actors([alone]) == [alone]


def test_a_verb_reports_an_event_of_its_own() -> None:
    first = _event("COERCE", "arrested", "INDCOP", "INDCVL")
    more = _event("COERCE", "detained", None, None, nominal=False)
    assert _inherit_actors([first, more])[1].source is None


def test_a_passive_without_an_agent_takes_the_earlier_doer() -> None:
    first = _event("MOBILIZE", "fired", "PRKMIL", None)
    again = replace(_event("MOBILIZE", "was launched", None, None, nominal=False),
                    evidence=Evidence(refers_back=True))
    assert _inherit_actors([first, again])[1].source == first.source


def test_a_retelling_with_another_target_keeps_its_own_actors() -> None:
    first = _event("ASSAULT", "fired", "PRKMIL", "KOR")
    other = _event("ASSAULT", "attack", None, "JPN")
    assert _inherit_actors([first, other])[1].source is None


@pytest.mark.slow
def test_each_event_says_what_decided_it(coded: Coded) -> None:
    doc = coded("Police in Nairobi arrested 20 opposition supporters on Monday. The "
                "investigation into the riots continues.")
    for e in doc.events:
        assert e.coder.startswith(("rule:", "model:"))
        assert e.evidence and e.evidence.model is not None


@pytest.mark.slow
@pytest.mark.parametrize("pair", ["Both sides", "The two countries"])
def test_a_pair_named_together_is_its_two_countries(coded: Coded, pair: str) -> None:
    doc = coded("North Korea and South Korea held talks at the border on Monday. "
                f"{pair} agreed to meet again next month.")
    agreed = {(e.source.country, e.target.country) for e in doc.events
              if e.trigger == "agreed" and e.source and e.target}
    assert agreed == {("PRK", "KOR"), ("KOR", "PRK")}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "target"), [
    ("North Korea fired a ballistic missile over Japan on Friday. "
     "Beijing condemned the launch on Saturday.", "PRK"),
    ("Gunmen killed 12 people in Baghdad on Monday. "
     "Germany condemned the attack.", "IRQ"),
    # a condemning word, of what it is said of
    ("North Korea fired a ballistic missile over Japan on Friday. "
     "Japan's prime minister said the launch was totally unacceptable.", "PRK"),
    ("North Korea fired a ballistic missile over Japan on Friday. "
     "Japan's prime minister called the launch a grave provocation.", "PRK"),
    # what the speaker names it
    ("Gunmen killed 12 people in Baghdad on Monday. "
     "Germany condemned what it termed a cowardly attack.", "IRQ"),
    # a verdict stands for the court's sentence
    ("An Egyptian court sentenced the activist Alaa Abdel Fattah to five years in prison on "
     "Saturday. Amnesty International condemned the verdict.", "EGYJUD"),
])
def test_a_condemnation_of_an_event_targets_its_author(coded: Coded, text: str,
                                                       target: str) -> None:
    doc = coded(text)
    found = [e for e in doc.events if e.type == "ACCUSE"]
    assert found and found[0].target is not None, [(e.type, e.trigger) for e in doc.events]
    assert found[0].target.code.startswith(target)
    assert "condemned" in (found[0].evidence.target or {}).get("how", "")  # type: ignore


@pytest.mark.slow
def test_a_condemnation_of_no_earlier_event_keeps_no_target(coded: Coded) -> None:
    doc = coded("Beijing condemned the launch on Saturday.")
    assert all(e.target is None for e in doc.events if e.type == "ACCUSE")


@pytest.mark.slow
def test_the_object_of_an_accusation_did_the_act_it_is_accused_of(coded: Coded) -> None:
    doc = coded("Ukraine accused Russia of shelling civilian areas in Kharkiv.")
    shelling = [e for e in doc.events if e.type == "ASSAULT"]
    assert all(e.source is not None and e.source.code == "RUS" for e in shelling)


@pytest.mark.slow
def test_an_act_someone_is_arrested_for_is_not_the_arresters(coded: Coded) -> None:
    # the object of "arrested ... for attacking" did it: when it is no actor, no one coded
    # did, least of all the police
    doc = coded("Police arrested two men for attacking a bus.")
    assert not [e for e in doc.events if e.type == "ASSAULT" and e.source is not None
                and (e.source.code or "").endswith("COP")]


@pytest.mark.slow
def test_a_retelling_is_told_apart_by_what_earlier_sentences_reported(
        coded: Coded, settings: Settings) -> None:
    doc = coded("Syrian troops attacked the rebels near Aleppo on Monday. "
                "The attack lasted three hours.")
    coder = _coder(settings)
    props = {(p.token.text, p.type): p.features for p in coder.proposals(doc)}
    assert "told_type" not in props[("attacked", "ASSAULT")]
    assert "told_type" in props[("attack", "ASSAULT")]


@pytest.mark.slow
def test_a_bare_event_noun_with_its_doer_is_a_report_later_sentences_retell(
        coded: Coded, settings: Settings) -> None:
    # "North Korea's launch" names its doer: the rules alone do not code a bare noun,
    # but it reports the act, and "the launch" after it tells it again
    doc = coded("North Korea's missile launch over Japan alarmed millions on Tuesday. "
                "The launch triggered sirens across the north.")
    coder = _coder(settings)
    later = [p for p in coder.proposals(doc) if p.type == "MOBILIZE" and p.sentence == 1]
    assert later and all("told_type" in p.features for p in later)


@pytest.mark.slow
def test_a_fired_weapon_in_the_passive_is_no_target(coded: Coded) -> None:
    doc = coded("North Korea's latest missile was fired from the capital on Tuesday.")
    fired = [e for e in doc.events if e.trigger == "fired"]
    assert fired and all(e.target is None for e in fired)
    assert fired[0].type == "MOBILIZE" and fired[0].source is not None
    assert fired[0].source.code.startswith("PRK")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "story"), [
    ("The company's chief executive rejected the bank's offer.", "business"),
    ("The Egyptian government rejected the offer of the Turkish ministry.", "political"),
])
def test_the_model_sees_whether_the_story_is_business_news(coded: Coded, settings: Settings,
                                                          text: str, story: str) -> None:
    coder = _coder(settings)
    props = coder.proposals(coded(text))
    assert props and all(f"story={story}" in p.features for p in props)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "North Korea launched a ballistic missile over Japan on Tuesday.",
    "North Korea fired two rockets over Japan on Friday.",
])
def test_the_weapon_a_coded_launch_fires_is_no_attack_of_its_own(coded: Coded,
                                                                text: str) -> None:
    assert {e.type for e in coded(text).events} == {"MOBILIZE"}


@pytest.mark.slow
def test_an_event_noun_a_coded_verb_takes_is_an_event_of_its_own(coded: Coded) -> None:
    found = coded("Syria strongly condemned the massacre of 62 soldiers by Turkish forces.")
    assert {"ACCUSE", "ASSAULT"} <= {e.type for e in found.events}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "feature"), [
    ('Japan said North Korea "attacked our ships".', "attacked", "quoted"),
    ("Japan said North Korea attacked its ships.", "attacked", "reported"),
    ("Japan said North Korea attacked its ships.", "attacked", "countries=2"),
    ("Someone attacked the ships.", "attacked", "actors=0"),
    ("North Korea's missile launch alarmed Japan.", "launch", "mod=missile"),
])
def test_the_model_sees_how_a_word_is_told_and_whom_its_sentence_names(
        coded: Coded, settings: Settings, text: str, word: str, feature: str) -> None:
    coder = _coder(settings)
    props = [p for p in coder.proposals(coded(text)) if p.token.text == word]
    assert props and all(feature in p.features for p in props)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # The manual: a launch strikes nothing, so it is a show of force, whatever the model
    # would call the firing of a missile.
    "The South Korean military said the missile was launched from near the capital and "
    "flew 700 km.",
    "The North launches its newest rocket yet, officials in Tokyo said.",
])
def test_a_launch_with_nothing_struck_is_the_rules_untargeted_type(coded: Coded,
                                                                  text: str) -> None:
    doc = coded(text)
    launched = [e for e in doc.events if e.trigger.startswith("launch")]
    assert launched and {e.type for e in launched} == {"MOBILIZE"}


@pytest.mark.slow
def test_a_fired_missile_takes_the_earlier_launchers_as_its_source(coded: Coded) -> None:
    doc = coded("North Korea fired a missile into the sea on Sunday. The South Korean military "
                "said the missile was launched from near the capital and flew 700 km.")
    later = [e for e in doc.events if e.trigger.startswith("launch")]
    assert later and later[0].source is not None and later[0].source.code.startswith("PRK")


@pytest.mark.slow
def test_an_object_in_a_clause_about_the_event_is_not_its_target(coded: Coded) -> None:
    doc = coded("The North fired a rocket into the sea on Friday, answering the sanctions "
                "with a flight that showed its ability to hit Hawaii.")
    fired = [e for e in doc.events if e.trigger == "fired"]
    assert fired and all(e.target is None for e in fired)


@pytest.mark.slow
def test_a_definite_event_noun_as_subject_tells_the_act_again(coded: Coded) -> None:
    doc = coded("North Korea fired a missile into the sea on Sunday. The launch was the "
                "second this month, officials in Seoul said.")
    launch = [e for e in doc.events if e.trigger == "launch"]
    assert launch and launch[0].type == "MOBILIZE"
    assert launch[0].source is not None and launch[0].source.code.startswith("PRK")
    assert launch[0].evidence and launch[0].evidence.nominal


@pytest.mark.slow
def test_a_definite_event_noun_after_a_preposition_only_refers_to_it(coded: Coded) -> None:
    doc = coded("North Korea fired a missile into the sea on Sunday. Officials in Seoul met "
                "after the launch.")
    assert not [e for e in doc.events if e.trigger == "launch"]


@pytest.mark.slow
def test_the_model_retypes_a_word_it_is_much_surer_the_rules_mistook(coded: Coded) -> None:
    # the rules read the prisoners' capture as an arrest (173); the model, much surer, as
    # an attack (men taken in the fighting). ("fighters" the rules code as captured
    # combatants themselves; "men captured when France went to war" the retrained model of
    # the twenty-fourth session no longer reads surely enough.)
    doc = coded("Kabul admits having captured 30 prisoners in the fighting but says it "
                "released them.")
    captured = [e for e in doc.events if e.trigger == "captured"]
    assert captured and {e.type for e in captured} == {"ASSAULT"}
    assert all(e.coder.startswith("model:") for e in captured)


@pytest.mark.slow
def test_two_generic_agents_of_one_code_are_two_parties(coded: Coded) -> None:
    doc = coded("NICE, France — The driver first shot a gun into the crowd before mowing "
                "down people who had gathered to watch fireworks.")
    mowing = [e for e in doc.events if e.trigger.startswith("mowing")]
    assert mowing and mowing[0].target is not None and mowing[0].target.role == "people"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Troops of the Rwandan-backed rebels captured two towns on Monday.",
    "The Saudi-led coalition bombed the port of Hodeidah on Sunday.",
])
def test_a_hyphenated_participle_before_its_noun_reports_no_event(coded: Coded,
                                                                  text: str) -> None:
    doc = coded(text)
    assert doc.events
    assert not [e for e in doc.events if e.trigger in ("backed", "led")]


@pytest.mark.slow
def test_a_participle_of_being_held_before_a_name_reports_no_arrest(coded: Coded) -> None:
    doc = coded("Five Egyptian defendants, including jailed activist Alaa Abdel Fattah, were "
                "fined by a Cairo court on Saturday.")
    assert "SANCTION" in {e.type for e in doc.events}
    assert not [e for e in doc.events if e.trigger == "jailed"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "target"), [
    ("Japan's foreign minister said North Korea's missile test was reckless.",
     "reckless", "PRK"),
    ("A Russian lawmaker said on Friday that Pyongyang is playing a dangerous game.",
     "dangerous", "PRK"),
    ("The Chinese foreign ministry called the Japanese decision a provocation.",
     "provocation", None),
    # an adjective the tagger reads as an adverb
    ("The French president called the bombing a cowardly act.", "cowardly", None),
    # a condemning noun the said clause is about, pointing at whose acts it condemns
    ("The Japanese minister said North Korea's provocations would only isolate it further.",
     "provocations", "PRK"),
    # inside another act's phrase, with its own speaker
    ("A truck ploughed into the crowd in what the French president called a terrorist "
     "act.", "terrorist", None),
])
def test_a_speakers_condemning_word_is_the_speakers_accusation(
        coded: Coded, text: str, word: str, target: str | None) -> None:
    doc = coded(text)
    accused = [e for e in doc.events if e.trigger == word]
    assert accused and {e.type for e in accused} == {"ACCUSE"}
    assert accused[0].source is not None and accused[0].evidence is not None
    assert accused[0].evidence.reported_by is None  # the speaker's own act
    if target is not None:
        assert accused[0].target is not None and accused[0].target.country == target


@pytest.mark.slow
def test_a_condemning_word_inside_an_accusation_is_that_accusation(coded: Coded) -> None:
    doc = coded("The United Nations condemned what it termed a barbaric attack in Nice.")
    assert [e.trigger for e in doc.events if e.type == "ACCUSE"] == ["condemned"]


@pytest.mark.slow
def test_a_condemning_word_accuses_no_one_where_it_only_describes(coded: Coded) -> None:
    doc = coded("Police in Lagos said the crime took place at night.")
    assert not [e for e in doc.events if e.trigger == "crime"]


@pytest.mark.slow
def test_a_condemning_predicate_is_an_accusation_not_a_threat(coded: Coded) -> None:
    doc = coded('"North Korea\'s reckless action is a grave threat to our nation," the '
                "Japanese prime minister told reporters.")
    assert not [e for e in doc.events if e.type == "THREATEN"]
    assert "ACCUSE" in {e.type for e in doc.events}


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Kurdish fighters clashed with Syrian troops near Hasakah on Monday.",
    "Heavy fighting between Somali police and insurgents killed six civilians.",
])
def test_a_clash_is_an_attack_each_way(coded: Coded, text: str) -> None:
    found = [e for e in coded(text).events if e.type == "ASSAULT" and e.cameo == "190"]
    pairs = {(e.source.code if e.source else None, e.target.code if e.target else None)
             for e in found}
    assert len(found) == 2 and {(b, a) for a, b in pairs} == pairs


@pytest.mark.slow
def test_the_unnamed_side_of_a_clash_stays_unnamed(coded: Coded) -> None:
    doc = coded("Six Iraqi soldiers were killed in clashes on Monday.")
    clashes = [e for e in doc.events if e.trigger == "clashes"]
    assert len(clashes) == 2
    assert sorted((e.source is None, e.target is None) for e in clashes) == [
        (False, True), (True, False)]
    # the deaths are the clash's, not a second attack by someone else
    assert not [e for e in doc.events if e.trigger == "killed"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind"), [
    ("Rebels captured two soldiers near the border on Monday.", "ASSAULT"),
    ("Police in Lagos captured the suspect on Monday.", "COERCE"),
    # suspects are arrested whoever takes them; suspects who capture abduct
    ("Iraqi troops captured eight suspected insurgents north of Baghdad on Monday.",
     "COERCE"),
    ("The driver was captured near Kandahar by suspected Taliban fighters.", "ASSAULT"),
])
def test_combatants_captured_are_abducted_and_suspects_arrested(coded: Coded, text: str,
                                                                kind: str) -> None:
    captured = [e for e in coded(text).events if e.trigger == "captured"]
    assert captured and {e.type for e in captured} == {kind}


@pytest.mark.slow
def test_a_weapons_flight_tells_its_launch_again(coded: Coded) -> None:
    doc = coded("North Korea fired a missile on Monday. The missile flew over Japan and "
                "landed in the Pacific Ocean.")
    later = [e for e in doc.events if e.trigger in ("flew over", "flew", "landed")]
    assert later and {e.type for e in later} == {"MOBILIZE"}
    assert all(e.source is not None and e.source.country == "PRK" for e in later)


@pytest.mark.slow
def test_a_day_after_on_is_no_target_of_firing(coded: Coded) -> None:
    doc = coded("North Korea fired a missile over Japan on Tuesday. Notably, the missile "
                "fired on Tuesday took off from near Pyongyang.")
    assert {e.type for e in doc.events if e.trigger == "fired"} == {"MOBILIZE"}


@pytest.mark.slow
def test_an_unnamed_doer_is_of_the_country_where_the_act_happened(coded: Coded) -> None:
    doc = coded("WASHINGTON (AP) — The State Department said on Monday that three Americans "
                "were arrested in Nairobi on Sunday.")
    arrested = [e for e in doc.events if e.trigger == "arrested"]
    assert arrested and arrested[0].source is not None
    assert arrested[0].source.code == "KENCOP"


@pytest.mark.slow
def test_a_patrol_by_forces_of_two_countries_is_cooperation(coded: Coded) -> None:
    doc = coded("Russian and Georgian peacekeepers patrolled the border on Monday.")
    patrols = [e for e in doc.events if e.trigger == "patrolled"]
    assert {e.type for e in patrols} == {"COOPERATE"}
    assert {(e.source.country if e.source else None, e.target.country if e.target else None)
            for e in patrols} == {("RUS", "GEO"), ("GEO", "RUS")}


@pytest.mark.slow
def test_the_area_patrolled_is_no_target(coded: Coded) -> None:
    doc = coded("Egyptian police patrolled the streets of Cairo on Monday.")
    patrols = [e for e in doc.events if e.trigger == "patrolled"]
    assert patrols and all(e.target is None for e in patrols)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "trigger", "source"), [
    # a prison term is the court's, an arrest the police's, though CAMEO files both as 173
    ("CAIRO — The former minister was sentenced to 45 years in prison.", "sentenced",
     "EGYJUD"),
    ("CAIRO — Three men were arrested on Monday.", "arrested", "EGYCOP"),
    ("CAIRO — The defendants had all been charged with fraud.", "charged", "EGYJUD"),
    # an investigation no one is named for is the police's
    ("CAIRO — A smuggling ring had operated for years, according to an investigation into "
     "its finances.", "investigation", "EGYCOP"),
])
def test_an_unnamed_doer_is_the_one_the_word_names(coded: Coded, text: str, trigger: str,
                                                   source: str) -> None:
    found = [e for e in coded(text).events if e.trigger == trigger]
    assert found and found[0].source is not None and found[0].source.code == source


@pytest.mark.slow
def test_the_prison_a_sentence_is_served_in_is_no_target(coded: Coded) -> None:
    doc = coded("CAIRO — The former minister was sentenced to 45 years in prison.")
    assert "prison" not in {doc.text[m.start:m.end] for m in doc.mentions}


@pytest.mark.slow
@pytest.mark.parametrize(("later", "coded_again"), [
    ("The Islamic State claimed responsibility for the attack.", False),
    ("Following the attack, the mayor said the emergency would be extended.", False),
    ("Tunisia forcefully condemned the attack.", False),
    # told again with something new of it, where it struck: coded (guide section 8)
    ("The attack on the promenade lasted five minutes.", True),
])
def test_an_act_named_only_in_passing_is_not_coded_again(coded: Coded, later: str,
                                                         coded_again: bool) -> None:
    doc = coded("NICE, France — A truck ploughed into crowds on Thursday, killing 84 "
                "people. " + later)
    assert any(e.trigger == "attack" for e in doc.events) is coded_again


@pytest.mark.slow
def test_an_unnamed_attacker_is_of_the_country_the_story_happens_in(coded: Coded) -> None:
    # the victims' nationality is named most, but the places say where it happened
    doc = coded("A van drove into a crowd in Marseille on Sunday, French police said. The "
                "van had been rented in Toulouse. Three Tunisian tourists and a Tunisian "
                "student were among the dead, Tunisia said. Two Tunisian women were also "
                "killed, the Tunisian ministry said.")
    killed = [e for e in doc.events if e.trigger == "killed"]
    assert killed and killed[0].source is not None and killed[0].source.country == "FRA"


@pytest.mark.slow
@pytest.mark.parametrize(("text", "trigger", "role"), [
    # captives freed with no doer named are freed by their captors
    ("ABUJA, Nigeria — Boko Haram militants kidnapped 276 schoolgirls from Chibok in 2014. "
     "On Thursday, 21 of the girls were released, the government said.", "released",
     "source"),
    # welcoming an act named only as an act targets its author
    ("ABUJA, Nigeria — Boko Haram militants freed 21 schoolgirls on Thursday. The United "
     "States welcomed the release on Friday.", "welcomed", "target"),
])
def test_a_sequel_takes_the_doer_the_article_told(coded: Coded, text: str, trigger: str,
                                                  role: str) -> None:
    found = [getattr(e, role) for e in coded(text).events if e.trigger == trigger]
    assert found and found[0] is not None and found[0].code == "NGAREB"


@pytest.mark.slow
def test_a_countrys_own_name_is_no_place_the_story_happens_in(
        coded: Coded, settings: Settings) -> None:
    from newsevents.events.arguments import Arguments

    # "the United States" named thrice is whom the story is about, not where it happens
    doc = coded("North Korea fired a missile from Sunan on Friday. Pyongyang said the test "
                "from Sunan was a warning to the United States. The United States and "
                "Japan condemned it. North Korea said the United States would pay.")
    coder = _coder(settings)
    args = Arguments(doc.parse, doc.mentions, coder.kb, coder.gazetteer, coder.matcher)
    assert args.home == "PRK"


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "expected"), [
    # the verb that governs an event noun, and the preposition between them
    ("Japan lodged a protest with North Korea.", "protest", {"gov=lodge"}),
    ("Prosecutors opened an investigation into the attack.", "attack",
     {"gov=open", "gprep=into"}),
])
def test_the_model_sees_the_verb_that_governs_an_event_noun(
        coded: Coded, text: str, word: str, expected: set[str]) -> None:
    from newsevents.events import load_lexicon
    from newsevents.events.model import Featurizer, load_verb_lexicon
    doc = coded(text)
    tok = next(t for t in doc.parse if t.text == word)
    featurizer = Featurizer(load_lexicon(), load_verb_lexicon())
    assert expected <= set(featurizer.context(tok, [], {}, 1))


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "proposed"), [
    # senses.csv: coaches taking over or holding a job, figures of speech, rockets that
    # fail and firms aiming at a date are put to neither the rules nor the model
    ("In 2012, Arians took over as the interim head coach of the Colts.", "took", False),
    ("Rebels took over the town of Kunduz on Monday.", "took", True),
    ("Gruden may return to the Oakland job he occupied between 1998 and 2001.", "occupied",
     False),
    ("Troops occupied the airport in Kabul on Monday.", "occupied", True),
    ('"It hit me like a ton of bricks," the coach said.', "hit", False),
    ("SpaceX has had setbacks, with rockets blowing up on the launch pad.", "blowing", False),
    ("Militants blew up a bridge near Kabul on Monday.", "blew", True),
    ("Musk said he was targeting November for the first launch.", "targeting", False),
    ("Rebels were targeting the airport in Kabul.", "targeting", True),
])
def test_a_sense_that_reports_no_event_is_proposed_to_no_one(
        coded: Coded, settings: Settings, text: str, word: str, proposed: bool) -> None:
    props = [p for p in _coder(settings).proposals(coded(text)) if p.token.text == word]
    assert bool(props) is proposed
