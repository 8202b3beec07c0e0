"""``explain``: why a stored event was coded as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store import make_document, make_event

import newsevents
from newsevents.cli import main
from newsevents.errors import InputError
from newsevents.explain import explain, explain_event, mark_sentence
from newsevents.models import Event
from newsevents.store import open_store

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)

ARTICLE = ("Last month, Pyongyang cut off all communication lines with Seoul. "
           "Japan did not impose new sanctions on North Korea.")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Event]]:
    base = tmp_path_factory.mktemp("explain")
    article = base / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = base / "news.duckdb"
    newsevents.ingest([str(article)], db=db, date="2020-07-08")
    with open_store(db, read_only=True) as store:
        return db, store.events()


def _event(events: list[Event], kind: str) -> Event:
    return next(e for e in events if e.type == kind)


def test_explain_keeps_the_evidence_through_the_store(stored: tuple[Path, list[Event]]
                                                      ) -> None:
    _, events = stored
    assert all(e.evidence and e.evidence.rule.startswith("triggers.csv:") for e in events)


def test_explain_marks_trigger_source_and_target(stored: tuple[Path, list[Event]]) -> None:
    cut = _event(stored[1], "SANCTION")
    assert mark_sentence(cut) == ("Last month, {Pyongyang} [cut] [off] all communication "
                                  "lines with <Seoul>.")


def test_explain_gives_rule_code_actors_time_and_modality(
        stored: tuple[Path, list[Event]]) -> None:
    db, events = stored
    text = explain(_event(events, "SANCTION").event_id, db=db).text()
    for part in ("triggers.csv:", "cut off,V", "Reduce or break diplomatic relations",
                 "found as subject", "2020-06 (month) from 'Last month'", "asserted"):
        assert part in text


def test_explain_shows_the_cue_of_a_negated_event(stored: tuple[Path, list[Event]]) -> None:
    negated = next(e for e in stored[1] if e.modality == "negated")
    assert "'not' negates 'impose'" in explain_event(negated).text()


def test_explain_an_unknown_event_is_an_input_error(stored: tuple[Path, list[Event]]) -> None:
    with pytest.raises(InputError, match="no event with this id"):
        explain("0000000000000000", db=stored[0])


def test_cli_explain_prints_the_explanation(stored: tuple[Path, list[Event]],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    db, events = stored
    assert main(["explain", events[0].event_id, "--db", str(db)]) == 0
    assert "rule" in capsys.readouterr().out


def test_cli_explain_reports_a_missing_store_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "abc", "--db", str(tmp_path / "none.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.duckdb" in err


def test_explain_accepts_a_unique_prefix_of_an_id(stored: tuple[Path, list[Event]]) -> None:
    db, events = stored
    event = _event(events, "SANCTION")
    assert explain(event.event_id[:8], db=db).event.event_id == event.event_id


def test_explain_a_prefix_of_several_ids_names_them(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        store.write([make_document("d", events=[make_event("d", 0, event_id="ab12"),
                                                make_event("d", 1, event_id="ab34")])])
    with pytest.raises(InputError, match=r"several events.*\(ab12, ab34\); give more"):
        explain("ab", db=db)
    assert explain("ab3", db=db).event.event_id == "ab34"
    with pytest.raises(InputError, match="no event with this id"):
        explain("ff", db=db)


def test_cli_explain_takes_the_short_id_the_events_table_shows(
        stored: tuple[Path, list[Event]], capsys: pytest.CaptureFixture[str]) -> None:
    db, events = stored
    assert main(["events", "--db", str(db), "--type", "SANCTION"]) == 0
    short = capsys.readouterr().out.splitlines()[1].split()[0]
    assert main(["explain", short, "--db", str(db)]) == 0
    assert f"event {_event(events, 'SANCTION').event_id}" in capsys.readouterr().out
