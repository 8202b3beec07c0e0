"""Network guards for fetching: which addresses may be connected to, a time limit on a
whole response, and decoding that stops at a size cap however well the data compresses.

The address check sits in the connection itself (an httpcore network backend): the host
is resolved here, every address it resolves to is checked, and the socket is opened to
the checked address, so a second DNS answer (rebinding) cannot slip a private address in,
and every redirect hop, on a new connection, is checked again.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore

PIECE = 64 * 1024  # decoded bytes produced per step: memory stays flat whatever the ratio

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Cloud metadata services outside the link-local range (Oracle's sits in 192.0.0.0/24,
# the IETF protocol block, which Python counts as global before 3.13).
_METADATA = (ipaddress.ip_network("192.0.0.0/24"), ipaddress.ip_network("100.100.100.200/32"))


class DecodeError(ValueError):
    """A compressed body is corrupt, truncated or in an encoding not offered."""


class AddressRefused(Exception):
    """A host resolved to an address that may not be connected to; ``str()`` says why."""


# --------------------------------------------------------------------------- addresses


def refusal(address: str) -> str | None:
    """Why ``address`` may not be connected to (unless private addresses are allowed),
    or None for a public address."""
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    ip = _embedded_ipv4(ip) or ip
    if any(ip in network for network in _METADATA):
        return "a cloud metadata or protocol address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (where cloud metadata services answer)"
    if ip.is_private:
        return "a private address"
    if not ip.is_global or ip.is_multicast:
        return "a reserved, non-public address"
    return None


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv6 one that carries it (mapped, 6to4, Teredo, NAT64)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to checked addresses, and holds every read to a deadline.

    ``deadline`` (a ``time.monotonic()`` value) is set by the fetcher before each
    request: a server that drips one byte at a time never trips a per-read timeout,
    so the whole response is held to one limit.
    """

    def __init__(self, allow_private: bool, allowed_networks: Iterable[str] = ()) -> None:
        self.allow_private = allow_private
        self.allowed = tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks)
        self.deadline: float | None = None

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = self.checked(host, port)
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, self.remaining(timeout),
                                             local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return DeadlineStream(stream, self)
        raise error

    def checked(self, host: str, port: int) -> list[str]:
        """The addresses ``host`` resolves to; AddressRefused if one may not be connected
        to, httpcore.ConnectError if it does not resolve."""
        addresses = _resolve(host, port)
        if not self.allow_private:
            for address in addresses:
                why = refusal(address)
                if why and not self._allowed(address):
                    shown = f"{host} is" if host == address else f"{host} is at {address},"
                    raise AddressRefused(f"{shown} {why}; refused (pass --allow-private to "
                                         f"fetch from your own network)")
        return addresses

    def _allowed(self, address: str) -> bool:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        return any(ip.version == n.version and ip in n for n in self.allowed)

    def remaining(self, timeout: float | None) -> float | None:
        """``timeout`` shortened to what is left before the deadline."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the response took longer than the time limit")
        return left if timeout is None else min(timeout, left)


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}") from exc
    seen: dict[str, None] = {}
    for _family, _type, _proto, _name, sockaddr in infos:
        seen.setdefault(str(sockaddr[0]), None)
    return list(seen)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes stop at the backend's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, backend: GuardedBackend) -> None:
        self._stream = stream
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._backend.remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._backend.remaining(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname,
                                     self._backend.remaining(timeout))
        return DeadlineStream(tls, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


# --------------------------------------------------------------------------- decoding


def accepted_encodings() -> str:
    """The Accept-Encoding header: only what :func:`decode` can bound."""
    return "gzip, deflate, br" if _brotli() is not None else "gzip, deflate"


def decode(chunks: Iterable[bytes], encodings: list[str]) -> Iterator[bytes]:
    """Undo Content-Encoding ``encodings`` (in the order applied) over raw ``chunks``,
    yielding pieces of at most :data:`PIECE` bytes. Raises DecodeError."""
    stream: Iterator[bytes] = iter(chunks)
    for coding in reversed(encodings):
        if coding in ("identity", ""):
            continue
        if coding in ("gzip", "x-gzip"):
            stream = _inflate(stream, 31)
        elif coding == "deflate":
            stream = _inflate(stream, None)
        elif coding == "br" and _brotli() is not None:
            stream = _unbrotli(stream)
        else:
            raise DecodeError(f"content encoding {coding!r} was not asked for")
    return stream


def _inflate(chunks: Iterator[bytes], wbits: int | None) -> Iterator[bytes]:
    """gzip (wbits 31, several members allowed) or deflate (zlib-wrapped or raw)."""
    inflater: Any = None
    ended = False
    for chunk in chunks:
        data = chunk
        while not ended:
            if inflater is None:
                if not data:
                    break
                inflater = zlib.decompressobj(wbits if wbits is not None else _deflate_bits(data))
            try:
                out = inflater.decompress(data, PIECE)
            except zlib.error as exc:
                raise DecodeError(f"corrupt compressed data ({exc})") from exc
            if out:
                yield out
            data = inflater.unconsumed_tail
            if inflater.eof:
                # Another gzip member may follow; anything else after the end is padding.
                data = inflater.unused_data
                inflater = None
                ended = not (wbits == 31 and data[:2] == b"\x1f\x8b")
            elif not data and len(out) < PIECE:
                break
    if inflater is not None:
        raise DecodeError("the compressed data is truncated")


def _deflate_bits(head: bytes) -> int:
    # RFC 9110 says zlib-wrapped; some servers send raw deflate. A zlib header is a
    # CMF byte with method 8 and a check that makes the first two bytes divisible by 31.
    if len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0:
        return 15
    return -15


def _unbrotli(chunks: Iterator[bytes]) -> Iterator[bytes]:
    brotli = _brotli()
    decompressor = brotli.Decompressor()
    for chunk in chunks:
        data = chunk
        while True:
            try:
                out = decompressor.process(data, output_buffer_limit=PIECE)
            except brotli.error as exc:
                raise DecodeError(f"corrupt brotli data ({exc})") from exc
            if out:
                yield out
            data = b""
            if decompressor.can_accept_more_data():
                break
    while not decompressor.is_finished():
        # Output held back by the last step's limit comes out on empty input.
        out = decompressor.process(b"", output_buffer_limit=PIECE)
        if not out:
            raise DecodeError("the compressed data is truncated")
        yield out


def _brotli() -> Any:
    try:
        import brotli
    except ImportError:  # optional: without it, br is simply not offered
        return None
    return brotli


def size_text(n: int) -> str:
    """A byte count for messages: ``50 MB``, ``512 KB``, ``100 bytes``."""
    if n >= 2**20:
        return f"{n / 2**20:.3g} MB"
    if n >= 1024:
        return f"{n / 1024:.3g} KB"
    return f"{n} bytes"


def capped(pieces: Iterable[bytes], limit: int) -> bytes:
    """Join ``pieces``; raise DecodeError as soon as they pass ``limit`` bytes, so that a
    bomb is never inflated past the cap."""
    out = bytearray()
    for piece in pieces:
        out += piece
        if len(out) > limit:
            raise DecodeError(f"larger than {size_text(limit)}")
    return bytes(out)
