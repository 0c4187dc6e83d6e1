"""The page's own article before a later one loaded below it (an endless-scroll news page).

The block chooser weighs runs, and the next article a page loads under its own is often the
longer. What tells them apart is the title: the page's article sits under the repeat of the page
title, the later one under a title of its own, which the page names again in a list of headlines
further down ("most read", the next stories).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .classify import HEADLINE_REACH, Kind, Line

# The page's article: at least this many prose lines in its run under the page title's repeat.
OWN_PROSE_LINES = 3
# The later article's title: within this many lines above its run (a date stamp, a photo caption
# between), a line of at least TITLE_WORDS words said again further down the page.
TITLE_REACH = 6
TITLE_WORDS = 5
# A series of articles one below the other, each opened by the same header (a category, "read
# on ... minutes", a date and time, "Photo 1 of 1"): at least SERIES_MATCHES lines with letters
# at the same place within SERIES_REACH lines above two runs, alike once digits are folded, and
# a date stamp at the same place.
SERIES_REACH = 12
SERIES_MATCHES = 2
_DIGITS = re.compile(r"\d+")


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


def _header(lines: Sequence[Line], start: int) -> list[str | None]:
    """The SERIES_REACH lines above ``start``, nearest first, digits folded; None for lines
    without letters (bullets, counters) and above the page's top."""
    out: list[str | None] = []
    for i in range(start - 1, start - 1 - SERIES_REACH, -1):
        text = lines[i].text if i >= 0 else ""
        out.append(_DIGITS.sub("0", text) if any(map(str.isalpha, text)) else None)
    return out


def _dated_alike(lines: Sequence[Line], a: int, b: int) -> bool:
    """Whether the headers above ``a`` and ``b`` each hold a date stamp, at the same place: every
    article of a series is dated (the numbered exercises of a worksheet are not)."""
    return any(lines[a - k].kind is Kind.STAMP and lines[b - k].kind is Kind.STAMP
               for k in range(1, min(SERIES_REACH, b) + 1))


def first_of_series(lines: Sequence[Line], headline: int | None, spans: Sequence[tuple[int, int]],
                    order: list[int]) -> list[int]:
    """``order`` with the first article of a series put first, when the page names no headline
    (a flattener that drops ``<title>``) and the pick opens under the same header as a run above
    it of OWN_PROSE_LINES or more: an endless-scroll page loads later articles under its own."""
    if headline is not None:
        return order
    pick = spans[order[0]]
    head = _header(lines, pick[0])
    for k in sorted(range(len(spans)), key=lambda k: spans[k][0]):
        start, end = spans[k]
        if start >= pick[0]:
            break
        if sum(1 for ln in lines[start:end] if ln.kind is Kind.PROSE) < OWN_PROSE_LINES:
            continue
        alike = sum(1 for a, b in zip(head, _header(lines, start), strict=True) if a is not None and a == b)
        if alike >= SERIES_MATCHES and _dated_alike(lines, pick[0], start):
            return [k, *(j for j in order if j != k)]
    return order
