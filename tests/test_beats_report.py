"""Coverage reports: the briefing of a beat, its HTML page and what changed since the last."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from beats_data import ARTICLES, make_document, make_event

from newsevents.beats import beat_report, build_briefing, resolve_beat
from newsevents.beats.definition import parse_beat
from newsevents.beats.render import render
from newsevents.errors import ConfigError
from newsevents.models import Actor, Document, Quote
from newsevents.store import open_store
from newsevents.stories import assign_stories

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
KIM = Actor(text="Kim Yo Jong", name="Kim Yo Jong", country="PRK", sector="GOV",
            role="vice department director")


def text(key: str) -> str:
    return " ".join(ARTICLES[key][3])


def quoted(doc: Document, words: str, speaker: Actor | None = KIM) -> Document:
    doc.quotes = [Quote(doc_id=doc.id, text=words, speaker=speaker, kind="direct",
                        sentence=f'"{words}," she said.', span=(1, 1 + len(words)))]
    return doc


def ingest(db: Path, docs: list[Document]) -> None:
    with open_store(db) as store:
        store.write(docs)
        assign_stories(store, docs)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.duckdb"
    ingest(path, [
        quoted(make_document("d1", text("shelling"), [make_event("d1")],
                             title="North Korean troops shell guard posts"),
               "We will answer any provocation with overwhelming force"),
        make_document("d2", text("shelling-2"), [make_event("d2")], source="Han River Times"),
        make_document("d3", text("summit"), [make_event(
            "d3", type="CONSULT", cameo="040", quad_class=1, intensity=1.0,
            source=Actor(text="Yoon", name="Yoon Suk Yeol", country="KOR", sector="GOV"),
            target=Actor(text="Kishida", name="Fumio Kishida", country="JPN", sector="GOV"),
            location=None, date="2024-05-13", sentence="Yoon met Kishida in Tokyo.")],
            day=date(2024, 5, 13)),
        make_document("elsewhere", "Japan and France agreed on trade.", [make_event(
            "elsewhere", source=Actor(text="Japan", country="JPN"),
            target=Actor(text="France", country="FRA"), location=None,
            sentence="Japan met France.")]),
    ])
    return path


def test_the_briefing_holds_the_beats_stories_events_quotes_and_actors(db: Path) -> None:
    with open_store(db, read_only=True) as store, store.reading("test") as con:
        briefing = build_briefing(con, resolve_beat("korean-peninsula", con))
    assert briefing.totals["articles"] == 3  # "elsewhere" is off the beat
    assert briefing.totals["events"] == 3
    assert briefing.totals["happenings"] == 2  # the shelling, reported twice, is one
    shelling = next(e for e in briefing.key_events if e["type"] == "ASSAULT")
    assert shelling["sources"] == 2
    assert [q["speaker_name"] for q in briefing.quotes] == ["Kim Yo Jong"]
    assert {a["code"] for a in briefing.actors} >= {"PRKMIL", "KOR", "KORGOV"}
    assert [s.dyad for s in briefing.timeline] == [("PRK", "KOR")]  # the beat's dyads
    assert briefing.timeline[0].names == ("North Korea", "South Korea")
    assert briefing.changes.since is None


def test_a_report_is_one_self_contained_html_file(db: Path, tmp_path: Path) -> None:
    result = beat_report("korean-peninsula", tmp_path / "out", db=db)
    page = result.path.read_text(encoding="utf-8")
    assert result.path.name == "korean-peninsula.html"
    assert "<style>" in page and "<script" not in page
    assert not re.search(r"""(?:src|href)=["'](?!https?://|#)""", page)  # nothing to load
    for heading in ("Latest stories", "Key events", "Timeline", "Key quotes",
                    "Most active actors", "Since the last report"):
        assert heading in page
    assert "overwhelming force" in page and "<svg" in page


def test_the_second_report_says_what_changed_since_the_first(db: Path, tmp_path: Path) -> None:
    beat_report("korean-peninsula", tmp_path / "out", db=db)
    ingest(db, [make_document("d4", text("threat"), [make_event(
        "d4", type="THREATEN", cameo="138", quad_class=3, intensity=-7.0, location=None,
        date="2024-05-15", sentence="North Korea threatened to attack South Korea.")],
        source="Pyongyang Watch", day=date(2024, 5, 15))])
    second = beat_report("korean-peninsula", tmp_path / "out", db=db).briefing
    assert second.changes.since is not None
    assert (second.changes.articles, second.changes.events) == (1, 1)
    assert [h["type"] for h in second.changes.new_happenings] == ["THREATEN"]
    third = beat_report("korean-peninsula", tmp_path / "out", db=db)
    assert (third.briefing.changes.articles, third.briefing.changes.new_happenings) == (0, [])
    assert "Nothing new on this beat." in third.path.read_text(encoding="utf-8")


def test_scraped_text_is_escaped_in_the_page(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    doc = make_document("evil", f"North Korea {HOSTILE} fired.", [make_event(
        "evil", sentence=f"North Korea fired {HOSTILE}.")], title=HOSTILE, source=HOSTILE)
    doc.url = "javascript:alert(1)"
    ingest(db, [quoted(doc, f"We will fire {HOSTILE} again and again", speaker=Actor(
        text=HOSTILE, name=HOSTILE, country="PRK"))])
    page = beat_report("korean-peninsula", tmp_path / "out", db=db).path.read_text()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page
    assert "javascript:" not in page  # only http(s) addresses become links


def test_the_dashboard_form_links_its_stylesheet_instead(db: Path) -> None:
    with open_store(db, read_only=True) as store, store.reading("test") as con:
        briefing = build_briefing(con, resolve_beat("korean-peninsula", con))
    page = render(briefing, css_href="/beats/report.css", home="/")
    assert '<link rel="stylesheet" href="/beats/report.css">' in page
    assert "<style>" not in page and " style=" not in page


def test_a_report_on_a_beat_file_keeps_the_beat_for_the_dashboard(db: Path,
                                                                  tmp_path: Path) -> None:
    beat_file = tmp_path / "dmz.toml"
    beat_file.write_text('name = "dmz"\ntitle = "The DMZ"\nplaces = ["DMZ"]\n')
    beat_report(str(beat_file), tmp_path / "out", db=db)
    with open_store(db, read_only=True) as store, store.reading("test") as con:
        assert resolve_beat("dmz", con, files=False).title == "The DMZ"


def test_an_unknown_beat_lists_the_known_ones(db: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="known beats: .*korean-peninsula"):
        beat_report("atlantis", tmp_path / "out", db=db)


def test_a_report_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such store"):
        beat_report("korean-peninsula", tmp_path / "out", db=tmp_path / "none.duckdb")


def test_an_empty_beat_still_reads_as_a_page(db: Path) -> None:
    beat = parse_beat({"name": "nothing", "include": ["zeppelin"]}, "test")
    with open_store(db, read_only=True) as store, store.reading("test") as con:
        page = render(build_briefing(con, beat))
    assert "No story on this beat yet" in page and "No asserted event" in page
