"""The article-extraction-benchmark metric: token 4-gram shingles, per-page normalised counts.

Implements ``/work/shared/bench/aeb/README.md`` exactly; ``tests/test_aeb_metric.py`` checks it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of token n-grams; fewer than ``n`` tokens give one shorter shingle, none give none."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """Normalised tp/fp/fn of one page (they sum to 1 unless all are 0) and its precision/recall."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(gold: str | None, predicted: str | None) -> PageScore:
    g, p = shingles(gold), shingles(predicted)
    tp = sum(min(count, p[s]) for s, count in g.items())
    fp = sum(max(0, count - g[s]) for s, count in p.items())
    fn = sum(max(0, count - p[s]) for s, count in g.items())
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


@dataclass(frozen=True, slots=True)
class CorpusScore:
    precision: float
    recall: float
    f1: float
    pages: int


def aggregate(pages: Iterable[PageScore]) -> CorpusScore:
    """Mean page precision over pages with tp+fp > 0, mean recall over tp+fn > 0, F1 of the means."""
    pages = list(pages)
    precs = [s.precision for s in pages if s.tp + s.fp > 0]
    recs = [s.recall for s in pages if s.tp + s.fn > 0]
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return CorpusScore(p, r, f1, len(pages))


def score_corpus(gold: Mapping[str, str], predicted: Mapping[str, str | None]) -> CorpusScore:
    """Score every gold page; a page missing from ``predicted`` counts as an empty prediction."""
    return aggregate(score_page(gold[k], predicted.get(k)) for k in gold)
