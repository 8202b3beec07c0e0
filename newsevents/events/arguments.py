"""Who did it and to whom: the source and targets of a trigger candidate.

The actor stage's mentions are the actors; a nationality or country name it left alone
because no sector word followed ("an Indian proposal", "the Turkish and Greek sides") is
taken as the country itself. The source is the subject (the "by" agent of a passive, the
antecedent of a relative clause, the controller of an infinitive, the possessor or "by"/
"from" phrase of an event noun, the subject of a support verb); the targets are the direct
and indirect objects, the objects of target prepositions, the subject of a demanded
clause ("demanded that the US cancel"), the subject of a passive, or the country of the
place the event was aimed at. Every answer says how it was found, for ``explain``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..models import Actor, Mention
from ..places import Gazetteer
from . import parse_rules as pr
from .triggers import Candidate, TriggerMatcher

Token = Any

_NON_REFERRING = frozenset({"that", "this", "which", "who", "what", "there"})
_MODIFIERS = ("amod", "compound", "nmod", "poss")
_VISIT_CODES = frozenset({"042", "043", "044"})


class Arguments:
    """Source and target finding over one parsed document."""

    def __init__(self, parse: Any, mentions: list[Mention],
                 country_code: Callable[[str], str | None], gazetteer: Gazetteer,
                 matcher: TriggerMatcher) -> None:
        self.parse = parse
        self.gazetteer = gazetteer
        self.matcher = matcher
        self.mention_at = _index(parse, mentions)
        self._add_countries(parse, country_code)

    def _add_countries(self, parse: Any, country_code: Callable[[str], str | None]) -> None:
        """Nationalities and country names the actor stage did not code on their own."""
        for ent in parse.ents:
            if ent.label_ not in ("NORP", "GPE") or any(t.i in self.mention_at for t in ent):
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            code = country_code(text)
            if code is None:
                continue
            place = self.gazetteer.country(code)
            actor = Actor(text=ent.text, name=place.name if place else None, country=code)
            mention = Mention(actor, ent.start_char, ent.end_char, 0, "nationality")
            for tok in ent:
                self.mention_at[tok.i] = mention

    # -- phrases ------------------------------------------------------------------

    def actors_of(self, head: Token) -> list[Mention]:
        """The actors a phrase names: its head's, or the first inside it, per conjunct."""
        out: list[Mention] = []
        for conj in pr.conjuncts(head):
            found = [self.mention_at[conj.i]] if conj.i in self.mention_at else []
            if not found:
                # "Israeli and Palestinian delegations": each coordinated modifier is one.
                found = [self.mention_at[m.i] for c in conj.children
                         if c.dep_ in _MODIFIERS and c.i < conj.i
                         for m in pr.conjuncts(c) if m.i in self.mention_at]
            if not found:
                skip = {t.i for c in conj.children if c.dep_ in ("conj", "relcl", "acl", "appos")
                        for t in c.subtree}
                found = [self.mention_at[t.i] for t in conj.subtree
                         if t.i in self.mention_at and t.i not in skip][:1]
            for mention in found:
                if mention not in out and mention.actor.code:
                    out.append(mention)
        return out

    # -- sources ------------------------------------------------------------------

    def sources(self, cand: Candidate) -> tuple[list[Mention], str]:
        """The source actors and how they were found."""
        tok = cand.token
        if cand.frame is not None:
            return self.verb_sources(tok, 0)
        if not cand.is_noun:
            return self.verb_sources(tok, 0)
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ in ("nmod", "compound", "amod")
                                        and child.i in self.mention_at):
                found = self.actors_of(child)
                if found:
                    return found, "possessor"
        agent = pr.agent_phrase(tok, pr.SOURCE_PREPS)
        if agent is not None and self.actors_of(agent):
            return self.actors_of(agent), "by-phrase"
        for _, obj in pr.prep_objects(tok, frozenset({"between"})):
            found = self.actors_of(obj)
            if found:
                return found[:1], "between"
        if cand.occurs:
            return [], "none"
        verb = cand.support or pr.governing_verb(tok)
        if verb is None:
            return [], "none"
        found, how = self.verb_sources(verb, 0)
        return found, ("support verb " + how) if cand.support is not None else "clause " + how

    def verb_sources(self, verb: Token, depth: int) -> tuple[list[Mention], str]:
        if pr.is_passive(verb):
            agent = pr.agent_phrase(verb)
            if agent is not None:
                return self.actors_of(agent), "by-agent"
            return [], "passive"
        subj = pr.subject(verb)
        if subj is not None and subj.lower_ in pr.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return self.actors_of(verb.head), "relative"
        if subj is not None and subj.lower_ not in _NON_REFERRING:
            return self.actors_of(subj), "subject"
        if subj is None and verb.dep_ in ("relcl", "acl") and pr.is_noun(verb.head):
            return self.actors_of(verb.head), "relative"
        # No subject of its own (a conjunct, a complement, "before suspending ..."), or a
        # word that cannot refer: the subject of the clause above controls it.
        if depth < 4 and verb.head.i != verb.i and verb.dep_ not in ("ccomp", "parataxis"):
            above = verb.head if verb.head.pos_ in ("VERB", "AUX") else pr.governing_verb(verb)
            if above is not None:
                found, _ = self.verb_sources(above, depth + 1)
                return found, "controller"
        return [], "none"

    # -- targets ------------------------------------------------------------------

    def targets(self, cand: Candidate, sources: list[Mention]) -> tuple[list[Mention], str]:
        """The target actors and how they were found (empty when none)."""
        out: list[Mention] = []

        def add(found: list[Mention]) -> None:
            for m in found:
                if m not in out and not _same(m.actor, sources):
                    out.append(m)

        if cand.frame is not None and cand.clause is not None:
            subj = pr.subject(cand.clause)
            if subj is not None:
                add(self.actors_of(subj))
            return out, "subject of the demanded clause"
        for finder in (self._objects, self._prepositions, self._clause_subject,
                       self._deeper, self._conjunct_head):
            found, how = finder(cand, sources)
            add(found)
            if out:
                return out, how
        place = self._place_target(cand)
        return place, "place aimed at" if place else "none"

    def _objects(self, cand: Candidate, sources: list[Mention]) -> tuple[list[Mention], str]:
        tok = cand.token
        if cand.is_noun:
            return [], ""
        found: list[Mention] = []
        for child in tok.children:
            if child.dep_ in ("dobj", "dative") and child.lower_ not in _NON_REFERRING:
                found += self.actors_of(child)
        if found:
            return found, "object"
        if pr.is_passive(tok):
            subj = pr.subject(tok)
            if subj is not None and subj.lower_ not in pr.RELATIVE_PRONOUNS:
                return self.actors_of(subj), "passive subject"
            if tok.dep_ in ("acl", "relcl") and pr.is_noun(tok.head):
                return self.actors_of(tok.head), "passive subject"
        return [], ""

    def _prepositions(self, cand: Candidate, sources: list[Mention]
                      ) -> tuple[list[Mention], str]:
        tok = cand.token
        preps = pr.NOUN_TARGET_PREPS if cand.is_noun else pr.TARGET_PREPS
        if cand.cameo in _VISIT_CODES:
            preps = preps | pr.VISIT_PREPS
        holders = [tok]
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if cand.support is not None:
            holders.append(cand.support)
        elif cand.is_noun and tok.dep_ in ("dobj", "pobj"):
            holders.append(tok.head)
        found: list[Mention] = []
        for holder in holders:
            for prep, obj in pr.prep_objects(holder, preps):
                if holder is not tok and obj.i < tok.i:
                    continue
                actors = self.actors_of(obj)
                found += actors[1:] if prep == "between" and actors[:1] == sources[:1] else actors
        for obj in objects:  # "rejected an appeal from Gbagbo", "an offer by Kabul"
            for _, inner in pr.prep_objects(obj, pr.SOURCE_PREPS):
                found += self.actors_of(inner)
        return found, "preposition"

    def _clause_subject(self, cand: Candidate, sources: list[Mention]
                        ) -> tuple[list[Mention], str]:
        if cand.is_noun:
            return [], ""
        subj = pr.clause_subject(cand.token)
        if subj is None or subj.lower_ in _NON_REFERRING:
            return [], ""
        return self.actors_of(subj), "subject of its clause"

    def _deeper(self, cand: Candidate, sources: list[Mention]) -> tuple[list[Mention], str]:
        # Deeper in the arguments: "no intention of returning to talks with the US",
        # "refused to sit down with Seoul" -- the complement's partner is the target.
        for t in cand.region:
            if (t.dep_ == "pobj" and t.head.lower_ in pr.TARGET_PREPS
                    and t.i in self.mention_at):
                return self.actors_of(t), "inside its arguments"
        return [], ""

    def _conjunct_head(self, cand: Candidate, sources: list[Mention]
                       ) -> tuple[list[Mention], str]:
        tok = cand.token
        if cand.is_noun or tok.dep_ != "conj" or pr.subject(tok) is not None:
            return [], ""
        head = self.matcher.match(tok.head)
        if head is None:
            return [], ""
        found, _ = self.targets(head, sources)
        return found, "shared with the coordinated verb"

    def _place_target(self, cand: Candidate) -> list[Mention]:
        """A place as the target stands for its country: "arrived in Kaesong" (the host
        government), "fired rockets at Tel Aviv", "struck targets in Gaza"."""
        tok = cand.token
        visit = cand.cameo in _VISIT_CODES
        preps = pr.VISIT_PREPS if visit else pr.PLACE_TARGET_PREPS
        objects = [obj for _, obj in pr.prep_objects(tok, preps)]
        objects += [obj for c in tok.children if c.dep_ == "dobj"
                    for _, obj in pr.prep_objects(c, preps | frozenset({"in"}))]
        for obj in objects:
            if obj.ent_type_ in ("GPE", "LOC"):
                ent = next(e for e in obj.doc.ents if e.start <= obj.i < e.end)
                loc = self.gazetteer.lookup(ent.text)
                if loc is not None and loc.country:
                    actor = Actor(text=ent.text, name=loc.name, country=loc.country,
                                  sector="GOV" if visit else None)
                    return [Mention(actor, ent.start_char, ent.end_char, 0, "place")]
        return []


def _index(parse: Any, mentions: list[Mention]) -> dict[int, Mention]:
    index: dict[int, Mention] = {}
    for m in mentions:
        span = parse.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                index.setdefault(tok.i, m)
    return index


def _same(actor: Actor, others: list[Mention]) -> bool:
    return any(o.actor.code == actor.code and o.actor.name == actor.name for o in others)
