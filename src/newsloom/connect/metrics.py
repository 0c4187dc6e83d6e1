"""Clustering scores against gold labels: BCubed precision/recall/F1 and pairwise F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """BCubed over items (Bagga and Baldwin 1998; Amigó et al. 2009): per item, the share of its
    predicted cluster that shares its gold label (precision) and the reverse (recall)."""
    items = sorted(gold)
    joint = Counter((pred[i], gold[i]) for i in items)
    pred_size = Counter(pred[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    p = sum(joint[pred[i], gold[i]] / pred_size[pred[i]] for i in items) / len(items)
    r = sum(joint[pred[i], gold[i]] / gold_size[gold[i]] for i in items) / len(items)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """Precision/recall/F1 over unordered pairs of items put together."""
    items = sorted(gold)
    joint = Counter((pred[i], gold[i]) for i in items)
    pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts.values())  # noqa: E731
    both = pairs(joint)
    predicted = pairs(Counter(pred[i] for i in items))
    true = pairs(Counter(gold[i] for i in items))
    p = both / predicted if predicted else 0.0
    r = both / true if true else 0.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def bcubed_losses(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[dict[str, float], dict[str, float]]:
    """Where BCubed loses: (precision lost per predicted cluster, recall lost per gold label), each
    the sum over its items of 1 − their score, divided by the number of items (so the precision
    losses add up to 1 − BCubed precision). Large precision losses are wrong merges, large recall
    losses wrong splits: what error analysis reads first."""
    items = sorted(gold)
    joint = Counter((pred[i], gold[i]) for i in items)
    pred_size = Counter(pred[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    merges: Counter[str] = Counter()
    splits: Counter[str] = Counter()
    for i in items:
        both = joint[pred[i], gold[i]]
        merges[pred[i]] += (1 - both / pred_size[pred[i]]) / len(items)
        splits[gold[i]] += (1 - both / gold_size[gold[i]]) / len(items)
    return dict(merges), dict(splits)
