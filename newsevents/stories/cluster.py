"""Online story clustering: each new article joins the story it is most like, or starts one.

Reads the unit term vectors of :func:`~newsevents.stories.features.weigh_terms` and the
articles' dates; knows nothing of the store (``newsevents.stories.db`` loads and saves
the stories it works on).

A story is the sum of its articles' vectors (its centroid) and the span of their dates.
An article is compared with the stories that share one of its strongest terms and whose
dates lie within :attr:`StoryOptions.window_days` of its own — the cosine of article and
centroid — and joins the best one at or above :attr:`StoryOptions.threshold`. This is
the single-pass clustering of topic detection and tracking: the cost of an article is
the number of stories its strongest terms reach, not the size of the collection, and a
new batch never re-clusters the old ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..errors import ConfigError

# Terms of an article used to look stories up: its strongest, which name the story; a
# story sharing none of them would score far below the threshold anyway.
PROBE_TERMS = 20
# Terms kept in a story's centroid; weaker ones are noise from single articles.
CENTROID_TERMS = 300


@dataclass(frozen=True)
class StoryOptions:
    """How stories are formed.

    threshold: the least cosine between an article and a story's centroid for the
        article to join it.
    window_days: an article joins only a story whose dates come within this many days
        of its own; a story that goes quiet longer is over.
    """

    threshold: float = 0.15
    window_days: int = 90

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError(f"story threshold must be above 0 and at most 1, "
                              f"not {self.threshold}")
        if self.window_days < 0:
            raise ConfigError(f"story window must be zero or more days, not {self.window_days}")


@dataclass
class Story:
    """A story's state while clustering: its centroid and the dates it spans."""

    story_id: str
    centroid: dict[str, float] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None
    norm: float = 0.0
    changed: bool = False

    def add(self, vector: Mapping[str, float], day: date | None) -> None:
        """Fold an article into the story."""
        for term, weight in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + weight
        if len(self.centroid) > 2 * CENTROID_TERMS:  # trim now and then, not every time
            self.trim()
        self.norm = math.sqrt(sum(w * w for w in self.centroid.values()))
        self.stretch(day)
        self.changed = True

    def stretch(self, day: date | None) -> None:
        """Widen the story's dates to include ``day``."""
        if day is None:
            return
        self.first = day if self.first is None else min(self.first, day)
        self.last = day if self.last is None else max(self.last, day)

    def trim(self) -> None:
        """Keep the :data:`CENTROID_TERMS` strongest terms."""
        kept = sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS]
        self.centroid = dict(kept)
        self.norm = math.sqrt(sum(w * w for _, w in kept))

    def similarity(self, vector: Mapping[str, float]) -> float:
        """Cosine between a unit article vector and the centroid."""
        if not self.norm:
            return 0.0
        centroid = self.centroid
        return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / self.norm

    def near(self, day: date | None, window: int) -> bool:
        """Whether an article of ``day`` may join: undated ones and undated stories may."""
        if day is None or self.first is None or self.last is None:
            return True
        return (self.first - day).days <= window and (day - self.last).days <= window


class StoryIndex:
    """The stories an article may join, found through their terms."""

    def __init__(self, options: StoryOptions | None = None) -> None:
        self.options = options or StoryOptions()
        self.stories: dict[str, Story] = {}
        self._postings: dict[str, set[str]] = {}

    def add(self, story: Story) -> None:
        """Index a story (loaded from the store or just started)."""
        self.stories[story.story_id] = story
        self._index(story)

    def best(self, vector: Mapping[str, float], day: date | None) -> tuple[Story, float] | None:
        """The story most like ``vector`` at or above the threshold, or None."""
        probes = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:PROBE_TERMS]
        seen: set[str] = set()
        best: tuple[float, str] | None = None
        for term, _ in probes:
            for story_id in self._postings.get(term, ()):
                if story_id in seen:
                    continue
                seen.add(story_id)
                story = self.stories[story_id]
                if not story.near(day, self.options.window_days):
                    continue
                score = story.similarity(vector)
                # Ties go to the older id so that the outcome never depends on set order.
                if best is None or score > best[0] or (score == best[0] and story_id < best[1]):
                    best = (score, story_id)
        if best is None or best[0] < self.options.threshold:
            return None
        return self.stories[best[1]], best[0]

    def join(self, story: Story, vector: Mapping[str, float], day: date | None) -> None:
        """Add an article to a story and index the terms it brought."""
        story.add(vector, day)
        self._index(story)

    def _index(self, story: Story) -> None:
        for term in story.centroid:
            self._postings.setdefault(term, set()).add(story.story_id)


def assign(index: StoryIndex, articles: Iterable[tuple[str, Mapping[str, float], date | None]],
           new_id: Mapping[str, str]) -> dict[str, tuple[str, float | None]]:
    """Place each ``(doc_id, vector, day)`` in order; returns doc_id -> (story_id,
    similarity to the story it joined, None for one it started). ``new_id`` gives the
    id of a story an article starts."""
    placed: dict[str, tuple[str, float | None]] = {}
    for doc_id, vector, day in articles:
        found = index.best(vector, day)
        if found is None:
            story = Story(new_id[doc_id])
            index.add(story)
            index.join(story, vector, day)
            placed[doc_id] = (story.story_id, None)
        else:
            story, score = found
            index.join(story, vector, day)
            placed[doc_id] = (story.story_id, score)
    return placed
