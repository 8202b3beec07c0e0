"""Readings of a dependency parse that the coder needs: arguments, agents, modality, time.

Each function takes spaCy tokens and answers one question about them; the coder in
:mod:`newsevents.events.coder` puts the answers together. Kept apart so that each
linguistic rule can be read, and tested, on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Token = Any  # spacy.tokens.Token; kept loose so the module imports without spaCy types

# Prepositions that introduce when or why, not what: their clauses are events of their own.
_CLAUSAL_PREPS = frozenset({"before", "after", "since", "until", "while", "during", "despite",
                            "following", "amid", "because", "as"})
_ARGUMENT_DEPS = frozenset({"dobj", "dative", "prep", "xcomp", "ccomp", "attr", "oprd",
                            "pcomp", "acomp", "prt", "pobj"})
TARGET_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards", "at", "into",
                          "upon", "between"})
VISIT_PREPS = frozenset({"in", "to", "at"})
PLACE_TARGET_PREPS = frozenset({"at", "to", "on", "against", "into"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "along", "of",
                         "around", "over", "from"})
_TIME_DEPS = frozenset({"npadvmod", "tmod", "advmod", "prep", "pobj", "nmod", "obl"})
SPEECH_LEMMAS = frozenset({"say", "tell", "claim", "insist", "state", "add", "report",
                           "announce", "note", "argue", "assert", "declare", "write",
                           "reiterate", "stress", "emphasize", "emphasise", "explain"})


def particle(tok: Token) -> str | None:
    """The particle of a phrasal verb ("off" in "cut off"), or the "for"/"on" of "call for"."""
    for child in tok.children:
        if child.dep_ == "prt":
            return str(child.lower_)
    return None


def argument_region(tok: Token) -> list[Token]:
    """The tokens that fill the trigger's argument slots, in text order.

    For a verb: its objects, complements and (non-clausal) prepositional phrases. For a
    noun: its own dependents, plus the prepositional phrases its verb attached beside it
    ("expressed openness | to resuming talks", a common attachment error).
    """
    heads: list[Token] = []
    for child in tok.children:
        if child.dep_ in _ARGUMENT_DEPS and child.lower_ not in _CLAUSAL_PREPS:
            heads.append(child)
        elif child.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                           for a in child.children):
            heads.append(child)  # a purpose clause: "sit face to face | to face with the US"
        elif tok.pos_ in ("NOUN", "PROPN") and child.dep_ in ("amod", "compound", "nmod",
                                                             "acl", "relcl", "poss"):
            heads.append(child)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj"):
        for sib in tok.head.children:
            if sib.i > tok.i and sib.dep_ == "prep" and sib.lower_ not in _CLAUSAL_PREPS:
                heads.append(sib)
    region: set[int] = set()
    out: list[Token] = []
    for head in heads:
        for t in head.subtree:
            if t.i not in region and t.i != tok.i:
                region.add(t.i)
                out.append(t)
    out.sort(key=lambda t: t.i)
    return out


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words coordinated with it ("the US and South Korea")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def subject(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    return None


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def agent_phrase(tok: Token) -> Token | None:
    """The "by" phrase of a passive verb or an event noun ("calls by South Korea")."""
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def prep_objects(tok: Token, preps: frozenset[str]) -> Iterator[tuple[str, Token]]:
    """(preposition, object) for each prepositional phrase of ``tok`` headed by ``preps``."""
    for child in tok.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield str(child.lower_), obj


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok`` in the tree (the clause it belongs to)."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def path_up(tok: Token, stop_at_speech: bool = True) -> Iterator[Token]:
    """``tok`` and its ancestors, stopping above a reported clause ("X said [that ...]").

    A verb of saying frames what is reported: its own tense, time and negation belong to
    the saying, not to the events it reports.
    """
    cur = tok
    yield cur
    for _ in range(12):
        if cur.head.i == cur.i:
            return
        if stop_at_speech and cur.dep_ == "ccomp":
            return
        cur = cur.head
        yield cur


def tense_of(tok: Token) -> str | None:
    """past, future or None (present or unknown), from the clause the token belongs to."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else governing_verb(tok)
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll", "wo"):
            return "future"
        if child.dep_ == "aux" and child.lower_ in ("did", "had", "has", "have", "was",
                                                    "were"):
            return "past"
    if "Past" in verb.morph.get("Tense") and "Part" not in verb.morph.get("VerbForm"):
        return "past"
    if verb.tag_ == "VBN":
        return "past"
    return None


def date_expressions(tok: Token) -> Iterator[Any]:
    """DATE entities attached to ``tok`` itself (not to its arguments' own clauses)."""
    doc = tok.doc
    for child in tok.children:
        if child.dep_ not in _TIME_DEPS:
            continue
        nodes = [child] + ([o for o in child.children if o.dep_ == "pobj"]
                           if child.dep_ == "prep" else [])
        for node in nodes:
            if node.ent_type_ == "DATE":
                for ent in doc.ents:
                    if ent.label_ == "DATE" and ent.start <= node.i < ent.end:
                        yield ent
                        break
