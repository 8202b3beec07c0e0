"""The end of a batch: one summary line on stderr and the exit status.

Exit status: 0 all good, 1 some inputs failed, 126 when (nearly) everything failed —
every item, or at least 90% of two or more — so that a script can tell a few bad pages
from a wrong path or a dead network. (2, a usage error, is decided before any reading.)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator

from ..models import Document, Failure
from ._output import EXIT_OK, EXIT_SOME_FAILED, report_failure

EXIT_ALL_FAILED = 126
NEARLY_ALL = 0.9
# Where a reason's particulars start: a colon that ends a phrase (not the colons of a URL
# or an IPv6 address), a semicolon, a bracket, an offset, a size.
_REASON_END = re.compile(r":\s|[;(]| at byte | at column | of \d")
# Particulars to drop before that: "redirected to URL: " (its kind is the refusal that
# follows), " of/from URL", any other URL but its scheme, and the host or address a
# refusal starts with.
_REDIRECTED = re.compile(r"^redirected to \S+: ")
_URL = re.compile(r"\s+(?P<prep>of|from|to|at)\s+['\"]?[a-z][a-z0-9+.-]*://\S*"
                  r"|['\"]?(?P<scheme>[a-z][a-z0-9+.-]*)://\S*", re.I)
_HOST_IS = re.compile(r"^\[?[\w.%-]*[.:][\w.:%-]*\]? is (?:at \S+, )?")


def exit_status(ok: int, failed: int) -> int:
    """0, 1 or 126 for a batch of ``ok`` good and ``failed`` bad items."""
    if not failed:
        return EXIT_OK
    total = ok + failed
    if ok == 0 or (total >= 2 and failed >= NEARLY_ALL * total):
        return EXIT_ALL_FAILED
    return EXIT_SOME_FAILED


def reason_key(reason: str) -> str:
    """The kind of a failure reason, without its particulars (sizes, URLs, offsets)."""
    bare = _URL.sub(lambda m: "" if m["prep"] else m["scheme"], _REDIRECTED.sub("", reason))
    bare = _HOST_IS.sub("", bare)
    key = _REASON_END.split(bare, maxsplit=1)[0].strip()
    return key or reason


def failed_by_reason(failures: Iterable[Failure]) -> str:
    """``7 failed (3 no such file; 2 binary file, not text; ...)``, or ``0 failed``."""
    counts = Counter(reason_key(f.reason) for f in failures)
    total = sum(counts.values())
    if not total:
        return "0 failed"
    parts = "; ".join(f"{n} {key}" for key, n in counts.most_common())
    return f"{total} failed ({parts})"


def warn_undated(origins: list[str], shown: int = 3) -> None:
    """One line on stderr naming the inputs coded without a publication date (the first
    ``shown`` of them), or nothing when there are none."""
    if not origins:
        return
    names = ", ".join(origins[:shown])
    more = f" and {len(origins) - shown} more" if len(origins) > shown else ""
    print(f"newsevents: warning: no publication date for {names}{more}: their events are "
          "left undated (out of time series and date filters); give --date YYYY-MM-DD",
          file=sys.stderr)


def print_summary(*counts: str, failures: Iterable[Failure]) -> None:
    """One line on stderr: ``newsevents: 12 read, 5 coded, ...; 7 failed (...)``."""
    print(f"newsevents: {', '.join(counts)}; {failed_by_reason(failures)}", file=sys.stderr)


def documents(items: Iterable[Document | Failure], failures: list[Failure]
              ) -> Iterator[Document]:
    """The documents of a batch; each failure is reported on stderr as it comes (the rest
    of the batch goes on) and kept in ``failures`` for the summary."""
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
            report_failure(item)
        else:
            yield item
