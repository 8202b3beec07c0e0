"""Whether an event is said to have happened: asserted, negated, intended or hypothetical.

The words that govern a trigger decide: a negation on it or on a verb above it in its
clause ("did not request", "no intention of returning", "failed to reach"), a future
auxiliary or a word of intention ("will meet", "plans to impose", "is ready to send"), a
modal, a condition or a question ("could", "if", "whether", "?"). A verb of saying
stops the search: its own negation and tense belong to the saying. Each cue is kept, as
text, for ``explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..nlp import sentence
from . import parse_rules as pr
from .lexicon import Lexicon

Token = Any


# Verbs of taking place besides the occur frames ("the meeting did not happen").
_HAPPENING = frozenset({"happen", "materialize", "materialise", "proceed", "go", "be"})
# The CAMEO code of a rejection: a disapproval word of this code calls its subject untrue.
_REJECT = "120"
# How an act hangs from the noun of a claim that tells it ("claims that troops shot",
# "claims about being assaulted").
_CLAIM_LINKS = frozenset({"relcl", "acl", "ccomp", "pcomp", "pobj", "prep", "xcomp"})
# The words that open a clause of time or cause: a negation above one does not reach
# the act inside it.
_BESIDE = frozenset({"when", "after", "before", "while", "as", "since", "because",
                     "until", "once", "whenever"})


@dataclass
class Reading:
    """The modality of one trigger and the words that decided it."""

    modality: str
    frame: bool  # put ahead as an intention or in the future: a negation is a refusal
    cues: list[str] = field(default_factory=list)
    intent_word: Token | None = None  # the verb/adjective of intention, if one governs
    condition: str | None = None  # "if"/"unless" of a condition on the act itself
    scheduled: bool = False  # put on a timetable ("is set to begin"), declared by no one


class ModalityReader:
    def __init__(self, lex: Lexicon) -> None:
        self.negators = lex.words("negator")
        self.negverbs = lex.words("negverb")
        self.intents = lex.words("intent")
        self.futures = lex.words("future")
        self.hypotheticals = lex.words("hypothetical")
        self.possible = lex.words("possibility")
        self.nobody = lex.words("nobody")
        self.schedules = lex.words("schedule")
        self.speech = lex.frame_words("speech")
        # the verbs of an event's taking place ("take place", "happen"), and those that say
        # it did not (a denied carrier of an event noun denies it)
        self.occurring = frozenset({w.split()[0] for w in lex.frame_words("occur")}
                                   | _HAPPENING | self.negverbs)
        # the words that call what they are said of untrue ("false", "baseless")
        self.untrue = frozenset(w for w, kinds in lex.frames.items()
                                if "disapproval" in kinds
                                and kinds["disapproval"].cameo == _REJECT)

    def _called_untrue(self, tok: Token) -> Token | None:
        """The word that calls untrue a claim whose clause or phrase holds ``tok``: "her
        claims about being assaulted are untrue", "the reports that troops shot the boy
        are false" deny the act the claim tells."""
        cur = tok
        for _ in range(4):
            if cur.dep_ not in _CLAIM_LINKS or cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.pos_ == "NOUN" and cur.dep_ in ("nsubj", "nsubjpass"):
                return next((c for c in cur.head.children if c.dep_ in ("acomp", "attr")
                             and c.lemma_.lower() in self.untrue), None)
        return None

    def read(self, tok: Token) -> Reading:
        """The modality of the event ``tok`` triggers."""
        negated = future = hypothetical = False
        intent: Token | None = None
        scheduled = False
        cues: list[str] = []
        condition = _condition(tok)
        if _asks(tok):
            hypothetical = True
            cues.append("question mark: the sentence asks")
        below: Token | None = None
        through_noun = False  # an act inside a noun's phrase is told on its own
        controlled = True
        beside = False  # above a clause of time or cause: its negation is not the act's
        for node in pr.path_up(tok, self.speech):
            if pr.subjunctive(node) and not through_noun:
                hypothetical = True  # "suggested countries conduct talks": put forward
                cues.append(f"'{node.head.text}' puts '{node.text}' forward")
            through_noun = through_noun or (node.i != tok.i and node.pos_ in ("NOUN", "PROPN"))
            # "no need to shoot them down", "no plans to meet": the noun the act hangs
            # from as its infinitive is denied, and the act with it
            denied = node.i == tok.i or (below is not None and node.pos_ == "NOUN"
                                         and below.dep_ in ("acl", "relcl", "xcomp")
                                         and below.head.i == node.i)
            # (a verb with an object of its own does not govern its conjunct: "committed
            # an act of cowardice and expressed solidarity", "planned the raid and carried
            # it out"; "pledged to hire staff and create a team" shares its pledge, and "to
            # seek independence and to protest" its purpose)
            sibling = below is not None and below.dep_ == "conj" and not pr.is_purpose(
                below) and any(c.dep_ == "dobj" for c in node.children)
            # (nor a conjunct with a tense of its own: "would be reaching out to them and is
            # continuing to review the matter")
            own_tense = below is not None and below.dep_ == "conj" and any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in pr.FINITE for c in below.children)
            sibling = sibling or own_tense
            # a subject saying no one did it denies its own clause and what that clause
            # set out to do ("nobody came up to ask him"), not a clause beside it ("no forces
            # patrol there, whereas troops open fire")
            controlled = controlled and (below is None or below.dep_ == "xcomp"
                                         or pr.is_purpose(below))
            # a clause of time or cause beside the act's own is no denial of it: "he was
            # not on the stage when the shooting began", "did not leave until the rebels
            # attacked" tell the shooting and the attack
            beside = beside or (below is not None and below.dep_ == "advcl" and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in _BESIDE
                for c in below.children))
            # (a word of timetabling governs only its own infinitive: "is set to begin")
            timetabled = (below is not None and below.dep_ == "xcomp"
                          and below.tag_ == "VB" and below.head.i == node.i)
            # ("is going to accept": the future's verb heads its infinitive)
            ahead = timetabled and node.lower_ in self.futures
            below = node
            # an event noun the subject of a denied verb is told, unless the verb is its
            # taking place: "the girls' release has not been verified", "the attack did not
            # kill anyone"; but "the meeting did not take place"
            carrier = (node.i == tok.head.i and node.i != tok.i and tok.pos_ == "NOUN"
                       and tok.dep_ in ("nsubj", "nsubjpass")
                       and node.lemma_.lower() not in self.occurring)
            for child in node.children:
                word = child.lower_
                if (beside or carrier) and child.dep_ in ("neg", "nsubj", "nsubjpass", "dobj"):
                    continue
                if child.dep_ == "neg" or (child.dep_ == "det" and word == "no" and denied):
                    negated = True
                    cues.append(f"'{child.text}' negates '{node.text}'")
                elif controlled and child.dep_ in ("nsubj", "nsubjpass", "dobj") and (
                        self._no_one(child)) and not _absolute(node):
                    negated = True
                    cues.append(f"'{child.text}' did not '{node.text}'")
                elif own_tense and child.dep_ in ("aux", "auxpass"):
                    continue
                elif child.dep_ in ("aux", "auxpass") and word in self.futures:
                    future = True
                    cues.append(f"'{child.text}' puts '{node.text}' ahead")
                elif child.dep_ in ("aux", "auxpass") and word in self.hypotheticals:
                    hypothetical = True
                    cues.append(f"'{child.text}' makes '{node.text}' a possibility")
                elif child.dep_ in ("mark", "advmod") and word in self.hypotheticals:
                    if word == "whether" and _other_alternatives(node):
                        # "unclear whether he was shot inside or outside the lorry": the
                        # doubt is where, not whether
                        continue
                    if word != "when" or pr.tense_of(node) != "past":
                        hypothetical = True
                        cues.append(f"'{child.text}' makes '{node.text}' a condition")
                elif (child.dep_ == "amod" and node.i == tok.i and node.pos_ == "NOUN"
                      and word in self.possible):
                    hypothetical = True  # "a possible attack", "a likely offensive"
                    cues.append(f"'{child.text}' makes '{node.text}' a possibility")
            if node.i == tok.i and node.pos_ == "NOUN" and node.dep_ == "nsubj":
                # "the maximum sentence appears unlikely", "a strike is possible"
                said = next((c for c in node.head.children if c.dep_ in ("acomp", "oprd")
                             and c.lower_ in self.possible), None)
                if said is not None:
                    hypothetical = True
                    cues.append(f"'{said.text}' makes '{node.text}' a possibility")
            if node.i == tok.i or sibling:
                continue
            lemma = node.lemma_.lower()
            if ahead:
                future = True
                cues.append(f"'{node.text} to' puts it ahead")
            elif (lemma in self.schedules or node.lower_ in self.schedules) and timetabled:
                intent, scheduled = intent or node, True
                cues.append(f"'{node.text}' puts it on a timetable")
            elif lemma in self.intents or node.lower_ in self.intents:
                intent = intent or node
                cues.append(f"'{node.text}' states an intention")
            elif lemma in self.negverbs and not beside:
                negated = True
                cues.append(f"'{node.text}' says it did not happen")
            elif lemma in self.hypotheticals and (pr.is_verb(node) or node.pos_ == "NOUN"):
                hypothetical = True
                cues.append(f"'{node.text}' makes it a possibility")
            if node.lower_ == "without" and not beside:
                negated = True
                cues.append("'without' negates it")
        untrue = self._called_untrue(tok)
        if untrue is not None:
            negated = True
            cues.append(f"'{untrue.text}' calls the claim untrue")
        own = tok.lemma_.lower() in self.intents
        failed = any(n.lemma_.lower() in self.negverbs for n in pr.path_up(tok, self.speech))
        frame = future or intent is not None or own or (negated and failed)
        if condition is not None and future:
            frame = True
        if negated:
            return Reading("negated", frame, cues, intent, condition, scheduled)
        if hypothetical:
            return Reading("hypothetical", frame, cues, intent, condition, scheduled)
        if future or intent is not None:
            return Reading("intended", frame, cues, intent, condition, scheduled)
        return Reading("asserted", frame, cues, intent, condition, scheduled)

    def _no_one(self, subject: Token) -> bool:
        """Whether ``subject`` (or an object) says that no one did it or underwent it
        ("nobody", "no one", "no country", "arrested no one")."""
        return subject.lower_ in self.nobody or any(
            c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children)


def _absolute(node: Token) -> bool:
    """Whether ``node`` heads a "with" clause, whose subject the parser can join to a clause
    that follows ("with no incidents, as police patrolled the streets")."""
    return any(c.dep_ == "mark" and c.lower_ == "with" for c in node.children)


def _asks(tok: Token) -> bool:
    """Whether ``tok``'s sentence ends with a question mark (its last token, not its text:
    building the text of a long sentence for each trigger was quadratic)."""
    for last in reversed(sentence(tok)):
        if not last.is_space:
            return str(last.text).endswith("?")
    return False


def _condition(tok: Token) -> str | None:
    """The "if"/"unless" of a condition clause attached to the act (or to the verb whose
    complement it is: "threatened to stop talks if ...")."""
    cur = tok
    for _ in range(3):
        for child in cur.children:
            if child.dep_ == "advcl":
                for mark in child.children:
                    if mark.dep_ == "mark" and mark.lower_ in ("if", "unless"):
                        return str(mark.lower_)
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def _other_alternatives(verb: Token) -> bool:
    """Whether an "or" in the clause of ``verb`` joins words other than the verb itself
    ("shot inside or outside the lorry", "whether Iran or Iraq fired"): the alternatives
    are of who, what or where, and the act itself is told as done."""
    return any(t.dep_ == "cc" and t.lower_ == "or" and t.head.i != verb.i
               for t in verb.subtree)
