"""A page whose article is all short lines (a dialogue, an agenda, a poem, a list of fields): the
block finder weighs prose only and finds nothing there, or a stray sentence elsewhere. Under the
page's headline, the lines down to the first piece of page furniture (a share row, a comment
form's notice, a sidebar heading) are then the article."""

from __future__ import annotations

from collections.abc import Sequence

from .byline import has_byline_prefix
from .classify import DROPPED, Kind, Line

# The chosen body is "thin" under this many words: only then is the headline's run tried.
THIN_WORDS = 50
# The run under the headline holds at most this many lines (a longer one is a feed or a menu).
MAX_LINES = 40
# A run of this many one- or two-word lines without stop words is a menu: the run ends there.
MENU_LINES = 3
# The run must hold at least this many lines that read like text (a verse, a prose line, or a
# short line of 3+ words with a stop word): labels alone are no article.
MIN_TEXT_LINES = 2
MIN_WORDS = 15


def _menu_like(line: Line) -> bool:
    return line.words <= 2 and line.stops == 0


def _text_like(line: Line) -> bool:
    return line.kind is Kind.PROSE or line.verse or (line.words >= 3 and line.stops >= 1)


def headed_run(lines: Sequence[Line], headline: int | None) -> tuple[int, int] | None:
    """``[start, end)`` of the lines under ``headline`` down to the first furniture, or None when
    they read as no article (too few words, mostly labels)."""
    if headline is None:
        return None
    i = headline + 1
    # The header under the headline: its date stamp, byline, standfirst label.
    while i < len(lines) and (lines[i].kind is Kind.STAMP or (
            lines[i].words <= 12 and has_byline_prefix(lines[i].text))):
        i += 1
    start = end = i
    menu = 0
    while end < len(lines) and end - start < MAX_LINES and lines[end].kind not in DROPPED:
        menu = menu + 1 if _menu_like(lines[end]) else 0
        if menu >= MENU_LINES:
            end -= MENU_LINES - 1
            break
        end += 1
    run = lines[start:end]
    if sum(ln.words for ln in run) < MIN_WORDS or sum(map(_text_like, run)) < MIN_TEXT_LINES:
        return None
    return start, end


def thin_or_headed(lines: Sequence[Line], spans: list[tuple[int, int]] | None,
                   headline: int | None) -> list[tuple[int, int]] | None:
    """``spans``, or the run under the headline when ``spans`` hold too little text for an
    article (under THIN_WORDS words, or nothing) and that run holds more."""
    chosen = sum(ln.words for s, e in spans or () for ln in lines[s:e])
    if chosen >= THIN_WORDS:
        return spans
    under = headed_run(lines, headline)
    if under is None or sum(ln.words for ln in lines[under[0]:under[1]]) <= chosen:
        return spans
    return [under]
