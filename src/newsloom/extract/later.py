"""The page's own article before a later one loaded below it (an endless-scroll news page).

The block chooser weighs runs, and the next article a page loads under its own is often the
longer. What tells them apart is the title: the page's article sits under the repeat of the page
title, the later one under a title of its own, which the page names again in a list of headlines
further down ("most read", the next stories).
"""

from __future__ import annotations

from collections.abc import Sequence

from .classify import HEADLINE_REACH, Kind, Line

# The page's article: at least this many prose lines in its run under the page title's repeat.
OWN_PROSE_LINES = 3
# The later article's title: within this many lines above its run (a date stamp, a photo caption
# between), a line of at least TITLE_WORDS words said again further down the page.
TITLE_REACH = 6
TITLE_WORDS = 5


def own_article_first(lines: Sequence[Line], headline: int | None, spans: Sequence[tuple[int, int]],
                      order: list[int]) -> list[int]:
    """``order`` (indexes into ``spans``, the chooser's candidates, best first) with the run under
    the page title's ``headline`` first, when the pick lies below it under another article's title."""
    if headline is None:
        return order
    first = next((i for i in range(headline + 1, min(len(lines), headline + HEADLINE_REACH + 1))
                  if lines[i].kind is Kind.PROSE), None)
    own = next((k for k, (s, _) in enumerate(spans) if s == first), None)
    pick = spans[order[0]]
    if own is None or own == order[0] or pick[0] < spans[own][1]:
        return order
    if sum(1 for ln in lines[spans[own][0]:spans[own][1]] if ln.kind is Kind.PROSE) < OWN_PROSE_LINES:
        return order
    if not _titled_elsewhere(lines, pick[0]):
        return order
    return [own, *(k for k in order if k != own)]


def _titled_elsewhere(lines: Sequence[Line], start: int) -> bool:
    """Whether a title line right above ``start`` is said again below the run (a headline list)."""
    above = [ln.text for ln in lines[max(0, start - TITLE_REACH):start] if ln.words >= TITLE_WORDS
             and ln.kind in (Kind.SHORT, Kind.PROSE)]
    if not above:
        return False
    below = {ln.text for ln in lines[start:]}
    return any(t in below for t in above)
