"""An article that resumes below an inline box: the chosen block ends at a sidebar heading
("Related", "Read also") over a few headlines, and the article's next paragraphs follow them,
ended in turn by the next box or the page's furniture. The block finder cannot cross the box
(a sidebar heading is a hard gap), and alone, a paragraph below one weighs as a teaser.

A teaser box reads otherwise: each of its headlines has its own teaser line under it, so the
prose after its first headlines is followed by another headline, not by furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from .classify import _TERMINAL, DROPPED, HEADLINE_REACH, Kind, Line

# The inline box: its heading at most this many lines below the block (a share button between),
# then 1 to BOX_LINES headlines (short lines or date stamps, no prose).
HEADING_REACH = 3
BOX_LINES = 8
# The resumed part: consecutive prose lines, at least this many characters in all, each closing
# like a sentence.
MIN_RESUMED_CHARS = 120


def resumed_after_box(lines: Sequence[Line], spans: list[tuple[int, int]],
                      service: Callable[[str], bool]) -> list[tuple[int, int]]:
    """``spans`` with the paragraphs that resume the last one below an inline box, when there are;
    ``service(lowered line)`` tells a line of service vocabulary (a copyright or sign-up notice
    below a "Comments" heading is no part of the article)."""
    if not spans:
        return spans
    end = spans[-1][1]
    heading = next((i for i in range(end, min(len(lines), end + HEADING_REACH + 1))
                    if lines[i].kind is not Kind.CHROME), None)
    if heading is None or lines[heading].kind is not Kind.SIDEBAR:
        return spans
    first = heading + 1
    while first < len(lines) and first - heading <= BOX_LINES and lines[first].kind in (Kind.SHORT, Kind.STAMP):
        first += 1
    if first == heading + 1 or first >= len(lines) or lines[first].kind is not Kind.PROSE:
        return spans
    last = first
    while last < len(lines) and lines[last].kind is Kind.PROSE:
        last += 1
    resumed = lines[first:last]
    if sum(len(ln.text) for ln in resumed) < MIN_RESUMED_CHARS or not all(
            ln.text.endswith(_TERMINAL) and not service(ln.text.lower()) for ln in resumed):
        return spans
    # What follows the resumed part is furniture (the next box, a share row) or the page's end:
    # below a teaser box, the next headline would follow.
    if last < len(lines) and lines[last].kind not in DROPPED:
        return spans
    return [*spans, (first, last)]


# The article's opening above an inline box: the box's heading at most OPENING_REACH lines below
# the opening run (a sign-up box between, its prose of service vocabulary only).
OPENING_REACH = 12


def opening_above_box(lines: Sequence[Line], spans: list[tuple[int, int]], headline: int | None,
                      runs: Sequence[tuple[int, int, int]], service: Callable[[str], bool]) -> list[tuple[int, int]]:
    """``spans`` with the article's opening put in front, when the chosen block starts right below
    an inline box (a sidebar heading over 1 to BOX_LINES headlines) and the run above the box starts
    under the page's headline: the box cut the article, and the chooser kept its longer part."""
    if not spans or headline is None:
        return spans
    top = spans[0][0]
    heading = top - 1
    while heading >= 0 and top - heading <= BOX_LINES + 1 and lines[heading].kind in (Kind.SHORT, Kind.STAMP, Kind.CHROME):
        heading -= 1
    if heading < 0 or heading == top - 1 or lines[heading].kind is not Kind.SIDEBAR:
        return spans
    first = next((i for i in range(headline + 1, min(heading, headline + HEADLINE_REACH + 1))
                  if lines[i].kind is Kind.PROSE), None)
    opening = next(((s, e) for _, s, e in runs if s == first and e <= heading), None)
    if opening is None or heading - opening[1] >= OPENING_REACH:
        return spans
    start, end = opening
    if any(ln.kind is Kind.PROSE and not service(ln.text.lower()) for ln in lines[end:heading]):
        return spans
    return [(start, end), *spans]


# Product cards below the article (a deals roundup: each card a product's name, its features, a
# price and the same buttons, "Available from ..." and "Buy Now"): the roundup's text, in short
# lines the block finder does not weigh. Cards are told by a short line repeated in each of them,
# at least MIN_CARDS times, at most CARD_LINES lines apart, the first within CARD_LINES of the
# block (a heading such as "Don't Miss:" may come between), by prices in most of them (a feed
# repeats its "Read more" without prices), and by features: FEATURE_LINES lines of FEATURE_WORDS
# words or more per card (a shop's carousel under an article shows a name, a price and terms).
# Furniture inside the cards is repeated in each (an affiliate notice), never a share row or a
# sidebar heading of its own.
MIN_CARDS = 3
CARD_LINES = 20
CARD_MARK_WORDS = 6
MIN_PRICED_SHARE = 0.6
FEATURE_LINES = 3
FEATURE_WORDS = 5
_PRICE = re.compile(r"(?:[$€£¥]\s?\d|\d(?:[\d.,]*\d)?\s?(?:[$€£¥]|EUR\b|USD\b))")


def cards_below(lines: Sequence[Line], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with the last one carried over the product cards right below it, when there are."""
    if not spans:
        return spans
    end = spans[-1][1]
    region = range(end, min(len(lines), end + CARD_LINES * MIN_CARDS * 4))
    seen = Counter(lines[i].text for i in region if 0 < lines[i].words <= CARD_MARK_WORDS)
    # The cards' mark is among the lines said most often below the block: a line shared by a few
    # cards only (a feature two products have) cuts them into fewer, longer "cards".
    top = max(seen.values(), default=0)
    best = end
    for mark in [t for t, n in seen.items() if n == top >= MIN_CARDS]:
        best = max(best, _cards_end(lines, end, [i for i in region if lines[i].text == mark], seen))
    return spans if best == end else [*spans[:-1], (spans[-1][0], best)]


def _cards_end(lines: Sequence[Line], end: int, marks: list[int], seen: Counter[str]) -> int:
    """The end of the cards each holding one of ``marks`` (line indexes), from ``end`` on; ``end``
    when they are too few, too far apart, mostly without a price or features, or hold furniture
    that is not repeated in each (``seen``: the lines' counts below the block)."""
    bounds = [end]
    for i in marks:
        if i - bounds[-1] > CARD_LINES:
            break
        bounds.append(i + 1)
    cards = list(zip(bounds, bounds[1:], strict=False))
    if len(cards) < MIN_CARDS:
        return end
    body = lines[end + 1:bounds[-1]]  # the first line may be the cards' heading
    # The cheap tests first: most pages repeat some line below the article, few have priced cards.
    if sum(1 for ln in body if ln.words >= FEATURE_WORDS) < FEATURE_LINES * len(cards) or any(
            ln.kind in DROPPED and seen[ln.text] < MIN_CARDS for ln in body):
        return end
    priced = sum(1 for a, b in cards if any(_PRICE.search(ln.text) for ln in lines[a:b]))
    return bounds[-1] if priced >= MIN_PRICED_SHARE * len(cards) else end
