"""Tests for newsevents.extract: text cleaning, decoding and HTML extraction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import trafilatura
from _hostile import nested_tags

from newsevents import extract
from newsevents.datafiles import load_table, package_path
from newsevents.errors import ExtractionError, InputError
from newsevents.extract import (
    clean_extracted,
    clean_text,
    decode_bytes,
    extract_html,
    html_fragment_text,
    parse_date,
    utf16_without_bom,
)

SEED = Path(__file__).parents[2] / "shared/seeds/000_b96b4045de65e4c4.txt"

LEAD = ("The two governments agreed on Monday to reopen the border crossing after "
        "three weeks of talks.")
SECOND = "Officials said trucks carrying food would be allowed through first."

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Ministers agree on river treaty | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2021-03-04T09:15:00Z">
<meta name="author" content="Maria Olsen">
<link rel="canonical" href="https://courier.example.org/world/river-treaty">
<script>window.dataLayer = window.dataLayer || []; gtag('js', new Date());</script>
<style>.nav { color: red; }</style>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World news desk</a></nav>
<main><article>
<h1>Ministers agree on river treaty</h1>
<time datetime="2021-03-04">4 March 2021</time>
<p>The foreign ministers of Arandia and Belmoria signed a treaty on Thursday that sets
new rules for sharing the water of the Seren river, ending a dispute that has strained
relations for more than a decade.</p>
<p>Under the agreement, Arandia will release a fixed share of the river's flow during the
dry season, while Belmoria has promised to fund two monitoring stations near Kessel.</p>
<p>"This is a day our farmers have waited for," Belmoria's foreign minister told
reporters after the ceremony. Opposition leaders in Arandia criticised the deal and said
they would challenge it in parliament.</p>
<p>Officials from both countries are expected to meet again in June to review how the
first months of the treaty have worked.</p>
</article></main>
<footer><p>Copyright 2021 The Valley Courier. All rights reserved.</p>
<p>Subscribe to our newsletter for daily updates from the region</p></footer>
</body>
</html>
"""


def around(line: str) -> str:
    return f"{LEAD}\n\n{line}\n\n{SECOND}"


# --------------------------------------------------------------------------- seed


def test_clean_text_cleans_the_seed_article() -> None:
    if not SEED.exists():
        pytest.skip("the shared seed article is not present")
    cleaned = clean_text(SEED.read_text(encoding="utf-8"))
    paragraphs = cleaned.split("\n\n")
    assert paragraphs[0].startswith("US Deputy Secretary of State")
    assert paragraphs[-1].endswith("military action against the South.")
    assert len(paragraphs) == 5
    assert "gtag" not in cleaned
    assert "Coverage:" not in cleaned
    assert "Image Source" not in cleaned


# --------------------------------------------------------------------------- furniture


@pytest.mark.parametrize("line", [
    "!-- Google tag (gtag.js) -->",
    "<!-- End Google Tag Manager -->",
    "-->",
    '<script async src="https://example.com/tag.js"></script>',
    "window.dataLayer = window.dataLayer || [];",
    "function gtag(){dataLayer.push(arguments);}",
    '{"@context": "https://schema.org", "@type": "NewsArticle"}',
    ".article-body p { margin: 0 auto; }",
])
def test_clean_text_drops_markup_residue_lines(line: str) -> None:
    assert clean_text(around(line)) == f"{LEAD}\n\n{SECOND}"


@pytest.mark.parametrize("line", [
    "Image Source: Reuters",
    "Photo: AP",
    "(Photo by Jane Roe/Getty Images)",
    "File photo",
    "Credit: Shutterstock",
    "Photograph: John Smith/EPA",
    # captions with their agency glued on, and AP's file-photo captions
    "Reuters Border guards patrol the river near the crossing on Monday",
    "Soldiers stand guard at the border post in the north on Friday.AFP",
    "FILE - In this May 2, 2019 file photo, the minister speaks to reporters in the capital.",
    # a caption ending in its photographer's credit, a handout's agency before it
    "Mourners lay flowers in the main square on Sunday ©Jane Roe (AFP)",
    "Handout - Getty Four fighter jets drop bombs on a firing range near the border",
    "Matrix A gunman drove a truck into the crowd watching the fireworks display",
    "A police officer stands near the van on Friday. | Photo Credit: Jane Roe",
    "The leader looks on during a visit to a factory in this undated photo released by the "
    "state news agency.",
    # a wire caption paragraph: the date before "file photo", the credit at its end
    "In this Monday, March 4, 2019 file photo, the minister leaves the court in the "
    "capital. The court extended his detention by eight days. (Jane Roe, File/Associated "
    "Press)",
    "The minister leaves the court in the capital on Monday. (AP Photo/Jane Roe, File)",
    "The minister speaks to reporters in the capital, March 4, 2019. REUTERS/Jane Roe",
    "Getty - Contributor The minister leaves the court in the capital",
    "Image copyright EPA Image caption Police have arrested the driver",
])
def test_clean_text_drops_image_credit_lines(line: str) -> None:
    assert clean_text(around(line)) == f"{LEAD}\n\n{SECOND}"


@pytest.mark.parametrize("line", [
    "Korean Peninsula Coverage:",
    "Related Articles",
    "Advertisement",
    "Most Read",
    "Tags: diplomacy, borders, trade",
    "Home > World > Asia",
    "More on this story:",
])
def test_clean_text_drops_section_labels(line: str) -> None:
    assert clean_text(around(line)) == f"{LEAD}\n\n{SECOND}"


@pytest.mark.parametrize("line", [
    "Share this article",
    "Follow us on Twitter",
    "Sign up for our morning newsletter",
    "Facebook Twitter WhatsApp Email",
    "We use cookies to improve your experience on our website.",
    "Read more: Border talks stall again",
    "Click here to watch the full interview.",
    "© 2021 Example Media Group",
    "Copyright 2020 Example News. All rights reserved.",
    "By Jane Roe and John Smith",
    "Reporting by Jane Roe; Editing by John Smith",
    "The Associated Press contributed to this report.",
    "Facebook Twitter Pinterest Soldiers stand guard at the border post",
    "Updated: July 8, 2020 10:33 AM",
    "* * *",
])
def test_clean_text_drops_share_cookie_link_copyright_and_byline_lines(line: str) -> None:
    assert clean_text(around(line)) == f"{LEAD}\n\n{SECOND}"


@pytest.mark.parametrize("line", [
    "Share prices fell sharply in Seoul.",
    "By contrast, the ministry said it would wait.",
    "Follow-up talks are planned for May.",
    "He said:",
    "The statement read:",
    "Talks collapse",
    "No.",
    "Registered voters queued for hours.",
    "Reuters reported that the talks had stalled.",
    "Like us, the farmers want the river shared fairly.",
    "In this case, the court ruled that the image of the president was no insult.",
    "In this March, the ministry published photos of the damage.",
    "The ministry cited figures from Reuters/Ipsos polling.",
    "The photographer's image caption contest drew forty entries.",
])
def test_clean_text_keeps_prose_that_resembles_furniture(line: str) -> None:
    assert clean_text(around(line)) == f"{LEAD}\n\n{line}\n\n{SECOND}"


def test_clean_text_keeps_a_title_case_headline_at_the_top() -> None:
    text = f"Border Crossing Reopens\n\n{LEAD}"
    assert clean_text(text) == f"Border Crossing Reopens\n\n{LEAD}"


def test_clean_text_drops_a_multi_line_script_block() -> None:
    script = ("<script>\nwindow.dataLayer = window.dataLayer || [];\n"
              "function gtag(){dataLayer.push(arguments);}\ngtag('js', new Date());\n</script>")
    assert clean_text(f"{script}\n{LEAD}") == LEAD


def test_clean_text_drops_a_credit_line_glued_to_prose() -> None:
    assert clean_text(f"{LEAD}\nImage Source: Reuters") == LEAD


def test_furniture_file_rows_have_known_kinds_and_valid_regexes() -> None:
    rows = load_table(package_path("furniture.csv"), required=("kind", "pattern"))
    assert rows
    assert {row["kind"] for row in rows} <= set(extract.KINDS)
    assert extract._furniture()  # compiles every pattern or raises DataFileError


# --------------------------------------------------------------------------- normalising


def test_clean_text_separates_paragraphs_with_one_blank_line() -> None:
    assert clean_text(f"\n\n{LEAD}\n\n\n\n{SECOND}\n\n") == f"{LEAD}\n\n{SECOND}"


def test_clean_text_treats_each_line_ending_a_sentence_as_a_paragraph() -> None:
    assert clean_text(f"{LEAD}\n{SECOND}") == f"{LEAD}\n\n{SECOND}"


def test_clean_text_collapses_spaces_inside_a_paragraph() -> None:
    assert clean_text("The  talks\tended\u00a0on   Friday. ") == "The talks ended on Friday."


def test_clean_text_removes_bom_and_zero_width_characters() -> None:
    assert clean_text("\ufeffThe ta\u200blks ended on Fri\u00adday.") == \
        "The talks ended on Friday."


def test_clean_text_normalises_to_nfc() -> None:
    assert clean_text("The Cafe\u0301 owners protested on Monday.") == \
        "The Caf\u00e9 owners protested on Monday."


def test_clean_text_normalises_windows_and_old_mac_newlines() -> None:
    assert clean_text(f"{LEAD}\r\n\r\n{SECOND}\r") == f"{LEAD}\n\n{SECOND}"


def test_clean_text_joins_hard_wrapped_lines() -> None:
    wrapped = ("The two governments agreed on Monday to reopen the\n"
               "border crossing after three weeks of talks in the\n"
               "capital, officials from both sides told reporters\n"
               "late on Monday evening after the final session.")
    assert clean_text(wrapped) == " ".join(wrapped.split("\n"))


def test_clean_text_joins_a_line_that_continues_in_lowercase() -> None:
    assert clean_text("The ministers met in\nthe capital on Monday.") == \
        "The ministers met in the capital on Monday."


def test_clean_text_returns_empty_string_for_furniture_only() -> None:
    assert clean_text("Advertisement\n\nImage Source: Reuters\n") == ""


# --------------------------------------------------------------------------- decoding


def test_decode_bytes_strips_a_utf8_bom() -> None:
    assert decode_bytes("\ufeffSeoul talks".encode()) == "Seoul talks"


def test_decode_bytes_reads_utf16_with_a_bom() -> None:
    assert decode_bytes("Seoul talks".encode("utf-16")) == "Seoul talks"


def test_decode_bytes_falls_back_to_cp1252() -> None:
    assert decode_bytes("Caf\u00e9 \u201cquoted\u201d".encode("cp1252")) == \
        "Caf\u00e9 \u201cquoted\u201d"


def test_decode_bytes_prefers_the_declared_charset() -> None:
    assert decode_bytes("\u0416".encode("koi8-r"), "koi8-r") == "\u0416"


def test_decode_bytes_ignores_an_unknown_declared_charset() -> None:
    assert decode_bytes(b"plain", "no-such-codec") == "plain"


@pytest.mark.parametrize(("value", "expected"), [
    ("2020-07-08", date(2020, 7, 8)),
    ("2020-07-08 10:33:00", date(2020, 7, 8)),
    ("2020-07-08T10:33:00Z", date(2020, 7, 8)),
    ("2020-07-08T10:33:00.123+09:00", date(2020, 7, 8)),
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_parse_date_reads_iso_dates(value: str | None, expected: date | None) -> None:
    assert parse_date(value) == expected


# --------------------------------------------------------------------------- HTML


def test_extract_html_returns_the_article_paragraphs() -> None:
    found = extract_html(PAGE, "page.html")
    assert "signed a treaty on Thursday" in found["text"]
    assert found["text"].rstrip().endswith("the treaty have worked.")
    assert "\n\n" in found["text"]


def test_extract_html_leaves_out_nav_footer_and_script() -> None:
    text = extract_html(PAGE, "page.html")["text"]
    for furniture in ("World news desk", "dataLayer", "All rights reserved", "newsletter"):
        assert furniture not in text


def test_extract_html_reads_page_metadata() -> None:
    found = extract_html(PAGE, "page.html")
    assert found["title"] == "Ministers agree on river treaty"
    assert found["date"] == date(2021, 3, 4)
    assert found["author"] == "Maria Olsen"
    assert found["source"] == "The Valley Courier"
    assert found["language"] == "en"
    assert found["url"] == "https://courier.example.org/world/river-treaty"


def test_extract_html_decodes_bytes_by_meta_charset() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Kessel", "K\u00f6ssel")
    assert "K\u00f6ssel" in extract_html(page.encode("cp1252"), "page.html")["text"]


def test_extract_html_falls_back_to_paragraphs_when_trafilatura_finds_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    found = extract_html(PAGE, "page.html")
    assert "The foreign ministers of Arandia and Belmoria signed a treaty on Thursday that " \
        "sets new rules" in found["text"]
    assert "All rights reserved" not in found["text"]
    assert found["date"] == date(2021, 3, 4)


def test_extract_html_raises_extraction_error_for_a_page_without_text() -> None:
    page = "<html><body><nav><a href='/'>Home</a></nav><div></div></body></html>"
    with pytest.raises(ExtractionError, match="no article text found in the page"):
        extract_html(page, "empty.html")


def test_extract_html_error_names_the_origin_and_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        extract_html("", "blank.html")
    assert caught.value.source == "blank.html"


def test_extract_html_translates_parser_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("bad tree")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with pytest.raises(ExtractionError, match="could not be parsed"):
        extract_html(PAGE, "page.html")


def test_clean_text_drops_headlines_listed_under_a_related_label() -> None:
    text = f"{LEAD}\n\nRelated Coverage\n\nRebels seize northern town\n\nTalks resume in Oslo\n\n" \
           f"{SECOND}"
    assert clean_text(text) == f"{LEAD}\n\n{SECOND}"


def test_clean_text_keeps_an_unpunctuated_subheading_after_a_photo_credit() -> None:
    text = f"{LEAD}\n\nPhoto: AP\n\nWhat happens next\n\n{SECOND}"
    assert clean_text(text) == f"{LEAD}\n\nWhat happens next\n\n{SECOND}"


def test_clean_text_drops_short_unpunctuated_lines_after_the_last_sentence() -> None:
    assert clean_text(f"{LEAD}\n\nRebels seize northern town\n\nsports scores") == LEAD


def test_clean_text_keeps_a_long_cut_off_last_paragraph() -> None:
    cut = ("Officials from both countries are expected to meet again in June to review how "
           "the first months of the agreement have worked and whether")
    assert clean_text(f"{LEAD}\n\n{cut}") == f"{LEAD}\n\n{cut}"


# --------------------------------------------------------------------------- hostile pages


def test_extract_html_refuses_markup_nested_100000_deep() -> None:
    with pytest.raises(ExtractionError, match="nested over 200 levels deep"):
        extract_html(nested_tags(100_000), "deep.html")


def test_extract_html_refuses_a_page_of_too_many_elements() -> None:
    with pytest.raises(ExtractionError, match="over 50,000 elements"):
        extract_html(nested_tags(100_000, "p"), "flat.html")


def test_extract_html_drops_control_characters() -> None:
    page = PAGE.replace("Seren river", "Seren\x00 river\x01").encode()
    assert "water of the Seren river, ending" in extract_html(page, "p.html")["text"]


def test_extract_html_keeps_headings_and_list_items_of_the_article() -> None:
    page = PAGE.replace("<p>Officials from both", "<h2>What comes next</h2><ul><li>A review "
                        "in June of the first months</li></ul><p>Officials from both")
    text = extract_html(page, "p.html")["text"]
    assert "What comes next" in text.split("\n\n")
    assert "A review in June of the first months" in text


def test_extract_html_falls_back_to_readability(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    monkeypatch.setattr(extract, "_paragraph_text", lambda tree: "")
    text = extract_html(PAGE, "page.html")["text"]
    assert "The foreign ministers of Arandia and Belmoria signed a treaty on Thursday that " \
        "sets new rules" in text  # one paragraph: the source's line wraps undone
    assert "Subscribe" not in text


def test_extract_html_prefers_the_http_charset_to_the_meta_one() -> None:
    page = PAGE.replace("Kessel", "K\u00f6ssel").encode("cp1252")  # meta still says utf-8
    assert "K\u00f6ssel" in extract_html(page, "p.html", charset="windows-1252")["text"]


def test_extract_html_reads_the_xml_declaration_encoding() -> None:
    page = ('<?xml version="1.0" encoding="iso-8859-1"?>\n' +
            PAGE.replace('<meta charset="utf-8">', "").replace("Kessel", "K\u00f6ssel"))
    assert "K\u00f6ssel" in extract_html(page.encode("latin-1"), "p.xhtml")["text"]


def test_clean_extracted_keeps_short_lines_and_drops_furniture() -> None:
    raw = "Ingredients\nTwo pears\nPhoto: AP\nShare on Facebook\n" + LEAD
    assert clean_extracted(raw) == f"Ingredients\n\nTwo pears\n\n{LEAD}"


def test_html_fragment_text_reads_blocks_as_paragraphs() -> None:
    fragment = ("<p>Envoys <b>met</b>\nin Kessel.</p><ul><li><p>Talks</p></li></ul>"
                "<script>x</script>")
    assert html_fragment_text(fragment) == "Envoys met in Kessel.\n\nTalks"


@pytest.mark.parametrize(("codec", "expected"), [("utf-16-le", "utf-16-le"),
                                                 ("utf-16-be", "utf-16-be"), ("utf-8", None)])
def test_utf16_without_bom_is_recognised(codec: str, expected: str | None) -> None:
    assert utf16_without_bom(LEAD.encode(codec)) == expected


@pytest.mark.parametrize(("pattern", "anchored"), [
    ("^Related", True),
    ("^(Read|See) more", True),
    ("^[|] x", True),
    (r"^\| x", True),
    ("^[^]|] x", True),
    ("^Photo|Credit", False),  # "Credit" may be found anywhere
    ("Credit$", False),
])
def test_furniture_pattern_tried_at_start_only_when_wholly_anchored(pattern, anchored):
    assert extract._anchored(pattern) is anchored
