"""Who did it: the actors a document's phrases name, and the source of a trigger candidate.

The actor stage's mentions are the actors; a nationality or country name it left alone
because no sector word followed ("an Indian proposal", "the Turkish and Greek sides") is
taken as the country itself. The source is the subject (the "by" agent of a passive, the
antecedent of a relative clause, the controller of an infinitive, the possessor or "by"/
"from" phrase of an event noun, the subject of a support verb). Every answer says how it
was found, for ``explain``. To whom it was done is read from the same phrases by
:mod:`.targets`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..actors.agents import STORY_GUESS, attitude, dateline_country, names_no_actor
from ..actors.kb import KnowledgeBase, norm
from ..datafiles import word_class
from ..datelines import dateline_spans
from ..models import Actor, Mention, Quote
from ..nlp import entities, sentence, text_of, tokens, words_text
from ..places import Gazetteer
from . import parse_rules as pr
from .triggers import Candidate, TriggerMatcher

Token = Any

_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# Verbs whose subject and "with"/"to" partner a later "they" can be together ("Abe spoke to
# Moon and they agreed"); "apologized to the players ... accused them" is the players alone.
_TOGETHER_VERBS = frozenset({"speak", "talk", "meet", "negotiate", "confer", "agree",
                             "work", "side", "join", "ally", "team"})
# Subjects and objects that name no one, whatever the parse makes of them.
NON_REFERRING = frozenset({"that", "this", "which", "who", "what", "there"})
_MODIFIERS = ("amod", "compound", "nmod", "poss")
# Prepositions of the place an agent is in or from ("officials in Seoul", "envoys from Paris",
# "the foreign ministers of France and Germany").
_PLACE_PREPS = frozenset({"in", "from", "of"})
# Words that, plural and counted two ("both sides", "the two countries"), name a pair.
_PAIR_NOUNS = frozenset({"side", "country", "nation", "neighbor", "neighbour", "ally",
                         "government", "leader", "rival"})
_PAIR_OFFICES = frozenset({"government", "leader"})
# Prepositions that list a body's members ("a force from Australia and Fiji").
_MEMBER_PREPS = frozenset({"of", "from"})
# The two-digit heads of CAMEO's fighting codes (18-20): attacks only where something is
# struck when their rule has an untargeted code (see struck_only).
FIGHTING_CODES = ("18", "19", "20")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Sectors of a state's own offices and bodies: named without a country ("the President",
# "the Supreme Court"), they are the country's the story is about. Rebels, groups, media
# and international bodies are not assumed to be anyone's.
_STATE_SECTORS = frozenset({"GOV", "JUD", "LEG", "PTY", "OPP", "COP", "MIL"})
_ENFORCERS = frozenset({"COP", "MIL", "JUD"})
# Who can be moved as a force: "troops were deployed", "police were sent in".
_MOBILIZED = frozenset({"MIL", "COP", "REB", "SPY"})
# Prepositions of the circumstances of a clause's act ("during a protest", "amid clashes").
_CIRCUMSTANCE_PREPS = frozenset({"during", "amid", "amidst", "after", "following", "before",
                                 "since", "despite"})
# Nouns of one side's military acts in which people die ("killed during a Turkish military
# operation"); the rules code some of them only with a target of their own.
_ATTACK_NOUNS = frozenset({"attack", "assault", "operation", "offensive", "campaign", "raid",
                           "airstrike", "strike", "bombardment", "shelling", "bombing",
                           "ambush", "firing"})
# The prepositions whose gerund the object of the verb above does ("accused X of -ing").
_OBJECT_CONTROL = frozenset({"of", "for", "with"})
# Verbs of making, letting and telling whose object does what their complement says
# ("prompted Trump to warn", "forced Kenya to expel"): word_classes.csv.
_CAUSATIVE = word_class("causative")
_CROWDS = word_class("crowds")


def _armed(found: list[Mention], modifier: Token) -> list[Mention]:
    """ "an Israeli air strike", "killed in Russian shelling": a state named by an
    adjective on an act of armed force did it through its forces (MIL, as the guide codes
    a country's soldiers); "Israel's strike" and "Israel struck" stay the country's."""
    if modifier.dep_ not in ("amod", "compound"):
        return found
    return [replace(m, actor=replace(m.actor, sector="MIL"))
            if m.actor.country and m.actor.sector is None else m for m in found]


class Arguments:
    """The actors of one parsed document's phrases, and the sources of its triggers."""

    def __init__(self, parse: Any, mentions: list[Mention], kb: KnowledgeBase,
                 gazetteer: Gazetteer, matcher: TriggerMatcher,
                 quotes: Sequence[Quote] = ()) -> None:
        self.parse = parse
        self.kb = kb
        self.gazetteer = gazetteer
        self.matcher = matcher
        self.mention_at = _index(parse, mentions)
        self.context: list[str] = []  # the document's countries, most named first
        self._add_countries(parse, kb)
        # (counted before the story's country is lent to police and courts named without
        # one: those would count for it)
        self.enforcer = self._enforcer()
        self._complete_countries(quotes)
        # The story's country: its dateline's, else the one it names most.
        self.home = (dateline_country(text_of(parse), kb, gazetteer.place_country)
                     or self._place_most_named(parse)
                     or (self.context[0] if self.context else None))

    def _enforcer(self) -> str | None:
        """The state whose police, soldiers and courts the story names, when one clearly
        does: who arrests and jails in it, wherever that happens (a West Bank story whose
        forces and courts are Israel's)."""
        ranked = self._country_counts(_ENFORCERS).most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    def _country_counts(self, sectors: frozenset[str] | None = None) -> Counter[str]:
        """How many mentions (of ``sectors``, when given) each country has. Each mention
        once, in the order of the text: a tie between two countries goes to the one named
        first, the same on every run (a set's order changes with the hash seed)."""
        # (a group that fights in many countries, IMG, is of no country a story is about;
        # a pronoun given the story's country for want of an antecedent adds nothing)
        return Counter(m.actor.country for m in dict.fromkeys(self.mention_at.values())
                       if m.actor.country in self.kb.countries
                       and (sectors is None or m.actor.sector in sectors)
                       and not m.kind.endswith(STORY_GUESS))

    def _place_most_named(self, parse: Any) -> str | None:
        """The country of the places the story names most ("Nice", "the Promenade des
        Anglais"), of the three countries it names most, when one clearly leads: where it
        happened, which the nationalities of its victims ("two Tunisian men were killed")
        do not say."""
        counts: Counter[str] = Counter()
        for ent in entities(parse).spans:
            # (a country's own name, "the United States", says whom the story is about, not
            # where it happens: the actors' count has it)
            name = without_the(ent.text)
            if ent.label_ in ("GPE", "LOC", "FAC") and not any(
                    t.i in self.mention_at for t in ent) and self.kb.country_code(name) is None:
                # (with the story's countries deciding between towns of one name)
                country = self.gazetteer.place_country(ent.text, self.context)
                # (the gazetteer knows many small towns of other countries by the same
                # names: only a country the story names most may win)
                if country in self.context[:3]:
                    counts[country] += 1
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _add_countries(self, parse: Any, kb: KnowledgeBase) -> None:
        """Nationalities and country names the actor stage did not code on their own (a
        dateline's place is where the story was filed, not an actor)."""
        country_code = kb.country_code
        text = text_of(self.parse)
        dated = {t.i for a, b in dateline_spans(text)
                 for t in (parse.char_span(a, b, alignment_mode="expand") or [])}
        for start, end in _proper_runs(parse, self.mention_at):
            if start in dated:
                continue
            # A country name the entity recogniser missed or mislabelled ("Sri Lanka").
            for i in range(start, end):
                for j in range(min(end, i + 4), i, -1):
                    # (the words' text first: a Span is built only for a known name)
                    words = words_text(parse, i, j)
                    code = country_code(words)
                    # A capital for its government, as the actor stage reads it ("Kyiv"),
                    # when it is the whole name ("Jerusalem", not "East Jerusalem").
                    sector = None
                    whole = i == start and j == end
                    if code is None and whole and norm(words) in kb.metonyms:
                        code, sector = kb.metonyms[norm(words)], "GOV"
                    if code is None:
                        continue
                    span = parse[i:j]
                    # A nationality is no one's name, whatever the tagger says ("Ugandan"),
                    # nor is a country name that is a whole "person" entity ("Benin").
                    person = any(t.ent_type_ == "PERSON" for t in span) and (
                        norm(span.text) not in kb.adjectives) and not _whole_entity(span)
                    if not person and not any(map(attitude, span)) \
                            and not names_no_actor(span[-1]):
                        place = self.gazetteer.country(code)
                        mention = Mention(Actor(text=span.text, name=place.name if place
                                                else None, country=code, sector=sector),
                                          span.start_char, span.end_char, 0, "nationality")
                        for tok in span:
                            self.mention_at.setdefault(tok.i, mention)
                        break
        for ent in entities(parse).spans:
            if ent.label_ not in ("NORP", "GPE", "LOC") or any(
                    t.i in self.mention_at or t.i in dated or attitude(t) for t in ent
            ) or names_no_actor(ent[-1]):
                continue  # ("pro-Iranian": for Iran, not Iran; "US $50 million")
            text = without_the(ent.text)
            code = country_code(text)
            if code is not None:
                place = self.gazetteer.country(code)
                name = place.name if place else None
            elif ent.label_ != "NORP" and _place_position(ent.root) and (
                    loc := self.gazetteer.lookup(text)) is not None:
                # A city or region for the people there: "Darfur rebels", "in Baghdad".
                code, name = loc.country, loc.name
            if code is None:
                continue
            actor = Actor(text=ent.text, name=name, country=code)
            mention = Mention(actor, ent.start_char, ent.end_char, 0, "nationality")
            for tok in ent:
                self.mention_at[tok.i] = mention

    def _complete_countries(self, quotes: Sequence[Quote] = ()) -> None:
        """An office or body named without its country ("President Museveni", "the
        Supreme Court") belongs, as a coder reading the story would take it, to the
        country the document is mostly about, when one country clearly leads; inside a
        direct quote, to the speaker's ("'The government will cooperate closely with the
        United States,' Suga said": Japan's)."""
        counts = self._country_counts()
        self.context = [c for c, _ in counts.most_common()]
        ranked = counts.most_common(2)
        tied = not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1])
        lead = None if tied else ranked[0][0]
        spoken = [(q.span, q.speaker.country) for q in quotes
                  if q.kind == "direct" and q.speaker is not None and q.speaker.country]
        done: dict[int, Mention] = {}
        for i, m in list(self.mention_at.items()):
            if m.actor.country or m.actor.sector not in _STATE_SECTORS:
                continue
            speaker = next((c for (a, b), c in spoken if a <= m.start < b), None)
            # (the police or a court named without a country are the story's own force's:
            # "police said" in a Louisiana story about a "Nigerian prince" scam)
            force = self.enforcer if m.actor.sector in _ENFORCERS else None
            country = speaker or force or lead
            if country is None:
                continue
            if id(m) not in done:
                how = "the speaker's" if speaker else "from the document"
                done[id(m)] = replace(m, actor=replace(m.actor, country=country),
                                      kind=f"{m.kind}, country {how}")
            self.mention_at[i] = done[id(m)]

    # -- phrases ------------------------------------------------------------------

    def actors_of(self, head: Token) -> list[Mention]:
        """The actors a phrase names: its head's, or the first inside it, per conjunct."""
        out: list[Mention] = []
        for conj in [c for h in pr.conjuncts(head) for c in [h, *_companions(h)]]:
            found = [self.mention_at[conj.i]] if conj.i in self.mention_at else []
            if found and conj.lower_ in _PLURAL_PRONOUNS:
                found = self._group_named_before(conj, found[0]) or found
            elif found:
                found += self._coordinated_owners(conj, found[0])
            if not found:
                # "the extremist group Boko Haram", "the North's allies, China and Russia": a
                # name in apposition is the phrase's own (each of its conjuncts).
                found = [self.mention_at[m.i] for c in conj.children if c.dep_ == "appos"
                         for m in pr.conjuncts(c) if m.i in self.mention_at]
            # "Pyongyang's allies" are not Pyongyang: only a nationality says who they are.
            other = conj.lemma_.lower() in self.kb.counterparts and any(
                c.dep_ == "poss" for c in conj.children)
            if not found:
                # "Israeli and Palestinian delegations": each coordinated modifier is one.
                found = [self.mention_at[m.i] for c in conj.children
                         if c.dep_ in _MODIFIERS and c.i < conj.i
                         and not (other and c.dep_ == "poss")
                         for m in pr.conjuncts(c) if m.i in self.mention_at]
            if not found and not other:
                found = self._pair(conj)
            if not found and not other:
                # "thousands of students and farmers": each group counted is one
                listed = [o for p in conj.children if p.dep_ == "prep" and p.lower_ == "of"
                          and (conj.like_num or conj.lemma_.lower() in _CROWDS)
                          for o in p.children if o.dep_ == "pobj" and o.conjuncts]
                found = self.actors_of(listed[0]) if listed else []
            if not found and not other:
                skip = {t.i for c in conj.children if c.dep_ in ("conj", "relcl", "acl", "appos")
                        for t in c.subtree}
                inner = [t for t in conj.subtree if t.i in self.mention_at and t.i not in skip]
                found = self._listed(conj)
                if not found and inner:
                    # "the heads of the armies of Nigeria, Chad and Niger": the body named
                    # inside is each of the countries coordinated with its first
                    first = self.mention_at[inner[0].i]
                    span = conj.doc.char_span(first.start, first.end, alignment_mode="expand")
                    noun = span.root if span is not None else inner[0]
                    found = [first, *self._coordinated_owners(noun, first)]
            for mention in found:
                if mention not in out and mention.actor.code:
                    out.append(mention)
        return out

    def _listed(self, noun: Token) -> list[Mention]:
        """ "a force from Australia, New Zealand and Fiji", "the littoral states of Malaysia,
        Indonesia and Singapore": a body the phrase says is made of several countries is
        each of them (one event per actor, guide section 4)."""
        for _, obj in pr.prep_objects(noun, _MEMBER_PREPS):
            members = pr.conjuncts(obj) if obj.dep_ == "pobj" else []
            found = [self.mention_at[m.i] for m in members if m.i in self.mention_at]
            if len(members) > 1 and len(found) == len(members) and all(
                    m.actor.country for m in found):
                return found
        return []

    def _coordinated_owners(self, noun: Token, own: Mention) -> list[Mention]:
        """ "Indian and US warships", "French and U.N. troops": the actor stage gave the
        noun its first modifier's country; each modifier coordinated with that one names
        another actor of the noun's sector (one event per actor, guide section 4)."""
        kind = own.kind.split(",")[0]
        if own.actor.sector is None or kind not in ("agent-modifier", "agent-place"):
            return []
        if kind == "agent-place":
            # "officials in Washington and Seoul": each place coordinated with the first
            places = [o for p in noun.children if p.dep_ == "prep" and p.lower_ in _PLACE_PREPS
                      for o in p.children if o.dep_ == "pobj"]
        else:
            places = [m for m in noun.children if m.dep_ in _MODIFIERS and m.i < noun.i]
        out: list[Mention] = []
        for mod in places:
            if len(pr.conjuncts(mod)) < 2:
                continue
            for other in pr.conjuncts(mod)[1:]:
                m = self.mention_at.get(other.i) or self._place_mention(other, own)
                if m is None or not m.actor.code:
                    continue
                if m.actor.country and m.actor.sector is None:
                    # (a country's name or people: its own of the noun's kind)
                    actor = replace(own.actor, country=m.actor.country, name=m.actor.name,
                                    text=f"{m.actor.text} {noun.text}")
                    m = replace(m, actor=actor, kind="agent-modifier, coordinated")
                if m.actor.code != own.actor.code and all(
                        m.actor.code != o.actor.code for o in out):
                    out.append(m)
        return out

    def _place_mention(self, place: Token, own: Mention) -> Mention | None:
        """A place coordinated with an agent's own ("police in Paris and Lyon") that the
        actor stage named no actor of: its country, as a mention of the agent's kind."""
        if place.ent_type_ != "GPE":
            return None  # (a continent is no country: "regulators in Europe and Asia")
        name = entities(place.doc).at(place.i).text
        country = self.gazetteer.place_country(name, self.context)
        if country is None:
            return None
        actor = replace(own.actor, country=country, name=name, text=name)
        return replace(own, actor=actor, kind="agent-place, coordinated")

    def _group_named_before(self, pron: Token, resolved: Mention) -> list[Mention]:
        """ "China and Russia said they opposed", "Abe spoke to Trump and they agreed": a
        plural pronoun whose antecedent was named with others, coordinated or as the
        partner of one act, is all of them (one event per actor, guide section 4)."""
        start = sentence(pron).start
        first = sentence(pron.doc[start - 1]).start if start else start
        for i in range(pron.i - 1, first - 1, -1):
            m = self.mention_at.get(i)
            if m is None or m.kind == "pronoun":
                continue
            tok = pron.doc[i]
            group = [tok, *tok.conjuncts]
            if len(group) == 1 and tok.dep_ == "pobj" and tok.head.lower_ in ("with", "to"):
                verb = tok.head.head  # "spoke to Trump", "met with Xi": the subject too
                subj = (pr.subject(verb) if pr.is_verb(verb)
                        and verb.lemma_.lower() in _TOGETHER_VERBS else None)
                group = [tok] + ([subj] if subj is not None else [])
            members: list[Mention] = []
            for t in group:
                mm = self.mention_at.get(t.i)
                if mm is not None and mm.actor.code and all(
                        mm.actor.code != o.actor.code for o in members):
                    members.append(mm)
            if len(members) > 1 and any(mm.actor.code == resolved.actor.code
                                        for mm in members):
                return members
            if len(members) > 1:
                return []
        return []

    def _pair(self, head: Token) -> list[Mention]:
        """ "Both sides", "the two countries", "the allies": the last two countries named
        before, when the phrase counts two or the word names a pair of them; "the two
        Koreas", the states of a divided country (pairs.csv)."""
        states = self.kb.pairs.get(head.lower_, ())
        if states:
            # "the two Koreas": the states of a divided country, each a party
            return [Mention(Actor(text=head.text, name=self.kb.countries[code].name,
                                  country=code), head.idx, head.idx + len(head.text), 0,
                            "pair") for code in states]
        words = {c.lower_ for c in head.children}
        if not (head.lemma_.lower() in _PAIR_NOUNS and head.tag_ == "NNS"
                and (words & {"both", "two"} or head.lemma_.lower() == "ally")):
            return []
        # The countries of the last two named before, whatever body of each was named
        # ("Ethiopian officials met Kenya's envoy ... the two countries signed"): the pair
        # is the countries, or their governments when the word says so.
        sector = "GOV" if head.lemma_.lower() in _PAIR_OFFICES else None
        seen: list[str] = []
        for i in sorted(self.mention_at, reverse=True):
            code = self.mention_at[i].actor.country
            if i < head.i and code and code in self.kb.countries and code not in seen:
                seen.append(code)
            if len(seen) == 2:
                return [Mention(Actor(text=head.text, name=self.kb.countries[c].name,
                                      country=c, sector=sector), head.idx,
                                head.idx + len(head.text), 0, "pair") for c in seen[::-1]]
        return []

    # -- sources ------------------------------------------------------------------

    def sources(self, cand: Candidate) -> tuple[list[Mention], str]:
        """The source actors and how they were found."""
        tok = cand.token
        if cand.frame is not None:
            return self.verb_sources(cand.speech if cand.speech is not None else tok, 0)
        if not cand.is_noun:
            # "is opposed to", "is committed to": a participle with its preposition states
            # what its subject does; it is not a passive with the agent left out.
            stative = len(cand.words) > 1 and cand.words[1].dep_ in ("prep", "agent")
            found, how = self.verb_sources(tok, 0, stative)
            if not found and struck_only(cand) and pr.is_passive(tok):
                # "North Korea's missile was fired": the weapon's owner fired it
                subj = pr.subject(tok)
                for child in subj.children if subj is not None else []:
                    if child.dep_ == "poss" and (owner := self.actors_of(child)):
                        return owner, "possessor"
                site = self._launch_site(tok)
                if site:
                    return site, "launched from"
            if not found and cand.cameo.startswith("15") and pr.is_passive(tok) and (
                    subj := pr.subject(tok)) is not None and (
                    moved := [m for m in self.actors_of(subj)
                              if m.actor.sector in _MOBILIZED]):
                # "U.S. troops were deployed to Kuwait": the troops' side moved them
                return moved, "the force moved"
            return found, how
        asker = pr.behest_of(tok)
        if asker is not None and (found := self.actors_of(asker)):
            return found, "by-phrase"  # "at the request of Syria": Syria asked
        for child in tok.children:
            named = self.mention_at.get(child.i)
            if child.dep_ == "poss" or (child.dep_ in ("nmod", "compound", "amod")
                                        and named is not None
                                        and named.kind != "agent-modifier"
                                        and not self._town_of(child)):
                found = self.actors_of(child)
                if found:
                    if cand.cameo[:2] in ("19", "20"):
                        found = _armed(found, child)
                    return found, "possessor"
        if cand.cameo[:2] in ("18", "19", "20") and not self._clause_doer(tok):
            # "army shelling", "police firing": the agent noun that modifies an attack
            for child in tok.children:
                if child.dep_ in ("compound", "amod") and child.i < tok.i:
                    found = self._agent_word(child)
                    if found:
                        return found, "possessor"
        # "an offer from Kabul" is Kabul's; "the withdrawal from Panama" is from its target.
        coded = self.matcher.lex.code(cand.cameo)
        verbal = coded.quad_class in (1, 3)
        agent = pr.agent_phrase(tok, pr.SOURCE_PREPS if verbal else frozenset({"by"}))
        if agent is not None and self.actors_of(agent):
            return self.actors_of(agent), "by-phrase"
        if self.matcher.fighting_in(cand):
            # "six militants were killed in clashes with the army": they were one side
            fell = pr.subject(tok.head.head)
            if fell is not None and (found := self.actors_of(fell)):
                return found, "side that fell in it"
        joint = coded.joint or (cand.rule is not None and cand.rule.joint)
        if joint:
            # "talks between A and B": A and B talk; but "mediation between A and B" is
            # someone else's act, and A and B are its targets.
            for _, obj in pr.prep_objects(tok, frozenset({"between"})):
                found = self.actors_of(obj)
                if found:
                    return found[:1], "between"
        if cand.occurs:
            return [], "none"
        if cand.support is None and any(c.dep_ == "det" and c.lower_ in _DEFINITE
                                        for c in tok.children):
            # "Tunisia's president called the attack barbaric", "claimed responsibility for
            # the attack": a definite event noun names an event told before; whoever the
            # clause is about did not do it (an earlier report may say who did).
            return [], "none"
        if (cand.support is None and tok.dep_ == "pobj" and not joint
                and tok.head.lower_ in _CIRCUMSTANCE_PREPS
                and coded.quad_class in (3, 4)):
            # "was shot by police during a protest": the protest is the circumstance of the
            # clause's act, not an act of its doer ("arrested protesters after clashes":
            # the clause's doer was one side of the clash)
            return [], "none"
        if self.suffered(cand):
            # "faces charges", "is serving a five-year sentence": not its subject's act
            return [], "undergone by the subject"
        verb = cand.support or pr.governing_verb(tok)
        if verb is None:
            return [], "none"
        if self.undergoes(cand):
            agent = pr.agent_phrase(verb)
            return (self.actors_of(agent), "by-agent") if agent is not None else ([], "passive")
        if cand.support is None and tok.dep_ == "nsubj" and tok.head.i == verb.i:
            # "an attack on Iran took place": the event is its clause's subject, and what
            # its own phrase names is its target, not its doer
            return [], "none"
        # "were engaged in ethnic cleansing": a support verb's participle with the noun in
        # its prepositional phrase states what its subject did.
        stative = cand.support is not None and tok.dep_ == "pobj"
        found, how = self.verb_sources(verb, 0, stative)
        return found, ("support verb " + how) if cand.support is not None else "clause " + how

    def _launch_site(self, verb: Token) -> list[Mention]:
        """ "The missile was launched from near Pyongyang": the country of the place it
        was fired from fired it (the country alone: no narrower actor is named)."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "from":
                continue
            for t in prep.subtree:
                m = self.mention_at.get(t.i)
                if m is not None and m.actor.country and m.actor.sector in (None, "GOV"):
                    actor = Actor(text=m.actor.text, name=m.actor.name,
                                  country=m.actor.country)
                    return [Mention(actor, m.start, m.end, m.sentence, "place")]
        return []

    def _names_a_doer(self, tok: Token) -> bool:
        """Whether a "by" agent names someone ("by police", "by a man"), not something
        ("mowed down by a truck", "killed by a roadside bomb")."""
        return bool(tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                    or tok.lemma_.lower() in self.kb.sectors or tok.lower_ in self.kb.sectors
                    or tok.lemma_.lower() in self.kb.plain_persons)

    def _attack_word(self, tok: Token) -> bool:
        """Whether a verb can say an attack whatever its object ("firing", "shooting")."""
        rules = self.matcher.lex.rules.get((tok.lemma_.lower(), "V"), [])
        return any(self.matcher.lex.code(r.cameo).quad_class == 4 for r in rules)

    def verb_sources(self, verb: Token, depth: int, stative: bool = False
                     ) -> tuple[list[Mention], str]:
        if (pr.is_passive(verb) or pr.is_unaccusative(verb)) and not stative:
            agent = pr.agent_phrase(verb)
            for other in [*verb.conjuncts] if agent is None else []:
                # "was shot and killed by police": the coordinated verbs share the agent
                if pr.is_verb(other) and (agent := pr.agent_phrase(other)) is not None:
                    break
            if agent is not None and (found := self.actors_of(agent)):
                return found, "by-agent"
            if agent is not None and self._names_a_doer(agent):
                return [], "by-agent"  # "shot by police": a doer, of no country known
            # "killed in Israeli tank shelling": the attack that did it names its attacker
            for _, obj in pr.prep_objects(verb, frozenset({"in", "during"})):
                # "in police firing", parsed as police who are firing
                if any(c.dep_ == "acl" and self._attack_word(c) for c in obj.children):
                    found = self.actors_of(obj)
                    if found:
                        return found, "by-agent"
                after = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
                if (after is not None and after.head.i == verb.i and after.tag_ == "VBG"
                        and self._attack_word(after)):
                    # "in Israeli tank shelling", parsed as "in Israeli tank" + "shelling"
                    found = [m for t in [obj, *obj.children] if t.i in self.mention_at
                             for m in [self.mention_at[t.i]]]
                    if found:
                        return found[:1], "by-agent"
                instrument = self.matcher.match(obj)
                if (instrument is None or self.matcher.lex.code(instrument.cameo).quad_class
                        != 4) and not (obj.tag_ == "VBG" and self._attack_word(obj)) and (
                        obj.lemma_.lower() not in _ATTACK_NOUNS):
                    continue  # "in police firing": the gerund of an attack verb
                for child in obj.children:
                    if child.dep_ in ("amod", "compound", "poss", "nmod"):
                        found = self.actors_of(child) or self._agent_word(child)
                        if found:
                            return _armed(found, child), "by-agent"
                # "killed in renewed attacks by Syrian army forces"
                for _, doer in pr.prep_objects(obj, frozenset({"by"})):
                    if found := self.actors_of(doer):
                        return found, "by-agent"
            return [], "passive"
        subj = pr.subject(verb)
        if subj is not None and subj.pos_ == "PRON" and subj.i not in self.mention_at:
            speaker = self._speaker(verb)
            if speaker:
                return speaker, "speaker (the reported clause's pronoun)"
        if subj is not None and subj.lower_ in pr.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return self.actors_of(verb.head), "relative"
        if subj is not None and subj.lower_ not in NON_REFERRING:
            found = self.actors_of(subj)
            if not found and self.matcher.match(subj) is not None:
                # "A roadside bombing killed ...": an event, not an actor, did it.
                return [], "event subject"
            if found and subj.lemma_.lower() in _ATTACK_NOUNS:
                # "A Turkish airstrike killed ...": the attack's maker did it
                found = next((_armed(found, c) for c in subj.children
                              if c.i in self.mention_at and c.dep_ in _MODIFIERS), found)
            if any(m.actor.sector is None for m in found) and pr.quoted(subj):
                found = self._voiced(found, verb)
            return found, "subject"
        if subj is None and verb.dep_ in ("relcl", "acl") and pr.is_noun(verb.head):
            found = self.actors_of(verb.head)
            if found:
                return found, "relative"
            # "issued a declaration demanding ...": who issued it demands.
        if subj is None and verb.tag_ == "VBG" and (
                doer := pr.absolute_subject(verb)) is not None:
            # "despite Moscow and Beijing denouncing ...", "with police firing tear gas"
            found = self.actors_of(doer)
            if found:
                return found, "subject (of the gerund)"
        if subj is None and verb.dep_ == "pcomp" and verb.head.lower_ in _OBJECT_CONTROL and (
                any(c.dep_ == "dobj" for c in verb.head.head.children)):
            # "accused Russia of shelling", "blamed Iran for attacking": the object of the
            # verb above did it, not its subject (nor, when it is no actor, "arrested two
            # men for attacking a bus", anyone coded)
            return self._object_actors(verb.head.head), "controller (object)"
        if subj is None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _CAUSATIVE and (
                controller := self._object_actors(verb.head, before=verb.i)):
            # "prompted Trump to warn", "forced Kenya to expel": the object of the verb
            # above does it
            return controller, "controller (object)"
        # No subject of its own (a conjunct, a complement, "before suspending ..."), or a
        # word that cannot refer: the subject of the clause above controls it. Not a
        # speaker's: a reported clause the parser left without its subject ("Shelling hit
        # a trolleybus ..., an official said") is not the official's act.
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.matcher.speech:
            return [], "none"
        if verb.dep_ in ("csubj", "csubjpass"):
            # "firing a projectile over Japan was a provocative move": the clause above
            # has this act for its subject, and no one else to lend it
            return [], "none"
        if depth < 4 and verb.head.i != verb.i and verb.dep_ != "parataxis":
            above = verb.head if verb.head.pos_ in ("VERB", "AUX") else pr.governing_verb(verb)
            if verb.dep_ == "conj" and above is not None and above.dep_ == "relcl" and (
                    main := pr.governing_verb(above.head)) is not None and (
                    main.tag_ == verb.tag_ != above.tag_):
                # "denounced the launch as an action that raises tensions and urged a
                # response": a conjunct the parser joined to a relative clause of another
                # tense goes with the clause of its own tense
                above = main
            if above is not None and pr.is_passive(above) and (
                    verb.tag_ == "VBG" or (verb.dep_ == "xcomp" and pr.is_purpose(verb))
                    or any(c.dep_ == "aux" and c.lower_ == "having" for c in verb.children)):
                # "was filmed slapping the soldiers", "was jailed for attacking police":
                # who underwent the passive did the participle's act; so did whom it
                # says it of ("the rebels are reported to have killed ten soldiers",
                # "was forced to withdraw").
                subj = pr.subject(above)
                if subj is not None and (found := self.actors_of(subj)):
                    return found, "controller (passive subject)"
            if above is not None:
                found, _ = self.verb_sources(above, depth + 1)
                return found, "controller"
        return [], "none"

    def _object_actors(self, verb: Token, before: int | None = None) -> list[Mention]:
        """The actors of the first direct object of ``verb`` that names any (one standing
        before the token ``before``, when given)."""
        for obj in verb.children:
            if obj.dep_ == "dobj" and (before is None or obj.i < before) and (
                    found := self.actors_of(obj)):
                return found
        return []

    def _town_of(self, modifier: Token) -> bool:
        """ "the Nice attack", "the Kirkuk bombing": a town named on an act says where it
        was, not who did it (a country's name or people, or a capital standing for its
        government, does: "an Israeli strike", "Moscow's strikes")."""
        ent = entities(modifier.doc).at(modifier.i)
        return bool(ent is not None and ent.label_ in ("GPE", "LOC")
                    and self.kb.country_code(without_the(ent.text)) is None
                    and norm(without_the(ent.text)) not in self.kb.metonyms)

    def _clause_doer(self, tok: Token) -> bool:
        """ "NATO would tighten the naval blockade": the object of a verb whose subject
        names an actor is that actor's act, whatever sector word modifies it."""
        subj = pr.subject(tok.head) if tok.dep_ == "dobj" else None
        return subj is not None and bool(self.actors_of(subj))

    def _agent_word(self, tok: Token) -> list[Mention]:
        """ "killed in police firing": the agent noun that modifies the attack is the
        attacker, of the story's country (the actor stage codes only nouns that head a
        phrase)."""
        hit = self.kb.sectors.get(tok.lemma_.lower()) or self.kb.sectors.get(tok.lower_)
        if hit is None or tok.pos_ not in ("NOUN", "ADJ"):
            return []
        actor = Actor(text=tok.text, country=self.home, sector=hit[0], role=tok.lower_)
        mention = Mention(actor, tok.idx, tok.idx + len(tok.text), 0, "agent-modifier")
        self.mention_at[tok.i] = mention
        return [mention]

    def undergoes(self, cand: Candidate) -> bool:
        """ "was put under investigation", "were subjected to torture", "was handed a
        five-year sentence": the passive of a verb that puts someone through the event
        noun, or hands it to them; its subject undergoes it."""
        verb = cand.support
        return bool(verb is not None and cand.token.dep_ in ("pobj", "dobj")
                    and pr.is_passive(verb) and verb.lemma_.lower() in self.matcher.undergo)

    def suffered(self, cand: Candidate) -> bool:
        """ "faces charges", "is serving a five-year sentence", "suffered attacks": an
        event noun that is the object of a verb whose subject undergoes it."""
        tok = cand.token
        return bool(cand.is_noun and tok.dep_ == "dobj" and pr.is_verb(tok.head)
                    and tok.head.lemma_.lower() in self.matcher.suffer)

    def _voiced(self, found: list[Mention], verb: Token) -> list[Mention]:
        """ "'India stands with France,' Prime Minister Modi said": a state its own
        official speaks for in his own words acts through its government (INDGOV, as the
        speaker). Told in the reporter's words ("Japan has condemned the launch, Suga
        said"), it stays the country acting."""
        officials = {m.actor.country for m in self._speaker(verb) if m.actor.sector == "GOV"}
        return [replace(m, actor=replace(m.actor, sector="GOV"))
                if m.actor.sector is None and m.actor.country in officials
                and m.kind == "entity" else m for m in found]

    def _speaker(self, verb: Token) -> list[Mention]:
        """ "The rebels said they will release ...": the subject pronoun of a reported
        clause that the actor stage left unresolved is the speaker."""
        speech = pr.reporting_verb(verb, self.matcher.speech)
        if speech is None or speech.i != _clause_head(verb).head.i:
            return []
        subj = pr.subject(speech)
        return self.actors_of(subj) if subj is not None else []


def _companions(noun: Token) -> list[Token]:
    """ "villagers along with Israeli activists", "police, together with soldiers", "the
    army, backed by Hezbollah": those named with a subject as its companions or backers act
    with it (and each of their conjuncts)."""
    if not pr.is_noun(noun):
        return []
    out: list[Token] = []
    for prep in noun.children:
        if prep.dep_ != "prep":
            continue
        with_ = None
        if prep.lower_ == "alongside":
            with_ = prep
        elif prep.lower_ == "along":
            with_ = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"),
                         None)
        elif prep.lower_ == "with" and any(c.lower_ == "together" for c in prep.children):
            with_ = prep
        if with_ is not None:
            out += [c2 for c in with_.children if c.dep_ == "pobj" for c2 in pr.conjuncts(c)]
    if noun.dep_ in ("nsubj", "nsubjpass"):
        out += pr.backers(noun)  # "the army, backed by Hezbollah, attacked": both did
    return out


def without_the(text: str) -> str:
    """An entity's text without its leading article ("the United States")."""
    return text[4:] if text.lower().startswith("the ") else text


def _whole_entity(span: Any) -> bool:
    """Whether ``span`` is exactly one named entity of the parse."""
    return (span.start, span.end) in entities(span.doc).bounds


def _place_position(tok: Token) -> bool:
    """A place name that stands for its people or rulers: a modifier ("Darfur rebels",
    "Kabul's government") or what a verb acts on ("shelled Juba"). Not a place phrase
    ("an office in Kaesong": where, not whom), nor a subject the recogniser may have
    mislabelled."""
    return bool(tok.dep_ in ("compound", "amod", "nmod", "poss", "dobj"))


def _proper_runs(parse: Any, taken: dict[int, Mention]) -> list[tuple[int, int]]:
    """Token ranges of consecutive proper nouns that no mention covers."""
    runs: list[tuple[int, int]] = []
    start = None
    for tok in tokens(parse):
        # Proper nouns, and capitalised adjectives: "Panamanian" may be tagged either way.
        inside = (tok.pos_ == "PROPN" or (tok.pos_ == "ADJ" and tok.is_title)) and (
            tok.i not in taken)
        if inside and start is None:
            start = tok.i
        elif not inside and start is not None:
            runs.append((start, tok.i))
            start = None
    if start is not None:
        runs.append((start, len(parse)))
    return runs


def _clause_head(verb: Token) -> Token:
    """The top of the clause ``verb`` belongs to (up through conjuncts and complements)."""
    cur = verb
    while cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _index(parse: Any, mentions: list[Mention]) -> dict[int, Mention]:
    index: dict[int, Mention] = {}
    for m in mentions:
        span = parse.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                index.setdefault(tok.i, m)
    return index


def struck_only(cand: Candidate) -> bool:
    """Whether the trigger is an attack only when something is struck (a rule of CAMEO's
    fighting codes, 18-20, with an ``alone`` code, such as firing a missile): then only what
    it was aimed at or landed on is the target."""
    return (cand.rule is not None and cand.rule.alone not in (None, "-")
            and cand.cameo[:2] in FIGHTING_CODES)
