"""The store's schema as a list of migrations, and the column lists readers and writers share.

Tables (``schema_version`` records each migration applied)::

    schema_version (version INTEGER PK, applied_at TIMESTAMP)
    documents  (id PK, origin, title, url, date DATE, source, author, language, text,
                content_hash, ingested_at TIMESTAMP)
    sentences  (doc_id, idx, start_char, end_char, text)            PK (doc_id, idx)
    mentions   (doc_id, sentence_idx, start_char, end_char, kind,
                text, name, country, sector, role, code, kb_id, confidence DOUBLE)
    events     (event_id PK, doc_id, type, mode, context VARCHAR[], cameo, quad_class,
                intensity DOUBLE,
                source_text, source_name, source_country, source_sector, source_role,
                source_kb_id, source_confidence DOUBLE, source_code,
                target_* (the same eight),
                date VARCHAR, date_precision, date_text, date_start DATE, date_end DATE,
                location_text, location_name, location_country, location_lat, location_lon,
                modality, sentence, span_start, span_end, trigger, confidence, coder,
                evidence (JSON text, version 4), doc_key, event_key (BIGINT sort keys, 7))
    failures   (input, stage, reason, at TIMESTAMP)
    quotes     (doc_id, idx, kind, text, sentence_idx, span_start, span_end,
                speaker_* (as source_* of events))                   PK (doc_id, idx)

Features keeping tables in the same file own them and register their migrations
(:mod:`.features`): version 3, near-duplicates and story and event clusters
(:mod:`newsevents.stories.storage`); version 6, beats, their watched feeds, alerts and
reports (:mod:`newsevents.beats.storage`).

To change the schema, add a :class:`Migration` with a new version to ``MIGRATIONS``, or
to a feature's (never edit one that has shipped). Versions are reserved per feature and
may land in any order: a store records every version it has applied, and opening it for
writing applies each missing migration in ascending order of version, so a gap (3 landing
after 4) is fine as long as migrations touch their own tables or columns. Taken or
reserved: 1 initial schema, 2 quotes, 3 stories (newsevents.stories), 4 event evidence,
5 actors' knowledge-base id and confidence, 6 beats (newsevents.beats), 7 sort keys of
events.
A new column of an actor goes in ``ACTOR_FIELDS`` too (events, mentions and quotes share it).
"""

from __future__ import annotations

from typing import NamedTuple

from ..codec import data_fields
from ..layout import EVENT_COLUMNS as EVENT_COLUMNS  # the events table's: see below
from ..models import Actor


class Migration(NamedTuple):
    """One step of the schema: applied once, inside a transaction."""

    version: int
    description: str
    statements: tuple[str, ...]


# A text's sort key: the first 60 bits of its MD5, as a BIGINT (the same as
# newsevents.store._rows.sort_key computes in Python).
SORT_KEY_SQL = "CAST('0x' || left(md5({}), 15) AS BIGINT)"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", (
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            origin VARCHAR NOT NULL,
            title VARCHAR,
            url VARCHAR,
            "date" DATE,
            source VARCHAR,
            author VARCHAR,
            language VARCHAR,
            text VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, idx)
        )""",
        """CREATE TABLE mentions (
            doc_id VARCHAR NOT NULL,
            sentence_idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            name VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            role VARCHAR,
            code VARCHAR
        )""",
        """CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            "type" VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR[] NOT NULL,
            cameo VARCHAR NOT NULL,
            quad_class INTEGER NOT NULL,
            intensity DOUBLE NOT NULL,
            source_text VARCHAR,
            source_name VARCHAR,
            source_country VARCHAR,
            source_sector VARCHAR,
            source_role VARCHAR,
            source_code VARCHAR,
            target_text VARCHAR,
            target_name VARCHAR,
            target_country VARCHAR,
            target_sector VARCHAR,
            target_role VARCHAR,
            target_code VARCHAR,
            "date" VARCHAR,
            date_precision VARCHAR,
            date_text VARCHAR,
            date_start DATE,
            date_end DATE,
            location_text VARCHAR,
            location_name VARCHAR,
            location_country VARCHAR,
            location_lat DOUBLE,
            location_lon DOUBLE,
            modality VARCHAR NOT NULL,
            sentence VARCHAR NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            "trigger" VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL,
            coder VARCHAR NOT NULL
        )""",
        """CREATE TABLE failures (
            input VARCHAR NOT NULL,
            stage VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            "at" TIMESTAMP NOT NULL
        )""",
    )),
    Migration(2, "quotes", (
        """CREATE TABLE quotes (
            doc_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            sentence_idx INTEGER,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            speaker_text VARCHAR,
            speaker_name VARCHAR,
            speaker_country VARCHAR,
            speaker_sector VARCHAR,
            speaker_role VARCHAR,
            speaker_code VARCHAR,
            PRIMARY KEY (doc_id, idx)
        )""",
    )),
    # The coder's reasoning for each event (Event.evidence, JSON text; newsevents explain).
    Migration(4, "event evidence", (
        "ALTER TABLE events ADD COLUMN evidence VARCHAR",
    )),
    Migration(5, "actors' knowledge-base id and confidence", (
        *(f"ALTER TABLE events ADD COLUMN {role}_{name}"
          for role in ("source", "target")
          for name in ("kb_id VARCHAR", "confidence DOUBLE")),
        "ALTER TABLE mentions ADD COLUMN kb_id VARCHAR",
        "ALTER TABLE mentions ADD COLUMN confidence DOUBLE",
        "ALTER TABLE quotes ADD COLUMN speaker_kb_id VARCHAR",
        "ALTER TABLE quotes ADD COLUMN speaker_confidence DOUBLE",
    )),
    # Integer keys that order events of one day the same way in every store holding the
    # same content (a document's events in text order), cheap to sort on a million rows;
    # see SORT_KEY_SQL.
    Migration(7, "sort keys of events", (
        "ALTER TABLE events ADD COLUMN doc_key BIGINT",
        "ALTER TABLE events ADD COLUMN event_key BIGINT",
        "UPDATE events SET doc_key = " + SORT_KEY_SQL.format("doc_id")
        + ", event_key = " + SORT_KEY_SQL.format("event_id"),
    )),
)

SCHEMA_VERSION = max(m.version for m in MIGRATIONS)

# The tables count() accepts.
TABLES: tuple[str, ...] = ("documents", "sentences", "mentions", "events", "failures", "quotes")

# Tables holding rows of one document (``doc_id``): deleted when the document is replaced.
DOCUMENT_TABLES: tuple[str, ...] = ("events", "mentions", "sentences", "quotes")

DOCUMENT_COLUMNS = ("id", "origin", "title", "url", "date", "source", "author", "language",
                    "text", "content_hash", "ingested_at")
SENTENCE_COLUMNS = ("doc_id", "idx", "start_char", "end_char", "text")
# An Actor's stored fields (its ``code`` is derived, and stored after them): Actor's own, as
# an event's columns are Event's (newsevents.layout); a new field needs only its migration.
ACTOR_FIELDS: tuple[str, ...] = tuple(f.name for f in data_fields(Actor))
MENTION_COLUMNS = ("doc_id", "sentence_idx", "start_char", "end_char", "kind",
                   *ACTOR_FIELDS, "code")
# The events table's columns (beside the sort keys), EVENT_COLUMNS, are the event layout
# derived from the model by newsevents.layout: a new event field needs only a migration
# adding its column (tests/test_layout.py checks they agree).
FAILURE_COLUMNS = ("input", "stage", "reason", "at")
QUOTE_COLUMNS = ("doc_id", "idx", "kind", "text", "sentence_idx", "span_start", "span_end",
                 *(f"speaker_{f}" for f in (*ACTOR_FIELDS, "code")))


def check_migrations(migrations: tuple[Migration, ...]) -> None:
    """Refuse a migration list with a repeated or non-positive version (a merge mistake)."""
    seen: set[int] = set()
    for migration in migrations:
        if migration.version < 1 or migration.version in seen:
            raise ValueError(f"migration version {migration.version} ({migration.description!r})"
                             " is repeated or not positive; give it a new version number")
        seen.add(migration.version)


check_migrations(MIGRATIONS)
