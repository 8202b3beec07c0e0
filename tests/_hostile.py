"""Hostile inputs the tests make themselves: compression bombs, deep markup, bad bytes."""

from __future__ import annotations

import struct
import zlib
from functools import cache

import brotli


@cache
def gzip_bomb(megabytes: int, fill: bytes = b"\0") -> bytes:
    """A gzip file of about ``megabytes`` KB that inflates to ``megabytes`` MB of ``fill``
    (zeros, or a letter to pass for text).

    Made without compressing that much: one megabyte of zeros is deflated once, ended
    with a full flush (so the block stands alone), and the block is repeated.
    """
    zeros = fill * 2**20
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    final = b"\x03\x00"  # an empty last block
    size = (megabytes * 2**20) & 0xFFFFFFFF
    return header + block * megabytes + final + struct.pack("<II", crc, size)


def nested_tags(depth: int, tag: str = "div") -> str:
    """A page whose markup is ``depth`` elements deep, an article after it."""
    article = ("<p>Envoys from Arandia and Belmoria met in the border town of Kessel on "
               "Tuesday to discuss the release of prisoners.</p>")
    return (f"<!DOCTYPE html><html><body>{f'<{tag}>' * depth}deep{f'</{tag}>' * depth}"
            f"{article}</body></html>")


@cache
def brotli_bomb(megabytes: int) -> bytes:
    """Brotli data that inflates to ``megabytes`` MB of zeros (a few dozen KB)."""
    compressor = brotli.Compressor(quality=1)
    zeros = bytes(2**20)
    return b"".join([*(compressor.process(zeros) for _ in range(megabytes)),
                     compressor.finish()])
