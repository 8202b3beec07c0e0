"""Tests for the store's filtered reads: filters, time series, top actors and dyads, evidence,
and the ``events``/``stats`` commands over them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from test_store import TEXT, make_document, make_event

from newsevents.cli import main
from newsevents.errors import QueryError, QueryTimeoutError
from newsevents.models import Actor, Event, Location, Period, Summary
from newsevents.store import EventFilter, Store, open_store
from newsevents.store._rows import evidence_marks
from newsevents.store.query import query_events, stats

PRK = Actor(text="Pyongyang", name="North Korea", country="PRK", sector="GOV")
KOR = Actor(text="Seoul", name="South Korea", country="KOR", sector="GOV")
USA = Actor(text="Washington", name="United States", country="USA", sector="GOV")
KIM = Actor(text="Kim Jong-un", name="Kim Jong-un", country="PRK", sector="GOV")


def event(doc: str, n: int, **changes: Any) -> Event:
    return make_event(doc, n, **changes)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A store of seven events between North Korea, South Korea and the US."""
    db = tmp_path / "events.duckdb"
    seoul = Location(text="Seoul", name="Seoul", country="KOR", lat=37.57, lon=126.98)
    with open_store(db) as store:
        store.write([
            make_document("a", events=[
                event("a", 0),  # ASSAULT PRKGOV -> KORGOV 2020-06-16, Kaesong, asserted
                event("a", 1, type="ACCUSE", cameo="112", quad_class=3, intensity=-2.0,
                      source=KOR, target=PRK, date="2020-06-17", trigger="accused",
                      location=None, sentence="Seoul accused Pyongyang of lying.",
                      span=(40, 72)),
            ]),
            make_document("b", events=[
                event("b", 0, type="CONSULT", cameo="040", quad_class=1, intensity=1.0,
                      source=USA, target=KOR, date="2020-06-24", location=seoul,
                      trigger="met", sentence="Washington met Seoul in Seoul."),
                event("b", 1, type="REQUEST", cameo="026", quad_class=1, intensity=4.0,
                      source=USA, target=PRK, modality="negated", date="2020-06-24",
                      trigger="request", location=None,
                      sentence="Washington did not request a meeting with Pyongyang."),
                event("b", 2, type="THREATEN", cameo="138", quad_class=3, intensity=-7.0,
                      source=KIM, target=KOR, modality="intended", date="2020-06",
                      date_precision="month", trigger="threatened", location=None,
                      sentence="Kim Jong-un threatened Seoul."),
            ]),
            make_document("c", events=[
                event("c", 0, type="AGREE", cameo="036", quad_class=1, intensity=4.0,
                      source=KOR, target=PRK, date="2020-07-01", location=None,
                      trigger="agreed", sentence="Seoul agreed to talk to Pyongyang."),
                event("c", 1, type="COERCE", cameo="1712", quad_class=4, intensity=-9.2,
                      source=PRK, target=None, date=None, date_precision=None,
                      location=None, trigger="seized", sentence="Pyongyang seized a ship."),
            ]),
        ])
    return db


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    with open_store(path, read_only=True) as opened:
        yield opened


def ids(events: list[Event]) -> list[str]:
    return [e.event_id for e in events]


# -- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("filters", "expected"), [
    ({"dyad": "PRK-KOR"}, ["a-e0", "b-e2"]),
    ({"dyad": "KOR-PRK"}, ["a-e1", "c-e0"]),
    ({"dyad": "PRK-KOR", "undirected": True}, ["a-e0", "a-e1", "b-e2", "c-e0"]),
    ({"dyad": "Kim Jong-un - KOR"}, ["b-e2"]),
    ({"dyad": "usa-north korea"}, ["b-e1"]),
    ({"type": "ASSAULT,COERCE"}, ["a-e0", "c-e1"]),
    ({"type": ["consult", "agree"]}, ["b-e0", "c-e0"]),
    ({"quad_class": "3,4"}, ["a-e0", "a-e1", "b-e2", "c-e1"]),
    ({"quad_class": 1}, ["b-e0", "b-e1", "c-e0"]),
    ({"cameo": "17"}, ["c-e1"]),
    ({"cameo": "18"}, ["a-e0"]),
    ({"country": "usa"}, ["b-e0", "b-e1"]),
    ({"country": "KOR", "type": "CONSULT"}, ["b-e0"]),
    ({"place": "kaes"}, ["a-e0"]),
    ({"place": "Seoul"}, ["b-e0"]),
    ({"modality": "negated,intended"}, ["b-e2", "b-e1"]),
    ({"modality": "ASSERTED", "actor": "USA"}, ["b-e0"]),
    ({"text": "seoul PYONGYANG"}, ["a-e1", "c-e0"]),
    ({"text": "meeting"}, ["b-e1"]),
    ({"text": "%"}, []),  # a LIKE wildcard is searched for as itself
    ({"text": "Washington_met"}, []),
    ({"since": "2020-06-20", "until": "2020-06-30"}, ["b-e0", "b-e1"]),
])
def test_events_filters(store: Store, filters: dict[str, Any], expected: list[str]) -> None:
    assert sorted(ids(store.events(**filters))) == sorted(expected)


@pytest.mark.parametrize(("filters", "message"), [
    ({"type": "FIGHT"}, "type='FIGHT'"),
    ({"modality": "likely"}, "modality='likely'"),
    ({"quad_class": "5"}, "quad_class='5'"),
    ({"cameo": "1a"}, "cameo='1a'"),
    ({"dyad": "PRK-KOR-USA"}, "dyad="),
    ({"dyad": "PRK-"}, "dyad="),
    ({"place": " "}, "place filter is empty"),
    ({"since": "June"}, "since='June'"),
    ({"color": "red"}, "unknown filter 'color'"),
])
def test_malformed_filters_raise_query_error_naming_them(store: Store, filters: dict[str, Any],
                                                          message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(")):
        store.events(**filters)


@pytest.mark.parametrize(("order", "first"), [
    ("date", "b-e2"),  # "2020-06" sorts before the days it contains
    ("-date", "c-e0"),
    ("intensity", "a-e0"),  # -10
    ("-intensity", "b-e1"),  # +4.0; ties go by date
])
def test_events_order(store: Store, order: str, first: str) -> None:
    assert store.events(order=order)[0].event_id == first


def test_unknown_order_is_refused(store: Store) -> None:
    with pytest.raises(QueryError, match="order='random'"):
        store.events(order="random")


def test_pages_follow_one_another_without_overlap(store: Store) -> None:
    pages = [ids(store.events(limit=3, offset=o, order="-date")) for o in (0, 3, 6)]
    assert sum(pages, []) == ids(store.events(order="-date"))
    assert len(pages[2]) == 1


def test_count_events_agrees_with_events(store: Store) -> None:
    assert store.count_events(actor="PRK") == len(store.events(actor="PRK")) == 6


def test_an_event_filter_object_and_keywords_are_the_same_filter(store: Store) -> None:
    flt = EventFilter.create(dyad="PRK-KOR", undirected=True)
    assert ids(store.events(flt)) == ids(store.events(dyad="PRK-KOR", undirected=True))


# -- time series and tops ------------------------------------------------------------------------


def test_timeline_counts_per_week_by_quad(store: Store) -> None:
    rows = store.timeline(by="week", group="quad")
    assert [(r.period.isoformat(), r.group, r.count) for r in rows] == [
        ("2020-06-15", 3, 1), ("2020-06-15", 4, 1), ("2020-06-22", 1, 2), ("2020-06-29", 1, 1)]
    assert rows[0].mean_intensity == -2.0


def test_timeline_leaves_out_dates_coarser_than_its_period(store: Store) -> None:
    daily = sum(r.count for r in store.timeline(by="day"))
    monthly = sum(r.count for r in store.timeline(by="month"))
    assert (daily, monthly, store.summary().dated) == (5, 6, 6)


def bounds(period: str, by: str) -> tuple[str, str]:
    """The first and last day of a period, as ``since``/``until`` filters."""
    if by == "week":
        return period, (date.fromisoformat(period) + timedelta(days=6)).isoformat()
    cut = {"day": 10, "month": 7, "year": 4}[by]
    return period[:cut], period[:cut]


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_a_period_filtered_by_its_first_and_last_day_has_the_events_of_its_bar(
        store: Store, by: str) -> None:
    rows = store.timeline(by=by, group="type")
    assert rows
    for row in rows:
        since, until = bounds(row.period.isoformat(), by)
        assert store.count_events(since=since, until=until, type=str(row.group)) == row.count


def test_timeline_by_dyad_names_source_and_target(store: Store) -> None:
    groups = {r.group for r in store.timeline(by="year", group="dyad")}
    assert groups == {"PRKGOV-KORGOV", "KORGOV-PRKGOV", "USAGOV-KORGOV", "USAGOV-PRKGOV"}


@pytest.mark.parametrize(("options", "message"), [
    ({"by": "fortnight"}, "by='fortnight'"),
    ({"group": "colour"}, "group='colour'"),
    ({"count": "votes"}, "count='votes'"),
])
def test_timeline_refuses_unknown_options(store: Store, options: dict[str, str],
                                          message: str) -> None:
    with pytest.raises(QueryError, match=message):
        store.timeline(**options)


def test_top_actors_count_both_roles(store: Store) -> None:
    top = {a.code: a for a in store.top_actors(limit=10)}
    assert (top["PRKGOV"].events, top["PRKGOV"].as_source, top["PRKGOV"].as_target) \
        == (6, 3, 3)
    assert list(top)[0] == "PRKGOV" and top["USAGOV"].name == "United States — government"


def test_top_dyads_split_cooperation_and_conflict(store: Store) -> None:
    [first, *_] = store.top_dyads(limit=1)
    assert (first.source, first.target, first.events, first.cooperation,
            first.conflict) == ("KORGOV", "PRKGOV", 2, 1, 1)


def test_summary_counts_documents_and_dated_events(store: Store) -> None:
    assert store.summary(actor="KOR") == Summary(
        events=5, documents=3, dated=5, first=date(2020, 6, 1), last=date(2020, 7, 1),
        mean_intensity=-2.8)


# -- evidence --------------------------------------------------------------------------------------


def test_evidence_marks_whole_words_only() -> None:
    e = make_event(sentence="A visit: it did not sit in the position.", trigger="sit",
                   source=Actor(text="it"), target=None)
    assert [(m["role"], m["start"], m["end"]) for m in evidence_marks(e)] == [
        ("source", 9, 11), ("trigger", 20, 23)]


def test_evidence_has_article_marks_neighbours_and_mentions(store: Store) -> None:
    found = store.evidence("a-e0")
    assert found is not None
    assert found["document"]["url"] == "https://example.org/a"
    assert found["surrounding"] == {"before": None, "after": TEXT[40:]}
    assert [m["text"] for m in found["mentions"]] == ["North Korea"]
    assert {m["role"] for m in found["marks"]} == {"trigger", "source", "target"}
    assert found["context"] == ["military", "border"]


def test_evidence_of_an_unknown_event_is_none(store: Store) -> None:
    assert store.evidence("nope") is None


def test_document_has_text_events_and_quotes(store: Store) -> None:
    doc = store.document("b")
    assert doc is not None and doc.text == TEXT
    assert [e["event_id"] for e in doc.events] == ["b-e2", "b-e0", "b-e1"]
    assert doc.quotes == () and store.document("zzz") is None


# -- query time limit ------------------------------------------------------------------------------


def test_a_query_past_its_time_limit_is_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "big.duckdb"
    with open_store(path) as store:
        store.write([make_document()])
    con = duckdb.connect(str(path))
    # Long sentences that end in the word searched for: finding it fifty times in each
    # takes far longer than the limit below.
    con.execute("INSERT INTO events SELECT e.* REPLACE ('x' || i AS event_id,"
                " repeat(sentence, 200) || ' last' AS sentence) FROM events e, range(5000) t(i)")
    con.close()
    slow = "last " * 50
    with open_store(path, read_only=True) as store:
        store.query_timeout = 0.05
        with pytest.raises(QueryTimeoutError, match="longer than 0.05 s"):
            store.count_events(text=slow)
        store.query_timeout = None
        assert store.count_events(type="ASSAULT") == 5001


# -- library and CLI -----------------------------------------------------------------------------


def test_query_events_reads_a_store_by_path(path: Path) -> None:
    assert ids(query_events(path, dyad="USA-KOR")) == ["b-e0"]


def test_stats_gathers_summary_series_and_tops(path: Path) -> None:
    result = stats(path, by="month", group="quad", top=2, country="USA")
    assert result.summary.events == 2
    assert result.series == [Period(date(2020, 6, 1), group=1, count=2, mean_intensity=2.5)]
    assert len(result.actors) == 2 and result.dyads[0].source == "USAGOV"


def test_events_command_applies_the_new_filters(path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["events", "--db", str(path), "--dyad", "PRK-KOR", "--undirected",
                 "--quad", "3,4", "--format", "jsonl"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert sorted(json.loads(line)["event_id"] for line in lines) == ["a-e0", "a-e1", "b-e2"]


def test_events_command_reports_a_bad_filter_in_one_line(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(path), "--modality", "maybe"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "modality='maybe'" in err


def test_stats_command_prints_series_and_tops(path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(path), "--by", "month", "--group", "type"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("7 events in 3 documents")
    assert "per month by type" in out and "top actors" in out and "top dyads" in out
    assert "2020-06-01  ASSAULT" in out


def test_stats_command_json_is_the_library_result(path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(path), "--format", "json", "--actor", "USA"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == stats(path, actor="USA").to_dict()


def test_dates_of_replaced_events_are_rederived(path: Path) -> None:
    with open_store(path) as store:
        store.write([make_document("a", text=TEXT + " Again.", events=[
            replace(event("a", 0), date="2021-02", date_precision="month")])])
        assert ids(store.events(since="2021-02", until="2021-02")) == ["a-e0"]


# -- what stats leaves out, and how it reads (issue 16, items 4, 6 and 7) ------------------


def test_stats_says_how_many_events_the_series_leaves_out(path: Path) -> None:
    # c-e1 has no date; b-e2 is dated to the month, too coarse for a week
    assert stats(path, by="week").left_out == {"undated": 1, "coarse": 1}
    assert stats(path, by="month").left_out == {"undated": 1, "coarse": 0}
    assert stats(path, by="week", actor="USA").left_out == {"undated": 0, "coarse": 0}


def test_stats_command_table_names_what_the_series_leaves_out(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(path), "--by", "week"]) == 0
    assert ("left out of the series: 1 event with no date; 1 event dated too coarsely "
            "for a week") in capsys.readouterr().out


def test_stats_command_ungrouped_has_no_dash_column(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["stats", "--db", str(path), "--by", "month"])
    lines = capsys.readouterr().out.splitlines()
    head = lines[lines.index("per month") + 1]
    assert head.split() == ["month", "events", "mean", "intensity"]


def test_stats_command_says_one_document_in_the_singular(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["stats", "--db", str(path), "--doc", "c"])
    assert capsys.readouterr().out.startswith("2 events in 1 document, ")


def test_stats_command_heads_the_count_by_what_it_counts(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["stats", "--db", str(path), "--by", "month", "--count", "clusters"])
    out = capsys.readouterr().out.splitlines()
    assert out[out.index("per month") + 1].split()[:2] == ["month", "clusters"]


def test_stats_command_shows_quad_classes_by_name(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["stats", "--db", str(path), "--by", "month", "--group", "quad"])
    out = capsys.readouterr().out
    assert "per month by quad class" in out
    assert "2020-06-01  material conflict" in out and "verbal cooperation" in out


def test_stats_command_top_0_prints_no_empty_headings(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["stats", "--db", str(path), "--top", "0"])
    out = capsys.readouterr().out
    assert "top actors" not in out and "top dyads" not in out


def test_stats_command_csv_is_the_series_with_named_columns(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(path), "--by", "month", "--group", "type",
                 "--format", "csv"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == "month,type,events,mean_intensity"
    assert "2020-06-01,ASSAULT,1,-10.0" in lines
    assert "left out of the series: 1 event with no date" in captured.err


def test_stats_command_jsonl_is_the_series_one_record_a_line(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(path), "--by", "year", "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records == [{"year": "2020-01-01", "events": 6, "mean_intensity": -1.667}]


def test_events_table_shows_a_short_id_first(path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    long_id = "0123456789abcdef"
    with open_store(path) as store:
        store.write([make_document("z", events=[event("z", 0, event_id=long_id)])])
    assert main(["events", "--db", str(path), "--doc", "z", "--format", "table"]) == 0
    head, row = capsys.readouterr().out.splitlines()
    assert head.split()[:2] == ["id", "date"]
    assert row.split()[0] == long_id[:8]


def test_events_table_centres_the_evidence_on_the_trigger(
        path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = ("After a week of talks in the capital that went on late into every night, "
                "officials said on Friday that Pyongyang shelled the border village.")
    with open_store(path) as store:
        store.write([make_document("w", text=sentence, events=[
            event("w", 0, sentence=sentence, trigger="shelled", span=(0, len(sentence)))])])
    monkeypatch.setenv("COLUMNS", "120")
    main(["events", "--db", str(path), "--doc", "w"])
    evidence = capsys.readouterr().out.splitlines()[1].split("  ")[-1]
    assert "shelled" in evidence and evidence.startswith("\u2026")
    assert not evidence.startswith("After")
