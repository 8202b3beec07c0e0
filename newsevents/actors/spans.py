"""The phrases of actor names in a parse: where a name starts and ends, the title words
before it, and the found names the recogniser links and codes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Span

from ..models import Actor
from ..nlp import in_word_hyphen

# The words that may make up a title before a name ("South Korean nuclear envoy"), and the
# entity types that may sit inside one ("US Deputy Secretary", "First Vice Minister").
_TITLE_ENTS = {"GPE", "NORP", "ORDINAL", "ORG", ""}
_TITLE_POS = {"PROPN", "NOUN", "ADJ"}


@dataclass
class Found:
    """An actor the recogniser found, with where it stands in the text and the parse."""

    actor: Actor
    start: int
    end: int
    kind: str
    person: bool  # refers to a single person (antecedent for he/she)
    tokens: tuple[int, int]  # token range in the parse


def ent_text(text: str) -> str:
    # (the possessive mark, and the bare one of a plural name: "the United Nations'")
    return re.sub(r"(?<=s)['\u2019]$|['\u2019]s$", "", text.strip())


def extend_hyphen_tail(ent: Any) -> Any:
    """spaCy splits "Moon Jae-in" and may stop the entity at "Jae": take the tail back."""
    doc = ent.doc
    end = ent.end
    while end + 1 < len(doc) and in_word_hyphen(doc[end]) and doc[end + 1].is_alpha:
        end += 2
    if end == ent.end:
        return ent
    return Span(doc, ent.start, end, label=ent.label_)


def title_window(doc: Any, start: int) -> tuple[int, int]:
    """Token range of the title words before a name, e.g. "South Korean nuclear envoy"."""
    i = start - 1
    first = start
    while i >= 0:
        tok = doc[i]
        if tok.ent_type_ == "PERSON":
            break
        if tok.text == "-" and i > 0 and not doc[i - 1].whitespace_:
            i -= 1
            continue
        if tok.lower_ == "of" or tok.lower_ == "and":
            # Keep "Secretary of State", "Secretary ... and top envoy" only when a title
            # word stands on the left too.
            left = doc[i - 1] if i > 0 else None
            if left is None or left.pos_ not in _TITLE_POS or left.ent_type_ == "PERSON":
                break
            i -= 1
            continue
        if tok.pos_ in _TITLE_POS and tok.ent_type_ in _TITLE_ENTS and not tok.is_punct:
            first = i
            i -= 1
            continue
        break
    while first < start and doc[first].lower_ in ("of", "and", "-"):
        first += 1
    # "Iran's Supreme Leader Ali Khamenei": the possessor names the country.
    if (first < start and first >= 2 and doc[first - 1].tag_ == "POS"
            and doc[first - 2].ent_type_ in ("GPE", "NORP")):
        first = doc[first - 2].i
        while first > 0 and doc[first - 1].ent_type_ == doc[first].ent_type_ \
                and doc[first - 1].ent_iob_ != "O" and doc[first].ent_iob_ == "I":
            first -= 1
    return first, start


def shared_owner(parse: Any, f: Found, others: list[Found]) -> Found:
    """ "China's and Russia's ambassadors" is often parsed as "China" and "Russia's
    ambassadors": a country marked as an owner that owns nothing shares the noun of the
    owner it is coordinated with (CHNGOV, not the country acting)."""
    root = parse[f.tokens[0]:f.tokens[1]].root
    if (f.actor.sector is not None or not f.actor.country or root.dep_ == "poss"
            or not any(c.dep_ == "case" for c in root.children)):
        return f
    for noun in root.children:
        if noun.dep_ != "conj" or not any(c.dep_ == "poss" for c in noun.children):
            continue
        agent = next((a for a in others if a.tokens[0] <= noun.i < a.tokens[1]
                      or parse[a.tokens[0]:a.tokens[1]].root.head.i == noun.i), None)
        if agent is not None and agent.actor.sector:
            actor = replace(f.actor, sector=agent.actor.sector,
                            text=f"{parse[f.tokens[0]:root.i + 2].text} {noun.text}")
            return replace(f, actor=actor, kind="agent-modifier")
    return f


def speaker_of_clause(parse: Any, pronoun: Any, before: list[Found], person: bool,
             speech: frozenset[str]) -> Found | None:
    """ "The Chinese and Russian ambassadors said they opposed ...": the subject of a
    clause a speech verb reports is, when it fits, that verb's own subject; the latest
    mention before it ("ambassadors to the United Nations") is not."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head.dep_ != "ccomp":
        return None
    verb = pronoun.head.head
    if verb.lemma_.lower() not in speech:
        return None
    # (the nearest: a dateline's "(Reuters) -" can be parsed as a second subject)
    subj = min((c for c in verb.children if c.dep_ == "nsubj"),
               key=lambda c: abs(c.i - verb.i), default=None)
    if subj is None:
        return None
    for f in reversed(before):
        root = parse[f.tokens[0]:f.tokens[1]].root
        # (a nationality or owner is found on its modifier: "Russian ambassadors")
        while root.i != subj.i and root.dep_ in ("amod", "compound", "poss", "nmod"):
            root = root.head
        if root.i == subj.i:
            return f if f.person == person and f.actor.code else None
    return None


def clause_subject(pronoun: Any) -> tuple[int, int] | None:
    """Where the subject stands (character offsets of its phrase) of the verb whose object
    ``pronoun`` is: "the army accused them" is not the army (that would be "themselves"),
    so nothing named in that subject is the antecedent."""
    if pronoun.dep_ not in ("dobj", "dative", "iobj"):
        return None
    subj = next((c for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    last = subj.right_edge
    return subj.left_edge.idx, last.idx + len(last.text)


# Nouns that count people ("hundreds of Palestinians").
_COUNTS = frozenset({"hundred", "thousand", "dozen", "score", "million", "ten", "tens"})


def counted(noun: Any) -> bool:
    """Whether a people's name is counted: "two Israelis", "some 4,000 Palestinians",
    "hundreds of Iraqis"."""
    if any(c.dep_ in ("nummod", "quantmod") for c in noun.children):
        return True
    of = noun.head
    return bool(noun.dep_ == "pobj" and of.lower_ == "of" and (
        of.head.like_num or of.head.lemma_.lower() in _COUNTS))

