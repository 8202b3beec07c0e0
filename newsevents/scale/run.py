"""The driver loop: read inputs, cut shards, have them coded, save each, hand them back.

Reading and planning are lazy and at most ``runner.capacity`` shards are in flight, so
memory stays flat whatever the corpus size. Shards come back in input order (a document
that appears twice ends as its later copy, as in one process). Each finished shard is
saved atomically before it is handed back, so an interrupted run, run again, recodes only
what was not saved.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import StoreError
from ..progress import Progress
from ..read import read_inputs
from ..settings import Settings
from .runners import Handle, Runner, open_runner, shard_result
from .shards import CodedShard, Shard, ShardDir, decode_payload, plan_shards, run_fingerprint

log = logging.getLogger(__name__)

DEFAULT_SHARD_SIZE = 40


def code_shards(inputs: Iterable[str], shard_dir: str | Path, settings: Settings | None = None,
                workers: int = 1, cluster: str | None = None,
                shard_size: int = DEFAULT_SHARD_SIZE, runner: Runner | None = None,
                progress: Progress | None = None) -> Iterator[CodedShard]:
    """Read ``inputs`` and code them shard by shard; each coded shard in input order.

    ``workers`` local processes (``1``: this one) or a Dask ``cluster`` (a scheduler
    address such as ``tcp://host:8786``, or ``local``) code the shards, or an open
    ``runner`` (see :func:`open_runner`) when one is given; finished shards are kept in
    ``shard_dir`` and reused, not recoded, when the same inputs are coded again with the
    same settings. ``progress`` is told the stage: ``reading`` while this process reads,
    ``coding`` while it codes or waits for the workers.
    """
    settings = settings or Settings.load()
    if runner is None:
        with open_runner(settings, workers, cluster) as opened:
            yield from code_shards(inputs, shard_dir, settings, shard_size=shard_size,
                                   runner=opened, progress=progress)
        return
    bar = progress or Progress(False)
    directory = ShardDir(shard_dir)
    fingerprint = run_fingerprint(settings)
    shards = plan_shards(bar.reading(read_inputs(inputs, settings)), fingerprint, shard_size)
    pending: deque[tuple[Shard, Handle | None]] = deque()
    for shard in shards:
        bar.stage("coding")
        handle = None if directory.has(shard.key) else runner.submit(shard.key,
                                                                     shard.items)
        pending.append((shard, handle))
        while pending and (len(pending) > runner.capacity or _ready(pending[0][1])):
            yield _finish(*pending.popleft(), directory, runner)
    bar.stage("coding")
    while pending:
        yield _finish(*pending.popleft(), directory, runner)


def _ready(handle: Handle | None) -> bool:
    return handle is None or handle.done()


def _finish(shard: Shard, handle: Handle | None, directory: ShardDir,
            runner: Runner) -> CodedShard:
    if handle is None:
        found = directory.load(shard.key)
        if found is not None:
            log.info("shard %d (%s): finished by an earlier run", shard.index, shard.key)
            return CodedShard(shard.key, *found, reused=True)
        handle = runner.submit(shard.key, shard.items)  # it was unreadable: code it again
    payload = shard_result(handle, shard.key)
    path = directory.save(shard.key, payload)
    log.info("shard %d (%s): %d documents coded", shard.index, shard.key, shard.documents)
    try:
        # From the bytes in hand (or the items they carry), not from the file just written.
        found = decode_payload(payload)
    except StoreError as exc:
        path.unlink(missing_ok=True)  # a later run codes it again
        raise StoreError(f"{path}: the shard just coded cannot be decoded ({exc})") from exc
    return CodedShard(shard.key, *found)
