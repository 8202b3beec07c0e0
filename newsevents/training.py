"""Train the event model (:mod:`newsevents.events.model`) from the project's own gold.

The gold (``gold/news-cluster/gold.jsonl``) points into ``../shared/corpus``. Its articles
are split by story: a story whose name hashes to 0 mod 3 is held out for the dev scoreboard,
the others train. Each training article is parsed and its actors found as in coding; every
candidate word of an annotated unit is an example, labelled with the type of the gold event
whose trigger it is (any modality: the modality reader decides that part), else "no event".
A multinomial logistic regression (scikit-learn, fixed seed, CPU) is fitted on the
features, the two decision thresholds are chosen by cross-validation over the training
articles, and the weights are written as JSON.

Example::

    from newsevents.training import train
    report = train()                      # writes newsevents/data/models/events.json
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError
from .evaluate.realnews import (
    GoldUnit,
    _normalised,
    default_corpus,
    default_gold_dir,
    load_corpus,
    load_units,
    split_of,
)
from .events import Coder, load_lexicon
from .events.model import NO_EVENT, EventModel, model_path
from .models import Document, Failure
from .settings import Settings

__all__ = ["train", "split_of", "TrainReport"]

SEED = 13
C = 0.5


@dataclass
class TrainReport:
    path: str
    articles: int
    examples: int
    labels: dict[str, int]
    keep: float
    propose: float
    cv_f1: float
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        return (f"trained on {self.articles} articles, {self.examples} candidate words "
                f"({sum(v for k, v in self.labels.items() if k != NO_EVENT)} events); "
                f"thresholds keep {self.keep}, propose {self.propose}; cross-validated "
                f"trigger F1 {self.cv_f1:.3f}\nwrote {self.path}\n")


def _parsed(records: dict[str, dict[str, Any]], doc_ids: Iterable[str],
            settings: Settings) -> Iterable[Document]:
    from .actors import find_actors_batch
    from .nlp import parse_documents
    from .read.records import record_document

    docs = (record_document(records[d], f"news-cluster:{d[:12]}", d, settings)
            for d in doc_ids)
    parsed = parse_documents((d for d in docs if not isinstance(d, Failure)), settings)
    yield from find_actors_batch(parsed, settings)


def _raw_offsets(raw: str, doc: Document) -> dict[int, int]:
    """Clean-text sentence start -> raw-text offset of the same sentence."""
    norm, where = _normalised(raw)
    out: dict[int, int] = {}
    cursor = 0
    for sent in doc.sentences:
        text, _ = _normalised(sent.text)
        at = norm.find(text.strip(), cursor)
        if at < 0:
            at = norm.find(text.strip())
        if at >= 0:
            out[sent.index] = where[at]
            cursor = at
    return out


def examples(units: list[GoldUnit], records: dict[str, dict[str, Any]],
             settings: Settings) -> tuple[list[list[str]], list[str], list[str], Counter[str]]:
    """(features, label, article) per candidate word of the annotated units, and the
    lemmas of gold noun triggers."""
    by_doc: dict[str, list[GoldUnit]] = {}
    for u in units:
        by_doc.setdefault(u.doc_id, []).append(u)
    coder = Coder(load_lexicon(), _gazetteer(), _kb(settings))
    coder.featurizer.all_nouns = True
    X: list[list[str]] = []
    y: list[str] = []
    groups: list[str] = []
    nouns: Counter[str] = Counter()
    for doc in _parsed(records, by_doc, settings):
        raw = records[doc.id]["text"]
        starts = _raw_offsets(raw, doc)
        doc_units = by_doc[doc.id]
        for prop in coder.proposals(doc):
            sent = doc.sentences[prop.sentence]
            if prop.sentence not in starts:
                continue
            at = starts[prop.sentence] + _offset_in(sent.text, prop.token.idx - sent.start)
            unit = next((u for u in doc_units if u.start <= at < u.end), None)
            if unit is None:
                continue
            label = next((e.type for e in unit.events
                          if e.trigger and e.trigger[0] <= at < e.trigger[1]), NO_EVENT)
            if label == NO_EVENT and not _verbish(prop.token):
                if prop.token.lemma_.lower() not in coder.featurizer.nouns:
                    continue  # an ordinary noun: not a candidate unless it triggers
            if label != NO_EVENT and not _verbish(prop.token):
                nouns[prop.token.lemma_.lower()] += 1
            X.append(prop.features)
            y.append(label)
            groups.append(doc.id)
        doc.parse = None
    return X, y, groups, nouns


def _offset_in(sentence: str, clean_offset: int) -> int:
    """A clean-text offset inside a sentence, as an offset in its white-space-normalised
    form (the raw text differs from the clean one only in white space)."""
    norm, _ = _normalised(sentence[:clean_offset])
    return len(norm)


def _verbish(tok: Any) -> bool:
    from .events import parse_rules as pr

    return pr.is_verb(tok)


def _gazetteer() -> Any:
    from .places import get_gazetteer

    return get_gazetteer()


def _kb(settings: Settings) -> Any:
    from .actors import load_kb

    return load_kb(settings.actor_files)


def _fit(X: list[list[str]], y: list[str]) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    clf = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    clf.fit(matrix, y)
    return vec, clf


def _to_model(vec: Any, clf: Any, nouns: Iterable[str], keep: float, propose: float,
              meta: dict[str, Any]) -> EventModel:
    classes = tuple(str(c) for c in clf.classes_)
    weights: dict[str, dict[int, float]] = {}
    names = vec.get_feature_names_out()
    coef = clf.coef_
    for j, name in enumerate(names):
        row = {k: float(coef[k, j]) for k in range(len(classes)) if abs(coef[k, j]) >= 1e-4}
        if row:
            weights[str(name)] = row
    return EventModel(classes=classes, intercept=tuple(float(x) for x in clf.intercept_),
                      weights=weights, nouns=frozenset(nouns), keep=keep, propose=propose,
                      meta=meta)


def _decisions(model: EventModel, X: list[list[str]]) -> list[dict[str, float]]:
    return [model.probabilities(f) for f in X]


def _choose_thresholds(probs: list[dict[str, float]], X: list[list[str]], y: list[str]
                       ) -> tuple[float, float, float]:
    """The (keep, propose) pair with the best trigger-level F1 on held-out predictions."""
    best = (0.0, 0.3, 0.3)
    grid = [round(0.05 * i, 2) for i in range(1, 13)]
    for keep in grid:
        for propose in grid:
            tp = fp = fn = 0
            for p, feats, gold in zip(probs, X, y, strict=True):
                rules = [f[5:] for f in feats if f.startswith("rule=")]
                chosen = {t for t in rules if p.get(t, 0.0) >= keep}
                if not chosen:
                    top = max((t for t in p if t != NO_EVENT), key=lambda t: p[t])
                    if p[top] >= propose and p[top] >= p.get(NO_EVENT, 0.0):
                        chosen = {top}
                if gold != NO_EVENT:
                    tp += gold in chosen
                    fn += gold not in chosen
                fp += len(chosen - {gold})
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best[0]:
                best = (f1, keep, propose)
    return best


def train(gold: str | Path | None = None, corpus: str | Path | None = None,
          out: str | Path | None = None, settings: Settings | None = None) -> TrainReport:
    """Train the event model on the training stories of the gold and write it to ``out``
    (default: the packaged ``data/models/events.json``)."""
    try:
        from sklearn.model_selection import GroupKFold
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError("training needs scikit-learn: pip install 'newsevents[train]'"
                          ) from exc
    settings = settings or Settings.load()
    gold_path = Path(gold) if gold else default_gold_dir() / "gold.jsonl"
    corpus_path = Path(corpus) if corpus else default_corpus()
    if not corpus_path.exists():
        raise InputError(str(corpus_path), "the corpus the gold points into is absent")
    records = load_corpus(corpus_path)
    units = [u for u in load_units(gold_path)
             if split_of(records[u.doc_id].get("event", "")) == "train"]
    X, y, groups, nouns = examples(units, records, settings)
    if len(set(y)) < 2:
        raise InputError(str(gold_path), "too few labelled examples to train on")
    # Held-out probabilities, article-grouped, for the thresholds.
    probs: list[dict[str, float]] = [{} for _ in y]
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        vec, clf = _fit([X[i] for i in tr], [y[i] for i in tr])
        fold = _to_model(vec, clf, (), 0.0, 0.0, {})
        for i in te:
            probs[i] = fold.probabilities(X[i])
    cv_f1, keep, propose = _choose_thresholds(probs, X, y)
    vec, clf = _fit(X, y)
    labels = Counter(y)
    meta = {"trained_on": "gold/news-cluster/gold.jsonl, training stories (split_of)",
            "articles": len(set(groups)), "examples": len(y), "labels": dict(sorted(
                labels.items())), "seed": SEED, "C": C, "cv_trigger_f1": round(cv_f1, 4)}
    model = _to_model(vec, clf, nouns, keep, propose, meta)
    path = Path(out) if out else model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n",
                    encoding="utf-8")
    from .events.model import load_model

    load_model.cache_clear()
    return TrainReport(str(path), len(set(groups)), len(y), dict(labels), keep, propose,
                       cv_f1)
