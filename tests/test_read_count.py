"""Counting a batch's items up front, for the progress bar's total (issue 16, item 8)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsevents.read import count_items, read_inputs
from newsevents.settings import Settings

ARTICLE = "Seoul and Tokyo agreed on Tuesday to resume their security talks after a decade."


def _lines(n: int) -> str:
    return "".join(f'{{"id": "d{i}", "text": "{ARTICLE}"}}\n' for i in range(n))


def test_a_json_lines_file_counts_its_non_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_lines(3) + "\n  \n" + '{"broken', encoding="utf-8")
    assert count_items([str(path)]) == 4
    assert count_items([str(path)]) == sum(1 for _ in read_inputs([str(path)], Settings()))


def test_a_compressed_json_lines_file_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(_lines(5).encode()))
    assert count_items([str(path)]) == 5


def test_text_files_folders_patterns_and_urls_count_one_each(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.html", ".hidden.txt"):
        (tmp_path / "in" / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "c.jsonl").write_text(_lines(2), encoding="utf-8")
    urls = tmp_path / "urls.txt"
    urls.write_text("# mine\nhttps://example.org/a\n\nhttps://example.org/b\n")
    assert count_items([str(tmp_path / "in"), str(tmp_path / "in" / "*.txt"),
                        "https://example.org/c", str(tmp_path / "missing.txt")],
                       Settings(url_files=(str(urls),))) == 4 + 1 + 1 + 1 + 2


@pytest.mark.parametrize("name, body", [
    ("crawl.warc", b"WARC/1.0\r\n"), ("feed.xml", b"<rss version='2.0'><channel>"),
    ("list.json", b'[{"text": "x"}]')])
def test_what_cannot_be_counted_without_reading_it_gives_no_total(
        tmp_path: Path, name: str, body: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(body)
    assert count_items([str(path)]) is None
    assert count_items(["-"]) is None


def test_counting_gives_up_past_its_time_budget(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert count_items([str(path)] * 3, budget=-1) is None
