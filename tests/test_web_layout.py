"""The dashboard's and a beat page's layout in a real browser, on a phone (390x844) and on
a desktop (1440x900): no horizontal scroll, table rows of a readable height, a header
status on one line, and no part of the page lying over another.

Uses the server and browser of ``test_web_dashboard`` (a store ingested from articles
written there).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_web_dashboard import Server, browser, load, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}

# The page's overall width and the tallest table row (a row of the events table, or of any
# table on a beat page), in CSS pixels.
MEASURE = """() => {
  const doc = document.documentElement;
  const rows = [...document.querySelectorAll('table tr')].filter((r) => r.offsetParent);
  return {
    scrollWidth: Math.max(doc.scrollWidth, document.body.scrollWidth),
    viewport: window.innerWidth,
    tallestRow: Math.max(0, ...rows.map((r) => r.getBoundingClientRect().height)),
    rows: rows.length,
  };
}"""

# Pairs of visible blocks of the page (cards, header parts, the filter form's fields) whose
# boxes overlap: siblings laid out side by side or one above the other must not.
OVERLAPS = """(selectors) => {
  const out = [];
  for (const selector of selectors) {
    const boxes = [...document.querySelectorAll(selector)]
      .filter((n) => n.offsetParent && n.getBoundingClientRect().width > 0)
      .map((n) => [n, n.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, a] = boxes[i];
        const [q, b] = boxes[j];
        if (p.contains(q) || q.contains(p)) continue;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        const name = (n) => n.id || n.className;
        if (w > 1 && h > 1) out.push(`${selector}: ${name(p)} / ${name(q)}`);
      }
    }
  }
  return out;
}"""

DASHBOARD_BLOCKS = [".top > *", ".grid > .card", ".filters > label, .filters > .buttons",
                    "#table-card > header > *", ".card > header > *"]
BEAT_BLOCKS = ["main > *", ".glance > *", ".columns > *"]


@pytest.fixture
def sized(browser: Any, server: Server, request: Any) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport=request.param)
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()


def status_lines(page: Any) -> float:
    """How many lines the header status takes."""
    return float(page.evaluate("""() => {
      const s = document.getElementById('status');
      const line = parseFloat(getComputedStyle(s).lineHeight) || 16;
      return s.getBoundingClientRect().height / line;
    }"""))


@pytest.mark.parametrize("sized", [PHONE], indirect=True)
def test_the_dashboard_fits_a_phone(sized: Any, server: Server) -> None:  # noqa: F811
    load(sized, server)
    sized.wait_for_selector("#network g.node", timeout=10000)
    sized.wait_for_selector("#stories li.story", timeout=10000)
    sized.wait_for_selector("#map svg.world", timeout=10000)
    found = sized.evaluate(MEASURE)
    assert found["scrollWidth"] <= found["viewport"] == 390, found
    assert found["rows"] >= 3 and found["tallestRow"] < 400, found
    assert status_lines(sized) < 1.6
    assert sized.evaluate(OVERLAPS, DASHBOARD_BLOCKS) == []
    # The evidence is readable: its cell is as wide as the card, not squeezed to nothing.
    evidence = sized.locator("#events td.evidence").first.bounding_box()
    assert evidence["width"] > 250
    assert sized.errors == []


@pytest.mark.parametrize("sized", [PHONE], indirect=True)
def test_an_open_event_fits_a_phone(sized: Any, server: Server) -> None:  # noqa: F811
    load(sized, server, "?text=blew")
    sized.locator("#events tr.event").first.click()
    sized.wait_for_selector("#events tr.detail dl")
    found = sized.evaluate(MEASURE)
    assert found["scrollWidth"] <= found["viewport"], found


@pytest.mark.parametrize("sized", [PHONE], indirect=True)
def test_a_beat_page_fits_a_phone(sized: Any, server: Server) -> None:  # noqa: F811
    sized.goto(server.url + "/beats/korean-peninsula")
    sized.wait_for_selector("h1")
    found = sized.evaluate(MEASURE)
    assert found["scrollWidth"] <= found["viewport"] == 390, found
    assert found["tallestRow"] < 400, found
    assert sized.evaluate(OVERLAPS, BEAT_BLOCKS) == []


@pytest.mark.parametrize("sized", [DESKTOP], indirect=True)
def test_the_desktop_layout_holds(sized: Any, server: Server) -> None:  # noqa: F811
    load(sized, server)
    sized.wait_for_selector("#network g.node", timeout=10000)
    sized.wait_for_selector("#map svg.world", timeout=10000)
    found = sized.evaluate(MEASURE)
    assert found["scrollWidth"] <= found["viewport"] == 1440, found
    assert found["tallestRow"] < 200, found
    assert status_lines(sized) < 1.6
    assert sized.evaluate(OVERLAPS, DASHBOARD_BLOCKS) == []
    # Two columns of cards (dyad chart beside the network) and a real table with a header.
    dyad = sized.locator("#dyad-card").bounding_box()
    net = sized.locator("#network-card").bounding_box()
    assert abs(dyad["y"] - net["y"]) < 2 and dyad["x"] + dyad["width"] <= net["x"]
    assert sized.locator("#events thead").is_visible()
    assert sized.evaluate(
        "getComputedStyle(document.querySelector('#events tbody tr')).display") == "table-row"
    sized.goto(server.url + "/beats/korean-peninsula")
    sized.wait_for_selector("h1")
    beat = sized.evaluate(MEASURE)
    assert beat["scrollWidth"] <= beat["viewport"], beat
    assert sized.evaluate(OVERLAPS, BEAT_BLOCKS) == []
