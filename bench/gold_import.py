"""Bring annotators' files into the repository's gold as offsets, and report agreement.

Annotators write, per unit, events whose trigger, source and target are phrases copied from
the unit (docs/annotation.md). The repository keeps no publisher's text: this turns each
phrase into character offsets in the corpus record's `text` and writes

  gold/news-cluster/annotator_a.jsonl, annotator_b.jsonl   the two independent annotations
  gold/news-cluster/gold.jsonl                              the adjudicated gold
  gold/news-cluster/agreement.json                          A against B, as the coder is scored

Inputs: DIR/A_batchN.jsonl, DIR/B_batchN.jsonl and DIR/ADJ_batchN.jsonl (the adjudicator's
decisions on the units where A and B differ; units A and B agree on are taken as they are).

With --wire the files are the fourth round's, over the single wire sentences of
../shared/gold/event-location, and the outputs go to gold/wire/ instead. With --wire-dev
they go to gold/wire-dev/: wire sentences the event model never trains on, scored by
`newsevents scoreboard` as a second real-news dev set.

Example: python bench/gold_import.py /tmp/annot/out
Example: python bench/gold_import.py /tmp/annot4/out /tmp/annot5/out --wire
Example: python bench/gold_import.py /tmp/annot8/out --wire-dev

Several directories (one a round) are read in turn; all rounds go into the same files. With
--append the rounds already in the files are kept and the new one is added beside them
(round nine: python bench/gold_import.py /tmp/annot9/out --wire --append).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsevents.evaluate.realnews import (  # noqa: E402
    agreement,
    default_corpus,
    default_gold_dir,
    default_wire_dev_gold,
    default_wire_items,
    gold_keys,
    load_corpus,
    load_units,
    load_wire_items,
)

FIELDS = ("type", "mode", "modality", "source_code", "target_code")


def _offsets(text: str, start: int, end: int, phrase: str) -> list[int] | None:
    if not phrase:
        return None
    at = text.find(phrase, start, end)
    return [at, at + len(phrase)] if at >= 0 else None


def convert(path: Path, units: dict, records: dict) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        unit = units[raw["sid"]]
        text = records[unit["doc_id"]]["text"]
        events = []
        for e in raw.get("events", []):
            ev = {f: e.get(f, "") for f in FIELDS}
            for f in ("trigger", "source", "target"):
                ev[f] = _offsets(text, unit["start"], unit["end"], e.get(f, ""))
            events.append(ev)
        out.append({**unit, "kind": raw.get("kind", "sentence"), "events": events})
    return out


def _signature(unit: dict) -> list:
    return sorted((e["type"], e["modality"], e["source_code"][:3], e["target_code"][:3])
                  for e in unit["events"])


def main() -> int:
    sources = [Path(a) for a in sys.argv[1:] if not a.startswith("--")]
    held_out = "--wire-dev" in sys.argv[1:]
    wire = held_out or "--wire" in sys.argv[1:]
    gold_dir = (default_wire_dev_gold().parent if held_out
                else default_gold_dir().parent / "wire" if wire else default_gold_dir())
    units = {json.loads(x)["sid"]: json.loads(x)
             for x in (gold_dir / "sentences.jsonl").read_text().splitlines() if x.strip()}
    records = (load_wire_items(default_wire_items()) if wire
               else load_corpus(default_corpus()))
    merged: dict[str, list[dict]] = {"a": [], "b": [], "gold": []}
    for a_path in sorted(p for src in sources for p in src.glob("A_batch*.jsonl")):
        src = a_path.parent
        b_path = src / a_path.name.replace("A_", "B_")
        adj_path = src / a_path.name.replace("A_", "ADJ_")
        if not b_path.exists():
            print(f"{a_path.name}: no second annotation yet, left out")
            continue
        a = convert(a_path, units, records)
        b = {u["sid"]: u for u in convert(b_path, units, records)}
        adj = ({u["sid"]: u for u in convert(adj_path, units, records)}
               if adj_path.exists() else {})
        for ua in a:
            ub = b.get(ua["sid"])
            if ub is None:
                continue
            merged["a"].append(ua)
            merged["b"].append(ub)
            if ua["sid"] in adj:
                merged["gold"].append(adj[ua["sid"]])
            elif _signature(ua) == _signature(ub) and ua["kind"] == ub["kind"]:
                merged["gold"].append(ua)
            else:
                print(f"{ua['sid']}: A and B differ and no adjudication; left out of gold")
    names = {"a": "annotator_a.jsonl", "b": "annotator_b.jsonl", "gold": "gold.jsonl"}
    if "--append" in sys.argv[1:]:
        # a new round beside the rounds already imported (whose batch files are gone):
        # their rows stay as they are, in front
        for key, rows in merged.items():
            path = gold_dir / names[key]
            new = {r["sid"] for r in rows}
            kept = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()
                    if x.strip()] if path.exists() else []
            merged[key] = [r for r in kept if r["sid"] not in new] + rows
    for key, rows in merged.items():
        with (gold_dir / names[key]).open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    a_units = load_units(gold_dir / names["a"])
    b_units = load_units(gold_dir / names["b"])
    ag = agreement(a_units, b_units)
    figures = ag.figures()
    report = {"units": ag.units, "events_a": sum(len(v) for v in gold_keys(a_units).values()),
              "events_b": sum(len(v) for v in gold_keys(b_units).values()),
              "gold_units": len(merged["gold"]),
              "gold_events": sum(len(u["events"]) for u in merged["gold"]),
              "agreement": figures,
              "note": "annotator B scored against annotator A, asserted events, as "
                      "newsevents scores the coder"}
    (gold_dir / "agreement.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
