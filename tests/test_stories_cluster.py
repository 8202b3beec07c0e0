"""Tests for newsevents.stories.cluster: single-pass story clustering in memory."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from stories_articles import corpus

from newsevents.errors import ConfigError
from newsevents.stories.cluster import Story, StoryIndex, StoryOptions, assign
from newsevents.stories.features import article_from_document, article_terms, weigh_terms


def vectors() -> dict[str, tuple[dict[str, float], date | None]]:
    articles = [article_from_document(d) for d in corpus()]
    counts = {a.id: article_terms(a) for a in articles}
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    return {a.id: (weigh_terms(counts[a.id], df, len(articles)), a.date) for a in articles}


def place(ids: list[str], options: StoryOptions | None = None,
          days: dict[str, date] | None = None) -> dict[str, str]:
    found = vectors()
    items = [(i, found[i][0], (days or {}).get(i, found[i][1])) for i in ids]
    placed = assign(StoryIndex(options), items, {i: f"story-{i}" for i in ids})
    return {i: story for i, (story, _) in placed.items()}


def test_articles_of_one_story_join_it_and_others_start_their_own() -> None:
    stories = place(["ferry-wire", "strike-one", "ferry-own", "strike-two", "cycling"])
    assert stories["ferry-own"] == stories["ferry-wire"] == "story-ferry-wire"
    assert stories["strike-two"] == stories["strike-one"] == "story-strike-one"
    assert stories["cycling"] == "story-cycling"


def test_an_article_past_the_window_starts_a_new_story() -> None:
    late = {"ferry-own": date(2021, 9, 1)}
    assert place(["ferry-wire", "ferry-own"], StoryOptions(window_days=30),
                 late)["ferry-own"] == "story-ferry-own"
    assert place(["ferry-wire", "ferry-own"], StoryOptions(window_days=365),
                 late)["ferry-own"] == "story-ferry-wire"


def test_a_high_threshold_keeps_different_wordings_apart() -> None:
    stories = place(["ferry-wire", "ferry-own"], StoryOptions(threshold=0.9))
    assert stories["ferry-own"] == "story-ferry-own"


def test_story_widens_its_dates_and_undated_articles_are_near_any_story() -> None:
    story = Story("s")
    story.add({"ferry": 1.0}, date(2021, 3, 2))
    story.add({"ferry": 1.0}, date(2021, 3, 5))
    assert (story.first, story.last) == (date(2021, 3, 2), date(2021, 3, 5))
    assert story.near(None, 0)
    assert story.near(date(2021, 3, 9), 4) and not story.near(date(2021, 3, 10), 4)
    assert story.similarity({"ferry": 1.0}) == pytest.approx(1.0)


@pytest.mark.parametrize(("threshold", "window"), [(0.0, 30), (1.5, 30), (0.2, -1)])
def test_bad_options_are_refused(threshold: float, window: int) -> None:
    with pytest.raises(ConfigError):
        StoryOptions(threshold=threshold, window_days=window)
