"""Line classifier for page text: prose, short lines, boilerplate.

Each line gets a class from cheap features (length, closing punctuation, stop-word density,
call-to-action vocabulary, sidebar headings, repetition); ``blocks`` finds the article's run of
lines from those classes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .lexicon import lexicon, own_stop_count, stoplist_and_language

_WORD = re.compile(r"\w+")
# The words of an ASCII line (most lines), the same as _WORD's: every other character made a space
# by a translation table, then split (~1.6x faster than the regex).
_ASCII_WORDS = "".join(c if c.isalnum() or c == "_" else " " for c in map(chr, range(128)))
# The punctuation that makes most non-ASCII lines so (curly quotes, dashes, ellipsis...), none of it
# a word character: made spaces, most such lines are ASCII and take the table too.
_NON_ASCII_MARKS = "’‘“”–—…«»·•©®°€£"


def _non_ascii_words(low: str) -> list[str]:
    plain = low
    for mark in _NON_ASCII_MARKS:
        if mark in plain:
            plain = plain.replace(mark, " ")
    return plain.translate(_ASCII_WORDS).split() if plain.isascii() else _WORD.findall(low)
_TERMINAL = tuple(".!?…\"”’'»:。！？」")
# A sentence of a post or a comment often closes with an emoji or an emoticon instead of a stop
# ("... und das gefällt mir 😉"): the line then ends like a sentence too.
_EMOJI_END = re.compile(r"[\w.!?…][\s\u2600-\u27bf\U0001F000-\U0001FAFF\uFE0F\u200d]*[\u2600-\u27bf\U0001F000-\U0001FAFF]\uFE0F?$"
                        r"|\w ?[:;]-?[)D]$")
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
# A sentence failing the page's list is measured with the list of its own language (the page's
# language is guessed from its sentence-length lines, which English widgets or warnings can
# outnumber on a German blog); run-together lines without a sentence end are not (tag lists).
OWN_STOP_DENSITY = 0.15
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
    stops: int = 0  # stop words among the words (the learned line scorer reads their share)


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
    # Most lines hold no digit: one scan for one says so at a fraction of the year-or-time
    # pattern's cost (a look-behind tried at every position).
    if not 0 < len(words) <= MAX_STAMP_WORDS or low.endswith(".") or _HAS_DIGIT.search(low) is None or (
            not _YEAR_OR_TIME.search(low)):
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
    if lex.literals is None:
        return _lexicon_kind_by_search(low, n)
    # One pass finds every string a pattern needs; only the patterns whose strings are all there
    # are run (the same verdicts as ``_lexicon_kind_by_search``: tests compare the two).
    present = lex.literals.present(low)
    if lex.gate_ids is not None and present.isdisjoint(lex.gate_ids):
        return None
    size = len(low)
    if size <= 80 and not any(present.isdisjoint(need) for need in lex.sidebar_needs) and (
            lex.sidebar_heading.match(low.strip(" \t:"))):
        return Kind.SIDEBAR
    triggers = lex.call_to_action.trigger_ids
    triggered = n > 1 and (triggers is None or not present.isdisjoint(triggers))
    chrome, captions = lex.page_chrome.trigger_ids, lex.captions.trigger_ids
    # Per group of LINE_GROUPS: whether it applies to the line, the text its patterns read, and
    # whether its floating patterns may be tried (an anchored one always is).
    groups = ((size <= lex.max_cta_chars, low, n > 1 and triggered), (n >= MIN_PROSE_WORDS, low, triggered),
              (size <= 80, low.strip(), chrome is None or not present.isdisjoint(chrome)),
              (size <= MAX_CAPTION_CHARS, low, captions is None or not present.isdisjoint(captions)))
    found = _GROUP_KINDS.index(None)  # the best group matched so far (lower is stronger)
    for rules in (*map(lex.rules.get, present), lex.unkeyed_rules):
        for group, pattern, anchored, must, options, own in rules or ():
            applies, text, floating = groups[group]
            if group >= found or not applies or not present.issuperset(must) or (
                    not anchored and not (floating and (own is None or not present.isdisjoint(own)))):
                continue
            if any(present.isdisjoint(option) for option in options):
                continue
            if pattern.match(text) if anchored else pattern.search(text):
                found = group
                if _GROUP_KINDS[group] is Kind.BOILERPLATE:
                    return Kind.BOILERPLATE
    return _GROUP_KINDS[found]


# The class each rule group of the lexicon (``LINE_GROUPS``: call to action, appeals, chrome,
# captions) gives a line; the last entry: no group matched.
_GROUP_KINDS = (Kind.BOILERPLATE, Kind.BOILERPLATE, Kind.CHROME, Kind.CAPTION, None)


def _lexicon_kind_by_search(low: str, n: int) -> Kind | None:
    """``_lexicon_kind`` by one regex search per pattern group (the reference the prefiltered
    check is tested against)."""
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


def _emoji_end(line: str) -> bool:
    # Emoji lie above U+2600 and emoticons end in ")" or "D": most lines are ruled out by their last character.
    last = line[-1]
    return (last >= "\u2600" or last in ")D\ufe0f") and _EMOJI_END.search(line) is not None


def classify_lines(lines: Sequence[str], known: Callable[[str], bool] | None = None,
                   info: dict[str, str | None] | None = None) -> list[Line]:
    """Classify stripped, non-empty ``lines``; ``known(line)`` flags lines learned as boilerplate.
    ``info``, when given, receives the guessed ``language`` of the page's sentences."""
    # One lower() over the joined lines (lower-casing makes no newline); a caller's line holding
    # a newline falls back to one call per line.
    joined = "\n".join(lines).lower()
    lowered = joined.split("\n") if lines else []
    if len(lowered) != len(lines):
        lowered = [line.lower() for line in lines]
        joined = "\n".join(lowered)
    words = [low.translate(_ASCII_WORDS).split() if low.isascii() else _non_ascii_words(low) for low in lowered]
    stops, language = stoplist_and_language(_sample_words(words))
    if info is not None:
        info["language"] = language
    if _UNSPACED.search(joined):
        # Unspaced scripts: a line's length in words is estimated from its characters.
        words_n = [word_count(low) if not low.isascii() else len(ws) for low, ws in zip(lowered, words, strict=True)]
    else:
        words_n = [len(ws) for ws in words]
    n_words = sum(len(w) for w in words)
    is_stop = stops.__contains__
    n_stops = [sum(map(is_stop, ws)) for ws in words]  # map and sum run in C: 2x a generator
    use_density = n_words > 0 and sum(n_stops) / n_words >= MIN_DOC_STOP_SHARE
    out: list[Line] = []
    # Enum members read once: Kind.X costs ~120 ns a look-up (10x a local), several per line.
    short, sidebar, boilerplate, prose, stamp = Kind.SHORT, Kind.SIDEBAR, Kind.BOILERPLATE, Kind.PROSE, Kind.STAMP
    uncached = _lexicon_kind.__wrapped__
    for line, low, ws, stop_count, n in zip(lines, lowered, words, n_stops, words_n, strict=True):
        marked = _lexicon_kind(low, n) if len(low) <= SHORT_LINE_CHARS else uncached(low, n)
        kind = short
        if marked is sidebar or marked is boilerplate:
            kind = marked
        elif known is not None and known(line):
            kind = boilerplate
        elif marked is not None:
            kind = marked
        elif n >= MIN_PROSE_WORDS and ((ends := line.endswith(_TERMINAL) or _emoji_end(line)) or (
                n >= LONG_WORDS and not _numeric_list(ws) and not _capitalised_list(line))):
            if not use_density or stop_count / n >= MIN_STOP_DENSITY or (
                    ends and own_stop_count(ws) >= OWN_STOP_DENSITY * n):
                kind = prose
        elif _is_stamp(low, ws):
            kind = stamp
        verse = kind is short and n >= MIN_VERSE_WORDS and use_density and stop_count >= MIN_VERSE_STOPS * n
        out.append(Line(line, kind, n, verse, stop_count))
    _join_broken_sentences(out, use_density)
    _announced_items(out)
    return out


# A list a sentence announces with a colon ("You will need:") and more prose continues below: its
# items, short lines, read as verses (weighed as text, so the article's block runs through the
# list). Up to LIST_LINES items; a menu (MENU_LINES one- or two-word lines without a stop word)
# or furniture ends the run, and a run not followed by prose is left alone (a form's fields, a feed).
LIST_LINES = 25
MENU_LINES = 3


def _announced_items(out: list[Line]) -> None:
    prose = Kind.PROSE
    for i in [i for i, ln in enumerate(out) if ln.text[-1:] == ":" and ln.kind is prose]:
        j, menu = i + 1, 0
        while j < len(out) and j - i <= LIST_LINES and out[j].kind is Kind.SHORT and menu < MENU_LINES:
            menu = menu + 1 if out[j].words <= 2 and out[j].stops == 0 else 0
            j += 1
        if menu < MENU_LINES and j < len(out) and out[j].kind is Kind.PROSE:
            for item in out[i + 1:j]:
                item.verse = item.words > 0


# A sentence a page breaks over lines (<br> inside a paragraph: "... liegt in Wiesen," then "am
# Rande der ..."): a line without a sentence end followed by one starting in lower case continues
# it; the chain is judged as one sentence, and its lines are prose when it is one.
MAX_BROKEN_LINES = 6


def _continues(line: Line, nxt: Line) -> bool:
    """``nxt`` carries on the sentence ``line`` broke off: it starts in lower case, neither is a
    single token (a user name, an e-mail address or an icon's label run into the next line), and
    both may be text."""
    return (nxt.kind in _JOINABLE and line.kind in _JOINABLE and " " in nxt.text and " " in line.text
            and not line.text.endswith(_TERMINAL))


_JOINABLE = frozenset({Kind.SHORT, Kind.PROSE})


def _join_broken_sentences(out: list[Line], use_density: bool) -> None:
    """Mark as prose the lines of each sentence broken over lines (a chain of ``_continues``)."""
    # Only a line starting in lower case can continue one: a cheap first test over the page.
    links = [i for i, nxt in enumerate(out[1:]) if nxt.text[:1].islower() and _continues(out[i], nxt)]
    chains: list[list[int]] = []
    for i in links:
        if chains and chains[-1][-1] == i and len(chains[-1]) < MAX_BROKEN_LINES:
            chains[-1].append(i + 1)
        else:
            chains.append([i, i + 1])
    for chain in chains:
        lines = [out[i] for i in chain]
        words, stops = sum(ln.words for ln in lines), sum(ln.stops for ln in lines)
        if (any(ln.kind is Kind.SHORT for ln in lines) and words >= MIN_PROSE_WORDS
                and lines[-1].text.endswith(_TERMINAL) and (not use_density or stops >= MIN_STOP_DENSITY * words)):
            for ln in lines:
                ln.kind, ln.verse = Kind.PROSE, False


# Kinds never kept as article text.
DROPPED = frozenset({Kind.BOILERPLATE, Kind.CHROME, Kind.CAPTION, Kind.SIDEBAR})
