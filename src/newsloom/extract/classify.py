"""Line classifier for page text: prose, short lines, boilerplate; and the main-block finder.

Each line gets a class from cheap features (length, closing punctuation, stop-word density,
call-to-action vocabulary, sidebar headings, repetition). The article is the heaviest run of
prose lines joined by *soft* gaps (a subheading, one stray boilerplate line); a sidebar heading
or a cluster of boilerplate is a *hard* gap that ends it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .byline import has_byline_prefix
from .lexicon import lexicon, stoplist_and_language

_WORD = re.compile(r"\w+")
_TERMINAL = tuple(".!?…\"”’'»:。！？」")
_YEAR_OR_TIME = re.compile(r"(?<!\d)(?:1[89]\d\d|2\d\d\d)(?!\d)|\d{1,2}[:.h]\d{2}\b")
# A stamp is a short line with a year or a clock time where numbers are a large share of the words.
MAX_STAMP_WORDS = 14
MIN_STAMP_DIGIT_SHARE = 0.25

# Longer lines ending in a credit are prose that cites its source, not a caption.
MAX_CAPTION_CHARS = 400
# A prose line has at least this many words when it ends like a sentence, or LONG_WORDS without.
MIN_PROSE_WORDS = 7
LONG_WORDS = 25
MIN_STOP_DENSITY = 0.15
# A short line of at least MIN_VERSE_WORDS words, MIN_VERSE_STOPS of them stop words, is a verse
# (a line of a poem, a list, an agenda): articles made of such lines weigh as prose, divided by
# VERSE_DISCOUNT.
MIN_VERSE_WORDS = 5
MIN_VERSE_STOPS = 0.3
VERSE_DISCOUNT = 2
# Below this share of stop words over the whole text the language has no stop-word list here
# (Korean, Chinese, ...): density is then not used.
MIN_DOC_STOP_SHARE = 0.05
# Weight (in characters) a block loses per non-prose line inside it: a feed of teasers, each under
# a headline and a label, weighs less than an article of paragraphs under a few subheadings.
GAP_LINE_COST = 80
BOILERPLATE_COST = 150
STAMP_COST = 150
# Captions sit between an article's paragraphs (its photos), rarely in menus or feeds: crossing
# one costs little.
CAPTION_COST = 20
# A sidebar heading usually ends the article, but "Related stories" boxes also sit inside it.
SIDEBAR_COST = 800
# A comment thread: at least THREAD_MIN_POSTS stamps with date and time, each over at most
# THREAD_SEGMENT_LINES lines; its prose weighs a quarter (the article above it comes in one run).
THREAD_MIN_POSTS = 3
THREAD_SEGMENT_LINES = 5
THREAD_DISCOUNT = 4
# A paragraph followed by a "Read more" link (at most this long) is a teaser in a feed: it weighs
# as little as a comment.
READ_ON_CHARS = 40
# A gap of this many lines holding one boilerplate line cannot be crossed.
HARD_GAP_LINES = 3
SIDEBAR_DISCOUNT = 2
# A paragraph weighs its length up to this: longer single lines are mostly hidden copies of the
# whole story (microdata, descriptions) that would otherwise outweigh the real paragraphs.
MAX_LINE_WEIGHT = 1200
# A table or list row: a short line of at least MIN_ROW_WORDS words of which MIN_ROW_NUMBERS hold
# digits, in a run of at least MIN_ROWS such lines.
MIN_ROW_WORDS = 4
MIN_ROW_NUMBERS = 2
MIN_ROWS = 4
# How many lines below the repeated headline the article may start.
HEADLINE_REACH = 15
# Without a repeated headline (flatteners that drop <title>), a byline or a date stamp at most
# this many lines above a run marks the article's header: the run weighs double.
BYLINE_REACH = 3
BYLINE_MAX_WORDS = 12


class Kind(Enum):
    PROSE = "prose"
    SHORT = "short"  # headings, captions, list items: kept only inside the article block
    BOILERPLATE = "boilerplate"
    STAMP = "stamp"  # a date or time alone: kept inside the article, but a feed marks each item so
    CHROME = "chrome"  # a control or label (Share, Advertisement): dropped, but costs like SHORT
    CAPTION = "caption"  # an image caption with its credit: dropped, but a sign of the article's images
    SIDEBAR = "sidebar"  # a heading that opens a feed or a list of links


@dataclass(slots=True)
class Line:
    text: str
    kind: Kind
    words: int
    # A short line that reads like a sentence (enough words, many of them stop words): a verse, a
    # list item, a Q&A line. Teaser headlines and menu labels drop the little words.
    verse: bool = False


# Chinese, Japanese and Thai write words without spaces between them: there, this many
# characters count as one word when an article's length is judged.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
CHARS_PER_UNSPACED_WORD = 2


def word_count(text: str) -> int:
    """Words of ``text``: split on spaces (close enough to \\w+ tokens for length bounds), plus
    characters of unspaced scripts, so a Chinese or Japanese article is not "too little text"."""
    n = len(text.split())
    if text.isascii():
        return n
    return n + len(_UNSPACED.findall(text)) // CHARS_PER_UNSPACED_WORD


# A long line without a sentence end where this share of the words hold digits is a list run
# together (an archive or category menu: "March 2024 (12) February 2024 (9) ..."), not prose.
NUMERIC_LIST_SHARE = 0.3


def _numeric_list(words: list[str]) -> bool:
    return sum(1 for w in words if _HAS_DIGIT.search(w)) >= NUMERIC_LIST_SHARE * len(words)


_HAS_DIGIT = re.compile(r"\d")
# A long line without a sentence end where this share of the words start with a capital is a tag
# cloud or a list of names run together ("Alltag Architektur Bahn Basel ..."); German prose, with
# its capitalised nouns, stays well below it.
CAPITALISED_LIST_SHARE = 0.75


def _capitalised_list(line: str) -> bool:
    words = line.split()
    return sum(1 for w in words if w[:1].isupper()) >= CAPITALISED_LIST_SHARE * len(words)


def _is_stamp(low: str, words: list[str]) -> bool:
    if not 0 < len(words) <= MAX_STAMP_WORDS or low.endswith(".") or not _YEAR_OR_TIME.search(low):
        return False
    return sum(1 for w in words if w[0].isdigit()) >= MIN_STAMP_DIGIT_SHARE * len(words)

# Lines at most this long (menus, labels, share rows) repeat within and across pages: their
# lexicon verdict is memoised; a longer line is rarely seen twice.
SHORT_LINE_CHARS = 80


@lru_cache(maxsize=1 << 16)
def _lexicon_kind(low: str, n: int) -> Kind | None:
    """The lexicon's class for a lower-cased line of ``n`` words (an outlet's learned lines are
    the caller's): sidebar heading, boilerplate, chrome, caption, or None."""
    lex = lexicon()
    if lex.line_gate is not None and lex.line_gate.search(low) is None:
        return None
    if len(low) <= 80 and lex.sidebar_heading.match(low.strip(" \t:")):
        return Kind.SIDEBAR
    # call_to_action and appeals share one trigger list: one search per line serves both.
    triggers = lex.call_to_action.triggers
    triggered = n > 1 and (triggers is None or triggers.search(low) is not None)
    if (len(low) <= lex.max_cta_chars and lex.call_to_action.search(low, n > 1, triggered)) or (
            n >= MIN_PROSE_WORDS and lex.appeals.search(low, triggered=triggered)):
        return Kind.BOILERPLATE
    if len(low) <= 80 and lex.page_chrome.search(low.strip()):
        return Kind.CHROME
    if len(low) <= MAX_CAPTION_CHARS and lex.captions.search(low):
        return Kind.CAPTION
    return None


def _sample_words(words: Sequence[list[str]], limit: int = 600) -> list[str]:
    """Words of sentence-length lines (menus are often English on any site), up to ``limit``."""
    sample: list[str] = []
    for ws in words:
        if len(ws) >= MIN_PROSE_WORDS:
            sample.extend(ws)
            if len(sample) >= limit:
                break
    return sample or [w for ws in words for w in ws][:limit]


def classify_lines(lines: Sequence[str], known: Callable[[str], bool] | None = None,
                   info: dict[str, str | None] | None = None) -> list[Line]:
    """Classify stripped, non-empty ``lines``; ``known(line)`` flags lines learned as boilerplate.
    ``info``, when given, receives the guessed ``language`` of the page's sentences."""
    lowered = [line.lower() for line in lines]
    words = [_WORD.findall(low) for low in lowered]
    stops, language = stoplist_and_language(_sample_words(words))
    if info is not None:
        info["language"] = language
    if _UNSPACED.search("\n".join(lowered)):
        # Unspaced scripts: a line's length in words is estimated from its characters.
        words_n = [word_count(low) if not low.isascii() else len(ws) for low, ws in zip(lowered, words, strict=True)]
    else:
        words_n = [len(ws) for ws in words]
    n_words = sum(len(w) for w in words)
    is_stop = stops.__contains__
    n_stops = [len(list(filter(is_stop, ws))) for ws in words]  # filter runs in C: 2x a generator
    use_density = n_words > 0 and sum(n_stops) / n_words >= MIN_DOC_STOP_SHARE
    out: list[Line] = []
    for line, low, ws, stop_count, n in zip(lines, lowered, words, n_stops, words_n, strict=True):
        marked = _lexicon_kind(low, n) if len(low) <= SHORT_LINE_CHARS else _lexicon_kind.__wrapped__(low, n)
        kind = Kind.SHORT
        if marked is Kind.SIDEBAR or marked is Kind.BOILERPLATE:
            kind = marked
        elif known is not None and known(line):
            kind = Kind.BOILERPLATE
        elif marked is not None:
            kind = marked
        elif n >= MIN_PROSE_WORDS and (line.endswith(_TERMINAL) or (
                n >= LONG_WORDS and not _numeric_list(ws) and not _capitalised_list(line))):
            if not use_density or stop_count / n >= MIN_STOP_DENSITY:
                kind = Kind.PROSE
        elif _is_stamp(low, ws):
            kind = Kind.STAMP
        verse = kind is Kind.SHORT and n >= MIN_VERSE_WORDS and use_density and stop_count >= MIN_VERSE_STOPS * n
        out.append(Line(line, kind, n, verse))
    return out


def _gap_is_hard(gap: Sequence[Line]) -> bool:
    # One boilerplate line and a subheading ("Read more: ...", then the next section's heading)
    # sit inside articles; two boilerplate lines, or one among a longer run of short lines, are a
    # cluster that ends it.
    n_boiler = sum(1 for ln in gap if ln.kind is Kind.BOILERPLATE)
    return n_boiler >= 2 or (n_boiler == 1 and len(gap) >= HARD_GAP_LINES)


_COST = {Kind.BOILERPLATE: BOILERPLATE_COST, Kind.SIDEBAR: SIDEBAR_COST, Kind.STAMP: STAMP_COST, Kind.CAPTION: CAPTION_COST}
# Kinds never kept as article text.
DROPPED = frozenset({Kind.BOILERPLATE, Kind.CHROME, Kind.CAPTION, Kind.SIDEBAR})


# A numbered item ("3. Title"): a table of contents or the numbered headings of a list article,
# which sit inside articles; menus and feeds are not numbered.
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s")
NUMBERED_COST = 20
# A line without words (a bullet, a rule) is what a flattener leaves of an empty element.
EMPTY_COST = 20


def _line_cost(line: Line) -> int:
    if line.kind is Kind.SHORT:
        if line.words == 0:
            return EMPTY_COST  # a bullet or a rule without words: what a flattener leaves of an empty element
        if _NUMBERED.match(line.text):
            return NUMBERED_COST
    return _COST.get(line.kind, GAP_LINE_COST)


def _gap_cost(gap: Sequence[Line]) -> int:
    return sum(map(_line_cost, gap))


def _weight(line: Line) -> int:
    return min(len(line.text), MAX_LINE_WEIGHT)


_NUMBER_WORD = re.compile(r"\w*\d\w*")
# A numbered or bulleted item: "3) ...", "12. ...", "- ...", "• ...".
_LIST_MARK = re.compile(r"^(?:\(?\d{1,3}[.)]|[-•*–·▪►])\s")


def _row_kind(line: Line) -> int:
    """2 for a numbered or bulleted item, 1 for a line with several numbers, 0 for neither."""
    if line.words < MIN_ROW_WORDS or line.kind not in (Kind.SHORT, Kind.STAMP):
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
    kinds = [_row_kind(ln) for ln in lines]
    run: list[int] = []
    for i in [i for i, k in enumerate(kinds) if k] + [len(lines) + 2]:
        step = i - run[-1] if run else 1
        if step > 2 or (step == 2 and (kinds[run[-1]] != 2 or i >= len(lines) or kinds[i] != 2)):
            if len(run) >= MIN_ROWS:
                # Items with a line between them (a link, a price) have one after the last item too.
                end = run[-1] + 2 if run[-1] - run[-2] == 2 else run[-1] + 1
                rows.update(j for j in range(run[0], min(end, len(lines))) if lines[j].kind in (Kind.SHORT, Kind.STAMP))
            run = []
        run.append(i)
    return rows


def verses(lines: Sequence[Line]) -> set[int]:
    """Indexes of verse lines in runs of two or more (a poem, lyrics, an agenda): a lone one
    between teasers is a headline, and a bulleted one is a link in a list."""
    marked = [ln.verse and _LIST_MARK.match(ln.text) is None for ln in lines]
    return {i for i, m in enumerate(marked) if m and ((i > 0 and marked[i - 1]) or (i + 1 < len(lines) and marked[i + 1]))}


def main_block(lines: Sequence[Line], headline: int | None = None,
               repeats: Sequence[int] = ()) -> tuple[int, int] | None:
    """``[start, end)`` line range of the heaviest prose run, or None when there is no prose.

    Prose lines and table rows weigh their length, lines between them cost a fixed amount, and a hard gap
    cannot be crossed: a maximum-sum run (Kadane) over that sequence. A run starting just
    below the ``headline`` line (the page title repeated as a heading), or below another of its
    ``repeats`` (the same title shown again, as over a teaser list and the article), weighs double.
    """
    rows = table_rows(lines)
    prose = sorted({i for i, ln in enumerate(lines) if ln.kind is Kind.PROSE} | rows | verses(lines))
    if not prose:
        return None

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
        if i > first_sidebar and (lines[i].kind is not Kind.PROSE or (lines[i - 1].kind is not Kind.PROSE and (
                i + 1 == len(lines) or lines[i + 1].kind is not Kind.PROSE))):
            return _weight(lines[i]) // SIDEBAR_DISCOUNT
        if i in thread or i in teasers:
            return _weight(lines[i]) // THREAD_DISCOUNT
        if lines[i].verse:
            return _weight(lines[i]) // VERSE_DISCOUNT
        return _weight(lines[i])

    start, weight = prose[0], weigh(prose[0])
    best = (boosted(weight, start), start, start + 1)  # (weight, start, end)
    for prev, cur in zip(prose, prose[1:], strict=False):
        gap = lines[prev + 1:cur]
        cur_len = weigh(cur)
        if _gap_is_hard(gap) or weight - _gap_cost(gap) <= 0:
            start, weight = cur, cur_len
        else:
            weight += cur_len - _gap_cost(gap)
        if boosted(weight, start) > best[0]:
            best = (boosted(weight, start), start, cur + 1)
    return best[1], best[2]


_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}\b")
_FULL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _post_stamp(line: Line) -> bool:
    """A stamp with a date and a clock time ("Ana May 2, 2015 at 10:25 pm"): what each comment
    of a thread carries (a live blog's entries carry a time alone)."""
    return line.kind is Kind.STAMP and _CLOCK.search(line.text) is not None and _FULL_YEAR.search(line.text) is not None


def comment_lines(lines: Sequence[Line]) -> set[int]:
    """Indexes of the lines of a comment thread: short segments (at most THREAD_SEGMENT_LINES
    lines) each under a stamp with date and time, at least THREAD_MIN_POSTS of them on the page.
    An article under its own time stamp runs longer than a comment before the next stamp."""
    stamps = [i for i, ln in enumerate(lines) if _post_stamp(ln)]
    if len(stamps) < THREAD_MIN_POSTS:
        return set()
    out: set[int] = set()
    for s, nxt in zip(stamps[1:], [*stamps[2:], len(lines)], strict=True):
        if 0 < nxt - s - 1 <= THREAD_SEGMENT_LINES:
            out.update(range(s + 1, nxt))
    return out if len(out) >= THREAD_MIN_POSTS else set()


def _header_start(lines: Sequence[Line], rows: set[int]) -> int | None:
    """The first prose line right below a byline ("By ...") or a date stamp: where an article's
    text starts under its header, when the page's headline could not be found. Only the first:
    a feed repeats byline and date over every teaser below it."""
    for i, line in enumerate(lines):
        if line.kind is not Kind.PROSE:
            continue
        for j in range(max(0, i - BYLINE_REACH), i):
            above = lines[j]
            if j not in rows and (above.kind is Kind.STAMP or (
                    above.words <= BYLINE_MAX_WORDS and has_byline_prefix(above.text))):
                return i
    return None


def block_lines(lines: Sequence[Line], span: tuple[int, int]) -> list[str]:
    """The article lines of a block: boilerplate and sidebar lines inside it dropped."""
    return [ln.text for ln in lines[span[0]:span[1]] if ln.kind in (Kind.PROSE, Kind.SHORT, Kind.STAMP)]
