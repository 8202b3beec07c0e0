"""Which language a document is written in, from its text alone.

Reads ``Document.text``; fills ``Document.language`` when the input gave none. The
coders know English only: spaCy's English model parses a Korean or Arabic article into
tokens that match no actor and no trigger, so it was coded to zero events without a
word. A small heuristic is enough to tell, offline and without a dependency: the script
of the letters (Hangul, Arabic, CJK, Cyrillic... are clearly not English), and for the
Latin script the share of each language's commonest function words
(``data/function_words.csv``). It says nothing (None) when the text is too short or
too mixed to tell, and such a text is coded as English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .datafiles import packaged_table

ENGLISH = "en"
# The start of a text is enough to tell its language, and a long text costs no more.
SAMPLE_CHARS = 5_000
# Below this many letters (or words) a verdict would be a guess: headlines, captions.
MIN_LETTERS = 10
MIN_WORDS = 8
# A script is the text's when most of its letters are in it; an English article quoting
# a Korean name stays English.
SCRIPT_SHARE = 0.5
# Among the words of a Latin-script text, the share of a language's function words that
# makes it that language (English news runs at 0.3-0.4; another language's at under 0.05).
WORD_SHARE = 0.12
MIN_HITS = 3

# Unicode letter name prefixes of scripts, and the language each means in news.
_SCRIPTS = (("HANGUL", "ko"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("CJK", "zh"),
            ("ARABIC", "ar"), ("CYRILLIC", "ru"), ("HEBREW", "he"), ("GREEK", "el"),
            ("DEVANAGARI", "hi"), ("THAI", "th"), ("BENGALI", "bn"), ("TAMIL", "ta"),
            ("GEORGIAN", "ka"), ("ARMENIAN", "hy"))
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is in, or None when it cannot tell."""
    sample = text[:SAMPLE_CHARS]
    script = _script(sample)
    if script is not None:
        return script
    return _latin_language(sample)


def _script(sample: str) -> str | None:
    """The language of the text's non-Latin script, when most of its letters are in one."""
    counts: dict[str, int] = {}
    letters = 0
    for char in sample:
        if not char.isalpha():
            continue
        letters += 1
        if char.isascii():
            continue
        name = unicodedata.name(char, "")
        for prefix, language in _SCRIPTS:
            if name.startswith(prefix):
                counts[language] = counts.get(language, 0) + 1
                break
    if letters < MIN_LETTERS or not counts:
        return None
    # Japanese mixes kana with Chinese characters: any share of kana makes it Japanese.
    if counts.get("ja") and counts.get("ja", 0) + counts.get("zh", 0) > SCRIPT_SHARE * letters:
        return "ja"
    language, count = max(counts.items(), key=lambda item: item[1])
    return language if count > SCRIPT_SHARE * letters else None


def _latin_language(sample: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    shares = {language: sum(w in vocabulary for w in words) / len(words)
              for language, vocabulary in function_words().items()}
    if shares.get(ENGLISH, 0.0) >= WORD_SHARE:
        return ENGLISH
    language, share = max(shares.items(), key=lambda item: item[1])
    # A few chance words ("al" of an Arabic name, "de" of a Spanish one) never decide.
    return language if share >= WORD_SHARE and share * len(words) >= MIN_HITS else None


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """Each language's function words, from ``data/function_words.csv``."""
    return {row["language"]: frozenset(row["words"].split())
            for row in packaged_table("function_words.csv", ("language", "words"))}


def unsupported(language: str | None) -> bool:
    """Whether the coders cannot code a text in ``language`` (a code such as ``en-GB``
    or ``ko``; None, unknown, is coded as English)."""
    return language is not None and language.split("-")[0].split("_")[0].lower() != ENGLISH
