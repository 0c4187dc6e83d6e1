"""Lines of an extracted body that are the page's links: the related-article lists, "more from"
headings and read-on teasers a recall-minded extraction carries around the article.

A line is a link line when its text is one of the page's anchor texts, or an anchor text covers
most of it, or it is one line of a teaser card (one short link around headline and summary). A
bare web address is not: it is a reference the article gives. A trailing run of link lines is
dropped, with the headings just above it (a closing sentence stops it); inside the article a
linked sentence is still the article's, but a teaser is not: a short label of words ("Read
more:", "Lea también:", "Czytaj też:", "MIRA |") before a linked headline.
"""

from __future__ import annotations

import re
from bisect import bisect_left
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
# An anchor of at most this many characters wrapping several lines is a teaser card (headline,
# summary, section label in one link); a longer one is a page region wrapped in a link.
MAX_CARD_CHARS = 400
# The trimmed body keeps at least this share of its text (a page that is a list of links keeps it).
MIN_KEPT_SHARE = 0.6


# How flattened list items start (trafilatura writes "- ").
_BULLETS = {"- ", "• ", "* "}


# A read-on teaser: a label of at most 4 words (letters only: "Source 3:" or "Key, B. (2016):"
# open a reference, not a teaser), a colon, "|", "»" or ">>", then the linked headline.
_TEASER = re.compile(r"^(?:[-–>»•(]+\s*)?[^\W\d_]+(?: [^\W\d_]+){0,3}\s*(?::|»|>>|\|)\s*(.+?)\s*(?:<<|\))?$")
# A linked headline has at least this many words ("Quelle: Kathpress" is a credit).
TEASER_WORDS = 4
# A line of at least this many words ending in a full stop or "!" closes the article ("Thanks for
# the interview!"): a heading over a related list is a label ("Related:", "More from us").
SENTENCE_WORDS = 4
_SENTENCE_END = re.compile(r"[.!]$")
# A bare web address is a reference the article gives (a petition, the firm's site), never the
# headline of a related article: a list of those is anchored on headlines.
_BARE_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


def _norm(text: str) -> str:
    return " ".join(text.split())


class PageLinks:
    """The anchor texts of one page, ready to test lines against."""

    def __init__(self, tree: HtmlElement) -> None:
        texts = {_norm(a.text_content()) for a in tree.iter("a")}
        texts.discard("")
        self.whole = texts
        # Longest first, so a line is only compared with anchors that could cover it (a page
        # of thousands of links must not cost lines x anchors substring searches).
        self.inner = sorted((t for t in texts if len(t) >= MIN_INNER_ANCHOR), key=len, reverse=True)
        self._lengths = [-len(t) for t in self.inner]
        # The anchors of teaser cards, one per line, searched in one pass for a line they wrap.
        self._cards = "\n".join(t for t in self.inner if len(t) <= MAX_CARD_CHARS)

    def covers(self, text: str) -> bool:
        """Whether ``text`` is a link of the page, or one covers most of it."""
        if text in self.whole:
            return True
        need = LINK_SHARE * len(text)
        for a in self.inner[bisect_left(self._lengths, -len(text)):]:
            if len(a) < need:
                return False
            if a in text:
                return True
        return False

    def is_link(self, line: str) -> bool:
        text = _norm(line).rstrip(" :")
        if text[:2] in _BULLETS and text not in self.whole:
            # A teaser item: a linked headline, then its summary (a list of the article whose
            # items open with a linked name is not: a name is shorter than a headline).
            return any(len(a) >= TEASER_HEADLINE and text[2:].startswith(a) for a in self.inner)
        if _BARE_ADDRESS.fullmatch(text):
            return False
        if len(text) >= MIN_INNER_ANCHOR and text in self._cards:
            return True  # a line of a teaser card: one link wraps it with the card's other lines
        return len(text) <= MAX_LINK_LINE and self.covers(text)


def _most_kept(kept: list[str], paragraphs: Sequence[str]) -> list[str]:
    """``kept``, unless it lost most of the text (a page that is a list of links keeps it)."""
    total = sum(len(p) for p in paragraphs)
    return kept if sum(len(p) for p in kept) >= MIN_KEPT_SHARE * total else list(paragraphs)


def drop_teasers(paragraphs: Sequence[str], links: PageLinks) -> list[str]:
    """``paragraphs`` without the read-on teasers inside them (never the first line)."""
    kept = list(paragraphs[:1])
    for para in paragraphs[1:]:
        m = _TEASER.match(_norm(para))
        if not (m and len(m.group(1).split()) >= TEASER_WORDS and links.covers(m.group(1))):
            kept.append(para)
    return _most_kept(kept, paragraphs)


def _own_closing(line: str) -> bool:
    """A closing sentence or a bare web address: the article's own last line, not a heading."""
    text = _norm(line)
    return (_SENTENCE_END.search(text) is not None and len(text.split()) >= SENTENCE_WORDS) or (
        _BARE_ADDRESS.fullmatch(text) is not None)


def drop_trailing_links(paragraphs: Sequence[str], links: PageLinks) -> list[str]:
    """``paragraphs`` without the run of link lines closing them, with the headings (lines that
    are neither prose nor the article's own closing line) directly above that run. A bare web
    address is no link line here: it is the article's reference."""
    paras = list(paragraphs)
    lines = None
    cut = len(paras)
    i = cut - 1
    while i >= 0:
        if links.is_link(paras[i]):
            cut = i
        elif cut == i + 1 and cut < len(paras):
            lines = lines or classify_lines(paras)
            if lines[i].kind is Kind.PROSE or _own_closing(paras[i]):
                break
            cut = i
        else:
            break
        i -= 1
    return _most_kept(paras[:cut], paras)
