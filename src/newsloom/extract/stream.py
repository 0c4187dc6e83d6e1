"""A page whose text is a stream of stamped entries: a forum thread (each post under its author's
box and a date with a clock time), a live report (each entry closed by its clock time, score
tables between). The block finder weighs each entry as a run of its own, and the chooser keeps
one or two posts of many.

A stream is told by its stamps: at least STREAM_MIN_STAMPS of one shape (the same text once
digits are folded: "03.03.2011, 14:17", "19:30"), each within STREAM_MAX_GAP lines of the next.
A list of teasers carries stamps too, but each names its section or author ("Sport 29-09 16:00"),
so their shapes differ. When the chooser's pick lies inside a stream, the whole stream is the
article, without the lines every entry repeats (the author's box, a signature, a poll's label).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .classify import DROPPED, Kind, Line

STREAM_MIN_STAMPS = 5
STREAM_MAX_GAP = 40
# At most one stamp in this many says a time said before.
REPEATED_STAMPS = 4
# A line said this many times on the page is an entry's furniture, not its text.
FURNITURE_REPEATS = 3

# A clock time ("14:17", "9:05 PM"); "05.11" is a date's day and month.
_CLOCK = re.compile(r"(?<![\d.:])(\d{1,2}):(\d{2})\b(?:\s*([ap])\.?m\b)?", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")

Span = tuple[int, int]


def _streams(lines: Sequence[Line]) -> list[list[int]]:
    """The stamps of each stream on the page, in page order."""
    by_shape: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.kind is Kind.STAMP and _CLOCK.search(ln.text):
            by_shape.setdefault(_DIGITS.sub("0", ln.text), []).append(i)
    out = []
    for stamps in by_shape.values():
        chain = [stamps[0]]
        for i in [*stamps[1:], None]:
            if i is not None and i - chain[-1] <= STREAM_MAX_GAP:
                chain.append(i)
                continue
            if len(chain) >= STREAM_MIN_STAMPS and _entries(lines, chain):
                out.append(chain)
            if i is not None:
                chain = [i]
    return out


def _entries(lines: Sequence[Line], stamps: Sequence[int]) -> bool:
    """Whether the stamps mark entries of their own: each stamp says another time (an article
    loaded below the page's own shows its date twice, over its title and its text), and most
    entries hold prose (a list of headlines, each under its byline and time, holds none)."""
    said = Counter(lines[i].text for i in stamps)
    if REPEATED_STAMPS * sum(n - 1 for n in said.values()) > len(stamps):
        return False
    if not _in_time_order([lines[i].text for i in stamps]):
        return False
    with_prose = sum(any(ln.kind is Kind.PROSE for ln in lines[a + 1:b]) for a, b in zip(stamps, stamps[1:], strict=False))
    return 2 * with_prose >= len(stamps) - 1


def _in_time_order(stamps: Sequence[str]) -> bool:
    """Whether entries follow one another in time (a thread, a live report, oldest or newest
    first): of two stamps in a row on the same day (the same text before the clock), the later
    is later each time, or earlier each time, and most stamps in a row are of one day. Teasers
    of related articles between a story's paragraphs come in no order of time."""
    days, minutes = [], []
    for text in stamps:
        clock = _CLOCK.search(text)
        if clock is None:
            return False
        hour, minute, half = int(clock[1]), int(clock[2]), (clock[3] or "").lower()
        hour = hour % 12 + (12 if half == "p" else 0) if half else hour
        days.append(text[:clock.start()])
        minutes.append(60 * hour + minute)
    steps = [b - a for a, b, d, e in zip(minutes, minutes[1:], days, days[1:], strict=False) if d == e]
    if 2 * len(steps) < len(stamps) - 1:
        return False
    return all(s >= 0 for s in steps) or all(s <= 0 for s in steps)


def _region(lines: Sequence[Line], stamps: Sequence[int], headline: int | None,
            runs: Sequence[tuple[int, int, int]]) -> Span | None:
    """The lines of a stream's entries: from its first stamp to its last, widened by the longest
    entry each way (entries sit under their stamp or over it) but not past the headline or the
    page's furniture, then to the whole prose runs at both ends."""
    step = max(b - a for a, b in zip(stamps, stamps[1:], strict=False))
    lo = stamps[0]
    floor = headline + 1 if headline is not None and headline < stamps[0] else 0
    while lo - 1 >= max(floor, stamps[0] - step) and lines[lo - 1].kind not in DROPPED:
        lo -= 1
    hi = stamps[-1] + 1
    while hi < min(len(lines), stamps[-1] + step + 1) and lines[hi].kind not in DROPPED:
        hi += 1
    for _, s, e in runs:
        if s < lo < e and s >= floor:
            lo = s
        if s < hi < e:
            hi = e
    prose = [i for i in range(lo, hi) if lines[i].kind is Kind.PROSE]
    return (prose[0], prose[-1] + 1) if prose else None


def stream_entries(lines: Sequence[Line], spans: list[Span], headline: int | None,
                   runs: Sequence[tuple[int, int, int]]) -> list[Span]:
    """``spans`` with the whole stream put in the place of a pick that lies inside one."""
    if not spans:
        return spans
    for stamps in _streams(lines):
        region = _region(lines, stamps, headline, runs)
        # The pick is an entry below the first stamp: a post above a thread keeps its place.
        if region is None or not any(stamps[0] <= s and e <= region[1] for s, e in spans):
            continue
        said = Counter(ln.text for ln in lines[region[0]:region[1]])
        keep = {i for i in range(*region) if said[lines[i].text] < FURNITURE_REPEATS
                and any(map(str.isalpha, lines[i].text))}
        keep.update(i for s, e in spans if not region[0] <= s < e <= region[1] for i in range(s, e))
        return _ranges(sorted(keep))
    return spans


def _ranges(indexes: Sequence[int]) -> list[Span]:
    """Sorted line indexes as [start, end) ranges of consecutive lines."""
    out: list[Span] = []
    for i in indexes:
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out
