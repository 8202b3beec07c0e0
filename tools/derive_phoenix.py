"""Derive the project's actor tables from PETRARCH2's Phoenix actor dictionaries (MIT).

Called by tools/derive_petrarch.py. Reads Phoenix.MilNonState.actors.txt,
Phoenix.International.actors.txt and Phoenix.Countries.actors.txt and writes:

  newsevents/data/phoenix_groups.csv  name, aliases, country, sector
  newsevents/data/phoenix_people.csv  name, aliases, country, sector, start, end
                                      (one row per dated role, in date order; an undated
                                      row, the dictionary's default code, comes last)

An entry with a dated code is a person; an undated one is a group (the Countries file's
undated entries are also listed as people with that one role, since it mixes office
holders and bodies).

Codes. Phoenix codes are 3-letter blocks: a country or a pseudo-country (IGO, NGO, MNC,
IMG, or a region such as MEA, AFR, SAS), then sector and sub-sector blocks. The project
holds a 3-letter country and one 3-letter sector (``USAGOV``), so:
  * a country (one of countries.csv, or an old code legacy_codes.csv gives today's for:
    TMP East Timor, ANG Angola, YUG Yugoslavia) keeps the first block that is one of the
    project's sectors (NGAGOVAGR -> NGA GOV); a religion block is REL; other blocks are
    dropped;
  * IGO... and NGO... are organisations of no country: sector IGO, NGO;
  * MNC... (multinational companies) are dropped: the project, like its gold, codes a
    company by its home country (Qualcomm USABUS), which the dictionary does not give, and
    a country-less BUS both missed those actors and gave events to company names in
    business news (measured on the real-news dev split);
  * IMG... (international militarised group, IMGMUSALQ) is country IMG, sector REB, the
    IMGREB the project's gold uses;
  * a region (MEA, AFR, SAS, ...), a bare sector (ELI), a country with no sector (the
    Countries file's entries for countries, cities and regions) and the null code --- cannot
    be held: the code, and an entry left with none, is dropped.
Dates: YYMMDD years below 30 are 20YY. Phoenix ranges include their last day; the project's
``end`` is the first day out of office, so a day is added.

Names: underscores become spaces; the display name is title-cased, keeping abbreviations
(dotted, vowel-less, or given in parentheses) in capitals; a parenthesised abbreviation
becomes an alias. Names that would match unsafely are left out (the entry stays while a
safe name remains):
  * one-word names that are English words (WordNet's index, as spaCy's English lemmatizer
    ships it: "Moon", "Bush", "Apple", "Unity"), except the headline name of an armed group
    of the MilNonState file (Taliban, Hamas and Hezbollah are in WordNet, and are what that
    file is for); a plural counts as its word ("Tigers");
  * names of countries, nationalities, capitals and the project's sector words
    ("Afghan", "Police"): the project's own tables code those;
  * a group's name that names another country than its own ("Palestinian Resistance" is
    a French group's name): news using it means the other country;
  * names with fewer than three letters or none ("313");
  * a person's one-word names ("Hassan", "Buhari"): a surname alone is matched through
    the full name earlier in the article;
  * a name two entries give different codes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

_CODE = re.compile(r"\[([^\]]*)\]")
_PAREN = re.compile(r"\(([^)]*)\)")
_SMALL = {"of", "the", "and", "in", "for", "on", "de", "du", "la", "le", "el", "al", "bin",
          "ibn", "fi", "di", "da", "der", "van", "von", "y", "to", "at", "against"}
_VOWELS = set("AEIOUY")
_TITLES = {"mr": "Mr", "mrs": "Mrs", "dr": "Dr", "ms": "Ms", "st": "St", "jr": "Jr"}
# Pseudo-countries the project's scheme holds, and how: (country, sector).
_PSEUDO = {"IGO": (None, "IGO"), "NGO": (None, "NGO"), "IMG": ("IMG", "REB")}


@dataclass
class Entry:
    names: list[str]  # raw phrases, the primary first
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    dated: bool = False


def _day(text: str) -> date:
    text = text.strip()
    if len(text) not in (6, 8) or not text.isdigit():
        raise ValueError(text)
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _restriction(body: str) -> tuple[str, date | None, date | None] | None:
    """ "USAGOV 20090120-20170120" -> ("USAGOV", start, end-exclusive); None if unreadable."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0]
    if len(parts) == 1:
        return code, None, None
    span = "".join(parts[1:])
    try:
        if span.startswith("<"):
            return code, None, _day(span[1:]) + timedelta(days=1)
        if span.startswith(">"):
            return code, _day(span[1:]), None
        first, last = span.split("-", 1)
        return code, _day(first), _day(last) + timedelta(days=1)
    except ValueError:
        return None  # a malformed date ("2004017"): the role cannot be placed in time


def read_entries(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+"):
            if entries:
                entries[-1].names.append(_CODE.sub("", line[1:]).strip())
            continue
        codes = [r for r in (_restriction(b) for b in _CODE.findall(line)) if r]
        if line[0] in " \t" or line.lstrip().startswith("["):
            if entries:
                entries[-1].codes += codes
            continue
        entries.append(Entry([_CODE.sub("", line).strip()], codes))
    for e in entries:
        e.dated = any(s or t for _, s, t in e.codes)
    return entries


def map_code(code: str, countries: set[str], sectors: set[str], religions: set[str],
             legacy: dict[str, str] | None = None) -> tuple[str | None, str | None] | None:
    """A Phoenix code as (country, sector) of the project's scheme, or None. ``legacy``:
    the old CAMEO and former states' codes and today's code for each (legacy_codes.csv)."""
    legacy = legacy or {}
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{3,}", code):
        return None
    if code[:3] in _PSEUDO:
        return _PSEUDO[code[:3]]
    code = legacy.get(code[:3], code[:3]) + code[3:]  # (TMPGOV: East Timor's, TLSGOV)
    if code[:3] not in countries:
        return None
    for i in range(3, len(code) - 2, 3):
        block = code[i:i + 3]
        if block in sectors:
            return code[:3], block
        if block in religions:
            return code[:3], "REL"
    return code[:3], None


def _word(token: str, first: bool) -> str:
    bare = token.strip("().,")
    if bare.lower() in _TITLES:
        return token.lower().replace(bare.lower(), _TITLES[bare.lower()])
    if len(bare) <= 2 and bare.isalpha() and bare.lower() not in _SMALL:
        return token.upper()  # "UN", "US", "EU"
    if "." in token.strip(".") or (bare and not _VOWELS & set(bare.upper())):
        return token.upper()
    if token.lower() in _SMALL and not first:
        return token.lower()
    return "-".join(p[:1].upper() + p[1:].lower() for p in token.split("-"))


def display(phrase: str) -> tuple[str, list[str]]:
    """ "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> ("Aden Abyan Islamic Army", ["AAIA"])."""
    text = phrase.replace("_", " ")
    abbrs = [a.strip() for a in _PAREN.findall(text) if a.strip()]
    text = " ".join(_PAREN.sub(" ", text).split())
    words = text.split()
    return " ".join(_word(w, i == 0) for i, w in enumerate(words)), [a.upper() for a in abbrs]


def _norm(text: str) -> str:
    return " ".join(text.lower().replace(".", "").split())


@dataclass
class Filters:
    english: set[str]  # one-word English vocabulary
    reserved: set[str]  # country names, adjectives, capitals, sector words
    places: dict[str, str] = field(default_factory=dict)  # country name|adjective -> code

    def safe(self, name: str, headline: bool, country: str | None = None) -> bool:
        key = _norm(name)
        if not key or key in self.reserved or sum(c.isalpha() for c in key) < 3:
            return False
        if " " not in key and not headline and self._english(key.replace("-", "")):
            return False
        return not self._names_another_country(key, country)

    def _english(self, word: str) -> bool:
        # WordNet lists lemmas: "Tigers" and "Contras" are English words too.
        return word in self.english or any(
            word.endswith(end) and word[:-len(end)] in self.english for end in ("s", "es"))

    def _names_another_country(self, key: str, country: str | None) -> bool:
        """ "Palestinian Resistance" is a French group's name: news means Palestinians."""
        if country is None or country not in self.places.values():
            return False
        words = key.split()
        return any(self.places.get(" ".join(words[i:i + n]), country) != country
                   for n in (1, 2, 3) for i in range(len(words) - n + 1))


def names_of(entry: Entry, filters: Filters, headline_ok: bool,
             country: str | None = None) -> list[str]:
    """The entry's safe display names, the primary (or first safe) name first, unique."""
    out: list[str] = []
    seen: set[str] = set()
    for i, phrase in enumerate(entry.names):
        name, abbrs = display(phrase)
        for n, candidate in enumerate([name, *abbrs]):
            headline = headline_ok and i == 0 and n == 0
            key = _norm(candidate)
            if key not in seen and filters.safe(candidate, headline, country):
                seen.add(key)
                out.append(candidate)
    return out


def _write(path: Path, header: str, note: str, columns: list[str],
           rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(header)
        f.write(note)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)


def derive(src: Path, data: Path, header: str, countries: set[str], sectors: set[str],
           religions: set[str], filters: Filters, legacy: dict[str, str] | None = None
           ) -> tuple[int, int]:
    """Write phoenix_groups.csv and phoenix_people.csv; return their row counts."""
    groups: list[tuple[list[str], str | None, str]] = []
    people: list[tuple[list[str], list[tuple[str | None, str | None, date | None,
                                             date | None]]]] = []
    for fname in ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.Countries.actors.txt"):
        in_countries = fname.startswith("Phoenix.Countries")
        for entry in read_entries(src / fname):
            roles = []
            for code, start, end in entry.codes:
                mapped = map_code(code, countries, sectors, religions, legacy)
                if mapped is not None:
                    roles.append((mapped[0], mapped[1], start, end))
            if not roles:
                continue
            headline = fname.startswith("Phoenix.MilNonState")
            # A code with a country and no sector is the Countries file's entry for the
            # country itself, its cities and regions: countries.csv codes those.
            roles = [r for r in roles if r[1] is not None]
            names = names_of(entry, filters, headline)
            if not roles or not names:
                continue
            # A person's one-word name ("Hassan", a Jordanian prince to Phoenix, the
            # "King Hassan" of Morocco to the news) is too ambiguous among 18,000 office
            # holders; the recogniser links a surname back to the full name it continues.
            full = [n for n in names if " " in n.strip()]
            if (entry.dated or in_countries) and full:
                # Dated roles first, by start; the default (undated) code last.
                roles.sort(key=lambda r: (r[2] is None and r[3] is None,
                                          r[2] or date.min))
                people.append((full, roles))
            country, sector, _, _ = roles[0]
            # People are not held to the other-country rule: "German Vargas Lleras".
            names = names_of(entry, filters, headline, country)
            if not entry.dated and sector is not None and names:
                groups.append((names, country, sector))
    group_rows = _unambiguous([(n, [c or "", s]) for n, c, s in groups])
    person_rows: list[list[str]] = []
    for names, roles in _unambiguous_people(people):
        for i, (country, sector, start, end) in enumerate(roles):
            # The aliases are written once, on a person's first row: the loader carries
            # them to the rows that follow under the same name.
            person_rows.append([names[0], "|".join(names[1:]) if i == 0 else "",
                                country or "", sector or "",
                                start.isoformat() if start else "",
                                end.isoformat() if end else ""])
    note = header.replace("CAMEO verb dictionary CAMEO.2.0.txt", "Phoenix actor dictionaries "
                          "Phoenix.{MilNonState,International,Countries}.actors.txt")
    _write(data / "phoenix_groups.csv", note,
           "# Named groups: armed non-state groups, IGOs, NGOs, companies, national bodies.\n"
           "# Loaded after organizations.csv, which wins where both name a group.\n",
           ["name", "aliases", "country", "sector"], group_rows)
    _write(data / "phoenix_people.csv", note,
           "# People and their roles, one row a role; end: first day out of the role; a row\n"
           "# with no dates is the default. Rows without aliases continue the person above.\n"
           "# Loaded after leaders.csv, which wins where both know a name.\n",
           ["name", "aliases", "country", "sector", "start", "end"], person_rows)
    return len(group_rows), len(person_rows)


def _unambiguous(groups: list[tuple[list[str], list[str]]]) -> list[list[str]]:
    """Group rows with names that two differently coded groups share removed."""
    codes: dict[str, set[tuple[str, ...]]] = {}
    for names, code in groups:
        for n in names:
            codes.setdefault(_norm(n), set()).add(tuple(code))
    rows: list[list[str]] = []
    done: set[str] = set()
    for names, code in groups:
        kept = [n for n in names if len(codes[_norm(n)]) == 1]
        if kept and _norm(kept[0]) not in done:
            done.add(_norm(kept[0]))
            rows.append([kept[0], "|".join(kept[1:]), *code])
    return rows


def _unambiguous_people(people: list[tuple[list[str], list]]) -> list[tuple[list[str], list]]:
    """People with names that two different people share removed; one entry a name."""
    owners: dict[str, set[int]] = {}
    for i, (names, _) in enumerate(people):
        for n in names:
            owners.setdefault(_norm(n), set()).add(i)
    out = []
    done: set[str] = set()
    for names, roles in people:
        kept = [n for n in names if len(owners[_norm(n)]) == 1]
        if kept and _norm(kept[0]) not in done:
            done.add(_norm(kept[0]))
            out.append((kept, roles))
    return out
