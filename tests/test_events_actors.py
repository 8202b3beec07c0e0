"""Who did it to whom: the event coder's sources and targets, on sentences written for the tests."""

from __future__ import annotations

from datetime import date

import pytest
from _events import Coded, dyads, events

from newsevents.events.parse_rules import shared_subject
from newsevents.nlp import load_model
from newsevents.settings import Settings

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)


@pytest.mark.parametrize(("text", "expected"), [
    # passive voice: the "by" agent is the source, the subject the target
    ("South Korean soldiers were attacked by North Korean troops.", ("ASSAULT", "PRK", "KOR")),
    # a passive without an agent still names its target (its attacker, unnamed, is a
    # criminal of the place: IRQCRM)
    ("Three Iraqi soldiers were killed on Monday.", ("ASSAULT", "IRQ", "IRQ")),
])
def test_events_passive_voice_swaps_source_and_target(coded: Coded, text: str,
                                                      expected: tuple[str, ...]) -> None:
    assert expected in dyads(events(coded, text))


def test_events_coordinated_sources_each_get_an_event(coded: Coded) -> None:
    found = events(coded, "The United States and South Korea condemned North Korea.")
    assert dyads(found) == {("ACCUSE", "USA", "PRK"), ("ACCUSE", "KOR", "PRK")}


@pytest.mark.parametrize("text", [
    "Thousands of students and farmers marched in Halifax on Monday.",
    "Hundreds of students and farmers protested in Halifax on Monday.",
])
def test_events_each_group_a_crowd_counts_gets_an_event(coded: Coded, text: str) -> None:
    found = [e for e in events(coded, text) if e.type == "PROTEST"]
    assert {e.source.code for e in found if e.source} == {"CANEDU", "CANCVL"}


def test_events_several_targets_each_get_an_event(coded: Coded) -> None:
    found = events(coded, "China criticized Japan and South Korea on Monday.")
    assert dyads(found) == {("ACCUSE", "CHN", "JPN"), ("ACCUSE", "CHN", "KOR")}


def test_events_joint_acts_make_coordinated_sources_each_others_targets(
        coded: Coded) -> None:
    found = events(coded, "Israel and Jordan signed a peace treaty.")
    assert dyads(found) == {("SUPPORT", "ISR", "JOR"), ("SUPPORT", "JOR", "ISR")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkish police imposed a curfew in Diyarbakir.", ("COERCE", "TUR", "TUR")),
    ("South Korea lodged a formal protest with Japan.", ("ACCUSE", "KOR", "JPN")),
    ("Russia announced a suspension of talks with Ukraine.", ("SANCTION", "RUS", "UKR")),
    ("Egypt launched a mediation effort between Israel and Hamas.",
     ("CONSULT", "EGY", "ISR")),
])
def test_events_nominal_triggers_take_the_support_verbs_subject(
        coded: Coded, text: str, expected: tuple[str, ...]) -> None:
    assert expected in dyads(events(coded, text))


def test_events_a_support_verb_in_the_passive_puts_its_subject_through_it(
        coded: Coded) -> None:
    found = events(coded, "A French journalist was put under investigation by Italian "
                          "police.")
    assert ("ACCUSE", "ITA", "FRA") in dyads(found)


def test_events_a_symmetric_verb_without_a_partner_reports_nothing(coded: Coded) -> None:
    assert not events(coded, "Israel's cabinet met on Sunday.")


def test_events_a_joint_trigger_makes_coordinated_sources_each_others_targets(
        coded: Coded) -> None:
    found = events(coded, "Armenia and Azerbaijan exchanged fire along their border.")
    assert dyads(found) == {("ASSAULT", "ARM", "AZE"), ("ASSAULT", "AZE", "ARM")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The United States and South Korea began annual military drills on Monday.",
     {("COOPERATE", "USA", "KOR"), ("COOPERATE", "KOR", "USA")}),
    ("North Korea held military drills on Monday.", {("MOBILIZE", "PRK", None)}),
])
def test_events_drills_held_together_are_cooperation(coded: Coded, text: str,
                                                     expected: set[tuple[str, ...]]) -> None:
    assert dyads(events(coded, text)) == expected


def test_events_a_material_act_with_no_target_befalls_the_place(coded: Coded) -> None:
    # a concession made where it takes effect is made to the people there
    found = events(coded, "Serbia lifted a night curfew in Montenegro on Sunday.")
    assert [(e.type, e.target and e.target.country) for e in found] == [("CONCEDE", "MNE")]


def test_events_a_joint_act_in_a_place_keeps_its_parties_as_partners(coded: Coded) -> None:
    found = events(coded, "The United States and South Korea held joint drills in Hawaii.")
    assert dyads(found) == {("COOPERATE", "USA", "KOR"), ("COOPERATE", "KOR", "USA")}


@pytest.mark.parametrize(("text", "sources"), [
    # a plural pronoun whose antecedent was named with another is both of them
    ("China's and Russia's envoys met on Monday. Afterwards they condemned the sanctions on "
     "North Korea.", {"CHN", "RUS"}),
    # a plural pronoun of one group stays that group
    ("Russian diplomats met on Monday. Afterwards they condemned the sanctions on North Korea.",
     {"RUS"}),
])
def test_events_a_plural_pronoun_is_each_of_the_actors_named_together(
        coded: Coded, text: str, sources: set[str]) -> None:
    found = [e for e in events(coded, text) if e.trigger == "condemned"]
    assert {e.source.country for e in found if e.source} == sources


@pytest.mark.parametrize(("text", "expected"), [
    # condolences and solidarity are support (guide section 14)
    ("India stands firmly with France, the prime minister said.", ("SUPPORT", "IND", "FRA")),
    ("Russia sent its condolences to France on Friday.", ("SUPPORT", "RUS", "FRA")),
    # a place struck or taken that the sentence does not name is in the act's country
    ("The Burmese army captured the town on Friday.", ("ASSAULT", "MMR", "MMR")),
    # a place named inside the phrase says which country
    ("Russian troops stormed the town of Kharkiv on Friday.", ("ASSAULT", "RUS", "UKR")),
])
def test_events_sympathy_and_places_struck_have_their_dyads(
        coded: Coded, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in dyads(events(coded, text))


def test_events_a_joint_operation_is_also_cooperation_between_its_forces(
        coded: Coded) -> None:
    found = dyads(events(coded, "U.S. and Afghan forces attacked the compound on Friday."))
    assert {("ASSAULT", "USA", None), ("ASSAULT", "AFG", None)} <= found
    assert {("COOPERATE", "USA", "AFG"), ("COOPERATE", "AFG", "USA")} <= found


@pytest.mark.parametrize("text", [
    'Canada\'s prime minister said he was "horrified" by the attack.',
    "Canadians are shocked by the attack.",
])
def test_events_dismay_at_an_act_accuses_its_author(coded: Coded, text: str) -> None:
    doc = coded("KABUL, Afghanistan — Taliban militants attacked a police checkpoint on "
                "Friday. " + text, date(2020, 7, 8))
    accused = [e for e in doc.events if e.type == "ACCUSE"]
    assert accused and accused[0].source is not None and accused[0].source.country == "CAN"
    assert accused[0].target is not None and accused[0].target.code == "AFGREB"


@pytest.mark.parametrize("text", [
    "Palestinian villagers along with Israeli activists protested on Friday.",
    "Palestinian villagers alongside Israeli activists protested on Friday.",
])
def test_events_companions_named_with_an_actor_act_with_it(coded: Coded, text: str) -> None:
    found = events(coded, "RAMALLAH, West Bank — " + text)
    assert {e.source.code for e in found if e.type == "PROTEST" and e.source} == {
        "PSECVL", "ISRCVL"}


def test_events_one_event_per_named_actor_not_per_code(coded: Coded) -> None:
    # two private Afghans share the code AFGCVL and are two arrests (guide section 13)
    found = events(coded, "KABUL, Afghanistan — Afghan police arrested Ali Khan and Omar Shah "
                          "on Friday.")
    arrests = [e for e in found if e.type == "COERCE"]
    assert len(arrests) == 2 and {e.target.code for e in arrests if e.target} == {"AFGCVL"}


def test_events_the_first_of_two_coordinated_verbs_takes_the_seconds_object(
        coded: Coded) -> None:
    found = events(coded, "JAYAPURA, Indonesia — Indonesian troops shot and injured two "
                          "rebels on Tuesday.")
    shot = [e for e in found if e.trigger == "shot"]
    assert shot and shot[0].target is not None and shot[0].target.code == "IDNREB"


@pytest.mark.parametrize(("text", "source"), [
    ("A Palestinian activist was arrested on Monday after attacking Israeli soldiers.", "PSE"),
    ("A Palestinian teenager was filmed slapping an Israeli soldier in Nabi Saleh.", "PSE"),
    ("Two Kenyan students were jailed for attacking police officers in Nairobi.", "KEN"),
])
def test_events_the_subject_of_a_passive_does_its_participles_act(coded: Coded, text: str,
                                                                  source: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert found and all(e.source is not None and e.source.country == source for e in found)


@pytest.mark.parametrize(("text", "target"), [
    ("North Korea threatened on Monday to fire four missiles at Guam.", "USA"),
    ("Spain threatened on Monday to close its border with Gibraltar.", "GBR"),
])
def test_events_a_dependent_territory_is_coded_under_its_state(coded: Coded, text: str,
                                                               target: str) -> None:
    found = [e for e in events(coded, text) if e.type == "THREATEN"]
    assert found and all(e.target is not None and e.target.country == target for e in found)


def test_events_a_joint_operation_is_cooperation_both_ways(coded: Coded) -> None:
    found = events(coded, "Moscow and Damascus began a joint humanitarian operation in "
                          "Aleppo on Thursday.")
    assert {("COOPERATE", "RUS", "SYR"), ("COOPERATE", "SYR", "RUS")} <= dyads(found)


def test_events_a_name_in_apposition_is_the_target_not_the_possessor(coded: Coded) -> None:
    found = events(coded, "The president of South Korea urged the North's traditional "
                          "allies, China and Russia, to help persuade Pyongyang to stop.")
    requests = {d for d in dyads(found) if d[0] == "REQUEST"}
    assert {t for _, _, t in requests} == {"CHN", "RUS"}


@pytest.mark.parametrize(("text", "pairs"), [
    ("Abe said he spoke to Trump on Tuesday and they agreed to increase pressure on North "
     "Korea.", {("AGREE", "JPN", "USA"), ("AGREE", "USA", "JPN")}),
    ("Egypt and Jordan agreed on Monday to open talks with Israel.",
     {("AGREE", "EGY", "JOR"), ("AGREE", "JOR", "EGY")}),
])
def test_events_parties_agreeing_together_agree_with_each_other(coded: Coded, text: str,
                                                                pairs: set[tuple[str, ...]]
                                                                ) -> None:
    assert {d for d in dyads(events(coded, text)) if d[0] == "AGREE"} == pairs


@pytest.mark.parametrize(("text", "targets"), [
    # the curly apostrophe parses "defenders" as a second object of "urged"
    ("U.S. Secretary of State Rex Tillerson urged China and Russia, Pyongyang’s main "
     "defenders, to take direct action.", {"CHN", "RUS"}),
    ("The French foreign minister urged Iran's allies to press for a ceasefire.", set()),
])
def test_events_the_possessor_of_an_ally_is_not_the_ally(coded: Coded, text: str,
                                                         targets: set[str]) -> None:
    requests = [e for e in events(coded, text) if e.type == "REQUEST"]
    assert requests and {e.target.country for e in requests if e.target} == targets


@pytest.mark.parametrize(("text", "pairs"), [
    ("Indian and US warships patrolled the Malacca Straits on Monday.",
     {("COOPERATE", "IND", "USA"), ("COOPERATE", "USA", "IND")}),
    ("French and U.N. troops patrolled the streets of Abidjan on Monday.",
     {("COOPERATE", "FRA", None), ("COOPERATE", None, "FRA")}),
])
def test_events_forces_of_several_coordinated_owners_patrol_together(
        coded: Coded, text: str, pairs: set[tuple[str, str | None, str | None]]) -> None:
    assert pairs <= dyads(events(coded, text))


def test_events_each_coordinated_owner_of_a_force_is_an_attacker(coded: Coded) -> None:
    found = [e for e in events(coded, "Indian and US warships shelled rebel positions in "
                                      "Yemen on Monday.") if e.type == "ASSAULT"]
    assert {e.source.code for e in found if e.source} == {"INDMIL", "USAMIL"}


def test_events_handing_suspects_over_is_cooperation_with_the_recipient(
        coded: Coded) -> None:
    found = events(coded, "Pakistani police arrested the two suspects in Karachi and handed "
                          "them over to Saudi authorities on Monday.")
    assert ("COOPERATE", "PAK", "SAU") in dyads(found)


def test_events_a_backer_takes_part_in_the_act_it_backs(coded: Coded) -> None:
    found = events(coded, "The Syrian army, backed by Iranian militias, launched a new "
                          "offensive in Aleppo on Sunday.")
    assert {e.source.country for e in found if e.type == "ASSAULT" and e.source} == {
        "SYR", "IRN"}
    assert all(e.type != "SUPPORT" for e in found)


def test_events_a_participle_naming_its_own_doer_is_an_act_of_its_own(coded: Coded) -> None:
    found = events(coded, "Some 11,000 Russian guards patrol the Tajik-Afghan border under a "
                          "1992 agreement signed by Moscow and Dushanbe.")
    assert {("SUPPORT", "RUS", "TJK"), ("SUPPORT", "TJK", "RUS")} <= dyads(found)


@pytest.mark.parametrize(("text", "source"), [
    # a state named by an adjective on an act of armed force did it through its forces
    ("Two commanders were killed in a Turkish airstrike near the border on Monday.", "TURMIL"),
    ("A Turkish airstrike killed two commanders near the border on Monday.", "TURMIL"),
    # a people demonstrating are its civilians, not the state protesting
    ("Hundreds of Kenyans demonstrated outside the embassy on Monday.", "KENCVL"),
    ("Kenyans demonstrated outside the British embassy on Monday.", "KENCVL"),
])
def test_events_the_doer_is_coded_by_what_it_does(coded: Coded, text: str,
                                                  source: str) -> None:
    found = events(coded, text)
    assert found and {e.source.code for e in found if e.source} == {source}


@pytest.mark.parametrize(("text", "source"), [
    # a state its own official speaks for in his own words acts through its government
    ("“Canada opposes the missile launches,” Foreign Minister Melanie Joly said.", "CANGOV"),
    # told in the reporter's words, it stays the country acting
    ("Canada has condemned the missile launches, Foreign Minister Melanie Joly said.", "CAN"),
])
def test_events_a_state_quoted_by_its_official_is_its_government(
        coded: Coded, text: str, source: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ACCUSE" and e.source
             and e.source.text == "Canada"]
    assert [e.source.code for e in found] == [source]


def test_events_a_named_person_who_arrests_is_an_officer(coded: Coded) -> None:
    found = events(coded, "LUCKNOW: Rakesh Sharma arrested five men in Kanpur on Monday.")
    assert {e.source.code for e in found if e.type == "COERCE" and e.source} == {"INDCOP"}


@pytest.mark.parametrize(("text", "pairs"), [
    # sides named together meet each other
    ("South Korea and China held talks on Sunday.", {("KOR", "CHN"), ("CHN", "KOR")}),
    # one who meets another names the other as the meeting's recipient (guide section 4)
    ("President Park Geun-hye of South Korea met with President Xi Jinping of China on Sunday.",
     {("KORGOV", "CHNGOV")}),
    # a visit is one side's act
    ("South Korean President Moon Jae-in visited Tokyo on Sunday.", {("KORGOV", "JPNGOV")}),
])
def test_events_sides_named_together_meet_each_other_and_a_recipient_is_met(
        coded: Coded, text: str, pairs: set[tuple[str, str]]) -> None:
    found = {(e.source.code, e.target.code) for e in events(coded, text)
             if e.type == "CONSULT" and e.source and e.target}
    assert found == pairs


@pytest.mark.parametrize(("text", "sources"), [
    # the object of "despite" or "with" right before a gerund is its subject
    ("The envoy spoke on Monday, despite Moscow and Beijing firmly denouncing Pyongyang’s "
     "actions.", {"RUSGOV", "CHNGOV"}),
    ("Thousands marched in Cairo, with Egyptian police firing tear gas at them.", {"EGYCOP"}),
])
def test_events_the_object_before_a_gerund_is_its_subject(coded: Coded, text: str,
                                                         sources: set[str]) -> None:
    found = [e for e in events(coded, text) if e.trigger.startswith(("denouncing", "firing"))]
    assert {e.source.code for e in found if e.source} == sources


@pytest.mark.parametrize(("text", "kind", "source"), [
    # an act inside another's phrase that names its own doer is an act of its own
    ("The government agreed in July to deploy the system over objections from China.",
     "ACCUSE", "CHN"),
    # a withdrawal "from Panama" is from a place, not by it
    ("The United States speeded up the withdrawal of its forces from Panama on Wednesday.",
     "ASSAULT", None),
])
def test_events_an_act_inside_another_that_names_its_doer(
        coded: Coded, text: str, kind: str, source: str | None) -> None:
    found = [e for e in events(coded, text) if e.type == kind]
    assert [e.source.code for e in found if e.source] == ([source] if source else [])


def test_events_a_verbal_act_noun_with_its_speaker_is_reported(coded: Coded) -> None:
    # a condemnation "from Tokyo" names who condemned: reported, though no one is its target
    found = events(coded, "There were fresh condemnations from Tokyo on Monday.")
    assert [(e.type, e.source.code if e.source else None) for e in found] \
        == [("ACCUSE", "JPNGOV")]


@pytest.mark.parametrize(("text", "kind", "pair"), [
    # the subject of "serve", "face" or "suffer" undergoes the act its object names
    ("CAIRO (AP) - The Egyptian activist is serving a five-year sentence for protesting.",
     "COERCE", ("EGYJUD", "EGYOPP")),
    ("The former Egyptian president faces charges of corruption in Cairo.",
     "ACCUSE", ("EGYJUD", "EGYGOV")),
])
def test_events_the_subject_of_serving_or_facing_undergoes_the_act(
        coded: Coded, text: str, kind: str, pair: tuple[str, str]) -> None:
    found = [e for e in events(coded, text) if e.type == kind]
    assert [(e.source.code if e.source else None, e.target.code if e.target else None)
            for e in found] == [pair]


@pytest.mark.parametrize(("text", "source"), [
    # an attack of no named attacker is by criminals of the country where the sentence says
    # it happened, in whichever of its phrases (guide section 12)
    ("Two American contractors were shot and killed in Basra last month.", "IRQCRM"),
    ("A US soldier was killed when his vehicle was hit by a roadside bomb while on patrol "
     "in Iraq's northern Nineveh province.", "IRQCRM"),
])
def test_events_an_unknown_attacker_is_of_the_place_the_sentence_names(
        coded: Coded, text: str, source: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert found and {e.source.code if e.source else None for e in found} == {source}


@pytest.mark.parametrize(("text", "target"), [
    # a place a clause of the attack says it struck stands for its country, found where the
    # attack was when the place is not named
    ("Russian warplanes launched an offensive on Monday, targeting rebel positions near "
     "Idlib.", "SYR"),
    # (a town the tagger takes for a people)
    ("Turkish troops launched an assault on Sunday, targeting Aleppo.", "SYR"),
    # an armed force's strikes strike whom their clause names
    ("Israeli jets launched strikes on Monday, targeting Hamas positions in Gaza.", "PSEREB"),
])
def test_events_what_a_targeting_clause_names_is_the_target(coded: Coded, text: str,
                                                            target: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ASSAULT"]
    assert [e.target.code if e.target else None for e in found] == [target]


@pytest.mark.parametrize("text", [
    # the passive of a verb that hands the act to someone: its subject receives it
    "The Egyptian activist Alaa Abdel-Fattah was handed a five-year prison sentence.",
    "The Egyptian activist Alaa Abdel-Fattah was given a five-year sentence in Cairo.",
    # and the active: who it was handed to
    "A Cairo court handed the Egyptian activist Alaa Abdel-Fattah a five-year sentence.",
])
def test_events_who_is_handed_a_sentence_undergoes_it(coded: Coded, text: str) -> None:
    found = [e for e in events(coded, text) if e.type == "COERCE"]
    assert [e.target.code if e.target else None for e in found] == ["EGYOPP"]


def test_events_a_conjunct_misjoined_to_a_relative_clause_keeps_its_subject(
        coded: Coded) -> None:
    # spaCy joins "urged" to "raises" (the relative clause); the tense says whose it is
    found = events(coded, "Chile and Peru denounced Bolivia's test launch as a provocative "
                          "action that raises regional tensions and urged a firm response.")
    assert sorted(e.source.code for e in found if e.type == "REQUEST" and e.source) \
        == ["CHL", "PER"]


def test_events_solidarity_is_with_whom_the_verb_says(coded: Coded) -> None:
    found = events(coded, "The Canadian prime minister said Canada stands in solidarity "
                          "with France.")
    assert ("SUPPORT", "CAN", "FRA") in dyads(found)


@pytest.mark.parametrize(("text", "target"), [
    # a complaint made to a body accuses whoever did what it is about
    ("Chile complained to the United Nations on Monday over Argentine air raids.", "ARG"),
    # with nothing it is about, the body it is made to
    ("Chile complained to the United Nations on Monday.", "IGO"),
])
def test_events_a_complaint_accuses_what_it_is_about(coded: Coded, text: str,
                                                     target: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ACCUSE"]
    assert found and found[0].target is not None and found[0].target.code == target


def test_events_a_country_an_actor_is_for_is_not_the_actor(coded: Coded) -> None:
    found = events(coded, "The pro-Iranian group shelled the town of Marjayoun in south "
                          "Lebanon on Monday.")
    assert found and all(e.source is None or e.source.country != "IRN" for e in found)


@pytest.mark.parametrize("text", [
    "The Arab League repeated its demand that Israel ease restrictions on Palestinian workers.",
    "Egypt repeated its call for Israel to withdraw its troops from Gaza.",
    "The International Labor Office (ILO) reiterated its demand today that Israel ease "
    "restrictions on the movement of Palestinian workers.",
])
def test_events_a_demand_nouns_clause_names_whom_it_is_made_of(coded: Coded, text: str) -> None:
    found = events(coded, text)
    assert {(e.type, e.target.country if e.target else None) for e in found
            if e.modality == "asserted"} == {("REQUEST", "ISR")}


@pytest.mark.parametrize(("text", "expected"), [
    # whom a passive says it of does the infinitive's act
    ("Syrian troops were forced to withdraw from the town of Qusayr.", ("RETREAT", "SYR")),
    ("Iran is believed to have supplied rockets to Hezbollah.", ("AID", "IRN")),
    ("President Trump is said to have questioned Japan's decision.", ("ACCUSE", "USA")),
])
def test_events_the_subject_of_a_passive_does_its_infinitive(coded: Coded, text: str,
                                                             expected: tuple[str, str]) -> None:
    assert expected in {(e.type, e.source.country if e.source else None)
                        for e in events(coded, text)}


def test_events_one_found_murdered_murdered_no_one(coded: Coded) -> None:
    found = events(coded, "Two farmers were found murdered in Punjab on Monday.")
    assert all(e.source is None or e.source.sector != "CVL" for e in found)


@pytest.mark.parametrize("text", [
    "An attack on Iran took place on Monday.",
    "A credible threat against the White House came in on Friday.",
])
def test_events_an_act_that_is_its_clauses_subject_is_not_done_by_its_target(
        coded: Coded, text: str) -> None:
    found = [e for e in events(coded, text) if e.type in ("ASSAULT", "THREATEN")]
    assert found and all(e.source is None for e in found) and all(
        e.target is not None for e in found)


def test_events_a_group_calling_on_its_followers_targets_them(coded: Coded) -> None:
    found = [e for e in events(coded, "Hamas urged its supporters to march on Friday.")
             if e.type == "REQUEST"]
    assert [(e.source.code if e.source else None, e.target.code if e.target else None)
            for e in found] == [("PSEREB", "PSEREB")]


@pytest.mark.parametrize("text", [
    "\"Our solidarity goes to France,\" Trudeau said.",
    "\"Our solidarity is with the people of France,\" Trudeau said.",
])
def test_events_whom_a_feeling_is_with_is_its_target(coded: Coded, text: str) -> None:
    found = [e for e in events(coded, text) if e.type == "SUPPORT"]
    assert found and {e.target.country if e.target else None for e in found} == {"FRA"}


@pytest.mark.parametrize(("text", "target"), [
    # the parser hangs the noun's infinitive on it as a relative clause
    ("China reiterated calls to halt deployment of a U.S. missile defense system.", "USA"),
    ("Turkey repeated calls to halt construction of Israeli settlements.", "ISR"),
])
def test_events_a_demand_nouns_infinitive_names_whose_act_it_would_stop(
        coded: Coded, text: str, target: str) -> None:
    found = [e for e in events(coded, text) if e.type == "REQUEST"]
    assert found and {e.target.country if e.target else None for e in found} == {target}


def test_events_a_verb_that_tightens_an_event_noun_lends_it_its_subject(coded: Coded) -> None:
    found = events(coded, "NATO said it would tighten the naval blockade of Cuba.")
    assert {(e.source.code if e.source else None, e.target.country if e.target else None)
            for e in found if e.trigger == "blockade"} == {("IGO", "CUB")}


def test_events_a_ceasefire_is_not_made_with_the_place_it_holds_in(coded: Coded) -> None:
    found = [e for e in events(coded, "The rebels declared a ceasefire in northern Chad on "
                                      "Sunday.") if e.type == "RETREAT"]
    assert found and all(e.target is None for e in found)


def test_events_refuge_sought_in_a_country_is_asked_of_it(coded: Coded) -> None:
    found = events(coded, "Thousands of Syrian Kurds sought refuge in Turkey last week.")
    assert ("REQUEST", "SYR", "TUR") in dyads(found)


def test_events_an_unnamed_arrester_is_of_the_state_whose_forces_the_story_names(
        coded: Coded) -> None:
    text = ("Israeli soldiers raided the village of Kafr Qaddum on Monday. An Israeli "
            "military court later extended the order. The teenager was arrested at her "
            "home in the West Bank.")
    found = [e for e in events(coded, text) if e.trigger == "arrested"]
    assert found and {e.source.country for e in found if e.source} == {"ISR"}


def test_events_a_withdrawal_from_a_country_concerns_that_country(coded: Coded) -> None:
    # ("from Iraq" hangs on the forces: the place of the withdrawal is its target)
    found = [e for e in events(coded, "Britain speeded up the withdrawal of some invasion "
                                      "forces from Iraq on Friday, but officials said no "
                                      "deadline had been set.") if e.type == "RETREAT"]
    assert found and {e.target.country for e in found if e.target} == {"IRQ"}


def test_events_a_later_reaction_takes_the_author_an_earlier_one_named(coded: Coded) -> None:
    text = ("Canada condemned the latest missile launch by North Korea on Friday. "
            "“We are deeply worried over such provocative launches,” the foreign minister "
            "said.")
    found = [e for e in events(coded, text) if e.type == "ACCUSE"]
    assert len(found) == 2 and all(e.target is not None and e.target.country == "PRK"
                                   for e in found)


@pytest.mark.parametrize("text", [
    "Israel released 20 Palestinian prisoners on Sunday. Egypt welcomed the move.",
    "Iran agreed to talks with France on Monday. Germany said it welcomed this step.",
])
def test_events_a_step_welcomed_is_the_last_friendly_act_of_another(coded: Coded,
                                                                    text: str) -> None:
    found = [e for e in events(coded, text) if e.type == "SUPPORT"]
    assert found and {e.target.country if e.target else None for e in found} == {
        "ISR" if text.startswith("Israel") else "IRN"}


@pytest.mark.parametrize("text", [
    # the act the reaction's relative clause hangs on, told earlier in its sentence
    "Syria shelled the border town of Kilis on Monday, an attack which was condemned by "
    "Turkey within hours.",
    "Syria shelled the border town of Kilis on Monday, an attack that Turkey condemned.",
])
def test_events_a_relative_clause_reaction_targets_the_author_of_its_act(
        coded: Coded, text: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ACCUSE"]
    assert found and {e.target.country for e in found if e.target} == {"SYR"}, [
        (e.type, e.source and e.source.code, e.target and e.target.code) for e in found]


def test_events_a_reaction_to_a_joint_act_targets_each_of_its_doers(coded: Coded) -> None:
    found = events(coded, "American and South Korean forces began joint military drills, "
                          "to which North Korea objects.")
    assert {(e.source.country, e.target.country) for e in found
            if e.type == "ACCUSE" and e.source and e.target} == {("PRK", "USA"), ("PRK", "KOR")}


def test_events_a_relative_clause_of_the_reacting_country_is_no_reaction_to_it(
        coded: Coded) -> None:
    # ("which" does the condemning here: Turkey is not the author of what it condemned)
    found = [e for e in events(coded, "Syria shelled the town of Kilis in Turkey, which "
                                      "condemned the attack.") if e.type == "ACCUSE"]
    assert all(e.target is None or e.target.country == "SYR" for e in found)


def test_events_a_reaction_an_act_set_off_is_an_event_of_its_own(coded: Coded) -> None:
    found = events(coded, "A gunman shot dead a Greek Cypriot in Nicosia on Saturday, "
                          "prompting condemnation from the Greek government.")
    assert ("ACCUSE", "GRC") in {(e.type, e.source.country if e.source else None)
                                 for e in found}


@pytest.mark.parametrize("text", [
    "Residents of Kyiv were urged to stay indoors on Monday.",
    "Residents of Kyiv have been asked to avoid the area around the station.",
])
def test_events_people_advised_with_no_one_named_are_advised_by_the_authorities(
        coded: Coded, text: str) -> None:
    assert {(e.type, e.source.sector if e.source else None) for e in events(coded, text)} == {
        ("REQUEST", "GOV")}


def test_events_calling_an_act_terrorist_is_one_accusation(coded: Coded) -> None:
    found = events(coded, "An attacker ploughed a truck through crowds celebrating Bastille "
                          "Day on the French Riviera, killing at least 84 people, including "
                          "10 children, and injuring 202, in what President Francois Hollande "
                          "called a terrorist act by an enemy determined to strike all "
                          "nations that share France's values.")
    assert [e.trigger for e in found if e.type == "ACCUSE"] == ["terrorist"]


def test_events_a_condemnation_of_nothing_named_condemns_the_last_hostile_act(
        coded: Coded) -> None:
    text = ("Gunmen from the Shabaab militia attacked a hotel in Mogadishu on Friday. "
            "Kenya and Ethiopia joined the chorus of condemnation.")
    found = [e for e in events(coded, text) if e.trigger == "condemnation"]
    assert found and all(e.target is not None and e.target.country == "SOM" for e in found)


def test_events_private_people_talking_consult_no_one(coded: Coded) -> None:
    found = events(coded, "He recalled last summer, when he was talking to his wife Christine "
                          "at their home in Kenya.")
    assert not [e for e in found if e.type == "CONSULT" and e.target is not None
                and e.target.sector == "CVL"]


def test_events_officials_talking_consult_each_other(coded: Coded) -> None:
    found = events(coded, "The Kenyan president talked with the Ugandan prime minister.")
    assert "CONSULT" in {e.type for e in found}


def test_events_a_passive_after_its_clause_undergoes_what_the_subject_does(
        coded: Coded) -> None:
    found = events(coded, "A Kenyan student could face ten years in prison after being "
                          "charged by Ugandan prosecutors with attacking a police officer.")
    assert ("ACCUSE", "UGA", "KEN") in dyads(found)


def test_events_who_underwent_a_passive_did_what_led_to_it(coded: Coded) -> None:
    found = events(coded, "The Kenyan opposition leader could be arrested after having "
                          "criticized the Ugandan president.")
    assert ("ACCUSE", "KEN", "UGA") in dyads(found)


@pytest.mark.parametrize(("text", "dyad"), [
    ("The attack prompted President Donald Trump to warn North Korea of fire and fury.",
     ("THREATEN", "USA", "PRK")),
    ("The crisis forced Kenya to expel the Ugandan ambassador.", ("SANCTION", "KEN", "UGA")),
])
def test_events_the_object_of_a_verb_of_making_does_its_complement(
        coded: Coded, text: str, dyad: tuple[str, str, str]) -> None:
    assert dyad in dyads(events(coded, text))


@pytest.mark.parametrize(("text", "pairs"), [
    ("The two Koreas agreed to hold military talks next week.",
     {("AGREE", "KOR", "PRK"), ("AGREE", "PRK", "KOR")}),
    ("After months of threats, the two Sudans are talking again.",
     {("CONSULT", "SDN", "SSD"), ("CONSULT", "SSD", "SDN")}),
])
def test_events_a_divided_countrys_plural_name_is_both_its_states(
        coded: Coded, text: str, pairs: set[tuple[str, str, str]]) -> None:
    assert pairs <= dyads(events(coded, text))


@pytest.mark.parametrize(("text", "source"), [
    ("Firing a projectile over mainland Japan was a rare and provocative move.", None),
    # an earlier report of the act tells who did it
    ("North Korea fired a ballistic missile on Tuesday. Firing a projectile over mainland "
     "Japan was a rare and provocative move.", "PRK"),
])
def test_events_an_act_that_is_its_clause_s_subject_is_not_done_by_a_place_in_it(
        coded: Coded, text: str, source: str | None) -> None:
    # (the clause above has the act itself for its subject: no one there to lend it; told
    # alone, whether the generic act is an event at all is the model's call)
    found = [e for e in events(coded, text) if e.trigger == "Firing"]
    assert {e.source.country if e.source else None for e in found} <= {source}
    assert found or source is None


@pytest.mark.parametrize(("text", "target"), [
    ("North Korea's leader Kim Jong Un ordered the missile drill to be conducted for the "
     "first time from its capital, Pyongyang.", None),
    ("North Korea conducted a missile drill from its capital, Pyongyang, on Tuesday.", None),
    # police sent against the country's own rioters keep them
    ("French police patrolled the suburbs of Paris on Wednesday to watch for rioters.", "FRA"),
    ("China deployed warships near Taiwan on Monday.", "TWN"),
])
def test_events_a_show_of_force_at_home_is_aimed_at_no_one_there(
        coded: Coded, text: str, target: str | None) -> None:
    found = [e for e in events(coded, text) if e.type == "MOBILIZE"]
    assert found and {e.target.country if e.target else None for e in found} == {target}


@pytest.mark.parametrize(("text", "sources"), [
    # an agent in several places is one actor per place's country (one event per actor)
    ("Officials in Washington and Seoul condemned the missile launch on Friday.",
     {"USAGOV", "KORGOV"}),
    # a continent is no country
    ("The plan has been opposed by regulators in the United States, Europe and Asia.",
     {"USAGOV"}),
])
def test_events_an_agent_in_coordinated_places_is_one_actor_per_place(
        coded: Coded, text: str, sources: set[str]) -> None:
    found = [e for e in events(coded, text) if e.type == "ACCUSE"]
    assert {e.source.code for e in found if e.source is not None} == sources


@pytest.mark.parametrize("text", [
    # a participle coordinated with a passive shares its subject, who undergoes both
    "Two opposition leaders were detained and put under investigation in Cairo.",
    "Two opposition leaders have been arrested and put on trial in Cairo since May.",
])
def test_events_a_coordinated_passive_shares_its_subject(coded: Coded, text: str) -> None:
    found = [e for e in events(coded, text) if e.type == "ACCUSE"]
    assert [e.target.code if e.target else None for e in found] == ["EGYOPP"]


@pytest.mark.parametrize(("text", "kind", "coded_as_event"), [
    # a company's, a broadcaster's or a hospital's act towards no one is no political event
    ("Hospitals in Nice have launched an urgent appeal for blood donors.", "REQUEST", False),
    ("Broadcom is putting pressure on its board, the company's chief said.", "REQUEST", False),
    # towards a political actor it is one, and a protest always is
    ("Broadcom urged the US government to approve the deal on Monday.", "REQUEST", True),
    ("Journalists of Armenian newspapers marched in Yerevan on Monday.", "PROTEST", True),
])
def test_events_a_private_bodys_act_towards_no_one_is_no_event(
        coded: Coded, text: str, kind: str, coded_as_event: bool) -> None:
    assert any(e.type == kind for e in events(coded, text)) is coded_as_event


@pytest.mark.parametrize(("text", "verb", "subject"), [
    # a conjunct with no subject of its own shares its head's
    ("Three Kenyan activists were arrested and charged with sedition.", "charged",
     "activists"),
    ("Three Kenyan activists were arrested and put on trial.", "put", "activists"),
    ("Police arrested three activists.", "arrested", "Police"),
])
def test_events_a_conjunct_shares_its_heads_subject(settings: Settings, text: str,
                                                     verb: str, subject: str) -> None:
    doc = load_model(settings.model)(text)
    found = shared_subject(next(t for t in doc if t.text == verb))
    assert found is not None and found.text == subject


def test_events_defendants_are_actors(coded: Coded) -> None:
    found = events(coded, "An Egyptian court sentenced the defendants to five years in "
                          "prison.")
    assert {(e.target.country, e.target.sector) for e in found if e.target} == {("EGY", "CRM")}


@pytest.mark.parametrize(("text", "kind", "parties"), [
    # a body made of listed countries is each of them
    ("Now a peacekeeping force from Australia, New Zealand and Fiji is patrolling the "
     "capital.", "COOPERATE", {"AUS", "NZL", "FJI"}),
    ("The Straits of Malacca is now jointly patrolled by the littoral states of Malaysia, "
     "Indonesia and Singapore.", "COOPERATE", {"MYS", "IDN", "SGP"}),
    # agents "of" several countries are each country's
    ("The foreign ministers of France and Germany met in Paris on Monday.", "CONSULT",
     {"FRA", "DEU"}),
    # the heads of a body of several countries are each country's
    ("The heads of the armies of Nigeria, Chad and Niger met in Niamey on Thursday.",
     "CONSULT", {"NGA", "TCD", "NER"}),
    ("The chiefs of the navies of Japan and India met in Tokyo on Monday.", "CONSULT",
     {"JPN", "IND"}),
])
def test_events_a_body_of_listed_countries_is_each_of_them(coded: Coded, text: str,
                                                           kind: str,
                                                           parties: set[str]) -> None:
    found = [e for e in events(coded, text) if e.type == kind]
    assert {e.source.country for e in found if e.source} == parties


def test_events_an_office_in_a_quote_is_the_speakers(coded: Coded) -> None:
    # the story is about North Korea, but "the government" Suga speaks of is Japan's
    found = events(coded, "North Korea fired a missile over Japan on Friday. North Korea "
                          "has fired many missiles this year, and North Korea's leader Kim "
                          "Jong Un vowed more. Suga, the Japanese government "
                          "spokesman, condemned the test. \"The government will cooperate "
                          "closely with the United States to respond to this situation,\" "
                          "Suga said.")
    assert {e.source.country for e in found if e.trigger == "cooperate" and e.source} == {
        "JPN"}


@pytest.mark.parametrize(("text", "expected"), [
    ("French troops arrived in Mali at the request of the Malian government on Monday.",
     ("REQUEST", "MLI", "FRA")),
    ("Russia began its air campaign in Syria at the request of the Syrian government.",
     ("REQUEST", "SYR", "RUS")),
    ("The Security Council will meet on Friday at the request of Japan.",
     ("REQUEST", "JPN", None)),
])
def test_events_who_asks_for_an_act_requests_it_of_its_doer(
        coded: Coded, text: str, expected: tuple[str, ...]) -> None:
    assert expected in {(e.type, e.source.country if e.source else None,
                         e.target.country if e.target else None)
                        for e in events(coded, text) if e.modality == "asserted"}


@pytest.mark.parametrize("text", [
    "French troops arrived in Mali at the request of the Malian government on Monday.",
    "The Security Council will meet on Friday at the request of Japan.",
])
def test_events_who_asks_for_an_act_is_no_party_to_it(coded: Coded, text: str) -> None:
    assert not [e for e in events(coded, text) if e.type != "REQUEST" and e.target is not None
                and e.target.country in ("MLI", "JPN")]


@pytest.mark.parametrize(("text", "target"), [
    # the tagger takes Palmyra for a person; "the town of" says it is a town
    ("Islamic State fighters captured the town of Palmyra on Sunday.", "SYR"),
    ("Russian jets bombed the town of Palmyra on Sunday.", "SYR"),
    # a group of many countries is in none: the base is no Islamic State land
    ("Al Qaeda fighters attacked the base on Sunday.", None),
])
def test_events_a_place_struck_is_in_the_country_its_phrase_names(
        coded: Coded, text: str, target: str | None) -> None:
    assert target in {e.target.country if e.target else None
                      for e in events(coded, text) if e.type == "ASSAULT"}


@pytest.mark.parametrize("text", [
    # sides named together by "between" act each with the other (guide section 4)
    "Talks between Kenya and Tanzania resumed in Arusha on Monday.",
    "The release was the outcome of negotiations between the Ugandan government and "
    "Sudanese rebels.",
])
def test_events_talks_between_two_sides_are_each_ones(coded: Coded, text: str) -> None:
    pairs = {(e.source.country, e.target.country) for e in events(coded, text)
             if e.type == "CONSULT" and e.source and e.target}
    assert len(pairs) == 2 and {(b, a) for a, b in pairs} == pairs


def test_events_a_meeting_with_someone_is_the_subjects_alone(coded: Coded) -> None:
    found = [e for e in events(coded, "Kenyan President Uhuru Kenyatta met with Tanzanian "
                                      "President John Magufuli in Arusha on Monday.")
             if e.type == "CONSULT"]
    assert [(e.source.country if e.source else None, e.target.country if e.target else None)
            for e in found] == [("KEN", "TZA")]


def test_events_police_named_without_a_country_are_the_storys_named_force(
        coded: Coded) -> None:
    # the police the story names with their country (Austin's) are the force that
    # arrests, though Nigeria is the country it names most
    text = ("A Texas man was arrested for helping run a 'Nigerian prince' email scam, the "
            "Austin Police Department said. The Nigerian prince scheme promised victims a "
            "share of a Nigerian fortune. Nigerian officials have warned about such emails. "
            "The Austin Police Department said police would charge the man on Monday. "
            "Police said the Nigerian scammers had not been found.")
    arrests = [e for e in events(coded, text) if e.trigger == "arrested"]
    assert arrests and all(e.source and e.source.code == "USACOP" for e in arrests)


@pytest.mark.parametrize(("text", "source"), [
    # militants or criminals set free are let go by the state that held them
    ("Four detained Boko Haram leaders were released on Wednesday in the Nigerian town of "
     "Banki, a military source said.", "NGAGOV"),
    # captives set free with no one named are let go by no one the sentence names
    ("The girls were released around 5:30 a.m. on Thursday.", None),
])
def test_events_militants_released_are_released_by_the_state(coded: Coded, text: str,
                                                             source: str | None) -> None:
    found = [e for e in events(coded, text) if e.trigger == "released"]
    assert found and all((e.source.code if e.source else None) == source for e in found)
