"""A learned line scorer for flattened pages: how likely each line is article text.

The weights (``data/line_scorer.json``) come from ``benchmarks/train_line_scorer.py``, a logistic
regression fitted on *silver* labels: on development pages whose HTML we have, the lines of the
flattened page that our HTML extraction keeps are article text. The features read a line, its
neighbourhood and the rule-based cleaner's own choice (``span``), so the model learns where to
overrule the rules, not the rules again. Used by ``classify.learned_block``.
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

import numpy as np

from .blocks import _LIST_MARK, Marks
from .classify import _TERMINAL, MAX_LINE_WEIGHT, Kind, Line

_KINDS = (Kind.PROSE, Kind.SHORT, Kind.BOILERPLATE, Kind.STAMP, Kind.CHROME, Kind.CAPTION, Kind.SIDEBAR)
_KIND_INDEX = {k: i for i, k in enumerate(_KINDS)}
_DIGIT = re.compile(r"\d")
# Neighbourhoods (lines either side) over which the prose around a line is summed.
WINDOWS = (2, 6, 15)

FEATURES = (
    *(f"kind_{k.value}" for k in _KINDS), "verse", "terminal", "log_chars", "log_words", "stop_share",
    "digit", "capital_start", "list_mark", "repeated", "position",
    *(f"prose_around_{w}" for w in WINDOWS), "dropped_around_2", "prev_prose", "next_prose",
    "has_headline", "below_headline", "above_headline", "headline_near",
    "in_span", "span_distance", "in_thread", "teaser", "row", "verse_run", "below_sidebar",
)


@dataclass(frozen=True, slots=True)
class Scorer:
    """Standardisation and logistic weights, in the order of ``FEATURES``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def scorer() -> Scorer | None:
    """The trained weights, or None when the data file holds none (the rules then decide alone)."""
    path = resources.files("newsloom") / "data" / "line_scorer.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    if list(data["features"]) != list(FEATURES):
        raise ValueError("data/line_scorer.json was trained on other features: retrain it")
    return Scorer(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                  float(data["intercept"]), float(data["threshold"]))


def _window_sums(values: np.ndarray, width: int) -> np.ndarray:
    """Sum of ``values`` over each index and ``width`` indexes either side."""
    total = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(len(values))
    return total[np.minimum(idx + width + 1, len(values))] - total[np.maximum(idx - width, 0)]


def features(lines: Sequence[Line], ctx: Marks) -> np.ndarray:
    """One row of ``FEATURES`` per line."""
    n = len(lines)
    x = np.zeros((n, len(FEATURES)))
    kinds = np.fromiter((_KIND_INDEX[ln.kind] for ln in lines), dtype=np.int64, count=n)
    x[np.arange(n), kinds] = 1.0
    col = len(_KINDS)
    chars = np.fromiter((len(ln.text) for ln in lines), dtype=float, count=n)
    words = np.fromiter((ln.words for ln in lines), dtype=float, count=n)
    counts = Counter(ln.text for ln in lines)
    x[:, col] = [ln.verse for ln in lines]
    x[:, col + 1] = [ln.text.endswith(_TERMINAL) for ln in lines]
    x[:, col + 2] = np.log1p(chars)
    x[:, col + 3] = np.log1p(words)
    x[:, col + 4] = np.fromiter((ln.stops for ln in lines), dtype=float, count=n) / np.maximum(words, 1)
    x[:, col + 5] = [_DIGIT.search(ln.text) is not None for ln in lines]
    x[:, col + 6] = [ln.text[:1].isupper() for ln in lines]
    x[:, col + 7] = [_LIST_MARK.match(ln.text) is not None for ln in lines]
    x[:, col + 8] = [counts[ln.text] > 1 for ln in lines]
    x[:, col + 9] = np.arange(n) / max(n - 1, 1)
    col += 10
    prose = kinds == _KIND_INDEX[Kind.PROSE]
    weight = np.where(prose, np.minimum(chars, MAX_LINE_WEIGHT), 0.0)
    for j, width in enumerate(WINDOWS):
        x[:, col + j] = np.log1p(_window_sums(weight, width))
    col += len(WINDOWS)
    dropped = np.isin(kinds, [_KIND_INDEX[k] for k in (Kind.BOILERPLATE, Kind.SIDEBAR, Kind.CHROME)])
    x[:, col] = _window_sums(dropped.astype(float), 2)
    x[1:, col + 1] = prose[:-1]
    x[:-1, col + 2] = prose[1:]
    col += 3
    idx = np.arange(n)
    if ctx.headline is not None:
        x[:, col] = 1.0
        x[:, col + 1] = idx > ctx.headline
        x[:, col + 2] = idx < ctx.headline
        x[:, col + 3] = (idx > ctx.headline) & (idx - ctx.headline <= 15)
    col += 4
    if ctx.span is not None:
        start, end = ctx.span
        x[start:end, col] = 1.0
        dist = np.maximum(start - idx, idx - end + 1).clip(min=0)
        x[:, col + 1] = np.log1p(dist)
    else:
        x[:, col + 1] = math.log1p(n)
    col += 2
    for j, marked in enumerate((ctx.thread, ctx.teasers, ctx.rows, ctx.verse_run)):
        if marked:
            x[list(marked), col + j] = 1.0
    col += 4
    x[ctx.first_sidebar + 1:, col] = 1.0
    return x


# A line's weight in the learned run: its length, at least GAP_FLOOR characters (so that a run of
# short non-article lines costs like the rules' gap lines), at most the rules' line cap.
GAP_FLOOR = 60
THRESHOLD = -1.0
SWITCH = 1.5


def _kadane(gain: list[float]) -> tuple[float, tuple[int, int] | None]:
    best, best_span = 0.0, None
    run, start = 0.0, 0
    for i, g in enumerate(gain):
        if run <= 0:
            run, start = g, i
        else:
            run += g
        if run > best:
            best, best_span = run, (start, i + 1)
    return best, best_span


def learned_span(lines: Sequence[Line], marks: Marks) -> tuple[int, int] | None:
    """``[start, end)`` of the run of lines with the greatest sum of length x (probability of being
    article text - threshold): a maximum-sum run (Kadane) over the scorer's verdicts."""
    model = scorer()
    if model is None or not lines:
        return marks.span
    p = model.probabilities(features(lines, marks))
    chars = np.fromiter((len(ln.text) for ln in lines), dtype=float, count=len(lines))
    t = model.threshold if THRESHOLD < 0 else THRESHOLD
    gain = np.clip(chars, GAP_FLOOR, MAX_LINE_WEIGHT) * (p - t)
    best, span = _kadane(gain.tolist())
    if MODE == "hybrid" and marks.span is not None:
        s, e = marks.span
        inside = max(_kadane(gain[s:e].tolist())[0], 0.0)
        if best <= SWITCH * inside:
            return marks.span
    return span or marks.span


MODE = "learned"


def choose_span(lines: Sequence[Line], marks: Marks) -> tuple[int, int] | None:
    if MODE == "rules":
        return marks.span
    return learned_span(lines, marks)
