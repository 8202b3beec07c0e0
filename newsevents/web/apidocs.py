"""``/docs``: the API's routes as a plain page, written from the OpenAPI schema.

FastAPI's own ``/docs`` and ``/redoc`` load Swagger UI and ReDoc from a CDN with inline
script, which the dashboard's Content-Security-Policy (rightly) blocks, so they showed a
blank page; and the server works offline. This page needs no script: each route with its
summary and its parameters (type, default, limits, description). The machine-readable
schema stays at ``/openapi.json``.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

_LIMITS = (("minimum", "≥ {}"), ("maximum", "≤ {}"), ("maxLength", "at most {} characters"),
           ("pattern", "matching {}"))


def api_page(schema: dict[str, Any]) -> str:
    """The HTML page listing every route of ``schema`` (an OpenAPI document)."""
    info = schema.get("info", {})
    sections = [_route(method, path, operation)
                for path, methods in schema.get("paths", {}).items()
                for method, operation in methods.items()]
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{escape(info.get('title', 'API'))} API</title></head><body>"
            f"<h1>{escape(info.get('title', 'API'))} {escape(info.get('version', ''))} API</h1>"
            f"<p>{escape(info.get('description', ''))}</p>"
            f"<p>Every route answers JSON to GET (and HEAD). The schema for tools: "
            f"<a href='/openapi.json'>/openapi.json</a>. The dashboard: <a href='/'>/</a>.</p>"
            f"{''.join(sections)}</body></html>")


def _route(method: str, path: str, operation: dict[str, Any]) -> str:
    rows = "".join(_parameter(p) for p in operation.get("parameters", []))
    table = (f"<table><tr><th>parameter</th><th>in</th><th>type</th><th>default</th>"
             f"<th>what it is</th></tr>{rows}</table>") if rows else "<p>No parameters.</p>"
    return (f"<section><h2><code>{escape(method.upper())} {escape(path)}</code></h2>"
            f"<p>{escape(operation.get('summary', ''))}</p>{table}</section>")


def _parameter(parameter: dict[str, Any]) -> str:
    schema = parameter.get("schema", {})
    # Optional values are "anyOf: [the type, null]" in the schema: show the type.
    choices = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    kind = choices[0] if choices else schema
    limits = [text.format(kind[key]) for key, text in _LIMITS if key in kind]
    about = "; ".join(filter(None, [parameter.get("description", ""), *limits]))
    default = schema.get("default")
    required = " (required)" if parameter.get("required") else ""
    return (f"<tr><td><code>{escape(str(parameter.get('name', '')))}</code>{required}</td>"
            f"<td>{escape(str(parameter.get('in', '')))}</td>"
            f"<td>{escape(str(kind.get('type', '')))}</td>"
            f"<td>{escape(_value(default))}</td>"
            f"<td>{escape(about)}</td></tr>")


def _value(default: Any) -> str:
    # As a request writes it: true, not Python's True.
    if default is None:
        return ""
    return default if isinstance(default, str) else json.dumps(default)
