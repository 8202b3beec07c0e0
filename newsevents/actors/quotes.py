"""Who said what: direct quotes (partial ones included) and reported speech.

A direct quote is text between quotation marks of any common style, possibly running over
several sentences. Its speaker is the subject of the verb of saying that frames it
("…," Biegun said / He said: "…"), or, for a quote inside a clause ("saying that it was an
“important component”"), the speaker of the nearest verb of saying above it, or the
subject of its clause. Reported speech is the complement clause of a verb of saying
("X said that …") outside quotation marks. Speakers are the document's actor mentions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy.symbols import VERB

from ..datafiles import packaged_table
from ..models import Actor, Document, Mention, Quote, Sentence
from ..nlp import sentence, tokens

Token = Any

# Opening and closing marks that pair up; straight double quotes pair with themselves.
_QUOTE = re.compile(
    r"\u201c(?P<a>[^\u201c\u201d\n]{2,}?)\u201d"  # “…”
    r"|\"(?P<b>[^\"\n]{2,}?)\""  # "…"
    r"|\u00ab\s?(?P<c>[^\u00ab\u00bb\n]{2,}?)\s?\u00bb"  # «…»
    r"|\u201e(?P<d>[^\u201e\u201c\u201d\n]{2,}?)[\u201c\u201d]"  # „…“
    # ‘…’ only when it opens after a space and holds more than one word: the closing mark
    # is also the apostrophe of "the US’ support".
    r"|(?:(?<=\s)|^)\u2018(?P<e>[^\u2018\u2019\n]+?\s[^\u2018\u2019\n]+?)\u2019(?=[\s.,;:!?)]|$)"
)


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    return frozenset(r["lemma"] for r in packaged_table("speech_verbs.csv", ("lemma",)))


class QuoteFinder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.parse = doc.parse
        self.mention_at: dict[int, Mention] = {}
        for m in doc.mentions:
            span = self.parse.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    self.mention_at.setdefault(tok.i, m)
        self.verbs = speech_verbs()

    def __call__(self) -> list[Quote]:
        quotes: list[Quote] = []
        covered: list[tuple[int, int]] = []
        previous: Actor | None = None
        previous_in = -2  # the sentence the last quote with a speaker ended in
        for match in _QUOTE.finditer(self.doc.text):
            group = next(g for g in "abcde" if match.group(g) is not None)
            start, end = match.span(group)
            text = match.group(group).strip()
            speaker = self._direct_speaker(match.start(), match.end())
            if speaker is None and (self._opens_paragraph(match.start()) or (
                    self._opens_sentence(match.start()) == previous_in + 1)):
                # a quote running on into the next paragraph, or going on in the next
                # sentence ('"...," Abe said. "We have also asked for a meeting."')
                speaker = previous
            quotes.append(self._quote(text, speaker, "direct", start, end))
            covered.append(match.span())
            if speaker is not None:
                ended_in = self._sentence_at(match.end() - 1)
                previous, previous_in = speaker, ended_in.index if ended_in else -9
        for verb in self._speech_verbs():
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if clause is None:
                continue
            first, last = clause.left_edge, clause.right_edge
            if first.lower_ == "that":
                first = self.parse[first.i + 1]
            start, end = first.idx, last.idx + len(last.text)
            if end <= start or any(a <= start < b or a < end <= b for a, b in covered):
                continue
            quotes.append(self._quote(self.doc.text[start:end], self._speaker_of(verb),
                                      "reported", start, end))
        quotes.sort(key=lambda q: q.span)
        return quotes

    # -- speakers -----------------------------------------------------------------

    def _speech_verbs(self) -> Iterator[Token]:
        for tok in tokens(self.parse):
            if tok.pos == VERB and tok.lemma_.lower() in self.verbs:
                yield tok

    def _direct_speaker(self, start: int, end: int) -> Actor | None:
        """The speaker framing the quote in [start, end), if any."""
        inside = self.parse.char_span(start, end, alignment_mode="expand")
        if inside is None:
            return None
        first, last = inside[0], inside[-1]
        # A verb of saying outside the marks, in the sentences the quote starts or ends in,
        # nearest first: "…," Biegun said. / He said: "…"
        candidates = []
        sents = sentence(first), sentence(last)
        for sent in {s.start: s for s in sents}.values():
            for tok in sent:
                if (tok.pos_ == "VERB" and tok.lemma_.lower() in self.verbs
                        and not inside.start <= tok.i < inside.end):
                    distance = tok.i - inside.end if tok.i >= inside.end else first.i - tok.i
                    candidates.append((distance, tok))
        for _, verb in sorted(candidates, key=lambda c: c[0]):
            speaker = self._speaker_of(verb)
            if speaker is not None:
                return speaker
        # A quote inside a clause: the nearest verb of saying above it, else its clause.
        cur = first
        for _ in range(10):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ == "VERB" and cur.lemma_.lower() in self.verbs:
                return self._speaker_of(cur)
        cur = first
        for _ in range(10):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX") and not (inside.start <= cur.i < inside.end):
                speaker = self._speaker_of(cur)
                if speaker is not None:
                    return speaker
        return None

    def _speaker_of(self, verb: Token, depth: int = 0) -> Actor | None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            mention = self.mention_at.get(subj.i) or next(
                (self.mention_at[t.i] for t in subj.subtree if t.i in self.mention_at), None)
            return mention.actor if mention else None
        # "…, saying that …": the participle's speaker is its controller; "issued a
        # statement claiming …": the one who issued the statement.
        cur = verb
        while depth < 4 and cur.dep_ in ("advcl", "xcomp", "conj", "acl", "dobj", "pobj",
                                         "prep", "relcl") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return self._speaker_of(cur, depth + 1)
        return None

    def _sentence_at(self, offset: int) -> Sentence | None:
        return next((s for s in self.doc.sentences if s.start <= offset < s.end), None)

    def _opens_sentence(self, start: int) -> int:
        """The index of the sentence a quote opening at ``start`` begins, or -9."""
        sent = self._sentence_at(start)
        if sent is None or self.doc.text[sent.start:start].strip():
            return -9
        return sent.index

    def _opens_paragraph(self, start: int) -> bool:
        before = self.doc.text[:start].rstrip(" \t")
        return not before or before.endswith("\n")

    def _quote(self, text: str, speaker: Actor | None, kind: str, start: int,
               end: int) -> Quote:
        sent = self._sentence_at(start)
        return Quote(doc_id=self.doc.id, text=text, speaker=speaker,
                     kind=kind,  # type: ignore[arg-type]
                     sentence=sent.text if sent is not None else "", span=(start, end))


def find_quotes(doc: Document) -> list[Quote]:
    """The quotes of a parsed document whose actor mentions are found."""
    return QuoteFinder(doc)()


# "We" and "I" inside a direct quote are its speaker: "we" the body a speaker talks for
# ("We appreciate the points raised," the academy's president said), "I" the speaker.
_FIRST_PERSON = {"we": "group", "us": "group", "our": "group",
                 "i": "person", "me": "person", "my": "person"}


def first_person_mentions(doc: Document, quotes: list[Quote]) -> list[Mention]:
    """The document's mentions plus the speakers of its direct quotes where the quote says
    "we" or "I"."""
    taken = {(m.start, m.end) for m in doc.mentions}
    starts = [s.start for s in doc.sentences]
    added: list[Mention] = []
    for q in quotes:
        a = q.speaker
        if q.kind != "direct" or a is None or not a.code:
            continue
        span = doc.parse.char_span(*q.span, alignment_mode="expand")
        for tok in span if span is not None else ():
            kind = _FIRST_PERSON.get(tok.lower_)
            where = (tok.idx, tok.idx + len(tok.text))
            if kind is None or tok.pos_ != "PRON" or where in taken:
                continue
            # "we" is the speaker's body, shown by its code, not by the speaker's name
            actor = (Actor(text=tok.text, country=a.country, sector=a.sector)
                     if kind == "group" else replace(a, text=tok.text))
            added.append(Mention(actor=actor, start=where[0], end=where[1],
                                 sentence=max(0, bisect.bisect_right(starts, where[0]) - 1),
                                 kind="pronoun"))
    return sorted([*doc.mentions, *added], key=lambda m: m.start) if added else doc.mentions
