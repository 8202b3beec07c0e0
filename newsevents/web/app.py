"""The FastAPI app: JSON endpoints over a store snapshot, and the dashboard's files.

Every endpoint only reads, through :class:`~newsevents.store.snapshot.Snapshot` (a
read-only copy that follows the store's writes, so that serving never blocks an ingest).
The filters are the library's (:class:`newsevents.store.Filters`), validated and bound as
SQL parameters; page sizes are capped and every query is interrupted after
``query_timeout`` seconds. The routes are listed at ``/docs`` (a plain page) and in
``/openapi.json``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path, PurePath
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from starlette.background import BackgroundTask
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._version import __version__
from ..errors import QueryError
from ..models import plain
from ..store import EventFilter, Store
from ..store.query import GROUPS, ORDERS, PERIODS, count_names
from ..store.snapshot import Snapshot
from ..stories import latest_stories
from ..stories.reading import STORY_ORDERS
from ._request_store import reading as store_reading
from .apidocs import api_page
from .assets import OneAsset, StaticAssets
from .beat_pages import add_beat_routes
from .cache import ResponseCache

DOWNLOADS = {"csv": "text/csv; charset=utf-8",  # /api/export's formats, with their types
             "parquet": "application/vnd.apache.parquet"}
MAX_PAGE = 500  # events per page of /api/events
MAX_TOP = 200  # actors or dyads per answer
MAX_PLACES = 1000  # places per answer of /api/places
MAX_STORIES = 100  # stories per page of /api/stories
MAX_MEMBERS = 50  # articles listed per story
THREADS = 4  # queries run at once
_TEXT = 200  # longest accepted filter value, in characters

STATIC = Path(__file__).parent / "static"
_URL_START = re.compile(r"https?://", re.I)
_ARCHIVED = re.compile(r"#(?=https?://)", re.I)  # "crawl.warc.gz#https://...": a WARC's page

# The dashboard loads only its own files: no inline script, no other origin.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _filters(
    type: Annotated[str | None, Query(max_length=_TEXT,
                                      description="PLOVER types, comma-separated")] = None,
    quad_class: Annotated[str | None, Query(max_length=20,
                                            description="quad classes 1-4, comma-separated")]
    = None,
    cameo: Annotated[str | None, Query(max_length=4, description="CAMEO code prefix")] = None,
    actor: Annotated[str | None, Query(max_length=_TEXT,
                                       description="code prefix or name, source or target")]
    = None,
    dyad: Annotated[str | None, Query(max_length=_TEXT,
                                      description="SOURCE-TARGET, e.g. PRK-KOR")] = None,
    undirected: Annotated[bool, Query(description="read the dyad both ways")] = False,
    country: Annotated[str | None, Query(max_length=3,
                                         description="source, target or place country")]
    = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")] = None,
    place: Annotated[str | None, Query(max_length=_TEXT,
                                       description="text in the place name")] = None,
    modality: Annotated[str | None, Query(max_length=60,
                                          description="asserted, negated, intended, "
                                                      "hypothetical; comma-separated")]
    = None,
    text: Annotated[str | None, Query(max_length=_TEXT,
                                      description="words that must all be in the sentence")]
    = None,
    doc_id: Annotated[str | None, Query(max_length=_TEXT)] = None,
    story: Annotated[str | None, Query(max_length=_TEXT,
                                       description="a story id: its articles' events")]
    = None,
) -> EventFilter:
    """The event filters of a request (the same as ``newsevents events``)."""
    try:
        return EventFilter.create(
            type=type or None, quad_class=quad_class or None, cameo=cameo or None,
            actor=actor or None, dyad=dyad or None, undirected=undirected,
            country=country or None, since=since or None, until=until or None,
            place=place or None, modality=modality or None, text=text or None,
            doc_id=doc_id or None, story=story or None)
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from exc


Filter = Annotated[EventFilter, Depends(_filters)]


def public_origin(origin: str) -> str:
    """Where a document was read from, without the server's folders: a URL as it is, a
    file by its name (with its line, record offset or archived URL after it)."""
    if _URL_START.match(origin):
        return origin
    path, archived = (_ARCHIVED.split(origin, maxsplit=1) + [""])[:2]
    return PurePath(path).name + (f"#{archived}" if archived else "")


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every answer, errors included."""

    _HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    _NAMES = frozenset(k for k, _ in _HEADERS)

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", [])
                        if k.lower() not in self._NAMES]
                message = {**message, "headers": kept + self._HEADERS}
            await send(message)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """Answers HEAD as GET without the body: FastAPI registers a GET route for GET alone,
    so HEAD (link checkers, ``curl -I``, monitors) would otherwise answer 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def create_app(snapshot: Snapshot, allowed_hosts: list[str] | None = None,
               threads: int = THREADS) -> FastAPI:
    """The app serving ``snapshot``; it starts the snapshot's watch and closes it at the end.

    ``allowed_hosts``: the Host headers accepted (default: loopback names only, so that a
    web page elsewhere cannot reach the server through DNS rebinding). ``threads``: how
    many queries run at once (the others wait their turn, off the event loop).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The endpoints are plain functions run in this pool, each on its own cursor: a
        # few threads keep two cores busy; forty (anyio's default) only contend.
        to_thread.current_default_thread_limiter().total_tokens = threads
        snapshot.start()
        try:
            yield
        finally:
            snapshot.close()

    # FastAPI's /docs and /redoc pull their script from a CDN, which our policy blocks:
    # /docs is a plain page of the routes instead (web/apidocs.py).
    app = FastAPI(title="newsevents", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Political events coded from news: who did what to whom, "
                              "when and where, with the evidence. Read-only.")
    # Outermost last: security headers on every answer, then the Host check, then HEAD
    # as GET, then the answers kept per copy of the store (web/cache.py). All are plain
    # ASGI: Starlette's @app.middleware("http") runs each request through extra tasks.
    # /api/beats is not kept: a briefing says when it was made.
    app.add_middleware(ResponseCache, generation=lambda: snapshot.generation,
                       exclude=("/api/beats",))
    app.add_middleware(HeadAsGet)
    app.add_middleware(TrustedHostMiddleware,
                       allowed_hosts=allowed_hosts or ["127.0.0.1", "localhost", "[::1]"])
    app.add_middleware(SecurityHeaders)

    @contextmanager
    def reading() -> Iterator[Store]:
        """A store for one request, with its errors as HTTP answers."""
        with store_reading(snapshot) as store:
            yield store

    # Answers are plain JSON types written by json.dumps (JSONResponse): FastAPI's own
    # encoding of a large answer (a daily series) can cost more than the query behind it.
    # The store's typed results become JSON here, at the edge, through models.plain.

    @app.get("/api/events", summary="Events matching the filters, a page at a time")
    def events(flt: Filter, limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 50,
               offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
               order: Annotated[str, Query(description=", ".join(ORDERS))] = "date",
               ) -> JSONResponse:
        with reading() as store:
            rows = store.event_records(flt, limit=limit, offset=offset, order=order)
            total = store.count_events(flt)
        return JSONResponse({"total": total, "limit": limit, "offset": offset,
                             "order": order, "events": rows})

    @app.get("/api/export", summary="Every event matching the filters, as a CSV or Parquet file")
    def export(flt: Filter,
               format: Annotated[str, Query(description=", ".join(DOWNLOADS))] = "csv",
               ) -> FileResponse:
        # The store's own export (newsevents export): the same columns, CAMEO codes quoted
        # in CSV so that 046 stays text. Written to a file first (DuckDB's COPY streams to
        # disk, never all in memory), sent, then removed.
        if format not in DOWNLOADS:
            raise HTTPException(400, f"format={format!r}: choose {' or '.join(DOWNLOADS)}")
        folder = Path(tempfile.mkdtemp(prefix="newsevents-export-"))
        out = folder / f"newsevents-events.{format}"
        try:
            with store_reading(snapshot, exporting=True) as store:
                store.export(out, format, flt=flt)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(str(out), media_type=DOWNLOADS[format], filename=out.name,
                            background=BackgroundTask(shutil.rmtree, folder,
                                                      ignore_errors=True))

    @app.get("/api/events/{event_id}", summary="One event with its evidence")
    def event(event_id: str) -> JSONResponse:
        with reading() as store:
            found = store.evidence(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return JSONResponse(found)

    @app.get("/api/stats", summary="Counts and mean intensity over time; top actors, dyads")
    def stats(flt: Filter,
              by: Annotated[str, Query(description=", ".join(PERIODS))] = "week",
              group: Annotated[str | None, Query(description=", ".join(GROUPS))] = None,
              count: Annotated[str, Query(description=", ".join(count_names()))] = "events",
              top: Annotated[int, Query(ge=0, le=MAX_TOP)] = 10,
              summary: Annotated[bool, Query(description="include the totals")] = True,
              ) -> JSONResponse:
        with reading() as store:
            series, undrawn = store.time_series(flt, by=by, group=group or None, count=count)
            answer: dict[str, Any] = {"by": by, "group": group or None, "count": count,
                                      "series": plain(series), "undrawn": undrawn}
            if summary:
                answer["summary"] = plain(store.summary(flt))
            if top:
                answer["actors"] = plain(store.top_actors(flt, limit=top))
                answer["dyads"] = plain(store.top_dyads(flt, limit=top))
        return JSONResponse(answer)

    @app.get("/api/actors", summary="Actors (by code, named in words) in most matching events")
    def actors(flt: Filter,
               limit: Annotated[int, Query(ge=0, le=MAX_TOP)] = 20) -> JSONResponse:
        with reading() as store:
            return JSONResponse({"actors": plain(store.top_actors(flt, limit=limit))})

    @app.get("/api/dyads", summary="Who acts on whom: directed pairs, weighted")
    def dyads(flt: Filter,
              limit: Annotated[int, Query(ge=0, le=MAX_TOP)] = 30) -> JSONResponse:
        with reading() as store:
            return JSONResponse({"dyads": plain(store.top_dyads(flt, limit=limit))})

    @app.get("/api/places", summary="Where the events happened: places with coordinates")
    def places(flt: Filter,
               limit: Annotated[int, Query(ge=0, le=MAX_PLACES)] = 200) -> JSONResponse:
        with reading() as store:
            rows, unplaced = store.top_places(flt, limit=limit)
        return JSONResponse({"places": rows, "unplaced": unplaced})

    # ``:path``: ids read from URLs hold slashes, and the server decodes %2F before routing.
    @app.get("/api/documents/{doc_id:path}", summary="An article: text, events, quotes")
    def document(doc_id: str) -> JSONResponse:
        with reading() as store:
            found = store.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return JSONResponse({**plain(found), "origin": public_origin(found.origin)})

    @app.get("/api/stories",
             summary="Stories (one happening, many articles), latest or largest first")
    def stories(
        since: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")]
        = None,
        until: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")]
        = None,
        actor: Annotated[str | None, Query(max_length=_TEXT,
                                           description="stories with an event of this actor")]
        = None,
        limit: Annotated[int, Query(ge=0, le=MAX_STORIES)] = 20,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        documents: Annotated[int, Query(ge=0, le=MAX_MEMBERS,
                                        description="articles listed per story")] = 10,
        order: Annotated[str, Query(description=", ".join(STORY_ORDERS))] = "latest",
    ) -> JSONResponse:
        if order not in STORY_ORDERS:
            raise HTTPException(400, f"order={order!r}: choose {', '.join(STORY_ORDERS)}")
        with reading() as store:
            total, rows = latest_stories(store, since=since or None, until=until or None,
                                         actor=actor or None, limit=limit, offset=offset,
                                         documents=documents, order=order)
        return JSONResponse({"total": total, "limit": limit, "offset": offset,
                             "stories": rows})

    @app.get("/api/status", summary="Which copy of the store is served")
    def status() -> JSONResponse:
        with reading() as store:
            # The store's file name only: its folder is the server's business.
            return JSONResponse({**snapshot.info, "source": snapshot.source.name,
                                 "events": store.count("events"),
                                 "documents": store.count("documents"),
                                 "version": __version__})

    assets = StaticAssets(STATIC)  # read once: no file is opened per request
    app.router.routes.append(Route("/", OneAsset(assets.files["index.html"]),
                                   include_in_schema=False))

    # Pages without a <link rel="icon"> (the beat pages, /docs) get the dashboard's icon
    # where browsers look for one.
    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(str(STATIC / "favicon.svg"), media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    @app.get("/redoc", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(api_page(app.openapi()))

    add_beat_routes(app, snapshot)  # /beats, /beats/<name>: coverage pages (web/beat_pages.py)
    app.mount("/static", assets, name="static")

    return app
