"""The same story from many outlets: near-duplicates, story clusters and event clusters.

Runs after the store has written a batch (``ingest`` calls :func:`assign_stories`);
reads the documents' ``id``, ``title``, ``text``, ``date``, ``source``, ``url``,
``content_hash`` and ``mentions``, and the stored events of those documents; fills the
store's story tables (schema version 3, :mod:`.storage`).

- :mod:`.features`: what an article is about (weighted terms and coded actors) and how
  it is worded (shingles);
- :mod:`.dedup`: copies — MinHash signatures (datasketch) and LSH band keys kept in the
  store, so that a wire copy, an updated version or a reprint is flagged
  ``duplicate_of`` the first text and is not counted twice;
- :mod:`.cluster`: stories — single-pass clustering of articles on their term vectors
  within a time window; new articles join existing stories, which never move;
- :mod:`.eventclusters`: the events of many articles that are one happening;
- :mod:`.assign`: placing articles in stories as they are stored, and rebuilding;
- :mod:`.reading`: stories, articles and event clusters as read (``newsevents stories``);
- :mod:`.storage`: the story tables, their migration and all their SQL.

Counting by story or by event cluster::

    with newsevents.open_store("news.duckdb", read_only=True) as store:
        for story in story_list(store):
            print(story.title, story.size, story.sources)
        for cluster in event_clusters(store, actor="PRK"):
            print(cluster["type"], cluster["articles"], cluster["sources"])
"""

from __future__ import annotations

from .assign import AssignResult, assign_stories, rebuild_stories
from .cluster import StoryOptions
from .reading import (
    StoriesResult,
    StoryDocument,
    StorySummary,
    count_event_clusters,
    event_clusters,
    latest_stories,
    stories,
    story_documents,
    story_list,
)

__all__ = ["AssignResult", "StoriesResult", "StoryDocument", "StoryOptions", "StorySummary",
           "assign_stories", "count_event_clusters", "event_clusters", "latest_stories",
           "rebuild_stories", "stories", "story_documents", "story_list"]
