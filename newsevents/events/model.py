"""The learned part of the coder: which words report an event, and of which type.

The parse and the lexicons propose; this model decides. Every verb of a sentence, and every
noun the rules or the training data know as an event noun, is a candidate. Its features say
what the rules (``triggers.csv``) and PETRARCH2's CAMEO verb dictionary (``petrarch_verbs.csv``,
``petrarch_patterns.csv``) make of it, and what the parse shows around it: its lemma, its
object and prepositions, its subject and whether that is a coded actor, negation and
auxiliaries, the clause above it. A multinomial logistic regression over those features
gives the probability of each of the 16 PLOVER types and of "no event".

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
from pathlib import Path
from typing import Any

from ..datafiles import iter_rows, package_path
from ..errors import DataFileError
from ..models import PLOVER_TYPES, Mention
from . import parse_rules as pr
from .lexicon import Lexicon

Token = Any
NO_EVENT = "NONE"
MODEL_FILE = "models/events.json"
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative", "nsubjpass"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp"})


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
    """The features of a candidate word, the same at training and at coding time."""

    def __init__(self, lex: Lexicon, verbs: VerbLexicon, nouns: Iterable[str] = ()) -> None:
        self.lex = lex
        self.verbs = verbs
        self.nouns = frozenset(nouns) | frozenset(k for k, pos in lex.rules if pos == "N")
        self.all_nouns = False  # training looks at every noun, to learn which trigger

    def is_candidate(self, tok: Token) -> bool:
        if pr.is_verb(tok):
            return True
        return bool(tok.pos_ == "NOUN" and tok.ent_type_ in ("", "EVENT")
                    and (self.all_nouns or tok.lemma_.lower() in self.nouns))

    def _type(self, code: str | None) -> str | None:
        if code is None or code not in self.lex.cameo:
            return None
        return self.lex.code(code).plover

    def features(self, tok: Token, rule_types: list[str], inside: list[str],
                 mention_at: dict[int, Mention], political: int) -> list[str]:
        lemma = tok.lemma_.lower()
        f = [f"lem={lemma}", f"pos={tok.pos_}", f"dep={tok.dep_}", f"tag={tok.tag_}"]
        own, pattern = self.verbs.code(tok) if pr.is_verb(tok) else (None, None)
        for name, code in (("pet", own), ("petobj", pattern)):
            kind = self._type(code)
            if kind:
                f += [f"{name}={kind}", f"{name}root={code[:2] if code else ''}"]
        f += [f"rule={t}" for t in rule_types] or ["norule"]
        f += [f"inside={t}" for t in inside]
        for child in tok.children:
            dep = child.dep_
            if dep in _OBJECT_DEPS:
                f.append(f"obj={child.lemma_.lower()}")
                f.append("obj_actor" if child.i in mention_at else "obj_other")
            elif dep == "prep":
                f.append(f"prep={child.lower_}")
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        f.append(f"p_{child.lower_}={obj.lemma_.lower()}")
                        if obj.i in mention_at:
                            f.append(f"pactor_{child.lower_}")
            elif dep == "neg":
                f.append("neg")
            elif dep in ("aux", "auxpass"):
                f.append(f"aux={child.lower_}")
            elif dep == "agent":
                f.append("agent")
        subj = pr.subject(tok) if pr.is_verb(tok) else None
        if subj is not None:
            m = mention_at.get(subj.i)
            f.append(f"subj_sector={m.actor.sector or 'none'}" if m else
                     f"subj={subj.ent_type_ or subj.pos_}")
            f.append(f"subjlem={subj.lemma_.lower()}")
        else:
            f.append("nosubj")
        if tok.dep_ in _CLAUSE_DEPS:
            f.append(f"head={tok.head.lemma_.lower()}")
        if tok.dep_ == "compound" or (tok.dep_ == "amod" and pr.is_verb(tok)):
            f.append("modifier")
        end = tok.sent[-1].text if len(tok.sent) else ""
        f.append("sent_end" if end in (".", "!", "?", '"', "”", "'", "’") else "sent_open")
        f.append(f"political={min(political, 3)}")
        f.append(f"lem_pet={lemma}|{self._type(own) or '-'}")
        return f


@dataclass(frozen=True)
class EventModel:
    """Logistic-regression weights: per feature, per class."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, dict[int, float]]
    nouns: frozenset[str]
    keep: float  # a rule event is kept when its type has at least this probability
    propose: float  # the model adds an event when a type has at least this probability
    meta: dict[str, Any]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = list(self.intercept)
        for name in features:
            for k, w in self.weights.get(name, {}).items():
                scores[k] += w
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercept": list(self.intercept),
                "weights": {f: {str(k): round(w, 5) for k, w in ws.items()}
                            for f, ws in sorted(self.weights.items())},
                "nouns": sorted(self.nouns), "keep": self.keep, "propose": self.propose,
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any], origin: str) -> EventModel:
        try:
            classes = tuple(data["classes"])
            if any(c not in (*PLOVER_TYPES, NO_EVENT) for c in classes):
                raise ValueError("unknown class")
            return cls(classes=classes, intercept=tuple(float(x) for x in data["intercept"]),
                       weights={f: {int(k): float(w) for k, w in ws.items()}
                                for f, ws in data["weights"].items()},
                       nouns=frozenset(data.get("nouns", [])), keep=float(data["keep"]),
                       propose=float(data["propose"]), meta=dict(data.get("meta", {})))
        except (KeyError, TypeError, ValueError) as exc:
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
