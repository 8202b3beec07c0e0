from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.datafiles import load_table, package_path, packaged_table, split_list, word_class
from newsevents.errors import DataFileError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_table_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "# note\nname,code\n\nKorea, KOR\n# more\nJapan,JPN\n")
    assert load_table(path) == [{"name": "Korea", "code": "KOR"},
                                {"name": "Japan", "code": "JPN"}]


@pytest.mark.parametrize(("text", "message"), [
    ("name,code\nKorea,KOR,extra\n", r"t.csv:2: 3 values for 2 columns"),
    ("name,code\nKorea,\n", r"t.csv:2: empty code"),
    ("name\nKorea\n", r"header lacks column\(s\) code"),
    ("# only a comment\n", "no header row"),
])
def test_bad_rows_name_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        load_table(write(tmp_path, text), required=("name", "code"))


def test_check_function_errors_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "name,code\nKorea,KOR\nJapan,jp\n")
    with pytest.raises(DataFileError, match=r"t.csv:3: bad code"):
        load_table(path, check=lambda r: None if r["code"].isupper() else "bad code")


def test_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_table(tmp_path / "none.csv")


@pytest.mark.parametrize("name", ["cameo.csv", "triggers.csv", "countries.csv", "leaders.csv",
                                  "territories.csv", "attackers.csv",
                                  "organizations.csv", "sectors.csv", "sector_labels.csv",
                                  "organization_codes.csv", "phoenix_groups.csv", "relatives.csv",
                                  "phoenix_people.csv", "senses.csv",
                                  "word_classes.csv"])
def test_packaged_tables_load(name: str) -> None:
    assert package_path(name).exists()
    assert packaged_table(name)


@pytest.mark.parametrize(("name", "word"), [("causative", "prompt"), ("envoys", "ambassador"),
                                          ("courtesy", "mr"), ("held", "jail"),
                                          ("members", "follower"), ("steps", "move"),
                                          ("directed", "go")])
def test_a_word_class_is_read_from_its_table(name: str, word: str) -> None:
    assert word in word_class(name)


def test_an_unknown_word_class_is_a_data_file_error() -> None:
    with pytest.raises(DataFileError, match="no class 'envoy'"):
        word_class("envoy")


def test_split_list_drops_empty_parts() -> None:
    assert split_list(" a | b||c ") == ["a", "b", "c"]


@pytest.mark.parametrize("name", ["phoenix_groups.csv", "phoenix_people.csv", "agents.csv"])
def test_derived_tables_keep_their_licence(name: str) -> None:
    head = package_path(name).read_text(encoding="utf-8")[:800]
    assert "MIT licence" in head and "PETRARCH2" in head
