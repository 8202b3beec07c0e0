"""Generic agents: "police", "the government", "protesters", "prosecutors in Taiwan".

A noun that names a kind of actor (``sectors.csv``, and PETRARCH2's agents in
``agents.csv``) is an actor of that sector when it heads a noun phrase that no name already
covers. Its country comes from the text, in this order, and the mention's ``kind`` says
which decided:

* ``agent-modifier``: a country word that modifies it ("Afghan police", "Kenya's police");
* ``agent-place``: a place it is said to be in or from ("police in Nairobi");
* ``agent-antecedent``: the same agent named before with its country ("an Israeli soldier
  ... the soldier"), or for "the military" the last agent of that sector given one;
* ``agent-dateline``: the article's dateline ("KUNDUZ, Afghanistan --");
* ``agent-article``: the country the article is about, when one dominates it;
* ``agent``: none of these (the sector alone).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..datafiles import packaged_table
from ..datelines import COLON_DATELINE, DATELINE, DATELINE_LINES, line_starts
from ..models import Actor
from ..nlp import entities, sentence, tokens
from .kb import KnowledgeBase, norm

Token = Any
# Where a generic noun is an actor: a subject, an object, a conjunct of one, an appositive,
# a possessor ("against the government's reform").
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative",
                            "attr", "agent", "ROOT", "poss"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
_PLACE_PREPS = frozenset({"in", "from", "of", "across", "throughout", "around", "near"})
# Where a generic noun may stand for its actor with no country found: a subject.
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
# Sectors of private people: one of them named before says nothing of the next one's country.
_PRIVATE = frozenset({"CVL", "BUS", "EDU", "CRM", "REF"})
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# How many mentions, and what share of them, make a country the article's.
_DOMINANT_MIN = 3
_DOMINANT_SHARE = 0.6
_DOMINANT_LEAD = 2
def dateline_country(text: str, kb: KnowledgeBase,
                     city: Callable[[str], str | None] | None = None) -> str | None:
    """The country of the article's dateline, if it opens with one; ``city`` gives the
    country of a city name ("NAIROBI --", "mumbai: ..."), when one is at hand."""
    # The dateline opens the story, which may come after a line or two of page furniture
    # that survived extraction ("This story is from March 10, 2002").
    for at in line_starts(text, DATELINE_LINES):
        m = DATELINE.match(text[at:at + 120])
        parts: tuple[str | None, ...] = (m.group(2), m.group(1)) if m is not None else ()
        if m is None and city is not None:
            colon = COLON_DATELINE.match(text[at:at + 60])
            parts = (colon.group(1),) if colon is not None else ()
        for part in parts:
            if part:
                key = norm(part.strip().title())
                code = kb.country_names.get(key) or kb.metonyms.get(key)
                if code is None and city is not None:
                    code = city(part.strip().title())
                if code:
                    return code
    return None


def dominant_country(countries: list[str]) -> str | None:
    """The country most of the article's coded actors belong to, when one clearly does, or
    the one country it names at all (a short item: "Unknown gunmen killed a Yemeni
    professor" is a Yemeni story)."""
    counts = Counter(countries)
    if not counts:
        return None
    (code, n), *rest = counts.most_common(2)
    if not rest:
        return code  # the one country the text names
    runner_up = rest[0][1]
    # A clear majority, or twice as many mentions as any other country: an article about
    # an attack in France names the victims' countries too, but France most of all.
    if n >= _DOMINANT_MIN and (n / sum(counts.values()) >= _DOMINANT_SHARE
                               or n >= _DOMINANT_LEAD * runner_up):
        return code
    return None


def _subject_like(tok: Token) -> bool:
    """A subject, or what a subject counts ("Thousands of students marched"), or a word
    coordinated with one ("Police and soldiers were patrolling")."""
    if tok.dep_ == "conj" and tok.head.i != tok.i:
        return _subject_like(tok.head)
    if tok.dep_ in _SUBJECT_DEPS or (tok.dep_ == "pobj" and tok.head.dep_ == "agent"):
        return True  # (the "by" agent of a passive is its subject: "shot by police")
    of = tok.head
    return bool(tok.dep_ == "pobj" and of.lower_ == "of" and of.head.dep_ in _SUBJECT_DEPS
                and (of.head.like_num or of.head.pos_ in ("NUM", "NOUN")))


class AgentFinder:
    """Finds the generic agents of a parse, given the names already found."""

    def __init__(self, kb: KnowledgeBase,
                 city: Callable[[str], str | None] | None = None) -> None:
        self.kb = kb
        self.city = city  # the country of a city ("police in Nice"), when one is at hand

    def find(self, parse: Any, taken: dict[int, Actor], dateline: str | None,
             dominant: str | None, make: Callable[[Actor, Any, str], Any]) -> list[Any]:
        """New mentions (built by ``make(actor, span, kind)``) for the generic agents of
        ``parse``; ``taken`` maps the tokens of the names already found to their actors."""
        out: list[Any] = []
        # The country each agent noun was last given by its own words ("an Israeli
        # soldier"), which "the soldier" further on continues.
        seen: dict[str, str] = {}
        by_sector: dict[str, str] = {}  # "the military" after "Israeli troops"

        def remember(tok: Token, actor: Actor | None, country: str | None) -> None:
            # "The government" and "officials" are the article's own unless a modifier
            # says otherwise: a foreign government named once does not carry over.
            if country and not (actor is not None and actor.sector == "GOV"):
                seen[tok.lemma_.lower()] = country
                if actor is not None and actor.sector:
                    by_sector[actor.sector] = country

        for tok in tokens(parse):
            if tok.i in taken:
                if tok.pos_ == "NOUN":
                    remember(tok, taken[tok.i], taken[tok.i].country)
                continue
            if tok.dep_ not in _ARGUMENT_DEPS:
                continue
            crowd = _counted_crowd(tok)
            if not (tok.pos_ == "NOUN" or crowd or self._group_word(tok)
                    or (tok.pos_ == "PROPN" and tok.i == sentence(tok).start)):
                continue  # a capitalised first word may be tagged a name ("Police said")
            if tok.ent_type_ not in ("", "NORP") and not _swallowed(tok) and not crowd:
                continue
            modifier = _modifier(tok, taken, self.kb.relatives)
            shared = False
            if modifier is None and tok.dep_ == "conj" and tok.head.pos_ == "NOUN":
                # "Israeli helicopters and tanks": the first conjunct's modifier is the
                # second's too
                modifier = _modifier(tok.head, taken, self.kb.relatives)
                shared = modifier is not None
            owner = taken.get(modifier.i) if modifier is not None else None
            if shared and owner is not None and owner.country and owner.sector:
                span, sector = self._term(parse, tok, taken)
                if sector is not None and sector != owner.sector:
                    # "Greek students and farmers": the farmers are Greek too, but
                    # farmers, an actor of their own beside the students
                    actor = Actor(text=span.text, name=owner.name, country=owner.country,
                                  sector=sector, role=span.root.lower_)
                    out.append(make(actor, span, "agent-conjunct"))
                    for t in span:
                        taken[t.i] = actor
                    continue
            if (modifier is not None and modifier.dep_ == "compound" and owner is not None
                    and not (owner.country or owner.sector or owner.kb_id)
                    and self.kb.sectors.get(tok.lemma_.lower(), ("",))[0] in _ARMED):
                # "the Madhavpura police": a town the tagger took for a name, whose police
                # they are, or "FSA fighters"; an unknown name says no more whose they are
                # than no name does
                modifier = owner = None
            if modifier is not None and not (
                    modifier.dep_ == "poss" and owner is not None and owner.country
                    and owner.sector is None):
                # "Afghan police", "its troops": the modifier's actor stands
                if owner is not None:
                    remember(tok, owner, owner.country)
                continue
            # (a country's own people, "China's ambassadors", "South Korea's leaders":
            # the country, with the sector their noun names)
            if any(self._body(o, taken) for p in tok.children
                   if p.dep_ == "prep" and p.lower_ in ("from", "of")
                   for o in p.children if o.dep_ == "pobj"):
                continue  # "activists from the Fatah Party": the organisation's members
            span, sector = self._term(parse, tok, taken)
            if sector is None and crowd:
                sector = "CVL"
            if sector is None and _counted_others(tok):
                # "killing two soldiers and wounding five others": the others are of the
                # kind named beside them, or else people (CVL)
                like = _parallel(tok, taken)
                if like is not None:
                    actor = Actor(text=tok.text, name=like.name, country=like.country,
                                  sector=like.sector, role=tok.lower_)
                    out.append(make(actor, span, "agent-parallel"))
                    taken[tok.i] = actor
                    continue
                sector = "CVL"
            if sector is None:
                continue
            country, how = self._country(parse, tok, taken)
            if country is not None:
                remember(tok, Actor(text=tok.text, sector=sector), country)
            elif tok.lemma_.lower() in seen:
                country, how = seen[tok.lemma_.lower()], "agent-antecedent"
            elif (sector in by_sector and sector not in _PRIVATE
                  and any(c.lower_ == "the" for c in tok.children)):
                # ("the military" is the force named before; "the driver" is no one of
                # the "Chinese tourists" before him)
                country, how = by_sector[sector], "agent-antecedent"
            if country is None:
                country = self.sentence_place(tok, taken)
                how = "agent-place" if country else None
            if country is None and dateline is not None:
                country, how = dateline, "agent-dateline"
            if country is None and dominant is not None:
                country, how = dominant, "agent-article"
            if country is None and not _subject_like(tok):
                continue  # a sector alone would stand in for a better-named target
            name = self.kb.countries[country].name if country in self.kb.countries else None
            actor = Actor(text=span.text, name=name, country=country, sector=sector,
                          role=span.root.lower_)
            out.append(make(actor, span, how or "agent"))
            for t in span:
                taken[t.i] = actor
        return out

    def _body(self, tok: Token, taken: dict[int, Actor]) -> bool:
        """Whether ``tok`` names a coded body: a name, or a noun whose nationality says
        whose it is ("the Fatah Party", "two American aid groups")."""
        actor = taken.get(tok.i)
        if actor is None and (mod := _modifier(tok, taken, self.kb.relatives)) is not None:
            actor = taken.get(mod.i)
        return actor is not None and actor.sector is not None

    def _term(self, parse: Any, tok: Token, taken: dict[int, Actor]
              ) -> tuple[Any, str | None]:
        """The longest sector term ending at ``tok`` ("riot police", "security forces")."""
        start = tok.i
        while (start > 0 and parse[start - 1].dep_ == "compound"
               and parse[start - 1].head.i == tok.i and start - 1 not in taken
               and tok.i - start < 3):
            start -= 1
        toks = tokens(parse)
        for s in range(start, tok.i + 1):
            words = [t.lower_ for t in toks[s:tok.i + 1]]
            hit = self.kb.sectors.get(" ".join(words))
            if hit is None and s == tok.i:
                hit = self.kb.sectors.get(tok.lemma_.lower())
            if hit is not None:
                return parse[s:tok.i + 1], hit[0]
        return parse[tok.i:tok.i + 1], None

    def _country(self, parse: Any, tok: Token, taken: dict[int, Actor]
                 ) -> tuple[str | None, str | None]:
        for child in tok.children:
            if child.dep_ in _MODIFIER_DEPS and child.i < tok.i and not attitude(child):
                actor = taken.get(child.i)
                code = actor.country if actor is not None else self._place(child)
                if code:
                    return code, "agent-modifier"
            if child.dep_ == "amod" and child.lower_ == "led" and child.i < tok.i:
                # "Vietnamese-led forces", "the Saudi-led coalition": the leader's
                for leader in child.children:
                    if leader.dep_ in ("npadvmod", "compound", "nmod", "amod"):
                        actor = taken.get(leader.i)
                        code = actor.country if actor is not None else self._place(leader)
                        if code:
                            return code, "agent-modifier"
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                actor = taken.get(obj.i)
                code = actor.country if actor is not None else self._place(obj)
                if code:
                    return code, "agent-place"
        return None, None

    def _group_word(self, tok: Token) -> bool:
        """A kind of people the tagger took for a nationality ("Islamists", "Sunnis"): an
        agent noun, though no country's people."""
        return (tok.pos_ == "PROPN" and tok.ent_type_ == "NORP" and tok.lower_ in self.kb.sectors
                and norm(tok.text) not in self.kb.adjectives
                and self.kb.country_code(tok.text) is None)

    def sentence_place(self, tok: Token, taken: dict[int, Actor]) -> str | None:
        """The country where the clause happens, when a place adjunct says it ("Police in
        Nairobi arrested opposition supporters": Kenyan supporters)."""
        for t in sentence(tok):
            # (what is patrolled or guarded is where: "patrolled the streets of Bishkek")
            if t.lemma_.lower() in _MISSIONS and t.head.head.i != tok.i:
                # outside "the US embassy" stand people of the host country; "officials
                # at the Philippine embassy" are the embassy's
                continue
            if (t.dep_ == "pobj" and t.head.dep_ == "prep"
                    and t.head.lower_ in _ADJUNCT_PREPS) or (
                    t.dep_ == "dobj" and t.head.lemma_.lower() in _AREA_VERBS):
                # The place may be the phrase's head ("in Nairobi") or named inside it ("in
                # the western German town of Mainz", "outside the Baghdad headquarters").
                for p in [t, *(d for d in t.subtree if d.i != t.i)]:
                    # (a place name the recogniser left untagged or took for a people: "in
                    # the capital Rabat", "in western Samarra")
                    misread = _misread_place(p) or (
                        p.i == t.i and p.pos_ == "PROPN" and p.ent_type_ in ("", "NORP"))
                    if (p.i != t.i and p.ent_type_ not in ("GPE", "LOC", "NORP")
                            and not misread) or names_no_actor(p):
                        continue
                    actor = taken.get(p.i)
                    code = actor.country if actor is not None and not actor.sector or (
                        actor is not None and actor.sector == "GOV") else self._place(p)
                    if code is None and misread and self.city is not None and (
                            actor is None or not actor.code):
                        code = self.city(p.text)
                    if code:
                        return code
        return None

    def _place(self, tok: Token) -> str | None:
        key = norm(tok.text)
        if tok.ent_type_ not in ("GPE", "NORP", "LOC"):
            # A nationality the tagger missed ("Ghanaian authorities") is still one.
            return self.kb.adjectives.get(key) if tok.text[:1].isupper() else None
        code = (self.kb.country_names.get(key) or self.kb.metonyms.get(key)
                or self.kb.adjectives.get(key))
        if code is not None and self.city is not None:
            # a country's name inside a place's: "the Niger Delta" is in Nigeria
            whole = entities(tok.doc).at(tok.i)
            if whole is not None and len(whole) > 1 and (found := self.city(whole.text)):
                return found
        if code is None and self.city is not None and tok.ent_type_ == "GPE":
            code = self.city(entities(tok.doc).at(tok.i).text)
        return code


# A state's missions abroad: where they stand is another country.
_MISSIONS = frozenset({"embassy", "consulate", "mission", "legation", "chancery"})
# Verbs whose object is an area ("patrolled Nouakchott", "guarded the streets of Lima").
_AREA_VERBS = frozenset({"patrol", "guard", "comb", "roam", "secure"})
# The prepositions of a clause's place adjunct ("in Nairobi", "outside the embassy in
# Baghdad"); an agent's own phrase also says where it is from (_PLACE_PREPS).
_ADJUNCT_PREPS = frozenset({"in", "at", "on", "off", "across", "throughout", "near", "outside",
                            "inside", "through", "along", "around"})


def _misread_place(tok: Token) -> bool:
    """A one-word name in a place adjunct that the recogniser took for an organisation or
    a product ("in the northern Hama countryside"): the gazetteer may know it as a town."""
    return bool(tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "PRODUCT")
                and tok.ent_iob_ == "B" and (
                    tok.i + 1 == len(tok.doc) or tok.nbor(1).ent_iob_ != "I"))


def attitude(tok: Token) -> bool:
    """A country named as what someone is for or against ("pro-Russian separatists", "an
    anti-Syria journalist", "Anti-American protesters"): it says nothing of whose they are."""
    doc, i = tok.doc, tok.i
    if tok.lower_.startswith(("pro-", "anti-")):
        return True
    return bool(i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
                and doc[i - 2].lower_ in _ATTITUDES)


_ATTITUDES = frozenset({"pro", "anti"})
STORY_GUESS = "of the story"  # how a pronoun with no antecedent got the story's country


def names_no_actor(tok: Token) -> bool:
    """Whether a country's name or nationality that ends at ``tok`` is part of something
    that is no actor: an amount ("US $50 million", "50 US dollars", "30,000 Egyptian
    pounds") or a language ("the use of the Russian language"): amount_words.csv."""
    words = _amount_words()
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if after is not None and (after.tag_ == "$" or words.get(after.lower_) == "currency"):
        return True
    return (tok.dep_ in ("amod", "compound")
            and words.get(tok.head.lemma_.lower()) == "language")


@lru_cache(maxsize=1)
def _amount_words() -> dict[str, str]:
    return {r["word"]: r["kind"] for r in packaged_table("amount_words.csv", ("word", "kind"))}


# Sectors of the armed men a name the knowledge base does not know may qualify: a town
# ("the Naroda police") or a group's initials ("FSA fighters").
_ARMED = frozenset({"COP", "MIL", "REB"})


def _modifier(tok: Token, taken: dict[int, Any], relatives: frozenset[str]) -> Token | None:
    """The modifier that names whose ``tok`` is ("Afghan police", "its troops"). Not a
    possessive of a relative: "his mother" is a person of her own (relatives.csv)."""
    kin = tok.lemma_.lower() in relatives
    return next((c for c in tok.children if c.dep_ in _MODIFIER_DEPS and c.i < tok.i
                 and (c.i in taken or c.lower_ in _POSSESSIVES) and not attitude(c)
                 and not (kin and c.dep_ == "poss")), None)


# Words that count "others" ("five others", "several others").
_COUNTS = frozenset({"several", "many", "dozens", "scores", "hundreds", "few", "numerous"})


def _counted_others(tok: Token) -> bool:
    """ "Wounding five others", "killed three soldiers and several others": counted, in
    an object's slot. Not "two were killed and five others wounded": the victims of one
    attack named as subjects are one event, which a second target would split."""
    return bool(tok.lower_ == "others" and _object_slot(tok) and any(
        c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in _COUNTS)
        for c in tok.children))


def _counted_crowd(tok: Token) -> bool:
    """A bare number that marched or rallied ("More than 200,000 marched"): so many
    people."""
    return bool(tok.like_num and tok.pos_ == "NUM" and tok.dep_ == "nsubj"
                and tok.head.lemma_.lower() in _CROWD_VERBS
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children))


# What a crowd does.
_CROWD_VERBS = frozenset({"march", "demonstrate", "protest", "rally", "gather", "riot",
                          "parade", "assemble", "converge"})


def _object_slot(tok: Token) -> bool:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return bool(tok.dep_ == "dobj")


def _parallel(tok: Token, taken: dict[int, Actor]) -> Actor | None:
    """The actor named in the slot parallel to ``tok``: the noun it is a conjunct of, or
    the object of the verb its own verb is joined to ("killing a soldier and wounding
    five others", "killed three militants, injuring several others")."""
    if tok.dep_ == "conj":
        return taken.get(tok.head.i)
    verb = tok.head
    if tok.dep_ != "dobj" or verb.dep_ not in ("conj", "advcl"):
        return None
    return next((taken[c.i] for c in verb.head.children
                 if c.dep_ == "dobj" and c.i in taken), None)


def _swallowed(tok: Token) -> bool:
    """A common noun the entity recogniser took for a name: capitalised at the start of a
    sentence ("Gunmen in Delhi killed": "Gunmen" a place), or swallowed with the place after
    it ("Police in Nairobi" one place). The noun is still an agent."""
    if tok.pos_ != "NOUN" or tok.ent_iob_ != "B":
        return False
    if tok.i + 1 == len(tok.doc) or tok.nbor(1).ent_iob_ != "I":
        return bool(tok.i == sentence(tok).start)
    nxt = tok.nbor(1)
    return bool(nxt.dep_ == "prep" and nxt.head.i == tok.i)
