"""The dashboard's beat pages: ``/beats`` (the list) and ``/beats/<name>`` (a coverage page).

A coverage page is the briefing of :mod:`newsevents.beats` rendered on the server, the
same page as ``newsevents beat report`` writes, with its stylesheet linked (the
dashboard's Content-Security-Policy allows no inline style) and no script. Beats are the
shipped ones and those kept in the store (watched or reported on); a name is never read
as a file path. ``/api/beats`` and ``/api/beats/<name>`` give the same as JSON.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import FastAPI, Path
from fastapi.responses import HTMLResponse, Response

from ..beats import build_briefing, coverage_page, packaged_beats, resolve_beat
from ..beats.definition import NAME
from ..beats.render import stylesheet
from ..beats.storage import stored_beats, watch_status
from ..errors import ConfigError
from ..store import Store
from ..store.snapshot import Snapshot
from ._request_store import reading as store_reading

CSS_PATH = "/beats/report.css"
BeatName = Annotated[str, Path(max_length=63, pattern=f"^{NAME.pattern}$",
                                description="a beat's name")]


def add_beat_routes(app: FastAPI, snapshot: Snapshot) -> None:
    """Register the beat pages and their JSON on ``app`` (which serves ``snapshot``)."""

    @contextmanager
    def reading() -> Iterator[Store]:
        # ConfigError: no such beat, or a stored beat that no longer loads.
        with store_reading(snapshot, not_found=(ConfigError,)) as store:
            yield store

    def beats() -> list[dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {
            b.name: {"name": b.name, "title": b.title, "where": "package",
                     "description": b.description, "status": None}
            for b in packaged_beats()}
        with reading() as store, store.reading("list beats") as con:
            for beat in stored_beats(con):
                found[beat.name] = {"name": beat.name, "title": beat.title, "where": "store",
                                    "description": beat.description,
                                    "status": watch_status(con, beat.name)}
        return [found[name] for name in sorted(found)]

    @app.get(CSS_PATH, include_in_schema=False)
    def beat_css() -> Response:
        return Response(stylesheet(), media_type="text/css")

    @app.get("/api/beats", summary="The beats: shipped ones and those kept in the store")
    def beat_list() -> dict[str, Any]:
        return {"beats": beats()}

    @app.get("/api/beats/{name}", summary="A beat's briefing: stories, timeline, key events, "
                                          "quotes, actors, changes since the last report")
    def beat_briefing(name: BeatName) -> dict[str, Any]:
        with reading() as store, store.reading("read the beat") as con:
            return build_briefing(con, resolve_beat(name, con, files=False)).to_dict()

    @app.get("/beats", response_class=HTMLResponse, include_in_schema=False)
    def beat_index() -> HTMLResponse:
        return HTMLResponse(_index_page(beats()))

    @app.get("/beats/{name}", response_class=HTMLResponse, include_in_schema=False)
    def beat_page(name: BeatName) -> HTMLResponse:
        with reading() as store:
            return HTMLResponse(coverage_page(store, name, css_href=CSS_PATH, home="/"))


def _index_page(beats: list[dict[str, Any]]) -> str:
    e = html.escape
    items = []
    for beat in beats:
        status = beat["status"] or {}
        watched = ""
        if status.get("feeds"):
            got = (status.get("articles") or {}).get("ingested", 0)
            watched = (f" <small>· watching {status['feeds']} feeds, {got} articles, "
                       f"{status.get('alerts', 0)} alerts</small>")
        items.append(f'<article><h3><a href="/beats/{e(beat["name"])}">{e(beat["title"])}'
                     f"</a>{watched}</h3><p>{e(beat['description'] or '')}</p></article>")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>Beats — newsevents</title><link rel="stylesheet" href="{CSS_PATH}">'
            '</head><body><nav><a href="/">&larr; dashboard</a></nav><main><header>'
            '<p class="kicker">newsevents</p><h1>Beats</h1><p class="meta">Regions and topics '
            "followed in this store: shipped examples and the beats watched or reported on."
            f'</p></header><section class="stories">{"".join(items)}</section></main>'
            "</body></html>\n")
