"""Tests for newsevents.read.net: address refusal and bounded decompression."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest
from _hostile import brotli_bomb, gzip_bomb

from newsevents.read.net import PIECE, DecodeError, capped, decode, refusal, size_text

TEXT = b"Envoys from Arandia and Belmoria met in Kessel on Tuesday. " * 2000


def raw_deflate(data: bytes) -> bytes:
    deflater = zlib.compressobj(wbits=-15)
    return deflater.compress(data) + deflater.flush()


def chunks(data: bytes, size: int = 8192) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "a loopback address"),
    ("::1", "a loopback address"),
    ("::ffff:127.0.0.1", "a loopback address"),  # IPv4-mapped
    ("10.20.30.40", "a private address"),
    ("192.168.1.1", "a private address"),
    ("fd00:ec2::254", "a private address"),  # AWS metadata over IPv6
    ("64:ff9b::a00:1", "a private address"),  # NAT64 of 10.0.0.1
    ("169.254.169.254", "a link-local address (where cloud metadata services answer)"),
    ("fe80::1", "a link-local address (where cloud metadata services answer)"),
    ("100.100.100.200", "a cloud metadata or protocol address"),
    ("192.0.0.192", "a cloud metadata or protocol address"),
    ("0.0.0.0", "a private address"),
    ("224.0.0.1", "a reserved, non-public address"),
])
def test_refusal_names_the_kind_of_non_public_address(address: str, kind: str) -> None:
    assert refusal(address) == kind


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_refusal_allows_public_addresses(address: str) -> None:
    assert refusal(address) is None


@pytest.mark.parametrize(("encodings", "encode"), [
    (["gzip"], gzip.compress),
    (["x-gzip"], gzip.compress),
    (["deflate"], zlib.compress),
    (["deflate"], lambda d: raw_deflate(d)),  # what some servers send for "deflate"
    (["br"], brotli.compress),
    (["gzip", "br"], lambda d: brotli.compress(gzip.compress(d))),
    ([], lambda d: d),
    (["identity"], lambda d: d),
])
def test_decode_undoes_content_encodings(encodings: list[str], encode: object) -> None:
    data = encode(TEXT)  # type: ignore[operator]
    assert capped(decode(chunks(data), encodings), 10 * len(TEXT)) == TEXT


def test_decode_reads_several_gzip_members() -> None:
    data = gzip.compress(b"first ") + gzip.compress(b"second")
    assert capped(decode(chunks(data, 7), ["gzip"]), 100) == b"first second"


@pytest.mark.parametrize("bomb", [gzip_bomb(400), brotli_bomb(400)], ids=["gzip", "br"])
def test_decode_never_inflates_a_bomb_past_the_cap(bomb: bytes) -> None:
    encoding = "gzip" if bomb[:2] == b"\x1f\x8b" else "br"
    pieces = decode(chunks(bomb, 65536), [encoding])
    seen = 0
    for piece in pieces:
        assert len(piece) <= 4 * PIECE  # memory stays flat whatever the ratio
        seen += len(piece)
        if seen > 4 * 2**20:
            break
    with pytest.raises(DecodeError, match="larger than 4 MB"):
        capped(decode(chunks(bomb, 65536), [encoding]), 4 * 2**20)


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_decode_reports_truncated_data(encoding: str) -> None:
    data = gzip.compress(TEXT) if encoding == "gzip" else brotli.compress(TEXT)
    with pytest.raises(DecodeError, match="truncated"):
        capped(decode(chunks(data[: len(data) // 2]), [encoding]), 10 * len(TEXT))


def test_decode_reports_corrupt_data() -> None:
    with pytest.raises(DecodeError, match="corrupt"):
        capped(decode([b"\x1f\x8b\x08\x00" + b"\xff" * 64], ["gzip"]), 1000)


def test_decode_refuses_an_encoding_not_offered() -> None:
    with pytest.raises(DecodeError, match="'zstd' was not asked for"):
        decode([b""], ["zstd"])


@pytest.mark.parametrize(("n", "text"), [(100, "100 bytes"), (5000, "4.88 KB"),
                                         (50 * 2**20, "50 MB"), (int(1.5 * 2**20), "1.5 MB")])
def test_size_text(n: int, text: str) -> None:
    assert size_text(n) == text
