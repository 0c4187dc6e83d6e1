"""A learned choice between a flattened page's candidate blocks (the rule-based finder's runs).

The rules (``blocks.main_block``) weigh each run of prose and keep the heaviest. Where the page
holds several runs of similar weight (an article and a Q&A feed, a post and its comment thread, a
legal notice), a logistic model over the runs' features (``data/block_scorer.json``) picks the one
most likely to be the article. It was fitted by ``benchmarks/train_block_scorer.py`` on *silver*
labels: on development pages whose HTML we have, the run that best matches our HTML extraction's
output is the article. A softmax over each page's candidates was fitted to put the mass on
that run (a conditional logit); at run time the highest score wins.

When the model is unsure (its top two within ``HEDGE_MARGIN`` of probability), both are kept, in
page order: a wrong single pick loses the whole page, a union only some precision.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import ahocorasick
import numpy as np
import yaml

from .blocks import _LIST_MARK, Marks, _post_stamp
from .classify import _TERMINAL, DROPPED, MAX_LINE_WEIGHT, Kind, Line
from .code import code_below
from .later import first_of_series, own_article_first
from .resumed import cards_below, opening_above_box, resumed_after_box
from .stream import stream_entries

# Enum members read once: Kind.X costs ~120 ns a look-up (10x a name), and these run per line.
_PROSE, _STAMP, _SIDEBAR = Kind.PROSE, Kind.STAMP, Kind.SIDEBAR

# Runs lighter than this share of the heaviest are never candidates (the rules' choice stays).
MIN_CANDIDATE_SHARE = 0.1
MAX_CANDIDATES = 6
# When the model's two best candidates are this close in probability (softmax over the page's
# candidates), both are kept. Tuning half of trafilatura's set: F1 rises with the margin from 0.2
# to 0.95; keeping the top two always (1.0) costs AEB 0.01 of precision, and 0.95 already takes
# the second flattener's AEB precision under its floor. 0.85 is the widest margin that lowers no
# figure (either half of the set, AEB, either flattener) against 0.8.
HEDGE_MARGIN = 0.85

FEATURES = (
    "log_weight", "weight_share", "rules_choice", "rank", "near_headline", "above_headline", "has_headline",
    "start", "end", "log_lines", "prose_share", "log_prose_chars", "page_prose_share", "stop_share",
    "thread_share", "teaser_share", "below_sidebar_share", "verse_share", "row_share", "dropped_share",
    "list_share", "repeated_share", "log_mean_prose", "terminal_share", "digit_share", "stamp_share",
    "log_post_stamps", "thread_marks", "service_share", "title_list_share",
)

Span = tuple[int, int]


class Candidate(NamedTuple):
    """A candidate block: a run of the rule-based finder (its weight and line range)."""

    weight: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Scorer:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def scores(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept


@lru_cache(maxsize=1)
def scorer() -> Scorer | None:
    """The trained weights, or None without a data file (the rules then decide alone)."""
    path = resources.files("newsloom") / "data" / "block_scorer.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    if list(data["features"]) != list(FEATURES):
        raise ValueError("data/block_scorer.json was trained on other features: retrain it")
    return Scorer(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]), float(data["intercept"]))


class _Service:
    """Whether a lower-cased line holds a word beginning of service vocabulary: one Aho-Corasick
    scan of the line (a regex alternation tried at every position cost 10x more)."""

    def __init__(self, stems: Sequence[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        for stem in stems:
            self.automaton.add_word(stem, len(stem))
        self.automaton.make_automaton()

    def __call__(self, text: str) -> bool:
        for end, size in self.automaton.iter(text):
            start = end - size + 1
            if start == 0 or not text[start - 1].isalnum() or text[start] == "©":
                return True
        return False


@lru_cache(maxsize=1)
def _kinds() -> tuple[_Service, re.Pattern[str]]:
    """(service vocabulary, comment-thread furniture) of ``data/lexicons/block_kinds.yaml``."""
    path = resources.files("newsloom") / "data" / "lexicons" / "block_kinds.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    return _Service([stem for group in data["service"] for stem in group]), re.compile("|".join(data["thread"]))


# Lines above a block that still belong to it as furniture: a comment's stamp and its author line.
_ABOVE = 2


def _kind_features(lines: Sequence[Line], start: int, end: int, prose: Sequence[Line], prose_chars: int) -> list[float]:
    """What tells a comment thread, a sign-up or legal box and a list of headlines from an
    article: comment stamps and reply furniture in and right above the block, the share of its
    prose in lines of service vocabulary (subscription, cookies, licences, affiliate links), the
    share of its lines that are short capitalised titles without a sentence's end."""
    service, thread = _kinds()
    around = lines[max(0, start - _ABOVE):end]
    stamps = sum(1 for ln in around if _post_stamp(ln))
    marks = sum(1 for ln in around if ln.kind is not _PROSE and thread.search(ln.text.lower()))
    served = sum(min(len(ln.text), MAX_LINE_WEIGHT) for ln in prose if service(ln.text.lower()))
    titles = sum(1 for ln in lines[start:end] if _title_like(ln))
    size = max(end - start, 1)
    return [math.log1p(stamps), marks / len(around), served / max(prose_chars, 1), titles / size]


def _title_like(line: Line) -> bool:
    """A headline in a list: 3-15 words, no sentence end, most words capitalised."""
    if line.kind is _PROSE or not 3 <= line.words <= 15 or line.text.endswith(_TERMINAL):
        return False
    words = line.text.split()
    return sum(w[:1].isupper() for w in words) * 2 >= len(words)


def candidates(marks: Marks) -> list[Candidate]:
    """The runs worth a second look: the heaviest ones, at least MIN_CANDIDATE_SHARE of the top."""
    if not marks.runs:
        return []
    top = max(r[0] for r in marks.runs)
    kept = sorted((r for r in marks.runs if r[0] >= MIN_CANDIDATE_SHARE * top), key=lambda r: -r[0])
    return [Candidate(*r) for r in kept[:MAX_CANDIDATES]]


def _share(indexes: set[int], start: int, end: int) -> float:
    return sum(1 for i in indexes if start <= i < end) / max(end - start, 1)


def block_features(lines: Sequence[Line], marks: Marks, runs: Sequence[Candidate]) -> np.ndarray:
    """One row of ``FEATURES`` per candidate."""
    n = len(lines)
    top = max(r[0] for r in runs)
    counts = Counter(ln.text for ln in lines)
    page_prose = sum(min(len(ln.text), MAX_LINE_WEIGHT) for ln in lines if ln.kind is _PROSE) or 1
    rows = []
    for rank, (weight, start, end) in enumerate(runs):
        block = lines[start:end]
        size = max(end - start, 1)
        prose = [ln for ln in block if ln.kind is _PROSE]
        prose_chars = sum(min(len(ln.text), MAX_LINE_WEIGHT) for ln in prose)
        words = sum(ln.words for ln in prose) or 1
        h = marks.headline
        rows.append([
            math.log1p(max(weight, 0)), weight / top if top > 0 else 0.0,
            float(marks.span is not None and start == marks.span[0]),
            min(rank, 3), float(h is not None and 0 < start - h <= 15), float(h is not None and start < h),
            float(h is not None), start / n, end / n, math.log1p(size), len(prose) / size, math.log1p(prose_chars),
            prose_chars / page_prose, sum(ln.stops for ln in prose) / words,
            _share(marks.thread, start, end), _share(marks.teasers, start, end),
            max(0, end - max(start, marks.first_sidebar + 1)) / size, sum(ln.verse for ln in block) / size,
            _share(marks.rows, start, end), sum(ln.kind in DROPPED for ln in block) / size,
            sum(_LIST_MARK.match(ln.text) is not None for ln in block) / size,
            sum(counts[ln.text] > 1 for ln in block) / size, math.log1p(prose_chars / max(len(prose), 1)),
            sum(ln.text.endswith(_TERMINAL) for ln in block) / size,
            sum(any(map(str.isdigit, ln.text)) for ln in block) / size,
            sum(ln.kind is _STAMP for ln in block) / size,
            *_kind_features(lines, start, end, prose, prose_chars),
        ])
    return np.array(rows, dtype=float)


def choose_spans(lines: Sequence[Line], marks: Marks) -> list[Span] | None:
    """The line ranges of the candidate the model scores highest, with the runner-up's when the
    two are within HEDGE_MARGIN of probability (in page order); the rules' choice when there is no
    other candidate. An article cut apart by its table of contents is put together (``_with_contents``),
    and a technical post cut by its code listings (``code_below``)."""
    spans = _chosen(lines, marks)
    if not spans:
        return spans
    spans = stream_entries(lines, spans, marks.headline, marks.runs)
    spans = opening_above_box(lines, spans, marks.headline, marks.runs, _kinds()[0])
    spans = cards_below(lines, resumed_after_box(lines, _with_contents(lines, marks, spans), _kinds()[0]))
    return code_below(lines, spans, _kinds()[0])


def _chosen(lines: Sequence[Line], marks: Marks) -> list[Span] | None:
    model = scorer()
    cands = candidates(marks)
    if model is None or len(cands) < 2:
        return [marks.span] if marks.span else None
    features = block_features(lines, marks, cands)
    scores = model.scores(features)
    order = _post_first(lines, cands, list(np.argsort(-scores, kind="stable")))
    spans = [c[1:] for c in cands]
    order = own_article_first(lines, marks.headline, spans, _forms_last(features, order))
    series = first_of_series(lines, marks.headline, spans, order)
    if series[0] != order[0]:
        return [spans[series[0]]]  # the pick is a later article of the series: no hedge with it
    best = cands[int(order[0])]
    if HEDGE_MARGIN > 0:
        prob = np.exp(scores - scores.max())
        prob /= prob.sum()
        second = cands[int(order[1])]
        if prob[order[0]] - prob[order[1]] < HEDGE_MARGIN and not _apart(lines, best, second):
            return _merged([best[1:], second[1:]])
    return [best[1:]]


# A reader comment's header: its stamp (name, date, clock time) within this many lines above its
# text, and thread furniture ("X says:", "Reply") within COMMENT_HEADER_LINES.
COMMENT_STAMP_LINES = 2
COMMENT_HEADER_LINES = 4


def _under_comment_header(lines: Sequence[Line], start: int) -> bool:
    thread = _kinds()[1]
    return any(_post_stamp(ln) for ln in lines[max(0, start - COMMENT_STAMP_LINES):start]) and any(
        thread.search(ln.text.lower()) for ln in lines[max(0, start - COMMENT_HEADER_LINES):start])


def _post_first(lines: Sequence[Line], cands: Sequence[Candidate], order: list[int]) -> list[int]:
    """``order`` with the post first when the model put a reader comment first: a run under a
    comment's header (a long first comment can outweigh a short post), while a candidate above
    it is under no such header. The thread features do not catch a thread of one long comment."""
    best = cands[order[0]]
    if not _under_comment_header(lines, best.start):
        return order
    above = [k for k in order if cands[k].start < best.start and not _under_comment_header(lines, cands[k].start)]
    return [above[0], *(k for k in order if k != above[0])] if above else order


# A run whose prose is mostly service vocabulary (sign-up, consent, newsletter: at least this share), and
# wholly below the page's first sidebar heading, is a form or a notice box.
FORM_SERVICE_SHARE = 0.5
_SERVICE = FEATURES.index("service_share")
_BELOW_SIDEBAR = FEATURES.index("below_sidebar_share")


def _is_form(row: np.ndarray) -> bool:
    return bool(row[_SERVICE] >= FORM_SERVICE_SHARE and row[_BELOW_SIDEBAR] >= 1.0)


def _forms_last(features: np.ndarray, order: list[int]) -> list[int]:
    """``order`` with the best candidate that is no form first, when the model put a form first
    (a newsletter or donation box under a sidebar heading outscored a short post above it)."""
    if not _is_form(features[order[0]]):
        return order
    other = next((k for k in order if not _is_form(features[k])), None)
    return order if other is None else [other, *(k for k in order if k != other)]


# A table of contents names at least this many of the sections below it, each of 2+ words.
TOC_MIN_ENTRIES = 3
TOC_ENTRY_WORDS = 2
# A section heading has a prose line within this many lines below it.
HEADING_REACH = 3
# Lines searched below an intro for its contents, and runs above the chosen block tried as the intro.
TOC_MAX_LINES = 60
TOC_INTRO_RUNS = 8
# A prose line of more words than this is a paragraph, not a contents entry.
TOC_ENTRY_MAX_WORDS = 12
# The most characters a bullet and a number add before a contents entry.
TOC_PREFIX_CHARS = 12
# A flattener's bullet and the entry's number before a contents entry ("* 1. First section",
# "3 Section"), and spaces around: the heading below may be written with or without the number.
# The lead is matched once and the end stripped (a substitution with an end-of-line branch tried
# that branch at every position of the line; tests compare the two).
_BULLET = re.compile(r"[\s*+•·▪►–-]*(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?")


def _unbulleted(text: str) -> str:
    return text[_BULLET.match(text).end():].rstrip()  # type: ignore[union-attr]


def _with_contents(lines: Sequence[Line], marks: Marks, spans: list[Span]) -> list[Span]:
    """``spans`` widened to the article a table of contents frames, when the chosen block is one
    of its sections: the intro above the contents and every run down to the last section the
    contents name. The intro is light beside the sections and the contents list cuts it off;
    a box or a list of short lines between two sections cuts those apart."""
    start, end = spans[0][0], spans[-1][1]
    # Runs of verse or list rows inside the contents are entries, not the intro.
    runs = sorted((s, e) for _, s, e in marks.runs if any(ln.kind is _PROSE for ln in lines[s:e]))
    above = [r for r in runs if r[1] <= start]
    for run in above[::-1][:TOC_INTRO_RUNS]:
        intro = _before_entries(lines, run)
        sections = _named_sections(lines, intro[1])
        if sections is None or _all_said_again(lines, intro):
            continue  # an intro is said once: a title repeated in a second copy of the contents is none
        first, last = sections
        if not first - HEADING_REACH <= start <= last:
            return spans
        body = [r for r in runs if first - HEADING_REACH <= r[0] <= max(last, end)]
        return _merged([intro, *body, *spans])
    return spans


def _before_entries(lines: Sequence[Line], run: Span) -> Span:
    """``run`` down to its last paragraph: a contents list of cheap short lines, some of them
    read as prose (a question as its entry), can run on in the intro's run itself."""
    last = max((i for i in range(run[0], run[1]) if lines[i].words > TOC_ENTRY_MAX_WORDS), default=run[1] - 1)
    return run[0], last + 1


def _all_said_again(lines: Sequence[Line], run: Span) -> bool:
    """Whether every prose line of ``run`` is said again elsewhere on the page."""
    said = Counter(ln.text for ln in lines if ln.kind is _PROSE)
    return all(said[ln.text] > 1 for ln in lines[run[0]:run[1]] if ln.kind is _PROSE)


def _named_sections(lines: Sequence[Line], top: int) -> tuple[int, int] | None:
    """(first, last) heading of the sections a contents list starting at ``top`` names, or None
    when there is no such list. Its entries run down to the first line repeated (the first
    section's heading); a section heading has prose right below it, which menus repeated in
    a footer lack."""
    seen: set[str] = set()
    for first in range(top, min(len(lines), top + TOC_MAX_LINES)):
        line = lines[first]
        if _post_stamp(line):
            return None
        if line.kind is _PROSE and line.words > TOC_ENTRY_MAX_WORDS:
            # A paragraph ends the list (a slide show's caption may sit between the contents and
            # the first section); before any entries, there was no list.
            if len(seen) <= TOC_MIN_ENTRIES:
                return None
            break
        text = _unbulleted(line.text)
        if text in seen and line.words >= TOC_ENTRY_WORDS:
            break
        seen.add(text)
    else:
        return None
    entries = {_unbulleted(ln.text) for ln in lines[top:first] if ln.words >= TOC_ENTRY_WORDS}
    if len(entries) < TOC_MIN_ENTRIES:
        return None
    # A heading is an entry with at most a bullet and a number before it: lines of other lengths
    # are passed over without the regex (most of a page's lines are paragraphs).
    shortest, longest = min(map(len, entries)), max(map(len, entries)) + TOC_PREFIX_CHARS
    said: Counter[str] | None = None
    named: dict[str, int] = {}
    for i in range(first, len(lines)):
        if not shortest <= len(lines[i].text) <= longest:
            continue
        text = _unbulleted(lines[i].text)
        if text not in entries or text in named:
            continue
        below = [ln.text for ln in lines[i + 1:i + 1 + HEADING_REACH] if ln.kind is _PROSE]
        if below:
            # A section's prose is said once on the page; a menu repeated above a newsletter box
            # that the page shows twice is no contents list.
            said = said or Counter(ln.text for ln in lines)
            if any(said[t] == 1 for t in below):
                named[text] = i
    if len(named) < TOC_MIN_ENTRIES or 2 * len(named) < len(entries):
        return None
    return min(named.values()), max(named.values())


def _apart(lines: Sequence[Line], a: Candidate, b: Candidate) -> bool:
    """Never one text: a sidebar heading ("Related", "Tags", "You may like") between the two (what
    lies past it is a feed or the page's furniture), or the lower one right under a comment's stamp
    (name, date and clock time: the first reader comment, which the thread rule leaves weighed as
    a post)."""
    first, last = (a, b) if a.start <= b.start else (b, a)
    if any(_post_stamp(ln) for ln in lines[max(first.end, last.start - 2):last.start]):
        return True
    return any(ln.kind is _SIDEBAR for ln in lines[first.end:last.start])


def _merged(spans: Sequence[Span]) -> list[Span]:
    """``spans`` in page order, overlapping ones merged."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
