"""The extraction benchmark scorer, checked against hand-computed cases."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from aeb_metric import aggregate, score_corpus, score_page, shingles  # noqa: E402


def test_shingles_are_token_4grams_with_case_kept() -> None:
    got = shingles("The cat, the Cat sat.")
    assert got == Counter({("The", "cat", "the", "Cat"): 1, ("cat", "the", "Cat", "sat"): 1})


def test_short_and_empty_texts() -> None:
    assert shingles("two words") == Counter({("two", "words"): 1})
    assert shingles("") == Counter()
    assert shingles(None) == Counter()
    assert shingles("... !!") == Counter()


def test_unicode_word_tokens() -> None:
    assert shingles("Київ — столиця України сьогодні") == Counter(
        {("Київ", "столиця", "України", "сьогодні"): 1}
    )


def test_repeated_shingles_count_as_a_multiset() -> None:
    gold = "a b c d a b c d"  # 5 shingles, "a b c d" twice
    s = score_page(gold, "a b c d")
    # tp 1, fn 4, fp 0 -> normalised by 5
    assert s.tp == pytest.approx(0.2) and s.fn == pytest.approx(0.8) and s.fp == 0
    assert s.precision == 1.0 and s.recall == pytest.approx(0.2)


def test_page_scores_are_normalised() -> None:
    gold = "one two three four five six"  # 3 shingles
    pred = "one two three four five six seven eight"  # 5 shingles, 3 shared
    s = score_page(gold, pred)
    assert s.tp + s.fp + s.fn == pytest.approx(1.0)
    assert s.precision == pytest.approx(3 / 5) and s.recall == 1.0


def test_edge_cases() -> None:
    perfect = score_page("alpha beta gamma delta", "alpha beta gamma delta")
    assert perfect.precision == perfect.recall == 1.0
    nothing = score_page("alpha beta gamma delta", "")
    assert nothing.precision == 0.0 and nothing.recall == 0.0
    both_empty = score_page("", "")
    assert both_empty.precision == 1.0 and both_empty.recall == 1.0
    assert both_empty.tp == both_empty.fp == both_empty.fn == 0


def test_aggregate_skips_pages_per_measure() -> None:
    # page 1: perfect; page 2: predicted nothing (counts for recall only, not precision)
    scores = [score_page("a b c d e", "a b c d e"), score_page("w x y z", None)]
    agg = aggregate(scores)
    assert agg.precision == 1.0
    assert agg.recall == pytest.approx(0.5)
    assert agg.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_score_corpus_counts_missing_predictions_as_empty() -> None:
    gold = {"p1": "a b c d e", "p2": "w x y z"}
    assert score_corpus(gold, {"p1": "a b c d e"}).recall == pytest.approx(0.5)
