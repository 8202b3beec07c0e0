"""Tests for newsevents.read: files in, Documents and Failures out."""

from __future__ import annotations

import gzip
import io
import json
import random
import time
from datetime import date
from pathlib import Path

import pytest
from _hostile import gzip_bomb, nested_tags

from newsevents.errors import InputError
from newsevents.models import Document, Failure
from newsevents.read import read_input, read_inputs
from newsevents.settings import Settings

LEAD = ("The two governments agreed on Monday to reopen the border crossing after "
        "three weeks of talks.")
SECOND = "Officials said trucks carrying food would be allowed through first."
ARTICLE = f"{LEAD}\n\n{SECOND}\n"
DEFAULT = Settings(default_date=date(2020, 7, 8))

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Envoys meet in Kessel</title>
<meta property="article:published_time" content="2022-05-17T08:00:00Z">
<meta property="og:site_name" content="Northern Ledger"></head>
<body><nav><a href="/">Home</a></nav><article>
<h1>Envoys meet in Kessel</h1>
<p>Envoys from Arandia and Belmoria met in the border town of Kessel on Tuesday to discuss
the release of prisoners detained during last year's clashes along the river.</p>
<p>A spokesman for the Arandian foreign ministry said the meeting was constructive and that
a second round would take place in the capital before the end of the month.</p>
<p>Belmoria's delegation demanded guarantees that the detainees would not face trial, a
condition Arandian officials have rejected in previous rounds of negotiations.</p>
</article><footer><p>Follow us on Twitter</p></footer></body></html>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def only(results: list[Document | Failure]) -> Document | Failure:
    assert len(results) == 1
    return results[0]


def read_all(path: str, settings: Settings | None = DEFAULT) -> list[Document | Failure]:
    return list(read_inputs([path], settings))


def failure_reason(path: str, stage: str = "read") -> str:
    result = only(read_all(path))
    assert isinstance(result, Failure)
    assert result.stage == stage
    return result.reason


# --------------------------------------------------------------------------- text files


def test_read_text_file_gives_a_document_named_by_the_file_stem(tmp_path: Path) -> None:
    path = write(tmp_path, "000_b96b4045de65e4c4.txt", ARTICLE)
    doc = only(read_all(path))
    assert isinstance(doc, Document)
    assert doc.id == "000_b96b4045de65e4c4"
    assert doc.origin == path
    assert doc.text == f"{LEAD}\n\n{SECOND}"


def test_read_text_file_cleans_furniture(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"!-- Google tag (gtag.js) -->\n\n{ARTICLE}\nPhoto: AP\n")
    doc = only(read_all(path))
    assert isinstance(doc, Document)
    assert doc.text == f"{LEAD}\n\n{SECOND}"


def test_read_text_file_takes_the_default_date_from_settings(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "a.txt", ARTICLE)))
    assert isinstance(doc, Document)
    assert doc.date == date(2020, 7, 8)


def test_read_text_file_has_no_date_without_a_default(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "a.txt", ARTICLE), settings=None))
    assert isinstance(doc, Document)
    assert doc.date is None


def test_read_text_file_with_utf8_bom(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "a.txt", "\ufeff".encode() + ARTICLE.encode())))
    assert isinstance(doc, Document)
    assert doc.text.startswith("The two governments")


def test_read_text_file_in_cp1252(tmp_path: Path) -> None:
    text = "The caf\u00e9 owners in K\u00f6ssel protested on Monday against the new tax."
    doc = only(read_all(write(tmp_path, "a.txt", text.encode("cp1252"))))
    assert isinstance(doc, Document)
    assert doc.text == text


def test_read_gzipped_text_file(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "story.txt.gz", gzip.compress(ARTICLE.encode()))))
    assert isinstance(doc, Document)
    assert doc.id == "story"
    assert doc.text.startswith("The two governments")


# --------------------------------------------------------------------------- bad inputs


def test_read_missing_file_is_a_failure() -> None:
    assert failure_reason("/no/such/dir/story.txt") == "no such file"


def test_read_over_long_file_name_is_a_failure(tmp_path: Path) -> None:
    assert failure_reason(str(tmp_path / ("x" * 5000))).startswith("cannot read the file")


def test_read_empty_folder_is_a_failure(tmp_path: Path) -> None:
    assert failure_reason(str(tmp_path)) == "folder holds no files"


def test_read_empty_file_is_a_failure(tmp_path: Path) -> None:
    assert failure_reason(write(tmp_path, "a.txt", "")) == "empty file"


def test_read_furniture_only_file_has_no_article_text(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Advertisement\n\nImage Source: Reuters\n")
    assert failure_reason(path) == "no article text"


def test_read_too_short_text_is_not_an_article(tmp_path: Path) -> None:
    assert failure_reason(write(tmp_path, "a.txt", "Seoul talks.")) == \
        "not an article (only 12 characters of text)"


def test_read_text_without_letters_has_no_article_text(tmp_path: Path) -> None:
    assert failure_reason(write(tmp_path, "a.txt", "12345 67890\n\n2020-07-08")) == \
        "no article text"


def test_read_binary_file_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"%PDF-1.4\x00\x01\x02binary")
    assert failure_reason(path) == "binary file, not text"


def test_read_corrupt_gzip_is_a_failure(tmp_path: Path) -> None:
    assert "gzip" in failure_reason(write(tmp_path, "a.txt.gz", b"not gzip at all"))


def test_read_refuses_files_over_the_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt.gz", gzip.compress(b"A" * 10_000))
    result = only(list(read_inputs([path], Settings(max_bytes=100))))
    assert isinstance(result, Failure)
    assert result.reason.startswith("larger than 100 bytes once decompressed; refused")


def test_read_inputs_continues_after_a_failure(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", ARTICLE)
    results = list(read_inputs([str(tmp_path / "missing.txt"), good], DEFAULT))
    assert [type(r) for r in results] == [Failure, Document]


def test_read_input_returns_the_documents(tmp_path: Path) -> None:
    docs = read_input(write(tmp_path, "a.txt", ARTICLE))
    assert [d.id for d in docs] == ["a"]


def test_read_input_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty file"):
        read_input(write(tmp_path, "a.txt", ""))


# --------------------------------------------------------------------------- HTML


def test_read_html_file_extracts_article_and_metadata(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "envoys.html", PAGE)))
    assert isinstance(doc, Document)
    assert doc.id == "envoys"
    assert "met in the border town of Kessel" in doc.text
    assert "Follow us" not in doc.text
    assert doc.title == "Envoys meet in Kessel"
    assert doc.date == date(2022, 5, 17)
    assert doc.source == "Northern Ledger"


def test_read_sniffs_html_saved_with_a_txt_extension(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "envoys.txt", PAGE)))
    assert isinstance(doc, Document)
    assert doc.title == "Envoys meet in Kessel"


def test_read_html_without_a_date_uses_the_default(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="article:published_time" '
                        'content="2022-05-17T08:00:00Z">', "")
    doc = only(read_all(write(tmp_path, "envoys.html", page)))
    assert isinstance(doc, Document)
    assert doc.date == date(2020, 7, 8)


def test_read_non_article_html_is_a_failure(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>"
    assert failure_reason(write(tmp_path, "menu.html", page), stage="extract") == \
        "no article text found in the page"


# --------------------------------------------------------------------------- JSON


def test_read_jsonl_gives_a_document_per_record(tmp_path: Path) -> None:
    path = write(tmp_path, "batch.jsonl", jsonl(
        {"id": "a1", "text": ARTICLE, "url": "https://example.org/a1", "title": "Crossing",
         "date": "2020-07-08", "source_domain": "example.org"},
        {"text": SECOND}))
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.origin, first.url, first.title, first.source) == (
        "a1", f"{path}:1", "https://example.org/a1", "Crossing", "example.org")
    assert (second.id, second.origin) == ("batch:2", f"{path}:2")


def test_read_jsonl_accepts_news_please_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "np.jsonl", jsonl(
        {"dId": "abc123", "maintext": ARTICLE, "date_publish": "2020-07-08 10:33:00",
         "source_domain": "example.org", "authors": ["Jane Roe", "John Smith"]}))
    doc = only(read_all(path, settings=None))
    assert isinstance(doc, Document)
    assert (doc.id, doc.date, doc.author) == ("abc123", date(2020, 7, 8), "Jane Roe, John Smith")


def test_read_jsonl_uses_the_url_as_id_when_there_is_none(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "b.jsonl", jsonl({"text": ARTICLE, "url": "u:1"}))))
    assert isinstance(doc, Document)
    assert doc.id == "u:1"


@pytest.mark.parametrize("value", ["2020-07-08", "2020-07-08 10:33:00", "2020-07-08T10:33:00Z"])
def test_read_jsonl_parses_record_dates(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, "b.jsonl", jsonl({"text": ARTICLE, "date": value}))
    doc = only(read_all(path, settings=Settings(default_date=date(1999, 1, 1))))
    assert isinstance(doc, Document)
    assert doc.date == date(2020, 7, 8)


def test_read_jsonl_unreadable_date_falls_back_to_the_default(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "b.jsonl", jsonl({"text": ARTICLE, "date": "soon"}))))
    assert isinstance(doc, Document)
    assert doc.date == date(2020, 7, 8)


def test_read_jsonl_record_without_text_is_a_failure_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "b.jsonl", jsonl({"text": ARTICLE}, {"title": "no body", "text": ""}))
    results = read_all(path)
    assert isinstance(results[0], Document)
    assert isinstance(results[1], Failure)
    assert results[1].input == f"{path}:2"
    assert results[1].reason.startswith("record has no text")


def test_read_jsonl_invalid_line_is_a_failure_and_the_file_goes_on(tmp_path: Path) -> None:
    path = write(tmp_path, "b.jsonl", "{not json\n" + jsonl({"text": ARTICLE}))
    bad, good = read_all(path)
    assert isinstance(bad, Failure) and bad.input == f"{path}:1"
    assert bad.reason.startswith("invalid JSON")
    assert isinstance(good, Document) and good.origin == f"{path}:2"


def test_read_jsonl_skips_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "b.jsonl", "\n" + jsonl({"text": ARTICLE}) + "\n\n")
    doc = only(read_all(path))
    assert isinstance(doc, Document) and doc.origin == f"{path}:2"


def test_read_jsonl_record_that_is_not_an_object_is_a_failure(tmp_path: Path) -> None:
    assert failure_reason(write(tmp_path, "b.jsonl", "[1, 2]\n")) == \
        "record is not a JSON object"


def test_read_empty_jsonl_is_a_failure(tmp_path: Path) -> None:
    assert failure_reason(write(tmp_path, "b.jsonl", "\n\n")) == "empty file"


def test_read_gzipped_jsonl(tmp_path: Path) -> None:
    data = gzip.compress(jsonl({"id": "z", "text": ARTICLE}).encode())
    doc = only(read_all(write(tmp_path, "b.jsonl.gz", data)))
    assert isinstance(doc, Document) and doc.id == "z"


def test_read_json_object_file(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "one.json", json.dumps({"text": ARTICLE}))))
    assert isinstance(doc, Document)
    assert (doc.id, doc.origin) == ("one", str(tmp_path / "one.json"))


def test_read_json_list_file(tmp_path: Path) -> None:
    path = write(tmp_path, "many.json", json.dumps([{"text": ARTICLE}, {"text": SECOND}]))
    assert [r.origin for r in read_all(path) if isinstance(r, Document)] == \
        [f"{path}:1", f"{path}:2"]


def test_read_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "lines.json", jsonl({"text": ARTICLE}, {"text": SECOND}))
    assert [type(r) for r in read_all(path)] == [Document, Document]


def test_read_invalid_json_file_is_a_failure(tmp_path: Path) -> None:
    assert failure_reason(write(tmp_path, "bad.json", "{oops")).startswith("invalid JSON")


# --------------------------------------------------------------------------- where inputs are


def test_read_folder_reads_its_files_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b/c.txt", ARTICLE)
    write(tmp_path, ".hidden.txt", ARTICLE)
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".git/d.txt", ARTICLE)
    docs = read_all(str(tmp_path))
    assert [d.origin for d in docs] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.txt")]


def test_read_glob_pattern_reads_the_matching_files(tmp_path: Path) -> None:
    write(tmp_path, "one.txt", ARTICLE)
    write(tmp_path, "two.txt", ARTICLE)
    write(tmp_path, "three.html", PAGE)
    docs = read_all(str(tmp_path / "*.txt"))
    assert [d.id for d in docs if isinstance(d, Document)] == ["one", "two"]


def test_read_glob_pattern_matching_nothing_is_a_failure(tmp_path: Path) -> None:
    assert failure_reason(str(tmp_path / "*.nothing")) == "no file matches this pattern"


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    doc = only(read_all("-"))
    assert isinstance(doc, Document)
    assert (doc.id, doc.origin) == ("stdin", "-")


def test_read_gzipped_stdin_holding_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    data = gzip.compress(jsonl({"id": "x", "text": ARTICLE}, {"id": "y", "text": ARTICLE}).encode())
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [d.id for d in read_all("-") if isinstance(d, Document)] == ["x", "y"]


def test_read_recognises_gzip_by_its_magic_bytes(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "saved.html", gzip.compress(PAGE.encode()))))
    assert isinstance(doc, Document) and doc.title == "Envoys meet in Kessel"


def test_read_url_file_reads_each_url_and_reports_bad_lines(tmp_path: Path) -> None:
    urls = write(tmp_path, "urls.txt", "# my list\n\nnot a url\nftp://example.org/x\n")
    results = list(read_inputs([], Settings(url_files=(urls,))))
    assert results == [Failure(f"{urls}:3", "read", "not an http(s) URL"),
                       Failure(f"{urls}:4", "read", "not an http(s) URL")]


def test_read_missing_url_file_is_a_failure(tmp_path: Path) -> None:
    missing = str(tmp_path / "urls.txt")
    assert list(read_inputs([], Settings(url_files=(missing,)))) == \
        [Failure(missing, "read", "no such file of URLs")]


# --------------------------------------------------------------------------- encodings


def test_read_html_in_undeclared_cp1252(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "").replace("Kessel", "K\u00f6ssel")
    doc = only(read_all(write(tmp_path, "p.html", page.encode("cp1252"))))
    assert isinstance(doc, Document)
    assert "border town of K\u00f6ssel" in doc.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_read_utf16_text_with_or_without_a_bom(tmp_path: Path, codec: str) -> None:
    doc = only(read_all(write(tmp_path, "a.txt", ARTICLE.encode(codec))))
    assert isinstance(doc, Document)
    assert doc.text == f"{LEAD}\n\n{SECOND}"


def test_read_utf16_html_with_a_bom_sniffed_as_a_page(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "page.txt", PAGE.encode("utf-16"))))
    assert isinstance(doc, Document) and doc.title == "Envoys meet in Kessel"


def test_read_drops_stray_nul_bytes_in_text(tmp_path: Path) -> None:
    doc = only(read_all(write(tmp_path, "a.txt", ARTICLE.encode().replace(b" two", b"\0 two"))))
    assert isinstance(doc, Document) and doc.text.startswith("The two governments")


def test_read_drops_stray_nul_bytes_in_a_page(tmp_path: Path) -> None:
    data = PAGE.encode().replace(b"Envoys from", b"Envoys\0 from", 1)
    doc = only(read_all(write(tmp_path, "a.html", data)))
    assert isinstance(doc, Document) and "Envoys from Arandia" in doc.text


# --------------------------------------------------------------------------- hostile files


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.html", b"  \n\t\n", "empty file"),
    ("random.txt", random.Random(7).randbytes(20_000), "binary file, not text"),
    ("nul.txt", b"\0" * 5000, "binary file, not text"),
    ("nul.html", b"<html>" + b"\0" * 5000, "binary file, not text"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0" + bytes(range(256)) * 8, "binary file, not text"),
    ("truncated.txt.gz", gzip.compress(random.Random(7).randbytes(4000).hex().encode())[:3000],
     "truncated or corrupt gzip data"),
    ("notgzip.txt.gz", b"plain text, not gzip", "not a valid gzip file"),
    ("zeros.txt.gz", gzip_bomb(400), "binary file, not text"),
])
def test_read_hostile_file_is_a_clear_failure(tmp_path: Path, name: str, content: bytes,
                                              reason: str) -> None:
    assert failure_reason(write(tmp_path, name, content)) == reason


@pytest.mark.parametrize("fill", [b"a", b" "])
def test_read_gzip_bomb_is_refused_at_the_cap(tmp_path: Path, fill: bytes) -> None:
    path = write(tmp_path, "bomb.txt.gz", gzip_bomb(400, fill))
    result = only(list(read_inputs([path], Settings(max_bytes=8 * 2**20))))
    assert isinstance(result, Failure)
    assert result.reason == "larger than 8 MB once decompressed; refused (split it, or raise " \
                            "the cap)"


def test_read_newline_bomb_is_refused_fast_at_the_blank_line_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.jsonl.gz", gzip_bomb(128, b"\n"))  # 128 MB of newlines
    started = time.monotonic()
    result = only(read_all(path))
    assert time.monotonic() - started < 10  # it took minutes, a line at a time
    assert isinstance(result, Failure) and result.input == f"{path}:10001"
    assert result.reason == ("more than 10,000 blank lines in a row; the rest of the file is "
                             "refused (padding, or a newline bomb)")


def test_read_json_file_read_as_lines_has_the_same_caps(tmp_path: Path) -> None:
    path = write(tmp_path, "padded.json", b"x\n" + b"\n" * 20 * 2**20 + b"y\n")
    started = time.monotonic()
    results = read_all(path)
    assert time.monotonic() - started < 10
    assert [r.input for r in results if isinstance(r, Failure)] == [f"{path}:1",
                                                                    f"{path}:10002"]


def test_read_jsonl_keeps_the_records_before_the_line_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "five.jsonl", jsonl(*({"id": str(n), "text": ARTICLE}
                                                 for n in range(5))))
    results = list(read_inputs([path], Settings(max_lines=3)))
    assert [r.id for r in results if isinstance(r, Document)] == ["0", "1", "2"]
    assert results[-1] == Failure(f"{path}:4", "read", "more than 3 lines; the rest of the "
                                  "file is refused (split it, or raise the max_lines setting)")


def test_read_jsonl_of_lines_that_are_not_json_is_refused_after_a_thousand(
        tmp_path: Path) -> None:
    path = write(tmp_path, "x.jsonl.gz", gzip.compress(b"x\n" * 1_000_000))
    results = read_all(path)
    assert len(results) == 1001 and all(isinstance(r, Failure) for r in results)
    assert results[-1].input == f"{path}:1001"
    assert results[-1].reason.startswith("more than 1,000 lines in a row are not JSON")


def test_read_refuses_a_page_over_the_page_limit(tmp_path: Path) -> None:
    filler = "<p>" + "word " * 200 + "</p>\n"
    page = PAGE.replace("<footer>", filler * (24 * 2**20 // len(filler)) + "<footer>")
    result = only(read_all(write(tmp_path, "huge.html", page)))
    assert isinstance(result, Failure) and result.stage == "extract"
    assert result.reason == "page of 24 MB is over the 16 MB limit for one HTML page; refused"


@pytest.mark.parametrize(("tag", "reason"), [
    ("div", "markup nested over 200 levels deep; the page is broken or built to stall parsers"),
    ("p", "over 50,000 elements in one page; the page is broken or built to stall parsers"),
])
def test_read_refuses_a_page_of_100000_nested_tags(tmp_path: Path, tag: str,
                                                   reason: str) -> None:
    path = write(tmp_path, "deep.html", nested_tags(100_000, tag))
    assert failure_reason(path, stage="extract") == reason


def test_read_refuses_text_too_long_for_one_article(tmp_path: Path) -> None:
    text = (LEAD + "\n\n") * 22_000  # about 2.1 million characters
    reason = failure_reason(write(tmp_path, "long.txt", text))
    assert reason.endswith("-character limit for one article; split it into articles")


def test_read_jsonl_with_broken_lines_keeps_the_good_records(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": ARTICLE})
    content = f'{good}\n{{"id": "cut", "text": "The two\n\x00\x01garbage\n[[[[\n{good}\n'
    results = read_all(write(tmp_path, "b.jsonl", content))
    assert [r.id for r in results if isinstance(r, Document)] == ["ok", "ok"]
    assert [r.input.rsplit(":", 1)[1] for r in results if isinstance(r, Failure)] == \
        ["2", "3", "4"]


def test_read_jsonl_line_over_the_cap_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path, "b.jsonl", jsonl({"text": ARTICLE}) + "x" * 5000 + "\n")
    results = list(read_inputs([path], Settings(max_bytes=1000)))
    assert isinstance(results[0], Document)
    assert isinstance(results[1], Failure) and results[1].input == f"{path}:2"
    assert results[1].reason.startswith("line longer than 1000 bytes")


def test_read_batch_goes_on_after_every_kind_of_bad_input(tmp_path: Path) -> None:
    bad = [write(tmp_path, "empty.txt", ""), write(tmp_path, "bomb.txt.gz", gzip_bomb(100)),
           write(tmp_path, "deep.html", nested_tags(100_000)), str(tmp_path / "missing.html")]
    good = write(tmp_path, "good.txt", ARTICLE)
    results = list(read_inputs([*bad, good], Settings(max_bytes=2**20)))
    assert [type(r) for r in results] == [Failure] * 4 + [Document]
