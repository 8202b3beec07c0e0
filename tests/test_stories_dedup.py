"""Tests for newsevents.stories.dedup: which texts are copies of which."""

from __future__ import annotations

import pytest
from stories_articles import FERRY_COPY, FERRY_OWN, FERRY_UPDATE, FERRY_WIRE, STRIKE_ONE

from newsevents.stories.dedup import (
    NUM_PERM,
    band_layout,
    best_original,
    containment,
    fingerprint,
    is_copy,
    jaccard,
)


@pytest.mark.parametrize("copy", [FERRY_COPY, FERRY_UPDATE], ids=["new-first-line", "update"])
def test_wire_copies_are_copies(copy: str) -> None:
    assert is_copy(fingerprint(FERRY_WIRE), fingerprint(copy)) is not None


@pytest.mark.parametrize("other", [FERRY_OWN, STRIKE_ONE], ids=["same-story", "other-story"])
def test_independent_reports_are_not_copies(other: str) -> None:
    assert is_copy(fingerprint(FERRY_WIRE), fingerprint(other)) is None


def test_an_update_is_contained_in_full_though_its_jaccard_is_lower() -> None:
    wire, update = fingerprint(FERRY_WIRE), fingerprint(FERRY_UPDATE)
    assert jaccard(wire, update) < 0.95
    assert containment(wire, update) > 0.9


def test_short_texts_are_copies_only_when_identical() -> None:
    short = fingerprint("Markets closed higher on Friday.")
    assert is_copy(short, fingerprint("Markets  closed higher on FRIDAY.")) == 1.0
    assert is_copy(short, fingerprint("Markets closed lower on Friday.")) is None


def test_copies_share_band_keys_and_others_do_not() -> None:
    bands, rows = band_layout()
    assert bands * rows <= NUM_PERM
    wire = set(fingerprint(FERRY_WIRE).keys())
    assert wire & set(fingerprint(FERRY_COPY).keys())
    assert not wire & set(fingerprint(STRIKE_ONE).keys())


def test_best_original_picks_the_closest_copy() -> None:
    candidates = [("own", fingerprint(FERRY_OWN)), ("copy", fingerprint(FERRY_COPY)),
                  ("wire", fingerprint(FERRY_WIRE))]
    assert best_original(fingerprint(FERRY_UPDATE), candidates) == "wire"
    assert best_original(fingerprint(STRIKE_ONE), candidates) is None
