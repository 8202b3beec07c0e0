"""Reactions to an event (condemning, protesting, welcoming it): the recipient is whoever
did it.

"Tunisia condemned the attack", "Beijing condemned the launch": CAMEO and PLOVER code the
condemnation against the attacker or the launcher, whom the sentence does not name; the
article named them when it reported the attack. When an accusation's object is an event
noun and no recipient was found, the recipient is the source of the last earlier event the
noun can stand for (by the trigger rules of that noun, or any hostile act for a general
word such as "incident" or "provocation"); where no coded event is one, whoever an earlier
reaction to that kind of act named ("condemned the launch by the DPRK", then "worried over
more provocative launches"). A condemnation that names nothing it condemns ("joined the
chorus of condemnation") condemns the last hostile act the article told. A reaction in a
relative clause reacts to the noun the clause hangs on ("drills, to which the North
objects"): when its own sentence coded that act, its target is each of the act's doers.
A step welcomed ("welcomed the move", "this step") is the last friendly act of another.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from ..datafiles import word_class
from ..models import Actor, Document, Event
from .lexicon import Lexicon

# The types whose object, when an event, stands for the event's author: condemning,
# protesting or rejecting an act, and welcoming or praising one ("welcomed the release").
REACTING = frozenset({"ACCUSE", "PROTEST", "REJECT", "SUPPORT"})
_VERB = {"ACCUSE": "condemned", "PROTEST": "protested", "REJECT": "rejected",
         "SUPPORT": "welcomed"}
# What a general word for an act ("the incident", "such provocations") may stand for; a
# verdict appealed or condemned stands for the court's sentence, conviction or fine.
HOSTILE = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION"})
# What a general word for a step welcomed ("welcomed the move", "this step", "the
# decision") may stand for: an act of cooperation, a concession or a retreat.
FRIENDLY = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_STEPS = word_class("steps")
_GENERAL = frozenset({"incident", "act", "provocation", "violence", "crime", "atrocity",
                      "rampage", "massacre", "bloodshed", "tragedy", "killing", "murder",
                      "move", "action", "verdict", "ruling", "judgment", "judgement",
                      "conviction"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
# How a condemning word hangs on what it condemns: a predicate of it ("was unacceptable",
# "called it reckless") or a modifier ("such provocative actions").
_SAID_OF = frozenset({"acomp", "attr", "oprd", "amod"})
# The prepositions through which a reaction takes the act it reacts to.
_ABOUT = frozenset({"over", "by", "at", "about"})
_RELATIVE = frozenset({"WDT", "WP"})


def _object_event_noun(tok: Any) -> Any:
    """The event noun an accusation acts on: "condemned the test", "the launch was
    condemned", "condemnation of the attack", "horrified by the attack"; for a condemning
    word, what it is said of: "said the launch was unacceptable", "called the test
    reckless", "such provocative actions"."""
    if tok.dep_ == "relcl" and tok.head.pos_ == "NOUN" and _relative_object(tok):
        # "a provocation which was condemned by Abe", "drills, to which the North objects"
        return tok.head
    if tok.pos_ in ("ADJ", "NOUN", "ADV") and tok.dep_ in _SAID_OF:
        head = tok.head
        if tok.dep_ == "amod" and head.pos_ == "NOUN":
            return head
        said_of = "dobj" if tok.dep_ == "oprd" else "nsubj"
        for child in head.children:
            if child.dep_ == said_of and child.pos_ == "NOUN":
                return child
    for child in tok.children:
        if child.dep_ in _OBJECT_DEPS and child.pos_ == "NOUN":
            return child
        if child.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.lower_ == "what"
                                         for c in child.children):
            # "condemned what it termed a barbaric attack"
            named = [c for c in child.children if c.dep_ == "oprd" and c.pos_ == "NOUN"]
            if named:
                return named[0]
        # "protested over the arrests", "was horrified by the attack", "shocked at the move"
        if child.dep_ in ("prep", "agent") and (child.lower_ == "of" and tok.pos_ == "NOUN"
                                                or child.lower_ in _ABOUT):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    return obj
    return None


def _relative_object(tok: Any) -> bool:
    """Whether the relative pronoun of a relative clause is what its verb acts on
    ("which was condemned", "which Tokyo condemned", "to which the North objects"), not
    who acts ("the country, which condemned the test")."""
    for child in tok.children:
        if child.dep_ in _OBJECT_DEPS and child.tag_ in _RELATIVE:
            return True
        if child.dep_ == "prep" and any(o.dep_ == "pobj" and o.tag_ in _RELATIVE
                                        for o in child.children):
            return True
    return False


def _types_of(lex: Lexicon, lemma: str, welcoming: bool = False) -> frozenset[str]:
    rules = lex.rules.get((lemma, "N"), [])
    kinds = {lex.code(r.cameo).plover for r in rules if r.cameo in lex.cameo}
    if lemma in _GENERAL:
        kinds |= HOSTILE
    if welcoming and lemma in _STEPS:
        kinds |= FRIENDLY
    return frozenset(kinds)


def recipients_of_reactions(events: list[Event], doc: Document, lex: Lexicon) -> list[Event]:
    """``events`` (in text order) with the recipients of condemned events filled in."""
    parse = doc.parse
    if parse is None:
        return events
    out: list[Event] = []
    # (kinds of act reacted to before, with whom the reaction named as their author:
    # "condemned the launch by the DPRK", then "worried over more provocative launches")
    reacted: list[tuple[frozenset[str], Event]] = []
    for e in events:
        evidence = e.evidence
        if e.type in REACTING and evidence is not None and evidence.trigger_spans:
            a, b = evidence.trigger_spans[0]
            span = parse.char_span(a, b, alignment_mode="expand")
            noun = _object_event_noun(span.root) if span is not None else None
            kinds = (_types_of(lex, noun.lemma_.lower(), e.type == "SUPPORT")
                     if noun is not None else frozenset())
            if e.target is not None:
                if kinds:
                    reacted.append((kinds, e))
                out.append(e)
                continue
            own = _acts_named(out, noun, e) if noun is not None else []
            if noun is not None and own:
                # "drills, to which the North objects": the act is coded in this sentence,
                # and a joint act has an author in each of its doers
                for n, (act, doer) in enumerate(own):
                    one = e if n == 0 else replace(e, event_id=hashlib.sha1(
                        f"{e.event_id}|{act.event_id}".encode()).hexdigest()[:16])
                    out.append(_aimed_at(one, doer, (
                        f"the author of the {noun.lemma_.lower()} {_VERB[e.type]} "
                        f"(the {act.type}: {act.trigger})")))
                continue
            author = _last_act(out, e, kinds)
            if author is not None and noun is not None:
                act, doer = author
                e = _aimed_at(e, doer, f"the author of the {noun.lemma_.lower()} "
                                       f"{_VERB[e.type]} (the earlier {act.type}: {act.trigger})")
            elif (noun is None and e.type == "ACCUSE" and span is not None
                  and _objectless(span.root)
                  and (last := _last_act(out, e, HOSTILE)) is not None):
                # "added their voices to the chorus of condemnation": a condemnation of
                # nothing named condemns the last hostile act the article told
                act, doer = last
                e = _aimed_at(e, doer, f"the author of the act condemned (the earlier "
                                       f"{act.type}: {act.trigger})")
            elif noun is not None and (before := next(
                    (x for k, x in reversed(reacted) if k & kinds and x.target is not None
                     and _other(x.target, e)), None)) is not None and before.target is not None:
                e = _aimed_at(e, before.target,
                              f"the author of the {noun.lemma_.lower()} {_VERB[e.type]}, as "
                              f"an earlier reaction named them ({before.trigger})")
        out.append(e)
    return out


def _last_act(earlier: list[Event], e: Event, types: frozenset[str]
              ) -> tuple[Event, Actor] | None:
    """The last event of ``types`` told before ``e``, with its doer, by someone other than
    ``e``'s own source."""
    for x in reversed(earlier):
        if (x.type in types and x.source is not None and x.span[0] < e.span[0]
                and _other(x.source, e)):
            return x, x.source
    return None


def _acts_named(earlier: list[Event], noun: Any, e: Event) -> list[tuple[Event, Actor]]:
    """The events of ``e``'s sentence whose trigger is ``noun``, with their doers, one per
    doer other than ``e``'s own source."""
    out: list[tuple[Event, Actor]] = []
    for x in earlier:
        spans = x.evidence.trigger_spans if x.evidence is not None else []
        if (_sentence_of(x) == _sentence_of(e) and x.source is not None
                and _other(x.source, e) and any(a <= noun.idx < b for a, b in spans)
                and all(doer.code != x.source.code for _, doer in out)):
            out.append((x, x.source))
    return out


def _sentence_of(e: Event) -> int | None:
    return e.evidence.sentence_start if e.evidence is not None else None


def _aimed_at(e: Event, recipient: Actor, how: str) -> Event:
    """``e`` with ``recipient`` as its target, and its evidence saying ``how`` it was found."""
    out = replace(e, target=recipient)
    if e.evidence is not None:
        out.evidence = replace(e.evidence, target={"text": recipient.text, "how": how})
    return out


def _objectless(tok: Any) -> bool:
    """Whether a condemning word names nothing it condemns: no object, clause or
    prepositional phrase ("the chorus of condemnation", "expressed outrage")."""
    words = [tok, *(c for c in tok.children if c.dep_ == "dobj")]  # "expressed outrage"
    own = {w.i for w in words}
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "agent", "nsubjpass")
                   for w in words for c in w.children if c.i not in own)


def _other(actor: Any, e: Event) -> bool:
    """Whether ``actor`` is someone other than the reaction's own source."""
    return e.source is None or actor.code != e.source.code
