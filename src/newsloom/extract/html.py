"""HTML pages -> Article: a measured cascade over trafilatura's modes, then a paragraph filter.

1. trafilatura in balanced mode (fast: no external fallbacks), comments off; when that body
   holds under half of the page's <p> text, readability-lxml's body replaces it if it contains
   it and is much longer (the pass sometimes stops after the first sections);
2. when that body is a stub (< ``STUB_BODY`` chars) on a page with much more paragraph text,
   trafilatura's full algorithm (its own readability/jusText comparison) gets a say; a short
   body (under ``SHORT_BODY``) on a page whose <p> text is much longer, or mostly not in <p>
   (forum posts, event pages in <div>s), takes that algorithm's body when it extends it and adds
   no excerpt cut with an ellipsis (a feed of other posts' teasers);
3. a paragraph filter drops the repeated headline and lines the boilerplate vocabulary flags,
   then the sign-up boxes, the run of the page's own links (related articles) and the headings
   with nothing under them closing the body.
Balanced mode replaced precision mode as the first pass (issue 13, sixth session): precision mode
drops the article's lead when it sits in a <header>, subheadings and closing lines, which
annotators count as text; what balanced mode adds after the article is mostly links, which the
link rule takes out. Each rule was measured on the extraction benchmark (``benchmarks/extraction.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import trafilatura
from lxml.html import HtmlElement, fromstring
from trafilatura.utils import load_html

from ..model import Article
from .boilerplate import OutletMemory, domain_of, learned_lines
from .boxes import box_lines
from .classify import DROPPED, Kind, Line, classify_lines
from .lexicon import guess_language
from .links import PageLinks, drop_teasers, drop_trailing_links
from .metadata import html_metadata, json_ld_body
from .paragraphs import build_article_text, visible_text
from .verdict import TITLE_SPLIT, no_article_reason

# A body at least this long holding under TRUNCATED_SHARE of the page's <p> text may be cut short.
SHORT_BODY = 1500
# Filtered lines are dropped only while the article keeps this share of its text, so a page
# the vocabulary misreads cannot be emptied by the filter.
MIN_KEPT_SHARE = 0.6
# A body holding less than this share of the page's <p> text may be cut short: a
# readability body that CONTAINED it and is LONGER times longer is the whole article.
TRUNCATED_SHARE = 0.5
CONTAINED = 0.9
LONGER = 1.5
# A body shorter than this (a paragraph or two) on a page with much more paragraph text is a
# stub: trafilatura's full algorithm is asked too, and its body, when it holds at least
# MIN_RESCUED_CHARS, wins. (A longer body with the page's other text elsewhere is more often a
# whole short post above a feed of other posts.)
STUB_BODY = 600
MIN_RESCUED_CHARS = 400
# A title naming a policy page is a few words ("Site privacy policy", "Terms of use").
PAGE_NAME_WORDS = 3
# Above this size (characters of HTML) every extra tree pass costs seconds: the cascade stops at
# the first pass, and slow metadata heuristics are skipped.
LARGE_PAGE = 2_000_000
# A sign-up box's pitch is one short sentence ("The week's news, every Friday morning.").
BOX_PITCH_WORDS = 30
# A body with no prose line whose lines average fewer words than this is a menu, not an article.
MENU_WORDS_PER_LINE = 4
# Non-sentence lines of at most this many words before the first sentence are labels.
LABEL_WORDS = 2
# A body of at least this many lines does not end on a heading of the page.
MIN_HEADED_LINES = 3


def _run(tree: HtmlElement, url: str | None, **options: bool) -> str:
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=False, **options)
    return (doc.text or "") if doc is not None else ""


_TOKEN = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return {tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))} if tokens else set()


def _paragraph_chars(tree: HtmlElement) -> int:
    return sum(len(p.text_content()) for p in tree.iter("p"))


def _readability_paragraphs(html: str) -> list[str]:
    """readability-lxml's article, one string per block (paragraph, list item, heading, quote)."""
    from readability import Document

    try:
        root = fromstring(Document(html).summary(html_partial=True))
    except Exception:  # readability raises bare Exceptions on odd pages; then it has no opinion
        return []
    out = []
    for el in root.iter("p", "li", "h2", "h3", "h4", "blockquote", "pre"):
        parent = el.getparent()
        nested = parent is not None and parent.tag in ("li", "blockquote")
        wrapper = el.tag in ("li", "blockquote") and el.find(".//p") is not None
        if nested or wrapper:
            continue  # each paragraph is read once, from its innermost block
        text = " ".join(el.text_content().split())
        if text:
            out.append(text)
    return out


def _extends(fuller: str, short: str) -> bool:
    """Whether ``fuller`` holds nearly all of ``short`` and much more (the rest of the article)."""
    a, b = _shingles(fuller), _shingles(short)
    return bool(b) and len(a & b) >= CONTAINED * len(b) and len(fuller) >= LONGER * len(short)


# A paragraph cut short with an ellipsis is another post's excerpt (a feed of teasers).
_CUT = ("…", "...", "[…]", "[...]")


def _teasers(fuller: str, body: str) -> bool:
    """Whether what ``fuller`` adds to ``body`` holds excerpts of other posts."""
    own = set(body.split("\n"))
    return any(line.rstrip().endswith(_CUT) for line in fuller.split("\n") if line not in own)


def cascade(tree: HtmlElement, url: str | None = None, large: bool = False,
            html: str | None = None, fallbacks: bool = False) -> tuple[str, str]:
    """(body text with one paragraph per line, the rule that chose it). ``fallbacks`` lets the
    first pass use trafilatura's own readability/jusText comparison (measured: worse, slower)."""
    body = _run(tree, url, fast=not fallbacks)
    if large or fallbacks or not html:
        return body, "balanced"
    paragraphs = _paragraph_chars(tree)
    whole = len(body) >= TRUNCATED_SHARE * paragraphs
    if len(body) >= SHORT_BODY:
        if whole:
            return body, "balanced"
        # The pass sometimes keeps only the first sections of a long article.
        fuller = _readability_paragraphs(html)
        if _extends("\n".join(fuller), body):
            return "\n".join(fuller), "readability:fuller"
        return body, "balanced"
    if len(body) < STUB_BODY:
        return _rescue_stub(body, html, url) if not whole else (body, "balanced")
    # A short body on a page whose paragraph text is much longer, or not in <p> at all (forum
    # posts and event pages in <div>s): the pass may have stopped after the first block.
    if LONGER * len(body) > paragraphs >= len(body) / 2:
        return body, "balanced"
    full = _run(load_html(html), url, fast=False)
    if _extends(full, body) and not _teasers(full, body):
        return full, "balanced:fuller"
    return body, "balanced"


def _rescue_stub(body: str, html: str, url: str | None) -> tuple[str, str]:
    """A stub on a page holding much more paragraph text (an article split over several
    containers, a page the fast pass misreads): trafilatura's full algorithm, with its own
    readability and jusText comparison, gets a say."""
    full = _run(load_html(html), url, fast=False)
    if len(full) >= LONGER * len(body) and len(full) >= MIN_RESCUED_CHARS:
        return full, "balanced:fallbacks"
    return body, "balanced"


def _norm(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .:")


# A body opening with the page's own address (a share widget's text) has not started yet.
_BARE_URL = re.compile(r"https?://\S+")


# A number in international form ("+49 30 1234 5678") closing the body is the contact line of a
# place or a press office, not a dateline, though its digit groups can read as a year.
_PHONE = re.compile(r"(?:^|\s)\+\d{1,3}[\s.(-]*\d")


# A shared title cut short ("... making him third Beijing local to contract") still names the
# headline line it opens when it is this many words long.
CUT_TITLE_WORDS = 6


def _is_headline(line: Line, headline: str | None) -> bool:
    if not headline:
        return False
    text = _norm(line.text)
    return text == headline or (line.kind is not Kind.PROSE and len(headline.split()) >= CUT_TITLE_WORDS
                                and text.startswith(headline))


def filter_paragraphs(paragraphs: Sequence[str], title: str | None = None) -> list[str]:
    """Drop the headline repeated at the top and paragraphs the vocabulary marks as boilerplate;
    a body of short lines without one sentence of prose (a menu) gives nothing."""
    paras = [p.strip() for p in paragraphs if p.strip()]
    lines = classify_lines(paras)
    if lines and not any(ln.kind is Kind.PROSE for ln in lines) and (
        sum(ln.words for ln in lines) < MENU_WORDS_PER_LINE * len(lines)
    ):
        return []
    # The headline, a date stamp or a short label (kicker, section, breadcrumb) opening the body
    # is page furniture; a date stamp closing it is the page's dateline (a phone number is not).
    headline = _norm(title) if title else None
    while lines and (
        lines[0].kind is Kind.STAMP
        or (lines[0].kind is not Kind.PROSE and lines[0].words <= LABEL_WORDS)
        or _BARE_URL.fullmatch(lines[0].text)
        or _is_headline(lines[0], headline)
    ):
        lines = lines[1:]
    while lines and lines[-1].kind is Kind.STAMP and not _PHONE.search(lines[-1].text):
        lines = lines[:-1]
    # A page titled like boilerplate (a privacy policy, terms of use) is that text: its lines stay.
    # Only a title that names such a page: a headline about one ("Meta updates its privacy
    # policy to ...") is news, whose sign-up and share lines still go.
    name = TITLE_SPLIT.split(title)[0] if title else ""
    about = 0 < len(name.split()) <= PAGE_NAME_WORDS and classify_lines([name])[0].kind is Kind.BOILERPLATE
    dropped = DROPPED - {Kind.BOILERPLATE} if about else DROPPED
    kept = [ln.text for ln in lines if ln.kind not in dropped]
    total = sum(len(p) for p in paras)
    if total and sum(len(p) for p in kept) < MIN_KEPT_SHARE * total:
        return paras
    return kept


def _page_title(tree: HtmlElement) -> str | None:
    el = tree.find(".//title")
    return el.text_content().strip() if el is not None else None


def _first_heading(tree: HtmlElement) -> str | None:
    el = tree.find(".//h1")
    return " ".join(el.text_content().split()) if el is not None else None


def _drop_lines(paragraphs: list[str], drop: Callable[[str], bool]) -> list[str]:
    """``paragraphs`` without those ``drop`` flags, unless that would take most of the text."""
    kept = [p for p in paragraphs if not drop(p)]
    total = sum(len(p) for p in paragraphs)
    return kept if sum(len(p) for p in kept) >= MIN_KEPT_SHARE * total else paragraphs


def _drop_trailing_boxes(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """Without the sign-up and promo boxes closing the body (a heading and a one-line pitch).
    The markup is searched only when the last paragraph is short enough to be a pitch."""
    if not paragraphs or len(paragraphs[-1].split()) > BOX_PITCH_WORDS:
        return paragraphs
    boxes = box_lines(tree)
    end = len(paragraphs)
    while end > 0 and " ".join(paragraphs[end - 1].split()).lower() in boxes:
        end -= 1
    total = sum(len(p) for p in paragraphs)
    return paragraphs[:end] if sum(len(p) for p in paragraphs[:end]) >= MIN_KEPT_SHARE * total else paragraphs


def _drop_closing_headings(paragraphs: list[str], tree: HtmlElement) -> list[str]:
    """Without the headings (text of an <h1>-<h6> of the page) closing the body: a heading with
    nothing under it titles a box or list the extraction left out ("Location details"). A body of
    fewer than MIN_HEADED_LINES lines keeps them (a page that is little more than its headings)."""
    if len(paragraphs) < MIN_HEADED_LINES:
        return paragraphs
    headings = {" ".join(h.text_content().split()) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")}
    end = len(paragraphs)
    while end > MIN_HEADED_LINES - 1 and " ".join(paragraphs[end - 1].split()) in headings:
        end -= 1
    return paragraphs[:end]


def extract_html(html: str, *, source: str, url: str | None = None, memory: OutletMemory | None = None,
                 outlet: str | None = None, doc_id: str | None = None) -> Article:
    """The article of an HTML page. With ``memory``, paragraphs learned as the outlet's
    boilerplate (``outlet``, else the page's domain or site name) are dropped, and this page's
    paragraphs are learned in turn."""
    tree = load_html(html)
    if tree is None:
        return Article(source=source, url=url, extraction={"method": "html", "note": "no article found: unparsable HTML"})
    large = len(html) > LARGE_PAGE
    meta = html_metadata(tree, url, thorough=not large)
    body, rule = cascade(tree, url, large, html)
    if len(body) < STUB_BODY:
        # A page rendered from data: the markup holds a stub, its JSON-LD the article.
        stated = json_ld_body(tree)
        if len(stated) >= max(MIN_RESCUED_CHARS, LONGER * len(body)):
            body, rule = stated, "json-ld"
    lines = visible_text(body).split("\n")
    paragraphs = filter_paragraphs(lines, meta.title)
    extraction = {"method": "html:json-ld" if rule == "json-ld" else f"html:trafilatura:{rule}"}
    links = PageLinks(tree)
    paragraphs = _drop_trailing_boxes(drop_trailing_links(paragraphs, links), tree)
    paragraphs = drop_teasers(_drop_closing_headings(paragraphs, tree), links)
    key = outlet or domain_of(url or meta.url) or meta.outlet
    if memory is not None and key:
        learned = learned_lines(paragraphs, memory.lookup(key))
        if learned:
            paragraphs = _drop_lines(paragraphs, learned.__contains__)
            extraction["outlet_memory"] = str(len(learned))
        memory.observe(key, lines, doc_id=doc_id)
    reason = no_article_reason(paragraphs, (meta.title, _page_title(tree), _first_heading(tree)))
    if reason:
        paragraphs = []
        extraction["note"] = f"no article found: {reason}"
    text, spans = build_article_text(paragraphs)
    if meta.language is None and text:
        meta.language = guess_language(text)
    return Article(source=source, text=text, paragraphs=spans, title=meta.title, authors=meta.authors,
                   published=meta.published, modified=meta.modified, outlet=meta.outlet,
                   url=url or meta.url, language=meta.language, description=meta.description,
                   section=meta.section, tags=meta.tags, image=meta.image, extraction=extraction)
