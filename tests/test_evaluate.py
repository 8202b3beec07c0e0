"""Scoring the coder against gold records: the format, the arithmetic, the gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.cli import main
from newsevents.errors import InputError
from newsevents.evaluate import GoldRecord, Scores, compare_to_baseline, evaluate, load_gold

SHARED_GOLD = (Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "plover-gsr"
               / "PLOVER_GSR_CAMEO.txt")
BASELINE = Path(__file__).resolve().parent / "baselines" / "evaluate_plover_gsr.json"


def record(n: int, event: str, text: str, source: list[str], target: Any = "",
           markup: str = "") -> dict[str, Any]:
    return {"id": f"T-{n}", "date": "2021-03-02", "event": event, "text": text,
            "source": [{"actorText": c, "code": c} for c in source],
            "target": [{"actorText": c, "code": c} for c in target] if isinstance(
                target, list) else target,
            "textInfo": {"markup": markup}}


GOLD = [
    {"id": "DOC", "event": "DOCUMENT", "comment": "written for the tests"},
    record(1, "DISAPPROVE", "Russia condemned Ukraine on Monday.", ["RUS"], ["UKR"]),
    record(2, "DEMAND", "Germany demanded the release of French journalists.", ["DEU"],
           ["FRA"]),
    record(3, "AGREE", "Japan and India agreed to expand trade.", ["JPN", "IND"], "",
           "(SRC/TAR: Japan) and (SRC/TAR: India) (EVT: agreed)"),
    record(4, "FIGHT", "Weather was fine in Oslo.", ["NOR"], ["SWE"]),
]


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    return path


@pytest.mark.slow
def test_load_gold_maps_2016_names_and_skips_documentation(gold: Path) -> None:
    records = load_gold(gold)
    assert [r.type for r in records] == ["ACCUSE", "REQUEST", "AGREE", "ASSAULT"]


@pytest.mark.slow
def test_load_gold_reads_reciprocal_actors_as_each_others_targets(gold: Path) -> None:
    agree = load_gold(gold)[2]
    assert agree.reciprocal and agree.dyads() == {("JPN", "IND"), ("IND", "JPN")}


@pytest.mark.parametrize(("sources", "targets", "dyads"), [
    (("RUS",), (), {("RUS", None)}),
    (("SDN",), ("SDN",), {("SDN", "SDN")}),  # a domestic event keeps both countries
    (("USA", "GBR"), ("IRQ",), {("USA", "IRQ"), ("GBR", "IRQ")}),
])
def test_gold_record_dyads(sources: tuple[str, ...], targets: tuple[str, ...],
                           dyads: set[tuple[str, str | None]]) -> None:
    rec = GoldRecord("x", "text", "ASSAULT", None, sources, targets)
    assert rec.dyads() == dyads


@pytest.mark.parametrize(("content", "problem"), [
    ("not json", "not a JSON gold file"),
    ('{"a": 1}', "JSON list"),
    ('[{"id": "x", "event": "PARTY", "text": "A."}]', "PLOVER types"),
    ('[{"id": "x", "event": "DOCUMENT"}]', "no event records"),
])
@pytest.mark.slow
def test_load_gold_rejects_bad_files_with_a_message(tmp_path: Path, content: str,
                                                   problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_gold(path)


def test_load_gold_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.json"):
        load_gold(tmp_path / "missing.json")


@pytest.mark.parametrize(("code", "key"), [
    ("SERGOV", "SRB"), ("YUG", "SRB"), ("YUGMIL", "SRB"), ("SUN", "RUS"), ("JAP", "JPN"),
    ("IGO", "IGO"), ("", None),
])
def test_gold_codes_of_former_states_and_old_cameo_compare_as_todays(code: str,
                                                                     key: str | None) -> None:
    from newsevents.evaluate.plover import _Codes

    assert _Codes().gold_key(code) == key


def test_scores_precision_recall_f1() -> None:
    s = Scores(tp=3, fp=1, fn=2)
    assert (s.precision, s.recall, round(s.f1, 4)) == (0.75, 0.6, 0.6667)


@pytest.mark.slow
def test_evaluate_scores_type_and_dyad_per_record(gold: Path) -> None:
    ev = evaluate(gold)
    assert ev.records == 4
    assert {r.id: (r.type_hit, r.dyad_hit) for r in ev.results} == {
        "T-1": (True, True), "T-2": (True, True), "T-3": (True, True),
        "T-4": (False, False)}
    assert (ev.type.tp, ev.type.fn) == (3, 1)
    assert ev.confusion["ASSAULT"] == {"-": 1}


@pytest.mark.slow
def test_evaluate_counts_only_the_modalities_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([record(1, "ACCUSE", "Russia did not condemn Ukraine.",
                                       ["RUS"], ["UKR"])]), encoding="utf-8")
    assert evaluate(path).type.tp == 0
    assert evaluate(path, modalities=("asserted", "negated")).type.tp == 1


@pytest.mark.slow
def test_compare_to_baseline_reports_only_drops_beyond_the_tolerance(
        gold: Path, tmp_path: Path) -> None:
    ev = evaluate(gold)
    figures = ev.figures()
    pinned = {**figures, "type_f1": figures["type_f1"] + 0.005,
              "dyad_f1": figures["dyad_f1"] + 0.05}
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"figures": pinned}), encoding="utf-8")
    drops = compare_to_baseline(ev, baseline, tolerance=0.01)
    assert len(drops) == 1 and drops[0].startswith("dyad_f1 fell")


@pytest.mark.slow
def test_cli_evaluate_prints_a_table_with_the_confusion(
        gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "confusion" in out and "ACCUSE" in out


@pytest.mark.slow
def test_cli_evaluate_json_and_baseline_gate(gold: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"figures": {"type_f1": 1.0}}), encoding="utf-8")
    assert main(["evaluate", str(gold), "--format", "json", "--baseline",
                 str(baseline)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["overall"]["type"]["tp"] == 3
    assert "type_f1 fell" in captured.err


def test_cli_evaluate_reports_a_bad_gold_file_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.json"
    path.write_text("[", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gold.json" in err


@pytest.mark.slow
def test_evaluate_gold_does_not_fall_below_the_baseline() -> None:
    """The regression gate: the dev gold's figures stay at the pinned baseline."""
    if not SHARED_GOLD.exists():
        pytest.skip("../shared/gold is absent")
    ev = evaluate(SHARED_GOLD)
    assert not ev.failures
    assert compare_to_baseline(ev, BASELINE, tolerance=0.01) == []
