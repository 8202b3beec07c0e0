"""The event coder's knowledge: triggers, the CAMEO/PLOVER table, refusals, modality words.

All of it is read from ``newsevents/data`` (``triggers.csv``, ``cameo.csv``,
``refusals.csv``, ``modality.csv``), checked against itself (every trigger's CAMEO code
must be in the table) and indexed once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..datafiles import iter_rows, package_path, split_list
from ..errors import DataFileError
from ..models import PLOVER_TYPES


@dataclass(frozen=True)
class CameoCode:
    code: str
    plover: str
    mode: str | None
    context: tuple[str, ...]
    quad_class: int
    goldstein: float
    description: str


@dataclass(frozen=True)
class TriggerRule:
    trigger: str  # lemma, or "lemma particle"
    pos: str  # V or N
    objects: frozenset[str]
    cameo: str
    line: int
    alone: str | None = None  # the code when no target is found

    @property
    def name(self) -> str:
        return f"triggers.csv:{self.line}"


@dataclass
class Lexicon:
    cameo: dict[str, CameoCode] = field(default_factory=dict)
    rules: dict[tuple[str, str], list[TriggerRule]] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)
    modality: dict[str, str] = field(default_factory=dict)

    def words(self, kind: str) -> frozenset[str]:
        return frozenset(w for w, k in self.modality.items() if k == kind)

    def code(self, code: str) -> CameoCode:
        return self.cameo[code]


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
        lex.cameo[row["code"]] = CameoCode(
            code=row["code"], plover=row["plover"], mode=row.get("mode") or None,
            context=tuple(split_list(row.get("context", ""))), quad_class=quad,
            goldstein=weight, description=row.get("description", ""))


def _load_rules(lex: Lexicon) -> None:
    path = package_path("triggers.csv")
    general: dict[tuple[str, str], list[TriggerRule]] = {}
    specific: dict[tuple[str, str], list[TriggerRule]] = {}
    for line, row in iter_rows(path, ("trigger", "pos", "cameo")):
        if row["pos"] not in ("V", "N"):
            raise DataFileError(str(path), line, f"pos must be V or N, not {row['pos']!r}")
        for code in (row["cameo"], row.get("alone", "")):
            if code and code not in lex.cameo:
                raise DataFileError(str(path), line, f"CAMEO code {code} is not in cameo.csv")
        rule = TriggerRule(trigger=row["trigger"].lower(), pos=row["pos"],
                           objects=frozenset(split_list(row.get("object", ""))),
                           cameo=row["cameo"], line=line, alone=row.get("alone") or None)
        key = (rule.trigger, rule.pos)
        (specific if rule.objects else general).setdefault(key, []).append(rule)
    for key in {*general, *specific}:
        lex.rules[key] = specific.get(key, []) + general.get(key, [])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read and validated once per process."""
    lex = Lexicon()
    _load_cameo(lex)
    _load_rules(lex)
    path = package_path("refusals.csv")
    for line, row in iter_rows(path, ("code", "refusal")):
        for code in (row["code"], row["refusal"]):
            if code not in lex.cameo:
                raise DataFileError(str(path), line, f"CAMEO code {code} is not in cameo.csv")
        lex.refusals[row["code"]] = row["refusal"]
    for _, row in iter_rows(package_path("modality.csv"), ("word", "kind")):
        lex.modality[row["word"]] = row["kind"]
    return lex
