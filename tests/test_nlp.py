from __future__ import annotations

import pytest

from newsevents import nlp as nlp_module
from newsevents.errors import ConfigError
from newsevents.models import Document
from newsevents.nlp import (
    entities,
    load_model,
    parse,
    parse_documents,
    release,
    sentence,
    tokens,
    words_text,
)
from newsevents.settings import Settings

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)


def test_parse_fills_sentences_with_offsets_into_the_text() -> None:
    text = "Seoul protested.\n\nPyongyang cut the lines. Tokyo watched."
    doc = parse(Document(id="d", text=text, origin="t"))
    assert [s.text for s in doc.sentences] == [
        "Seoul protested.", "Pyongyang cut the lines.", "Tokyo watched."]
    assert all(text[s.start:s.end] == s.text for s in doc.sentences)


def test_parse_documents_batches_and_keeps_order() -> None:
    docs = [Document(id=str(i), text=f"Document number {i} arrived.", origin="t")
            for i in range(5)]
    out = list(parse_documents(docs, Settings.load(batch_size=2)))
    assert [d.id for d in out] == ["0", "1", "2", "3", "4"]
    assert all(d.parse is not None for d in out)


def test_parse_documents_ends_a_batch_at_the_character_cap(
        monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.load(batch_size=32)
    model = load_model(settings.model)
    sizes: list[int] = []
    real_pipe = model.pipe

    def pipe(texts, *args, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        sizes.append(len(texts))
        return real_pipe(texts, *args, **kwargs)

    monkeypatch.setattr(model, "pipe", pipe)
    monkeypatch.setattr(nlp_module, "BATCH_CHARS", 60)
    docs = [Document(id=str(i), text=f"Document number {i} arrived.", origin="t")
            for i in range(5)]  # 27 characters each: two fit under 60
    out = list(parse_documents(docs, settings))
    assert sizes == [2, 2, 1]
    assert [d.id for d in out] == ["0", "1", "2", "3", "4"]


def test_unknown_model_is_a_config_error_that_says_how_to_fix() -> None:
    with pytest.raises(ConfigError, match="not installed"):
        load_model("en_core_web_nonexistent")


def test_entities_are_read_once_and_indexed_by_token() -> None:
    doc = parse(Document(id="e", text="Kim Jong-un met Moon Jae-in in Seoul on Monday.",
                         origin="t"))
    found = entities(doc.parse)
    assert found is entities(doc.parse)  # cached on the parse
    assert [e.text for e in found.spans] == [e.text for e in doc.parse.ents]
    seoul = next(e for e in found.spans if e.text == "Seoul")
    assert found.at(seoul.start) is seoul and found.at(1 + len(doc.parse)) is None
    assert (seoul.start, seoul.end) in found.bounds
    assert found.within(seoul.start, len(doc.parse))[0] is seoul


def test_tokens_are_listed_once_per_parse() -> None:
    doc = parse(Document(id="t", text="Seoul protested.", origin="t"))
    assert tokens(doc.parse) is tokens(doc.parse)
    assert [t.text for t in tokens(doc.parse)] == ["Seoul", "protested", "."]


def test_release_drops_the_parse_and_what_was_cached_on_it() -> None:
    doc = parse(Document(id="r", text="Seoul protested.", origin="t"))
    spacy_doc = doc.parse
    entities(spacy_doc), tokens(spacy_doc)
    release(doc)
    assert doc.parse is None and not spacy_doc.user_data


CLAUSE = ("North Korea fired a ballistic missile toward South Korea on Monday, "
          "the South Korean military said and ")


def test_parse_cuts_a_text_without_full_stops_into_capped_sentences() -> None:
    text = CLAUSE * 60  # about 6,000 characters, 1,200 tokens, not one full stop
    doc = parse(Document(id="long", text=text, origin="t"))
    lengths = [len(s) for s in doc.parse.sents]
    assert len(doc.sentences) >= len(doc.parse) // nlp_module.HARD_SENTENCE_TOKENS
    assert max(lengths) <= nlp_module.HARD_SENTENCE_TOKENS
    # Cut after a comma where it can be, so each piece is still a clause.
    assert all(s.text.endswith(",") for s in doc.sentences[:-1])


def test_parse_keeps_the_sentences_of_punctuated_text() -> None:
    text = "Seoul protested, saying the launch was a provocation. Tokyo watched."
    doc = parse(Document(id="p", text=text, origin="t"))
    assert [s.text for s in doc.sentences] == [
        "Seoul protested, saying the launch was a provocation.", "Tokyo watched."]


def test_sentence_of_a_token_is_found_once_per_parse() -> None:
    doc = parse(Document(id="s", text="Seoul protested. Tokyo watched.", origin="t"))
    tokyo = doc.parse[3]
    assert sentence(tokyo).text == "Tokyo watched."
    assert sentence(tokyo) is sentence(doc.parse[4])
    release(doc)
    assert doc.parse is None


@pytest.mark.parametrize(("text", "first_words"), [
    ("KUNDUZ, Afghanistan \u2014 Taliban insurgents struck a checkpoint on Monday.",
     ["KUNDUZ,", "Taliban"]),
    ("Rain fell.\nCAIRO (AP) -- Police arrested two men on Sunday.", ["Rain", "CAIRO", "Police"]),
    ("Taliban insurgents struck a checkpoint on Monday.", ["Taliban"]),
])
def test_parse_cuts_a_dateline_off_the_sentence_it_opens(text: str,
                                                         first_words: list[str]) -> None:
    doc = parse(Document(id="d", text=text, origin="t"))
    assert [s.text.split()[0] for s in doc.sentences] == first_words


HEADLINE_ABOVE = ("Pyongyang Fires Another Rocket Toward the Sea\n"
                  "The North fired a rocket into the sea on Tuesday, officials in Seoul said.\n"
                  "The launch came a day after the allies ended their drills.")
WRAPPED = ("The minister said on\n"
           "Thursday that the talks would resume next month, and that the two\n"
           "delegations would meet again in the capital before the summer, when\n"
           "the harvest is in and the roads across the mountains are open to the\n"
           "convoys that carry the observers from one side of the line to the other.\n\n"
           "Officials in both capitals welcomed the news.")


@pytest.mark.parametrize(("text", "first_words"), [
    # A headline without a full stop is a sentence of its own, not the subject of the next.
    (HEADLINE_ABOVE, ["Pyongyang", "The", "The"]),
    # Text wrapped at a fixed width keeps its sentences across lines; a blank line still ends one.
    (WRAPPED, ["The", "Officials"]),
])
def test_parse_starts_a_sentence_at_a_line_of_a_paragraphed_text(
        text: str, first_words: list[str]) -> None:
    doc = parse(Document(id="l", text=text, origin="t"))
    assert [s.text.split()[0] for s in doc.sentences] == first_words


@pytest.mark.parametrize(("text", "expected"), [
    (HEADLINE_ABOVE, True),
    (WRAPPED, False),
    ("One line with no break at all, long enough to count as prose.", True),
    ("", False),
])
def test_paragraphed_tells_paragraph_lines_from_wrapped_lines(text: str, expected: bool) -> None:
    assert nlp_module.paragraphed(text) is expected


def test_parse_gives_caseless_text_case_but_keeps_its_words() -> None:
    text = "NORTH KOREA FIRED A MISSILE OVER JAPAN ON TUESDAY. JAPAN PROTESTED ON WEDNESDAY."
    doc = parse(Document(id="d", text=text, origin="t"))
    assert [s.text for s in doc.sentences] == [
        "NORTH KOREA FIRED A MISSILE OVER JAPAN ON TUESDAY.", "JAPAN PROTESTED ON WEDNESDAY."]
    assert {e.text for e in entities(doc.parse).spans} >= {"North Korea", "Japan"}


@pytest.mark.parametrize(("word", "expected"), [
    ("Launch", True), ("Systems", True), ("Tamimi", False), ("Qadoura", False)])
def test_dictionary_word_reads_the_pipelines_own_word_index(word: str, expected: bool) -> None:
    doc = parse(Document(id="d", text="A short text.", origin="test"))
    assert nlp_module.dictionary_word(doc.parse, word) is expected


@pytest.mark.parametrize(("text", "word"), [
    ("U.S.-led airstrikes hit the town.", "U.S."),
    ("The U.N.-backed government resigned.", "U.N."),
])
def test_parse_splits_an_abbreviation_from_the_word_hyphened_to_it(text: str,
                                                                   word: str) -> None:
    # ("Saudi-led" splits at its hyphen; "U.S.-led" must too, or its leader is lost)
    doc = parse(Document(id="d", text=text, origin="t"))
    assert word in [t.text for t in tokens(doc.parse)]


@pytest.mark.parametrize(("start", "end"), [(0, 1), (0, 3), (2, 5), (4, 9)])
def test_words_text_is_the_text_of_the_span(start: int, end: int) -> None:
    doc = parse(Document(id="w", text="The U.S.  envoy met  Kim Yo-jong in Seoul.",
                         origin="test"))
    assert words_text(doc.parse, start, end) == doc.parse[start:end].text
