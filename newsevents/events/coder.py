"""The rule-based event coder: triggers over dependency parses, arguments from the tree.

For every sentence, each word that the trigger lexicon knows (a verb, a verb with its
particle, or an event noun) is a candidate; the most specific rule whose object condition
holds gives the CAMEO code. A trigger inside another trigger's arguments ("ridiculed
calls for talks", "no intention of returning to talks") is part of that event, not one
of its own. The source is the subject (or "by" agent, possessor, first of "between"), the
targets the actors among the arguments; modality, date and place come from the words
that govern the trigger. Every event carries the rule that fired it in ``coder``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..models import Actor, Document, Event, EventDate, Location, Mention
from ..places import Gazetteer
from ..time import resolve_time
from . import parse_rules as pr
from .lexicon import Lexicon, TriggerRule

Token = Any

_NON_REFERRING = frozenset({"that", "this", "which", "who", "what", "there"})


@dataclass
class _Candidate:
    token: Token
    words: list[Token]  # the trigger's own words (verb + particle)
    rule: TriggerRule
    region: list[Token]


class Coder:
    """Codes the events of one document at a time (parse and mentions already filled)."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gazetteer = gazetteer
        self.negators = lexicon.words("negator")
        self.intents = lexicon.words("intent")
        self.futures = lexicon.words("future")
        self.hypotheticals = lexicon.words("hypothetical")

    # -- per document -------------------------------------------------------------

    def code(self, doc: Document) -> list[Event]:
        parse = doc.parse
        self._mention_at = self._index_mentions(parse, doc.mentions)
        events: list[Event] = []
        seen: set[str] = set()
        for sent in doc.sentences:
            span = parse.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is None:
                continue
            for cand in self._candidates(span):
                for event in self._events(doc, sent.index, span, cand):
                    if event.event_id not in seen:
                        seen.add(event.event_id)
                        events.append(event)
        return events

    @staticmethod
    def _index_mentions(parse: Any, mentions: list[Mention]) -> dict[int, Mention]:
        index: dict[int, Mention] = {}
        for m in mentions:
            span = parse.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    index.setdefault(tok.i, m)
        return index

    # -- triggers -----------------------------------------------------------------

    def _candidates(self, sent: Any) -> list[_Candidate]:
        found: list[_Candidate] = []
        for tok in sent:
            cand = self._match(tok)
            if cand is not None:
                found.append(cand)
        inside = {t.i for c in found for t in c.region}
        return [c for c in found if c.token.i not in inside]

    def _match(self, tok: Token) -> _Candidate | None:
        if tok.pos_ == "VERB":
            keys: list[tuple[tuple[str, str], list[Token]]] = []
            prt = pr.particle(tok)
            if prt:
                words = [tok] + [c for c in tok.children if c.dep_ == "prt"]
                keys.append(((f"{tok.lemma_.lower()} {prt}", "V"), words))
            for child in tok.children:
                if child.dep_ == "prep" and child.i == tok.i + 1:
                    keys.append(((f"{tok.lemma_.lower()} {child.lower_}", "V"), [tok, child]))
            keys.append(((tok.lemma_.lower(), "V"), [tok]))
        elif tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_:
            keys = [((tok.lemma_.lower(), "N"), [tok])]
        else:
            return None
        for key, words in keys:
            rules = self.lex.rules.get(key)
            if not rules:
                continue
            region = pr.argument_region(tok)
            lemmas = {t.lemma_.lower() for t in region} | {t.lower_ for t in region}
            for rule in rules:
                if not rule.objects or rule.objects & lemmas:
                    return _Candidate(tok, words, rule, region)
        return None

    # -- arguments ----------------------------------------------------------------

    def _actors_of(self, head: Token) -> list[Mention]:
        """The actors a phrase names: its head's, or the first inside it, per conjunct."""
        out: list[Mention] = []
        for conj in pr.conjuncts(head):
            found = [self._mention_at[conj.i]] if conj.i in self._mention_at else []
            if not found:
                # "Israeli and Palestinian delegations": each coordinated modifier is one.
                found = [self._mention_at[m.i] for c in conj.children
                         if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < conj.i
                         for m in pr.conjuncts(c) if m.i in self._mention_at]
            if not found:
                skip = {t.i for c in conj.children if c.dep_ == "conj" for t in c.subtree}
                found = [self._mention_at[t.i] for t in conj.subtree
                         if t.i in self._mention_at and t.i not in skip][:1]
            for mention in found:
                if mention not in out and mention.actor.code:
                    out.append(mention)
        return out

    def _sources(self, cand: _Candidate) -> tuple[list[Mention], str]:
        tok = cand.token
        if tok.pos_ in ("NOUN", "PROPN"):
            for child in tok.children:
                if child.dep_ == "poss" or (child.dep_ in ("nmod", "compound")
                                            and child.i in self._mention_at):
                    found = self._actors_of(child)
                    if found:
                        return found, "possessor"
            agent = pr.agent_phrase(tok)
            if agent is not None and self._actors_of(agent):
                return self._actors_of(agent), "agent"
            for _, obj in pr.prep_objects(tok, frozenset({"between"})):
                found = self._actors_of(obj)
                if found:
                    return found[:1], "between"
            verb = pr.governing_verb(tok)
            if verb is None:
                return [], "none"
            found, _ = self._verb_sources(verb, depth=0)
            return found, "clause"
        return self._verb_sources(tok, depth=0)

    def _verb_sources(self, verb: Token, depth: int) -> tuple[list[Mention], str]:
        if pr.is_passive(verb):
            agent = pr.agent_phrase(verb)
            return (self._actors_of(agent), "agent") if agent is not None else ([], "none")
        subj = pr.subject(verb)
        if subj is not None and subj.lower_ not in _NON_REFERRING:
            return self._actors_of(subj), "subject"
        # No subject of its own (a conjunct, a complement, "before suspending ..."), or a
        # word that cannot refer: the subject of the clause above controls it.
        if depth < 4 and verb.head.i != verb.i:
            above = verb.head if verb.head.pos_ in ("VERB", "AUX") else pr.governing_verb(verb)
            if above is not None:
                found, _ = self._verb_sources(above, depth + 1)
                return found, "controller"
        return [], "none"

    def _targets(self, cand: _Candidate, sources: list[Mention]) -> list[Mention]:
        tok = cand.token
        taken = {id(m) for m in sources}
        out: list[Mention] = []

        def add(found: list[Mention]) -> None:
            for m in found:
                if id(m) not in taken and m not in out and not _same(m.actor, sources):
                    out.append(m)

        if tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ in ("dobj", "dative") and child.lower_ not in _NON_REFERRING:
                    add(self._actors_of(child))
        preps = pr.TARGET_PREPS | (pr.VISIT_PREPS if cand.rule.cameo in ("042", "043", "044")
                                   else frozenset())
        holders = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj"):
            holders.append(tok.head)
        for holder in holders:
            for prep, obj in pr.prep_objects(holder, preps):
                if holder is tok.head and obj.i < tok.i:
                    continue
                found = self._actors_of(obj)
                add(found[1:] if prep == "between" and found[:1] == sources[:1] else found)
        if not out:
            # Deeper in the arguments: "no intention of returning to talks with the US",
            # "refused to sit down with Seoul" -- the complement's partner is the target.
            for t in cand.region:
                if (t.dep_ == "pobj" and t.head.lower_ in pr.TARGET_PREPS
                        and t.i in self._mention_at):
                    add(self._actors_of(t))
                    break
        if not out and tok.dep_ == "conj" and pr.subject(tok) is None:
            head = self._match(tok.head)
            if head is not None:
                add(self._targets(head, sources))
        if not out:
            out.extend(self._place_target(cand))
        return out

    def _place_target(self, cand: _Candidate) -> list[Mention]:
        """A place as the target stands for its country: "arrived in Kaesong" (the host
        government), "fired rockets at Tel Aviv", "struck targets in Gaza"."""
        tok = cand.token
        visit = cand.rule.cameo in ("042", "043", "044")
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

    # -- modality, time, place ----------------------------------------------------

    def _modality(self, cand: _Candidate) -> tuple[str, bool]:
        """(modality, framed as an intention) from the words that govern the trigger."""
        negated = future = intended = hypothetical = False
        tok = cand.token
        if tok.sent.text.rstrip().endswith("?"):
            hypothetical = True
        for node in pr.path_up(tok):
            for child in node.children:
                word = child.lower_
                if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"
                                           and node.i == tok.i):
                    negated = True
                elif child.dep_ in ("aux", "auxpass"):
                    if word in self.futures:
                        future = True
                    elif word in self.hypotheticals:
                        hypothetical = True
                elif child.dep_ in ("mark", "advmod") and word in self.hypotheticals:
                    if word != "when" or pr.tense_of(node) != "past":
                        hypothetical = True
            if node.i != tok.i and node.lemma_.lower() in self.intents:
                intended = True
            if node.lower_ == "without" and node.i != tok.i:
                negated = True
        frame = future or intended or tok.lemma_.lower() in self.intents
        if negated:
            return "negated", frame
        if hypothetical:
            return "hypothetical", frame
        if future or intended:
            return "intended", frame
        return "asserted", frame

    def _date(self, tok: Token, pub: date | None) -> EventDate | None:
        tense = pr.tense_of(tok)
        if pub is not None:
            for node in pr.path_up(tok):
                for ent in pr.date_expressions(node):
                    resolved = resolve_time(ent.text, pub, tense)
                    if resolved is not None:
                        return resolved
            return EventDate(value=pub.isoformat(), precision="day", text=None)
        return None

    def _place(self, cand: _Candidate, countries: list[str]) -> Location | None:
        tok = cand.token
        tokens = list(cand.region) + [t for c in tok.children if c.dep_ == "prep"
                                      for t in c.subtree]
        for t in sorted(tokens, key=lambda t: t.i):
            if t.ent_type_ not in ("GPE", "LOC", "FAC") or t.ent_iob_ != "B":
                continue
            if not self._under_place_prep(t, tok):
                continue
            ent = next(e for e in t.doc.ents if e.start == t.i)
            loc = self.gazetteer.lookup(ent.text, countries)
            if loc is not None:
                return loc
        return None

    @staticmethod
    def _under_place_prep(t: Token, trigger: Token) -> bool:
        cur = t
        for _ in range(6):
            if cur.i == trigger.i or cur.head.i == cur.i:
                return False
            if cur.dep_ == "pobj" and cur.head.lower_ in pr.PLACE_PREPS:
                return True
            cur = cur.head
        return False

    # -- assembling ---------------------------------------------------------------

    def _events(self, doc: Document, sent_index: int, sent: Any,
                cand: _Candidate) -> list[Event]:
        sources, how = self._sources(cand)
        if not sources:
            return []
        targets = self._targets(cand, sources)
        if cand.token.pos_ in ("NOUN", "PROPN") and not targets:
            return []  # a bare event noun ("the visit") names, it does not report
        modality, frame = self._modality(cand)
        code = cand.rule.cameo
        coder = f"rule:{cand.rule.name}"
        if not targets and cand.rule.alone:
            code = cand.rule.alone
            coder += "+untargeted"
        if modality == "negated" and frame and code in self.lex.refusals:
            code, modality = self.lex.refusals[code], "asserted"
            coder += "+refusal"
        cameo = self.lex.code(code)
        when = self._date(cand.token, doc.date)
        countries = [m.actor.country for m in [*sources, *targets] if m.actor.country]
        where = self._place(cand, countries)
        trigger_text = " ".join(t.text for t in sorted(cand.words, key=lambda t: t.i))
        confidence = 0.5 + (0.2 if how in ("subject", "agent", "possessor", "between") else 0.05)
        confidence += 0.15 if targets else 0.0
        confidence += 0.1 if cand.rule.objects else 0.0
        out = []
        for source in sources:
            pairs: list[Mention | None] = [*targets] or [None]
            for target in pairs:
                words = [cand.token.idx, cand.token.idx + len(cand.token.text)]
                for m in (source, target):
                    if m is not None and sent.start_char <= m.start < sent.end_char:
                        words += [m.start, m.end]
                span = (min(words), max(words))
                key = (f"{doc.id}|{cand.token.idx}|{code}|{source.actor.code}|"
                       f"{target.actor.code if target else ''}")
                out.append(Event(
                    event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
                    doc_id=doc.id, type=cameo.plover, mode=cameo.mode,
                    context=list(cameo.context), cameo=code, quad_class=cameo.quad_class,
                    intensity=cameo.goldstein, source=source.actor,
                    target=target.actor if target else None,
                    date=when.value if when else None,
                    date_precision=when.precision if when else None,
                    date_text=when.text if when else None, location=where,
                    modality=modality,  # type: ignore[arg-type]
                    sentence=doc.sentences[sent_index].text, span=span,
                    trigger=trigger_text, confidence=round(min(confidence, 0.95), 2),
                    coder=coder))
        return out


def _same(actor: Actor, others: list[Mention]) -> bool:
    return any(o.actor.code == actor.code and o.actor.name == actor.name for o in others)
