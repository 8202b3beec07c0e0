"""To whom: the targets of a trigger candidate.

The targets are the direct and indirect objects, the objects of target prepositions, the
subject of a demanded clause ("demanded that the US cancel"), whom a speaker's condemning
word is said of, the subject of a passive, or the country of the place the event was aimed
at; each finder is tried in turn and the first that names someone other than the sources
wins. Every answer says how it was found, for ``explain``.

Kept apart from :mod:`.arguments`, which reads the document's actors and finds the
sources, because target finding is a step of its own: it runs once the sources are known (a
target is never one of them) and reads the phrases through the same
:class:`~.arguments.Arguments`, while finding sources needs nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..datafiles import word_class
from ..models import Actor, Mention
from ..nlp import entities
from . import parse_rules as pr
from .arguments import NON_REFERRING, Arguments, struck_only
from .triggers import Candidate

Token = Any

# Nouns of places an attack can strike or take ("captured the town").
_PLACE_NOUNS = frozenset({
    "town", "city", "village", "area", "district", "region", "province", "stronghold",
    "base", "position", "post", "outpost", "checkpoint", "part", "territory", "airport",
    "hill", "neighborhood", "neighbourhood", "suburb", "garrison", "headquarters", "port",
    "capital", "island", "valley", "enclave", "border", "crossing", "airbase", "camp"})
VISIT_CODES = frozenset({"042", "043", "044"})
# The sectors of armed forces: their "strikes" are attacks (the assembler's recode too).
FIGHTERS = frozenset({"MIL", "REB", "IMG"})
# Codes of no one country: a place is never in them.
_MANY_COUNTRIES = frozenset({"IMG", "IGO"})
# A bombing (CAMEO 183) strikes whom it goes off beside.
_BOMBING = "183"
_BLOCKADE = "144"
_BLAST_PREPS = frozenset({"near", "beside", "outside", "next"})
# What a purpose clause of a mobilisation watches for or guards against, and whom it may
# be held with.
_AIMED_PREPS = frozenset({"for", "against"})
_PARTNER_PREPS = frozenset({"with", "alongside"})
# A weapon fired or launched hits only what it is aimed at or lands on: "over Japan", "toward
# the sea" say where it flew (a show of force, PLOVER MOBILIZE), not what it struck.
_STRIKE_PREPS = frozenset({"at", "on", "upon", "against", "into"})
# The prepositions of a phrase that says where a thing is, not whose it is: the place
# prepositions less those that also say whose or about what ("the army of Iraq", "the
# dispute over Kashmir", "off the record").
_WHERE_PREPS = pr.PLACE_PREPS - {"of", "over", "off"}
# What a protest's purpose clause says it is against ("to protest the decision", "in
# protest against the arrests"): the author of that is its target.
_PROTEST_PURPOSES = frozenset({"protest", "denounce", "oppose", "condemn", "demand",
                               "decry", "show", "express", "voice"})
_PROTEST_NOUNS = frozenset({"protest", "opposition", "defiance", "response"})
_PROTESTED_PREPS = frozenset({"against", "of", "at", "over", "to", "for"})
_PROTESTED = "whose act it protests"
# The grievances a protest's purpose airs ("to show their anger at ...")
_GRIEVANCES = frozenset({"disapproval", "anger", "outrage", "displeasure", "discontent",
                         "frustration", "opposition", "dissatisfaction", "fury", "rage",
                         "objection", "protest"})
# What is sought in a country: that country is asked for it.
_REFUGE = frozenset({"refuge", "asylum", "sanctuary", "shelter"})
# Codes of handing people over (judicial cooperation): the partner is the recipient.
_HANDED_OVER = frozenset({"063"})
# The verbs of a participle clause that says whom an attack struck, and of a purpose
# clause that says what it set out to take.
_STRIKING_VERBS = frozenset({"kill", "wound", "injure", "maim", "hurt", "target", "hit",
                             "strike"})
# The verbs that say where a feeling or a wish is directed when it is their subject
# (word_classes.csv).
_WHERE_IT_IS = word_class("directed")
_TAKING_VERBS = word_class("taking")


def find_targets(args: Arguments, cand: Candidate, sources: list[Mention]
                 ) -> tuple[list[Mention], str]:
    """The target actors of ``cand``, read through ``args``, and how they were found (empty
    when none)."""
    out: list[Mention] = []
    # Whom a protest is against is named, not where what it protests happened ("to
    # protest at the war in Iraq": against no one the sentence names).
    protest = args.matcher.lex.code(cand.cameo).plover == "PROTEST" and not (
        # "jets launched strikes": an armed force's strikes are attacks (the assembler
        # recodes them), which strike whom their clauses say
        cand.is_noun and cand.token.lemma_.lower() == "strike" and sources
        and all(m.actor.sector in FIGHTERS for m in sources))

    def add(found: list[Mention], how: str = "") -> None:
        for m in found:
            # (what a protest's purpose names was checked against its own phrase)
            if m not in out and not _same(m.actor, sources) and not (
                    protest and how != _PROTESTED and _inside_where(m, cand.token)):
                out.append(m)

    if cand.speech is not None and cand.clause is not None:
        _disapproved(args, cand, add)
        return out, "what the speaker condemns"
    if args.matcher.lex.code(cand.cameo).plover == "MOBILIZE":
        # A deployment, patrol or drill has a target only when it is said to be aimed at
        # someone; what is patrolled or where troops go is no one (one in twenty gold
        # mobilisations has a recipient).
        add(_aimed_at(args, cand))
        return out, "whom it is aimed at" if out else "none"
    if cand.is_noun and pr.behest_of(cand.token) is not None:
        # "troops arrived at the request of Mali": Mali asked the troops' country
        verb = cand.token.head.head
        subj = pr.subject(verb) if pr.is_verb(verb) else None
        add(args.actors_of(subj) if subj is not None else [])
        return out, "subject of the act asked for"
    if cand.frame is not None and cand.clause is not None:
        subj = pr.subject(cand.clause)
        if subj is not None:
            add(args.actors_of(subj))
        return out, "subject of the demanded clause"
    finders = [_objects, _casualties, _prepositions, _clause_subject,
               _deeper, _condition, _conjunct_head, _shared_object]
    if protest:
        # A protest is against whom its object, its preposition or its purpose names;
        # what its other clauses name is most often its cause or a third party ("marched
        # to show support for the army", "demonstrated to demand protection"): the gold
        # gives two protests in three no target.
        finders = [_objects, _prepositions, _protested]
    # "three Tunisians and three Algerians were among the 84 people killed": each group
    # counted among the victims is a target of its own, beside the victims as a whole.
    add(_counted_among(args, cand))
    for finder in finders:
        found, how = finder(args, cand, sources)
        add(found, how)
        if out:
            return out, how
    if protest and not cand.cameo.startswith(_BLOCKADE):
        return [], "none"  # (a blockade is of the place: "blocked roads in Algiers")
    # (a group of many countries is in none: "Al Qaeda fighters attacked the base"; the
    # story's countries, args.context, are always countries)
    place = _place_target(args, cand, [*(c for m in sources if (c := m.actor.country)
                                         and c not in _MANY_COUNTRIES), *args.context])
    return place, "place aimed at" if place else "none"


def _aimed_at(args: Arguments, cand: Candidate) -> list[Mention]:
    """Whom a mobilisation is aimed at: what its purpose clause watches for ("patrolled
    the suburbs to watch for rioters") or what it is against; or whom it is held with.
    (Not the object of the purpose: "a test to counter U.S. drills" is aimed at no one.)"""
    holders = [cand.token] + ([cand.support] if cand.support is not None else [])
    found: list[Mention] = []
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ in ("advcl", "xcomp") and pr.is_purpose(clause):
                found += [m for _, o in pr.prep_objects(clause, _AIMED_PREPS)
                          for m in args.actors_of(o)]
        # (a partner it is held with: "a naval exercise with India" is cooperation)
        found += [m for _, o in pr.prep_objects(holder, _PARTNER_PREPS)
                  if not any(d.dep_ == "det" and d.lower_ == "no" for d in o.children)
                  for m in args.actors_of(o)]
    # (whatever it is against in its own phrases: "deployed against the rebels",
    # "mobilised reservists for a possible war against Iraq")
    found += [m for t in cand.region if t.dep_ == "prep" and t.lower_ == "against"
              for o in t.children if o.dep_ == "pobj" for m in args.actors_of(o)]
    return found


def _disapproved(args: Arguments, cand: Candidate,
                 add: Callable[[list[Mention]], None]) -> None:
    """Whom a speaker's condemning word is said of: the object of a naming verb ("called
    Pyongyang's launch reckless"), else the subject of the reported clause ("said North
    Korea's action was unacceptable", "said Pyongyang is playing a dangerous game")."""
    clause, speech = cand.clause, cand.speech
    assert clause is not None and speech is not None
    if clause.i == speech.i:
        judged = [c for c in clause.children if c.dep_ == "dobj"]
    else:
        subj = pr.subject(clause)
        judged = [subj] if subj is not None else []
    for head in judged:
        if head.i not in cand.region_ids:
            add(args.actors_of(head))


def _objects(args: Arguments, cand: Candidate, sources: list[Mention]
             ) -> tuple[list[Mention], str]:
    tok = cand.token
    if cand.is_noun:
        if args.suffered(cand):
            subj = pr.subject(tok.head)
            return (args.actors_of(subj), "subject of the verb that undergoes it"
                    ) if subj is not None else ([], "")
        verb = cand.support
        if args.undergoes(cand):  # "was put under investigation", "was handed a sentence"
            subj = pr.shared_subject(verb)  # "were arrested and put on trial"
            return (args.actors_of(subj), "passive subject") if subj is not None else ([], "")
        if verb is None or tok.dep_ != "pobj":
            return [], ""
        # "put X under arrest", "subjected X to torture": who is put through it
        return ([m for c in verb.children if c.dep_ == "dobj" for m in args.actors_of(c)],
                "object of its support verb")
    found: list[Mention] = []
    if cand.cameo in _HANDED_OVER:
        # "handed the suspects over to U.S. forces": the partner is who received them
        found = [m for prep in tok.children if prep.dep_ in ("prep", "dative")
                 and prep.lower_ == "to" for o in prep.children if o.dep_ == "pobj"
                 for m in args.actors_of(o)]
        if found:
            return found, "recipient"
    for child in tok.children:
        if struck_only(cand) and child.dep_ == "dobj":
            continue  # the weapon fired; what it hit is in a phrase of striking
        if child.dep_ in ("dobj", "dative") and child.lower_ not in NON_REFERRING:
            found += args.actors_of(child)
    if found:
        return found, "object"
    if pr.is_passive(tok) or pr.is_unaccusative(tok):
        if struck_only(cand):
            return [], ""  # "the missile was fired": the weapon, not what it struck
        subj = pr.shared_subject(tok)  # "were arrested and charged"
        if subj is not None and subj.lower_ not in pr.RELATIVE_PRONOUNS:
            return args.actors_of(subj), "passive subject"
        if tok.dep_ in ("acl", "relcl") and pr.is_noun(tok.head):
            return args.actors_of(tok.head), "passive subject"
        if tok.dep_ == "pcomp" and pr.is_verb(tok.head.head):
            # "the girl could face prison after being indicted": who undergoes it is the
            # subject of the clause its phrase hangs from
            subj = pr.subject(tok.head.head)
            if subj is not None and subj.lower_ not in pr.RELATIVE_PRONOUNS:
                return args.actors_of(subj), "passive subject of the clause above"
    return [], ""


def _casualties(args: Arguments, cand: Candidate, sources: list[Mention]
                ) -> tuple[list[Mention], str]:
    """Whom an attack with no object struck, as a clause of it says: whom it killed or
    wounded ("a bomb exploded in the market, killing 11 people"), whom it targeted
    ("launched an offensive in Homs, targeting the rebels") or what it set out to take
    ("launched an assault to capture the town"). The victims are its target before any
    place it names ("detonated on a road in Baghdad")."""
    tok = cand.token
    if args.matcher.lex.code(cand.cameo).quad_class != 4:
        return [], ""
    holders = [tok] if not cand.is_noun else [cand.support] if cand.support else []
    found: list[Mention] = []
    acting = _acting_verb(tok) if cand.is_noun and cand.support is None else None
    if acting is not None:
        # "a string of bomb attacks killed 14 people", "the blast wounded 20": the attack
        # that kills is the subject of the striking verb, whose object is its victims
        holders = [acting]
        if acting.lemma_.lower() in _STRIKING_VERBS:
            found += [m for c in acting.children if c.dep_ == "dobj"
                      for m in args.actors_of(c)]
    for holder in holders:
        for clause in holder.children:
            lemma = clause.lemma_.lower()
            if not (clause.dep_ in ("advcl", "xcomp", "acl") and (
                    (clause.tag_ == "VBG" and lemma in _STRIKING_VERBS)
                    or (pr.is_purpose(clause) and lemma in _TAKING_VERBS))):
                continue
            for verb in [clause, *(c for c in clause.children if c.dep_ == "conj")]:
                for obj in (c for c in verb.children if c.dep_ == "dobj"):
                    # "targeting the government-held districts of Al-Arfi": a place struck
                    # stands for its country (guide section 12)
                    found += args.actors_of(obj) or _struck_place(args, obj)
    return found, "whom a clause of it says it struck"


def _struck_place(args: Arguments, obj: Token) -> list[Mention]:
    """The country of a place a clause says an attack struck, as a mention of it: a place
    named ("targeting Aleppo") or a place noun ("striking the rebel positions near Idlib").
    (Actors' names were read before: ``obj`` names none.)"""
    if obj.pos_ == "PROPN":
        # a town, which the tagger may take for a people ("targeting Aleppo")
        ent = entities(obj.doc).at(obj.i) if obj.ent_type_ else None
        name = ent.text if ent is not None else obj.text
        loc = args.gazetteer.lookup(name, args.context)
        if loc is None or not loc.country:
            return []
        return _placed(Actor(text=name, name=loc.name, country=loc.country), obj)
    if obj.lemma_.lower() not in _PLACE_NOUNS:
        return []
    # Where the place is not named, it lies where the attack was ("launched an offensive
    # inside Deir Ezzor, targeting the districts of ..."), else in the story's country; not
    # in the attacker's, which may be a foreign air force or a group of many countries.
    context = args.context
    country = (_country_of_place(args, obj, []) or _named_place_country(args, obj.sent, context)
               or (context[0] if context else None))
    if country is None:
        return []
    return _placed(Actor(text=obj.text, country=country), obj)


def _placed(actor: Actor, word: Token) -> list[Mention]:
    """``actor``, a place's country, as the mention of the word that names the place."""
    return [Mention(actor, word.idx, word.idx + len(word.text), 0, "place")]


def _counted_among(args: Arguments, cand: Candidate) -> list[Mention]:
    """The groups a clause counts among those an attack struck: the subjects of "were
    among the people killed" (each conjunct its own)."""
    tok = cand.token
    if (args.matcher.lex.code(cand.cameo).quad_class != 4 or cand.is_noun
            or tok.dep_ not in ("acl", "relcl") or tok.head.dep_ != "pobj"
            or tok.head.head.lower_ != "among"):
        return []
    subj = pr.subject(tok.head.head.head)
    if subj is None:
        return []
    return [m for group in pr.conjuncts(subj) for m in args.actors_of(group)]


def _acting_verb(noun: Token) -> Token | None:
    """The verb an event noun is the subject of, directly or as the noun of an "of"-phrase
    of its subject ("a string of attacks killed"), if any."""
    head = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "nsubj":
        head = noun.head.head
    if head.dep_ == "nsubj" and pr.is_verb(head.head):
        return head.head
    return None


def _prepositions(args: Arguments, cand: Candidate, sources: list[Mention]
                  ) -> tuple[list[Mention], str]:
    tok = cand.token
    preps = pr.NOUN_TARGET_PREPS if cand.is_noun else pr.TARGET_PREPS
    if cand.cameo in VISIT_CODES:
        preps = preps | pr.VISIT_PREPS
    if struck_only(cand):
        preps = preps & _STRIKE_PREPS
    blast = cand.cameo.startswith(_BOMBING)
    if blast:
        preps = preps | _BLAST_PREPS  # "a bomb went off near a U.S. patrol"
    holders = [tok]
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if cand.support is not None:
        holders.append(cand.support)
    elif cand.is_noun and tok.dep_ == "dobj":
        holders.append(tok.head)
    elif cand.is_noun and tok.dep_ == "pobj":
        # "stand in solidarity | with France": the phrase the verb took beside the noun
        holders.append(tok.head.head if tok.head.dep_ == "prep" else tok.head)
    elif cand.is_noun and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _WHERE_IT_IS:
        # "our solidarity is | with the French people", "our sympathy goes | to France"
        holders.append(tok.head)
    quad = args.matcher.lex.code(cand.cameo).quad_class
    if cand.is_noun and quad in (2, 4):
        preps = preps | {"from"}  # "the withdrawal of troops from Panama"
    if cand.is_noun and quad == 4:
        preps = preps | {"of"}  # "the blockade of Serbia", "the bombing of Gaza"
    if cand.is_noun and tok.dep_ == "pobj" and tok.head.lower_ == "in" and (
            args.matcher.lex.code(cand.cameo).plover == "SUPPORT"):
        # "marched in support of Kibaki" backs Kibaki ("with the support of X": X backs)
        preps = preps | {"of"}
    if args.matcher.lex.code(cand.cameo).plover == "REQUEST" and any(
            o.lemma_.lower() in _REFUGE for o in objects):
        preps = preps | {"in"}  # "sought refuge in Germany": the host is asked
    found: list[Mention] = []
    # (whom a complaint is made to is not whom it accuses: "complained to the United
    # Nations over Israeli air raids" accuses Israel)
    complaint = args.matcher.lex.code(cand.cameo).plover == "ACCUSE"
    if complaint:
        preps = preps | {"over", "about"}
    addressed: list[Mention] = []
    for holder in holders:
        if found and holder is not tok:
            break  # the noun's own phrases first: "blockade of Serbia | with Albania's help"
        for prep, obj in pr.prep_objects(holder, preps):
            if (holder is not tok and obj.i < tok.i) or pr.behest_of(obj) is not None:
                continue  # (who asked for the act is no party to it: "at the request of")
            actors = args.actors_of(obj)
            if blast and prep in _BLAST_PREPS:
                # whom it went off beside, not the place ("near the market in Baghdad")
                actors = [m for m in actors if m.kind not in ("metonym", "place")]
            if complaint and prep == "to":
                addressed += actors
                continue
            found += actors[1:] if prep == "between" and actors[:1] == sources[:1] else actors
    found = found or addressed
    for obj in objects:
        # "launched an attack on Kyiv"; "rejected an appeal from Gbagbo", "an offer by Kabul"
        for _, inner in pr.prep_objects(obj, preps | pr.SOURCE_PREPS):
            found += args.actors_of(inner)
    return found, "preposition"


def _clause_subject(args: Arguments, cand: Candidate, sources: list[Mention]
                    ) -> tuple[list[Mention], str]:
    if cand.is_noun and args.matcher.lex.code(cand.cameo).plover != "REQUEST":
        return [], ""
    subj = pr.clause_subject(cand.token)
    if subj is None or subj.lower_ in NON_REFERRING:
        return [], ""
    return args.actors_of(subj), "subject of its clause"


def _deeper(args: Arguments, cand: Candidate, sources: list[Mention]
            ) -> tuple[list[Mention], str]:
    # Deeper in the arguments: "no intention of returning to talks with the US",
    # "refused to sit down with Seoul", "threatened to shell Iraqi towns", "agreed to
    # provide aid for Romania" -- the complement's object or partner is the target.
    struck = struck_only(cand)
    for t in cand.region:
        # (a weapon fired strikes no object of a clause about it: "fired a missile over
        # Japan, proving it can hit the US" hit no one)
        if (not struck and t.dep_ in ("dobj", "dative") and pr.is_verb(t.head)
                and t.head.i != cand.token.i and _complement(t, cand.token)):
            found = args.actors_of(t)
            if found and not all(_same(m.actor, sources) for m in found):
                return found, "object of its complement"
    preps = _STRIKE_PREPS if struck else pr.NOUN_TARGET_PREPS
    for t in cand.region:
        if t.dep_ == "pobj" and t.head.lower_ in preps and _complement(t, cand.token) and not (
                struck and _flown_over(t, cand.token)) and pr.behest_of(t) is None:
            found = args.actors_of(t)
            if found and not all(_same(m.actor, sources) for m in found):
                return found, "inside its arguments"
    return [], ""


def _condition(args: Arguments, cand: Candidate, sources: list[Mention]
               ) -> tuple[list[Mention], str]:
    # "threatened to stop talks if the United States goes ahead", "will withdraw unless
    # Chad arranges a ceasefire": who must meet the condition is whom it is aimed at.
    for t in cand.region:
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                     for c in t.children):
            subj = pr.subject(t)
            found = args.actors_of(subj) if subj is not None else []
            if found and not all(_same(m.actor, sources) for m in found):
                return found, "subject of its condition"
    return [], ""


def _conjunct_head(args: Arguments, cand: Candidate, sources: list[Mention]
                   ) -> tuple[list[Mention], str]:
    tok = cand.token
    if cand.is_noun or tok.dep_ != "conj" or pr.subject(tok) is not None:
        return [], ""
    head = args.matcher.match(tok.head)
    if head is None:
        return [], ""
    found, _ = find_targets(args, head, sources)
    return found, "shared with the coordinated verb"


def _protested(args: Arguments, cand: Candidate, sources: list[Mention]
               ) -> tuple[list[Mention], str]:
    """ "began a hunger strike to protest Sweden's decision", "marched in protest
    against violations by the security forces": whose act a protest is against, named
    in its purpose, is whom it is against."""
    holders = [cand.token] + ([cand.support] if cand.support is not None else [])
    protested: list[Token] = []
    for holder in holders:
        for c in holder.children:
            if (c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _PROTEST_PURPOSES
                    and pr.is_purpose(c)):
                for o in c.children:
                    if o.dep_ == "dobj" and o.lemma_.lower() in _GRIEVANCES:
                        # "to show their disapproval of US policies": what the grievance
                        # is with, not whose it is
                        protested += [o2 for _, o2 in pr.prep_objects(o, _PROTESTED_PREPS)]
                    elif o.dep_ == "dobj":
                        protested.append(o)
                protested += [o for _, o in pr.prep_objects(c, _PROTESTED_PREPS)]
            elif c.dep_ == "prep" and c.lower_ == "in":
                protested += [o2 for o in c.children if o.dep_ == "pobj"
                              and o.lemma_.lower() in _PROTEST_NOUNS
                              for _, o2 in pr.prep_objects(o, _PROTESTED_PREPS)]
    found = [m for o in protested for m in args.actors_of(o)
             if not _inside_where(m, o, own=True)]
    return found, _PROTESTED


def _inside_where(mention: Mention, trigger: Token, own: bool = False) -> bool:
    """Whether a mention sits in a phrase saying where something is, below the
    trigger ("the war | in Iraq"); with ``own``, the trigger's own such phrase too
    ("protest at the war | in Iraq": the war's place)."""
    tok = next((t for t in trigger.sent if t.idx == mention.start), None)
    while tok is not None and tok.i != trigger.i and tok.head.i != tok.i:
        if tok.dep_ == "pobj" and tok.head.lower_ in _WHERE_PREPS and (
                own or tok.head.head.i != trigger.i):
            return True
        tok = tok.head
    return False


def _shared_object(args: Arguments, cand: Candidate, sources: list[Mention]
                   ) -> tuple[list[Mention], str]:
    """ "Troops shot and injured two rebels": the first of two coordinated verbs takes
    the object of the second when it has none of its own."""
    tok = cand.token
    if cand.is_noun or any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return [], ""
    for conj in tok.children:
        if conj.dep_ == "conj" and pr.is_verb(conj) and pr.subject(conj) is None:
            found = [m for c in conj.children if c.dep_ == "dobj"
                     for m in args.actors_of(c)]
            if found:
                return found, "shared with the coordinated verb"
    return [], ""


def _place_target(args: Arguments, cand: Candidate, context: list[str]) -> list[Mention]:
    """A place as the target stands for its country: "arrived in Kaesong" (the host
    government), "fired rockets at Tel Aviv", "struck targets in Gaza"."""
    tok = cand.token
    visit = cand.cameo in VISIT_CODES
    preps = pr.VISIT_PREPS if visit else pr.PLACE_TARGET_PREPS
    if struck_only(cand):
        preps = preps & _STRIKE_PREPS
    objects = [obj for _, obj in pr.prep_objects(tok, preps)]
    objects += [obj for c in tok.children if c.dep_ == "dobj"
                for _, obj in pr.prep_objects(c, preps | frozenset({"in"}))]
    if (not visit and not struck_only(cand) and not cand.is_noun
            and args.matcher.lex.code(cand.cameo).quad_class == 4):
        # "bombarded Aleppo", "besieged Mariupol", "the town was captured": the place
        # attacked is the target.
        objects += [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for obj in objects:
        if obj.ent_type_ in ("GPE", "LOC"):
            ent = entities(obj.doc).at(obj.i)
            text, start, end = ent.text, ent.start_char, ent.end_char
        elif obj.pos_ == "PROPN" and not obj.ent_type_:
            # a town the tagger did not know ("bombarded Aleppo"): the gazetteer may
            text, start, end = obj.text, obj.idx, obj.idx + len(obj.text)
        elif (obj.lemma_.lower() in _PLACE_NOUNS and obj.i not in args.mention_at
              and not visit and (country := _country_of_place(args, obj, context))):
            # "captured the town", "stormed key towns in North Kivu": a place the
            # sentence does not name is in the country it names for it, else the
            # country the act is about (guide section 14: places struck are targets)
            return _placed(Actor(text=obj.text, country=country), obj)
        else:
            continue
        loc = args.gazetteer.lookup(text, context)
        if loc is not None and loc.country:
            actor = Actor(text=text, name=loc.name, country=loc.country,
                          sector="GOV" if visit else None)
            return [Mention(actor, start, end, 0, "place")]
    return []


def _named_place_country(args: Arguments, span: Any, context: list[str]) -> str | None:
    """The country of the first place ``span`` names that the gazetteer knows."""
    for ent in entities(span.doc).within(span.start, span.end):
        if ent.label_ in ("GPE", "LOC", "FAC"):
            loc = args.gazetteer.lookup(ent.text, context)
            if loc is not None and loc.country:
                return str(loc.country)
    return None


def _country_of_place(args: Arguments, noun: Token, context: list[str]) -> str | None:
    """The country of a place noun: that of a place named in its phrase ("the town of
    Kharkiv"), else the first of ``context`` (the act's actors', then the story's)."""
    for t in noun.subtree:
        named = t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == noun.i
        if t.ent_iob_ == "B" and (t.ent_type_ in ("GPE", "LOC", "FAC") or (
                named and t.pos_ == "PROPN")):
            # (whatever the tagger took the name for: "the town of Palmyra" is a town)
            name = entities(t.doc).at(t.i).text
        elif t.pos_ == "PROPN" and not t.ent_type_:
            name = t.text  # a town the tagger did not know ("the town of Kharkiv")
        else:
            continue
        loc = args.gazetteer.lookup(name, context)
        if loc is not None and loc.country:
            return loc.country
    return context[0] if context else None


def _same(actor: Actor, others: list[Mention]) -> bool:
    # Two generic agents of one code are two parties when their nouns differ: "the driver
    # mowed down people" (both French civilians by their words) has a target.
    return any(o.actor.code == actor.code and o.actor.name == actor.name
               and o.actor.role == actor.role for o in others)


# Clauses that say something else about the event (why, when, in answer to what), not what
# it was done to: "fired a missile [over Japan], responding to sanctions with a flight that
# showed its ability to target Guam" did not fire at Guam. A result clause of the event
# itself still names its victims: "detonated a bomb, killing six soldiers".
_ADJUNCT_CLAUSES = frozenset({"advcl", "relcl", "parataxis", "appos"})


def _flown_over(tok: Any, trigger: Any) -> bool:
    """Whether ``tok`` sits inside a phrase of where a weapon flew ("far above this town on
    Japan's northern island"): not what it struck."""
    tok = tok.head
    while tok.i != trigger.i and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ not in _STRIKE_PREPS:
            return True
        tok = tok.head
    return False


def _complement(tok: Any, trigger: Any) -> bool:
    """Whether ``tok`` hangs from ``trigger`` through its complements, or is the object of
    a clause of the trigger's own, not deeper in an adverbial or relative clause."""
    hops = 0
    while tok.i != trigger.i and tok.head.i != tok.i:
        hops += 1
        if tok.dep_ in _ADJUNCT_CLAUSES and not (
                tok.dep_ == "advcl" and tok.head.i == trigger.i and hops <= 3) and not (
                _noun_infinitive(tok, trigger)):
            return False
        tok = tok.head
    return True


def _noun_infinitive(clause: Any, trigger: Any) -> bool:
    """Whether ``clause`` is the infinitive an event noun takes ("calls | to halt the
    deployment", "a plan | to withdraw"), which the parser hangs on the noun as a relative
    clause: what it says is the noun's content, as a verb's complement is the verb's."""
    return (clause.dep_ == "relcl" and clause.head.i == trigger.i
            and pr.is_purpose(clause) and pr.subject(clause) is None)
