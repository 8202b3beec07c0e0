"""Measure the coder: gold records in the PLOVER format (:mod:`.plover`), the project's own
real-news gold (:mod:`.realnews`), the other dev sets in ``../shared/gold``
(:mod:`.devsets`) and the one scoreboard over all of them (:mod:`.scoreboard`)."""

from .plover import (
    NONE,
    RENAMED_TYPES,
    Evaluation,
    GoldRecord,
    Scores,
    compare_to_baseline,
    evaluate,
    load_gold,
)

__all__ = ["GoldRecord", "Scores", "Evaluation", "load_gold", "evaluate", "compare_to_baseline",
           "RENAMED_TYPES", "NONE"]
