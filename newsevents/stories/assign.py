"""Assign stored articles to stories (as ingest writes them) and rebuild every story."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..models import Document
from ..store import Store
from . import storage
from .cluster import PROBE_TERMS, Story, StoryIndex, StoryOptions
from .dedup import Fingerprint, best_original, fingerprint
from .eventclusters import cluster_events
from .features import Article, article_from_document, article_terms, outlet, weigh_terms

# Articles read from the store per step of a rebuild: bounds memory on large stores.
REBUILD_BATCH = 500


@dataclass
class AssignResult:
    """What one assignment did; results add up with ``+``."""

    assigned: int = 0  # articles placed now
    unchanged: int = 0  # already placed with the same text
    duplicates: int = 0  # of the assigned, copies of an earlier article
    new_stories: int = 0
    events: int = 0  # events placed in event clusters

    def __add__(self, other: AssignResult) -> AssignResult:
        return AssignResult(self.assigned + other.assigned, self.unchanged + other.unchanged,
                            self.duplicates + other.duplicates,
                            self.new_stories + other.new_stories, self.events + other.events)


# -- assigning ---------------------------------------------------------------------------


def assign_stories(store: Store, documents: Iterable[Document],
                   options: StoryOptions | None = None) -> AssignResult:
    """Place stored documents in stories and their events in event clusters.

    Call it after :meth:`Store.write` with the documents just written (``ingest`` does):
    each is checked for being a copy of an earlier article, joins the story it is most
    like or starts one, and its events join the event clusters they belong to. Earlier
    assignments never move; a document already placed with the same text is skipped.
    One transaction; raises :class:`~newsevents.errors.StoreError`.
    """
    articles = [article_from_document(doc) for doc in documents]
    with store.transaction("assign stories") as con:
        return _assign(con, articles, options or StoryOptions())


def rebuild_stories(store: Store, options: StoryOptions | None = None) -> AssignResult:
    """Forget every story and event cluster and place all stored articles again, in order
    of publication date, as if they were ingested in that order."""
    options = options or StoryOptions()
    total = AssignResult()
    with store.transaction("rebuild stories") as con:
        storage.clear(con)
        for chunk in _stored_articles(con, REBUILD_BATCH):
            total += _assign(con, chunk, options)
    return total


def _assign(con: storage.Connection, articles: list[Article], options: StoryOptions
            ) -> AssignResult:
    latest = {a.id: a for a in articles}  # a later copy of one id in a batch wins
    known = storage.stored_hashes(con, list(latest))
    # By date, and in the order they came within a day: the first seen of two copies
    # published the same day is the one the other copies.
    todo = sorted((a for a in latest.values() if known.get(a.id) != a.content_hash),
                  key=lambda a: a.date or date.max)
    result = AssignResult(unchanged=len(latest) - len(todo))
    if not todo:
        return result
    touched = storage.forget(con, [a.id for a in todo if a.id in known])
    prints = {a.id: fingerprint(a.text) for a in todo}
    copies = _find_copies(con, todo, prints)

    originals = [a for a in todo if a.id not in copies]
    vectors, batch_df = _vectors(con, originals)
    index = StoryIndex(options)
    for story in _candidates(con, originals, vectors, options):
        index.add(story)
    stored_story = storage.story_of(con, set(copies.values()))
    placed, new_ids = _place(index, todo, vectors, copies, stored_story)

    _save(con, todo, prints, copies, placed)
    storage.add_term_counts(con, batch_df)
    storage.save_stories(con, index.stories.values(), new_ids)
    storage.refresh_stories(con, touched | {story_id for story_id, _ in placed.values()})
    result.assigned = len(todo)
    result.duplicates = len(copies)
    result.new_stories = len(new_ids)
    result.events = cluster_events(con, [a.id for a in todo])
    return result


def _vectors(con: storage.Connection, originals: Sequence[Article]
             ) -> tuple[dict[str, dict[str, float]], Counter[str]]:
    """The term vectors of the batch's originals, weighted with the document frequencies
    of the store and the batch; and the batch's own frequencies, to be stored."""
    counts = {a.id: article_terms(a) for a in originals}
    batch_df: Counter[str] = Counter()
    for terms in counts.values():
        batch_df.update(terms.keys())
    df, stored_total = storage.term_counts(con, batch_df)
    for term, n in batch_df.items():
        df[term] = df.get(term, 0) + n
    total = stored_total + len(originals)
    return {a.id: weigh_terms(counts[a.id], df, total) for a in originals}, batch_df


def _place(index: StoryIndex, todo: Sequence[Article], vectors: dict[str, dict[str, float]],
           copies: dict[str, str], stored_story: dict[str, str]
           ) -> tuple[dict[str, tuple[str, float | None]], set[str]]:
    """doc_id -> (story, similarity) for each article in order, and the stories started.
    A copy goes where its original went; others join the best story or start one."""
    placed: dict[str, tuple[str, float | None]] = {}
    new_ids: set[str] = set()
    for article in todo:
        day = article.date
        if article.id in copies:
            original = copies[article.id]
            story_id = placed[original][0] if original in placed else stored_story[original]
            if story_id in index.stories:
                index.stories[story_id].stretch(day)
            placed[article.id] = (story_id, None)
            continue
        vector = vectors[article.id]
        found = index.best(vector, day)
        if found is None:
            story = Story(_story_id(article))
            new_ids.add(story.story_id)
            index.add(story)
            index.join(story, vector, day)
            placed[article.id] = (story.story_id, None)
        else:
            story, score = found
            index.join(story, vector, day)
            placed[article.id] = (story.story_id, round(score, 4))
    return placed, new_ids


def _find_copies(con: storage.Connection, todo: Sequence[Article],
                 prints: dict[str, Fingerprint]) -> dict[str, str]:
    """doc_id -> the article it copies, for the copies among ``todo`` (in order: an
    article can copy a stored one or one earlier in the batch)."""
    keys = {a.id: prints[a.id].keys() for a in todo}
    stored = storage.duplicate_candidates(con, keys)
    batch_keys: dict[tuple[int, int], list[str]] = defaultdict(list)
    copies: dict[str, str] = {}
    for article in todo:
        candidates = list(stored.get(article.id, ()))
        seen = {doc_id for doc_id, _ in candidates}
        for key in keys[article.id]:
            for other in batch_keys.get(key, ()):
                if other not in seen:
                    seen.add(other)
                    candidates.append((other, prints[other]))
        original = best_original(prints[article.id], candidates)
        if original is not None:
            copies[article.id] = original
        # Copies are indexed too: an updated version may be closer to a reprint of the
        # wire text than to the first one seen.
        for key in keys[article.id]:
            batch_keys[key].append(article.id)
    return copies


def _candidates(con: storage.Connection, originals: Sequence[Article],
                vectors: dict[str, dict[str, float]], options: StoryOptions) -> list[Story]:
    """The stored stories the batch's articles may join."""
    probes: set[str] = set()
    for vector in vectors.values():
        strongest = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))
        probes.update(t for t, _ in strongest[:PROBE_TERMS])
    days = [a.date for a in originals if a.date is not None]
    first: date | None
    last: date | None
    if days:
        first, last = min(days), max(days)
    else:  # undated articles are taken to be about what is in the news now
        first = last = storage.latest_day(con)
    return storage.candidate_stories(con, probes, first, last, options.window_days)


def _save(con: storage.Connection, todo: Sequence[Article], prints: dict[str, Fingerprint],
          copies: dict[str, str], placed: dict[str, tuple[str, float | None]]) -> None:
    stamp = storage.now()
    storage.insert(con, "story_documents",
              ("doc_id", "content_hash", "story_id", "duplicate_of", "similarity", "outlet",
               "date", "shingles", "text_hash", "minhash", "assigned_at"),
              [(a.id, a.content_hash, placed[a.id][0], copies.get(a.id), placed[a.id][1],
                a.outlet, a.date, prints[a.id].shingles, prints[a.id].text_hash,
                prints[a.id].signature, stamp) for a in todo],
              ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR", "DATE",
               "INTEGER", "VARCHAR", "BLOB", "TIMESTAMP"))
    storage.insert(con, "duplicate_keys", ("band", "key", "doc_id"),
              [(band, key, a.id) for a in todo for band, key in prints[a.id].keys()],
              ("SMALLINT", "BIGINT", "VARCHAR"))


def _story_id(article: Article) -> str:
    """A story is named after the article that started it (and its text, so that a story
    started again by a changed article gets a new name)."""
    key = f"{article.id}\n{article.content_hash}".encode()
    return "s" + hashlib.blake2b(key, digest_size=6).hexdigest()


def _stored_articles(con: storage.Connection, size: int) -> Iterator[list[Article]]:
    """Stored documents as Articles, by date, then in the order they were ingested,
    ``size`` at a time."""
    # rowid: documents written in one batch share ingested_at; rowid keeps their order.
    order = """coalesce("date", DATE '9999-12-31'), ingested_at, rowid"""
    after: tuple[Any, ...] | None = None
    while True:
        where, params = "", {"size": size}
        if after is not None:
            where = f"WHERE ({order}) > ($day, $at, $row)"
            params.update(day=after[0], at=after[1], row=after[2])
        rows = con.execute(
            f"""SELECT id, text, content_hash, title, "date", source, url, ingested_at, rowid
                FROM documents {where} ORDER BY {order} LIMIT $size""", params).fetchall()
        if not rows:
            return
        ids = [r[0] for r in rows]
        actors: dict[str, list[str]] = defaultdict(list)
        for doc_id, key in con.execute(
                """SELECT doc_id, coalesce(country, code, lower(name)) FROM mentions
                   WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))
                   ORDER BY doc_id, start_char""", [ids]).fetchall():
            if key:
                actors[doc_id].append(key)
        yield [Article(id=i, text=text, content_hash=digest, title=title, date=day,
                       outlet=outlet(source, url), actors=tuple(actors[i]))
               for i, text, digest, title, day, source, url, _, _ in rows]
        last = rows[-1]
        after = (last[4] or date(9999, 12, 31), last[7], last[8])
