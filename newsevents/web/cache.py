"""Answers kept per copy of the store: a JSON answer is computed once per snapshot generation.

Every API answer is a function of the copy served (:class:`~newsevents.store.snapshot.
Snapshot`'s generation), the path and the query string, and a dashboard asks the same few
questions over and over: under load, recomputing them (several DuckDB queries each) is what
filled the machine. :class:`ResponseCache` keeps the successful answers to GET requests on
the API, keyed on (generation, path, query string), and drops them all when a new copy is
taken. Concurrent misses on one key wait for the first to finish rather than each running
the same queries. It is bounded in entries and bytes, and an answer larger than
``max_body`` is never kept. Errors (a bad filter, a query past its time limit) are not kept.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Key = tuple[int | None, str, bytes]


@dataclass(frozen=True)
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """ASGI middleware: keep the 200 answers to GET requests under ``prefixes``, per
    ``generation()`` (the snapshot's copy number), at most ``max_entries`` answers and
    ``max_bytes`` in all."""

    def __init__(self, app: ASGIApp, generation: Callable[[], int | None],
                 prefixes: tuple[str, ...] = ("/api/",), exclude: tuple[str, ...] = (),
                 max_entries: int = 1024, max_bytes: int = 64_000_000,
                 max_body: int = 2_000_000) -> None:
        self.app, self.generation = app, generation
        self.prefixes, self.exclude = prefixes, exclude
        self.max_entries, self.max_bytes, self.max_body = max_entries, max_bytes, max_body
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._bytes = 0
        self._generation: int | None = None
        self._pending: dict[Key, asyncio.Future[_Entry | None]] = {}
        self.hits = self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not path.startswith(self.prefixes) or path.startswith(self.exclude)):
            await self.app(scope, receive, send)
            return
        generation = self.generation()
        if generation != self._generation:  # a new copy: every kept answer is out of date
            self._entries.clear()
            self._bytes, self._generation = 0, generation
        key: Key = (generation, path, scope.get("query_string", b""))
        entry = self._entries.get(key)
        if entry is None and key in self._pending:
            entry = await asyncio.shield(self._pending[key])
        if entry is not None:
            self.hits += 1
            if key in self._entries:
                self._entries.move_to_end(key)
            await _replay(entry, send)
            return
        self.misses += 1
        await self._compute(key, scope, receive, send)

    async def _compute(self, key: Key, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer the request, and keep the answer if it may be kept."""
        waiting: asyncio.Future[_Entry | None] = asyncio.get_running_loop().create_future()
        first = key not in self._pending
        if first:
            self._pending[key] = waiting
        start: Message | None = None
        parts: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                keep = size <= self.max_body
                if keep:
                    parts.append(message.get("body", b""))
                else:
                    parts.clear()
            await send(message)

        entry = None
        try:
            await self.app(scope, receive, capture)
            if keep and start is not None:
                entry = _Entry(start["status"], list(start.get("headers", [])), b"".join(parts))
                self._store(key, entry)
        finally:
            if first:
                del self._pending[key]
                waiting.set_result(entry)  # None: the waiters answer for themselves

    def _store(self, key: Key, entry: _Entry) -> None:
        if key[0] != self._generation:  # the copy changed while this answer was computed
            return
        self._entries[key] = entry
        self._bytes += len(entry.body)
        while self._entries and (len(self._entries) > self.max_entries
                                 or self._bytes > self.max_bytes):
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= len(dropped.body)


async def _replay(entry: _Entry, send: Send) -> None:
    await send({"type": "http.response.start", "status": entry.status,
                "headers": entry.headers})
    await send({"type": "http.response.body", "body": entry.body})
