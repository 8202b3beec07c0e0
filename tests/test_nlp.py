from __future__ import annotations

import pytest

from newsevents.errors import ConfigError
from newsevents.models import Document
from newsevents.nlp import load_model, parse, parse_documents
from newsevents.settings import Settings


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


def test_unknown_model_is_a_config_error_that_says_how_to_fix() -> None:
    with pytest.raises(ConfigError, match="not installed"):
        load_model("en_core_web_nonexistent")
