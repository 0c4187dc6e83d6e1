"""Lines of an extracted body that are the page's links: the related-article lists, "more from"
headings and read-on teasers a recall-minded extraction carries after the article.

A line is a link line when its text is one of the page's anchor texts, or an anchor text covers
most of it ("MORE: <linked headline>"). Only a trailing run is dropped (link lines, and headings
just above them): inside the article a linked sentence is still the article's.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.html import HtmlElement

from .classify import Kind, classify_lines

# Share of a line an anchor text must cover for the line to count as that link.
LINK_SHARE = 0.8
# A bulleted line opening with a link at least this long (a headline) is a teaser.
TEASER_HEADLINE = 25
# Anchor texts shorter than this are searched only as whole lines ("Home", "More").
MIN_INNER_ANCHOR = 12
# Longer lines are prose whatever they link to.
MAX_LINK_LINE = 300
# The trimmed body keeps at least this share of its text (a page that is a list of links keeps it).
MIN_KEPT_SHARE = 0.6


# How flattened list items start (trafilatura writes "- ").
_BULLETS = {"- ", "• ", "* "}


def _norm(text: str) -> str:
    return " ".join(text.split())


class PageLinks:
    """The anchor texts of one page, ready to test lines against."""

    def __init__(self, tree: HtmlElement) -> None:
        texts = {_norm(a.text_content()) for a in tree.iter("a")}
        texts.discard("")
        self.whole = texts
        self.inner = [t for t in texts if len(t) >= MIN_INNER_ANCHOR]

    def is_link(self, line: str) -> bool:
        text = _norm(line).rstrip(" :")
        if text in self.whole:
            return True
        if text[:2] in _BULLETS:
            # A teaser item: a linked headline, then its summary (a list of the article whose
            # items open with a linked name is not: a name is shorter than a headline).
            return any(len(a) >= TEASER_HEADLINE and text[2:].startswith(a) for a in self.inner)
        if len(text) > MAX_LINK_LINE:
            return False
        need = LINK_SHARE * len(text)
        return any(len(a) >= need and a in text for a in self.inner)


def drop_trailing_links(paragraphs: Sequence[str], tree: HtmlElement) -> list[str]:
    """``paragraphs`` without the run of link lines closing them, with the headings (lines that
    are not prose) directly above that run, unless that would take most of the text."""
    paras = list(paragraphs)
    if not paras:
        return paras
    links = PageLinks(tree)
    lines = None
    cut = len(paras)
    i = cut - 1
    while i >= 0:
        if links.is_link(paras[i]):
            cut = i
        elif cut == i + 1 and cut < len(paras):
            lines = lines or classify_lines(paras)
            if lines[i].kind is Kind.PROSE:
                break
            cut = i
        else:
            break
        i -= 1
    total = sum(len(p) for p in paras)
    return paras[:cut] if sum(len(p) for p in paras[:cut]) >= MIN_KEPT_SHARE * total else paras
