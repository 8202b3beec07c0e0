"""The dashboard's files, served from memory with validators and gzip.

The files in ``static/`` are few and small and ship with the package, so they are read
once, when the app is made, with a gzip copy of each text file made then too. Each answer
carries an ``ETag`` and ``Cache-Control: no-cache`` (a browser keeps the file and asks
whether it changed; ``If-None-Match`` is answered 304 with no body): the page names its
scripts without a version, so a newer server must never be hidden behind a cached script.
No file system access happens per request, so a file is as quick as the event loop.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

CACHE_CONTROL = b"no-cache"
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


@dataclass(frozen=True)
class Asset:
    """One file as it is sent: its body, its gzip copy (None when not worth it)."""

    media_type: str
    body: bytes
    gzipped: bytes | None
    etag: bytes

    @classmethod
    def read(cls, path: Path, media_type: str | None = None) -> Asset:
        body = path.read_bytes()
        kind = media_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        text = kind.startswith(_TEXT_TYPES)
        if kind.startswith("text/") and "charset=" not in kind:
            kind += "; charset=utf-8"
        packed = gzip.compress(body, compresslevel=9, mtime=0) if text else None
        return cls(kind, body, packed if packed and len(packed) < len(body) else None,
                   b'"' + hashlib.sha256(body).hexdigest()[:20].encode() + b'"')

    async def send(self, scope: Scope, send: Send) -> None:
        """Answer ``scope`` (a GET) with this file: whole, gzipped or 304."""
        request = Headers(scope=scope)
        headers = [(b"content-type", self.media_type.encode()), (b"etag", self.etag),
                   (b"cache-control", CACHE_CONTROL), (b"vary", b"Accept-Encoding")]
        if self.etag in _etags(request.get("if-none-match", "")):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        body = self.body
        if self.gzipped is not None and _accepts_gzip(request.get("accept-encoding", "")):
            body = self.gzipped
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class StaticAssets:
    """An ASGI app for the files of ``folder`` (not its subfolders), by name; 404 for any
    other path, 405 for a method other than GET (HEAD is answered as GET outside)."""

    def __init__(self, folder: Path) -> None:
        self.files = {path.name: Asset.read(path) for path in sorted(folder.iterdir())
                      if path.is_file() and not path.name.startswith(".")}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = scope["path"][len(scope.get("root_path", "")):].lstrip("/")
        asset = self.files.get(name)
        if asset is None:
            await _plain(send, 404, b"Not Found")
        elif scope["method"] != "GET":
            await _plain(send, 405, b"Method Not Allowed")
        else:
            await asset.send(scope, send)


class OneAsset:
    """An ASGI app answering GET with one file (the dashboard's page at ``/``)."""

    def __init__(self, asset: Asset) -> None:
        self.asset = asset

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "GET":
            await _plain(send, 405, b"Method Not Allowed")
        else:
            await self.asset.send(scope, send)


async def _plain(send: Send, status: int, text: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(text)).encode())]})
    await send({"type": "http.response.body", "body": text})


def _etags(header: str) -> set[bytes]:
    return {tag.strip().removeprefix("W/").encode() for tag in header.split(",") if tag.strip()}


def _accepts_gzip(header: str) -> bool:
    for part in header.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            q = params.strip().removeprefix("q=").strip() if "q=" in params else "1"
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False
