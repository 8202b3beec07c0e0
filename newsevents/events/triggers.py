"""Finding the words that report events: trigger candidates in a parsed sentence.

A candidate is a verb (with its particle or preposition), an event noun, or a verb of
saying whose reported clause holds an obligation ("X said Y must withdraw"), together with
the rule that fired and its argument region. A noun takes its subject from a support verb
("staged protests", "went on strike") or reports an event that took place ("riots
erupted"). A candidate inside another candidate's arguments ("ridiculed calls for talks",
"refused to meet", "demanded the withdrawal of troops") is part of that event, not one of
its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..datafiles import word_class
from ..nlp import in_word_hyphen, tokens
from . import parse_rules as pr
from .lexicon import Frame, Lexicon, TriggerRule

Token = Any

# Determiners of a noun that names something already told ("the launch", "this test").
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Quad classes of material cooperation and conflict: acts a later "the ..." can name again.
_MATERIAL = frozenset({2, 4})
# Where a definite event noun names a told act again: as the subject or the object of its
# clause ("the launch triggered an alert", "the US military detected the launch"); after a
# preposition ("after the launch", "details of the launch") it only refers to it, and the
# gold codes no second event there. (Objects too: dev type F1 0.6740 -> 0.6762.)
_RETELLING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_VERBAL = frozenset({1, 3})
_COOPERATIVE = frozenset({1, 2})
# Shows of force and uses of it (CAMEO 15, 18-20): what a launched or fired weapon does.
_WEAPON_CODES = frozenset({"15", "18", "19", "20"})

# Things an event noun only classifies when it modifies them ("air raid sirens", "an attack
# helicopter", "protest banners"): the phrase names the thing, no event.
_GEAR = word_class("gear")
_CROWDS = word_class("crowds")

# Prepositions of a place phrase.
_WHERE = frozenset({"in", "near", "outside", "around", "across", "within", "inside"})
_SUMS = frozenset({"MONEY", "CARDINAL", "QUANTITY"})

# "killed in / during / amid clashes": the fighting in which someone fell.
_FIGHT_PREPS = frozenset({"in", "during", "amid"})
_CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "die", "hurt"})

# Subjects an obligation binds that no one demands anything of: the speaker, the
# listener, anyone.
_SELF = frozenset({"we", "i", "you", "one"})
# The prepositions through which a support verb takes its event noun.
_SUPPORT_PREPS = frozenset({"on", "in", "into", "under", "to"})


@dataclass
class Candidate:
    token: Token
    words: list[Token]  # the trigger's own words (verb + particle, speech verb + modal)
    rule: TriggerRule | None  # None for an obligation frame
    region: list[Token]
    support: Token | None = None  # the support verb that lends a noun its subject
    occurs: bool = False  # an event noun that is the subject of "took place", "erupted"
    frame: Frame | None = None  # the obligation frame ("must") of a reported demand
    clause: Token | None = None  # the reported clause of an obligation or a disapproval
    speech: Token | None = None  # the verb whose subject disapproves (said, called)
    region_ids: set[int] = field(default_factory=set)
    # arcs from the trigger to the word that met its rule's object condition (None: none)
    object_depth: float | None = None

    def __post_init__(self) -> None:
        self.region_ids = {t.i for t in self.region}

    @property
    def cameo(self) -> str:
        if self.rule is not None:
            return self.rule.cameo
        assert self.frame is not None and self.frame.cameo is not None
        return self.frame.cameo

    @property
    def rule_name(self) -> str:
        if self.rule is not None:
            return self.rule.name
        assert self.frame is not None
        return f"frames.csv:{self.frame.line}"

    @property
    def is_noun(self) -> bool:
        return self.rule is not None and self.rule.pos == "N"


class TriggerMatcher:
    """Finds the candidates of a sentence from the lexicon's rules and frames."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.support_verbs = lex.frame_words("support")
        self.occur_verbs = lex.frame_words("occur")
        self.provoking = lex.frame_words("provoke")
        self.speech = lex.frame_words("speech")
        self.undergo = lex.frame_words("undergo")
        self.suffer = lex.frame_words("suffer")
        self.obligations = {w: kinds["obligation"] for w, kinds in lex.frames.items()
                            if "obligation" in kinds}
        self.consequences = {w: kinds["consequence"] for w, kinds in lex.frames.items()
                             if "consequence" in kinds}
        self.futures = lex.words("future")
        self.disapprovals = {w: kinds["disapproval"] for w, kinds in lex.frames.items()
                             if "disapproval" in kinds}
        self.naming = lex.frame_words("naming")
        # First words of the rules by part of speech: most tokens are rejected on these.
        self.heads = {pos: {key.split()[0] for key, p in lex.rules if p == pos}
                      for pos in ("V", "N")}
        # Every word (lemma or form) that can start a candidate: the rest of a sentence's
        # words, most of them, are passed over without the checks (see _may_trigger).
        self._openers = frozenset(self.heads["V"] | self.heads["N"] | set(self.disapprovals)
                                  | set(self.speech))

    def candidates(self, sent: Any) -> list[Candidate]:
        """The trigger candidates of the sentence ``sent`` (a ``Span``)."""
        found: list[Candidate] = []
        for tok in tokens(sent.doc)[sent.start:sent.end]:
            if not self._may_trigger(tok):
                continue
            # A condemning predicate ("is a threat to our nation", said Abe) is the
            # speaker's accusation before it is the word's own event.
            condemns = self.disapproval(tok)
            cand = condemns if tok.dep_ in _PREDICATES else None
            cand = cand or self.match(tok)
            if cand is None and tok.lemma_.lower() in self.speech:
                cand = self._obligation(tok)
            cand = cand or condemns
            if cand is not None:
                found.append(cand)
        # "launched a missile attack", "imposed a curfew": when a support verb takes an
        # event noun, the noun says what happened; the verb only lends it its subject.
        lent = {c.support.i for c in found if c.support is not None}
        found = [c for c in found if c.token.i not in lent or c.is_noun]
        # "were killed in clashes with the army": the fighting is the event, and those
        # killed are one of its sides.
        fought = {c.token.head.head.i for c in found if self.fighting_in(c)}
        found = [c for c in found if c.token.i not in fought]
        # The purpose clause of a visit, a meeting or an offer can tell what else its doer
        # went on to do ("visited Ankara to announce a ceasefire", "flew to Paris to sign
        # the deal"): the clause's own verb, or the event noun it makes happen, is an event
        # of its own when it is of another type ("telephoned him to discuss" is the one
        # call). What the act was to help bring about ("offered troops to help him oust
        # Aoun") stays its argument, as an attack's aim does (guide, section 15), and so
        # does what a request asks for ("called for a force to fight the Serbs").
        purposes = {k.i: self.lex.code(c.cameo).plover for c in found
                    if self.lex.code(c.cameo).quad_class in _COOPERATIVE
                    and self.lex.code(c.cameo).plover != "REQUEST"
                    for k in c.token.children if k.dep_ == "advcl" and pr.is_purpose(k)}
        # (each word inside a candidate's arguments, with the types of the candidates
        # whose arguments hold it)
        holders: dict[int, set[str]] = {}
        for c in found:
            for i in c.region_ids:
                holders.setdefault(i, set()).add(self.lex.code(c.cameo).plover)
        inside = set(holders)
        for c in found:
            aim = purposes.get(c.token.i if c.support is None else c.support.i)
            if aim is None and c.support is not None:
                aim = purposes.get(c.token.i)
            if aim is not None and aim != self.lex.code(c.cameo).plover:
                inside.discard(c.token.i)
        # (a condemnation inside an accusation's object is that accusation: "condemned
        # what it termed a barbaric attack")
        accused = {i for i, kinds in holders.items() if "ACCUSE" in kinds}
        # (an event noun said to take place is its own: "shot a man, prompting
        # condemnation from Turkey")
        # (so is a request the act was done at: "arrived at the request of Mali")
        # (and so is a word said on the side, of another type than the act whose
        # arguments hold it: "announced the end of the truce, accusing rebels of 300
        # violations")
        # (an accusation only: a warning or a call beside an act most often tells its
        # purpose, and "protesting the arrest" after "demonstrated" is the one protest)
        said_aside = {c.token.i for c in found if _aside(c.token)
                      and self.lex.code(c.cameo).plover == "ACCUSE"
                      and c.token.i not in accused
                      and not any(self.lex.code(r.cameo).plover == "PROTEST" for r in
                                  self.lex.rules.get((c.token.lemma_.lower(), "V"), ()))}
        # (and so is the backing a protest states, guide section 12: "marched in support
        # of Kibaki", "demonstrated in solidarity with the miners")
        protests = {c.token.i for c in found if self.lex.code(c.cameo).plover == "PROTEST"}
        backing = {c.token.i for c in found if c.is_noun
                   and self.lex.code(c.cameo).plover == "SUPPORT"
                   and c.token.dep_ == "pobj" and c.token.head.lower_ in ("in", "for")
                   and c.token.head.head.i in protests}
        return [c for c in found if c.token.i not in inside or c.token.i in said_aside
                or c.token.i in backing or c.occurs or _own_doer(
            c.token, self.lex.code(c.cameo).quad_class in _VERBAL) or (
                _own_speaker(c) and c.token.i not in accused) or _occasion(c)
                or pr.behest_of(c.token) is not None]

    def _may_trigger(self, tok: Token) -> bool:
        """Whether any of :meth:`disapproval`, :meth:`match` and :meth:`_obligation` can
        return a candidate for ``tok``; each of them starts from one of these tests."""
        lower = tok.lower_
        return (tok.lemma_.lower() in self._openers or lower in self._openers
                or (lower.endswith("ing") and tok.tag_ == "NN")
                or (lower.endswith("ed") and tok.dep_ == "acomp"))

    def fighting_in(self, cand: Candidate) -> bool:
        """Whether ``cand`` is a clash noun in which its clause's subject was killed,
        wounded or died ("were killed in clashes with")."""
        tok = cand.token
        if not (cand.is_noun and cand.rule is not None and cand.rule.joint
                and tok.dep_ == "pobj" and tok.head.lower_ in _FIGHT_PREPS):
            return False
        verb = tok.head.head
        return verb.lemma_.lower() in _CASUALTY_VERBS and pr.is_verb(verb)

    def match(self, tok: Token) -> Candidate | None:
        """The candidate ``tok`` triggers, or None."""
        support: Token | None = None
        occurs = False
        lemma = tok.lemma_.lower()
        felt = self._feeling(tok)
        if felt is not None:
            return felt
        if lemma not in self.heads["V"] and lemma not in self.heads["N"] and not (
                tok.lower_.endswith("ing") and tok.tag_ == "NN"):
            return None
        if pr.is_attribute(tok):
            return None
        if pr.is_verb(tok):
            keys: list[tuple[tuple[str, str], list[Token]]] = []
            prt = pr.particle(tok)
            if prt:
                words = [tok] + [c for c in tok.children
                                 if c.dep_ in ("prt", "advmod") and c.lower_ == prt]
                keys.append(((f"{lemma} {prt}", "V"), words))
            prep = _next_preposition(tok)
            if prep is not None:
                keys.append(((f"{lemma} {prep.lower_}", "V"), [tok, prep]))
            keys.append(((lemma, "V"), [tok]))
            if tok.tag_ == "VBG" and (tok.dep_ in ("pobj", "nsubj", "dobj") or any(
                    c.dep_ == "compound" for c in tok.children)):
                # "injured in police firing": a gerund the tagger took for a verb where
                # a noun stands is the event noun ("firing")
                keys.append(((tok.lower_, "N"), [tok]))
        elif pr.is_noun(tok) and tok.ent_type_ in ("", "EVENT"):
            if self._restates(tok):
                return None
            keys = [((lemma, "N"), _hyphened(tok) + [tok])]
            verb = self._gerund_verb(tok)
            if verb is not None:
                # "the lifting of the curfew", "the shelling of Aleppo": a gerund used as a
                # noun says what its verb says, with the verb's object conditions.
                keys.append(((verb, "V"), [tok]))
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in _GEAR:
                return None  # "air raid sirens", "an attack helicopter": a thing, no event
            if tok.dep_ == "compound" and pr.is_noun(tok.head) and (
                    (tok.head.lemma_.lower(), "N") not in self.lex.rules):
                # "a mediation mission", "aid deliveries": the phrase's head stands in
                # for the event noun in the sentence's structure.
                keys = [((lemma, "N"), [tok, tok.head])]
                tok = tok.head
            support, occurs = self.support(tok)
        else:
            return None
        for key, words in keys:
            rules = self.lex.rules.get(key)
            if rules and any(r.subjects for r in rules):
                rules = [r for r in rules if not r.subjects or _intransitive_subject(
                    tok, r.subjects)]
            if not rules:
                continue
            region = (pr.support_region(tok, support) if support is not None
                      else pr.argument_region(tok))
            wanted = {o for r in rules for o in r.objects}
            # A passive's subject is what the verb acts on: "missiles were fired" meets
            # the condition "fire a missile" as "fired missiles" does.
            acted_on = region + [t for c in tok.children if c.dep_ == "nsubjpass"
                                 for t in c.subtree] if support is None else region
            if support is None and tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN":
                acted_on = acted_on + [tok.head]  # "the missile fired on Tuesday"
            elif support is None and pr.is_verb(tok):
                # how it is done, when the condition names a manner ("will respond
                # strongly", "respond militarily")
                acted_on = acted_on + [c for c in tok.children if c.dep_ == "advmod"
                                       and c.lower_ in wanted]
                # the same reduced relative parsed as a clause of its own ("the missile
                # fired on Tuesday took off"), or the weapon's own flight ("the missile
                # flew 3,700 km"): a weapon is no doer, but a crowd that dispersed is
                acted_on = acted_on + [c for c in tok.children if c.dep_ == "nsubj"
                                       and c.ent_type_ == "" and c.lemma_.lower() in wanted
                                       and c.lower_ not in self.lex.actor_nouns]
                if tok.dep_ == "relcl" and tok.head.lemma_.lower() in wanted and any(
                        c.dep_ == "nsubj" and c.lower_ in pr.RELATIVE_PRONOUNS
                        for c in tok.children):
                    acted_on = acted_on + [tok.head]  # "the missiles that flew over Erimo"
            found = _object_words(acted_on, tok, support, wanted, self.heads["N"],
                                  frozenset(w.i for w in words)) if wanted else {}
            rule = _best_rule(rules, found)
            if rule is not None:
                depth = min((found[o] for o in rule.objects if o in found), default=None)
                return Candidate(tok, words, rule, region, support, occurs,
                                 object_depth=depth)
        return None

    def _restates(self, tok: Token) -> bool:
        """An event noun that ranks an act told before among its kind: the predicate of
        "be", with a superlative, whose subject is "it" or another event noun ("It is the
        deadliest mass shooting in US history", "The attack was the worst terror attack
        since 2015"). (A count tells an act of its own: "This is the 15th missile test this
        year" is coded by the gold.)"""
        if tok.dep_ != "attr" or tok.head.lemma_ != "be" or not any(
                c.dep_ == "amod" and (c.tag_ == "JJS" or any(
                    m.lower_ == "most" for m in c.children)) for c in tok.children):
            return False
        return any(c.dep_ == "nsubj" and (c.lower_ in _THAT_ACT or (
            c.lemma_.lower() in self.heads["N"] or c.lemma_.lower() in _INCIDENTS))
            for c in tok.head.children)

    def _feeling(self, tok: Token) -> Candidate | None:
        """A participle the tagger read as an adjective after "be" ("is deeply worried
        over the launches"): the verb's rule with its preposition, as "was alarmed by"
        has it."""
        if not (tok.pos_ == "ADJ" and tok.tag_ == "JJ" and tok.dep_ == "acomp"
                and tok.lower_.endswith("ed")):
            return None
        prep = _next_preposition(tok)
        if prep is None:
            return None
        word = tok.lower_
        for verb in (word[:-2], word[:-1], word[:-3] + "y", word[:-3]):
            rules = self.lex.rules.get((f"{verb} {prep.lower_}", "V"))
            if not rules:
                continue
            region = pr.argument_region(tok)
            wanted = {o for r in rules for o in r.objects}
            rule = _best_rule(rules, _object_words(region, tok, None, wanted, self.heads["N"])
                              if wanted else {})
            if rule is not None:
                return Candidate(tok, [tok, prep], rule, region, None, False)
        return None

    def retold(self, tok: Token, told: set[str]) -> Candidate | None:
        """A definite event noun, the subject or object of its clause, whose rule wants a
        word the sentence lacks ("the launch", "the blast", "the drills") after the article
        has reported a material act of that rule's type: it names that act again, and takes
        the rule without its condition."""
        if tok.dep_ not in _RETELLING_DEPS:
            return None
        if not pr.is_noun(tok) or tok.ent_type_ not in ("", "EVENT") or not _definite(tok):
            return None
        for rule in self.lex.rules.get((tok.lemma_.lower(), "N"), []):
            code = self.lex.code(rule.cameo)
            if rule.objects and code.plover in told and code.quad_class in _MATERIAL:
                support, occurs = self.support(tok)
                region = (pr.support_region(tok, support) if support is not None
                          else pr.argument_region(tok))
                return Candidate(tok, [tok], rule, region, support, occurs)
        return None

    def retells(self, cand: Candidate, told: set[str]) -> bool:
        """Whether a weapon's launch or flight with no one named ("three missiles were
        launched on Saturday", "the missile flew 3,700 km") tells again an armed act of
        a type the article has reported: a retelling, coded again with the first report's
        actors (guide section 8)."""
        tok, rule = cand.token, cand.rule
        if rule is not None and cand.is_noun:
            # "The launch of the Hwasong-12 was supervised by Kim": a definite event noun,
            # the subject or object of its clause, after a report of its type, as retold()
            # has it
            code = self.lex.code(rule.cameo)
            return bool(tok.dep_ in _RETELLING_DEPS and _definite(tok)
                        and code.plover in told and code.quad_class in _MATERIAL)
        if rule is None or not rule.objects or not pr.is_verb(tok) or (
                pr.agent_phrase(tok) is not None):
            return False
        codes = [cand.cameo] + ([rule.alone] if rule.alone not in (None, "-") else [])
        if tok.dep_ == "csubj" and tok.tag_ == "VBG" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # "Firing a projectile over Japan was a provocative move": an act named as
            # what a judgement is about, after a report of its type, is that act again
            return any(self.lex.code(c).plover in told
                       and self.lex.code(c).quad_class in _MATERIAL for c in codes if c)
        subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subj is not None and tok.dep_ == "relcl" and subj.lower_ in pr.RELATIVE_PRONOUNS:
            subj = tok.head  # "the missiles that flew over Erimo"
        elif subj is None and tok.dep_ == "acl" and tok.tag_ == "VBN":
            subj = tok.head  # "an intercontinental missile launched in July"
        # A weapon that does something to an object is no flight ("the missile hit a
        # ship"); a distance it covered is ("flew 3,700 km").
        if subj is None or subj.ent_type_ or subj.lemma_.lower() not in rule.objects or (
                subj.dep_ == "nsubj" and any(c.dep_ == "dobj" and not _measure(c)
                                             for c in tok.children)):
            return False
        return any(self.lex.code(c).plover in told for c in codes if c) and (
            cand.cameo[:2] in _WEAPON_CODES)

    def support(self, noun: Token) -> tuple[Token | None, bool]:
        """The support verb of an event noun, and whether the noun is said to occur."""
        head_noun = noun
        while head_noun.dep_ == "conj" and pr.is_noun(head_noun.head):
            head_noun = head_noun.head  # "staged rallies and marches"
        if (head_noun.dep_ == "pobj" and head_noun.head.lower_ == "of"
                and head_noun.head.head.dep_ == "dobj"):
            head_noun = head_noun.head.head  # "launched [a series / ten days] of raids"
        verb = head_noun.head
        if head_noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in _SUPPORT_PREPS:
            verb = verb.head  # "went on strike", "engaged in talks", "remained on alert"
            if any(c.dep_ == "dobj" and (c.lemma_.lower(), "N") in self.lex.rules
                   for c in verb.children):
                # "opened an investigation into the attack": the verb's own object is the
                # event it lends itself to; the phrase says what that is about
                verb = None
        elif head_noun.dep_ != "dobj":
            verb = None
        if (verb is not None and pr.is_verb(verb) and self._verb_key(verb) in self.support_verbs
                and not any(c.dep_ == "oprd" for c in verb.children)):
            # (with an object predicate the verb names the event: "called the attack
            # barbaric" calls no attack, as "called a strike" does)
            return verb, False
        if head_noun.dep_ in ("nsubj", "nsubjpass") and (
                self._verb_key(head_noun.head) in self.occur_verbs):
            return None, True
        if head_noun.dep_ == "dobj" and self._verb_key(head_noun.head) in self.provoking:
            return None, True  # "prompting condemnation from the Turkish side"
        return None, False

    def _gerund_verb(self, noun: Token) -> str | None:
        """The trigger verb of a gerund used as a noun ("lifting", "easing", "shelling"),
        when it has no noun rule of its own."""
        lemma, word = noun.lemma_.lower(), noun.lower_
        if (noun.tag_ != "NN" or not word.endswith("ing") or len(word) < 6
                or (lemma, "N") in self.lex.rules):
            return None
        base = word[:-3]
        # (the lexicon's lemma corrections may have made it the verb's lemma already)
        for verb in (lemma, base, base + "e", base[:-1] if base[-1] == base[-2] else ""):
            if verb and (verb, "V") in self.lex.rules:
                return verb
        return None

    @staticmethod
    def _verb_key(verb: Token) -> str:
        prt = pr.particle(verb)
        lemma = verb.lemma_.lower()
        return f"{lemma} {prt}" if prt else lemma

    def _obligation(self, speech: Token) -> Candidate | None:
        """ "X said Y must withdraw": a demand by X on Y, framed by the modal; "X suggested
        Y withdraw" (a subjunctive) an appeal; "X said Y will face consequences" X's threat
        against Y."""
        for clause in speech.children:
            if clause.dep_ != "ccomp":
                continue
            subj = pr.subject(clause)
            if subj is not None and subj.lower_ in _SELF:
                continue  # "we shouldn't live in a world like that": a wish, no demand
            region = sorted(clause.subtree, key=lambda t: t.i)
            proposal = self.obligations.get("should")
            if pr.subjunctive(clause) and proposal is not None:
                return Candidate(speech, [speech], None, region, frame=proposal, clause=clause)
            for aux in clause.children:
                frame = self.obligations.get(aux.lower_)
                if aux.dep_ == "aux" and frame is not None:
                    return Candidate(speech, [speech, aux], None, region, frame=frame,
                                     clause=clause)
            faced = self._consequence(clause)
            if faced is not None:
                return Candidate(speech, [speech, faced[0]], None, region, frame=faced[1],
                                 clause=clause)
        return None

    def _consequence(self, clause: Token) -> tuple[Token, Frame] | None:
        """ "(X said) Y will face consequences": what Y is to face, and its threat frame."""
        if clause.lemma_.lower() != "face" or not any(
                a.dep_ == "aux" and a.lower_ in self.futures for a in clause.children):
            return None
        for obj in clause.children:
            if obj.dep_ == "dobj":
                for noun in pr.conjuncts(obj):
                    frame = self.consequences.get(noun.lemma_.lower())
                    if frame is not None:
                        return noun, frame
        return None

    def disapproval(self, tok: Token) -> Candidate | None:
        """ "Abe said the launch was unacceptable", "called the move reckless": a word that
        condemns what a speaker says it of is the speaker's accusation."""
        frame = self.disapprovals.get(tok.lemma_.lower()) or self.disapprovals.get(tok.lower_)
        # (the tagger reads some adjectives in -ly as adverbs: "a cowardly act")
        if frame is None or not (tok.pos_ in ("ADJ", "NOUN") or (
                tok.pos_ == "ADV" and tok.dep_ == "amod")):
            return None
        # A noun condemns as a predicate ("was a provocation", "called it a crime"); an
        # adjective also as a modifier ("Pyongyang's reckless act is a threat"); and a noun
        # that says what kind of act it was ("called the attack an act of pure evil").
        cur, first = tok, True
        if (tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "of"
                and tok.head.head.lemma_.lower() in _KINDS_OF_ACT):
            cur = tok.head.head
        while cur.pos_ not in ("VERB", "AUX"):
            dep = cur.dep_
            if first and tok.pos_ == "NOUN" and dep not in _PREDICATES and not (
                    dep == "pobj" and cur.head.lower_ == "as") and not (
                    dep in ("nsubj", "nsubjpass") and _pointed(tok)):
                return None
            if dep not in _EVALUATED or cur.head.i == cur.i or (
                    dep == "prep" and cur.lower_ != "as"):
                return None
            cur, first = cur.head, dep == "conj" and first
        if self._verb_key(cur) in self.naming and tok.i not in _subtree_ids(cur, "nsubj"):
            speech, clause = cur, cur
        elif cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in self.speech:
            speech, clause = cur.head, cur
        else:
            return None
        return Candidate(tok, [tok], None, [t for t in tok.subtree if t.i != tok.i],
                         frame=frame, clause=clause, speech=speech)


# The arcs from a condemning word up to the verb of its clause: predicate, modifier of an
# argument, coordination, "as" phrase.
_EVALUATED = frozenset({"amod", "acomp", "attr", "oprd", "xcomp", "nsubj", "nsubjpass", "dobj",
                        "conj", "appos", "pobj", "prep", "ccomp"})
_PREDICATES = frozenset({"attr", "oprd", "acomp", "appos", "conj", "xcomp", "ccomp"})
_POINTING = frozenset({"this", "these", "that", "those", "such"})
# Nouns whose "of" phrase says what kind of act it was ("an act of pure evil").
_KINDS_OF_ACT = frozenset({"act", "deed", "crime", "display", "example"})
# The prepositions of the occasion an act took place at ("at a meeting", "during talks").
_OCCASION_PREPS = frozenset({"at", "during"})
_MEETINGS = frozenset({"040", "046"})  # (a visit's doer is not the act's: "during Qaouk's visit")


def _pointed(noun: Token) -> bool:
    """Whether a noun points at acts the text has told or names whose they are ("these
    continued provocations", "North Korea's provocations"): the subject of what a speaker
    says, it condemns them as a predicate would."""
    return any((c.dep_ == "det" and c.lower_ in _POINTING) or c.dep_ == "poss"
               for c in noun.children)


def _own_speaker(cand: Candidate) -> bool:
    """A condemnation inside another act's phrase that names who condemns ("killed 84 in
    what Hollande called a barbaric act"): the speaker's own accusation."""
    return bool(cand.frame is not None and cand.speech is not None and cand.rule is None
                and cand.speech.i != cand.token.i and pr.subject(cand.speech) is not None)


def _occasion(cand: Candidate) -> bool:
    """Whether ``cand`` is a meeting noun that is the occasion of another act, not its
    argument: "showed his support for Serbia at a Kremlin meeting with Tadic" tells of the
    meeting too."""
    tok = cand.token
    return bool(cand.is_noun and tok.dep_ == "pobj" and tok.head.lower_ in _OCCASION_PREPS
                and cand.rule is not None and cand.cameo in _MEETINGS)


def _aside(tok: Token) -> bool:
    """A participle after a comma that says what its clause's subject did besides
    ("announced the end of the truce, accusing rebels of violations")."""
    return (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i
            and tok.i > 0 and tok.doc[tok.i - 1].text == ","
            and any(c.dep_ in ("dobj", "ccomp") for c in tok.children))


def _own_doer(tok: Token, verbal: bool = False) -> bool:
    """A participle or relative clause inside another event's arguments that names its
    own doer ("under a 1992 agreement signed by Moscow and Dushanbe", "a treaty that
    Russia signed"), or an event noun that does ("over objections from China"): an act
    of its own, not the other event's argument."""
    if pr.is_noun(tok) and tok.dep_ == "pobj":
        # "agreed to deploy it over objections from China": an act its own phrase says
        # who did ("by" a name; "from" one for what is said: the withdrawal "from
        # Panama" is from a place)
        doer = pr.agent_phrase(tok, pr.SOURCE_PREPS if verbal else frozenset({"by"}))
        return doer is not None and doer.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
    if not pr.is_verb(tok) or tok.dep_ not in ("acl", "relcl") or pr.content_clause(tok):
        return False  # ("its demand that Israel ease curbs": what is demanded, as "demanded
        # that Israel ease" has it, not an act of its own)
    # (and a passive relative clause tells what was done to its antecedent: "players who
    # were kicked off a plane")
    return any((c.dep_ == "agent") or (c.dep_ in ("nsubj", "nsubjpass")
                                        and c.lower_ not in pr.RELATIVE_PRONOUNS)
               or (c.dep_ == "nsubjpass" and tok.dep_ == "relcl")
               for c in tok.children)


def _measure(noun: Token) -> bool:
    """A counted quantity ("3,700 kilometers", "19 minutes")."""
    return any(c.dep_ == "nummod" for c in noun.children)


def _hyphened(tok: Token) -> list[Token]:
    """The first part and the hyphen of a hyphenated word whose last part ``tok`` took
    the whole word's lemma (``lexicon.correct_lemmas``: "cease-fire"), else none."""
    if tok.i < 2:
        return []
    hyphen, first = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    if in_word_hyphen(hyphen) and tok.lemma_.lower().startswith(first.lower_):
        return [first, hyphen]
    return []


def _intransitive_subject(verb: Token, subjects: frozenset[str]) -> bool:
    """Whether ``verb`` is used without an object and its subject is one of ``subjects``
    (a rule's subject condition: "teachers will strike", not "guards struck a man")."""
    if not pr.is_verb(verb) or any(c.dep_ in ("dobj", "nsubjpass", "auxpass")
                                   for c in verb.children):
        return False
    subj = pr.shared_subject(verb)
    if subj is not None and subj.lemma_.lower() in _CROWDS:
        # "thousands of workers struck": the people counted
        subj = next((o for _, o in pr.prep_objects(subj, frozenset({"of"}))), subj)
    return subj is not None and subj.lemma_.lower() in subjects


def _amount_of(prep: Token) -> bool:
    """An "in" that says what a sum is made of, not where: "$5 billion in aid", "forgave
    millions of dollars in debts"."""
    return prep.lower_ == "in" and prep.i > 0 and prep.doc[prep.i - 1].ent_type_ in _SUMS


def _subtree_ids(verb: Token, dep: str) -> set[int]:
    return {t.i for c in verb.children if c.dep_ == dep for t in c.subtree}


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE)
               for c in noun.children)


def _next_preposition(verb: Token) -> Token | None:
    """The preposition a verb takes right after it, adverbs and a closing quotation mark
    allowed between ("called on", "pushing hard for", "called Thursday on", '"horrified"
    by')."""
    for child in verb.children:
        if child.i <= verb.i or child.dep_ not in ("prep", "agent"):
            continue
        between = verb.doc[verb.i + 1:child.i]
        if all(t.head.i == verb.i and (t.dep_ in ("advmod", "npadvmod") or t.tag_ == "''")
               for t in between) and len(between) <= 2:
            return child
        return None
    return None


def _object_words(region: list[Token], tok: Token, support: Token | None,
                  wanted: set[str], events: set[str],
                  own: frozenset[int] = frozenset()) -> dict[str, float]:
    """What an object condition is checked against: the lemmas, forms and entity labels
    of the arguments, each with its distance from the trigger (arcs; an adjective counts
    half an arc more than a noun, being weaker evidence of what is acted on). Purpose and
    participle clauses ("..., to demand reforms") are left out: they are other acts. The
    trigger's ``own`` words include its preposition: "called in troops" names no place."""
    anchors = {tok.i} | ({support.i} if support is not None else set())
    out: dict[str, float] = {}
    for t in region:
        words = [w for w in (t.lemma_.lower(), t.lower_, t.ent_type_) if w in wanted]
        if not words or pr.time_phrase(t):
            continue
        depth, cur, clause = 0, t, False
        if t.i == tok.head.i and tok.dep_ in ("acl", "amod"):
            depth = 1  # the noun a participle describes is what it acts on
        else:
            while cur.i not in anchors and cur.head.i != cur.i and depth < 8:
                # (a place phrase says where, not what: "captured in the province of
                # Helmand" took no province; but "died in police firing" names the act)
                clause = clause or cur.dep_ == "advcl" or (
                    cur.dep_ == "prep" and cur.lower_ in _WHERE and cur.i != t.i
                    and cur.i not in own and t.lemma_.lower() not in events
                    and not _amount_of(cur))
                cur, depth = cur.head, depth + 1
        if clause:
            continue
        weight = depth + (0.5 if t.pos_ == "ADJ" else 0.0)
        for word in words:
            if weight < out.get(word, 99.0):
                out[word] = weight
    return out


# The words that stand for an act told before, as the subject of what it was.
_THAT_ACT = frozenset({"it", "this", "that"})
_INCIDENTS = frozenset({"incident", "event", "tragedy", "massacre", "rampage"})


def _best_rule(rules: list[TriggerRule], words: dict[str, float]) -> TriggerRule | None:
    """The rule whose object stands nearest the trigger (file order breaks ties); the
    general rule when no object condition holds."""
    best: tuple[float, int] | None = None
    chosen: TriggerRule | None = None
    for n, rule in enumerate(rules):
        if not rule.objects:
            if chosen is None:
                return rule
            continue
        hits = [words[o] for o in rule.objects if o in words]
        if hits and (best is None or (min(hits), n) < best):
            best, chosen = (min(hits), n), rule
    return chosen
