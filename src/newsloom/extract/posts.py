"""Short posts the block finder finds only in part or not at all.

A body too thin for an article grows over the short lines right next to it when a closing line (a
button the page repeats, a stamp) closes them off: a short post's quote, announcing line and
sign-off. A post without prose (a list of links) loses to a widget past the page's sidebar heading
(a list of tweets, a feed): the run under the post's headline or dated title is then the article."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .classify import DROPPED, Kind, Line
from .headed import THIN_WORDS, headed_run

# A thin body (under THIN_WORDS words) is often a short post cut short: its quote, its announcing
# line, its sign-off are short lines the block finder passes over. Such a body grows over the lines
# right next to it when they are closed off, within GROW_LINES, by a line that ends a post: one the
# page says more than once (a button such as "Read more", the title as a heading), a date stamp,
# furniture, an empty line, or a label of up to LABEL_WORDS words without a stop word (a
# breadcrumb, "Author: Name"). Lines that run on past GROW_LINES are a page's, not a post's.
GROW_LINES = 4
LABEL_WORDS = 3


def _grown_side(lines: Sequence[Line], at: int, step: int, ends: Callable[[Line], bool]) -> int:
    """How many lines from ``at`` on (going by ``step``) join before a closing line, or 0 when none
    closes them within GROW_LINES."""
    for n in range(GROW_LINES + 1):
        i = at + n * step
        if not 0 <= i < len(lines) or ends(lines[i]):
            return n
    return 0


def grown_thin(lines: Sequence[Line], spans: list[tuple[int, int]] | None) -> list[tuple[int, int]] | None:
    """``spans``, or its single thin span grown over the closed-off lines right above and below it."""
    if not spans or len(spans) > 1 or sum(ln.words for ln in lines[spans[0][0]:spans[0][1]]) >= THIN_WORDS:
        return spans
    seen: dict[str, int] = {}
    for ln in lines:
        seen[ln.text] = seen.get(ln.text, 0) + 1

    def ends(line: Line) -> bool:
        return (line.words == 0 or line.kind in DROPPED or line.kind is Kind.STAMP or seen[line.text] > 1
                or (line.words <= LABEL_WORDS and line.stops == 0))

    start, end = spans[0]
    return [(start - _grown_side(lines, start - 1, -1, ends), end + _grown_side(lines, end, 1, ends))]


# A post without prose (a list of links, a photo's captions) under its headline or its dated title:
# the block finder discounts teasers below the first sidebar heading under the article's first
# prose line, so when the post holds none, a widget below the post's "Related posts" or "Most read"
# heading (a feed, a list of tweets) can win. When every chosen span lies below a sidebar heading
# that follows the run under the headline (or, without one, the first date stamp), and that run
# holds more words, the run is the article.


def past_sidebar(lines: Sequence[Line], spans: list[tuple[int, int]] | None,
                 headline: int | None) -> list[tuple[int, int]] | None:
    """``spans``, or the run under the headline (or the first date stamp) when they lie below a
    sidebar heading after it and hold fewer words."""
    if not spans:
        return spans
    anchor = headline if headline is not None else next(
        (i for i, ln in enumerate(lines) if ln.kind is Kind.STAMP), None)
    run = headed_run(lines, anchor)
    if run is None or run[1] > spans[0][0] or not any(
            lines[i].kind is Kind.SIDEBAR for i in range(run[1], spans[0][0])):
        return spans
    chosen = sum(ln.words for start, end in spans for ln in lines[start:end])
    return [run] if sum(ln.words for ln in lines[run[0]:run[1]]) > chosen else spans
