"""What story clustering reads of an article: its terms, its actors and its shingles.

Reads a :class:`~newsevents.models.Document`'s ``id``, ``title``, ``text``, ``date``,
``source``, ``url``, ``content_hash`` and ``mentions`` (or the same fields from the
store) into an :class:`Article`; fills nothing on the Document.

Two views of the text serve two questions:

* *terms* (:func:`article_terms`) say what the article is about — content words with
  the stop words of ``newsevents/data/stopwords.csv`` left out, a light plural folding,
  the title counted more, and the coded actors of its mentions (``actor:PRK``), which
  make "Pyongyang", "the DPRK" and "North Korea" one feature. Weighted by inverse
  document frequency (:func:`weigh_terms`) they place the article in a story.
* *shingles* (:func:`shingle_hashes`) say how it is worded — every run of
  :data:`SHINGLE_WORDS` words, stop words included — and find copies of one text.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from urllib.parse import urlsplit

import numpy as np

from ..datafiles import packaged_table
from ..errors import DataFileError
from ..models import Document, Mention

STOPWORDS_FILE = "stopwords.csv"

# Word runs of five: long enough that two independent reports rarely share many, short
# enough that an edit (a changed first line, an added paragraph) spoils few of them.
SHINGLE_WORDS = 5
# A title names the story in a few words; each title word counts as this many body words.
TITLE_WEIGHT = 3
# The strongest terms of an article kept in its vector: enough for the names, places and
# key nouns a story shares, few enough that background paragraphs do not dilute them.
TOP_TERMS = 60
ACTOR_PREFIX = "actor:"

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MIX = np.uint64(0x100000001B3)  # the FNV prime: spreads the bits of each word


@dataclass(frozen=True)
class Article:
    """The fields of a document that story clustering reads."""

    id: str
    text: str
    content_hash: str
    title: str | None = None
    date: date | None = None
    outlet: str | None = None
    actors: tuple[str, ...] = ()  # one key per actor mention (``PRK``, ``IGO``)


def article_from_document(doc: Document) -> Article:
    """The :class:`Article` view of a coded document."""
    return Article(id=doc.id, text=doc.text, content_hash=doc.content_hash, title=doc.title,
                   date=doc.date, outlet=outlet(doc.source, doc.url),
                   actors=tuple(k for k in (actor_key(m) for m in doc.mentions) if k))


def outlet(source: str | None, url: str | None) -> str | None:
    """Who published the article: its ``source``, else its URL's host, lower case."""
    if source and source.strip():
        return source.strip().lower()
    if url:
        host = urlsplit(url).hostname
        return host.lower() if host else None
    return None


def actor_key(mention: Mention) -> str | None:
    """The key an actor mention counts under: its country (a story about North Korea is
    about its government, army and media alike), else its code, else its name."""
    actor = mention.actor
    return actor.country or actor.code or (actor.name.lower() if actor.name else None)


@cache
def stopwords() -> frozenset[str]:
    """The packaged stop words, read once."""
    words = set()
    for row in packaged_table(STOPWORDS_FILE, ("word",)):
        word = row["word"].lower()
        if " " in word:
            raise DataFileError(STOPWORDS_FILE, 0, f"stop word {word!r} has a space")
        words.add(word)
    return frozenset(words)


def words(text: str) -> list[str]:
    """Lower-case word tokens, possessive ``'s`` removed."""
    found = _WORD.findall(text.lower())
    return [w[:-2] if w.endswith(("'s", "’s")) else w for w in found]


def fold(word: str) -> str:
    """A light plural folding so that "missiles" and "missile" are one term; longer
    stemming merges words stories tell apart ("united" and "unit")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_terms(text: str) -> list[str]:
    """The content words of ``text``: no stop words, no one-character words."""
    stop = stopwords()
    terms = []
    for word in words(text):
        if len(word) < 2 or word in stop:
            continue
        term = fold(word)
        if term not in stop:
            terms.append(term)
    return terms


def article_terms(article: Article) -> Counter[str]:
    """Term counts of an article: body, title (weighted) and coded actors."""
    counts = Counter(content_terms(article.text))
    for term in content_terms(article.title or ""):
        counts[term] += TITLE_WEIGHT
    for key in article.actors:
        counts[ACTOR_PREFIX + key] += 1
    return counts


def idf(df: int, total: int) -> float:
    """Smoothed inverse document frequency of a term in ``df`` of ``total`` articles."""
    return math.log((total + 1) / (df + 1)) + 1.0


def weigh_terms(counts: Mapping[str, int], df: Mapping[str, int], total: int,
                top: int = TOP_TERMS) -> dict[str, float]:
    """The unit-length tf-idf vector of the ``top`` strongest terms.

    Term frequency is sublinear (1 + ln tf): an article that names Equifax twenty times
    is not twenty times more about Equifax than one that names it once.
    """
    weights = {term: (1.0 + math.log(n)) * idf(df.get(term, 0), total)
               for term, n in counts.items() if n > 0}
    kept = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
    return {term: w / norm for term, w in kept}


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """A 32-bit hash of each distinct shingle of ``text``: each run of ``size`` words (all
    words, lower case), or the whole text when it is shorter. Computed over the words'
    CRC-32s at once rather than shingle by shingle: hashing is most of the cost of
    finding copies."""
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    codes = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64,
                        count=len(tokens))
    width = min(size, len(tokens))
    mixed = np.zeros(len(tokens) - width + 1, dtype=np.uint64)
    for offset in range(width):  # a polynomial over the words; uint64 arithmetic wraps
        mixed = mixed * _MIX + codes[offset:offset + len(mixed)]
    return np.unique((mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF))


def document_frequencies(term_sets: Iterable[Iterable[str]]) -> Counter[str]:
    """How many of the given articles use each term."""
    df: Counter[str] = Counter()
    for terms in term_sets:
        df.update(set(terms))
    return df
