"""Sign-up, newsletter and promo boxes located in the page markup (e-mail fields, forms, class
names from ``signup_markup`` in the boilerplate lexicon): their lines are not the article."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.etree import XPath
from lxml.html import HtmlElement

from .lexicon import lexicon

# A box holds a heading and a pitch; a container with more text than this is a page region (an
# article wrapped in a "subscriber-content" div), never a box.
MAX_BOX_CHARS = 400


_ATTRIBUTES = XPath("//@class | //@id")
_FIELDS = XPath("//input[@type='email'] | //form")


@lru_cache(maxsize=1)
def _markup_words() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in lexicon().signup_markup))


def _markers(tree: HtmlElement) -> list[HtmlElement]:
    """Elements whose class or id holds a box word, e-mail fields and forms. (Matching attribute
    strings in Python is 5-10x faster than XPath ``contains(translate(...))`` per word.)"""
    words = _markup_words()
    found = [attr.getparent() for attr in _ATTRIBUTES(tree) if words.search(attr.lower())]
    return found + _FIELDS(tree)


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _box_of(el: HtmlElement) -> HtmlElement | None:
    """The largest element around ``el`` still small enough to be a box."""
    best = None
    node: HtmlElement | None = el
    while node is not None and node.tag not in ("body", "html", "main", "article"):
        if len(node.text_content()) > MAX_BOX_CHARS:
            break
        best = node
        node = node.getparent()
    return best


def box_lines(tree: HtmlElement) -> frozenset[str]:
    """Normalised text lines of the page's sign-up and promo boxes (empty when it has none)."""
    lines: set[str] = set()
    seen: set[HtmlElement] = set()
    for marker in _markers(tree):
        box = _box_of(marker)
        if box is None or box in seen:
            continue
        seen.add(box)
        for el in box.iter():
            if not isinstance(el.tag, str):
                continue
            text = _norm(el.text_content())
            if text:
                lines.add(text)
    return frozenset(lines)
