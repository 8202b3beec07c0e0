"""The learned part of the coder: which proposed events a sentence really reports.

The parse and the lexicons propose; this model decides. A candidate is a word with a type it
may report, proposed by a trigger rule (``triggers.csv``), by PETRARCH2's CAMEO verb
dictionary (``petrarch_verbs.csv``, ``petrarch_patterns.csv``: the verb's own code, or a
pattern on its object) or by the words the training data showed triggering that type. Its
features say who proposed it and what the parse shows around it (object, prepositions,
subject and whether that is a coded actor, negation, auxiliaries, the clause above it or
the verb that governs a noun, how many actors and countries the sentence names, whether the
word is quoted or reported speech, how political the article is and whether it is business
news, whether an earlier sentence already reported an event of the type), each also
joined with the type. A logistic regression gives the probability that the candidate is an
event of that type; the coder keeps those that reach the model's threshold ("released the
figures" is no RETREAT, a sports page's "beat" no ASSAULT), with the arguments, modality,
date and place the rules find for them.

The weights are trained by ``newsevents train`` (:mod:`.training`) from the project's own
real-news annotations and shipped as ``data/models/events.json``; applying them needs
nothing but the standard library. Without that file the coder runs on rules alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from ..datafiles import iter_rows, package_path
from ..errors import DataFileError
from ..models import PLOVER_TYPES, Mention
from ..nlp import sentence, tokens
from . import parse_rules as pr
from .lexicon import Lexicon

Token = Any
# The feature of a candidate the rules alone would code (with a source, or a passive's
# target; a noun that is reported, not only named).
RULE_COMPLETE = "rules_alone"
MODEL_FILE = "models/events.json"
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "nsubjpass"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp"})
_GOVERNED_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr"})
_QUOTES = frozenset({'"', "“", "”"})


@dataclass(frozen=True)
class VerbLexicon:
    """PETRARCH2's verbs (lemma -> block, code) and patterns (block -> object -> code)."""

    verbs: dict[str, tuple[str, str]]
    patterns: dict[str, dict[tuple[str, str], str]]

    def code(self, tok: Token) -> tuple[str | None, str | None]:
        """(the verb's own code, the code a pattern on its arguments gives), either None."""
        lemma = tok.lemma_.lower()
        prt = pr.particle(tok)
        entry = self.verbs.get(f"{lemma} {prt}") if prt else None
        entry = entry or self.verbs.get(lemma)
        if entry is None:
            return None, None
        block, own = entry
        table = self.patterns.get(block, {})
        found: str | None = None
        for child in tok.children:
            if child.dep_ in _OBJECT_DEPS:
                found = found or table.get(("", child.lemma_.lower()))
            elif child.dep_ == "prep":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                for obj in objs:
                    found = found or table.get((child.lower_, obj.lemma_.lower()))
                found = found or table.get((child.lower_, ""))
        return (None if own == "---" else own), found


@lru_cache(maxsize=1)
def load_verb_lexicon() -> VerbLexicon:
    verbs: dict[str, tuple[str, str]] = {}
    for _, row in iter_rows(package_path("petrarch_verbs.csv"), ("verb", "block", "cameo")):
        verbs[row["verb"]] = (row["block"], row["cameo"])
    patterns: dict[str, dict[tuple[str, str], str]] = {}
    for _, row in iter_rows(package_path("petrarch_patterns.csv"), ("block", "cameo")):
        patterns.setdefault(row["block"], {}).setdefault(
            (row.get("prep", ""), row.get("object", "")), row["cameo"])
    return VerbLexicon(verbs, patterns)


class Featurizer:
    """Proposes (word, type) candidates and describes them, the same at training and at
    coding time. A candidate's type comes from a trigger rule, from PETRARCH2's verb
    dictionary (the verb's own code, or a pattern on its object), or from the words the
    training data showed triggering that type (``learned``)."""

    def __init__(self, lex: Lexicon, verbs: VerbLexicon,
                 learned: dict[str, list[str]] | None = None) -> None:
        self.lex = lex
        self.verbs = verbs
        self.learned = learned or {}
        self.speech = lex.frame_words("speech")
        self._facts_doc: Any = None
        self._facts_key: tuple[int, int, int] | None = None
        self._facts: tuple[int, int, list[int]] = (0, 0, [])

    def _type(self, code: str | None) -> str | None:
        if code is None or code not in self.lex.cameo:
            return None
        return self.lex.code(code).plover

    def candidates(self, tok: Token, rule_types: list[str]) -> dict[str, list[str]]:
        """The types ``tok`` may report, each with where the proposal came from."""
        out: dict[str, list[str]] = {}
        for kind in rule_types:
            out.setdefault(kind, []).append("rule")
        if pr.is_verb(tok):
            own, pattern = self.verbs.code(tok)
            for origin, code in (("pet", own), ("petobj", pattern)):
                proposed = self._type(code)
                if proposed:
                    out.setdefault(proposed, []).append(origin)
        if pr.is_verb(tok) or (tok.pos_ == "NOUN" and tok.ent_type_ in ("", "EVENT")):
            for kind in self.learned.get(tok.lemma_.lower(), []):
                out.setdefault(kind, []).append("learned")
        return out

    def context(self, tok: Token, inside: list[str], mention_at: dict[int, Mention],
                political: int) -> list[str]:
        """What the parse shows around the word, whatever the type."""
        f = [f"pos={tok.pos_}", f"dep={tok.dep_}", f"tag={tok.tag_}"]
        f += [f"inside={t}" for t in inside]
        for child in tok.children:
            dep = child.dep_
            if dep in _OBJECT_DEPS:
                f.append(f"obj={child.lemma_.lower()}")
                f.append("obj_actor" if child.i in mention_at else "obj_other")
            elif dep == "prep":
                f.append(f"prep={child.lower_}")
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i in mention_at:
                        f.append("prep_actor")
            elif dep == "neg":
                f.append("neg")
            elif dep in ("aux", "auxpass"):
                f.append(f"aux={child.lower_}")
            elif dep == "agent":
                f.append("agent")
            elif dep == "poss" and child.i in mention_at:
                f.append("poss_actor")
            elif dep in ("amod", "compound") and child.i in mention_at:
                f.append("mod_actor")
            elif dep == "compound" and tok.pos_ == "NOUN":
                # what kind of act the noun names: "missile launch", "product launch"
                f.append(f"mod={child.lemma_.lower()}")
        subj = pr.subject(tok) if pr.is_verb(tok) else None
        if subj is not None:
            m = mention_at.get(subj.i)
            f.append(f"subj_sector={m.actor.sector or 'none'}" if m is not None else
                     f"subj={subj.ent_type_ or subj.pos_}")
            if m is not None:
                f.append("subj_actor")
        else:
            f.append("nosubj")
        if tok.dep_ in _CLAUSE_DEPS:
            f.append(f"head={tok.head.lemma_.lower()}")
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in _GOVERNED_DEPS:
            # the verb that governs an event noun ("lodged a protest", "delivered strikes",
            # "opened an investigation into the attack"), and the preposition between them
            if tok.dep_ == "pobj":
                f.append(f"gprep={tok.head.lower_}")
                f.append(f"gov={tok.head.head.lemma_.lower()}")
            else:
                f.append(f"gov={tok.head.lemma_.lower()}")
        sent = sentence(tok)
        # how many actors the sentence names, and of how many countries: a sentence
        # that names none reports few events the gold codes
        actors, countries, quotes = self._sentence_facts(sent, mention_at)
        f.append(f"actors={actors}")
        f.append(f"countries={countries}")
        if sum(1 for q in quotes if q < tok.i) % 2:
            f.append("quoted")
        if pr.reporting_verb(tok, self.speech) is not None:
            f.append("reported")
        end = sent[-1].text if len(sent) else ""
        f.append("sent_end" if end in (".", "!", "?", '"', "”", "'", "’") else "sent_open")
        f.append(f"political={min(political, 3)}")
        return f

    def _sentence_facts(self, sent: Any, mention_at: dict[int, Mention]
                        ) -> tuple[int, int, list[int]]:
        """(actors named, countries named, each capped at 2; where its quotation marks
        are) for ``sent``, worked out once a sentence: every candidate word asks."""
        key = (sent.start, sent.end, len(mention_at))
        if self._facts_doc is not sent.doc or self._facts_key != key:
            named = [mention_at[i] for i in range(sent.start, sent.end) if i in mention_at]
            countries = {m.actor.country for m in named if m.actor.country}
            self._facts = (min(len(named), 2), min(len(countries), 2),
                           [t.i for t in tokens(sent.doc)[sent.start:sent.end]
                            if t.text in _QUOTES])
            self._facts_doc, self._facts_key = sent.doc, key
        return self._facts

    @staticmethod
    def features(tok: Token, kind: str, origins: list[str], context: list[str]) -> list[str]:
        """A candidate's features: the context, each also joined with the type."""
        lemma = tok.lemma_.lower()
        f = [f"T={kind}", f"lem={lemma}", f"T={kind}|lem={lemma}",
             f"from={'+'.join(sorted(set(origins)))}",
             f"T={kind}|from={'+'.join(sorted(set(origins)))}"]
        f += [f"o={o}" for o in origins] + [f"T={kind}|o={o}" for o in origins]
        f += context
        f += [f"T={kind}|{c}" for c in context if not c.startswith(("tag=", "political="))]
        return f


@dataclass(frozen=True)
class EventModel:
    """Logistic-regression weights over candidate features; a candidate whose probability
    reaches ``threshold`` is an event of its type."""

    intercept: float
    weights: dict[str, float]
    learned: dict[str, list[str]]
    threshold: float
    keep: float  # the lower bar for what the rules alone code (with a source)
    meta: dict[str, Any]

    def accepts(self, features: list[str]) -> bool:
        bar = self.keep if RULE_COMPLETE in features else self.threshold
        return self.probability(features) >= bar

    def probability(self, features: Iterable[str]) -> float:
        score = self.intercept + sum(map(self.weights.get, features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))

    def to_json(self) -> dict[str, Any]:
        return {"intercept": round(self.intercept, 5),
                "weights": {f: round(w, 5) for f, w in sorted(self.weights.items())},
                "learned": {k: sorted(v) for k, v in sorted(self.learned.items())},
                "threshold": self.threshold, "keep": self.keep, "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any], origin: str) -> EventModel:
        try:
            learned = {str(k): [str(t) for t in v] for k, v in data["learned"].items()}
            if any(t not in PLOVER_TYPES for v in learned.values() for t in v):
                raise ValueError("unknown event type")
            return cls(intercept=float(data["intercept"]),
                       weights={str(f): float(w) for f, w in data["weights"].items()},
                       learned=learned, threshold=float(data["threshold"]),
                       keep=float(data["keep"]), meta=dict(data.get("meta", {})))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataFileError(origin, 0, f"not an event model ({exc})") from exc


def model_path() -> Path:
    return package_path(MODEL_FILE)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> EventModel | None:
    """The shipped (or given) event model, or None when there is none."""
    p = Path(path) if path else model_path()
    if not p.exists():
        return None
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(str(p), 0, f"cannot read the event model ({exc})") from exc
    return EventModel.from_json(data, str(p))
