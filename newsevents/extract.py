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
import logging
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any, TypedDict
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from .datafiles import Row, load_table, package_path
from .datelines import LOWER_DATELINE_PLACE
from .errors import ExtractionError

FURNITURE_FILE = "furniture.csv"
DROP_KINDS = ("credit", "social", "cookie", "link", "copyright", "label", "byline", "stamp")
KINDS = ("markup", "prose", *DROP_KINDS)

log = logging.getLogger(__name__)

MIN_EXTRACTED_CHARS = 100  # below this, trafilatura's answer is topped up by the fallback
MAX_DEPTH = 200  # real pages nest a few dozen levels; libxml2 gives up at 256
MAX_ELEMENTS = 50_000  # real pages have a few thousand; trafilatura slows badly past this
MAX_FURNITURE_WORDS = 80  # a longer paragraph is prose whatever it starts with
MAX_LABEL_WORDS = 5  # a Title Case line this short without punctuation is a label
MAX_COLON_LABEL_WORDS = 8
# Alone on its line before its colon it is a dateline, not a label (labels are title case:
# "Korean Peninsula Coverage:").
_LOWER_DATELINE = re.compile(LOWER_DATELINE_PLACE + ":")
MAX_LINK_WORDS = 15  # a listed headline; a longer unpunctuated paragraph is cut-off prose

# Words that stay lowercase in Title Case headings ("Crisis in the Gulf").
_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to vs vs. with".split()
)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")
# Unicode's control characters (category Cc) but tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_LETTER = re.compile(r"[^\W\d_]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_C0_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td")
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
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = ["" if _matches("markup", line) else line for line in lines]
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
            if _matches(kind, paragraph):
                return kind
    if not _LETTER.search(paragraph):
        return "markup"
    if _SENTENCE_END.search(paragraph):
        return None
    if _LOWER_DATELINE.fullmatch(paragraph):
        return None  # "lucknow:": the lower-case dateline of South Asian wire copy
    if paragraph.endswith(":") and len(words) <= MAX_COLON_LABEL_WORDS:
        return None if _matches("prose", paragraph) else "label"
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


def _matches(kind: str, text: str) -> bool:
    """Whether any furniture pattern of ``kind`` is found in ``text``."""
    at_start, anywhere = _patterns(kind)
    return at_start.match(text) is not None or anywhere.search(text) is not None


@cache
def _patterns(kind: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of ``kind`` as two alternations: those anchored at the start, tried at
    the start only, and the others, searched for. One alternation is tried once a line,
    not once a pattern (every line of every article goes through here); searched for, an
    alternation that holds anchored patterns would try each of them at every character."""
    patterns = [p for k, p in _furniture() if k == kind]
    anchored = [p for p in patterns if _anchored(p.pattern)]
    loose = [p for p in patterns if not _anchored(p.pattern)]
    return _alternation(anchored), _alternation(loose)


def _alternation(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)


def _anchored(pattern: str) -> bool:
    """Whether ``pattern`` can match at the start of the text only: it opens with ``^`` and
    has no alternative outside parentheses ("^a|b" matches "b" anywhere)."""
    if not pattern.startswith("^"):
        return False
    depth, i, in_class = 0, 1, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 if pattern[i + 1:i + 2] == "^" else 0
            if pattern[i + 1:i + 2] == "]":  # "[]...]", "[^]...]": a leading ] is a member
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        i += 1
    return True


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

    Order: a byte-order mark (or the NUL pattern of UTF-16 saved without one), then
    ``declared`` (e.g. an HTML meta charset), then UTF-8, then cp1252 (which also reads
    Latin-1 text), then Latin-1, which accepts any byte.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    candidates = [declared] if declared else []
    for codec in [*candidates, "utf-8", "cp1252"]:
        if codec.lower().replace("_", "-") in ("iso-8859-1", "latin-1", "ascii", "us-ascii"):
            codec = "cp1252"  # what browsers do with these labels
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` reads as mostly-ASCII UTF-16 saved
    without a byte-order mark (a NUL byte beside every letter), else None."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 0.6 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


# --------------------------------------------------------------------------- HTML


def extract_html(html: str | bytes, origin: str, *, url: str | None = None,
                 charset: str | None = None) -> Extraction:
    """Extract the article text and metadata from one HTML page.

    Bytes are decoded by their byte-order mark, else ``charset`` (the HTTP header's),
    else the page's own ``<meta charset>`` or XML declaration, else UTF-8, else cp1252.
    trafilatura does the work (precision-leaning, tables kept, no comments, date from
    htmldate); when it finds fewer than ~100 characters, the longest of trafilatura's
    recall-leaning pass, readability's article and the page's ``<p>`` text is used
    instead. Paragraphs that are page furniture (share lines, photo credits, ...) are
    dropped, headings and list items kept. ``url`` is the page's address, if known.

    Raises ExtractionError naming ``origin`` when the page holds no article text, or is
    built to stall a parser (markup nested hundreds of levels deep, or hundreds of
    thousands of elements).
    """
    if isinstance(html, bytes):
        html = decode_bytes(html, charset or _declared_charset(html[:4096]))
    # lxml refuses strings with NUL and other C0 controls; browsers drop them too.
    html = html.translate(_C0_CONTROLS)
    if url is None and origin.startswith(("http://", "https://")):
        url = origin
    # Imported on first use: it takes a fifth of a second, and most importers of
    # ``read`` (the dashboard, the store's readers, beats' alerts) never extract a page.
    import trafilatura

    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise ExtractionError(origin, "the file is not an HTML page")
        _check_tree(tree, origin)
        found_doc = trafilatura.bare_extraction(
            copy.deepcopy(tree), url=url, with_metadata=True, include_comments=False,
            favor_precision=True, output_format="python",
        )
    except (ValueError, TypeError, LookupError, RecursionError, etree.LxmlError) as exc:
        raise ExtractionError(origin, f"the page could not be parsed: {exc}") from exc
    meta: dict[str, Any] = {}
    if found_doc is not None:
        meta = found_doc if isinstance(found_doc, dict) else found_doc.as_dict()
    text = clean_extracted(meta.get("text") or "")
    if len(text) < MIN_EXTRACTED_CHARS:
        text = max((text, *_fallback_texts(tree, html, url)), key=len)
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


def clean_extracted(raw: str) -> str:
    """Clean text an HTML extractor returned, one paragraph a line.

    Characters are normalised as in :func:`clean_text` and furniture paragraphs
    (furniture.csv) are dropped; the structural label and link-list rules of
    ``clean_text`` are not applied, because the extractor has already cut the page down
    to the article and its headings and list items are part of it.
    """
    text = unicodedata.normalize("NFC", raw).translate(_ZERO_WIDTH)
    kept = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _CONTROL.sub("", line)
        paragraph = _SPACES.sub(" ", line).strip()
        if not paragraph:
            continue
        if len(paragraph.split()) <= MAX_FURNITURE_WORDS and any(
                _matches(kind, paragraph) for kind in DROP_KINDS):
            continue
        kept.append(paragraph)
    return "\n\n".join(kept)


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one block a paragraph."""
    if "<" not in fragment:
        return clean_text(fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment.replace("\x00", ""), create_parent="div")
    except (ValueError, etree.LxmlError):
        return ""
    etree.strip_elements(root, *_SKIP_TAGS, with_tail=False)
    return _blocks_text(root) or clean_text(root.text_content())


def _declared_charset(head: bytes) -> str | None:
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii") if found else None


def _check_tree(tree: HtmlElement, origin: str) -> None:
    """Refuse a tree built to stall the extractor. libxml2 stops parsing at 256 levels,
    so a tree that reaches ``MAX_DEPTH`` was cut short and would lose the article."""
    count = 0
    stack = [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        if depth >= MAX_DEPTH:
            raise ExtractionError(origin, f"markup nested over {MAX_DEPTH} levels deep; "
                                          f"the page is broken or built to stall parsers")
        if count > MAX_ELEMENTS:
            raise ExtractionError(origin, f"over {MAX_ELEMENTS:,} elements in one page; "
                                          f"the page is broken or built to stall parsers")
        stack.extend((child, depth + 1) for child in element)


def _fallback_texts(tree: HtmlElement, html: str, url: str | None) -> list[str]:
    """Other readings of a page trafilatura found (almost) nothing in."""
    import trafilatura  # loaded by extract_html already

    texts = []
    try:
        recall = trafilatura.extract(copy.deepcopy(tree), url=url, include_comments=False,
                                     favor_recall=True)
        texts.append(clean_extracted(recall or ""))
    except (ValueError, TypeError, LookupError, RecursionError, etree.LxmlError):
        pass  # the next reading may still work
    texts.append(_readability_text(html))
    texts.append(clean_text(_paragraph_text(tree)))
    return texts


def _readability_text(html: str) -> str:
    """The article readability-lxml finds (its Arc90 scoring), one block a paragraph."""
    try:
        from readability import Document as Readable
        summary = Readable(html).summary(html_partial=True)
        if not summary.strip():
            return ""
        article = lxml_html.fromstring(summary)
    except ImportError:
        return ""
    except Exception as exc:  # readability raises bare Exceptions on odd pages
        log.debug("readability failed: %s", exc)
        return ""
    return _blocks_text(article)


def _blocks_text(root: HtmlElement) -> str:
    """One paragraph a block element (innermost blocks only: an ``<li>`` holding a
    ``<p>`` would repeat its text), line wraps of the source undone; "" if none."""
    blocks = (" ".join(el.text_content().split()) for el in root.iter(*_BLOCK_TAGS)
              if next(el.iterdescendants(*_BLOCK_TAGS), None) is None)
    return clean_extracted("\n".join(b for b in blocks if b))


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
