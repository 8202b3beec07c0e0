"""Scale: code a corpus in shards, on local worker processes or a Dask cluster, resumably.

- :mod:`.shards`: cutting read items into shards with stable keys; the Parquet shard files,
  written atomically;
- :mod:`.worker`: the shard function every worker runs (the model loads once per process);
- :mod:`.runners`: this process, a local process pool, or a Dask cluster;
- :mod:`.run`: the driver loop behind :func:`newsevents.ingest` with ``workers``/``cluster``;
- :mod:`.bench`: the throughput and memory benchmark against spaCy's own pipeline.

Reads the Documents the ``read`` stage yields; fills what the pipeline fills.

Layers: ``scale`` sits above the coding core (:mod:`newsevents.coding`), beside
:mod:`newsevents.pipeline`, and below :mod:`newsevents.ingestion`, which stores the shards
it codes. It imports neither of those two: a worker is handed the run's picklable
:class:`~newsevents.settings.Settings` and builds its own ``coding.Pipeline`` from them
(once per process, on its first shard).
"""

from __future__ import annotations

from .run import DEFAULT_SHARD_SIZE, code_shards
from .runners import LOCAL, open_runner
from .shards import CodedShard, Shard, ShardDir, decode_shard, encode_shard, plan_shards

__all__ = ["DEFAULT_SHARD_SIZE", "LOCAL", "CodedShard", "Shard", "ShardDir", "code_shards",
           "decode_shard", "encode_shard", "open_runner", "plan_shards"]
