"""The actor knowledge base: countries, organisations, office holders and sector words.

Everything here is read from data files in ``newsevents/data`` (and, optionally, a
user's own CSV in the ``leaders.csv`` or ``organizations.csv`` layout), validated as it
is read, and indexed once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .._tablecache import cached
from ..datafiles import (
    Row,
    iter_rows,
    load_table,
    package_files,
    package_path,
    packaged_table,
    split_list,
)
from ..errors import DataFileError

_CODE = re.compile(r"^[A-Z]{3}$")
_SECTOR = re.compile(r"^[A-Z]{3}$")
# Compiled once: norm() runs tens of times per token and re.sub's cache lookup showed up.
_POSSESSIVE = re.compile(r"'s$")
_SPACES = re.compile(r"\s+")

# A sectors.csv row with this sector says the word is no actor, whatever agents.csv says.
_NO_AGENT = "-"


# Cached: the recogniser and the coder ask for the same few thousand keys over and over.
@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Lower-case, unify apostrophes and dots, squeeze spaces: the key every index uses."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = _POSSESSIVE.sub("", text.strip())
    text = _SPACES.sub(" ", text)
    return text.lower().replace(".", "")


@dataclass(frozen=True)
class Person:
    name: str
    country: str | None
    sector: str | None
    role: str
    start: date | None
    end: date | None
    # False for the Phoenix tables: their roles are used only on the dates they cover.
    curated: bool = True

    def holds_office_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Organization:
    name: str
    country: str | None
    sector: str


@dataclass(frozen=True)
class Country:
    code: str
    name: str


@dataclass
class KnowledgeBase:
    """Indexes over the knowledge files; build with :func:`load_kb`."""

    countries: dict[str, Country] = field(default_factory=dict)  # code -> Country
    country_names: dict[str, str] = field(default_factory=dict)  # norm(name|alias) -> code
    adjectives: dict[str, str] = field(default_factory=dict)  # norm(adjective) -> code
    metonyms: dict[str, str] = field(default_factory=dict)  # norm(capital|seat) -> code
    organizations: dict[str, Organization] = field(default_factory=dict)  # norm(name) -> org
    abbreviations: dict[str, Organization] = field(default_factory=dict)  # exact ABBR -> org
    # One-word names of the curated tables and the user's ("Houthis", "Hamas"): the tagger
    # often takes them for a person's name, which the knowledge base's thousands of other
    # one-word aliases may well be.
    single_names: set[str] = field(default_factory=set)  # org_key(name)
    people: dict[str, list[Person]] = field(default_factory=dict)  # norm(name|alias) -> terms
    sectors: dict[str, tuple[str, int]] = field(default_factory=dict)  # term -> (sector, rank)
    shorthands: dict[str, list[tuple[frozenset[str], str, str | None]]] = field(
        default_factory=dict)
    pronouns: dict[str, str] = field(default_factory=dict)  # pronoun -> person|group
    # Country aliases written in capitals ("ROC", "UK"): "Roc Nation" is no Taiwan.
    capital_aliases: set[str] = field(default_factory=set)  # norm(alias)
    # A dependent territory's code -> the state its actors are coded under (GUM -> USA).
    sovereigns: dict[str, str] = field(default_factory=dict)
    # Plain words for one person ("the driver", "a man": attackers.csv) and nouns of
    # relatives ("his mother": relatives.csv), and of parties named by their relation to
    # the possessor ("Pyongyang's allies": counterparts.csv).
    plain_persons: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    counterparts: frozenset[str] = frozenset()
    # The plural names of a divided country that stand for its states ("the two Koreas").
    pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_sector_words: int = 1
    # Bumped by the add_* functions: the office index is rebuilt when people are added.
    people_version: int = field(default=0, repr=False, compare=False)
    _roles: tuple[tuple[int, int, int], frozenset[str], frozenset[str],
                  tuple[Person, ...]] | None = field(default=None, repr=False, compare=False)

    def country_code(self, text: str) -> str | None:
        """The country a name, alias or nationality adjective denotes."""
        key = norm(text)
        if key in self.capital_aliases and not (text.strip().isupper() or "." in text):
            return None  # "Roc Nation", "us"; "u.s." in lower-case copy still counts
        return self.country_names.get(key) or self.adjectives.get(key)

    def person(self, text: str, day: date | None) -> Person | None:
        """The office holder called ``text`` on ``day`` (the latest term if none matches)."""
        terms = self.people.get(norm(text))
        if not terms:
            return None
        current = [p for p in terms if p.holds_office_on(day)]
        if current:
            return current[0]
        names = {p.name for p in terms}
        # A name shared by different people is only trusted when the date settles it; a
        # Phoenix role the date does not cover is not used (it may have ended).
        return terms[-1] if len(names) == 1 and terms[-1].curated else None

    def nationality(self, text: str) -> str | None:
        """The country of everyone the knowledge base calls ``text``, when they all share
        one ("Bush": two presidents, one country), whatever the date: a role ends, the
        country a person acts for seldom changes."""
        countries = {p.country for p in self.people.get(norm(text), []) if p.country}
        return countries.pop() if len(countries) == 1 else None

    def office_holder(self, country: str, role: str, day: date | None) -> Person | None:
        """Who held ``role`` ("president", "foreign minister") in ``country`` on ``day``."""
        role = role.lower()
        for p in self._role_index()[2]:
            if p.country == country and p.role.lower() == role and p.holds_office_on(day):
                return p
        return None

    def roles(self) -> frozenset[str]:
        """Every office the knowledge base knows, lower-case ("prime minister")."""
        return self._role_index()[0]

    def role_heads(self) -> frozenset[str]:
        """The first words of :meth:`roles` ("prime", "foreign", "president")."""
        return self._role_index()[1]

    def _role_index(self) -> tuple[frozenset[str], frozenset[str], tuple[Person, ...]]:
        # Asked several times a document: kept until people are added (a cheap key:
        # summing 30,000 lists each time cost milliseconds). Only people with a named
        # role (leaders.csv, users' files) hold offices; the Phoenix tables name none.
        key = (id(self.people), len(self.people), self.people_version)
        if self._roles is None or self._roles[0] != key:
            holders = tuple(dict.fromkeys(p for terms in self.people.values() for p in terms
                                          if p.role.strip()))
            roles = frozenset(p.role.lower() for p in holders)
            self._roles = (key, roles, frozenset(r.split()[0] for r in roles), holders)
        return self._roles[1], self._roles[2], self._roles[3]

    def organization(self, text: str) -> Organization | None:
        stripped = text.strip()
        found = self.abbreviations.get(stripped) or self.organizations.get(org_key(stripped))
        if found is None and (body := _UN_BODY.match(stripped)) is not None:
            # "the United Nations Security Council" is the "UN Security Council" listed
            found = self.organizations.get(org_key("UN " + stripped[body.end():]))
        return found

    def sector_of(self, words: list[str]) -> tuple[str, int, int, int] | None:
        """The best-ranked sector term in ``words`` (lower-case): (sector, rank, start, end).
        Between terms of one rank and length the head of the phrase wins: the last before
        any preposition ("military court" and "court of the military" are courts)."""
        stop = next((i for i, w in enumerate(words) if w in _PHRASE_PREPS), len(words))
        best: tuple[str, int, int, int] | None = None
        best_key: tuple[int, int, bool, int] | None = None
        for i in range(len(words)):
            for n in range(min(self.max_sector_words, len(words) - i), 0, -1):
                hit = self.sectors.get(" ".join(words[i:i + n]))
                if not hit:
                    continue
                key = (hit[1], n, i < stop, i)
                if best_key is None or key > best_key:
                    best, best_key = (hit[0], hit[1], i, i + n), key
        return best


# Prepositions that end a noun phrase's head part ("court of the military").
_PHRASE_PREPS = frozenset({"of", "for", "in", "on", "at", "to", "from", "with"})


_THE = re.compile(r"^the\s+", re.I)
_UN_BODY = re.compile(r"^(?:the\s+)?(?:United\s+Nations|U\.N\.)\s+(?=\S)", re.I)


def is_abbreviation(name: str) -> bool:
    """A short name written in capitals ("UN", "U.S.", "ROC"): matched as written."""
    return len(name) <= 6 and name.replace(".", "").isupper()


def org_key(name: str) -> str:
    """The index key of an organisation's name: normalised, without a leading "the"."""
    return norm(_THE.sub("", name.strip()))


def _date(value: str, path: str | Path, line: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(str(path), line, f"{value!r} is not an ISO date") from None


def _check_codes(path: str | Path, line: int, row: Row) -> None:
    country = row.get("country", "")
    if country and not _CODE.match(country):
        raise DataFileError(str(path), line,
                            f"country code {country!r} is not three capital letters")
    sector = row.get("sector", "")
    if sector and not _SECTOR.match(sector):
        raise DataFileError(str(path), line,
                            f"sector code {sector!r} is not three capital letters")


def add_people(kb: KnowledgeBase, rows: Iterable[tuple[int, Row]], path: str | Path,
               ahead: bool = False) -> None:
    """Index the people of ``rows``, after the terms already known under their names, or
    ``ahead`` of them (a user's file: its people win where the date fits both)."""
    mine: dict[str, list[Person]] = {}
    for line, row in rows:
        _check_codes(path, line, row)
        person = Person(name=row["name"], country=row.get("country") or None,
                        sector=row.get("sector") or None, role=row.get("role", ""),
                        start=_date(row.get("start", ""), path, line),
                        end=_date(row.get("end", ""), path, line))
        for key in {norm(row["name"]), *(norm(a) for a in split_list(row.get("aliases", "")))}:
            mine.setdefault(key, []).append(person)
    for key, added in mine.items():
        # Phoenix roles under a name someone else's table gives are dropped.
        known = [p for p in kb.people.get(key, ()) if p.curated]
        kb.people[key] = [*added, *known] if ahead else [*known, *added]
    kb.people_version += 1


def add_organizations(kb: KnowledgeBase, rows: Iterable[tuple[int, Row]],
                      path: str | Path) -> None:
    for line, row in rows:
        _check_codes(path, line, row)
        if not row.get("sector"):
            raise DataFileError(str(path), line, "an organisation needs a sector code")
        org = Organization(name=row["name"], country=row.get("country") or None,
                           sector=row["sector"])
        for alias in [row["name"], *split_list(row.get("aliases", ""))]:
            if is_abbreviation(alias):
                kb.abbreviations[alias] = org
            kb.organizations[org_key(alias)] = org
            if " " not in alias.strip() and not is_abbreviation(alias):
                kb.single_names.add(org_key(alias))


def load_user_actors(kb: KnowledgeBase, path: str | Path) -> None:
    """Extend ``kb`` with a user's CSV: people (with ``start``) or organisations."""
    rows = list(iter_rows(Path(path), ("name",)))
    if rows and "role" in rows[0][1]:
        add_people(kb, rows, path, ahead=True)
    else:
        add_organizations(kb, rows, path)


@lru_cache(maxsize=8)
def load_kb(user_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """Build the knowledge base from the packaged files plus ``user_files``, once (and
    keep it on disk for the next run: see ``_tablecache``)."""
    here = Path(__file__).parent
    code = [here / "kb.py", here / "phoenix.py", here.parent / "datafiles.py"]
    return cached("kb", [*package_files(), *code, *user_files], lambda: _build_kb(user_files))


def _build_kb(user_files: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    countries_path = package_path("countries.csv")
    for row in load_table(countries_path, ("code", "name")):
        code = row["code"]
        kb.countries[code] = Country(code=code, name=row["name"])
        for name in [row["name"], *split_list(row.get("aliases", ""))]:
            kb.country_names.setdefault(norm(name), code)
            if is_abbreviation(name):
                kb.capital_aliases.add(norm(name))
        for adjective in split_list(row.get("adjectives", "")):
            kb.adjectives.setdefault(norm(adjective), code)
        # Only the listed metonyms: a capital is not always its government ("Brussels").
        for place in split_list(row.get("metonyms", "")):
            kb.metonyms.setdefault(norm(place), code)
    for row in packaged_table("territories.csv", ("territory", "state")):
        kb.sovereigns[row["territory"]] = row["state"]
    kb.plain_persons = frozenset(r["term"] for r in packaged_table("attackers.csv", ("term",)))
    kb.relatives = frozenset(r["term"] for r in packaged_table("relatives.csv", ("term",)))
    kb.counterparts = frozenset(r["term"] for r in packaged_table("counterparts.csv",
                                                                    ("term",)))
    kb.pairs = {r["term"]: tuple(split_list(r["countries"])) for r in load_table(
        package_path("pairs.csv"), ("term", "countries"),
        check=lambda r: None if all(c in kb.countries for c in split_list(r["countries"]))
        else "a country code not in countries.csv")}
    blocked: set[str] = set()
    for row in packaged_table("sectors.csv", ("term", "sector", "rank")):
        if row["sector"] == _NO_AGENT:
            blocked.add(row["term"])
            continue
        kb.sectors[row["term"]] = (row["sector"], int(row["rank"]))
        kb.max_sector_words = max(kb.max_sector_words, len(row["term"].split()))
    # PETRARCH2's generic agents, below the project's own terms.
    for row in packaged_table("agents.csv", ("term", "sector", "rank")):
        if row["term"] not in kb.sectors and row["term"] not in blocked:
            kb.sectors[row["term"]] = (row["sector"], int(row["rank"]))
            kb.max_sector_words = max(kb.max_sector_words, len(row["term"].split()))
    for row in packaged_table("shorthands.csv", ("shorthand", "requires", "country")):
        kb.shorthands.setdefault(norm(row["shorthand"]), []).append(
            (frozenset(split_list(row["requires"])), row["country"], row.get("sector") or None))
    for row in packaged_table("pronouns.csv", ("pronoun", "kind")):
        kb.pronouns[row["pronoun"]] = row["kind"]
    leaders = package_path("leaders.csv")
    add_people(kb, iter_rows(leaders, ("name", "role")), leaders)
    orgs = package_path("organizations.csv")
    add_organizations(kb, iter_rows(orgs, ("name", "sector")), orgs)
    # After the curated tables, which win on conflicts; before the user's files.
    from .phoenix import add_phoenix_groups, add_phoenix_people

    add_phoenix_people(kb)
    add_phoenix_groups(kb)
    for user_file in user_files:
        load_user_actors(kb, user_file)
    return kb
