"""The dashboard in a real browser (Debian's chromium driven by Playwright) against a real
``newsevents serve`` process over a store built by ingesting articles written here.

Also: a write into the store while the server runs is seen by the server (its snapshot
follows the store), and markup in scraped text is shown as text, never run.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import newsevents
from newsevents.models import Actor, Document, Event, Sentence
from newsevents.store import open_store

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

ARTICLE = """North Korea blew up the inter-Korean liaison office in Kaesong on Tuesday, three days after it threatened to cut ties with Seoul.

South Korea condemned the demolition and warned Pyongyang of a strong response. US envoy Stephen Biegun met South Korean Foreign Minister Kang Kyung-wha in Seoul on Wednesday to discuss the crisis.

China urged both Koreas to show restraint.
"""  # noqa: E501

# Scraped text that carries markup: it must reach the page as text.
HOSTILE = ("Protesters in Seoul accused North Korea of lying <script>window.__xss = 1</script>"
           " about the blast, and one banner read <img src=x onerror=\"window.__xss = 2\">"
           " in red letters.\n")

LATER = "Japan accused North Korea of firing a missile over the sea on Friday.\n"


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen[str]

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.loads(response.read())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, refresh: float = 2.0) -> Server:
    """``newsevents serve`` on a free loopback port, once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", str(port),
         "--refresh", str(refresh)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    server = Server(f"http://127.0.0.1:{port}", db, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {process.communicate()[1]}")
        try:
            server.get("/api/status")
            return server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError("the server did not answer within 60 s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.communicate()


def hostile_document() -> Document:
    """An article whose title, URL, actor and sentence are all markup or script."""
    text = "<b>Bold</b> claims: <script>window.__xss = 3</script> accused <i>nobody</i>."
    actor = Actor(text="<img src=x onerror=window.__xss=4>", name="<svg onload=alert(1)>",
                  country="XSS", sector="GOV")
    event = Event(
        event_id="hostile-e0", doc_id="hostile", type="ACCUSE", mode=None, context=[],
        cameo="112", quad_class=3, intensity=-2.0, source=actor, target=actor,
        date="2020-06-18", date_precision="day", date_text=None, location=None,
        modality="asserted", sentence=text, span=(0, len(text)), trigger="accused",
        confidence=0.5, coder="test")
    return Document(id="hostile", text=text, origin="test", title="<img src=x onerror="
                    "window.__xss=5>Title", url="javascript:window.__xss=6",
                    date=date(2020, 6, 18), sentences=[Sentence(0, 0, len(text), text)],
                    events=[event])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)")
    folder = tmp_path_factory.mktemp("dashboard")
    (folder / "kaesong.txt").write_text(ARTICLE)
    (folder / "protest.txt").write_text(HOSTILE)
    db = folder / "events.duckdb"
    result = newsevents.ingest([str(folder / "kaesong.txt"), str(folder / "protest.txt")],
                               db=db, date="2020-06-18")
    assert not result.failures and result.written.events_written >= 5
    with open_store(db) as store:
        store.write([hostile_document()])
    running = start_server(db)
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    opened = context.new_page()
    opened.errors = []
    opened.foreign = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))

    def only_loopback(route: Any) -> None:
        # Nothing may be fetched from outside: record and refuse it.
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            opened.foreign.append(route.request.url)
            route.abort()

    opened.route("**/*", only_loopback)
    yield opened
    context.close()


def load(page: Any, server: Server, query: str = "") -> None:
    page.goto(server.url + "/" + query)
    page.wait_for_selector("#events tbody tr.event", timeout=20000)
    page.wait_for_selector("#timeline svg", timeout=20000)


def rows(page: Any) -> int:
    return int(page.locator("#events tbody tr.event").count())


def test_dashboard_shows_the_ingested_events(page: Any, server: Server) -> None:
    load(page, server)
    table = page.locator("#events").inner_text()
    assert "Kaesong" in table and "Biegun" in table
    total = server.get("/api/events?limit=1")["total"]
    assert page.locator("#table-title").inner_text() == f"Events · {total} match"
    assert page.errors == [] and page.foreign == []


def test_charts_render_as_svg(page: Any, server: Server) -> None:
    load(page, server)
    page.wait_for_selector("#network g.node", timeout=10000)
    page.wait_for_selector("#dyadchart svg", timeout=10000)
    assert page.locator("#timeline rect.bar").count() >= 1
    assert page.locator("#network g.node").count() >= 2
    assert page.locator("#network path.edge").count() >= 1


def test_evidence_marks_trigger_and_actors(page: Any, server: Server) -> None:
    load(page, server, "?text=blew")
    triggers = page.locator("#events mark.trigger").all_inner_texts()
    assert "blew up" in triggers and "threatened" in triggers
    assert "North Korea" in page.locator("#events mark.source").all_inner_texts()


def test_clicking_a_bar_filters_the_table_and_the_url(page: Any, server: Server) -> None:
    load(page, server, "?by=day")
    bar = page.locator("#timeline rect.bar").first
    period, group = bar.get_attribute("data-period"), bar.get_attribute("data-group")
    count = int(bar.get_attribute("data-count"))
    bar.click()
    page.wait_for_url(re.compile(rf"since={period}"))
    expect(page.locator("#events tbody tr.event")).to_have_count(count)
    assert f"quad_class={group}" in page.url and f"until={period}" in page.url


def test_clicking_a_node_filters_by_that_actor(page: Any, server: Server) -> None:
    load(page, server)
    node = page.locator("#network g.node[data-code='USAGOV']")
    node.click()
    page.wait_for_url(re.compile(r"actor=USAGOV"))
    # the meeting: Biegun met Kang, one event (guide section 4: Kang is its recipient)
    expect(page.locator("#table-title")).to_have_text("Events · 1 match")
    assert "Biegun" in page.locator("#events").inner_text()


def test_filters_in_the_url_are_applied_on_load(page: Any, server: Server) -> None:
    load(page, server, "?type=CONSULT&place=seoul")
    assert page.locator("select[name=type]").input_value() == "CONSULT"
    assert page.locator("input[name=place]").input_value() == "seoul"
    assert rows(page) == 1 and "Biegun" in page.locator("#events tbody").inner_text()
    assert "type: CONSULT" in page.locator("#chips").inner_text()


def test_the_filter_form_writes_the_url(page: Any, server: Server) -> None:
    load(page, server)
    page.fill("input[name=actor]", "KOR")
    page.press("input[name=actor]", "Enter")
    page.wait_for_url(re.compile(r"actor=KOR"))
    page.go_back()
    expect(page.locator("input[name=actor]")).to_have_value("")
    assert "actor=" not in page.url


def test_reordering_the_table_leaves_the_charts_alone(page: Any, server: Server) -> None:
    load(page, server)
    chart = page.query_selector("#timeline svg")
    page.select_option("#order", "intensity")
    page.wait_for_url(re.compile(r"order=intensity"))
    expect(page.locator("#events tbody tr.event").first).to_contain_text("ASSAULT")
    assert chart.evaluate("node => node.isConnected")


def test_markup_in_scraped_text_stays_text(page: Any, server: Server) -> None:
    load(page, server, "?text=protesters")
    evidence = page.locator("#events tbody").inner_text()
    assert "<script>window.__xss = 1</script>" in evidence
    assert '<img src=x onerror="window.__xss = 2">' in evidence
    page.locator("#events tr.event button").first.click()
    page.wait_for_selector("#doc-text mark")
    assert "<img src=x onerror=" in page.locator("#doc-text").inner_text()
    assert page.locator("#events img, #doc-panel img, #events script").count() == 0
    assert page.evaluate("window.__xss") is None and page.errors == []


def test_hostile_titles_names_and_links_stay_inert(page: Any, server: Server) -> None:
    load(page, server, "?doc_id=hostile&doc=hostile")
    expect(page.locator("#doc-title")).to_have_text("<img src=x onerror=window.__xss=5>Title")
    assert "<svg onload=alert(1)>" in page.locator("#events tbody").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#events img, #events svg, #doc-panel img").count() == 0
    assert page.evaluate("window.__xss") is None and page.errors == []


def test_the_server_sees_a_write_made_while_it_runs(tmp_path: Path, browser: Any) -> None:
    (tmp_path / "first.txt").write_text(ARTICLE)
    (tmp_path / "later.txt").write_text(LATER)
    db = tmp_path / "events.duckdb"
    newsevents.ingest([str(tmp_path / "first.txt")], db=db, date="2020-06-18")
    server = start_server(db, refresh=0.2)
    page = browser.new_page()
    try:
        before = server.get("/api/events?limit=1")["total"]
        assert server.get("/api/events?actor=JPN")["total"] == 0
        load(page, server)
        # The ingest opens the store for writing while the server is up and reading it.
        result = newsevents.ingest([str(tmp_path / "later.txt")], db=db, date="2020-06-19")
        assert result.written.documents_new == 1
        deadline = time.monotonic() + 30
        while server.get("/api/events?actor=JPN")["total"] == 0:
            assert time.monotonic() < deadline, "the server never saw the new events"
            time.sleep(0.2)
        assert server.get("/api/events?limit=1")["total"] > before
        assert server.get("/api/status")["generation"] >= 2
        # The open dashboard notices the new copy and shows the new events by itself.
        expect(page.locator("#events tbody")).to_contain_text("Japan", timeout=30000)
    finally:
        page.close()
        stop_server(server)


def test_the_reference_article_reads_in_the_browser(seed_path: Path, tmp_path: Path,
                                                    browser: Any) -> None:
    db = tmp_path / "seed.duckdb"
    newsevents.ingest([str(seed_path)], db=db, date="2020-07-08")
    server = start_server(db)
    try:
        assert server.get("/api/events?limit=1")["total"] >= 5
        page = browser.new_page()
        load(page, server)
        text = page.locator("body").inner_text()
        assert "Kaesong" in text and "Biegun" in text
        assert page.locator("#timeline rect.bar").count() >= 1
        page.close()
    finally:
        stop_server(server)


# A story title carrying markup: the stories panel must show it as text.
STORY_TITLE = '<img src=x onerror="window.__xss = 7">Ferry capsizes on Lake Orvan'


def test_the_stories_panel_lists_a_story_and_filters_the_table_by_it(
        tmp_path: Path, browser: Any) -> None:
    from stories_articles import FERRY_OWN, FERRY_WIRE

    records = [("kaesong", ARTICLE, "2020-06-16", "Liaison office blown up"),
               ("ferry-wire", FERRY_WIRE, "2021-03-02", STORY_TITLE),
               ("ferry-own", FERRY_OWN, "2021-03-03", "Divers search Lake Orvan")]
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps({
        "id": i, "text": text, "date": day, "title": title, "source": f"{i}.example",
        "url": f"https://{i}.example/{i}"}) + "\n" for i, text, day, title in records))
    db = tmp_path / "events.duckdb"
    assert not newsevents.ingest([str(tmp_path / "articles.jsonl")], db=db).failures
    server = start_server(db)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        [ferry] = [s for s in server.get("/api/stories")["stories"] if s["articles"] == 2]
        story = ferry["story_id"]
        in_story = server.get(f"/api/events?limit=1&story={story}")["total"]
        assert 0 < in_story < server.get("/api/events?limit=1")["total"]
        load(page, server)
        item = page.locator(f"#stories li.story[data-story='{story}']")
        expect(item.locator(".story-title")).to_have_text(STORY_TITLE)
        assert "2021-03-02 – 2021-03-03 · 2 articles · 2 independent sources" in item.inner_text()
        assert page.locator("#stories li.story").count() == 2
        plural = "actor" if ferry["actors"] == 1 else "actors"
        assert f"{ferry['events']} events · {ferry['actors']} {plural}" in item.inner_text()
        # Largest first: the ferry story (two articles) leads, and the order is in the URL.
        page.select_option("#story-order", "size")
        page.wait_for_url(re.compile(r"stories=size"))
        expect(page.locator("#stories li.story").first).to_have_attribute("data-story", story)
        item.locator("button").click()
        page.wait_for_url(re.compile(rf"story={story}"))
        expect(page.locator("#table-title")).to_have_text(f"Events · {in_story} match")
        expect(page.locator(f"#stories li.story.active[data-story='{story}']")).to_have_count(1)
        assert f"story: {story}" in page.locator("#chips").inner_text()
        assert page.locator("#stories img").count() == 0
        assert page.evaluate("window.__xss") is None and errors == []
    finally:
        page.close()
        stop_server(server)


def test_download_links_export_the_filtered_view(page: Any, server: Server) -> None:
    load(page, server, "?type=CONSULT&place=seoul")
    link = page.locator("#download-csv")
    href = link.get_attribute("href")
    assert href.startswith("/api/export?") and "format=csv" in href
    assert "type=CONSULT" in href and "place=seoul" in href
    assert "type=CONSULT" in page.locator("#download-parquet").get_attribute("href")
    with page.expect_download() as download:
        link.click()
    text = Path(download.value.path()).read_text()
    lines = text.strip().splitlines()
    assert len(lines) == 1 + rows(page) == 2 and "Biegun" in text
    assert '"040"' in lines[1]  # CONSULT's CAMEO code, quoted: it stays text
    # The link follows a change of filters.
    page.fill("input[name=actor]", "KOR")
    page.press("input[name=actor]", "Enter")
    expect(link).to_have_attribute("href", re.compile(r"actor=KOR"))


def test_every_chart_titles_its_axes(page: Any, server: Server) -> None:
    load(page, server, "?by=day")
    page.wait_for_selector("#dyadchart svg .axis-title", timeout=10000)
    assert page.locator("#timeline .axis-title").all_text_contents() == ["day", "events per day"]
    dyad = page.locator("#dyadchart .axis-title").all_text_contents()
    assert dyad == ["day", "events: ↑ cooperation · ↓ conflict", "mean intensity (Goldstein)"]
    assert "0" in page.locator("#dyadchart .axis text").all_text_contents()


LABEL_OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('#network g.node text, #network circle')]
    .map((n) => [n, n.getBoundingClientRect()]);
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [p, a] = boxes[i];
      const [q, b] = boxes[j];
      if (p.tagName === 'circle' && q.tagName === 'circle') continue;
      if (p.parentNode === q.parentNode) continue;  // a node and its own label
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 0.5 && h > 0.5) out.push(`${p.textContent || 'node'} / ${q.textContent || 'node'}`);
    }
  }
  return out;
}"""


COUNTRIES = ["USA", "CHN", "RUS", "JPN", "KOR", "PRK", "GBR", "FRA", "DEU", "IND", "IRN",
             "ISR", "TUR", "UKR", "POL", "BRA", "ZAF", "EGY"]


def crowded_document() -> Document:
    """One article whose events join 18 countries, most of them to the first: a crowded
    network whose labels, all put under their nodes, would run into each other."""
    text = "Officials met."
    events = []
    for n, (a, b) in enumerate([("USA", c) for c in COUNTRIES[1:]]
                               + list(zip(COUNTRIES[1:], COUNTRIES[2:], strict=False))):
        source = Actor(text=a, name=a, country=a, sector="GOV")
        target = Actor(text=b, name=b, country=b, sector="GOV")
        events.append(Event(
            event_id=f"crowd-e{n}", doc_id="crowd", type="CONSULT", mode=None, context=[],
            cameo="040", quad_class=1, intensity=1.0, source=source, target=target,
            date="2020-06-18", date_precision="day", date_text=None, location=None,
            modality="asserted", sentence=text, span=(0, len(text)), trigger="met",
            confidence=0.5, coder="test"))
    return Document(id="crowd", text=text, origin="test", title="Crowd",
                    date=date(2020, 6, 18), sentences=[Sentence(0, 0, len(text), text)],
                    events=events)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("crowded") / "events.duckdb"
    with open_store(db) as store:
        store.write([crowded_document()])
    running = start_server(db)
    yield running
    stop_server(running)


@pytest.mark.parametrize("width", [1300, 390])
def test_network_labels_overlap_neither_each_other_nor_nodes(browser: Any, crowded: Server,
                                                              width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        load(page, crowded)
        page.wait_for_selector("#network g.node", timeout=10000)
        labelled = page.locator("#network g.node text").count()
        nodes = page.locator("#network g.node").count()
        assert nodes == len(COUNTRIES) and labelled >= nodes * 2 // 3
        assert page.evaluate(LABEL_OVERLAPS) == []
        # A label left out for room is said so, and its node keeps its name as a tooltip.
        hidden = nodes - labelled
        note = page.locator("#network-note").inner_text()
        assert (f"{hidden} label" in note) if hidden else note == ""
    finally:
        context.close()


def test_the_map_draws_places_and_clicking_one_filters_by_it(page: Any, server: Server) -> None:
    load(page, server)
    page.wait_for_selector("#map svg.world circle.place", timeout=10000)
    assert page.locator("#map svg.world .land path").count() >= 20  # the shipped outline
    places = server.get("/api/places")
    assert "not on the map: " + str(places["unplaced"]) in page.locator("#map-note").inner_text()
    seoul = page.locator("#map circle.place[data-place='Seoul']")
    assert seoul.get_attribute("data-country") == "KOR"
    assert int(seoul.get_attribute("data-events")) == 1  # the meeting
    assert seoul.get_attribute("fill") == "#6cc3a0"  # CONSULT: verbal cooperation
    seoul.click()
    page.wait_for_url(re.compile(r"place=Seoul"))
    expect(page.locator("#table-title")).to_have_text("Events · 1 match")
    assert "Biegun" in page.locator("#events tbody").inner_text()
    assert "place: Seoul" in page.locator("#chips").inner_text()
    expect(page.locator("#map circle.place.active[data-place='Seoul']")).to_have_count(1)
    # The filter lives in the URL: a reload keeps it; a second click removes it.
    page.reload()
    expect(page.locator("#table-title")).to_have_text("Events · 1 match")
    page.locator("#map circle.place[data-place='Seoul']").click()
    page.wait_for_url(lambda url: "place=" not in url)
    assert page.errors == [] and page.foreign == []


def test_the_maps_country_buttons_filter_by_country(page: Any, server: Server) -> None:
    load(page, server)
    button = page.locator("#map-countries button[data-country='KOR']")
    button.click()
    page.wait_for_url(re.compile(r"country=KOR"))
    total = server.get("/api/events?limit=1&country=KOR")["total"]
    expect(page.locator("#table-title")).to_have_text(f"Events · {total} match")
    expect(page.locator("#map-countries button.active[data-country='KOR']")).to_have_count(1)
    assert page.locator("input[name=country]").input_value() == "KOR"
