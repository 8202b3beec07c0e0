"""Exports of any filtered set of events, for the tools analysts already use.

Formats (``newsevents export --format ...``; without it, the format follows the file's
extension, see :func:`export_format`):

``parquet``, ``csv``
    One flat row per event: the columns of the event layout (see :mod:`newsevents.layout`,
    the columns of the ``events`` table) and the article's ``doc_title``, ``doc_url``,
    ``doc_source``, ``doc_date``. In CSV, ``context`` is joined with ``|`` and the CAMEO
    code is in quotes (``"046"``), as in ``newsevents events --format csv``, whose columns
    are the same but the article's. Written by DuckDB's ``COPY``, streaming.
``jsonl``
    One :meth:`Event.to_dict` record a line: the same records as
    ``newsevents events --format jsonl``.
``gdelt``
    The 61 tab-separated columns of a GDELT 2.0 event file, no header, one event a line
    (see :data:`GDELT_COLUMNS` for the mapping). Differences from GDELT, by necessity:
    ``GLOBALEVENTID`` is a 63-bit hash of our ``event_id``; ``SQLDATE`` is the event's own
    date (its first day when the date is a month or a year; the article's date when the
    event has none), not the article's; ``Actor*Type1Code`` holds our sector and
    ``Actor*KnownGroupCode`` the organisation code of an actor with no country (``IGO``);
    ``IsRootEvent`` is 1 for events in the article's first paragraph; ``NumMentions``,
    ``NumSources`` and ``NumArticles`` are 1 (one row is one coded sentence); ``AvgTone``
    and the actor geography are empty; ``ActionGeo_CountryCode`` is the ISO 3166
    alpha-3 code of the event's place, where GDELT uses FIPS 10-4; ``ActionGeo_Type`` is
    4 (a place with coordinates) or 1 (a country-level place).
``plover``
    A JSON list of PLOVER event records in the layout of the PLOVER gold-standard files:
    ``id``, ``date``, ``source``/``target`` (lists of ``{actorText, code, sector,
    name}``, ``code`` being the country, or the sector for an actor with none),
    ``event``, ``mode``, ``context`` (comma-separated), ``eventText`` (the trigger),
    ``text`` (the sentence), ``textInfo.markup`` (``(SRC: ...)``, ``(TAR: ...)``,
    ``(EVT: ...)``), ``eventLoc`` (``name``, ``country code`` as ISO alpha-2, ``lat``,
    ``lon``), ``language``, ``publication``, ``url``, ``coder``, ``version``,
    ``dateCoded``, plus newsevents' ``modality`` and ``cameo``. As in those files, only
    non-null fields are written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pycountry

from .._version import __version__
from ..errors import QueryError, StoreError
from ..layout import EVENT_COLUMNS
from ..models import Event
from ._rows import evidence_marks, row_event
from .query import ORDERS, EventFilter

FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "gdelt", "plover")

# What a file's extension says about its format: the formats it may hold, the first being
# the one it is taken for. ``.json`` is one JSON document, as the PLOVER list is (JSON lines
# are often named so too); ``.tsv`` is tab-separated, as GDELT's event files are (GDELT
# names its own ``.export.CSV``, so ``.csv`` takes GDELT rows when asked).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    ".parquet": ("parquet",), ".pq": ("parquet",),
    ".csv": ("csv", "gdelt"),
    ".jsonl": ("jsonl",), ".ndjson": ("jsonl",),
    ".json": ("plover", "jsonl"),
    ".tsv": ("gdelt",),
}

_DOC_COLUMNS = {"doc_title": "d.title", "doc_url": "d.url", "doc_source": "d.source",
                "doc_date": 'd."date"'}

# The day a GDELT row is dated by: the event's first day, else the article's date.
_DAY = 'coalesce(e.date_start, d."date")'


def _clean(sql: str) -> str:
    """A text column with tabs and line breaks made spaces (GDELT files are not quoted)."""
    return f"regexp_replace({sql}, '[\\t\\r\\n]+', ' ', 'g')"


def _actor_columns(prefix: str, role: str) -> list[tuple[str, str]]:
    return [
        (f"{prefix}Code", f"e.{role}_code"),
        (f"{prefix}Name", _clean(f"upper(coalesce(e.{role}_name, e.{role}_text))")),
        (f"{prefix}CountryCode", f"e.{role}_country"),
        (f"{prefix}KnownGroupCode",
         f"CASE WHEN e.{role}_country IS NULL THEN e.{role}_sector END"),
        (f"{prefix}EthnicCode", "NULL"),
        (f"{prefix}Religion1Code", "NULL"),
        (f"{prefix}Religion2Code", "NULL"),
        (f"{prefix}Type1Code", f"CASE WHEN e.{role}_country IS NOT NULL THEN e.{role}_sector END"),
        (f"{prefix}Type2Code", "NULL"),
        (f"{prefix}Type3Code", "NULL"),
    ]


def _geo_columns(prefix: str, place: bool) -> list[tuple[str, str]]:
    if not place:
        return [(f"{prefix}_{name}", "NULL") for name in (
            "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
            "FeatureID")]
    return [
        (f"{prefix}_Type", "CASE WHEN e.location_text IS NULL THEN NULL"
                           " WHEN e.location_lat IS NOT NULL THEN 4 ELSE 1 END"),
        (f"{prefix}_FullName", _clean("e.location_name")),
        (f"{prefix}_CountryCode", "e.location_country"),
        (f"{prefix}_ADM1Code", "NULL"),
        (f"{prefix}_ADM2Code", "NULL"),
        (f"{prefix}_Lat", "e.location_lat"),
        (f"{prefix}_Long", "e.location_lon"),
        (f"{prefix}_FeatureID", "NULL"),
    ]


# The GDELT 2.0 event table, in its column order: (GDELT column, how it is filled).
GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "CAST(hash(e.event_id) >> 1 AS BIGINT)"),
    ("SQLDATE", f"strftime({_DAY}, '%Y%m%d')"),
    ("MonthYear", f"strftime({_DAY}, '%Y%m')"),
    ("Year", f"strftime({_DAY}, '%Y')"),
    ("FractionDate", f"round(year({_DAY}) + (dayofyear({_DAY}) - 1) / 365.0, 4)"),
    *_actor_columns("Actor1", "source"),
    *_actor_columns("Actor2", "target"),
    # The first paragraph ends at the first blank line of the article's text.
    ("IsRootEvent", "CASE WHEN e.span_start < coalesce(nullif(strpos(d.text, chr(10) || chr(10)),"
                    " 0), length(d.text) + 1) THEN 1 ELSE 0 END"),
    ("EventCode", "e.cameo"),
    ("EventBaseCode", "left(e.cameo, 3)"),
    ("EventRootCode", "left(e.cameo, 2)"),
    ("QuadClass", "e.quad_class"),
    ("GoldsteinScale", "e.intensity"),
    ("NumMentions", "1"),
    ("NumSources", "1"),
    ("NumArticles", "1"),
    ("AvgTone", "NULL"),
    *_geo_columns("Actor1Geo", place=False),
    *_geo_columns("Actor2Geo", place=False),
    *_geo_columns("ActionGeo", place=True),
    ("DATEADDED", "strftime(d.ingested_at, '%Y%m%d%H%M%S')"),
    ("SOURCEURL", _clean("coalesce(d.url, d.origin)")),
)


def export_format(out: str | Path, fmt: str | None = None) -> str:
    """The format to write ``out`` in: ``fmt`` when given, else the one its extension
    names (:data:`EXTENSIONS`, any case).

    Raises :class:`QueryError` for an unknown format, for an extension that names no
    format when ``fmt`` is not given, and for a ``fmt`` the extension contradicts
    (``--format csv`` into ``x.parquet``). An unknown extension takes any format given.
    """
    if fmt is not None and fmt not in FORMATS:
        raise QueryError(f"format={fmt!r} is not an export format; choose from "
                         f"{', '.join(FORMATS)}")
    suffix = Path(out).suffix.lower()
    allowed = EXTENSIONS.get(suffix)
    if fmt is None:
        if allowed is None:
            known = ", ".join(EXTENSIONS)
            raise QueryError(f"cannot tell the format of {out} from its extension; name it "
                             f"{known}, or give the format (--format {'|'.join(FORMATS)})")
        return allowed[0]
    if allowed is not None and fmt not in allowed:
        raise QueryError(f"{out} is named {suffix} but the format is {fmt}; name the file "
                         f"for the format or leave the format out "
                         f"({suffix} writes {' or '.join(allowed)})")
    return fmt


def export_events(con: duckdb.DuckDBPyConnection, flt: EventFilter, out: Path,
                  fmt: str | None = None) -> int:
    """Write the events matching ``flt`` to ``out`` in format ``fmt`` (by default the one
    its extension names); returns how many.

    Raises :class:`QueryError` for an unknown or contradicted format (see
    :func:`export_format`) and :class:`StoreError` when the file cannot be written.
    """
    fmt = export_format(out, fmt)
    if not out.parent.is_dir():
        raise StoreError(f"cannot write {out}: its directory does not exist; create it first")
    if out.is_dir():
        raise StoreError(f"cannot write {out}: it is a directory; give a file name")
    if fmt in ("jsonl", "plover"):
        return _write_records(con, flt, out, fmt)
    columns: tuple[tuple[str, str], ...]
    if fmt == "gdelt":
        columns, options = GDELT_COLUMNS, "FORMAT csv, DELIMITER '\t', HEADER false"
    else:
        flat = [(c, f'e."{c}"') for c in EVENT_COLUMNS]
        if fmt == "csv":
            flat = [(c, "array_to_string(e.context, '|')" if c == "context" else sql)
                    for c, sql in flat]
        columns = (*flat, *_DOC_COLUMNS.items())
        # CAMEO codes in quotes: a reader that honours quoting keeps 046 as text.
        options = ("FORMAT parquet" if fmt == "parquet"
                   else "FORMAT csv, HEADER true, FORCE_QUOTE (cameo)")
    select = ", ".join(f'{sql} AS "{name}"' for name, sql in columns)
    sql = f"COPY ({_joined(select, flt)}) TO {_literal(str(out))} ({options})"
    params = flt.where()[1]
    try:
        row = con.execute(sql, params).fetchone()
    except duckdb.IOException as exc:
        raise StoreError(f"cannot write {out}: {exc}") from exc
    return int(row[0]) if row else 0


def _joined(select: str, flt: EventFilter) -> str:
    """``select`` over the matching events ``e`` and their documents ``d``, in date order."""
    where = flt.where()[0]
    return (f"SELECT {select} FROM (SELECT * FROM events WHERE {where}) e"
            " LEFT JOIN documents d ON d.id = e.doc_id"
            f" ORDER BY {ORDERS['date']}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# -- JSON records ------------------------------------------------------------------------


def _write_records(con: duckdb.DuckDBPyConnection, flt: EventFilter, out: Path,
                   fmt: str) -> int:
    """JSON records built from the model, streamed: ``jsonl`` lines or a ``plover`` list."""
    names = ", ".join(f'e."{c}"' for c in EVENT_COLUMNS)
    sql = _joined(f"{names}, d.language, d.source, d.url, d.ingested_at", flt)
    width = len(EVENT_COLUMNS)
    count = 0
    try:
        with out.open("w", encoding="utf-8") as handle:
            if fmt == "plover":
                handle.write("[")
            for row in _stream(con, sql, flt.where()[1]):
                event = row_event(row[:width])
                if fmt == "jsonl":
                    handle.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                else:
                    language, publication, url, ingested = row[width:]
                    record = plover_record(
                        event, language=language, publication=publication, url=url,
                        version=__version__,
                        date_coded=ingested.date().isoformat() if ingested else None)
                    handle.write(("\n" if count == 0 else ",\n")
                                 + json.dumps(record, ensure_ascii=False))
                count += 1
            if fmt == "plover":
                handle.write("\n]\n")
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return count


def _stream(con: duckdb.DuckDBPyConnection, sql: str,
            params: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    cursor = con.execute(sql, params)
    while rows := cursor.fetchmany(2048):
        yield from rows


def plover_record(event: Event, language: str | None = None, publication: str | None = None,
                  url: str | None = None, version: str | None = None,
                  date_coded: str | None = None) -> dict[str, Any]:
    """One event as a PLOVER record (see the module's description); nulls left out."""

    def actors(role: str) -> list[dict[str, Any]] | None:
        actor = getattr(event, role)
        if actor is None:
            return None
        entry = {"actorText": actor.text, "code": actor.country or actor.sector,
                 "sector": actor.sector if actor.country else None, "name": actor.name}
        return [{k: v for k, v in entry.items() if v is not None}]

    location = None
    if event.location is not None:
        loc = event.location
        location = {k: v for k, v in {"name": loc.name, "country code": _alpha2(loc.country),
                                      "lat": loc.lat, "lon": loc.lon}.items() if v is not None}
    record = {
        "id": event.event_id, "date": event.date, "source": actors("source"),
        "target": actors("target"), "event": event.type, "mode": event.mode,
        "context": ",".join(event.context) or None, "eventText": event.trigger,
        "text": event.sentence,
        "textInfo": {"markup": _markup(event.sentence, evidence_marks(event))},
        "eventLoc": location, "modality": event.modality, "cameo": event.cameo,
        "language": language, "publication": publication, "url": url,
        "coder": f"newsevents {event.coder}", "version": version, "dateCoded": date_coded,
    }
    return {k: v for k, v in record.items() if v is not None}


def _markup(sentence: str, marks: list[dict[str, Any]]) -> str:
    label = {"trigger": "EVT", "source": "SRC", "target": "TAR"}
    parts, at = [], 0
    for mark in marks:
        parts.append(sentence[at:mark["start"]])
        parts.append(f"({label[mark['role']]}: {sentence[mark['start']:mark['end']]})")
        at = mark["end"]
    parts.append(sentence[at:])
    return "".join(parts)


@lru_cache(maxsize=512)
def _alpha2(alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    country = pycountry.countries.get(alpha_3=alpha3)
    return country.alpha_2 if country else alpha3
