"""An article that resumes below an inline box: the chosen block ends at a sidebar heading
("Related", "Read also") over a few headlines, and the article's next paragraphs follow them,
ended in turn by the next box or the page's furniture. The block finder cannot cross the box
(a sidebar heading is a hard gap), and alone, a paragraph below one weighs as a teaser.

A teaser box reads otherwise: each of its headlines has its own teaser line under it, so the
prose after its first headlines is followed by another headline, not by furniture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .classify import _TERMINAL, DROPPED, Kind, Line

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
