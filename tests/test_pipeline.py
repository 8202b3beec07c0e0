from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsevents
from newsevents.errors import ConfigError
from newsevents.pipeline import STAGES, Pipeline, Stage
from newsevents.read import read_inputs
from newsevents.store import open_store

pytestmark = pytest.mark.slow  # loads the spaCy model (pytest -m 'not slow' leaves it out)

ARTICLE = (
    "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing "
    "on Monday. Moscow did not impose new sanctions on Ukraine, officials said.\n\n"
    "Last month, Ukrainian forces attacked a Russian base in Crimea."
)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "lavrov.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_code_returns_documents_with_events(article: Path) -> None:
    result = newsevents.code([str(article)], date="2023-04-05")
    assert not result.failures
    kinds = {(e.type, e.source.code if e.source else None) for e in result.events}
    assert ("CONSULT", "RUSGOV") in kinds


def test_code_dates_events_by_their_own_time_expression(article: Path) -> None:
    events = newsevents.code([str(article)], date="2023-04-05").events
    consult = next(e for e in events if e.type == "CONSULT")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert (consult.date, consult.date_text) == ("2023-04-03", "Monday")
    assert (attack.date, attack.date_precision) == ("2023-03", "month")


def test_code_marks_negated_events(article: Path) -> None:
    events = newsevents.code([str(article)], date="2023-04-05").events
    sanction = next(e for e in events if e.cameo == "163")
    assert sanction.modality == "negated"


def test_code_collects_failures_and_goes_on(article: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = newsevents.code([str(tmp_path / "missing.txt"), str(empty), str(article)],
                             date="2023-04-05")
    assert len(result.documents) == 1
    assert {f.input for f in result.failures} == {str(tmp_path / "missing.txt"), str(empty)}


def test_code_rejects_a_malformed_date(article: Path) -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        newsevents.code([str(article)], date="05/04/2023")


def test_ingest_twice_stores_each_event_once(article: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = newsevents.ingest([str(article)], db=db, date="2023-04-05")
    second = newsevents.ingest([str(article)], db=db, date="2023-04-05")
    printed = newsevents.code([str(article)], date="2023-04-05").events
    assert first.written.documents_new == 1
    assert second.written.documents_unchanged == 1
    with open_store(db, read_only=True) as store:
        assert store.count("events") == len(printed) > 0


def test_ingest_replaces_events_of_a_changed_document(article: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    newsevents.ingest([str(article)], db=db, date="2023-04-05")
    article.write_text("Iran condemned Israel on Friday.", encoding="utf-8")
    result = newsevents.ingest([str(article)], db=db, date="2023-04-05")
    assert result.written.documents_replaced == 1
    stored = newsevents.query_events(db=db)
    assert [e.type for e in stored] == ["ACCUSE"]


def test_ingest_records_failures_in_the_store(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "s.duckdb"
    newsevents.ingest([str(tmp_path / "nope.txt"), str(article)], db=db, date="2023-04-05")
    with open_store(db, read_only=True) as store:
        assert [f.input for f in store.failures()] == [str(tmp_path / "nope.txt")]


def test_jsonl_record_ids_become_doc_ids(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"dId": "np-1", "maintext": ARTICLE,
                                "date_publish": "2023-04-05 10:00:00"}) + "\n",
                    encoding="utf-8")
    events = newsevents.code([str(path)]).events
    assert events and {e.doc_id for e in events} == {"np-1"}


def test_pipeline_checks_stage_order_when_assembled() -> None:
    events_first = [s for s in STAGES if s.name == "events"] + [
        s for s in STAGES if s.name != "events"]
    with pytest.raises(ConfigError, match="stage 'events' needs"):
        Pipeline(events_first)


def test_pipeline_turns_a_coder_crash_into_a_failure(article: Path) -> None:
    def broken(docs, settings):  # type: ignore[no-untyped-def]
        for _ in docs:
            raise RuntimeError("boom")
            yield

    stages = (*STAGES, Stage("broken", frozenset({"events"}), frozenset(), broken))
    items = list(Pipeline(stages).run(read_inputs([str(article)])))
    assert [type(i).__name__ for i in items] == ["Failure"]
    assert "boom" in items[0].reason  # type: ignore[union-attr]


def test_seed_is_coded_into_the_store_exactly_once(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "seed.duckdb"
    printed = newsevents.code([str(seed_path)], date="2020-07-08").events
    newsevents.ingest([str(seed_path)], db=db, date="2020-07-08")
    newsevents.ingest([str(seed_path)], db=db, date="2020-07-08")
    with open_store(db, read_only=True) as store:
        assert store.count("events") == len(printed) >= 8


def test_code_a_long_text_without_full_stops_in_capped_sentences(tmp_path: Path) -> None:
    clause = ("North Korea fired a ballistic missile toward South Korea on Monday, "
              "the South Korean military said and ")
    path = tmp_path / "long.txt"
    path.write_text(clause * 200)  # 20,000 characters, one "sentence" by its punctuation
    result = newsevents.code([str(path)], date="2023-03-14")
    assert not result.failures
    doc = result.documents[0]
    assert len(doc.sentences) >= 20
    assert max(len(s.text) for s in doc.sentences) < 2_000
    assert doc.events  # still coded, clause by clause


KOREAN = ("북한이 13일 오전 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다. "
          "군은 추가 발사에 대비해 감시와 경계를 강화하고 있다.")
ARABIC = ("أطلقت كوريا الشمالية صاروخا باليستيا باتجاه البحر يوم الاثنين، "
          "بحسب ما أعلن الجيش الكوري الجنوبي.")


@pytest.fixture()
def languages(tmp_path: Path) -> Path:
    path = tmp_path / "languages.jsonl"
    rows = [{"id": "ko", "text": KOREAN}, {"id": "ar", "text": ARABIC},
            {"id": "en", "text": ARTICLE}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_code_refuses_articles_not_in_english_and_says_which_language(
        languages: Path) -> None:
    result = newsevents.code([str(languages)], date="2023-03-14")
    assert [d.id for d in result.documents] == ["en"]
    assert result.documents[0].language == "en"  # detected: the input gave none
    assert result.events
    assert sorted((f.stage, f.reason) for f in result.failures) == [
        ("code", "language ar is not supported for coding yet (only English is coded)"),
        ("code", "language ko is not supported for coding yet (only English is coded)")]


def test_ingest_records_articles_not_in_english_as_failures(languages: Path,
                                                            tmp_path: Path) -> None:
    db = tmp_path / "lang.duckdb"
    result = newsevents.ingest([str(languages)], db=db, date="2023-03-14")
    assert result.documents == 1 and len(result.failures) == 2
    with open_store(db, read_only=True) as store:
        assert [d.id for d in store.documents()] == ["en"]
        reasons = sorted(f.reason for f in store.failures())
    assert [r.split(" is ")[0] for r in reasons] == ["language ar", "language ko"]
