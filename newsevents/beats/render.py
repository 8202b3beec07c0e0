"""A briefing as one HTML page: the coverage page of a beat.

The same page serves the static export (``beat report``: the stylesheet inline, nothing
else to load) and the dashboard (``/beats/<name>``: the stylesheet linked, as the
dashboard's Content-Security-Policy allows no inline style). There is no script; the
charts are inline SVG drawn with attributes only. Every text from the store — titles,
sentences, quotes, names, URLs — is escaped here, and only http(s) URLs become links.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from .._version import __version__
from .report import MAX_PERIODS, Briefing, Changes, Series

STYLESHEET = "report.css"
_CHART_W, _CHART_H = 760, 96
_MAX_BAR = 28.0  # a bar no wider than this, however few the periods
_MIN_PERIODS = 14  # the axis spans at least this many periods, ending at the latest
_QUAD = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}


def stylesheet() -> str:
    """The page's CSS (shipped next to this module)."""
    return (resources.files("newsevents.beats") / STYLESHEET).read_text(encoding="utf-8")


def render(briefing: Briefing, css_href: str | None = None, home: str | None = None) -> str:
    """The page; with ``css_href`` the stylesheet is linked (the dashboard), else inline.
    ``home`` links back to the dashboard."""
    beat = briefing.beat
    style = (f'<link rel="stylesheet" href="{_e(css_href)}">' if css_href
             else f"<style>\n{stylesheet()}</style>")
    nav = (f'<nav><a href="{_e(home)}">&larr; dashboard</a> · '
           f'<a href="{_e(home.rstrip("/") + "/beats")}">all beats</a></nav>' if home else "")
    body = "\n".join([
        _header(briefing), _glance(briefing), _changes(briefing.changes, briefing),
        _alerts(briefing.alerts), _timeline(briefing),
        '<div class="columns">', _stories(briefing.stories), _quotes(briefing.quotes),
        "</div>", _key_events(briefing.key_events), _actors(briefing.actors),
        _footer(briefing)])
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="newsevents {_e(__version__)}">\n'
            f"<title>{_e(beat.title)} — coverage briefing</title>\n{style}\n</head>\n"
            f"<body>\n{nav}\n<main>\n{body}\n</main>\n</body>\n</html>\n")


# -- sections ------------------------------------------------------------------------------


def _header(b: Briefing) -> str:
    t = b.totals
    span = (f"events from {_day(t['first'])} to {_day(t['last'])}" if t["first"]
            else "no dated events yet")
    what = []
    if b.beat.countries:
        what.append("countries " + ", ".join(b.beat.countries))
    if b.beat.places:
        what.append("places " + ", ".join(b.beat.places[:8]))
    if b.beat.include:
        what.append("terms " + ", ".join(b.beat.include[:8]))
    return (f'<header><p class="kicker">Coverage briefing</p><h1>{_e(b.beat.title)}</h1>'
            f'<p class="meta">Made {_e(b.made_at.strftime("%Y-%m-%d %H:%M"))} UTC · '
            f"{_e(span)}</p>"
            + (f'<p class="lede">{_e(b.beat.description)}</p>' if b.beat.description else "")
            + f'<p class="scope">Follows {_e("; ".join(what))}.</p></header>')


def _glance(b: Briefing) -> str:
    t = b.totals
    cards = [(_plural(t["articles"], "article"), t["articles"],
              f"from {t['outlets']} {_plural(t['outlets'], 'outlet')}"),
             (_plural(t["stories"], "story", "stories"), t["stories"],
              "told by one or more outlets"),
             (_plural(t["happenings"], "happening"), t["happenings"],
              f"{t['events']} coded event{_s(t['events'])}"),
             ("conflict", t["conflict"], "events of verbal or material conflict")]
    mean = t["mean_intensity"]
    items = "".join(f'<div class="card"><b>{n:,}</b><span>{_e(label)}</span>'
                    f"<small>{_e(note)}</small></div>" for label, n, note in cards)
    items += (f'<div class="card"><b class="{_tone(mean)}">{_signed(mean)}</b>'
              f"<span>mean intensity</span><small>Goldstein scale, −10 to +10</small></div>")
    return f'<section class="glance" aria-label="At a glance">{items}</section>'


def _changes(c: Changes, b: Briefing) -> str:
    if c.since is None:
        return _section("changes", "Since the last report", "<p>This is the first report on "
                        "this beat: everything below is new.</p>")
    if not c.articles and not c.grown_stories:
        return _section("changes", "Since the last report", "<p>Nothing new on this beat.</p>",
                        f"({c.since.strftime('%Y-%m-%d %H:%M')} UTC)")
    lines = [f"<li><b>{c.articles:,}</b> new article{_s(c.articles)} and <b>{c.events:,}</b> "
             f"new event{_s(c.events)}.</li>"]
    if c.intensity_since is not None:
        shift = ("" if c.intensity_before is None else
                 f" (it was {_signed(c.intensity_before)} before)")
        lines.append(f"<li>Mean intensity of the new events: "
                     f'<b class="{_tone(c.intensity_since)}">{_signed(c.intensity_since)}'
                     f"</b>{_e(shift)}.</li>")
    if c.new_stories:
        total = c.new_stories[0]["total"]
        items = "".join(f"<li>{_e(s['title'] or s['story_id'])} "
                        f"<small>({s['sources']} source{_s(s['sources'])})</small></li>"
                        for s in c.new_stories)
        lines.append(f"<li><b>{total}</b> new stor{'y' if total == 1 else 'ies'}:"
                     f"<ul>{items}</ul></li>")
    if c.grown_stories:
        items = "".join(f"<li>{_e(s['title'] or s['story_id'])} <small>(now "
                        f"{s['sources']} sources, was {s['sources_before']})</small></li>"
                        for s in c.grown_stories)
        lines.append(f"<li>Stories picked up by more outlets:<ul>{items}</ul></li>")
    if c.new_happenings:
        items = "".join(f"<li>{_event_line(h)}</li>" for h in c.new_happenings)
        lines.append(f"<li>New happenings:<ul>{items}</ul></li>")
    return _section("changes", "Since the last report", f"<ul>{''.join(lines)}</ul>",
                    f"({c.since.strftime('%Y-%m-%d %H:%M')} UTC)")


def _alerts(alerts: list[dict[str, Any]]) -> str:
    if not alerts:
        return ""
    items = "".join(
        f"<li><b>{_e(', '.join(a.get('rules') or []))}</b> "
        f"<small>{_e(str(a.get('fired_at', ''))[:16].replace('T', ' '))}</small> "
        f"{_e(_alert_text(a))}</li>" for a in alerts)
    return _section("alerts", "Latest alerts", f"<ul>{items}</ul>")


def _alert_text(alert: dict[str, Any]) -> str:
    if alert.get("kind") == "story":
        story = alert.get("story") or {}
        return f"story with {story.get('sources')} sources: {story.get('title') or ''}"
    event = alert.get("event") or {}
    return f"{event.get('type', '')}: {event.get('sentence', '')}"


def _timeline(b: Briefing) -> str:
    if not b.timeline:
        return _section("timeline", "Timeline", _empty("No dyad on this beat has dated events "
                                                       "yet."))
    periods = _periods(b.timeline, b.period)
    top = max((p["events"] for s in b.timeline for p in s.points), default=1)
    charts = "".join(_chart(s, periods, top, b.period) for s in b.timeline)
    return _section("timeline", "Timeline", charts + _legend(),
                    f"events per {b.period} for the main dyads, both directions; colour: "
                    "mean intensity")


def _chart(series: Series, periods: list[date], top: int, period: str) -> str:
    a, b = series.dyad
    names = " ↔ ".join(_e(n or c) for n, c in zip(series.names, series.dyad, strict=True))
    by_period = {p["period"]: p for p in series.points}
    n = max(len(periods), 1)
    slot = _CHART_W / n
    bars = []
    for i, day in enumerate(periods):
        point = by_period.get(day)
        if point is None:
            continue
        height = max(2.0, (_CHART_H - 22) * point["events"] / max(top, 1))
        width = min(slot * 0.8, _MAX_BAR)
        x = i * slot + (slot - width) / 2
        tip = (f"{_period_label(day, period)}: {point['events']} event{_s(point['events'])}, "
               f"mean intensity {_signed(point['mean_intensity'])}")
        bars.append(f'<rect x="{x:.1f}" y="{_CHART_H - 16 - height:.1f}" '
                    f'width="{max(width, 1):.1f}" height="{height:.1f}" '
                    f'fill="{_colour(point["mean_intensity"])}"><title>{_e(tip)}</title></rect>')
    ticks = []
    for i in sorted({0, n // 2, n - 1}):
        if i < len(periods):
            anchor = "start" if i == 0 else "end" if i == n - 1 else "middle"
            x = i * slot + (0 if anchor == "start" else slot if anchor == "end" else slot / 2)
            ticks.append(f'<text x="{x:.1f}" y="{_CHART_H - 3}" text-anchor="{anchor}" '
                         f'class="tick">{_e(_period_label(periods[i], period))}</text>')
    svg = (f'<svg viewBox="0 0 {_CHART_W} {_CHART_H}" role="img" '
           f'aria-label="{_e(a)}-{_e(b)} events per {_e(period)}">'
           f'<line x1="0" y1="{_CHART_H - 16}" x2="{_CHART_W}" y2="{_CHART_H - 16}" '
           f'stroke="#999" stroke-width="1"/>{"".join(bars)}{"".join(ticks)}</svg>')
    return (f'<div class="dyad"><div class="dyad-label"><b>{names}</b>'
            f"<span>{_e(a)}–{_e(b)} · {series.events} event{_s(series.events)}</span>"
            f'<span>mean intensity <b class="{_tone(series.mean_intensity)}">'
            f"{_signed(series.mean_intensity)}</b></span></div>{svg}</div>")


def _legend() -> str:
    stops = "".join(f'<stop offset="{o}" stop-color="{_colour(v)}"/>'
                    for o, v in (("0", -10), ("0.5", 0), ("1", 10)))
    return ('<svg class="legend" viewBox="0 0 400 20" role="img" aria-label="intensity scale">'
            f'<defs><linearGradient id="scale">{stops}</linearGradient></defs>'
            '<rect x="80" y="4" width="200" height="10" fill="url(#scale)"/>'
            '<text x="74" y="13" text-anchor="end" class="tick">−10 hostile</text>'
            '<text x="286" y="13" class="tick">+10 cooperative</text></svg>')


def _stories(stories: list[dict[str, Any]]) -> str:
    if not stories:
        return _section("stories", "Latest stories", _empty("No story on this beat yet."))
    items = []
    for story in stories:
        articles = "".join(
            f"<li>{_e(a['source'] or a['outlet'] or 'unknown outlet')}: "
            f"{_link(a['url'], a['title'] or a['id'])}"
            f" <small>{_e(_day(a['date']))}{' · copy' if a['copy'] else ''}</small></li>"
            for a in story["articles"])
        dates = _day(story["first_date"])
        if story["last_date"] and story["last_date"] != story["first_date"]:
            dates += f" – {_day(story['last_date'])}"
        items.append(
            f"<article><h3>{_e(story['title'] or story['story_id'])}</h3>"
            f'<p class="meta">{_e(dates)} · {story["size"]} article{_s(story["size"])} from '
            f"{story['sources']} source{_s(story['sources'])}"
            + (f" · {story['copies']} cop{'y' if story['copies'] == 1 else 'ies'}"
               if story["copies"] else "")
            + f"</p><ul>{articles}</ul></article>")
    return _section("stories", "Latest stories", "".join(items))


def _quotes(quotes: list[dict[str, Any]]) -> str:
    if not quotes:
        return _section("quotes", "Key quotes", _empty("No quote with a known speaker yet."))
    items = []
    for q in quotes:
        who = q["speaker_name"] or q["speaker_text"]
        role = f", {q['speaker_role']}" if q.get("speaker_role") else ""
        code = f" ({q['speaker_code']})" if q["speaker_code"] else ""
        marks = ("“", "”") if q["kind"] == "direct" else ("", "")
        items.append(
            f"<blockquote><p>{marks[0]}{_e(q['text'])}{marks[1]}</p>"
            f"<footer>— {_e(who)}{_e(role)}{_e(code)}"
            f"{' (reported)' if q['kind'] != 'direct' else ''} · "
            f"{_link(q['url'], q['source'] or q['title'] or q['doc_id'])} "
            f"<small>{_e(_day(q['date']))}</small></footer></blockquote>")
    return _section("quotes", "Key quotes", "".join(items))


def _key_events(events: list[dict[str, Any]]) -> str:
    if not events:
        return _section("events", "Key events", _empty("No asserted event on this beat yet."))
    rows = "".join(
        f'<tr><td class="nowrap">{_e(e["date"] or "undated")}</td>'
        f'<td><span class="type {_tone(e["intensity"])}">{_e(e["type"])}</span></td>'
        f"<td>{_e(_who(e))}</td><td>{_e(e['place'] or '')}</td>"
        f'<td class="num {_tone(e["intensity"])}">{_signed(e["intensity"])}</td>'
        f'<td class="num">{e["sources"]}</td>'
        f"<td>{_e(e['sentence'])} <small>{_source_link(e)}</small></td></tr>"
        for e in events)
    return _section("events", "Key events",
                    "<table><thead><tr><th>date</th><th>what</th><th>who → whom</th>"
                    "<th>where</th><th>intensity</th><th>sources</th><th>evidence</th></tr>"
                    f"</thead><tbody>{rows}</tbody></table>",
                    "the happenings most reported, then most intense")


def _actors(actors: list[dict[str, Any]]) -> str:
    if not actors:
        return ""
    top = max(a["events"] for a in actors)
    rows = "".join(
        f"<tr><td>{_e(a['name'] or a['code'])}</td><td><code>{_e(a['code'])}</code></td>"
        f'<td class="num">{a["events"]}</td>'
        f'<td><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
        f'aria-hidden="true"><rect width="{100 * a["events"] / top:.1f}" height="10" '
        f'fill="{_colour(a["mean_intensity"])}"/></svg></td>'
        f'<td class="num">{a["as_source"]}</td><td class="num">{a["as_target"]}</td>'
        f'<td class="num {_tone(a["mean_intensity"])}">{_signed(a["mean_intensity"])}</td>'
        f'<td class="num">{a["conflict"]}</td></tr>' for a in actors)
    return _section("actors", "Most active actors",
                    "<table><thead><tr><th>actor</th><th>code</th><th>events</th><th></th>"
                    "<th>as source</th><th>as target</th><th>mean intensity</th>"
                    f"<th>conflict</th></tr></thead><tbody>{rows}</tbody></table>")


def _footer(b: Briefing) -> str:
    watch = b.watch
    watched = ""
    if watch.get("feeds"):
        got = watch.get("articles") or {}
        watched = (f" Watching {watch['feeds']} feed{_s(watch['feeds'])}"
                   f" (last poll {_e(str(watch.get('last_poll') or '-')[:16].replace('T', ' '))}"
                   f" UTC; {got.get('ingested', 0)} articles ingested, "
                   f"{watch.get('alerts', 0)} alerts).")
    return (f"<footer class=\"page\"><p>Made by newsevents {_e(__version__)} from the events "
            f"coded in the store. Intensity is the Goldstein (1992) conflict–cooperation "
            f"scale of each event's CAMEO code. A happening is an event cluster: the events "
            f"of several articles that are one event; sources count distinct outlets, copies "
            f"of one text counted once.{watched}</p></footer>")


# -- helpers ---------------------------------------------------------------------------------


def _section(name: str, title: str, body: str, note: str = "") -> str:
    """A section of the page; ``name`` is its id and class, ``note`` a small aside."""
    aside = f" <small>{_e(note)}</small>" if note else ""
    return (f'<section class="{name}" id="{name}"><h2>{_e(title)}{aside}</h2>{body}'
            "</section>")


def _empty(text: str) -> str:
    return f'<p class="empty">{_e(text)}</p>'


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _link(url: str | None, text: Any) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return (f'<a href="{_e(url)}" rel="noopener noreferrer nofollow" '
                f'target="_blank">{_e(text)}</a>')
    return _e(text)


def _source_link(event: dict[str, Any]) -> str:
    doc = event.get("document") or {}
    return _link(doc.get("url"), doc.get("source") or doc.get("title") or event["doc_id"])


def _who(event: dict[str, Any]) -> str:
    source = event["source_name"] or event["source_code"] or "?"
    target = event["target_name"] or event["target_code"]
    return f"{source} → {target}" if target else source


def _event_line(h: dict[str, Any]) -> str:
    return (f"{_e(h['date'] or 'undated')} <b>{_e(h['type'])}</b> {_e(_who(h))} "
            f"<small>({h['sources']} source{_s(h['sources'])})</small>: {_e(h['sentence'])}")


def _day(value: Any) -> str:
    if value is None:
        return "undated"
    return value.isoformat()[:10] if isinstance(value, date | datetime) else str(value)


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:+.1f}".replace("-", "−")


def _plural(n: int, one: str, many: str | None = None) -> str:
    """The word for ``n`` things (the number itself is shown apart)."""
    return one if n == 1 else many or one + "s"


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _tone(value: float | None) -> str:
    if value is None:
        return "neutral"
    return "hostile" if value <= -5 else "tense" if value < 0 else "calm" if value < 3 \
        else "friendly"


def _colour(value: float | None) -> str:
    """A diverging colour for an intensity: red hostile, grey neutral, blue cooperative."""
    if value is None:
        return "#bbbbbb"
    v = max(-10.0, min(10.0, float(value))) / 10
    grey, red, blue = (187, 187, 187), (178, 24, 43), (33, 102, 172)
    end = red if v < 0 else blue
    mix = [round(g + (e - g) * abs(v)) for g, e in zip(grey, end, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def _periods(timeline: list[Series], period: str) -> list[date]:
    """Every period from the first to the last point of any series (gaps included)."""
    days = [p["period"] for s in timeline for p in s.points]
    if not days:
        return []
    first, last = min(days), max(days)
    out: list[date] = []
    current = first
    while current <= last and len(out) < 2000:
        out.append(current)
        current = _next(current, period)
    while len(out) < _MIN_PERIODS:  # a short history sits at the right of a fuller axis
        out.insert(0, _previous(out[0], period))
    return out[-MAX_PERIODS:]


def _next(day: date, period: str) -> date:
    if period == "day":
        return day + timedelta(days=1)
    if period == "week":
        return day + timedelta(days=7)
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _previous(day: date, period: str) -> date:
    if period == "day":
        return day - timedelta(days=1)
    if period == "week":
        return day - timedelta(days=7)
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


def _period_label(day: date, period: str) -> str:
    if period == "month":
        return day.strftime("%b %Y")
    if period == "week":
        return "week of " + day.isoformat()
    return day.isoformat()
