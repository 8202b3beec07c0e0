"""The events of one trigger candidate: their actors, code, modality, date, place and evidence.

The arguments (:mod:`.arguments`, :mod:`.targets`) give the candidate its sources and
targets; the modality reader (:mod:`.modality`) says whether it happened. Then the code is
settled: an untargeted show of force keeps its own code, a declared refusal ("would not
meet") becomes the REJECT it is, a declared intention ("will send aid", "plans to impose
sanctions") the AGREE or THREATEN it is. Date and place come from the words that govern the
trigger. Every event carries the rule that fired in ``coder`` and the reasoning in
``evidence``.

Kept apart from :mod:`.coder`, which walks a document's sentences and lets the event model
choose among the candidates: the rule pass and the model's pass both build a candidate's
events here, the same way, and building them needs nothing of either pass but the
document's :class:`~.arguments.Arguments`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from ..actors.kb import KnowledgeBase
from ..datafiles import word_class
from ..dates import resolve_time
from ..models import Actor, Document, Event, EventDate, Evidence, Location, Mention
from ..nlp import entities
from ..places import Gazetteer, normalize_name, subdivision_country
from . import parse_rules as pr
from .arguments import Arguments, struck_only, without_the
from .lexicon import Lexicon, implicit_agent
from .modality import ModalityReader, Reading
from .targets import FIGHTERS, VISIT_CODES, find_targets
from .triggers import Candidate, TriggerMatcher

Token = Any

ULTIMATUM = "139"  # CAMEO: give ultimatum
# A capture by or of these is an abduction, not an arrest.
_ABDUCT, _ARREST = "181", "173"
# Taking a named place (not people) by force: CAMEO 190, which a seizure (171) or an
# arrest (173) of the same verb is not.
_TAKINGS = frozenset({"capture", "seize"})
_SEIZE, _TAKE_PLACE = "171", "190"
# Troops that arrive or travel somewhere are deployed there, not visiting (guide section 15).
_VISIT, _DEPLOY = "042", "154"
_TROOPS = word_class("troops")
# Whose word on what a state will do is a forecast (guide section 5).
_COMMENTATORS = word_class("commentators")
_PLACES = frozenset({"GPE", "LOC", "FAC"})
# Captives named as suspects are arrested, whoever takes them (guide section 12).
_SUSPECTS = word_class("suspects")
_SHARES = word_class("shares")
_ANNEXING = word_class("annexing")
_NO_ONES_CAPTIVES = frozenset({"NGO", "MED"})
# Setting captives free (CAMEO 0841), and whom only a state holds: armed groups' members
# and criminals.
RELEASE = "0841"
_HELD_BY_STATES = frozenset({"REB", "CRM", "IMG"})
# Who arrests whomever it captures: the police and the courts.
_AUTHORITIES = frozenset({"COP", "JUD"})
# People no authority holds: taken by no one named, they are abducted.
_INNOCENTS = word_class("innocents")
# A strike by an armed force is an air or missile strike, not a walkout.
_STRIKE, _AIRSTRIKE = "strike", "195"
# Who goes on strike: "the union called a strike on the railways" struck nothing
_WORKERS = frozenset({"LAB", "CVL", "EDU", "HLH", "BUS", "MED", "OPP", "PTY", "REL", "NGO"})
# The prepositions of a sentence's place phrases that say where something happened.
_WHERE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# How the unnamed side of a clash is found: nowhere; it takes no earlier report's actors.
OTHER_SIDE = "the other side of the clash, unnamed"
# How a source can be missing and the event still be reported: "three soldiers were killed",
# "killed by a roadside bomb", "a car bombing killed three soldiers".
_SOURCELESS = frozenset({"passive", "by-agent", "event subject", "undergone by the subject"})
_DIRECT = ("subject", "by-agent", "possessor", "between", "by-phrase", "relative")
# Shows of force that are cooperation when several countries stage them together.
_TOGETHER = {"151": "062", "152": "062"}
# A formal complaint (CAMEO 114) is a state's; the same verb of others is a protest (140).
_OFFICIAL_PROTEST = "114"
_DEMONSTRATE = "140"
_OBSTRUCT = "144"
_RESTRICT_MOVEMENT = "191"
# A withdrawal by a body that has no troops (a rights group, a company, a broadcaster, a
# school, a hospital) takes back its people or its presence: PLOVER SANCTION `withdraw`
# (CAMEO 166), not a military retreat.
_RETREAT = "0874"
_WITHDRAW_PRESENCE = "166"
_UNARMED_BODIES = frozenset({"NGO", "BUS", "MED", "EDU", "HLH"})
# The CAMEO head of threats: a hostile act's intent code begins so (intents.csv).
_THREATS = "13"
_STATE = frozenset({"GOV", "JUD", "LEG", "MIL", "COP", "SPY", "IGO"})
# Verbs that make a protest noun a complaint ("lodged a protest"), prepositions that put
# a protest in the street, and who complains rather than demonstrates.
_LODGE_VERBS = frozenset({"lodge", "file", "register", "deliver", "send", "issue", "make",
                          "voice", "express", "submit"})
_STREET_PREPS = frozenset({"outside", "in", "at", "near", "along", "through", "across"})
_COMPLAINING = frozenset({"GOV", "JUD", "NGO", "MED", "IGO"})
_CROWD_COUNTS = frozenset({"hundred", "thousand", "dozen", "score", "million", "crowd"})
# Acts done in an area rather than to anyone (patrols): the area is no target.
_AREA_ONLY = frozenset({"151"})
# A show of military force (CAMEO 150): a weapon launched, tested or flown.
_SHOW_OF_FORCE = "150"
_ENFORCING = frozenset({"COP", "JUD"})  # implicit agents who arrest, charge and jail
_STAND_DOWN = "087"  # de-escalate: ceasefire, demobilise, retreat or surrender
# The words of a pull-out, whose place may be a whole country it leaves.
_PULL_OUTS = frozenset({"withdraw", "withdrawal", "pullout", "pull", "evacuate",
                        "evacuation", "retreat"})
# Sectors whose mentions make an article political news (a feature of the model, in
# :mod:`.coder`), with the countries named as such; with NGOs, the actors that make visits.
POLITICAL = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "IGO", "SPY"})


class Assembler:
    """Builds the events of one trigger candidate of a parsed document."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, kb: KnowledgeBase,
                 matcher: TriggerMatcher) -> None:
        self.lex = lexicon
        self.gazetteer = gazetteer
        self.kb = kb
        self.matcher = matcher
        self.modality = ModalityReader(lexicon)
        self.speech = lexicon.frame_words("speech")
        self.silence = lexicon.frame_words("silence")

    def events(self, doc: Document, sent_index: int, sent: Any, cand: Candidate,
               args: Arguments, require_source: bool = True) -> list[Event]:
        """The events of a candidate. The rules alone (``require_source``) code only what
        has a source and a noun only when it is reported ("staged protests", "a ban on
        imports"); with the model deciding, those are features and not conditions."""
        kind = self.lex.code(cand.cameo).plover
        if kind == "REQUEST" and pr.is_question(cand.token):
            return []  # a question put to someone is no one's request
        if kind == "REJECT" and any(c.dep_ in ("xcomp", "acl")
                                    and c.lemma_.lower() in self.silence
                                    for c in cand.token.children):
            # "declined to comment" refuses a reporter, "their refusal to react" no one
            return []
        sources, source_how = args.sources(cand)
        reading: Reading | None = None
        if not sources and not cand.is_noun and pr.is_passive(cand.token):
            announced, reading = self._announcer(cand, args)
            if announced:
                sources, source_how = announced, "the state body that announced it"
        targets, target_how = find_targets(args, cand, sources)
        rules_alone = not (
            (not sources and not (targets and source_how in _SOURCELESS))
            # a bare event noun ("the visit") names, it does not report
            or (cand.is_noun and not (targets or cand.support is not None or cand.occurs
                                      or source_how == "by-phrase")))
        if require_source and not rules_alone:
            return []
        if reading is None:
            reading = self.modality.read(cand.token)
            if (reading.modality == "intended" and cand.is_noun
                    and pr.behest_of(cand.token) is not None):
                # "will meet at the request of Japan": the meeting is to come, the request
                # was made
                reading = replace(reading, modality="asserted",
                                  cues=[*reading.cues, "asked before the act"])
        joint = self.lex.code(cand.cameo).joint or (cand.rule is not None and cand.rule.joint)
        if joint and len({party_of(m.actor) for m in sources} - {None}) > 1 and (
                target_how in ("place aimed at", "object of its complement",
                               "inside its arguments")):
            # "US and Russian negotiators return to Geneva": they meet each other; "Abe
            # and Trump agreed to increase pressure on North Korea": they agree with each
            # other, and what they agree to do is the agreement's content
            targets = []
        patrol = cand.cameo in _AREA_ONLY
        if patrol:
            # "patrolled the streets of Cairo", "the skies over northern Iraq": the area
            # patrolled is where, not whom; a partner is "with" them
            targets = [m for m in targets if m.kind not in ("metonym", "place") and not (
                m.actor.sector is None and not _partner_phrase(doc.parse, m))]
        when, time_note = self._date(cand, doc.date)
        countries = [m.actor.country for m in [*sources, *targets] if m.actor.country]
        where, place_note = self._place(cand, [*countries, *args.context])
        if (not targets and where is not None and where.country
                and self.lex.code(cand.cameo).quad_class in (2, 4) and not struck_only(cand)
                and not (joint and len(sources) > 1) and not patrol
                and self.lex.code(cand.cameo).plover != "PROTEST"
                and cand.cameo != _SHOW_OF_FORCE and not self._stands_down(cand, where)):
            # A material act with no named target befalls the people where it happens:
            # "imposed a curfew in Cizre", "lifted a night curfew in Montenegro". Not a
            # protest: its recipient is whom it is against (guide section 13), and
            # "demonstrated in Belgrade" names none; nor a weapon's launch or test: "a
            # missile launch over Japan" is aimed at no one (guide section 8); nor a
            # truce or surrender: "declared a ceasefire in south Lebanon" is made with the
            # other side, not with the people there (but a withdrawal from a country,
            # "from Panama", is that country's concern; from a town it is not). Troops
            # put on alert or reinforced in a place are there for its people.
            actor = Actor(text=where.text, name=where.name, country=where.country)
            place = Mention(actor, -1, -1, sent_index, "place")
            if not any(_same_actor(place, s) for s in sources):
                targets, target_how = [place], "the place where it happened"
        if self.lex.code(cand.cameo).plover == "CONSULT":
            # Reporters a speaker talks to or meets are the audience of a statement to the
            # press (CAMEO 01, which the guide does not code), no one's counterpart.
            targets = [m for m in targets if m.actor.sector != "MED"]
        partners = bool(targets) or (joint and len(sources) > 1)
        if not partners and cand.rule is not None and cand.rule.alone == "-":
            return []  # "the cabinet met": no one met anyone
        code, modality, notes = self._settle(cand, partners, reading, sources, args, targets)
        if code == _DEPLOY and cand.cameo == _VISIT:
            targets = []  # troops entering a place give it no target (guide, section 15)
        if not sources and source_how != "by-agent" and (agent := implicit_agent(
                self.lex, code, cand.token.lemma_.lower())) is not None:
            # "over 50 persons were arrested": by the police of the story's country, or
            # of the country where it happened when the sentence says.
            home = (where.country if where is not None and where.country
                    else self._sentence_place(sent, countries) or args.home)
            if agent[0] in _ENFORCING and args.enforcer is not None:
                home = args.enforcer  # arrested in the West Bank by Israel's forces
            sources = [self._implicit(agent[1], agent[0], home, sent_index)]
            source_how = "implicit agent of the act (implicit_agents.csv)"
        if (not sources and source_how != "by-agent" and code.startswith(RELEASE) and targets
                and all(m.actor.sector in _HELD_BY_STATES for m in targets)):
            # "four detained Boko Haram leaders were released": militants and criminals
            # set free are let go by the state that held them, not by captors
            home = args.enforcer or targets[0].actor.country or args.home
            if home:
                sources = [self._implicit("authorities", "GOV", home, sent_index)]
                source_how = "the state that held them"
        cameo = self.lex.code(code)
        joint = joint or cameo.joint
        if code in VISIT_CODES:
            # A visit is a state's or a body's: players who "flew first class to Sioux
            # Falls" or a missile that "travelled 2,700 km" made none.
            sources = [m for m in sources if self._political(m.actor)]
            if not sources:
                return []
            if not cand.is_noun and pr.is_passive(cand.token) and not any(
                    self._political(m.actor) for m in targets):
                # "the girls were flown by helicopter to Maiduguri": carried there, they
                # visited no one, and neither did whoever carried them
                return []
        elif cameo.plover == "CONSULT" and (sources or targets) and not any(
                self._political(m.actor) for m in [*sources, *targets]):
            return []  # a radio host talking to a reporter, a scientist at a meeting
        if cameo.plover == "ASSAULT":
            sources = [_as_attacker(m, doc.parse, self.kb.plain_persons) for m in sources]
        if cameo.plover == "PROTEST":
            sources = [_as_protester(m) for m in sources]
            if not sources and not targets and _a_walk(cand.token):
                return []  # "we marched on through the woods": a walk, no one's protest
        if code.startswith(_ARREST):
            sources = [_as_officer(m) for m in sources]
        if cameo.plover == "AID" and sources and all(m.actor.sector == "CVL" for m in sources):
            return []  # passengers who "gave the players their blankets" give no aid
        pairs = _pairs(sources, targets, joint) or ([] if require_source else [(None, None)])
        # Fighting between two sides is an attack by each on the other, even when the
        # sentence names one side or none ("killed in clashes with the army", "clashes
        # are ongoing"): the guide codes both ways.
        mutual = bool(joint and cand.rule is not None and cand.rule.joint
                      and cameo.quad_class == 4)
        if mutual or (source_how == "between" and targets):
            # (not a meeting: "Park met with Xi" names Xi as its recipient, one event,
            # Park's; sides named together meet each other, guide section 4: "talks
            # between Seoul and Tokyo" are each one's with the other)
            pairs = _both_ways(pairs)
        if joint and not targets and len(sources) > 1:
            target_how = "coordinated with the source (a joint act)"
        # (the words as the text has them: a caseless line was parsed with case given it)
        trigger_text = _as_written(doc.text, cand.words)
        confidence = 0.5 + (0.2 if source_how.endswith(_DIRECT) else 0.05)
        confidence += 0.15 if targets else 0.0
        confidence += 0.1 if cand.rule is not None and cand.rule.objects else 0.0
        coder = "rule:" + cand.rule_name + "".join(
            "+" + n.split(":")[0] for n in notes)
        out = []
        keys: set[str] = set()
        for n, (source, target) in enumerate(pairs):
            evidence = replace(
                self._evidence(cand, source, target, source_how, target_how, reading, notes,
                               time_note, place_note, sent),
                rules_alone=rules_alone, nominal=cand.is_noun or not pr.is_verb(cand.token),
                refers_back=_refers_back(cand))
            if mutual and source is None:
                evidence = replace(evidence, source={"text": None, "how": OTHER_SIDE})
            words = [cand.token.idx, cand.token.idx + len(cand.token.text)]
            for m in (source, target):
                if m is not None and sent.start_char <= m.start < sent.end_char and m.end > 0:
                    words += [m.start, m.end]
            key = (f"{doc.id}|{cand.token.idx}|{code}|{source.actor.code if source else ''}|"
                   f"{target.actor.code if target else ''}" + (f"|{n}" if mutual else ""))
            if key in keys:
                # One event per named actor, not per code (guide section 13): "a mother and
                # her daughter were murdered" is two killings of two civilians.
                key += f"|{source.start if source else ''}|{target.start if target else ''}"
            keys.add(key)
            out.append(Event(
                event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
                doc_id=doc.id, type=cameo.plover, mode=cameo.mode,
                context=list(cameo.context), cameo=code, quad_class=cameo.quad_class,
                intensity=cameo.goldstein, source=source.actor if source else None,
                target=target.actor if target else None,
                date=when.value if when else None,
                date_precision=when.precision if when else None,
                date_text=when.text if when else None, location=where,
                modality=modality,  # type: ignore[arg-type]
                sentence=doc.sentences[sent_index].text, span=(min(words), max(words)),
                trigger=trigger_text, confidence=round(min(confidence, 0.95), 2),
                coder=coder, evidence=evidence))
        return out

    def _implicit(self, text: str, sector: str, country: str | None,
                  sent_index: int) -> Mention:
        """An actor the sentence leaves unnamed ("police", "authorities"), of ``country``."""
        actor = Actor(text=text, name=self.kb.countries[country].name
                      if country in self.kb.countries else None, country=country,
                      sector=sector)
        return Mention(actor, -1, -1, sent_index, "implicit")

    def _political(self, actor: Actor) -> bool:
        """A state, its bodies, a party, an armed group or an organisation of states or
        of citizens; not a private person, firm or newspaper."""
        if actor.sector is not None:
            return actor.sector in POLITICAL or actor.sector == "NGO"
        return actor.country is not None and actor.name is not None and (
            self.kb.country_code(actor.name) == actor.country)

    def _known_place(self, name: str) -> bool:
        return (self.gazetteer.lookup(name) is not None
                or self.kb.country_code(name) is not None)

    # -- the code -------------------------------------------------------------------

    def _settle(self, cand: Candidate, partners: bool, reading: Reading,
                sources: list[Mention], args: Arguments, targets: list[Mention]
                ) -> tuple[str, str, list[str]]:
        """(CAMEO code, modality, notes) after untargeted, refusal and intent rules."""
        code = cand.cameo
        modality = reading.modality
        notes: list[str] = []
        if not partners and cand.rule is not None and cand.rule.alone not in (None, "-"):
            notes.append(f"untargeted: {code} -> {cand.rule.alone}")
            code = str(cand.rule.alone)
        if code == _VISIT and not cand.is_noun and (
                subj := pr.subject(cand.token)) is not None and (
                subj.lemma_.lower() in _TROOPS and subj.dep_ == "nsubj"):
            # "U.S. troops arrived in Kuwait": a deployment (the guide's MOBILIZE troops)
            notes.append(f"troops: {code} -> {_DEPLOY}")
            code = _DEPLOY
        if (code in (_ARREST, _SEIZE) and cand.token.lemma_.lower() in _TAKINGS
                and _place_taken(cand.token, self._known_place)):
            # "Israel captured east Jerusalem", "the Taliban captured Kunduz": a named
            # place taken is an attack on it (guide section 12), no one's arrest
            notes.append(f"place: {code} -> {_TAKE_PLACE}")
            code = _TAKE_PLACE
        captives = _captives(cand.token)
        if (code == _SEIZE and cand.token.lemma_.lower() in _TAKINGS and captives
                and all(t.ent_type_ == "PERSON" or t.lower_ in self.lex.actor_nouns
                        or t.lower_ in _INNOCENTS or any(
                            m.start <= t.idx < m.end and m.actor.sector for m in targets)
                        for t in captives)):
            # "200 schoolgirls were seized": people seized are taken captive, not goods
            notes.append(f"people: {code} -> {_ARREST}")
            code = _ARREST
        if (code == _ARREST and cand.token.lemma_.lower() in _TAKINGS
                and not any(t.lower_ in _SUSPECTS for c in cand.token.children
                            if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree)
                and not any(m.actor.sector in _AUTHORITIES for m in sources)
                and (any(m.actor.sector in FIGHTERS for m in [*sources, *targets])
                     or any(m.actor.sector == "CRM" for m in sources)
                     or (not sources and targets and all(
                         m.actor.sector in _NO_ONES_CAPTIVES for m in targets))
                     or (not sources and captives
                         and all(t.lower_ in _INNOCENTS for t in captives)))):
            # "rebels captured two soldiers", "FARC rebels were captured": combatants
            # taken in fighting are abducted, not arrested (PLOVER manual); so are aid
            # workers and reporters captured by no one named, and anyone captured by
            # gunmen or "unidentified attackers". Whom the police or a court takes is
            # arrested, militants too (guide section 12: "Turkish police captured dozens
            # of al-Qaida militants"); "troops captured eight suspected insurgents"
            # arrests suspects. Schoolgirls or villagers taken by no one named are
            # abducted: no authority holds them.
            notes.append(f"captives: {code} -> {_ABDUCT}")
            code = _ABDUCT
        if (cand.is_noun and cand.token.lemma_.lower() == _STRIKE
                and self.lex.code(code).plover == "PROTEST" and (
                    (sources and all(m.actor.sector in FIGHTERS for m in sources))
                    or (_struck_on(cand.token)
                        and not any(m.actor.sector in _WORKERS for m in sources)))):
            # "military planes carried out 40 strikes": soldiers and rebels strike targets;
            # "an Israeli strike on Iran" struck Iran
            notes.append(f"armed: {code} -> {_AIRSTRIKE}")
            code = _AIRSTRIKE
        if (code == _RETREAT and cand.token.lemma_.lower() in ("withdraw", "pull")
                and sources and all(m.actor.sector in _UNARMED_BODIES for m in sources)):
            # "Human Rights Watch has withdrawn from Georgia"
            notes.append(f"unarmed: {code} -> {_WITHDRAW_PRESENCE}")
            code = _WITHDRAW_PRESENCE
        elif (code == _WITHDRAW_PRESENCE and cand.token.lemma_.lower() in ("withdraw", "pull",
                                                                         "withdrawal")
              and sources and all(m.actor.sector == "MIL" for m in sources)):
            # troops leave places, not treaties: "troops withdrew from the area covered by
            # the agreement" retreat
            notes.append(f"troops: {code} -> {_RETREAT}")
            code = _RETREAT
        if code == _OFFICIAL_PROTEST and not cand.is_noun and not any(
                m.actor.sector in _STATE or (m.actor.sector is None and m.actor.country)
                for m in sources):
            # "France protested Belgium's plans" is a state's complaint; people protesting
            # a policy, or a group printing leaflets to protest it, demonstrate.
            notes.append(f"people: {code} -> {_DEMONSTRATE}")
            code = _DEMONSTRATE
        elif (self.lex.code(code).plover == "PROTEST" and code != _OFFICIAL_PROTEST
              and _official_protest(cand.token, sources)):
            notes.append(f"complaint: {code} -> {_OFFICIAL_PROTEST}")
            code = _OFFICIAL_PROTEST
        if code.startswith(_OBSTRUCT) and sources and all(
                m.actor.sector in ("COP", "MIL") for m in sources):
            # "riot police blocked the street": a state's forces closing a road restrict
            # movement (CAMEO 191, COERCE); people blocking it protest
            notes.append(f"state: {code} -> {_RESTRICT_MOVEMENT}")
            code = _RESTRICT_MOVEMENT
        if code in _TOGETHER and (len({party_of(m.actor) for m in sources
                                       if party_of(m.actor)}) > 1
                                  or _with_partner(cand, targets)):
            # "US and South Korean forces began military drills": held together, the
            # exercise is military cooperation (PLOVER COOPERATE: joint games, maneuvers).
            notes.append(f"together: {code} -> {_TOGETHER[code]}")
            code = _TOGETHER[code]
        if modality == "negated" and reading.frame and code in self.lex.refusals:
            notes.append(f"refusal: {code} -> {self.lex.refusals[code]}")
            code, modality = self.lex.refusals[code], "asserted"
        elif (modality == "intended" and code in self.lex.intents
              and self._declared(cand, reading, sources, args)):
            # "will withdraw its force unless Chad arranges a ceasefire" is an ultimatum.
            intent = ULTIMATUM if reading.condition == "unless" else self.lex.intents[code]
            notes.append(f"intent: {code} -> {intent}")
            code, modality = intent, "asserted"
        elif (modality == "hypothetical" and reading.condition is not None and sources
              and self.lex.intents.get(code, "").startswith(_THREATS)
              and self._declared(cand, reading, sources, args)
              and self._own_word(cand, sources, args)):
            # "Iran could close the strait if it is attacked", "the union would strike
            # unless its demands are met": a hostile act held out on a condition is a
            # threat made now (CAMEO 13)
            intent = ULTIMATUM if reading.condition == "unless" else self.lex.intents[code]
            notes.append(f"conditional: {code} -> {intent}")
            code, modality = intent, "asserted"
        return code, modality, notes

    def _speaker(self, cand: Candidate) -> Token | None:
        """The subject of the verb of saying whose clause holds the trigger, if any."""
        speech = pr.reporting_verb(cand.token, self.speech)
        return pr.subject(speech) if speech is not None else None

    def _announcer(self, cand: Candidate, args: Arguments
                   ) -> tuple[list[Mention], Reading | None]:
        """Who will do an act a state body announces in the passive with no doer ("Hollande
        announced the emergency would be lifted", "the ministry said the prisoners will be
        freed"): the body that announced it, declaring its own act (guide section 5). With
        the trigger's modality when it was read, so that it is read once."""
        subj = self._speaker(cand)
        if subj is None or cand.cameo not in self.lex.intents:
            return [], None
        reading = self.modality.read(cand.token)
        if reading.modality != "intended":
            return [], reading
        return [m for m in args.actors_of(subj) if m.actor.sector in ("GOV", "LEG")], reading

    def _own_word(self, cand: Candidate, sources: list[Mention], args: Arguments) -> bool:
        """Whether the source itself says it ("Iran said it could ..."): what analysts say
        a state could do is their guess, and what the writer says ("If talks fail, Iran
        could attack Israel") a possibility, not its threat."""
        subj = self._speaker(cand)
        if subj is None:
            return False
        speakers = {m.actor.country for m in args.actors_of(subj)}
        return bool(speakers & {m.actor.country for m in sources})

    def _declared(self, cand: Candidate, reading: Reading, sources: list[Mention],
                  args: Arguments) -> bool:
        """Whether the intention is the source's own, not one another actor holds for it
        ("the US wants Iran to stop")."""
        if reading.scheduled:
            return False  # "is scheduled to testify": on a timetable, declared by no one
        if not sources and not cand.is_noun and pr.is_passive(cand.token):
            return False  # "the charges would be dismissed": foretold, declared by no one
        if cand.is_noun and cand.support is None and reading.intent_word is None:
            return False  # "an attack would be far more likely to ...": foretold too
        countries = {m.actor.country for m in sources}
        speaker = self._speaker(cand)
        if speaker is not None and reading.intent_word is None:
            # What analysts say a state will do, or another state's officials say it will
            # attack or punish, is their forecast ("US officials said China would attack");
            # its own word of intention ("have sworn to fight") is its own, whoever tells it,
            # and a host may announce a visit ("the embassy said the minister will visit").
            if speaker.lemma_.lower() in _COMMENTATORS:
                return False
            said_by = {m.actor.country for m in args.actors_of(speaker)} - {None}
            if said_by and not said_by & countries and (
                    self.lex.code(cand.cameo).quad_class == 4):
                return False
        word = reading.intent_word
        if word is not None and pr.is_verb(word):
            subj = pr.subject(word)
            if subj is not None:
                holders = args.actors_of(subj)
                if holders and not {m.actor.country for m in holders} & countries:
                    return False
        return True

    # -- evidence -------------------------------------------------------------------

    def _evidence(self, cand: Candidate, source: Mention | None, target: Mention | None,
                  source_how: str, target_how: str, reading: Reading, notes: list[str],
                  time_note: dict[str, Any], place_note: dict[str, Any] | None,
                  sent: Any) -> Evidence:
        """The reasoning behind one event, for the store and ``explain``."""

        def actor(m: Mention | None, how: str) -> dict[str, Any] | None:
            if m is None:
                return None
            return {"text": m.actor.text, "span": [m.start, m.end], "how": how,
                    "kind": m.kind}

        # (a speaker's condemning word is the speaker's own act, not one reported)
        speech = pr.reporting_verb(cand.token, self.speech) if cand.speech is None else None
        reported = None
        if speech is not None:
            subj = pr.subject(speech)
            reported = f"{subj.text + ' ' if subj is not None else ''}{speech.text}"
        return Evidence(
            rule=cand.rule_name,
            rule_text=(cand.rule.describe() if cand.rule is not None
                       else f"{cand.frame.word},{cand.frame.kind},{cand.frame.cameo}"
                       if cand.frame is not None else ""),
            trigger_spans=[(t.idx, t.idx + len(t.text))
                           for t in sorted(cand.words, key=lambda t: t.i)],
            sentence_start=sent.start_char,
            support=cand.support.text if cand.support is not None else None,
            source=actor(source, source_how),
            target=actor(target, target_how),
            modality_cues=list(reading.cues),
            recoded=notes,
            reported_by=reported,
            time=time_note,
            place=place_note,
        )

    # -- time and place -------------------------------------------------------------

    def _date(self, cand: Candidate, pub: date | None
              ) -> tuple[EventDate | None, dict[str, Any]]:
        tok = cand.token
        tense = pr.tense_of(cand.support if cand.support is not None else tok)
        if pub is None:
            return None, {"how": "no publication date and no time expression"}
        for node in pr.path_up(tok, self.speech):
            for ent in pr.date_expressions(node):
                resolved = resolve_time(ent.text, pub, tense)
                if resolved is not None:
                    return resolved, {"how": f"time expression attached to '{node.text}'",
                                      "text": ent.text, "tense": tense or "present/unknown",
                                      "publication": pub.isoformat()}
        return (EventDate(value=pub.isoformat(), precision="day", text=None),
                {"how": "publication date (no time expression governs the trigger)",
                 "publication": pub.isoformat()})

    def _is_event_noun(self, tok: Token) -> bool:
        return bool(tok.pos_ == "NOUN" and self.matcher.match(tok) is not None)

    def _sentence_place(self, sent: Any, countries: list[str]) -> str | None:
        """The country of the first place an "in", "at" or "near" phrase of the sentence
        names: where an attack of no named attacker happened when its own phrases do not
        say ("were shot and killed in Basra"); its attacker is of that country (guide
        section 12). (A place "of" or "from" says whose someone is, not where.)"""
        for ent in entities(sent.doc).within(sent.start, sent.end):
            root = ent.root
            while root.dep_ in ("compound", "poss", "amod") and root.head.i != root.i:
                root = root.head  # "in Iraq's northern Nineveh province"
            if not (ent.label_ in ("GPE", "LOC", "FAC") and root.dep_ == "pobj"
                    and root.head.lower_ in _WHERE_PREPS):
                continue
            name = without_the(ent.text)
            country = self.kb.country_code(name)
            loc = None if country else self.gazetteer.lookup(name, countries)
            country = country or (loc.country if loc is not None else None)
            if country:
                return str(country)
        return None

    def _stands_down(self, cand: Candidate, where: Location) -> bool:
        """A truce, surrender or pull-out (CAMEO 087) where it happens, other than a
        withdrawal from a whole country ("from Panama")."""
        return cand.cameo.startswith(_STAND_DOWN) and not (
            cand.token.lemma_.lower() in _PULL_OUTS
            and self.kb.country_code(where.text) is not None)

    def _place(self, cand: Candidate, countries: list[str]
               ) -> tuple[Location | None, dict[str, Any] | None]:
        tok = cand.token
        holders = [tok] + ([cand.support] if cand.support is not None else [])
        # (and "a bombing near Samarra killed a soldier": the act that did the deed's place)
        holders += [c for h in holders for c in h.children
                    if c.dep_ == "nsubj" and self._is_event_noun(c)]
        tokens = list(cand.region) + [t for h in holders for c in h.children
                                      if c.dep_ == "prep" and c.lower_ not in pr.CLAUSAL_PREPS
                                      for t in c.subtree]
        for t in sorted(tokens, key=lambda t: t.i):
            tagged = t.ent_type_ in ("GPE", "LOC", "FAC")
            # (a town the recogniser took for a body or left untagged: "in Corpus
            # Christi", "in KwaZulu-Natal province")
            misread = t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "NORP", "")
            if not (tagged or misread) or (t.ent_type_ and t.ent_iob_ != "B"):
                continue
            prep = _place_prep(t, holders, self._is_event_noun)
            if prep is None:
                continue
            ent = entities(t.doc).at(t.i) if t.ent_type_ else None
            full = without_the(ent.text if ent is not None else _name_run(t))
            if misread and self.kb.sector_of(full.lower().split()) is not None:
                continue  # "the Islamic Police": no town of Police
            # (the place's own name: "the Jaffna Peninsula" is Jaffna's)
            short = _PLACE_WORD.sub("", full)
            for name in dict.fromkeys([full, short]):
                exact = not tagged or name != full
                if exact and len(name) < 4:
                    continue  # ("the Bay Area" is no town of Bay)
                loc = self.gazetteer.lookup(name, countries)
                if loc is not None and (not exact or normalize_name(loc.name)
                                        == normalize_name(name)):
                    return loc, {"text": name, "how": f"'{prep}' phrase of the event"}
                region = self.gazetteer.region_country(name) or subdivision_country(name)
                if region is not None:
                    return (Location(text=name, name=name, country=region),
                            {"text": name, "how": f"'{prep}' phrase of the event (a region)"})
        return None, None


_PLACE_WORD = re.compile(r"\s+(?:peninsula|province|region|district|governorate|state|valley|"
                         r"county|area)$", re.I)


def _name_run(t: Token) -> str:
    """The proper name ``t`` starts: it and the proper nouns after it ("Kubaisah")."""
    end = t.i + 1
    while end < len(t.doc) and t.doc[end].pos_ == "PROPN" and not t.doc[end].ent_type_:
        end += 1
    return str(t.doc[t.i:end].text)


def _place_prep(t: Token, holders: list[Token], is_event: Callable[[Token], bool]
                ) -> str | None:
    """The place preposition between a place name and the trigger, if there is one and
    the place is not inside another act's clause or phrase ("accused Russia of [shelling
    areas in Kharkiv]", "condemned [the attack on peacekeepers in Mali]": the place is the
    shelling's, the attack's)."""
    stops = {h.i for h in holders}
    cur = t
    prep: str | None = None
    for _ in range(8):
        if cur.i in stops:
            return prep
        if cur.head.i == cur.i or cur.dep_ in _CLAUSES or (cur is not t and is_event(cur)):
            return None
        if prep is None and cur.dep_ == "pobj" and cur.head.lower_ in pr.PLACE_PREPS:
            prep = str(cur.head.lower_)
        cur = cur.head
    return None


# Dependents that open a clause of another act.
_CLAUSES = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "acl", "relcl", "conj", "parataxis"})


def _partner_phrase(parse: Any, m: Mention) -> bool:
    """Whether a mention is in a phrase of partnership ("with Britain", "alongside
    Iraqi forces")."""
    span = parse.char_span(m.start, m.end, alignment_mode="expand") if m.start >= 0 else None
    if span is None:
        return False
    head = span.root.head
    return bool(span.root.dep_ == "pobj" and head.lower_ in ("with", "alongside")
                and pr.is_verb(head.head))  # not "the border with Germany"


def _with_partner(cand: Candidate, targets: list[Mention]) -> bool:
    """Whether a target is a "with" partner of the act ("an exercise with the United
    States", "held drills with the French navy"): held with another, it is cooperation."""
    heads = [cand.token] + ([cand.support] if cand.support is not None else [])
    starts = {t.idx for h in heads for p in h.children if p.dep_ == "prep"
              and p.lower_ == "with" for o in p.children if o.dep_ == "pobj"
              for t in o.subtree}
    return any(m.start in starts for m in targets)


def _refers_back(cand: Candidate) -> bool:
    """Whether the trigger is a passive verb without an agent ("the missile was launched
    from Sunan", "100 more were arrested"): who did it is left to what the article told
    before, the doer of the last report of this type."""
    tok = cand.token
    if cand.is_noun or not pr.is_verb(tok):
        return False
    if tok.dep_ in ("csubj", "csubjpass") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children):
        return True  # "firing a missile over Japan was a provocative move": that firing
    if not pr.is_passive(tok):
        # "the missile flew over Hokkaido": the weapon its rule wants is the subject, and
        # whoever fired it is the earlier report's doer
        wanted = cand.rule.objects if cand.rule is not None else frozenset()
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in wanted for c in tok.children)
    return not any(c.dep_ == "agent" for c in tok.children)


def _as_attacker(m: Mention, parse: Any, plain_persons: frozenset[str]) -> Mention:
    """The source of an attack, a criminal (CRM) when the text names them only by a plain
    word for one person ("the driver", "a man"): an attacker of unknown group."""
    if m.start < 0 or m.actor.sector not in (None, "CVL"):
        return m
    span = parse.char_span(m.start, m.end, alignment_mode="expand")
    head = span.root if span is not None else None
    if head is None or head.tag_ != "NN" or head.lemma_.lower() not in plain_persons:
        return m
    return replace(m, actor=replace(m.actor, sector="CRM", kb_id=None))


def _struck_on(noun: Any) -> bool:
    """Whether a strike noun names what it struck ("a strike on Iran", "strikes on
    rebel positions"), not when it was held ("a strike on Monday")."""
    return any(p.lower_ in ("on", "upon") and any(o.dep_ == "pobj" for o in p.children)
               and not pr.time_phrase(p) for p in noun.children if p.dep_ == "prep")


def _captives(verb: Any) -> list[Any]:
    """The head words of whom or what a verb of taking takes: its object, its passive
    subject, or the noun its participle describes ("276 schoolgirls captured from")."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
           and c.lower_ not in pr.RELATIVE_PRONOUNS]
    if verb.dep_ in ("acl", "relcl") and (verb.dep_ == "acl" or not out):
        out.append(verb.head)
    return out


def _place_taken(verb: Any, known: Callable[[str], bool]) -> bool:
    """Whether what ``verb`` took (its object, or its passive subject) is land: a named
    place the gazetteer knows, "captured Kunduz", "east Jerusalem was captured" (a fugitive
    the tagger took for a place, "police captured Henao", is a person); a region the
    tagger names as one ("Eastern Slavonia was captured"); a share of a country ("the
    eastern third of Congo"); whatever was taken from a country ("the Shebaa Farms were
    captured from Syria") or was also annexed or occupied ("captured and annexed")."""
    conjuncts = [v for v in verb.children if v.dep_ == "conj"]
    if any(v.lemma_.lower() in _ANNEXING for v in conjuncts):
        return True
    if any(p.dep_ == "prep" and p.lower_ == "from" and any(
            o.dep_ == "pobj" and o.ent_type_ == "GPE" for o in p.children)
           for p in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects:
        # "captured and annexed east Jerusalem": the object the conjunct takes
        objects = [c for v in conjuncts for c in v.children if c.dep_ == "dobj"]
    ents = entities(verb.doc)
    for c in objects:
        if c.ent_type_ == "LOC":
            return True
        if c.lemma_.lower() in _SHARES and any(
                p.dep_ == "prep" and p.lower_ == "of" and any(
                    o.dep_ == "pobj" and o.ent_type_ in _PLACES for o in p.children)
                for p in c.children):
            return True
        ent = ents.at(c.i) if c.ent_type_ in _PLACES else None
        if ent is not None and known(without_the(ent.text)):
            return True
    return False


def _official_protest(tok: Any, sources: list[Mention]) -> bool:
    """Whether a protest is a complaint (CAMEO 114, ACCUSE) rather than a demonstration:
    one lodged ("lodged a firm protest"), one that says something ("protested that the
    approach was unfair", "'It is a disgrace,' Coburn protested"), or a state's, an
    official's, a court's, the press's or an NGO's own protest ("China protested the
    visit", "rights groups protest China's attempts"). Counted people protest in the street
    ("hundreds of officials protested in Baghdad"), and so does anyone protesting at a
    place ("outside the governor's office")."""
    if tok.lemma_.lower() != "protest":
        return False
    if pr.is_noun(tok):
        return bool(tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LODGE_VERBS)
    if not pr.is_verb(tok):
        return False
    if any(c.dep_ == "ccomp" and _says(c, tok) for c in tok.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in _STREET_PREPS for c in tok.children):
        return False
    subj = pr.subject(tok)
    if subj is not None and _counted_people(subj):
        return False
    return bool(sources) and all(
        m.actor.sector in _COMPLAINING or (
            m.actor.sector is None and m.actor.country and m.kind != "nationality")
        for m in sources)


def _says(clause: Any, verb: Any) -> bool:
    """Whether a clausal complement is what a speech verb says: "protested that ...", or a
    quotation before it. Not "protesting what they called genocide", nor a clause the
    parser hung on it ("dollars were raised, students protested")."""
    if clause.i > verb.i:
        return clause.left_edge.tag_ not in ("WP", "WDT", "WRB")
    return any(t.is_quote for t in clause.doc[clause.right_edge.i + 1:verb.i])


def _counted_people(noun: Any) -> bool:
    if any(c.dep_ in ("nummod", "quantmod") for c in noun.children):
        return True
    return noun.lemma_.lower() in _CROWD_COUNTS  # "hundreds of officials", "a crowd"


# Protest verbs that are also plain walks.
_WALKS = frozenset({"march", "parade", "walk"})


def _a_walk(verb: Any) -> bool:
    """A march the narrator made or someone was made to make ("we marched on", "every
    schoolchild who has been marched through the museum"): a walk, not a protest."""
    if verb.lemma_.lower() not in _WALKS:
        return False
    subj = pr.subject(verb)
    return subj is not None and (subj.dep_ == "nsubjpass" or subj.lower_ in ("we", "i"))


# CAMEO's arrests and detentions: a named person who makes one acts as an officer.
_ARREST = "173"


def _as_officer(m: Mention) -> Mention:
    """The source of an arrest named only by a name the tables do not know ("Sharma had
    arrested some persons"): an officer (COP) of that country, which is who arrests."""
    if m.kind not in ("entity", "surname") or m.actor.sector != "CVL" or m.actor.kb_id:
        return m
    return replace(m, actor=replace(m.actor, sector="COP"))


def _as_protester(m: Mention) -> Mention:
    """The source of a demonstration named by its people ("Filipinos demonstrated",
    "Syrian Kurds took to the streets"): civilians of the country (CVL), not the state
    protesting (which is an official protest, ACCUSE)."""
    if m.kind != "nationality" or m.actor.sector is not None or not m.actor.country:
        return m
    return replace(m, actor=replace(m.actor, sector="CVL"))


def _same_actor(a: Mention, b: Mention) -> bool:
    return a.actor.code == b.actor.code and a.actor.name == b.actor.name


def _both_ways(pairs: list[tuple[Mention | None, Mention | None]]
               ) -> list[tuple[Mention | None, Mention | None]]:
    """Each (source, target) of a clash with its reverse, once."""
    out: list[tuple[Mention | None, Mention | None]] = []
    for s, t in pairs:
        for pair in ((s, t), (t, s)):
            if pair not in out or pair == (None, None):
                out.append(pair)
    return out


def _pairs(sources: list[Mention], targets: list[Mention], joint: bool
           ) -> list[tuple[Mention | None, Mention | None]]:
    """(source, target) per event: each source with each target; coordinated sources of a
    joint act ("Israel and Jordan signed") with each other; a passive's target alone."""
    if targets:
        return [(s, t) for s in (sources or [None]) for t in targets]  # type: ignore[list-item]
    if joint and len(sources) > 1:
        return [(s, t) for s in sources for t in sources if s is not t]
    return [(s, None) for s in sources]


def party_of(actor: Actor) -> str | None:
    """What makes actors separate parties to a joint act: their country, or an
    international body's own name ("U.N. and French troops patrolled")."""
    if actor.country:
        return actor.country
    return f"IGO:{actor.text}" if actor.sector == "IGO" else None


def _as_written(text: str, words: list[Any]) -> str:
    """A trigger's words as the text has them: adjacent words joined as written
    ("cease-fire"), others by a space ("called ... on": "called on")."""
    out: list[str] = []
    last = None
    for t in sorted(words, key=lambda t: t.i):
        if last is not None:
            out.append("" if t.i == last.i + 1 and not last.whitespace_ else " ")
        out.append(text[t.idx:t.idx + len(t.text)])
        last = t
    return "".join(out)
