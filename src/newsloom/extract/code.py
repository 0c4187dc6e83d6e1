"""A post that goes on below a code listing: a technical post explains, shows code, and explains
again. Flattened, the listing is a run of short lines with no sentence in them, which cuts the
block finder's run like a menu does, so the chooser keeps the post's first part only.

A listing is told by its lines' syntax (a call ``name(``, an assignment, brackets and semicolons at
the end, a statement keyword first, a shell prompt), not by words: a menu or a teaser list has
none of it. Lines without letters (a printed result, a closing bracket) pass within it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .classify import _TERMINAL, Kind, Line

_NOT_CODE = frozenset({Kind.SIDEBAR, Kind.BOILERPLATE})

# A line of code: a keyword that opens a statement, a decorator or a comment, a call or attribute,
# an operator, a line ending in an opening bracket or a semicolon, or one opening with a closing
# bracket. A teaser's "(Outlet)" or a list item's comma are no code.
_OPENER = (r"^\s*(?:(?:import|from|def|class|return|raise|elif|else|try|except|with|for|while|if|print|const|let|"
           r"var|function|public|private|static|#include|\$|>>>|sudo|pip|npm|git|cd|ls)\b|@\w|#|//|/\*|\"\"\"|\'\'\')")
_CODE = re.compile(_OPENER + r"|\w\(|\w\.\w+\(|\s[=!<>+\-*/]?=\s|==|->|=>|::|[;{\[(]\s*$|^\s*[}\])]")
# A line the classifier reads as prose (a long docstring or comment) is code when it opens like code.
_CODE_OPENER = re.compile(_OPENER)
# The listing: at least MIN_CODE_LINES code lines, at most LISTING_LINES lines in all, code being
# at least MIN_CODE_SHARE of its lines with letters.
MIN_CODE_LINES = 3
LISTING_LINES = 150
MIN_CODE_SHARE = 0.75
# The part below: consecutive prose lines of at least MIN_TAIL_CHARS, closing like a sentence.
MIN_TAIL_CHARS = 80
SUBHEADING_WORDS = 8


def _listing_end(lines: Sequence[Line], start: int) -> int | None:
    """The index of the first line past a code listing starting at ``start``; None when the lines
    there are no listing or no prose follows it."""
    code = other = 0
    i = start
    while i < len(lines) and i - start < LISTING_LINES and (
            lines[i].kind is not Kind.PROSE or _CODE_OPENER.match(lines[i].text)):
        if lines[i].kind in _NOT_CODE:
            return None  # a listing holds no sidebar heading or service notice: a box or a feed does
        text = lines[i].text
        if _CODE.search(text):
            code += 1
        elif any(c.isalpha() for c in text):
            other += 1
            if other >= MIN_CODE_LINES and code < MIN_CODE_SHARE * (code + other):
                return None  # a menu or a feed: no need to read it to its end
        i += 1
    if code < MIN_CODE_LINES or code < MIN_CODE_SHARE * (code + other) or i >= len(lines) or (
            lines[i].kind is not Kind.PROSE):
        return None
    return i


def _prose_end(lines: Sequence[Line], i: int, service: Callable[[str], bool]) -> int:
    while i < len(lines) and lines[i].kind is Kind.PROSE and not service(lines[i].text.lower()):
        i += 1
    return i


def _subheading(line: Line) -> bool:
    return line.kind is Kind.SHORT and 0 < line.words <= SUBHEADING_WORDS and not line.text.endswith(_TERMINAL)


def code_below(lines: Sequence[Line], spans: list[tuple[int, int]] | None,
               service: Callable[[str], bool]) -> list[tuple[int, int]] | None:
    """``spans`` with the last one carried over each code listing right below it and the prose
    that follows the listing, as long as listing and prose alternate; ``service(lowered line)``
    tells a line of service vocabulary (a comment form's notice is no part of the post)."""
    if not spans:
        return spans
    start, end = spans[-1]
    while end < len(lines):
        # Past the first listing, the post may go on under a subheading, with prose before its
        # next listing.
        lead = _prose_end(lines, end + 1, service) if end > spans[-1][1] and _subheading(lines[end]) else end
        after = _listing_end(lines, lead)
        if after is None:
            break
        last = _prose_end(lines, after, service)
        tail = lines[after:last]
        if sum(len(ln.text) for ln in tail) < MIN_TAIL_CHARS or not tail[-1].text.endswith(_TERMINAL):
            break
        end = last
    return spans if end == spans[-1][1] else [*spans[:-1], (start, end)]

