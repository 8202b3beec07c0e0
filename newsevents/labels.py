"""Display names for aggregate actor codes: ``USAGOV`` reads "United States — government".

Tables that count events by actor code (top actors and dyads, a beat's actors, the
dashboard's panels) used to show the name most used for the code, so a whole government
read as one of its officials. :func:`code_label` names the code itself instead, from the
data files alone: country names from ``countries.csv``, sector words from
``sector_labels.csv`` and organisations with their own CAMEO code from
``organization_codes.csv``. Per-event displays keep the actor's own name.

This module reads data files only (no spaCy), so the store, the web app and the CLI can
import it cheaply.
"""

from __future__ import annotations

from functools import cache

from .datafiles import packaged_table

__all__ = ["code_label"]

# Between the country and its sector: "United States — government".
_DASH = " — "


@cache
def _countries() -> dict[str, str]:
    names = {row["code"]: row["name"]
             for row in packaged_table("countries.csv", ("code", "name"))}
    # Gold sets and older dictionaries use CAMEO's pre-ISO codes (GER, JAP); name them too.
    for row in packaged_table("legacy_codes.csv", ("legacy", "code")):
        if row["code"] in names:
            names.setdefault(row["legacy"], names[row["code"]])
    return names


@cache
def _sectors() -> dict[str, str]:
    return {row["sector"]: row["label"]
            for row in packaged_table("sector_labels.csv", ("sector", "label"))}


@cache
def _organizations() -> dict[str, str]:
    return {row["code"]: row["name"]
            for row in packaged_table("organization_codes.csv", ("code", "name"))}


def _capitalised(words: str) -> str:
    # Only the first letter: "non-governmental organisation" -> "Non-governmental ...".
    return words[:1].upper() + words[1:]


@cache
def code_label(code: str) -> str:
    """The words for an aggregate actor code; the code itself when it cannot be read.

    ``KOR`` -> "South Korea", ``PRKMIL`` -> "North Korea — military", ``REB`` -> "Rebels",
    ``IGOUNO`` -> "United Nations", ``NGOUSA`` -> "Non-governmental organisation — United
    States". A code is read in three-letter groups (CAMEO's layout); a group that is
    neither a country nor a known sector leaves the code as it is, so nothing is guessed.
    """
    known = _organizations().get(code)
    if known:
        return known
    if not code or len(code) % 3:
        return code
    groups = [code[i:i + 3] for i in range(0, len(code), 3)]
    countries, sectors = _countries(), _sectors()
    country: str | None = None
    words: list[str] = []
    for i, group in enumerate(groups):
        # The first group is a country where it can be; a later one only when no country
        # was given yet (NGOUSA: an NGO based in the United States).
        if group in countries and country is None and (i == 0 or groups[0] in sectors):
            country = countries[group]
        elif group in sectors:
            words.append(sectors[group])
        else:
            return code
    if country is None:
        return _capitalised(", ".join(words))
    if not words:
        return country
    if groups[0] in countries:
        return country + _DASH + ", ".join(words)
    return _capitalised(", ".join(words)) + _DASH + country
