"""Article text in short lines, which the block finder (weighing prose only) passes over.

A page whose article is all short lines (a dialogue, an agenda, a poem, a list of fields): the
block finder finds nothing there, or a stray sentence elsewhere. Under the page's headline, the
lines down to the first piece of page furniture (a share row, a comment form's notice, a sidebar
heading) are then the article. A list the block's last sentence announces with a colon (the
things a reader will need, the lines of a quoted verse) belongs to it, and so does a group of
records right above it (a recipe's quantities, a chronology's years, a fact sheet's fields), and
a chronicle (a CV's months and years, each over what happened then), more of the block's own
fields (a post's product credits) or the rest of the records it ends in right below it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .byline import has_byline_prefix
from .classify import DROPPED, LIST_LINES, Kind, Line
from .verdict import MIN_ARTICLE_WORDS, TITLE_SPLIT, title_key

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


def _counter(line: Line) -> bool:
    return line.text.isdigit()


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
        if _counter(lines[end]):
            end += 1  # a photo's like or comment count between captions: neither a label nor text
            continue
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
    if under is None:
        under = _fullest_run(lines, _title_repeats(lines))
    if under is None and chosen < MIN_ARTICLE_WORDS:
        under = _first_dated_run(lines)
    if under is None or sum(ln.words for ln in lines[under[0]:under[1]]) <= chosen:
        return spans
    return [under]


# The page title's pieces ("Headline - Outlet"). The headline finder reads pieces of 3+ words, so
# a post titled by two words (a date: "Blogposting 01/23/2020") leaves it the outlet's masthead,
# under which no article runs: then every line repeating a piece of 2+ words is tried.
TITLE_PIECE_WORDS = 2


def _title_repeats(lines: Sequence[Line]) -> list[int]:
    if not lines:
        return []
    pieces = {title_key(p) for p in TITLE_SPLIT.split(lines[0].text) if len(p.split()) >= TITLE_PIECE_WORDS}
    longest = max(map(len, pieces), default=0)
    return [i for i in range(1, len(lines)) if len(lines[i].text) <= longest and title_key(lines[i].text) in pieces]


def _first_dated_run(lines: Sequence[Line]) -> tuple[int, int] | None:
    """The run under the page's first date stamp that holds text (see ``headed_run``), or None.
    Only for a page whose chosen body is too short to be kept (or none) and where no headline
    runs (inscriptis drops the <title>): a short post under its date beats returning nothing;
    later dates are archives' and comments'."""
    return next(filter(None, (headed_run(lines, i) for i, ln in enumerate(lines) if ln.kind is Kind.STAMP)), None)


def _fullest_run(lines: Sequence[Line], anchors: list[int]) -> tuple[int, int] | None:
    """The run holding the most words under one of ``anchors`` (see ``headed_run``), or None."""
    runs = [run for run in map(lambda a: headed_run(lines, a), anchors) if run is not None]
    return max(runs, key=lambda r: sum(ln.words for ln in lines[r[0]:r[1]]), default=None)



# A list announced by the sentence closing the block ("You will need:", "sagen:", "the steps:"):
# its items are short lines the block finder does not weigh. They are the article down to the next
# prose, furniture or sidebar line, at most LIST_LINES lines, and never into a menu (MENU_LINES
# one- or two-word lines without a stop word).


def _last_kept(lines: Sequence[Line], start: int, end: int) -> int | None:
    return next((i for i in range(end - 1, start - 1, -1) if lines[i].kind not in DROPPED), None)


def _list_end(lines: Sequence[Line], intro: int, limit: int) -> int:
    end, menu = intro + 1, 0
    while end < limit and end - intro <= LIST_LINES and lines[end].kind is Kind.SHORT:
        menu = menu + 1 if _menu_like(lines[end]) else 0
        if menu >= MENU_LINES:
            return end - (MENU_LINES - 1)
        end += 1
    return end


def announced_lists(lines: Sequence[Line], spans: list[tuple[int, int]] | None) -> list[tuple[int, int]] | None:
    """``spans``, each carried on over the list its last sentence announces with a colon."""
    if not spans:
        return spans
    out = list(spans)
    for n, (start, end) in enumerate(out):
        intro = _last_kept(lines, start, end)
        if intro is None or lines[intro].kind is not Kind.PROSE or not lines[intro].text.endswith(":"):
            continue
        limit = out[n + 1][0] if n + 1 < len(out) else len(lines)
        out[n] = (start, max(end, _list_end(lines, intro, limit)))
    return out


# Records above the block: a group of short lines of one regular shape sitting a little above the
# article's prose. Such lines are not sentences, so the block finder passes over them, but a page
# shows them with its text. Two shapes: a line led by a number (an ingredient's quantity, a year of
# a chronology: "125 g flour", "1998 first plans ..."), and a field "Label: value" (a fact sheet, the
# header of minutes: "Place: town hall", "Format: paperback"). A numbered item ("3. ", breadcrumbs
# and rankings as inscriptis writes them), a lone number or a counter of two words ("4 comments"),
# and a clock time (a live feed's "11:14 Name") are no records; a label holds neither digits nor
# brackets (a caption's "(Photo: ...)", a bulleted "o Windows 10: ..." teaser).
RECORD_MIN_WORDS = 3
# At least MIN_RECORDS records, at most RECORD_REACH lines between the lowest one and the block (a
# recipe's nutrition table, its times), within RECORD_LOOK lines above the block. Number-led records
# may have up to NUMBER_GAP other lines between them (a subheading such as "For the filling:");
# fields follow one another (headlines with a colon are scattered through menus and teaser lists).
MIN_RECORDS = 3
NUMBER_GAP = 2
FIELD_GAP = 0
RECORD_REACH = 15
RECORD_LOOK = 45
_NUMBERED_ITEM = re.compile(r"\d{1,3}[.)](?:\s|$)")
_CLOCK_START = re.compile(r"\d{1,2}:\d{2}\b")
# A flattener's list bullet before a record (inscriptis writes "* ", "+ ", "o " by nesting level).
_RECORD_BULLET = re.compile(r"(?:[*+o•·▪–-] )+")
_FIELD = re.compile(r"[^\W\d_][^\W\d_'’.-]+(?: [^\W\d_'’.-]+){0,2}: \S")


def _number_led(line: Line) -> bool:
    text = line.text
    if not text[:1].isdigit():
        bullet = _RECORD_BULLET.match(text)
        text = text[bullet.end():] if bullet else text
    return (text[:1].isdigit() and line.words >= RECORD_MIN_WORDS and len(text.split()) >= RECORD_MIN_WORDS
            and _NUMBERED_ITEM.match(text) is None and _CLOCK_START.match(text) is None)


def _field(line: Line) -> bool:
    return line.kind in (Kind.SHORT, Kind.STAMP) and _FIELD.match(line.text) is not None


def _records_top(lines: Sequence[Line], start: int, floor: int, record: Callable[[Line], bool],
                 max_gap: int) -> int | None:
    """The first line of the group of ``record`` lines right above ``start`` (lines above
    ``floor`` are not read; at most ``max_gap`` other lines between two records), or None."""
    top, count, gap, since = None, 0, 0, 0
    for i in range(start - 1, max(floor, start - 1 - RECORD_LOOK), -1):
        line = lines[i]
        if line.kind is Kind.CHROME or line.words == 0:
            continue  # a share button or an empty bullet between records
        if line.kind in DROPPED:
            break  # boilerplate, a sidebar heading or a caption ends the reach
        if record(line):
            if not count and gap > RECORD_REACH:
                return None
            count, top, since = count + 1, i, 0
        elif count:
            since += 1
            if since > max_gap:
                break
        else:
            gap += 1
    return top if count >= MIN_RECORDS else None


def records_above(lines: Sequence[Line], spans: list[tuple[int, int]] | None) -> list[tuple[int, int]] | None:
    """``spans``, each started at the group of records right above it (not above the span before)."""
    if not spans:
        return spans
    out = list(spans)
    for n, (start, end) in enumerate(out):
        floor = out[n - 1][1] - 1 if n else -1
        tops = [t for t in (_records_top(lines, start, floor, _number_led, NUMBER_GAP),
                            _records_top(lines, start, floor, _field, FIELD_GAP)) if t is not None]
        if tops:
            out[n] = (min(tops), end)
    return out


# A chronicle right below the block (a CV, the history of a band or a building): dates of a month
# or a year alone ("October 2015", "2008-2012", "from 2010"), each over one to CHRONICLE_ITEMS lines
# saying what happened then, at least MIN_CHRONICLE_DATES of them, the first at most CHRONICLE_GAP
# lines below the block (a subheading, a link to a press kit). A feed's teasers carry full dates
# ("22 July 2019", "12.03.2019") and an archive menu lists dates without items: neither is read.
# Above the block such dates are mostly archive menus and feeds over the article: not read there.
CHRONICLE_GAP = 4
CHRONICLE_ITEMS = 3
MIN_CHRONICLE_DATES = 3
CHRONICLE_DATE_WORDS = 4
_DIGITS = re.compile(r"\d+")


def _coarse_date(line: Line) -> bool:
    if line.kind is not Kind.STAMP or line.words > CHRONICLE_DATE_WORDS:
        return False
    numbers = _DIGITS.findall(line.text)
    return bool(numbers) and all(len(n) == 4 for n in numbers)


def _chronicle_end(lines: Sequence[Line], end: int, limit: int) -> int | None:
    """The end of the chronicle starting at most CHRONICLE_GAP lines below ``end`` (lines from
    ``limit`` on are not read), or None when there is none."""
    i = end
    while i < limit and not _coarse_date(lines[i]):
        if lines[i].kind in DROPPED or i - end >= CHRONICLE_GAP:
            return None
        i += 1
    dates, last = 0, None
    while i < limit and _coarse_date(lines[i]):
        j = i + 1
        while (j < limit and j - i <= CHRONICLE_ITEMS and lines[j].kind not in DROPPED
               and lines[j].kind is not Kind.STAMP):
            j += 1
        if j == i + 1:
            break  # a date over no item: an archive's list of months
        dates, last, i = dates + 1, j, j
    return last if dates >= MIN_CHRONICLE_DATES else None


# Fields that go on below the block: a post whose paragraphs carry credits ("Earrings: Brand", "Author:
# Name") or whose exercises end in "Solution: ..." lines, when the block holds MIN_BLOCK_FIELDS such
# fields, continues over MIN_MORE_FIELDS or more of them below, with prose and verses between and
# at most FIELD_OTHER_LINES other line (a subheading) in a row, to the last field or prose line. A
# single field below a block is mostly a teaser or a "Back to:" link; furniture and date stamps end it.
MIN_BLOCK_FIELDS = 2
MIN_MORE_FIELDS = 2
FIELD_OTHER_LINES = 1


def _fields_end(lines: Sequence[Line], start: int, end: int, limit: int) -> int | None:
    if sum(map(_field, lines[start:end])) < MIN_BLOCK_FIELDS:
        return None
    last, other, fields = end, 0, 0
    for i in range(end, limit):
        line = lines[i]
        if line.kind in DROPPED or line.kind is Kind.STAMP:
            break
        if _field(line) or line.kind is Kind.PROSE or line.verse:
            fields += _field(line)
            last, other = i + 1, 0
            continue
        other += 1
        if other > FIELD_OTHER_LINES:
            break
    return last if fields >= MIN_MORE_FIELDS else None


# A block that ends in a group of number-led records (a chronology's years, a recipe's quantities,
# its start found by ``records_above``) goes on over the group's records right below it, at most
# NUMBER_GAP other lines between two of them: the block finder cut the group at its last sentence.
# Records below a block that ends in prose are mostly result lists and dated feeds: not read.


def _records_end(lines: Sequence[Line], start: int, end: int, limit: int) -> int | None:
    """The end of the group of number-led records the block ends in, when it goes on below the
    block (lines from ``limit`` on are not read), or None."""
    if not _number_led(lines[end - 1]) or sum(map(_number_led, lines[start:end])) < MIN_RECORDS:
        return None
    last, gap = None, 0
    for i in range(end, limit):
        if lines[i].kind in DROPPED:
            break
        if _number_led(lines[i]):
            last, gap = i + 1, 0
        else:
            gap += 1
            if gap > NUMBER_GAP:
                break
    return last


def carried_below(lines: Sequence[Line], spans: list[tuple[int, int]] | None) -> list[tuple[int, int]] | None:
    """``spans``, each carried on over the chronicle, the fields or the records right below it (not
    into the next span)."""
    if not spans:
        return spans
    out = list(spans)
    for n, (start, end) in enumerate(out):
        limit = out[n + 1][0] if n + 1 < len(out) else len(lines)
        found = _chronicle_end(lines, end, limit)
        if found is None:
            found = _fields_end(lines, start, end, limit)
        if found is None:
            found = _records_end(lines, start, end, limit)
        if found is not None:
            out[n] = (start, found)
    return out
