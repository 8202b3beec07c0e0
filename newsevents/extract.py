"""Article extraction: one raw input (scraped text or an HTML page) in, clean text out.

Reads: the raw text or HTML bytes that ``read`` hands over; no file I/O happens here.
Fills: the values ``read`` puts on a :class:`~newsevents.models.Document` — ``text``
(always through :func:`clean_text`) and, for pages, ``title``, ``date``, ``author``,
``source``, ``language`` and ``url``.

Page furniture (tag residue, photo credits, share prompts, section labels, ...) is
listed as regexes in ``newsevents/data/furniture.csv``; the rules that apply them —
which kinds drop a line, and the structural rules for labels — are here.
"""

from __future__ import annotations

import codecs
import copy
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any, TypedDict
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from .datafiles import Row, load_table, package_path
from .errors import ExtractionError

FURNITURE_FILE = "furniture.csv"
DROP_KINDS = ("credit", "social", "cookie", "link", "copyright", "label", "byline", "stamp")
KINDS = ("markup", "prose", *DROP_KINDS)

MIN_EXTRACTED_CHARS = 100  # below this, trafilatura's answer is topped up by the fallback
MAX_FURNITURE_WORDS = 80  # a longer paragraph is prose whatever it starts with
MAX_LABEL_WORDS = 5  # a Title Case line this short without punctuation is a label
MAX_COLON_LABEL_WORDS = 8
MAX_LINK_WORDS = 15  # a listed headline; a longer unpunctuated paragraph is cut-off prose

# Words that stay lowercase in Title Case headings ("Crisis in the Gulf").
_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to vs vs. with".split()
)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_LETTER = re.compile(r"[^\W\d_]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Extraction(TypedDict):
    """What :func:`extract_html` found on a page."""

    text: str
    title: str | None
    date: date | None
    author: str | None
    source: str | None
    language: str | None
    url: str | None


# --------------------------------------------------------------------------- text


def clean_text(raw: str) -> str:
    """Normalise scraped text and drop page-furniture lines.

    Characters: NFC, no BOM/zero-width/soft hyphens, one space for any run of blanks.
    Structure: paragraphs are separated by blank lines or by a line break after a
    sentence end; hard-wrapped lines are joined. Furniture (see furniture.csv) is
    dropped, and so are short paragraphs without sentence punctuation that read as
    labels: no letters at all, ending in ':' ("Korean Peninsula Coverage:"), or a
    Title Case line of at most five words ("Related Articles") unless it opens the text,
    where it is taken for a headline. Short unpunctuated paragraphs right after a dropped
    label (the headlines listed under "Related Coverage") and at the end of the text are
    dropped too. Bylines are dropped. Paragraphs ending in sentence punctuation are
    never dropped by the structural rules.

    Returns the paragraphs joined with a blank line, or "" if none is left.
    """
    text = unicodedata.normalize("NFC", raw).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\f", "\n").replace("\v", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    markup = _patterns("markup")
    lines = ["" if _matches(markup, line) else line for line in lines]
    kept: list[str] = []
    in_list = False  # after a dropped label such as "Related Coverage" or "Most Read"
    for paragraph in _paragraphs(lines):
        kind = _furniture_kind(paragraph, first=not kept)
        if kind:
            # Labels above the headline (breadcrumbs) open no list.
            in_list = bool(kept) and kind == "label"
        elif in_list and _is_link_like(paragraph):
            continue  # the headlines of other articles listed under the label
        else:
            in_list = False
            kept.append(paragraph)
    # Short lines after the last sentence are leftovers: link lists, captions, tags.
    while len(kept) > 1 and _is_link_like(kept[-1]):
        kept.pop()
    return "\n\n".join(kept)


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """Group lines into paragraphs: blank lines split, soft line wraps join."""
    filled = [len(line) for line in lines if line]
    longest = max(filled, default=0)
    # Text wrapped at a fixed width (e-mail, wire copy): most lines come close to the
    # width. One line per paragraph gives lines of any length.
    near = sum(1 for n in filled if n >= 0.75 * longest)
    hard_wrapped = longest <= 120 and len(filled) >= 4 and near >= 0.5 * len(filled)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and not _continues(current[-1], line, hard_wrapped, longest):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _continues(previous: str, line: str, hard_wrapped: bool, width: int) -> bool:
    if _SENTENCE_END.search(previous):
        return False
    if line[0].islower():
        return True
    # A wrapped line fills most of the width; a short one is a heading or a label.
    return hard_wrapped and len(previous) >= 0.6 * width


def _furniture_kind(paragraph: str, first: bool) -> str | None:
    """The furniture kind of a paragraph (structural labels are "label"), or None."""
    words = paragraph.split()
    if len(words) <= MAX_FURNITURE_WORDS:
        for kind in DROP_KINDS:
            if _matches(_patterns(kind), paragraph):
                return kind
    if not _LETTER.search(paragraph):
        return "markup"
    if _SENTENCE_END.search(paragraph):
        return None
    if paragraph.endswith(":") and len(words) <= MAX_COLON_LABEL_WORDS:
        return None if _matches(_patterns("prose"), paragraph) else "label"
    if not first and len(words) <= MAX_LABEL_WORDS and _is_title_case(words):
        return "label"
    return None


def _is_link_like(paragraph: str) -> bool:
    """A short paragraph with no sentence end: a link, list item or caption."""
    return (len(paragraph.split()) <= MAX_LINK_WORDS
            and not _SENTENCE_END.search(paragraph))


def _is_title_case(words: Sequence[str]) -> bool:
    for word in words:
        letters = _LETTER.search(word)
        if letters is None or word[0].isdigit():
            continue
        if letters.group().islower() and word.lower() not in _FUNCTION_WORDS:
            return False
    return True


def _matches(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


@cache
def _patterns(kind: str) -> tuple[re.Pattern[str], ...]:
    return tuple(p for k, p in _furniture() if k == kind)


@cache
def _furniture() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The furniture table, each regex compiled and checked once per process."""
    compiled: list[tuple[str, re.Pattern[str]]] = []

    def check(row: Row) -> str | None:
        if row["kind"] not in KINDS:
            return f"unknown kind {row['kind']!r}; use one of {', '.join(KINDS)}"
        flags = 0 if row["kind"] == "prose" else re.IGNORECASE
        try:
            compiled.append((row["kind"], re.compile(row["pattern"], flags)))
        except re.error as exc:
            return f"bad regex {row['pattern']!r}: {exc}"
        return None

    load_table(package_path(FURNITURE_FILE), required=("kind", "pattern"), check=check)
    return tuple(compiled)


# --------------------------------------------------------------------------- bytes


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text of unknown encoding without failing.

    Order: a byte-order mark, then ``declared`` (e.g. an HTML meta charset), then UTF-8,
    then cp1252 (which also reads Latin-1 text), then Latin-1, which accepts any byte.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    candidates = [declared] if declared else []
    for codec in [*candidates, "utf-8", "cp1252"]:
        if codec.lower().replace("_", "-") in ("iso-8859-1", "latin-1", "ascii", "us-ascii"):
            codec = "cp1252"  # what browsers do with these labels
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


# --------------------------------------------------------------------------- HTML


def extract_html(html: str | bytes, origin: str) -> Extraction:
    """Extract the article text and metadata from one HTML page.

    trafilatura does the work (precision-leaning, no comments, date from htmldate);
    if it finds fewer than ~100 characters, the ``<p>`` text of the page's
    ``<article>``/``<main>``/``<body>`` is used instead when it is longer. The text
    goes through :func:`clean_text`.

    Raises ExtractionError naming ``origin`` when the page holds no article text.
    """
    if isinstance(html, bytes):
        found = _META_CHARSET.search(html[:4096])
        html = decode_bytes(html, found.group(1).decode("ascii") if found else None)
    url = origin if origin.startswith(("http://", "https://")) else None
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise ExtractionError(origin, "the file is not an HTML page")
        found_doc = trafilatura.bare_extraction(
            copy.deepcopy(tree), url=url, with_metadata=True, include_comments=False,
            favor_precision=True, include_tables=False, output_format="python",
        )
    except (ValueError, TypeError, LookupError, etree.LxmlError) as exc:
        raise ExtractionError(origin, f"the page could not be parsed: {exc}") from exc
    meta: dict[str, Any] = {}
    if found_doc is not None:
        meta = found_doc if isinstance(found_doc, dict) else found_doc.as_dict()
    text = clean_text(meta.get("text") or "")
    if len(text) < MIN_EXTRACTED_CHARS:
        fallback = clean_text(_paragraph_text(tree))
        if len(fallback) > len(text):
            text = fallback
    if not text:
        raise ExtractionError(origin, "no article text found in the page")
    page = _page_metadata(tree)
    canonical = meta.get("url") or page["url"] or url
    return Extraction(
        text=text,
        title=_one_line(meta.get("title") or page["title"]),
        date=parse_date(meta.get("date")) or parse_date(page["date"]),
        author=_one_line(meta.get("author") or page["author"]),
        source=_one_line(meta.get("sitename") or page["source"] or meta.get("hostname")
                         or (urlsplit(canonical).hostname if canonical else None)),
        language=meta.get("language") or page["language"],
        url=canonical,
    )


_SKIP_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form",
              "template", "svg", "iframe", "button", "figcaption")


def _paragraph_text(tree: HtmlElement) -> str:
    """The text of the ``<p>`` elements in the main part of a page, one per paragraph."""
    tree = copy.deepcopy(tree)
    etree.strip_elements(tree, *_SKIP_TAGS, with_tail=False)
    for xpath in ("//article", "//main", "//*[@role='main']", "//body"):
        scopes = tree.xpath(xpath)
        paragraphs = [p.text_content() for scope in scopes for p in scope.iter("p")]
        paragraphs = [p.strip() for p in paragraphs if p and p.strip()]
        if paragraphs:
            return "\n\n".join(paragraphs)
    return ""


def _page_metadata(tree: HtmlElement) -> dict[str, str | None]:
    """Metadata read straight from the page's head, to fill trafilatura's gaps."""

    def first(*xpaths: str) -> str | None:
        for xpath in xpaths:
            for value in tree.xpath(xpath):
                if str(value).strip():
                    return str(value).strip()
        return None

    lang = first("/html/@lang", "//meta[@http-equiv='content-language']/@content")
    return {
        "title": first("//meta[@property='og:title']/@content", "//title/text()",
                       "//h1//text()"),
        "url": first("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"),
        "date": first("//meta[@property='article:published_time']/@content",
                      "//meta[@name='date']/@content", "//time/@datetime"),
        "author": first("//meta[@name='author']/@content"),
        "source": first("//meta[@property='og:site_name']/@content"),
        "language": lang.split("-")[0].split("_")[0].lower() if lang else None,
    }


def parse_date(value: Any) -> date | None:
    """A date from metadata: ``2020-07-08``, ``2020-07-08 10:33:00``, ISO with T/Z, or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _one_line(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return _SPACES.sub(" ", value.replace("\n", " ")).strip() or None
