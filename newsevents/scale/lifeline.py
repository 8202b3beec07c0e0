"""Local pool workers die with the process that started them.

A ``ProcessPoolExecutor`` worker waits on a pipe for its next shard. When the driver is
killed outright (``kill -9``, the OOM killer) nothing closes the pool: each worker stayed
blocked on that pipe for ever, holding the model's 300 MB. So each worker, as it starts:

- asks Linux to send it SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``), which
  is at once and costs nothing while it works (strictly, when the thread that forked it
  ends: the pool forks its workers in the thread that submits the first shard, which
  outlives the pool);
- and, everywhere, watches its parent's pid from a daemon thread, for the systems without
  ``prctl`` and for a parent that died before the worker could ask.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

# From <linux/prctl.h>.
_PR_SET_PDEATHSIG = 1
# How often the watchdog looks at its parent: a worker outlives a killed driver by at most
# this long where prctl is missing.
WATCH_EVERY = 1.0


def die_with_parent(parent: int | None = None) -> None:
    """Make this process end when its parent does. ``parent`` is the pid the parent had
    when it started this process (a fork's parent): if it is already gone, end now."""
    current = os.getppid()
    if sys.platform.startswith("linux"):
        _ask_for_sigkill()
    if parent is not None and current != parent:
        os._exit(1)  # reparented before the watch began: the driver is gone
    threading.Thread(target=_watch, args=(current,), name="newsevents-lifeline",
                     daemon=True).start()


def _ask_for_sigkill() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    except (OSError, AttributeError) as exc:  # the watchdog still ends the worker
        log.debug("worker %d cannot ask for its parent's death signal: %s", os.getpid(), exc)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_EVERY)
    # The parent is gone (its children are handed to init or a subreaper): nothing will
    # ever read this worker's results.
    os._exit(1)
