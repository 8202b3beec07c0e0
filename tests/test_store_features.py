"""Tests for newsevents.store.features: what stories and beats register with the store,
and the typed results turned into JSON (models.plain)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from newsevents.models import ActorCount, Period, StoredDocument, Summary, plain
from newsevents.store import EventFilter, Migration, features, schema
from newsevents.store.query import count_names


def test_the_features_register_their_migrations_outside_the_store_schema() -> None:
    own = {m.version for m in schema.MIGRATIONS}
    registered = {m.version for m in features.migrations()}
    assert registered == {3, 6} and not own & registered


def test_a_feature_migration_with_a_taken_version_is_refused() -> None:
    with pytest.raises(ValueError, match="repeated"):
        features.register_migration(Migration(3, "clash", ("SELECT 1",)))


def test_the_story_filter_is_the_stories_condition() -> None:
    flt = EventFilter.create(story="s1")
    where, params = flt.where()
    assert "story_documents" in where and params == {"story": "s1"}
    assert "story_documents" not in EventFilter.create(actor="PRK").where()[0]


def test_series_count_what_the_stories_add() -> None:
    assert count_names() == ("events", "clusters", "stories")


def test_plain_gives_fields_in_order_and_dates_as_iso_text() -> None:
    summary = Summary(3, 2, 1, date(2020, 6, 1), None, 1.5)
    assert json.dumps(plain(summary)) == (
        '{"events": 3, "documents": 2, "dated": 1, "first": "2020-06-01", "last": null,'
        ' "mean_intensity": 1.5}')
    assert plain([Period(date(2020, 6, 1), None, 2, None)]) == [
        {"period": "2020-06-01", "group": None, "count": 2, "mean_intensity": None}]
    assert plain(ActorCount("PRK", None, 1, 1, 0, -2.0))["code"] == "PRK"
    doc = StoredDocument("a", "a.txt", None, None, None, None, None, None, "Text.", "h",
                         datetime(2020, 6, 1, 12, 0))
    assert plain(doc)["ingested_at"] == "2020-06-01T12:00:00"
