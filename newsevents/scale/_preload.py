"""Imported once by the local pool's fork server, before it forks any worker.

The driver names the model and actor tables of the run in ``NEWSEVENTS_POOL_PRELOAD``
(JSON) while the fork server starts; loading them here means every worker is forked with
the model already in memory — shared between them, not loaded once each — as spaCy's own
``n_process`` does by forking its parent.
"""

from __future__ import annotations

import gc
import json
import logging
import os

from ..settings import Settings
from .worker import warm_up

ENV = "NEWSEVENTS_POOL_PRELOAD"


def _preload() -> None:
    raw = os.environ.get(ENV)
    if not raw:
        return
    try:
        wanted = json.loads(raw)
        warm_up(Settings.load(model=wanted["model"],
                              actor_files=tuple(wanted["actor_files"]) or None))
        gc.freeze()  # the server only forks: see PoolRunner
    except Exception:  # a worker loading the same model will report the error itself
        logging.getLogger(__name__).debug("preloading failed", exc_info=True)


_preload()
