"""The progress bar of a batch: items done of a total, the stage at hand, a rate and an ETA.

A batch (``code``, ``ingest``, ``extract``) counts its items when that is cheap
(:func:`newsevents.read.count_items`), so the bar has a total, a percentage and an ETA;
otherwise it counts up. Its label names what the process is doing now — ``counting``,
``reading``, ``coding``, ``storing`` — so a long parse is not shown as reading. It is drawn
on stderr only when ``Settings.progress`` is set (the CLI sets it when stderr is a
terminal); otherwise every call is a no-op.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")

# Redraws at most this often (seconds): a label that changes per document must not flood
# a slow terminal.
_REFRESH = 0.2


class Progress:
    """A bar over ``total`` items (None: unknown), labelled with the current stage."""

    def __init__(self, enabled: bool, total: int | None = None, stage: str = "reading"
                 ) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.stage_name = stage
        self._drawn = 0.0
        self._bar = tqdm(total=total, desc=stage, unit=" docs", file=sys.stderr,
                         leave=False, disable=not self.enabled, dynamic_ncols=True,
                         mininterval=_REFRESH) if self.enabled else None

    @property
    def done(self) -> int:
        return int(self._bar.n) if self._bar is not None else 0

    def set_total(self, total: int | None) -> None:
        """The number of items the batch will have, once counted (None: unknown)."""
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def stage(self, name: str) -> None:
        """Name what is being done now (``reading``, ``coding``, ``storing``)."""
        if name == self.stage_name:
            return
        self.stage_name = name
        if self._bar is not None:
            now = time.monotonic()
            self._bar.set_description_str(name, refresh=now - self._drawn >= _REFRESH)
            self._drawn = now

    def advance(self, n: int = 1) -> None:
        """``n`` more items done (coded, or failed)."""
        if self._bar is None or n <= 0:
            return
        if self._bar.total is not None and self._bar.n + n > self._bar.total:
            self._bar.total = None  # the count was short (a feed URL, say): count up
        self._bar.update(n)

    def reach(self, done: int) -> None:
        """At least ``done`` items done in all (a batch that reports whole shards)."""
        self.advance(done - self.done)

    def failed(self, count: int) -> None:
        if self._bar is not None and count:
            self._bar.set_postfix(failed=count, refresh=False)

    def reading(self, items: Iterable[T], then: str = "coding") -> Iterator[T]:
        """``items`` (read lazily), the label saying ``reading`` while each is read and
        ``then`` once it is handed on."""
        iterator = iter(items)
        while True:
            self.stage("reading")
            try:
                item = next(iterator)
            except StopIteration:
                return
            self.stage(then)
            yield item

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


__all__ = ["Progress"]
