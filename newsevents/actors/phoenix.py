"""The Phoenix actor tables (derived from PETRARCH2's dictionaries by tools/derive_petrarch.py).

They are loaded after the project's own ``leaders.csv`` and ``organizations.csv``, which are
curated and more recent: a name those tables know keeps their entry. Users' actor files are
loaded later still and win over both.
"""

from __future__ import annotations

from datetime import date

from ..datafiles import iter_rows, package_path, split_list
from .kb import KnowledgeBase, Organization, Person, is_abbreviation, norm, org_key


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def add_phoenix_groups(kb: KnowledgeBase) -> int:
    path = package_path("phoenix_groups.csv")
    added = 0
    for _, row in iter_rows(path, ("name", "sector")):
        org = Organization(name=row["name"], country=row["country"] or None,
                           sector=row["sector"])
        for alias in [row["name"], *split_list(row["aliases"])]:
            if is_abbreviation(alias):
                kb.abbreviations.setdefault(alias, org)
            added += kb.organizations.setdefault(org_key(alias), org) is org
    return added


def add_phoenix_people(kb: KnowledgeBase) -> int:
    path = package_path("phoenix_people.csv")
    curated = set(kb.people)
    keys: set[str] = set()
    skip = False
    name = ""
    added = 0
    for _, row in iter_rows(path, ("name",)):
        if row["name"] != name:
            # A new person: the aliases are on the first of its rows.
            name = row["name"]
            every = {norm(name), *(norm(a) for a in split_list(row["aliases"]))}
            # The curated table knows this person when it knows the full name or any
            # alias of two words or more; a shared surname alone does not say so.
            skip = norm(name) in curated or any(" " in k and k in curated for k in every)
            keys = every - curated
        if skip:
            continue
        person = Person(name=name, country=row["country"] or None,
                        sector=row["sector"] or None, role="", start=_day(row["start"]),
                        end=_day(row["end"]), curated=False)
        for key in keys:
            kb.people.setdefault(key, []).append(person)
        added += 1
    kb.people_version += 1
    return added
