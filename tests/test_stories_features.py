"""Tests for newsevents.stories.features: terms, weights and shingles of an article."""

from __future__ import annotations

import math

import pytest

from newsevents.models import Actor, Document, Mention
from newsevents.stories.features import (
    ACTOR_PREFIX,
    TITLE_WEIGHT,
    Article,
    article_from_document,
    article_terms,
    content_terms,
    fold,
    outlet,
    shingle_hashes,
    weigh_terms,
)


@pytest.mark.parametrize(("word", "folded"), [
    ("missiles", "missile"), ("countries", "country"), ("press", "press"),
    ("census", "census"), ("analysis", "analysis"), ("gas", "gas"), ("ferry", "ferry"),
])
def test_fold_merges_plurals_only(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_content_terms_drop_stop_words_and_possessives() -> None:
    assert content_terms("The ferry's crew said they were rescued on Tuesday") == [
        "ferry", "crew", "rescued"]


def test_article_terms_weigh_the_title_and_add_coded_actors() -> None:
    article = Article(id="a", text="Divers searched the lake.", content_hash="h",
                      title="Lake search", actors=("EST", "EST"))
    counts = article_terms(article)
    assert counts["lake"] == 1 + TITLE_WEIGHT
    assert counts["diver"] == 1
    assert counts[ACTOR_PREFIX + "EST"] == 2


def test_article_from_document_keys_actors_by_country_then_code() -> None:
    doc = Document(id="d", text="Estonia and NATO met.", origin="t", source=None,
                   url="https://News.Example/x", mentions=[
                       Mention(Actor("Estonia", "Estonia", "EST", "GOV"), 0, 7, 0),
                       Mention(Actor("NATO", "NATO", None, "IGO"), 12, 16, 0)])
    article = article_from_document(doc)
    assert article.actors == ("EST", "IGO")
    assert article.outlet == "news.example"


@pytest.mark.parametrize(("source", "url", "expected"), [
    ("www.Herald.example", None, "www.herald.example"),
    (None, "https://tribune.example/a/b", "tribune.example"),
    ("  ", None, None),
])
def test_outlet_is_the_source_else_the_url_host(source: str | None, url: str | None,
                                                 expected: str | None) -> None:
    assert outlet(source, url) == expected


def test_weigh_terms_keeps_the_strongest_and_has_unit_length() -> None:
    counts = {"kessel": 3, "ferry": 5, "common": 5}
    df = {"kessel": 1, "ferry": 2, "common": 90}
    vector = weigh_terms(counts, df, total=100, top=2)
    assert set(vector) == {"kessel", "ferry"}
    assert math.isclose(math.sqrt(sum(w * w for w in vector.values())), 1.0)


def test_shingle_hashes_hash_each_distinct_run_of_five_words() -> None:
    six = shingle_hashes("One two three four five Six")
    assert len(six) == 2
    assert set(shingle_hashes("one two three four five")) < set(six)
    assert len(shingle_hashes("a b c d e a b c d e")) == 5  # the five distinct runs


def test_shingle_hashes_of_a_short_text_hash_the_whole_text() -> None:
    assert len(shingle_hashes("Too short")) == 1
    assert shingle_hashes("Too short")[0] != shingle_hashes("Too long")[0]
    assert len(shingle_hashes("")) == 0
