"""The article block of a classified page: the heaviest run of prose lines joined by *soft* gaps
(a subheading, one stray boilerplate line); a sidebar heading or a cluster of boilerplate is a
*hard* gap that ends it. Table and list rows, verses, comment threads, feed teasers and menus of
templated links are read here, from the lines' classes (``classify``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field

from .byline import has_byline_prefix
from .classify import (
    _HAS_DIGIT,
    BOILERPLATE_COST,
    BYLINE_MAX_WORDS,
    BYLINE_REACH,
    CAPTION_COST,
    GAP_LINE_COST,
    HARD_GAP_LINES,
    HEADLINE_REACH,
    MAX_LINE_WEIGHT,
    MIN_ROW_NUMBERS,
    MIN_ROW_WORDS,
    MIN_ROWS,
    READ_ON_CHARS,
    SIDEBAR_COST,
    SIDEBAR_DISCOUNT,
    STAMP_COST,
    THREAD_DISCOUNT,
    THREAD_MIN_POSTS,
    THREAD_SEGMENT_LINES,
    VERSE_DISCOUNT,
    Kind,
    Line,
)
from .lexicon import lexicon

# Enum members read once: Kind.X costs ~120 ns a look-up (10x a name), and these run per line.
_BOILERPLATE, _PROSE, _SHORT, _STAMP = Kind.BOILERPLATE, Kind.PROSE, Kind.SHORT, Kind.STAMP


def _gap_is_hard(gap: Sequence[Line]) -> bool:
    # One boilerplate line and a subheading ("Read more: ...", then the next section's heading)
    # sit inside articles; two boilerplate lines, or one among a longer run of short lines, are a
    # cluster that ends it.
    n_boiler = sum(1 for ln in gap if ln.kind is _BOILERPLATE)
    return n_boiler >= 2 or (n_boiler == 1 and len(gap) >= HARD_GAP_LINES)


_COST = {_BOILERPLATE: BOILERPLATE_COST, Kind.SIDEBAR: SIDEBAR_COST, _STAMP: STAMP_COST, Kind.CAPTION: CAPTION_COST}


# A numbered item ("3. Title"): a table of contents or the numbered headings of a list article,
# which sit inside articles; menus and feeds are not numbered.
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s")
NUMBERED_COST = 20
# A label of a structured text ("Background:", "Methods:", "Q:") right over its paragraph costs as
# little as a numbered heading; over a list of links ("Read also:", "Related:") it costs as usual.
LABEL_WORDS = 2
# A line without words (a bullet, a rule) is what a flattener leaves of an empty element.
EMPTY_COST = 20


def _line_cost(line: Line) -> int:
    if line.kind is _SHORT:
        if line.words == 0:
            return EMPTY_COST  # a bullet or a rule without words: what a flattener leaves of an empty element
        if _NUMBERED.match(line.text):
            return NUMBERED_COST
    return _COST.get(line.kind, GAP_LINE_COST)


def _gap_cost(gap: Sequence[Line], nxt: Line) -> int:
    """The cost of crossing ``gap`` to the line ``nxt``."""
    cost = sum(map(_line_cost, gap))
    if gap and nxt.kind is _PROSE and (last := gap[-1]).kind is _SHORT and 0 < last.words <= LABEL_WORDS and (
            last.text[-1] == ":"):
        cost += NUMBERED_COST - GAP_LINE_COST  # a label right over its paragraph (not a verse, a list row)
    return cost


def _weight(line: Line) -> int:
    return min(len(line.text), MAX_LINE_WEIGHT)


# A word holding a digit. Tried at word starts only (\b): the same matches as without, as a word
# without a digit has none from any of its positions, but not retried at each of them.
_NUMBER_WORD = re.compile(r"\b\w*\d\w*")
# A numbered or bulleted item: "3) ...", "12. ...", "- ...", "• ...".
_LIST_MARK = re.compile(r"^(?:\(?\d{1,3}[.)]|[-•*–·▪►])\s")


_ROW_KINDS = (_SHORT, _STAMP)  # a tuple: tested by identity, an Enum hashes in Python


def _row_kind(line: Line) -> int:
    """2 for a numbered or bulleted item, 1 for a line with several numbers, 0 for neither."""
    if line.words < MIN_ROW_WORDS or line.kind not in (_SHORT, _STAMP):
        return 0
    if _LIST_MARK.match(line.text):
        return 2
    if _HAS_DIGIT.search(line.text) is None:
        return 0
    return 1 if len(_NUMBER_WORD.findall(line.text)) >= MIN_ROW_NUMBERS else 0


def table_rows(lines: Sequence[Line]) -> set[int]:
    """Indexes of table and list runs, which count as article text like prose: at least MIN_ROWS
    consecutive short lines with several numbers (standings, schedules, results) or numbered or
    bulleted items; one short line between two numbered items (a link, a price) joins the run."""
    rows: set[int] = set()
    # Most lines are ruled out by words and class: the call is spared for them.
    kinds = [_row_kind(ln) if ln.words >= MIN_ROW_WORDS and ln.kind in _ROW_KINDS else 0 for ln in lines]
    run: list[int] = []
    for i in [i for i, k in enumerate(kinds) if k] + [len(lines) + 2]:
        step = i - run[-1] if run else 1
        if step > 2 or (step == 2 and (kinds[run[-1]] != 2 or i >= len(lines) or kinds[i] != 2)):
            if len(run) >= MIN_ROWS:
                # Items with a line between them (a link, a price) have one after the last item too.
                end = run[-1] + 2 if run[-1] - run[-2] == 2 else run[-1] + 1
                rows.update(j for j in range(run[0], min(end, len(lines))) if lines[j].kind in (_SHORT, _STAMP))
            run = []
        run.append(i)
    return rows


def verses(lines: Sequence[Line]) -> set[int]:
    """Indexes of verse lines in runs of two or more (a poem, lyrics, an agenda): a lone one
    between teasers is a headline, and a bulleted one is a link in a list."""
    marked = [ln.verse and _LIST_MARK.match(ln.text) is None for ln in lines]
    return {i for i, m in enumerate(marked) if m and ((i > 0 and marked[i - 1]) or (i + 1 < len(lines) and marked[i + 1]))}


@dataclass(slots=True)
class Marks:
    """What the block finder read off a page (line indexes), for the learned scorer to reuse."""

    headline: int | None = None
    span: tuple[int, int] | None = None
    thread: set[int] = field(default_factory=set)
    teasers: set[int] = field(default_factory=set)
    rows: set[int] = field(default_factory=set)
    verse_run: set[int] = field(default_factory=set)
    first_sidebar: int = 0
    runs: list[tuple[int, int, int]] = field(default_factory=list)  # (weight, start, end) of each run


def main_block(lines: Sequence[Line], headline: int | None = None,
               repeats: Sequence[int] = (), marks: Marks | None = None) -> tuple[int, int] | None:
    """``[start, end)`` line range of the heaviest prose run, or None when there is no prose.

    Prose lines and table rows weigh their length, lines between them cost a fixed amount, and a hard gap
    cannot be crossed: a maximum-sum run (Kadane) over that sequence. A run starting just
    below the ``headline`` line (the page title repeated as a heading), or below another of its
    ``repeats`` (the same title shown again, as over a teaser list and the article), weighs double.
    ``marks``, when given, receives what was read off the page on the way.
    """
    rows = table_rows(lines)
    verse_run = verses(lines)
    links = _template_links(lines)
    # A menu's templated links are no verses or list rows of an article.
    prose = sorted(({i for i, ln in enumerate(lines) if ln.kind is _PROSE} | rows | verse_run) - links)
    if not prose:
        return None

    headline = _headline_over_prose(headline, repeats, [i for i in prose if lines[i].kind is _PROSE])
    headed = _header_start(lines, rows) if headline is None else None
    thread = comment_lines(lines)
    read_on = lexicon().read_on
    teasers = {i for i in prose if i + 1 < len(lines) and len(lines[i + 1].text) <= READ_ON_CHARS
               and read_on.match(lines[i + 1].text.lower())}

    heads = sorted({*repeats, headline} - {None})

    # The first prose line under each repeat of the headline (within reach) starts the article:
    # only a run starting there weighs double, not a comment thread a few lines further down.
    firsts = {next((i for i in prose if i > h), -1) for h in heads}
    starts = {i for i in firsts if any(0 < i - h <= HEADLINE_REACH for h in heads)} | {headed}

    def boosted(weight: int, start: int) -> int:
        return weight * 2 if start in starts else weight

    # The first sidebar heading below the article's first paragraph (the first prose line under
    # the headline): the "Share this" or "Tags" above an article are no such heading.
    opening = next((i for i in prose if headline is None or i > headline), len(lines))
    first_sidebar = next((i for i in range(opening + 1, len(lines)) if lines[i].kind is Kind.SIDEBAR), len(lines))

    def weigh(i: int) -> int:
        # Below a sidebar heading ("Related", "Most read") a prose line standing alone between
        # other lines (labels, share buttons, dates) is a teaser; paragraphs come in runs.
        # A list item there is a teaser's headline too.
        if i > first_sidebar and (lines[i].kind is not _PROSE or (lines[i - 1].kind is not _PROSE and (
                i + 1 == len(lines) or lines[i + 1].kind is not _PROSE))):
            return _weight(lines[i]) // SIDEBAR_DISCOUNT
        if i in thread or i in teasers:
            return _weight(lines[i]) // THREAD_DISCOUNT
        if lines[i].verse:
            return _weight(lines[i]) // VERSE_DISCOUNT
        return _weight(lines[i])

    runs = _runs(lines, prose, weigh, boosted, links)
    best = max(runs, key=lambda run: run[0])  # the first of equals, as the runs come
    if marks is not None:
        marks.headline, marks.span, marks.thread, marks.teasers = headline, (best[1], best[2]), thread, teasers
        marks.rows, marks.verse_run, marks.first_sidebar, marks.runs = rows, verse_run, first_sidebar, runs
    return best[1], best[2]


def _headline_over_prose(headline: int | None, repeats: Sequence[int], prose: Sequence[int]) -> int | None:
    """The page title's repeat that heads the article: the last one over a paragraph run (two
    prose lines together, ``prose`` holding no verses or list rows) within reach below, else the
    last over any prose within reach, else the last. A repeat in a list of headlines further down
    (most read, a footer) heads no text, or a lone teaser line."""
    if headline is None:
        return None
    over: list[int] = []
    over_run: list[int] = []
    for h in sorted({*repeats, headline}):
        k = bisect_right(prose, h)
        if k < len(prose) and prose[k] - h <= HEADLINE_REACH:
            over.append(h)
            if k + 1 < len(prose) and prose[k + 1] - prose[k] <= 2:
                over_run.append(h)
    return (over_run or over or [headline])[-1]


# A menu's links made from one template: at least TEMPLATE_MIN distinct short lines ending in the
# same TEMPLATE_WORDS words ("Courses ... open this page", "Weather ... open this page").
TEMPLATE_MIN = 5
TEMPLATE_WORDS = 3
# This many of them between two prose lines end a run, as two boilerplate lines do: a mega-menu's
# descriptions between its links read as prose and, run together, outweighed the article.
TEMPLATE_GAP_LINKS = 2


def _template_links(lines: Sequence[Line]) -> set[int]:
    """Indexes of the lines of menus made from one template (see TEMPLATE_MIN)."""
    tails: dict[str, set[int]] = {}
    # The last words of each short line (rsplit splits those off only); one comprehension, as
    # this runs over every line of every page.
    ends = [(i, ln.text.rsplit(None, TEMPLATE_WORDS)[1:]) for i, ln in enumerate(lines)
            if ln.words > TEMPLATE_WORDS and ln.kind is _SHORT]
    for i, tail in ends:
        # Words of three letters or more, not a table's cells or codes.
        if len(tail) == TEMPLATE_WORDS and "".join(tail).isalpha() and min(map(len, tail)) >= 3:
            tails.setdefault(" ".join(tail).lower(), set()).add(i)
    out: set[int] = set()
    for found in tails.values():
        if len(found) >= TEMPLATE_MIN and len({lines[i].text for i in found}) >= TEMPLATE_MIN:
            out |= found
    return out


def _runs(lines: Sequence[Line], prose: Sequence[int], weigh: Callable[[int], int],
          boosted: Callable[[int, int], int], links: Set[int] = frozenset()) -> list[tuple[int, int, int]]:
    """(weight, start, end) of the heaviest part of each run of prose (Kadane: a run restarts
    after a hard gap, TEMPLATE_GAP_LINKS of a menu's ``links``, or when the gaps cost more than it
    weighs), in page order."""
    runs: list[tuple[int, int, int]] = []
    start, weight = prose[0], weigh(prose[0])
    best = (boosted(weight, start), start, start + 1)
    for prev, cur in zip(prose, prose[1:], strict=False):
        gap = lines[prev + 1:cur]
        cur_len = weigh(cur)
        cost = _gap_cost(gap, lines[cur])
        if _gap_is_hard(gap) or weight - cost <= 0 or (
                links and sum(1 for j in range(prev + 1, cur) if j in links) >= TEMPLATE_GAP_LINKS):
            runs.append(best)
            start, weight = cur, cur_len
            best = (boosted(weight, start), start, cur + 1)
        else:
            weight += cur_len - cost
        if boosted(weight, start) > best[0]:
            best = (boosted(weight, start), start, cur + 1)
    runs.append(best)
    return runs


_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}\b")
_FULL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _post_stamp(line: Line) -> bool:
    """A stamp with a date and a clock time ("Ana May 2, 2015 at 10:25 pm"): what each comment
    of a thread carries (a live blog's entries carry a time alone)."""
    return line.kind is _STAMP and _CLOCK.search(line.text) is not None and _FULL_YEAR.search(line.text) is not None


def comment_lines(lines: Sequence[Line]) -> set[int]:
    """Indexes of the lines of a comment thread: short segments (at most THREAD_SEGMENT_LINES
    lines) each under a stamp with date and time, at least THREAD_MIN_POSTS of them on the page.
    An article under its own time stamp runs longer than a comment before the next stamp."""
    stamps = [i for i, ln in enumerate(lines) if _post_stamp(ln)]
    if len(stamps) < THREAD_MIN_POSTS:
        return set()
    out: set[int] = set()
    segments = list(zip(stamps[1:], [*stamps[2:], len(lines)], strict=True))
    short = [0 < nxt - s - 1 <= THREAD_SEGMENT_LINES for s, nxt in segments]
    # Where most comments are short, the long ones between them are comments too (a reader's
    # essay under its stamp); the last segment runs to the page's end and counts only when short.
    most = sum(short) >= THREAD_MIN_POSTS and 2 * sum(short) >= len(short)
    for (s, nxt), is_short in zip(segments, short, strict=True):
        if is_short or (most and nxt < len(lines)):
            out.update(range(s + 1, nxt))
    return out if len(out) >= THREAD_MIN_POSTS else set()


def _header_start(lines: Sequence[Line], rows: set[int]) -> int | None:
    """The first prose line right below a byline ("By ...") or a date stamp: where an article's
    text starts under its header, when the page's headline could not be found. Only the first:
    a feed repeats byline and date over every teaser below it."""
    for i, line in enumerate(lines):
        if line.kind is not _PROSE:
            continue
        for j in range(max(0, i - BYLINE_REACH), i):
            above = lines[j]
            if j not in rows and (above.kind is _STAMP or (
                    above.words <= BYLINE_MAX_WORDS and has_byline_prefix(above.text))):
                return i
    return None


def block_lines(lines: Sequence[Line], span: tuple[int, int]) -> list[str]:
    """The article lines of a block: boilerplate and sidebar lines inside it dropped."""
    return [ln.text for ln in lines[span[0]:span[1]] if ln.kind in (_PROSE, _SHORT, _STAMP)]
