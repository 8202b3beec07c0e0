from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsevents.errors import ConfigError, StoreError
from newsevents.models import Document, Failure
from newsevents.scale import ShardDir, decode_shard, encode_shard, plan_shards
from newsevents.scale.shards import (
    decode_payload,
    decode_record,
    encode_record,
    run_fingerprint,
)
from newsevents.settings import Settings

TEXT = ("Egyptian mediators hosted Israeli and Palestinian delegations in Cairo on Tuesday. "
        "\"We will not accept new settlements,\" Palestinian President Mahmoud Abbas said. "
        "Israel did not impose new restrictions on Gaza.")


def _docs(n: int) -> list[Document]:
    return [Document(id=f"d{i}", text=f"Article number {i} says something.", origin=f"f:{i}",
                     date=date(2021, 5, 18)) for i in range(n)]


@pytest.mark.slow
def test_codec_round_trips_a_coded_document(coded: Callable[..., Document]) -> None:
    doc = coded(TEXT, day=date(2021, 5, 18))
    doc.parse = None
    assert doc.events and doc.mentions and doc.sentences
    assert decode_record("document", encode_record(doc)) == doc


@pytest.mark.slow
def test_shard_file_gives_back_documents_and_failures_in_order(
        coded: Callable[..., Document], tmp_path: Path) -> None:
    doc = coded(TEXT, day=date(2021, 5, 18))
    doc.parse = None
    failure = Failure("bad.jsonl:3", "read", "invalid JSON")
    path = tmp_path / "s.parquet"
    payload = encode_shard([failure, doc])
    path.write_bytes(payload)
    assert decode_shard(path) == ([doc], [failure])
    # The bytes in hand decode without the file; in the coding process, without Parquet.
    assert decode_shard(bytes(payload)) == ([doc], [failure])
    assert decode_payload(payload) == ([doc], [failure])
    assert decode_payload(pickle.loads(pickle.dumps(payload))) == ([doc], [failure])
    assert type(pickle.loads(pickle.dumps(payload))) is bytes  # the items stay home


def test_shard_keys_are_stable_across_runs() -> None:
    fingerprint = run_fingerprint(Settings.load())
    first = [s.key for s in plan_shards(_docs(7), fingerprint, 3)]
    again = [s.key for s in plan_shards(_docs(7), fingerprint, 3)]
    assert first == again and len(set(first)) == 3


@pytest.mark.parametrize("change", [
    lambda d: replace(d, text=d.text + " More."),
    lambda d: replace(d, date=date(2022, 1, 1)),
    lambda d: replace(d, title="A new title"),
])
def test_shard_key_changes_with_any_document_change(change: Callable[[Document], Document]
                                                    ) -> None:
    fingerprint = run_fingerprint(Settings.load())
    docs = _docs(3)
    before = next(plan_shards(docs, fingerprint, 3)).key
    after = next(plan_shards([change(docs[0]), *docs[1:]], fingerprint, 3)).key
    assert before != after


def test_shard_key_changes_with_the_model() -> None:
    docs = _docs(2)
    one = next(plan_shards(docs, run_fingerprint(Settings.load(model="en_core_web_sm")), 5))
    other = next(plan_shards(docs, run_fingerprint(Settings.load()), 5))
    assert one.key != other.key


def test_plan_shards_rejects_a_size_below_one() -> None:
    with pytest.raises(ConfigError, match="at least 1"):
        list(plan_shards(_docs(2), "x", 0))


def test_shard_dir_saves_atomically_and_clears_half_written_files(tmp_path: Path) -> None:
    directory = ShardDir(tmp_path)
    (tmp_path / "abc.parquet.tmp-123").write_bytes(b"half")
    directory = ShardDir(tmp_path)  # a new run starts
    directory.save("abc", encode_shard(_docs(2)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abc.parquet"]
    assert [d.id for d in directory.load("abc")[0]] == ["d0", "d1"]  # type: ignore[index]


def test_shard_dir_drops_an_unreadable_shard_to_code_it_again(tmp_path: Path) -> None:
    directory = ShardDir(tmp_path)
    directory.file("bad").write_bytes(b"not parquet")
    assert directory.load("bad") is None
    assert not directory.has("bad")


def test_decode_shard_names_the_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    path.write_bytes(b"garbage")
    with pytest.raises(StoreError, match="x.parquet"):
        decode_shard(path)


def test_shard_dir_that_cannot_be_created_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="shard directory"):
        ShardDir(blocker / "shards")
