"""The event coder's knowledge: triggers, the CAMEO/PLOVER table, frames and modality words.

All of it is read from ``newsevents/data``: ``triggers.csv`` (the words that report
events), ``cameo.csv`` (what each CAMEO code means in PLOVER), ``refusals.csv`` and
``intents.csv`` (how a declared refusal or intention recodes an event), ``frames.csv``
(verbs of saying, support verbs that lend their subject to an event noun, obligations
that turn a report into a demand) and ``modality.csv`` (negators, intention, future and
hypothetical words). Each file is checked as it is read (every code must be in the
CAMEO table) and indexed once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import iter_rows, package_path, split_list
from ..errors import DataFileError
from ..models import PLOVER_TYPES
from ..nlp import in_word_hyphen, tokens

MODALITY_KINDS = frozenset({"negator", "negverb", "intent", "future", "hypothetical",
                            "possibility", "attempt", "nobody", "schedule"})
FRAME_KINDS = frozenset({"speech", "support", "undergo", "suffer", "occur", "provoke",
                         "obligation", "consequence", "silence", "naming", "disapproval"})


@dataclass(frozen=True)
class CameoCode:
    code: str
    plover: str
    mode: str | None
    context: tuple[str, ...]
    quad_class: int
    goldstein: float
    description: str
    joint: bool = False  # done together: coordinated sources are each other's targets


@dataclass(frozen=True)
class TriggerRule:
    """One row of ``triggers.csv``.

    ``objects`` are lemmas (or, in capitals, entity labels such as ``PERSON``) of which
    one must stand among the trigger's arguments for the rule to apply.
    """

    trigger: str  # lemma, or "lemma particle"
    pos: str  # V or N
    objects: frozenset[str]
    cameo: str
    line: int
    alone: str | None = None  # the code when no target is found; "-": then no event
    joint: bool = False  # done together ("clash", "exchange fire"), whatever the code
    also: str | None = None  # the code of a second event the same act is ("sentenced to prison")
    # the PLOVER type and mode the manual gives the act where CAMEO's table gives another
    # (a resignation: RETREAT `resign`, not CONCEDE); for what is done, not what is promised.
    # The mode is None where the manual gives a type alone.
    manual: tuple[str, str | None] | None = None
    # lemmas of which one must be the subject of an intransitive use of the verb ("workers
    # struck" is a labour strike; "the bomb struck" and "guards struck a prisoner" are not)
    subjects: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return f"triggers.csv:{self.line}"

    def describe(self) -> str:
        """The row as it reads in the file."""
        cells = [self.trigger, self.pos, "|".join(sorted(self.objects)), self.cameo,
                 self.alone or "", "yes" if self.joint else ""]
        if self.manual or self.subjects:
            cells += [self.also or "", " ".join(p for p in self.manual or () if p)]
        elif self.also:
            cells.append(self.also)
        if self.subjects:
            cells.append("|".join(sorted(self.subjects)))
        return ",".join(cells)


@dataclass(frozen=True)
class Frame:
    word: str
    kind: str
    cameo: str | None
    line: int


@dataclass
class Lexicon:
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    rules: dict[tuple[str, str], list[TriggerRule]] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)
    intents: dict[str, str] = field(default_factory=dict)
    modality: dict[str, str] = field(default_factory=dict)
    frames: dict[str, dict[str, Frame]] = field(default_factory=dict)  # word -> kind -> row
    # code, or "code|lemma" for one word's own agent -> sector, text
    implicit: dict[str, tuple[str, str]] = field(default_factory=dict)
    # (lemma, pos) -> the words that make it a sense reporting no event (senses.csv)
    nonevents: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    # (lemma, pos) -> the words that keep its event sense all the same (senses.csv's unless)
    sense_kept: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    # Nouns that name actors ("crowd", "police", "tanks": sectors.csv): as a subject they
    # do the act, never undergo it.
    actor_nouns: frozenset[str] = frozenset()

    forms: dict[str, str] = field(default_factory=dict)  # inflected form -> lexicon lemma
    # irregular past form -> lexicon verb, for verbs the tagger left unlemmatised
    irregular: dict[str, str] = field(default_factory=dict)
    named: dict[str, TriggerRule] = field(default_factory=dict)  # "triggers.csv:12" -> rule

    def words(self, kind: str) -> frozenset[str]:
        """The modality words of one kind (negator, intent, future, ...)."""
        return frozenset(w for w, k in self.modality.items() if k == kind)

    def frame_words(self, kind: str) -> frozenset[str]:
        """The frame words of one kind (speech, support, occur, obligation)."""
        return frozenset(w for w, kinds in self.frames.items() if kind in kinds)

    def code(self, code: str) -> CameoCode:
        return self.cameo[code]

    def rule_named(self, name: str) -> TriggerRule | None:
        """The trigger rule an event's evidence names (``triggers.csv:12``), or None."""
        return self.named.get(name)


def _check_code(lex: Lexicon, path: Path, line: int, code: str) -> None:
    if code and code not in lex.cameo:
        raise DataFileError(str(path), line, f"CAMEO code {code} is not in cameo.csv")


def _load_cameo(lex: Lexicon) -> None:
    path = package_path("cameo.csv")
    for line, row in iter_rows(path, ("code", "plover", "quad_class", "goldstein")):
        if row["plover"] not in PLOVER_TYPES:
            raise DataFileError(str(path), line, f"{row['plover']!r} is not a PLOVER type")
        try:
            quad = int(row["quad_class"])
            weight = float(row["goldstein"])
        except ValueError:
            raise DataFileError(str(path), line, "quad_class and goldstein must be numbers"
                                ) from None
        if not (1 <= quad <= 4 and -10 <= weight <= 10):
            raise DataFileError(str(path), line, "quad_class is 1-4, goldstein -10..10")
        if row.get("joint", "") not in ("", "yes"):
            raise DataFileError(str(path), line, "joint is 'yes' or empty")
        lex.cameo[row["code"]] = CameoCode(
            code=row["code"], plover=row["plover"], mode=row.get("mode") or None,
            context=tuple(split_list(row.get("context", ""))), quad_class=quad,
            goldstein=weight, description=row.get("description", ""),
            joint=row.get("joint") == "yes")


def _load_rules(lex: Lexicon) -> None:
    path = package_path("triggers.csv")
    general: dict[tuple[str, str], list[TriggerRule]] = {}
    specific: dict[tuple[str, str], list[TriggerRule]] = {}
    for line, row in iter_rows(path, ("trigger", "pos", "cameo")):
        if row["pos"] not in ("V", "N"):
            raise DataFileError(str(path), line, f"pos must be V or N, not {row['pos']!r}")
        for code in (row["cameo"], row.get("alone", "").replace("-", ""), row.get("also", "")):
            _check_code(lex, path, line, code)
        objects = frozenset(o if o.isupper() else o.lower()
                            for o in split_list(row.get("object", "")))
        manual: tuple[str, str | None] | None = None
        if row.get("manual"):
            parts = row["manual"].split()
            if len(parts) not in (1, 2) or parts[0] not in PLOVER_TYPES:
                raise DataFileError(str(path), line,
                                    f"manual must be a PLOVER type and a mode, not "
                                    f"{row['manual']!r}")
            manual = (parts[0], parts[1] if len(parts) == 2 else None)
        rule = TriggerRule(trigger=row["trigger"].lower(), pos=row["pos"], objects=objects,
                           cameo=row["cameo"], line=line, alone=row.get("alone") or None,
                           joint=row.get("joint") == "yes", also=row.get("also") or None,
                           manual=manual,
                           subjects=frozenset(w.lower() for w in split_list(
                               row.get("subject") or "")))
        key = (rule.trigger, rule.pos)
        (specific if rule.objects else general).setdefault(key, []).append(rule)
        lex.named[rule.name] = rule
    for key in {*general, *specific}:
        lex.rules[key] = specific.get(key, []) + general.get(key, [])


def _load_maps(lex: Lexicon) -> None:
    for name, column, target in (("refusals.csv", "refusal", lex.refusals),
                                 ("intents.csv", "intent", lex.intents)):
        path = package_path(name)
        for line, row in iter_rows(path, ("code", column)):
            for code in (row["code"], row[column]):
                _check_code(lex, path, line, code)
            target[row["code"]] = row[column]


def _load_implicit(lex: Lexicon) -> None:
    path = package_path("implicit_agents.csv")
    for line, row in iter_rows(path, ("code", "sector", "text")):
        _check_code(lex, path, line, row["code"])
        key = f"{row['code']}|{row['word']}" if row.get("word") else row["code"]
        lex.implicit[key] = (row["sector"], row["text"])


def implicit_agent(lex: Lexicon, code: str, lemma: str = "") -> tuple[str, str] | None:
    """The (sector, text) of who does the act ``code`` when no one is named; a word of
    its own may name another ("sentenced to prison" is a court's act, an arrest the
    police's, though CAMEO files both under 173)."""
    for n in range(len(code), 2, -1):
        if f"{code[:n]}|{lemma}" in lex.implicit:
            return lex.implicit[f"{code[:n]}|{lemma}"]
    for n in range(len(code), 2, -1):
        if code[:n] in lex.implicit:
            return lex.implicit[code[:n]]
    return None


def _load_senses(lex: Lexicon) -> None:
    path = package_path("senses.csv")
    for line, row in iter_rows(path, ("lemma", "pos", "words")):
        if row["pos"] not in ("V", "N"):
            raise DataFileError(str(path), line, f"pos must be V or N, not {row['pos']!r}")
        lex.nonevents[(row["lemma"], row["pos"])] = frozenset(split_list(row["words"]))
        if row.get("unless"):
            lex.sense_kept[(row["lemma"], row["pos"])] = frozenset(split_list(row["unless"]))


def _load_words(lex: Lexicon) -> None:
    path = package_path("modality.csv")
    for line, row in iter_rows(path, ("word", "kind")):
        if row["kind"] not in MODALITY_KINDS:
            raise DataFileError(str(path), line, f"kind must be one of "
                                f"{', '.join(sorted(MODALITY_KINDS))}, not {row['kind']!r}")
        lex.modality[row["word"].lower()] = row["kind"]
    path = package_path("frames.csv")
    for line, row in iter_rows(path, ("word", "kind")):
        if row["kind"] not in FRAME_KINDS:
            raise DataFileError(str(path), line, f"kind must be one of "
                                f"{', '.join(sorted(FRAME_KINDS))}, not {row['kind']!r}")
        code = row.get("cameo") or None
        if row["kind"] in ("obligation", "consequence", "disapproval") and not code:
            raise DataFileError(str(path), line, f"a {row['kind']} needs the CAMEO code it makes")
        _check_code(lex, path, line, code or "")
        word = row["word"].lower()
        lex.frames.setdefault(word, {})[row["kind"]] = Frame(word, row["kind"], code, line)


def inflections(word: str) -> set[str]:
    """The regular inflected forms of an English verb or noun ("stage": "stages",
    "staged", "staging"; "ban": "banned"; "rally": "rallies")."""
    forms = {word, word + "s", word + "ed", word + "ing"}
    # "-es" after a hiss or an o only: "sit" + "es" is "sites", "aid" + "es" is "aides",
    # "plan" + "es" is "planes", which would be taken for the verb
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(word + "es")
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if (len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou"
            and word[-3] not in "aeiou"):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


_VERB_PREFIXES = ("re", "over", "under", "out", "with", "up", "mis", "fore", "counter")


def _index_forms(lex: Lexicon) -> None:
    """Forms of the lexicon's words, to correct the tagger's lemma when it is not one of
    them (en_core_web_sm lemmatises "staged" as "stag" and "hopes" as "hop")."""
    words = {key.split()[0] for key, _ in lex.rules} | {w.split()[0] for w in lex.frames} | {
        w.split()[0] for w in lex.modality}
    for word in sorted(words):
        if word.isalpha():
            for form in inflections(word):
                lex.forms.setdefault(form, word)
    for word in words:
        lex.forms[word] = word
    irregular: dict[str, list[str]] = {}
    for _, row in iter_rows(package_path("verb_forms.csv"), ("form", "verb")):
        irregular.setdefault(row["verb"], []).append(row["form"])
    for word in sorted(words):
        # a prefixed verb inflects as its stem does: "retake", "retook"; "overrun", "overran"
        stems = [(word[:len(p)], word[len(p):]) for p in _VERB_PREFIXES
                 if word.startswith(p) and word[len(p):] in irregular]
        for prefix, stem in [("", word), *stems]:
            for form in irregular.get(stem, []):
                if prefix + form not in lex.forms:
                    lex.irregular.setdefault(prefix + form, word)


def correct_lemmas(lex: Lexicon, parse: Any) -> None:
    """Give the lexicon's lemma to tokens whose tagger lemma the lexicon does not know
    but whose form it does ("staged": "stag" -> "stage")."""
    words = tokens(parse)
    for tok in words:
        lemma = tok.lemma_.lower()
        if lemma not in lex.forms or lex.forms[lemma] != lemma:
            fixed = lex.forms.get(tok.lower_)
            # The tagger takes some past tenses for a present ("Japan forgave the debt",
            # "the missile overflew Japan") and leaves them as written.
            if fixed is None and tok.pos_ == "VERB":
                fixed = lex.irregular.get(tok.lower_)
            if fixed is not None and fixed != lemma:
                tok.lemma_ = fixed
    # The tokenizer splits a hyphenated word ("cease-fire", "walk-out", "sit-in"): its last
    # part takes the whole word's lemma when the lexicon knows the word, written with the
    # hyphen or without it.
    for i in range(1, len(words) - 1):
        if not in_word_hyphen(words[i]):
            continue
        first, last = words[i - 1].lower_, words[i + 1]
        for form in (f"{first}-{last.lower_}", first + last.lower_,
                     f"{first}-{last.lemma_.lower()}", first + last.lemma_.lower()):
            word = lex.forms.get(form)
            if word is not None:
                last.lemma_ = word
                break


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read and validated once per process."""
    lex = Lexicon()
    _load_cameo(lex)
    _load_rules(lex)
    _load_maps(lex)
    _load_implicit(lex)
    _load_senses(lex)
    lex.actor_nouns = frozenset(row["term"] for _, row in iter_rows(
        package_path("sectors.csv"), ("term", "sector", "rank")) if row["sector"] != "-")
    _load_words(lex)
    _index_forms(lex)
    return lex
