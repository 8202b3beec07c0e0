"""The package's layers: every import goes down, and importing the readers is cheap.

Each module of ``newsevents`` belongs to a unit (its top-level module or package); each
unit sits in one layer of :data:`LAYERS`. An import from one unit to another, wherever
it is written (at the top, inside a function, under ``TYPE_CHECKING``), must go to a
strictly lower layer: so no two units import each other, in either direction, and a
unit never reaches up to the ones built on it. Imports inside one unit are free.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsevents

PACKAGE = Path(newsevents.__file__).parent

# Bottom to top. A new module must be placed here (the test says so when one is not).
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"_version", "errors", "intervals"}),
    # the one conversion between the model and plain data
    frozenset({"codec"}),
    frozenset({"models", "settings", "datafiles", "progress", "_tablecache"}),
    # names for codes; the datelines that open stories
    frozenset({"labels", "datelines"}),
    # case for caseless text, from the actor tables (read as data), before parsing
    frozenset({"casing"}),
    # stages and the helpers that need nothing of another stage
    frozenset({"language", "extract", "nlp", "places", "dates", "store"}),
    frozenset({"read", "actors", "stories"}),
    frozenset({"events"}),
    # the coding core: the stages put together
    frozenset({"coding", "explain"}),
    # coding in this process; coding in shards, on workers; judging the coder
    frozenset({"pipeline", "scale", "evaluate"}),
    # storing what is coded
    frozenset({"ingestion", "training"}),
    frozenset({"beats", "_bench_measure"}),
    frozenset({"web"}),
    frozenset({"cli"}),
    frozenset({"__init__"}),  # the package's lazy facade: names from every layer
)

LAYER = {unit: n for n, units in enumerate(LAYERS) for unit in units}

# What must not be loaded by importing these (the readers of the store, the dashboard).
HEAVY = ("spacy", "trafilatura", "dask", "distributed")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# Modules that are one unit with another: the flat layout of events (CSV, Parquet, the
# store's rows) is the data model's own view of itself, built from its fields, and
# ``EventList.to_records`` is written in its columns.
PART_OF = {"layout": "models"}


def _unit(module: str) -> str:
    parts = module.split(".")
    unit = parts[1] if len(parts) > 1 else "__init__"
    return PART_OF.get(unit, unit)


def _imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` of every newsevents module ``path`` imports, anywhere in it."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module is None or target == "newsevents":  # from . import a, b
                found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, target))
    return [(line, name) for line, name in found
            if name == "newsevents" or name.startswith("newsevents.")]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_unit_has_a_layer() -> None:
    units = {_unit(_module_name(path)) for path in _modules()}
    assert units - set(LAYER) == set(), "place the new modules in LAYERS"


def test_imports_only_go_down() -> None:
    upward = []
    for path in _modules():
        source = _unit(_module_name(path))
        for line, target in _imports(path):
            unit = _unit(target)
            if unit != source and LAYER.get(unit, -1) >= LAYER[source]:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target} "
                              f"({source} is in layer {LAYER[source]}, {unit} in "
                              f"{LAYER.get(unit)})")
    assert upward == []


def test_pipeline_and_scale_do_not_import_each_other() -> None:
    # Said by the layers already; spelled out because it was the cycle that was broken.
    for name, other in (("pipeline", "scale"), ("scale", "pipeline"), ("coding", "scale"),
                        ("coding", "pipeline"), ("scale", "ingestion")):
        paths = [PACKAGE / f"{name}.py"] if (PACKAGE / f"{name}.py").exists() else sorted(
            (PACKAGE / name).rglob("*.py"))
        for path in paths:
            assert all(_unit(t) != other for _, t in _imports(path)), (path, other)


def _loaded_by(statement: str) -> list[str]:
    """The heavy packages a fresh interpreter has loaded after ``statement``."""
    code = (f"import json, sys\n{statement}\n"
            f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=PACKAGE.parent)
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("statement", [
    "import newsevents",
    "import newsevents.store, newsevents.web",
    "import newsevents.cli",  # every command's parser, serve among them
    "import newsevents.beats, newsevents.store.query, newsevents.stories",
])
def test_importing_the_readers_loads_no_heavy_package(statement: str) -> None:
    assert _loaded_by(statement) == []


def test_the_package_names_are_found_lazily() -> None:
    assert set(newsevents.__all__) <= set(dir(newsevents))
    with pytest.raises(AttributeError):
        newsevents.no_such_name  # noqa: B018
    # Each name resolves (in another process: some load spaCy, which this one must not).
    code = ("import newsevents\n"
            "missing = [n for n in newsevents.__all__ if getattr(newsevents, n) is None]\n"
            "print(missing, callable(newsevents.ingest), callable(newsevents.code))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=PACKAGE.parent)
    assert out.stdout.split() == ["[]", "True", "True"]
