"""Recognise actor mentions in a parsed document and code them (country + sector).

The article itself is the first source of identity: titles before a name ("US Deputy
Secretary of State ... Stephen Biegun"), nationality adjectives, a nationality shared
over a list of names, capitals used for governments, "the North" in a Korea story. The
knowledge base confirms and completes (full names, office holders on the article's date,
organisations). Surnames and pronouns are linked back to the mention they continue.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from spacy.tokens import Span

from ..datafiles import word_class
from ..datelines import dateline_spans
from ..models import Actor, Mention
from ..nlp import (
    capitalised,
    dictionary_word,
    entities,
    in_word_hyphen,
    text_of,
    tokens,
    words_text,
)
from .agents import (
    STORY_GUESS,
    AgentFinder,
    attitude,
    dateline_country,
    dominant_country,
    names_no_actor,
)
from .kb import KnowledgeBase, norm, org_key
from .quotes import speech_verbs
from .spans import (
    Found,
    clause_subject,
    counted,
    ent_text,
    extend_hyphen_tail,
    shared_owner,
    speaker_of_clause,
    title_window,
)

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# How far back a pronoun may look for its antecedent, in sentences.
_PRONOUN_REACH = 2
# Sectors of a state's own bodies and of its people, which "the group" does not refer to.
_NOT_ORGANISATIONS = frozenset({None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "CVL"})
# How sure each way of recognising an actor is: a name with its title or a country's name
# rarely misleads; a pronoun or a compass word resolved from context more often does.
_CONFIDENCE = {"title": 0.95, "entity": 0.9, "appositive": 0.9, "nationality": 0.85,
               "modifier": 0.7,
               "surname": 0.85, "metonym": 0.8, "office": 0.75, "context": 0.7,
               "pronoun": 0.6, "agent-modifier": 0.85, "agent-place": 0.8,
               "agent-antecedent": 0.75, "agent-dateline": 0.7, "agent-article": 0.6,
               "agent": 0.6}


# Where a name spaCy missed is read as a person's: a clause's subject or object.
_PERSON_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# Entity labels a lone surname can wrongly carry ("Tamimi" tagged a place).
_UNSURE_NAMES = frozenset({"", "GPE", "ORG", "LOC", "NORP"})
_OWNER_MARK = re.compile(r"['’]s?$|(?<=\w)\.$")

# Lower-case words inside organisations' names ("Organization of American States").
_NAME_WORDS = frozenset({"of", "for", "the", "and", "de", "in", "on"})


def _hyphened(tok: Any) -> bool:
    """A hyphen inside a word, or a part of the word after one ("Lashkar-e-Taiba")."""
    doc = tok.doc
    if tok.text == "-":
        return in_word_hyphen(tok)
    after = (not tok.whitespace_ and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-")
    return after or (tok.i > 0 and doc[tok.i - 1].text == "-"
                     and not doc[tok.i - 1].whitespace_)


class Recognizer:
    """Finds and codes the actor mentions of one parsed document."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.agents = AgentFinder(kb, self._city)
        self._day: date | None = None
        self._story: str | None = None  # the story's country, once the names are found
        self._text = ""
        self._starts: tuple[int, frozenset[str]] | None = None
        self._speech = speech_verbs()

    @staticmethod
    def _city(name: str) -> str | None:
        """The country of a city named in a dateline (the gazetteer loads once a process)."""
        from ..places import get_gazetteer

        return get_gazetteer().place_country(name)

    def __call__(self, parse: Any, day: date | None) -> list[Mention]:
        self._day = day
        self._story = None
        self._text = text_of(parse)
        found = self._entities(parse, day)
        datelines = dateline_spans(self._text)
        found = [f for f in found if not any(a <= f.start < b for a, b in datelines)]
        found = self._distribute_over_lists(parse, found)
        context = {f.actor.country for f in found if f.actor.country}
        found += self._shorthands(parse, found, context)
        found = self._generic_agents(parse, found)
        found.sort(key=lambda f: f.tokens[0])
        found = [f for f in self._link_back(parse, found) if f.actor.code]
        found = _with_members(parse, found)
        sent_of = self._sentence_index(parse)
        return [Mention(actor=replace(f.actor, confidence=_CONFIDENCE.get(f.kind, 0.7)),
                        start=f.start, end=f.end, sentence=sent_of(f.tokens[0]), kind=f.kind)
                for f in found]

    def _generic_agents(self, parse: Any, found: list[Found]) -> list[Found]:
        """Found names plus the generic agents ("police in Nairobi"); a capital that only
        places an agent ("in Nairobi") is no actor of its own."""
        taken = {i: f.actor for f in found for i in range(*f.tokens)}
        # (what a nationality only describes, "an Indian proposal", does not make the
        # story India's)
        named = [f.actor.country for f in found if f.actor.country and f.kind != "modifier"]
        places = self._places_named(parse, taken)
        # A group that fights in many countries (IMG) is no country a story is about, unless
        # the story names no other.
        dominant = dominant_country(
            [c for c in named if c in self.kb.countries] + places) or dominant_country(
            named + places)

        def make(actor: Actor, span: Any, kind: str) -> Found:
            return Found(actor, span.start_char, span.end_char, kind, False,
                          (span.start, span.end))

        dateline = dateline_country(self._text, self.kb, self._city)
        self._story = dateline or dominant
        # (a person the text gives no country is of the story's; where the story has
        # none, of where the sentence happens: "Manzoor Masih was shot outside a Lahore
        # court")
        found = [self._private(self._of_the_story(f, dateline or dominant or (
            self.agents.sentence_place(parse[f.tokens[1] - 1], taken)
            if f.person and f.actor.country is None else None)))
            for f in found]
        agents = self.agents.find(parse, taken, dateline, dominant, make)
        others = found + agents
        found = [shared_owner(parse, f, others) for f in found]
        if not agents:
            return found
        heads = {f.tokens[1] - 1 for f in agents}
        placed = {t.i for i in heads for prep in parse[i].children
                  if prep.dep_ == "prep" for t in prep.subtree}
        kept = [f for f in found if not (f.kind == "metonym" and f.tokens[0] in placed)]
        return kept + agents

    def _places_named(self, parse: Any, taken: dict[int, Actor]) -> list[str]:
        """The countries of the places the article names that are no actor ("arrested in
        Louisiana", "a Texas man"): a story set in one country is about it even when few of
        its actors are named by their country."""
        out: list[str] = []
        for ent in entities(parse).spans:
            if ent.label_ != "GPE" or any(t.i in taken for t in ent) or names_no_actor(ent[-1]):
                continue
            country = self._city(ent_text(ent.text))
            if country:
                out.append(country)
        return out

    @staticmethod
    def _of_the_story(f: Found, country: str | None) -> Found:
        """A named person whose country neither the text nor the knowledge base gives
        ("Hollywood producer Harvey Weinstein", "actress Uma Thurman") is of the story's
        country, as a generic agent is: the dateline's, else the one the article is about.
        The sector stays what the role says, or unknown."""
        a = f.actor
        if country is None or a.country is not None or a.sector in ("IGO", "NGO"):
            return f
        if not f.person:
            # "Cumhuriyet University" in a Turkish story: a body of a known kind that no
            # name or place ties to a country is the story's, as a person is
            return replace(f, actor=replace(a, country=country)) if (
                f.kind == "entity" and a.sector is not None and a.kb_id is None) else f
        if a.sector is None and not all(w[:1].isupper() for w in (a.name or a.text).split()):
            return f  # the tagger's "person" in lower case ("the lorry's") is no one
        return replace(f, actor=replace(a, country=country))

    @staticmethod
    def _private(f: Found) -> Found:
        """A named person with a country but no office, force or trade the text or the
        knowledge base gives ("Ahed Tamimi", "Rihanna") is a private person: a civilian, as
        the gold codes them (`PSECVL`), not the country itself acting."""
        a = f.actor
        if (not f.person or a.country is None or a.sector is not None or a.kb_id is not None
                or not all(w[:1].isupper() for w in (a.name or a.text).split())):
            return f
        return replace(f, actor=replace(a, sector="CVL"))

    # -- entities ---------------------------------------------------------------

    def _entities(self, parse: Any, day: date | None) -> list[Found]:
        out: list[Found] = []
        for ent in entities(parse).spans:
            if ent.label_ not in _ENTITY_LABELS:
                continue
            ent = extend_hyphen_tail(ent)
            if ent.label_ == "PERSON":
                ent = self._known_group_around(parse, ent)
            elif ent.label_ == "ORG":
                ent = self._known_person_around(parse, self._known_of_tail(parse, ent))
            if ent.label_ == "PERSON" and all(self.kb.adjectives.get(norm(w))
                                               for w in ent_text(ent.text).split()):
                hit = self._nationality_group(parse, ent)  # "Bosnian Serbs" is no person
            elif ent.label_ == "PERSON" and self._group_named_like_a_person(ent, day):
                hit = self._group(parse, ent)  # spaCy tags "Boko Haram" a person
            elif ent.label_ == "PERSON" and not any(t.pos_ == "PROPN" for t in ent):
                hit = None  # a common noun the tagger called a person ("Flags will fly")
            elif ent.label_ == "PERSON" and _named_place(parse, ent):
                hit = None  # "the town of Palmyra": a place, no one
            elif ent.label_ == "PERSON":
                hit = self._person(parse, ent, day)
            else:
                hit = self._group(parse, ent)
            if hit is not None:
                out.append(hit)
        out += self._missed_countries(parse, out)
        out += self._missed_organisations(parse, out)
        out += self._missed_people(parse, out)
        out += self._surname_candidates(parse, out)
        out += self._offices(parse, out, day)
        # A mention inside another's title ("US" in "US Deputy Secretary ... Biegun") is
        # part of that actor, not an actor of its own.
        out.sort(key=lambda f: (f.tokens[0], -f.tokens[1]))
        kept: list[Found] = []
        for f in out:
            if kept and f.tokens[0] < kept[-1].tokens[1]:
                continue
            kept.append(f)
        return [f for f in kept if not names_no_actor(parse[f.tokens[1] - 1]) and (
            not any(attitude(t) for t in parse[f.tokens[0]:f.tokens[1]]) or f.person)]

    def _missed_countries(self, parse: Any, found: list[Found]) -> list[Found]:
        """Country names spaCy left untagged or called a person ("Benin", "Sri Lanka")."""
        def country(span: Any) -> Actor | None:
            code = self.kb.country_names.get(norm(span.text))
            whole = span[0].ent_type_ != "PERSON" or (
                (span.start, span.end) in entities(parse).bounds)
            if code and whole and all(t.text[:1].isupper() or not t.is_alpha for t in span):
                return Actor(text=span.text, name=self.kb.countries[code].name,
                             country=code, kb_id=f"country:{code}")
            return None
        return self._scan(parse, found, ("", "PERSON"), (3, 2, 1), country,
                          lambda first, text: norm(text) in self.kb.country_names)

    def _missed_organisations(self, parse: Any, found: list[Found]) -> list[Found]:
        """Organisations the knowledge base knows that spaCy left untagged or took for a
        people ("ISIL", "ISIS fighters", "members of the Islamic State"): an abbreviation
        as it is written, or a capitalised name of two words or more."""
        starts = self._organisation_starts()

        def organisation(span: Any) -> Actor | None:
            if span[0].lower_ not in starts:
                return None  # (most capitalised words begin no known name: skip the lookups)
            if len(span) == 1:
                org = self.kb.abbreviations.get(span[0].text)
                if org is None and org_key(span.text) in self.kb.single_names:
                    org = self.kb.organizations.get(org_key(span.text))
            elif all(t.text[:1].isupper() or t.lower_ in _NAME_WORDS or _hyphened(t)
                     for t in span) and span[-1].text[:1].isupper():
                org = self.kb.organizations.get(org_key(span.text))
            else:
                org = None
            return None if org is None else Actor(
                text=span.text, name=org.name, country=org.country, sector=org.sector,
                kb_id=f"org:{org.name}")
        return self._scan(parse, found, ("", "NORP", "PERSON", "ORG"), (5, 4, 3, 2, 1),
                          organisation, lambda first, text: first.lower_ in starts)

    def _known_word(self, word: str) -> bool:
        """Whether a capitalised word names a place, people, office, body or kind of
        actor ("Court", "Minister", "Kong"): then it is part of no person's name."""
        kb, key = self.kb, norm(word)
        return bool(key in kb.country_names or key in kb.adjectives or key in kb.metonyms
                    or key in kb.sectors or key in kb.role_heads()
                    or key in self._organisation_starts() or self._city(word))

    def _organisation_starts(self) -> frozenset[str]:
        """The first words (lower case) of the organisations' names and abbreviations."""
        if self._starts is None or self._starts[0] != len(self.kb.organizations):
            # (the organisations' keys are normalised already: org_key)
            words = {k.split()[0] for k in self.kb.organizations if k.split()}
            # the tokenizer splits "Lashkar-e-Taiba", "al-Nusra" at the hyphens
            words |= {w.split("-")[0] for w in words if "-" in w}
            words |= {a.lower() for a in self.kb.abbreviations} | {"the"}
            self._starts = (len(self.kb.organizations), frozenset(words))
        return self._starts[1]

    @staticmethod
    def _scan(parse: Any, found: list[Found], labels: tuple[str, ...],
              sizes: tuple[int, ...], actor_of: Callable[[Any], Actor | None],
              wanted: Callable[[Any, str], bool]) -> list[Found]:
        """Actors ``actor_of`` reads in runs of capitalised tokens that no mention in
        ``found`` holds, starting at a token of an entity label in ``labels`` (or none);
        the longest run of ``sizes`` first. ``wanted`` tells from a run's first token
        and text whether ``actor_of`` may read it: most runs are passed over without
        building a ``Span``."""
        taken = {i for f in found for i in range(*f.tokens)}
        out: list[Found] = []
        toks = tokens(parse)
        for i in capitalised(parse):
            tok = toks[i]
            if i in taken or tok.ent_type_ not in labels:
                continue
            for n in sizes:
                if i + n > len(toks) or any(j in taken for j in range(i, i + n)):
                    continue
                if not wanted(tok, words_text(parse, i, i + n)):
                    continue
                span = parse[i:i + n]
                actor = actor_of(span)
                if actor is not None:
                    out.append(Found(actor, span.start_char, span.end_char, "entity", False,
                                     (span.start, span.end)))
                    taken |= set(range(span.start, span.end))
                    break
        return out

    @staticmethod
    def _surname_candidates(parse: Any, found: list[Found]) -> list[Found]:
        """Proper nouns the recogniser missed, or took for a place or body nothing codes,
        that repeat a part of a person's name ("Biegun met reporters", "Tamimi threw
        stones"); kept uncoded, they are linked back or dropped later."""
        parts = {w for f in found if f.person
                 for w in ent_text(f.actor.name or "").split() if len(w) > 2}
        taken = {i for f in found for i in range(*f.tokens)}
        return [Found(Actor(text=t.text), t.idx, t.idx + len(t.text), "entity", False,
                       (t.i, t.i + 1))
                for t in tokens(parse) if t.text in parts and t.i not in taken
                and t.pos_ == "PROPN" and t.ent_type_ in _UNSURE_NAMES]

    def _missed_people(self, parse: Any, found: list[Found]) -> list[Found]:
        """Two or three proper nouns in a row that spaCy tagged as nothing, standing as
        a clause's subject or object ("Israel has held Ahed Tamimi since ..."), that no
        table knows as a place, body or office and not all dictionary words: a person's
        name."""
        taken = {i for f in found for i in range(*f.tokens)}
        out: list[Found] = []
        for tok in tokens(parse):
            if tok.dep_ not in _PERSON_SLOTS or tok.pos_ != "PROPN" or tok.ent_type_ \
                    or tok.i in taken:
                continue
            run = [c for c in tok.lefts if c.dep_ == "compound"] + [tok]
            span = parse[run[0].i:tok.i + 1]
            # (a first word may be a capitalised common one, unless the name is a known
            # person's: "Yoshihide Suga condemned ...")
            known = norm(span.text) in self.kb.people
            if not 2 <= len(run) <= 3 or run[-1].i - run[0].i != len(run) - 1 or any(
                    t.ent_type_ or t.i in taken or not t.is_alpha or not t.is_title
                    or (t.is_sent_start and not known) or t.is_stop
                    or self._known_word(t.text) for t in run
            ) or all(dictionary_word(parse, t.text) for t in run):
                continue  # ("Space Launch System" is words; "Ahed Tamimi" is a name)
            person = self.kb.person(span.text, self._day) if known else None
            out.append(Found(Actor(text=span.text, name=span.text,
                                    country=person.country if person else (
                                        self.kb.nationality(span.text) if known else None),
                                    sector=person.sector if person else None),
                              span.start_char, span.end_char, "entity", True,
                              (span.start, span.end)))
        return out

    def _person(self, parse: Any, ent: Any, day: date | None) -> Found:
        name = ent_text(ent.text)
        w0, w1 = title_window(parse, ent.start)
        window = parse[w0:w1]
        country, org_sector = self._codes_in(parse, w0, w1)
        appos = self._appositive(parse, ent)
        if appos is not None and (country is None or not len(window)):
            appos_country, appos_sector, appos_words = appos
            country = country or appos_country
            org_sector = org_sector or appos_sector
            window = parse[w0:w1] if len(window) else appos_words
        title_words = [t for t in window if t.ent_type_ not in ("GPE", "NORP")]
        role = parse[title_words[0].i:w1].text if title_words else None
        sector_hit = self.kb.sector_of([t.lower_ for t in window])
        sector = org_sector or (sector_hit[0] if sector_hit else None)
        if country is None:
            country = self._home_phrase(ent)
        known = self._known_person(name, day)
        if known is not None:
            # (an international body's official, "U.N. mediator Diego Cordovez", acts
            # for the body, not for the country the knowledge base gives him)
            country = country or (known.country if org_sector != "IGO" else None)
            sector = sector or known.sector
            role = role or known.role
            name = known.name
        elif country is None and org_sector != "IGO" and (sector is not None or w0 < w1):
            # A titled person the date leaves unknown ("President Bush" in 2000) is still
            # of the one country everyone so named acts for.
            country = self.kb.nationality(name)
        actor = Actor(text=parse[w0:ent.end].text, name=name, country=country,
                      sector=sector, role=role,
                      kb_id=f"person:{known.name}" if known is not None else None)
        start = parse[w0].idx
        return Found(actor, start, ent.end_char, "title" if w0 < w1 else "entity", True,
                      (w0, ent.end))

    def _home_phrase(self, ent: Any) -> str | None:
        """The country of a person's own "of" or "from" phrase ("Ricardo Munguia of El
        Salvador", "a man from Hebron")."""
        for prep in ent.root.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from") or prep.i < ent.end:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "GPE":
                    place = ent_text(entities(obj.doc).at(obj.i).text)
                    return self.kb.country_code(place) or self._city(place)
        return None

    def _appositive(self, parse: Any, ent: Any) -> tuple[str | None, str | None, Any] | None:
        """ "Kwon Jong Gun, a senior official of North Korea's foreign ministry, said":
        the country, an organisation's sector and the title words of an appositive."""
        for child in ent.root.children:
            if child.dep_ != "appos" or child.i < ent.end or child.ent_type_ == "PERSON":
                continue
            span = parse[child.left_edge.i:child.right_edge.i + 1]
            country, sector = self._codes_in(parse, span.start, span.end)
            words = [t for t in span if t.pos_ != "DET"]
            return country, sector, parse[words[0].i:span.end] if words else span
        return None

    def _codes_in(self, parse: Any, start: int, end: int) -> tuple[str | None, str | None]:
        """The country (and an organisation's sector) that the names in a title give:
        "U.N. Secretary-General" (IGO), "British Defence Secretary" (GBR, even when
        spaCy took "British Defence" for an organisation), "Iran's Supreme Leader"."""
        country: str | None = None
        for e in entities(parse).within(start, end):
            if e.label_ == "ORG":
                org = self.kb.organization(e.text)
                if org is not None:
                    return org.country, org.sector
                words = ent_text(e.text).split()
                for n in (2, 1):
                    for i in range(len(words) - n + 1):
                        country = country or self.kb.country_code(" ".join(words[i:i + n]))
            elif (e.label_ == "PERSON" and country is None and e.end < len(parse)
                  and parse[e.end].tag_ == "POS"):
                # "President Barack Obama's ambassador": the possessor's country
                person = self.kb.person(ent_text(e.text), self._day)
                country = person.country if person is not None else None
            elif e.label_ in ("GPE", "NORP") and country is None and not _host(e.root):
                country = (self.kb.country_code(ent_text(e.text))
                           or self.kb.metonyms.get(norm(e.text)))
        return country, None

    def _offices(self, parse: Any, found: list[Found], day: date | None) -> list[Found]:
        """ "the South Korean president", "Russia's foreign minister": an office named
        without its holder, resolved in the knowledge base for the article's date."""
        roles = self.kb.roles()
        heads = self.kb.role_heads()
        taken = {i for f in found for i in range(*f.tokens)}
        out: list[Found] = []
        every = tokens(parse)
        for sent in parse.sents:
            toks = every[sent.start:sent.end]
            for i, tok in enumerate(toks):
                if tok.lower_ not in heads or tok.i in taken or tok.pos_ not in (
                        "NOUN", "PROPN", "ADJ"):
                    continue
                for n in (3, 2, 1):
                    words = toks[i:i + n]
                    role = " ".join(t.lower_ for t in words)
                    if len(words) < n or role not in roles:
                        continue
                    after = words[-1].i + 1
                    if after < len(parse) and parse[after].ent_type_ == "PERSON":
                        break  # a title before a name: the person's own mention has it
                    country, start = self._office_country(parse, tok.i)
                    holder = self.kb.office_holder(country, role, day) if country else None
                    if holder is not None:
                        actor = Actor(text=parse[start:after].text, name=holder.name,
                                      country=holder.country, sector=holder.sector,
                                      role=holder.role, kb_id=f"person:{holder.name}")
                        out.append(Found(actor, parse[start].idx, parse[after - 1].idx
                                          + len(parse[after - 1].text), "office", True,
                                          (start, after)))
                        taken.update(range(start, after))
                    break
        return out

    def _office_country(self, parse: Any, i: int) -> tuple[str | None, int]:
        """The country written before an office: "the Russian", "Russia's", "the US"."""
        j = i - 1
        while j >= 0 and parse[j].pos_ in ("ADJ", "PROPN", "PART") and i - j <= 4:
            j -= 1
        for e in entities(parse).within(j + 1, i):
            if e.label_ in ("GPE", "NORP"):
                code = self.kb.country_code(e.text)
                if code:
                    return code, e.start
        return None, i

    def _group_named_like_a_person(self, ent: Any, day: date | None) -> bool:
        """A PERSON entity that is a known organisation's whole name and no known person's;
        of two words or more: a one-word alias of a group ("Hamzah") may be anyone's name.
        A country's name the tagger took for a person's ("Sri Lanka") is the country."""
        name = ent_text(ent.text)
        if self.kb.person(name, day) is not None:
            return False
        return ((" " in name and self.kb.organization(name) is not None)
                or org_key(name) in self.kb.single_names
                or norm(name) in self.kb.country_names)

    def _known_group_around(self, parse: Any, ent: Any) -> Any:
        """The whole name of a known organisation the tagger cut short: it takes "Haram"
        alone for a person in "Boko Haram militants"."""
        k = _untagged_names_before(parse, ent.start)
        if k == ent.start:
            return ent
        wider = Span(parse, k, ent.end, label="ORG")
        return wider if self.kb.organization(ent_text(wider.text)) is not None else ent

    def _known_person_around(self, parse: Any, ent: Any) -> Any:
        """A known person's name the tagger took, whole or in part, for an organisation:
        "Suga" in "Yoshihide Suga condemned ...", "Nikki Haley"; a known organisation's
        name stays one."""
        if self.kb.organization(ent_text(ent.text)) is not None:
            return ent
        k = _untagged_names_before(parse, ent.start, most=2)
        for start in dict.fromkeys((k, ent.start)):  # ("Nikki Haley", all of it an ORG)
            if norm(ent_text(words_text(parse, start, ent.end))) in self.kb.people:
                return Span(parse, start, ent.end, label="PERSON")
        return ent

    def _known_of_tail(self, parse: Any, ent: Any) -> Any:
        """The whole name of a known organisation whose "of" phrase the tagger left out:
        "the Liberation Tigers" + "of Tamil Eelam"."""
        k = ent.end + 1
        if k >= len(parse) or parse[ent.end].lower_ != "of":
            return ent
        while k < len(parse) and parse[k].text[:1].isupper() and k - ent.end < 5:
            k += 1
        for last in range(k, ent.end + 1, -1):
            wider = Span(parse, ent.start, last, label="ORG")
            if self.kb.organization(ent_text(wider.text)) is not None:
                return wider
        return ent

    def _known_person(self, name: str, day: date | None) -> Any:
        kb = self.kb
        found = kb.person(name, day)
        if found is None:
            parts = name.replace("-", " ").split()
            if len(parts) > 1:
                found = kb.person(parts[-1], day) or kb.person(parts[0], day)
                # Only a name cut short ("Moon Jae" for Moon Jae-in) is the same person;
                # "Kim Yeon-chul" is not Kim Jong-un for sharing a family name.
                if found is not None and not norm(found.name).replace("-", " ").startswith(
                        norm(name).replace("-", " ")):
                    found = None
        return found

    def _group(self, parse: Any, ent: Any) -> Found | None:
        kb = self.kb
        if ent[0].lower_ == "the" and len(ent) > 1:
            # "The Korean Central News Agency", "The Syrian Arab Army": the name without
            # its article, still of the entity's kind
            ent = Span(parse, ent.start + 1, ent.end, label=ent.label_)
        text = ent_text(ent.text)
        start, end = ent.start_char, ent.start_char + len(text)
        key = norm(text)
        tokens = (ent.start, ent.end)
        if ent.label_ == "NORP" and org_key(text) not in kb.single_names:
            return self._nationality_group(parse, ent)
        org = kb.organization(text)
        if org is not None:
            return Found(Actor(text=text, name=org.name, country=org.country,
                                sector=org.sector, kb_id=f"org:{org.name}"),
                          start, end, "entity", False, tokens)
        if key in kb.metonyms and ent.label_ in ("GPE", "LOC", "FAC", "ORG"):
            return self._country(parse, ent, kb.metonyms[key], start, end, "metonym")
        country = kb.country_names.get(key)
        if country is not None:
            return self._country(parse, ent, country, start, end, "entity")
        if ent.label_ == "ORG":
            return self._named_body(ent, text, start, end)
        return None

    def _country(self, parse: Any, ent: Any, code: str, start: int, end: int,
                 kind: str) -> Found:
        """A country (or its capital standing for its government), or a body of that
        country when the name modifies one: "the US government", "Pyongyang's state media".
        """
        head = ent.root.head
        sector = "GOV" if kind == "metonym" else None
        last = ent.end
        if ent.root.dep_ in ("compound", "nmod", "amod", "poss") and head.i >= ent.end \
                and head.pos_ in ("NOUN", "PROPN") and not head.ent_type_:
            words = [t.lower_ for t in parse[ent.end:head.i + 1] if t.pos_ != "PART"]
            hit = self.kb.sector_of(words)
            office = " ".join(words)
            if hit and self.kb.office_holder(code, office, self._day) is not None:
                hit = None  # "Russia's foreign minister" is a person: see _offices
            if not hit and kind == "metonym" and ent.root.dep_ in ("compound", "nmod"):
                sector = None  # "Paris entertainment spots": a place, not the government
            if hit:
                sector = hit[0]
                # "U.S. and Iraqi troops": each country named is a force of its own, so the
                # mention stops at the name and leaves the next country its own
                if not any(t.dep_ == "conj" and t.head.i == ent.root.i
                           for t in parse[ent.end:head.i]):
                    last = head.i + 1
                    end = head.idx + len(head.text)
        actor = Actor(text=self._text[start:end], name=self.kb.countries[code].name,
                      country=code, sector=sector, kb_id=f"country:{code}")
        return Found(actor, start, end, kind, False, (ent.start, last))

    def _home_city(self, words: list[str]) -> str | None:
        """The country of the city a body is named after ("Baghdad University", "Tehran
        Times"): the city's own name, not an abbreviation or a short word that some
        town's other name matches ("FSA", "Ram"), nor a sector's word ("Police Academy")."""
        from ..places import get_gazetteer

        if self._city(" ".join(words)) is not None:
            return None  # a place the tagger took for a body ("Alta Verapaz")
        for n in (2, 1):
            name = " ".join(words[:n])
            if n < len(words) and len(name) >= 4 and name[:1].isupper() and not name.isupper() \
                    and self.kb.sector_of([w.lower() for w in words[:n]]) is None:
                place = get_gazetteer().lookup(name)
                if place is not None and norm(place.name) == norm(name):
                    return place.country
        return None

    def _named_body(self, ent: Any, text: str, start: int, end: int) -> Found | None:
        """An organisation coded from its own words: "North Korean foreign ministry"; or an
        office or body of a known one ("United Nations Emergency Relief Coordinator")."""
        words = text.split()
        for n in range(len(words) - 1, 0, -1):
            org = self.kb.organization(" ".join(words[:n]))
            if org is not None:
                return Found(Actor(text=text, name=org.name, country=org.country,
                                    sector=org.sector, kb_id=f"org:{org.name}"),
                              start, end, "entity", False, (ent.start, ent.end))
        country = None
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                country = country or self.kb.country_code(" ".join(words[i:i + n]))
        if country is None and len(words) > 1:
            country = self._home_city(words)
        # ("the Russian State Duma's Foreign Affairs Committee": the Duma's, LEG;
        # "Qualcomm Inc.": a company)
        hit = self.kb.sector_of([_OWNER_MARK.sub("", w.lower()) for w in words])
        # An organisation nothing codes is kept for now: it may be a surname spaCy took
        # for an organisation ("Biegun"); the uncoded ones are dropped after linking.
        return Found(Actor(text=text, name=text, country=country,
                            sector=hit[0] if hit else None),
                      start, end, "entity", False, (ent.start, ent.end))

    def _nationality_group(self, parse: Any, ent: Any) -> Found | None:
        """ "North Korean officials", "Russian troops": a nationality on a sector noun."""
        words = ent_text(ent.text).split()
        # "Bosnian Serbs": the first nationality says where the people live.
        code = self.kb.country_code(" ".join(words)) or next(
            (c for n in (2, 1) if len(words) > n
             for c in [self.kb.country_code(" ".join(words[:n]))] if c), None)
        if code is None:
            return None
        if ent.root.pos_ in ("NOUN", "PROPN") and ent.root.dep_ in (
                "nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative"):
            # A people named by its demonym ("Palestinians rejected ...") is its country,
            # or the country it lives in: "ethnic Albanians in southern Serbia" (CAMEO
            # codes a minority by its country of residence).
            code = self._residence(parse, ent) or code
            # Counted, they are people of the country, not the country: "hundreds of
            # Palestinians demonstrated", "two Israelis were wounded" (CVL).
            sector = "CVL" if counted(ent.root) else None
            return Found(Actor(text=ent.text, name=self.kb.countries[code].name, country=code,
                                sector=sector, kb_id=f"country:{code}"),
                          ent.start_char, ent.end_char, "nationality", False,
                          (ent.start, ent.end))
        j = ent.end
        # "Israeli and Palestinian delegations": the noun after the list is each one's.
        while (j + 1 < len(parse) and parse[j].lower_ in ("and", ",")
               and parse[j + 1].ent_type_ == "NORP"):
            j += 1
            while j < len(parse) and parse[j].ent_type_ == "NORP":
                j += 1
        while j < len(parse) and parse[j].pos_ == "ADJ" and j - ent.end < 3:
            j += 1
        if j >= len(parse) or parse[j].pos_ not in ("NOUN", "PROPN"):
            return None
        k = j
        while k + 1 < len(parse) and parse[k + 1].pos_ in ("NOUN", "PROPN") \
                and not parse[k + 1].ent_type_:
            k += 1
        words = [t.lower_ for t in parse[ent.end:k + 1]]
        hit = self.kb.sector_of(words)
        if parse[k].ent_type_ == "PERSON" or (
                k + 1 < len(parse) and parse[k + 1].ent_type_ == "PERSON"):
            return None
        if hit is None:
            # "an Indian proposal", "Palestinian homes": the country's, of no sector
            return Found(Actor(text=ent.text, name=self.kb.countries[code].name,
                                country=code, kb_id=f"country:{code}"),
                          ent.start_char, ent.end_char, "modifier", False,
                          (ent.start, ent.end))
        return Found(Actor(text=f"{ent.text} {parse[ent.end:k + 1].text}".strip()
                            if j > ent.end and parse[ent.end].lower_ in ("and", ",")
                            else parse[ent.start:k + 1].text,
                            name=self.kb.countries[code].name, country=code, sector=hit[0],
                            kb_id=f"country:{code}"),
                      ent.start_char, ent.end_char, "nationality", False, (ent.start, ent.end))

    def _residence(self, parse: Any, ent: Any) -> str | None:
        for prep in ent.root.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "from"):
                continue
            for e in entities(parse).within(prep.i + 1, prep.right_edge.i + 1):
                if e.label_ == "GPE":
                    return self.kb.country_names.get(norm(e.text))
        return None

    # -- lists, shorthands, links -------------------------------------------------

    @staticmethod
    def _distribute_over_lists(parse: Any, found: list[Found]) -> list[Found]:
        """ "South Korean envoy Lee, Foreign Minister Kang and ... Cho": all KOR."""
        out: list[Found] = []
        for f in found:
            prev = out[-1] if out else None
            if (prev is not None and f.person and prev.person and f.actor.country is None
                    and prev.actor.country is not None):
                between = parse[prev.tokens[1]:f.tokens[0]]
                if len(between) <= 2 and all(t.text in (",", "and") for t in between):
                    a = f.actor
                    f = Found(replace(a, country=prev.actor.country,
                                       sector=a.sector or prev.actor.sector),
                               f.start, f.end, f.kind, True, f.tokens)
            out.append(f)
        return out

    def _shorthands(self, parse: Any, found: list[Found], context: set[str]) -> list[Found]:
        taken = {i for f in found for i in range(*f.tokens)}
        out: list[Found] = []
        for tok in tokens(parse):
            if tok.i in taken or not tok.text[:1].isupper():
                continue
            options = self.kb.shorthands.get(norm(tok.text))
            if not options:
                continue
            has_det = tok.i > 0 and parse[tok.i - 1].lower_ == "the"
            if has_det and "the " + norm(tok.text) in self.kb.shorthands:
                options = self.kb.shorthands["the " + norm(tok.text)]
            # A compass word that starts a name ("North Korea") is not a shorthand.
            if tok.i + 1 < len(parse) and parse[tok.i + 1].pos_ == "PROPN":
                continue
            for requires, code, sector in options:
                if requires & context:
                    out.append(Found(Actor(text=tok.text, name=self.kb.countries[code].name,
                                            country=code, sector=sector,
                                            kb_id=f"country:{code}"),
                                      tok.idx, tok.idx + len(tok.text), "context", False,
                                      (tok.i, tok.i + 1)))
                    break
        return out

    def _link_back(self, parse: Any, found: list[Found]) -> list[Found]:
        """Surnames to earlier full names; pronouns to the nearest fitting antecedent."""
        people: list[Found] = []
        out: list[Found] = []
        by_start = {f.tokens[0]: f for f in found}
        # Token.sent searches the sentence out for each token: walk the sentences once.
        sent_start = {i: sent.start for sent in parse.sents for i in range(sent.start, sent.end)}
        pending = sorted(found, key=lambda f: f.tokens[0])
        taken = {i for f in found for i in range(*f.tokens)}
        pronouns = [t for t in tokens(parse) if (
            t.pos_ == "PRON" and self.kb.pronouns.get(t.lower_) in ("person", "group")
            and t.i not in by_start) or (t.i not in taken and self._anaphoric_noun(t))]
        items: list[Any] = sorted([*pending, *pronouns],
                                  key=lambda x: x.tokens[0] if isinstance(x, Found) else x.i)
        for item in items:
            if isinstance(item, Found):
                item = self._as_earlier_person(item, people)
                if item.person:
                    people.append(item)
                out.append(item)
                continue
            kind = self.kb.pronouns[item.lower_]
            earliest = sent_start[item.i]
            for _ in range(_PRONOUN_REACH):
                if earliest > 0:
                    earliest = sent_start[earliest - 1]
            if kind == "organisation":
                antecedent = self._organisation(out, earliest)
            elif kind == "state":
                antecedent = self._state(parse, out, earliest)
            elif item.tag_ == "PRP$" and kind == "group":
                # "imposed sanctions on the isolated country following its test": a
                # possessive most often belongs to the nearest fitting mention before it
                antecedent = self._antecedent(parse, out, sent_start[item.i], False,
                                              nearest=True) or self._antecedent(
                    parse, out, earliest, False)
            else:
                antecedent = speaker_of_clause(parse, item, out, kind == "person", self._speech) \
                    or self._antecedent(parse, out, earliest, kind == "person",
                                        not_of=clause_subject(item))
                if kind == "group" and (antecedent is None or antecedent.tokens[0]
                                        < sent_start[item.i]):
                    # "Abe spoke to Trump and they agreed": people named together just
                    # before are who "they" are (the coder codes each of them)
                    antecedent = _people_together(parse, out, sent_start[item.i],
                                                  item.i) or antecedent
            if antecedent is not None:
                a = antecedent.actor
                out.append(Found(replace(a, text=item.text),
                                  item.idx, item.idx + len(item.text), "pronoun",
                                  antecedent.person, (item.i, item.i + 1)))
            elif kind == "person" and item.tag_ != "PRP$" and self._story is not None:
                # "he was shot dead by police", with no one named he could be: a person
                # of the story's country, as an unnamed generic agent is; nothing says
                # what office he holds (a private person, as _private codes one)
                out.append(Found(Actor(text=item.text, country=self._story, sector="CVL"),
                                  item.idx, item.idx + len(item.text), f"pronoun, {STORY_GUESS}",
                                  True, (item.i, item.i + 1)))
        return out

    def _anaphoric_noun(self, tok: Any) -> bool:
        """ "the group", "the extremist group", "this movement": an organisation named
        before; "the isolated country", "the nation", "the rogue state": a country named
        before. Not "the group of protesters", nor "the Wagner group", a name of its own."""
        kind = self.kb.pronouns.get(tok.lower_)
        if kind not in ("organisation", "state") or (
                tok.lower_ == "state" and not any(
                    c.dep_ == "amod" or (c.dep_ == "compound" and c.pos_ != "PROPN")
                    for c in tok.children)):
            return False
        return (tok.pos_ == "NOUN" and tok.tag_ == "NN"
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                        for c in tok.children)
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
                and not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children))

    @staticmethod
    def _state(parse: Any, before: list[Found], earliest: int) -> Found | None:
        """The country "the country" or "the rogue state" refers to: of the states named
        within reach, the latest subject, else the latest."""
        fitting = [f for f in reversed(before) if f.tokens[0] >= earliest and not f.person
                   and f.actor.country and f.actor.sector in (None, "GOV")]
        return next((f for f in fitting
                     if parse[f.tokens[0]:f.tokens[1]].root.dep_ in ("nsubj", "nsubjpass")),
                    fitting[0] if fitting else None)

    @staticmethod
    def _organisation(before: list[Found], earliest: int) -> Found | None:
        """The latest named organisation within reach: a coded actor with a sector that
        is no state's own (an armed group, a party, an NGO, a company), not a person."""
        return next((f for f in reversed(before) if f.tokens[0] >= earliest and not f.person
                     and f.actor.code and f.actor.sector not in _NOT_ORGANISATIONS
                     and f.kind == "entity"), None)

    @staticmethod
    def _antecedent(parse: Any, before: list[Found], earliest: int,
                    person: bool, nearest: bool = False,
                    not_of: tuple[int, int] | None = None) -> Found | None:
        """The most salient fitting mention: the latest subject, else the latest mention.
        A person or organisation the knowledge base and the text leave uncoded still
        counts: "Mr. Lippert said he ..." is Mr. Lippert, and "the committee said it" the
        committee, not the last coded actor before them; the pronoun then stays unresolved
        rather than wrong."""
        fitting = [f for f in reversed(before) if f.tokens[0] >= earliest
                   and f.person == person
                   and not (not_of and not_of[0] <= f.start < not_of[1])]
        chosen = next((f for f in fitting
                       if nearest or parse[f.tokens[0]:f.tokens[1]].root.dep_
                       in ("nsubj", "nsubjpass")), fitting[0] if fitting else None)
        return chosen if chosen is not None and chosen.actor.code else None

    @staticmethod
    def _as_earlier_person(f: Found, people: list[Found]) -> Found:
        """ "Biegun" (even when spaCy calls it an organisation) is the earlier Stephen Biegun,
        and "Mr. Lippert" the earlier Mark W. Lippert."""
        courtesy = f.kind == "title" and f.person and _courtesy_title(f.actor.role)
        if (f.kind not in ("entity",) and not courtesy) or (f.actor.code and not f.person):
            return f  # titled people and coded organisations are who they say they are
        words = norm(ent_text(f.actor.name if courtesy and f.actor.name
                              else f.actor.text)).split()
        if not words or (len(words) > 1 and f.actor.code):
            return f
        for prev in reversed(people):
            full = norm(prev.actor.name or prev.actor.text).split()
            if len(full) > len(words) and (full[-len(words):] == words
                                           or full[:len(words)] == words):
                a = prev.actor
                return Found(replace(a, text=f.actor.text),
                              f.start, f.end, "surname", True, f.tokens)
        return f

    @staticmethod
    def _sentence_index(parse: Any) -> Any:
        text = text_of(parse)
        starts = [sent.start for sent in parse.sents
                  if text[sent.start_char:sent.end_char].strip()]

        def index(token_i: int) -> int:
            return max(0, bisect.bisect_right(starts, token_i) - 1)

        return index


# "The town of Palmyra", "the province of Idlib" (word_classes.csv)
_SETTLEMENTS = word_class("settlements")


def _named_place(parse: Any, ent: Any) -> bool:
    """Whether the name ``ent`` is the "of" phrase of a place noun ("the town of Palmyra")."""
    return (ent.start >= 2 and parse[ent.start - 1].lower_ == "of"
            and parse[ent.start - 2].lemma_.lower() in _SETTLEMENTS)


# Envoys, whose "to" or "in" place is where they serve, not whom they serve: "President
# Obama's ambassador to Seoul" is no South Korean (word_classes.csv).
_ENVOYS = word_class("envoys")


def _host(tok: Any) -> bool:
    """Whether ``tok`` names the place an envoy serves in ("ambassador to Seoul")."""
    return bool(tok.dep_ == "pobj" and tok.head.lower_ in ("to", "in")
                and tok.head.head.lemma_.lower() in _ENVOYS)


# Titles of courtesy, which say nothing of a role: "Mr. Lippert" is whoever Lippert was.
_COURTESY = word_class("courtesy")
# "Its followers", "his supporters" (word_classes.csv)
_MEMBERS = word_class("members")


def _courtesy_title(role: str | None) -> bool:
    if not role:
        return False
    return all(w.strip(".").lower() in _COURTESY for w in role.split())


def _untagged_names_before(parse: Any, start: int, most: int | None = None) -> int:
    """Where the run of untagged proper nouns (at most ``most``) right before token
    ``start`` begins: the part of a name the tagger left out ("Boko" of "Boko Haram")."""
    k = start
    while k > 0 and parse[k - 1].pos_ == "PROPN" and not parse[k - 1].ent_type_ and (
            most is None or start - k < most):
        k -= 1
    return k


# Verbs whose subject and partner ("spoke to Trump", "met with Xi") are then "they".
_TOGETHER = frozenset({"speak", "talk", "meet", "negotiate", "confer"})


def _people_together(parse: Any, before: list[Found], start: int, end: int) -> Found | None:
    """The first of two people the sentence names together before ``end``: coordinated
    ("Abe and Trump") or as the subject and the partner of a meeting ("Abe spoke to
    Trump"), else None."""
    at = {f.tokens[0]: f for f in before if f.person and f.actor.code
          and start <= f.tokens[0] < end}
    for i in sorted(at):
        root = parse[at[i].tokens[0]:at[i].tokens[1]].root
        partners = [c for c in root.conjuncts if c.i < end]
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in _TOGETHER:
            partners += [o for p in root.head.children if p.dep_ == "prep"
                         and p.lower_ in ("to", "with") for o in p.children if o.dep_ == "pobj"]
        for other in partners:
            if any(f.tokens[0] <= other.i < f.tokens[1] for f in at.values()):
                return at[i]
    return None


def _with_members(parse: Any, found: list[Found]) -> list[Found]:
    """``found`` with the followers of a coded owner ("Al Qaeda called on its followers",
    "the opposition leader urged his supporters"): the owner's code, and yet others than
    the owner, whom it can call on or lead (a role of their own)."""
    owner_at = {f.tokens[0]: f for f in found if f.tokens[1] - f.tokens[0] == 1}
    taken = {i for f in found for i in range(*f.tokens)}
    out = list(found)
    for tok in tokens(parse):
        if tok.i in taken or tok.pos_ != "NOUN" or tok.lemma_.lower() not in _MEMBERS:
            continue
        owner = next((owner_at[c.i] for c in tok.children
                      if c.dep_ == "poss" and c.i in owner_at), None)
        if owner is None:
            continue
        a = owner.actor
        actor = Actor(text=tok.text, name=a.name, country=a.country, sector=a.sector,
                      role=tok.lower_)
        out.append(Found(actor, tok.idx, tok.idx + len(tok.text), "agent-member", False,
                         (tok.i, tok.i + 1)))
    return sorted(out, key=lambda f: f.tokens[0])
