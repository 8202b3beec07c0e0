"""Readings of a dependency parse that the coder needs: arguments, agents, clauses, time.

Each function takes spaCy tokens and answers one question about them; the coder in
:mod:`newsevents.events.coder` puts the answers together. Kept apart so that each
linguistic rule can be read, and tested, on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..datafiles import word_class
from ..nlp import entities, sentence

Token = Any  # spacy.tokens.Token; kept loose so the module imports without spaCy types

# Prepositions that introduce when or why, not what: their clauses are events of their own.
CLAUSAL_PREPS = frozenset({"before", "after", "since", "until", "while", "during", "despite",
                           "following", "amid", "because", "as", "ahead", "according"})
_ARGUMENT_DEPS = frozenset({"dobj", "dative", "prep", "xcomp", "ccomp", "attr", "oprd",
                            "pcomp", "acomp", "prt", "pobj", "agent"})
TARGET_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards", "at", "into",
                          "upon", "between", "from"})
NOUN_TARGET_PREPS = TARGET_PREPS - {"from"} | frozenset({"for", "over"})
SOURCE_PREPS = frozenset({"by", "from"})
VISIT_PREPS = frozenset({"in", "to", "at"})
PLACE_TARGET_PREPS = frozenset({"at", "to", "on", "against", "into"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "along", "of",
                         "around", "over", "off", "throughout", "within"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
_CAUSATIVE = word_class("causative")
_TIME_DEPS = frozenset({"npadvmod", "tmod", "advmod", "prep", "pobj", "nmod", "obl"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def is_verb(tok: Token) -> bool:
    """A verb, or a participle the tagger took for an adjective ("is opposed to")."""
    return bool(tok.pos_ == "VERB" or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"))


def is_noun(tok: Token) -> bool:
    return bool(tok.pos_ in ("NOUN", "PROPN"))


def particle(tok: Token) -> str | None:
    """The particle of a phrasal verb ("off" in "cut off"), or the adverb right after the
    verb that the parser took for one's modifier ("walked out on Monday")."""
    for child in tok.children:
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == tok.i + 1
                                   and child.lower_ in _ADVERB_PARTICLES):
            return str(child.lower_)
    return None


_ADVERB_PARTICLES = frozenset({"out", "off", "back", "down", "away"})


def argument_region(tok: Token) -> list[Token]:
    """The tokens that fill the trigger's argument slots, in text order.

    For a verb: its objects, complements, (non-clausal) prepositional phrases, purpose
    clauses ("to demand reforms") and participle clauses ("..., demanding reforms"). For
    a noun: its own dependents, plus the prepositional phrases its verb attached beside it
    ("expressed openness | to resuming talks", a common attachment error).
    """
    heads: list[Token] = []
    noun = is_noun(tok)
    for child in tok.children:
        if child.dep_ in _ARGUMENT_DEPS and not (child.dep_ == "prep"
                                                 and child.lower_ in CLAUSAL_PREPS):
            heads.append(child)
        elif child.dep_ == "advcl" and (is_purpose(child) or _participle_argument(child)):
            heads.append(child)
        elif noun and child.dep_ in ("amod", "compound", "nmod", "acl", "relcl", "poss"):
            heads.append(child)
    if noun and tok.dep_ in ("dobj", "pobj"):
        for sib in tok.head.children:
            if sib.i > tok.i and sib.dep_ == "prep" and sib.lower_ not in CLAUSAL_PREPS:
                heads.append(sib)
    return _subtrees(heads, tok)


def _participle_argument(clause: Token) -> bool:
    """A participle clause that adds to what its verb did ("..., demanding reforms"); one
    that tells what the act made others do ("ousted the president, prompting France to
    suspend aid") is an outcome, whose actors are not the act's."""
    return clause.tag_ == "VBG" and clause.lemma_.lower() not in _CAUSATIVE


def support_region(noun: Token, verb: Token) -> list[Token]:
    """A support-verb construction's arguments ("staged | protests | to demand reform"):
    the noun's own and the verb's, except the noun itself and the verb's subject."""
    heads = [c for c in verb.children
             if c.i != noun.i and c.i != _path_child(verb, noun)
             and (c.dep_ in _ARGUMENT_DEPS or (c.dep_ == "advcl" and (
                 is_purpose(c) or _participle_argument(c))))
             and not (c.dep_ == "prep" and c.lower_ in CLAUSAL_PREPS)]
    region = {t.i: t for t in argument_region(noun)}
    for t in _subtrees(heads, noun):
        region.setdefault(t.i, t)
    return sorted(region.values(), key=lambda t: t.i)


def _path_child(verb: Token, tok: Token) -> int:
    """The child of ``verb`` on the way down to ``tok`` (its own index if a child)."""
    cur = tok
    while cur.head.i != verb.i and cur.head.i != cur.i:
        cur = cur.head
    return int(cur.i)


def _subtrees(heads: list[Token], skip: Token) -> list[Token]:
    """The heads' subtrees, less the clauses of their own time or cause inside them
    ("threatened to fire missiles | after Trump warned ...": the warning is another act)."""
    seen: set[int] = set()
    out: list[Token] = []
    for head in heads:
        other = {t.i for c in head.subtree if c.i != head.i and _own_clause(c)
                 for t in c.subtree}
        for t in head.subtree:
            if t.i not in seen and t.i != skip.i and t.i not in other:
                seen.add(t.i)
                out.append(t)
    out.sort(key=lambda t: t.i)
    return out


# Conjunctions that open a clause of its own time or cause (not a condition: "if the US
# goes ahead" says whom a threat is aimed at).
_OWN_CLAUSE_MARKS = frozenset({"after", "before", "when", "while", "as", "because", "since",
                               "until", "once", "whereas"})


# Tags of a finite verb: a relative clause with one says what it says on its own.
FINITE = frozenset({"VBD", "VBZ", "VBP"})


# Verbs that put forward what their clause says should be done ("suggested [that] countries
# conduct talks", "recommended that the state of emergency be extended").
MANDATIVE = frozenset({"suggest", "recommend", "propose", "insist", "demand", "urge",
                       "advise", "ask", "request"})


def subjunctive(clause: Token) -> bool:
    """A clause in the subjunctive under a verb that puts it forward ("... that the state
    of emergency be extended", "suggested countries conduct talks"): what should be, not
    what is."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in MANDATIVE:
        return False
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if clause.tag_ == "VB" or (clause.tag_ == "VBP" and clause.head.lemma_.lower() != "suggest"):
        # (not "analysts suggest they fire ...": "suggest" that reports is in the present)
        return not any(a.dep_ == "aux" for a in auxes)
    return clause.tag_ == "VBN" and [a.lower_ for a in auxes] == ["be"]


def _after_gerund(tok: Token) -> bool:
    """A gerund clause after "after"/"since" ("after being indicted", "since killing"): it
    tells what already happened, whatever the modal on the clause it hangs from."""
    return bool(tok.dep_ == "pcomp" and tok.head.lower_ in ("after", "since")
                and (tok.tag_ == "VBG" or (tok.tag_ == "VBN" and any(
                    c.dep_ in ("aux", "auxpass") and c.lower_ in ("being", "having")
                    for c in tok.children))))


# Prepositions whose noun is an event told as the circumstance of another ("despite
# repeated requests", "amid protests", "after the attack"): it happened, whatever the
# negation, modal or tense of the clause it hangs from.
_CIRCUMSTANCE_PREPS = frozenset({"despite", "amid", "amidst", "after", "following",
                                 "notwithstanding"})


def _circumstance(tok: Token) -> bool:
    return bool(tok.dep_ == "pobj" and tok.pos_ == "NOUN" and tok.head.dep_ == "prep"
                and tok.head.lower_ in _CIRCUMSTANCE_PREPS)


def _own_clause(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OWN_CLAUSE_MARKS
                                       for c in tok.children)


def _spliced(tok: Token) -> bool:
    """A clause with its own subject put before the verb it hangs from, behind a comma,
    where that verb has a subject of its own: two statements the parser joined ("X marched
    through Chicago, thousands were expected at protests"), not one governing the other."""
    head = tok.head
    return (tok.dep_ == "ccomp" and tok.i < head.i
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in head.children)
            and any(t.text == "," for t in tok.doc[tok.right_edge.i:head.i]))


# Verbs whose subject undergoes what happens ("two people died in police firing"): the
# subject is the one struck, as a passive's is, and the doer is in the cause's phrase.
_UNACCUSATIVE = word_class("unaccusative")


def is_unaccusative(tok: Token) -> bool:
    return bool(tok.lemma_.lower() in _UNACCUSATIVE and is_verb(tok))


def time_phrase(prep: Token) -> bool:
    """Whether ``prep`` only dates or times the act ("fired on Tuesday", "at dawn"): such a
    preposition is no argument ("fired on the village")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.dep_ == "prep" and bool(objs) and all(
        o.ent_type_ in ("DATE", "TIME") for o in objs)


def is_purpose(tok: Token) -> bool:
    """A purpose clause: "to capture the town"."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words coordinated with it ("the US and South Korea")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def subject(tok: Token) -> Token | None:
    """The subject of a verb (the parser sometimes hangs it on the auxiliary). Of two, the
    nearer: a dateline before the sentence is parsed as a second subject ("KUNDUZ,
    Afghanistan -- Taliban insurgents struck")."""
    found = [child for child in tok.children if child.dep_ in _SUBJECTS]
    if found:
        return found[-1] if found[-1].i < tok.i else found[0]
    for aux in tok.children:
        if aux.dep_ in ("aux", "auxpass"):
            for child in aux.children:
                if child.dep_ in _SUBJECTS:
                    return child
    return None


def shared_subject(tok: Token) -> Token | None:
    """The subject of a verb, or, for a conjunct with none of its own, the subject of the
    verb it is coordinated with ("were arrested and charged", "were arrested and put on
    trial")."""
    subj = subject(tok)
    if subj is None and tok.dep_ == "conj":
        subj = subject(tok.head)
    return subj


# Participles that say someone is held ("jailed activist Alaa Abdel Fattah", "the detained
# journalists"): a standing condition named with the person, not the act of holding them
# (word_classes.csv).
_HELD = word_class("held")
# Verbs of holding land, whose participle after the land or with "still" tells who holds it.
_HOLDING = frozenset({"occupy", "hold", "control"})


def is_attribute(tok: Token) -> bool:
    """A participle before its noun that describes it: hyphenated ("the Iranian-backed
    militia", "the Saudi-led coalition": the gold never codes an event there) or of being
    held ("jailed activist Alaa Abdel Fattah"); or land said to be held, after its noun or
    "still" so ("the neighborhood occupied by Sadr's supporters", "buildings were still
    occupied by militants"): a standing hold, not the taking."""
    if tok.tag_ == "VBN" and tok.lemma_.lower() in _HOLDING and (
            tok.dep_ == "acl" or any(c.lower_ == "still" for c in tok.children)):
        return True
    if tok.tag_ != "VBN" or tok.dep_ not in ("amod", "compound") or tok.head.i <= tok.i:
        return False
    return bool((tok.i > 0 and tok.doc[tok.i - 1].tag_ == "HYPH")
                or (tok.dep_ == "amod" and tok.lemma_.lower() in _HELD))


# Participles that name who backs an actor doing an act ("the army, backed by Hezbollah,
# launched an assault"): the backer takes part in the act (guide sections 12 and 14).
BACKING = word_class("backing")


def _backing_participle(tok: Token) -> bool:
    """ "backed by Y": a participle of backing, with its "by" agent."""
    return bool(tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in BACKING
                and any(c.dep_ == "agent" for c in tok.children))


def backers(noun: Token) -> list[Token]:
    """The "by" agents of a backing participle of ``noun`` ("X, backed by Y and Z")."""
    return [o2 for c in noun.children if _backing_participle(c)
            for a in c.children if a.dep_ == "agent"
            for o in a.children if o.dep_ == "pobj" for o2 in conjuncts(o)]


def is_backing(tok: Token) -> bool:
    """A backing participle that describes an actor: "rebels backed by Iran", "the
    Western-backed rebels", "Backed by Russian airstrikes, the army advanced". It says who
    the actor is, not a SUPPORT of its own (the guide codes none); where the actor does
    another act, the backer is among its doers."""
    if tok.tag_ != "VBN" or tok.lemma_.lower() not in BACKING:
        return False
    if _backing_participle(tok) or (tok.dep_ == "amod" and tok.i > 0
                                    and tok.doc[tok.i - 1].text == "-"):
        return True
    # ("Backed by Russian airstrikes, the army ...": a participle clause before its actor)
    return bool(tok.dep_ == "advcl" and tok.i < tok.head.i
                and any(c.dep_ == "agent" for c in tok.children))


# Verbs of a death toll, and the words that make a present perfect one a running tally.
TOLL_VERBS = frozenset({"kill", "die", "wound", "injure"})
_WARS = frozenset({"war", "conflict", "violence", "fighting", "insurgency", "crisis", "unrest",
                   "uprising", "revolt", "rebellion", "bloodshed"})


def is_tally(tok: Token) -> bool:
    """A running death toll ("more than 120,000 people have been killed since 2011", "800
    have been killed so far", "the war has killed 100,000 since 2011", "have been killed
    in the civil war", "1,652 civilians were killed in July"): a count of many acts over
    time by no one named, not a report of one ("drone strikes have killed eight leaders
    since July" names its doer and is one, as is a toll whose phrase names forces, "including
    100 in police firing")."""
    if tok.lemma_.lower() not in TOLL_VERBS or not is_verb(tok):
        return False
    subj = subject(tok)
    if any(c.dep_ == "agent" for c in tok.children) or (
            subj is not None and subj.dep_ == "nsubj" and subj.lemma_.lower() not in _WARS):
        return False
    victims = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    # (the victims' own words do not count: "1,959 members of the security forces")
    theirs = {t.i for v in victims for t in v.subtree}
    if any(t.lemma_.lower() in _FORCE_WORDS for t in tok.subtree if t.i not in theirs):
        return False  # "668 killed in the violence, including 100 in police firing"
    if any(_count(v) >= _MANY or v.lemma_.lower() == "total" for v in victims):
        return True  # "1,652 civilians were killed in Iraq in July": a month's count
    if any(_over_time(c) for c in tok.children):
        return True  # "25 fighters were killed since Wednesday", "are killed each month"
    if not any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have"
               for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during") and any(
                o.lemma_.lower() in _WARS for o in c.children if o.dep_ == "pobj"):
            return True  # "have been killed in Syria's conflict": the war's toll
        if c.dep_ == "prep" and c.lower_ == "since":
            return True
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since"
                                     for m in c.children):
            return True
        if c.dep_ == "advmod" and c.lower_ == "far" and any(a.lower_ == "so" for a in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "date" for o in c.children):
            return True
    return False


def _over_time(c: Token) -> bool:
    """Whether ``c`` spreads what it modifies over a stretch of time: "since Wednesday",
    "since the truce started", "each month", "over the past five years"."""
    if c.dep_ == "prep" and c.lower_ == "since":
        return True
    if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
        return True
    if c.dep_ == "npadvmod" and c.lemma_.lower() in _SPANS and any(
            d.lower_ in ("each", "every", "per") for d in c.children):
        return True
    return bool(c.dep_ == "prep" and c.lower_ in ("over", "in", "during") and any(
        o.lemma_.lower() in _SPANS and any(d.lower_ in ("past", "last") for d in o.children)
        and any(n.dep_ == "nummod" or n.lower_ in ("few", "several") for n in o.children)
        for o in c.children if o.dep_ == "pobj"))


# Stretches of time a toll can be spread over.
_SPANS = frozenset({"day", "week", "month", "year", "decade"})
# Forces named in a toll's own phrase say who did some of it: the toll tells their acts.
_FORCE_WORDS = frozenset({"police", "army", "troops", "soldier", "military", "force",
                          "airstrike", "militant", "rebel", "insurgent", "gunman"})
# So many dead or wounded are a count of many acts, whoever reports them.
_MANY = 1000
_COUNT_WORDS = {"thousand": 1000, "thousands": 1000, "million": 1_000_000,
                "millions": 1_000_000}


def _count(noun: Token) -> int:
    """How many ``noun`` counts ("120,000 people", "thousands of civilians"; 0 if it says
    no number)."""
    best = _COUNT_WORDS.get(noun.lower_, 0)
    for c in noun.children:
        if c.dep_ == "nummod":
            digits = c.text.replace(",", "")
            best = max(best, int(digits) if digits.isdigit() else
                       _COUNT_WORDS.get(c.lower_, 0))
    return best


# Nouns of what one may do: "the right to protest" and "the freedom to strike" report no
# protest or strike.
_ENTITLEMENTS = frozenset({"right", "freedom", "liberty", "ability", "capacity", "power",
                           "authority", "permission", "licence", "license", "privilege",
                           "entitlement", "capability", "potential"})


def is_entitlement(tok: Token) -> bool:
    """A verb that only says what someone may do: the to-infinitive of a noun of rights or
    abilities ("respect the right to protest")."""
    return (tok.dep_ == "acl" and tok.head.lemma_.lower() in _ENTITLEMENTS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


# "after the attack", "responsibility for the attack", "said of the shooting": the phrase
# places or talks about an act the article tells elsewhere, and tells nothing new of it.
_LABEL_PREPS = frozenset({"after", "following", "since", "before", "for", "from", "of",
                          "about", "on"})
# "condemned the attack", "called the attack a barbarous act": what is said of an act is the
# speaker's event, not the act told again.
_LABEL_VERBS = frozenset({"condemn", "denounce", "call", "describe", "mourn", "decry"})
_LABEL_DETS = frozenset({"the", "this", "that", "these", "those"})


def is_label(tok: Token) -> bool:
    """A definite event noun with nothing of its own (no actor, toll or date; where it
    happened tells nothing new) that only names an act in passing: the annotation guide
    codes no event there (sections 8, 14)."""
    if tok.pos_ != "NOUN":
        return False
    if tok.dep_ == "oprd" and any(c.dep_ == "dobj" and c.lower_ == "what"
                                  for c in tok.head.children) and not any(
            c.dep_ in ("acl", "relcl", "prep") for c in tok.children):
        # "in what Hollande called a terror attack": a name for the act told ("what they
        # called the genocide perpetrated by Israeli forces" tells who did it)
        return True
    dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
    # (a named doer or a day, "North Korea's sixth nuclear test", "Monday's indictment",
    # tells who or when: that is coded)
    if not dets or dets[0].lower_ not in _LABEL_DETS and dets[0].tag_ != "PRP$":
        return False
    if any((c.dep_ == "prep" and not _place_phrase(c))
           or c.dep_ in ("acl", "relcl", "nummod", "appos", "npadvmod")
           or c.ent_type_ in ("ORDINAL", "DATE", "TIME") for c in tok.children):
        return False
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _LABEL_PREPS and tok.head.head.lemma_.lower() != "result"
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LABEL_VERBS


def is_noun_modifier(tok: Token) -> bool:
    """An event noun that only says what kind of thing another noun is: "air raid
    sirens", "attack capability", "the launch site" report no raid, attack or launch."""
    return (tok.pos_ == "NOUN" and tok.dep_ == "compound"
            and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i)


def _place_phrase(prep: Token) -> bool:
    """ "in Nice", "of Nice", "in the city of Nice": where an act was, which tells nothing
    new of it (the guide's "who did it to whom, a toll, a date")."""
    if prep.lower_ not in ("in", "of", "at", "near"):
        return False
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(
        o.ent_type_ in ("GPE", "LOC", "FAC") or any(
            p.ent_type_ in ("GPE", "LOC", "FAC") for c in o.children if c.dep_ == "prep"
            for p in c.children if p.dep_ == "pobj") for o in objs)


def is_passive(tok: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
            tok.dep_ == "acl" and tok.tag_ == "VBN"):
        return True
    # "were arrested and charged": a participle sharing a passive verb's subject and
    # auxiliary, with none of its own
    return bool(tok.dep_ == "conj" and tok.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
        and tok.head.tag_ == "VBN" and any(
            c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children))


_QUESTION_MARKS = frozenset({"whether", "if"})


def is_question(tok: Token) -> bool:
    """Whether a verb of asking puts a question rather than a request: "asked whether
    China would retaliate", "asked what Seoul would do", or the participle of a question
    put to the clause's subject ("Asked about the talks, the spokesman said")."""
    if tok.dep_ == "advcl" and tok.tag_ == "VBN" and subject(tok) is None:
        return True
    for child in tok.children:
        if child.dep_ not in ("ccomp", "advcl", "dobj"):
            continue
        first = child.left_edge
        if any(c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in child.children) or (
                first.tag_ in ("WDT", "WP", "WRB") and first.i < child.i):
            return True
    return False


_BEHEST = word_class("behest")
_BEHEST_PREPS = frozenset({"at", "on", "upon"})


def behest_of(noun: Token) -> Token | None:
    """Whose word an act was done at, when ``noun`` heads the phrase that says so: the
    United States of "met at the request of the United States", the general of "on the
    orders of the general"."""
    if (noun.dep_ != "pobj" or noun.head.lower_ not in _BEHEST_PREPS
            or noun.lemma_.lower() not in _BEHEST):
        return None
    return next((obj for _, obj in prep_objects(noun, frozenset({"of"}))), None)


def agent_phrase(tok: Token, preps: frozenset[str] = frozenset({"by"})) -> Token | None:
    """The "by" phrase of a passive verb or an event noun ("calls by South Korea")."""
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in preps):
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


def clause_subject(tok: Token) -> Token | None:
    """The subject of a that-clause or an object-control complement of ``tok``:
    "demanded that [the US] cancel", "wants [Iran] to stop"."""
    clauses = list(tok.children)
    if is_noun(tok) and tok.dep_ == "dobj":
        # (the tagger may hang the noun's clause on its verb: "repeated its call | for
        # Israel to withdraw", "reiterated its demand | that Israel ease curbs")
        clauses += [c for c in tok.head.children if c.i > tok.i and c.dep_ in ("advcl", "ccomp")
                    and content_clause(c)]
    for child in clauses:
        if (child.dep_ in ("ccomp", "xcomp") or (is_noun(tok) and content_clause(child))) \
                and child.pos_ in ("VERB", "AUX"):
            # (a noun's that-clause is its content: "the demand that [Israel] ease", "its
            # call for [Israel] to withdraw")
            found = subject(child)
            if found is not None:
                return found
    return None


def content_clause(clause: Token) -> bool:
    """A noun's clause that says what it is ("that Israel ease", "for Israel to withdraw"),
    not a relative clause."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    # (a "that" with the verb's object missing is a relative pronoun the tagger took for
    # a mark: "a demand that Hernández has rejected")
    return bool((clause.dep_ in ("acl", "ccomp") and "that" in marks
                 and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in clause.children)) or (
        clause.dep_ in ("acl", "advcl") and "for" in marks
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)))


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


def path_up(tok: Token, speech: frozenset[str] = frozenset()) -> Iterator[Token]:
    """``tok`` and its ancestors, stopping above a reported clause ("X said [that ...]").

    A verb of saying (a lemma in ``speech``) frames what is reported: its own tense, time
    and negation belong to the saying, not to the events it reports. Other complements
    ("wants [Iran to meet]") stay under the verb that governs them.
    """
    cur = tok
    yield cur
    for _ in range(12):
        if cur.head.i == cur.i:
            return
        if cur.dep_ == "parataxis" or (cur.dep_ == "ccomp" and (
                not speech or cur.head.lemma_.lower() in speech)):
            return
        if cur.tag_ == "VBD" and _own_clause(cur):
            return  # "threatened to fire missiles after Trump warned": a past of its own
        if cur.tag_ == "VBD" and _spliced(cur):
            return  # "400,000 marched through Chicago, thousands were expected at ...": told
        if _after_gerund(cur) or _circumstance(cur):
            return  # "could face prison after being indicted": what led to it happened
        if (cur.dep_ == "relcl" and (cur.tag_ in FINITE or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE for c in cur.children))
                ) or (cur.dep_ == "acl" and cur.tag_ == "VBN"):
            # "may have tested a missile that Pyongyang threatened to fire", "Kaur, who was
            # murdered by her husband, was bid farewell", "the possibility of the two members
            # arrested in Kolkata being involved": told as fact
            return
        cur = cur.head
        yield cur


def reporting_verb(tok: Token, speech: frozenset[str]) -> Token | None:
    """The verb of saying whose reported clause holds ``tok``, if any."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in speech:
            return cur.head
        if cur.dep_ == "ccomp" and cur.head.dep_ in ("ccomp", "parataxis"):
            return None  # nested reports: the nearest one decides, and it is not speech
        cur = cur.head
    return None


def tense_of(tok: Token) -> str | None:
    """past, future or None (present or unknown), from the clause the token belongs to."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else governing_verb(tok)
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in ("will", "shall", "'ll", "wo"):
            return "future"
        if child.dep_ in ("aux", "auxpass") and child.lower_ in (
                "did", "had", "has", "have", "was", "were"):
            return "past"
    if "Past" in verb.morph.get("Tense") and "Part" not in verb.morph.get("VerbForm"):
        return "past"
    if verb.tag_ == "VBN":
        return "past"
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head.i != verb.i:
        return tense_of(verb.head)  # "agreed to meet", "met and signed": the head's tense
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
                ent = entities(doc).at(node.i)
                if ent is not None and ent.label_ == "DATE":
                    yield ent


# Prepositions whose object can be the subject of a gerund after it ("despite Moscow
# denouncing", "with police firing"), which the parser hangs off the clause instead.
_ABSOLUTE_PREPS = frozenset({"despite", "with", "without", "amid"})


def absolute_subject(gerund: Token) -> Token | None:
    """The object of "despite", "with" or "amid" right before ``gerund`` (adverbs aside),
    when the parser made the gerund a clause of its own: the gerund's subject."""
    i = gerund.left_edge.i - 1
    if i < 0:
        return None
    obj = gerund.doc[i]
    while obj.dep_ == "conj":
        obj = obj.head
    prep = obj.head
    if (obj.dep_ != "pobj" or prep.lower_ not in _ABSOLUTE_PREPS
            or prep.head.i != gerund.head.i or gerund.dep_ not in ("advcl", "conj")):
        return None
    return obj


def quoted(tok: Token) -> bool:
    """Whether ``tok`` stands inside quotation marks in its sentence."""
    inside = False
    for t in sentence(tok):
        if t.i >= tok.i:
            return inside
        if t.text in ("“", "‘"):
            inside = True
        elif t.text in ("”", "’"):
            inside = False
        elif t.text == '"':
            inside = not inside
    return inside
