"""Quote attribution may not fall below the floors pinned in ``tests/floors/quotes.json``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "quotes.json").read_text("utf-8"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import quotes as bench  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    return bench.build_pipeline()


@pytest.mark.slow
@pytest.mark.parametrize(("name", "path"), [("development", bench.EVAL_SET), ("heldout", bench.HELDOUT_SET),
                                           ("blind", bench.BLIND_SET), ("round2", bench.ROUND2_SET)])
def test_attribution_floor(name: str, path: Path, nlp) -> None:
    result = bench.evaluate(nlp, path=path)
    for metric, floor in FLOORS[name].items():
        assert result[metric] >= floor, f"{name} {metric} {result[metric]} < floor {floor}\n" + "\n".join(
            result["errors"])


def test_eval_sets_cover_every_pattern() -> None:
    import yaml

    articles = yaml.safe_load(bench.EVAL_SET.read_text("utf-8"))
    quotes = [q for a in articles for q in a["quotes"]]
    assert len(quotes) >= 60
    kinds = {q["kind"] for q in quotes}
    assert kinds == {"direct", "partial", "indirect"}
    patterns = {q["pattern"] for q in quotes}
    for needed in ("pronoun", "relayed", "document-speaker", "capital-metonymy", "vague-group",
                   "multi-paragraph", "direct-split", "passive-agent", "according-to", "description-role"):
        assert needed in patterns, needed
    for a in articles:
        for q in a["quotes"]:
            assert q["contains"] in a["text"], (a["id"], q["contains"])


def test_scorer_counts_pairs() -> None:
    from newsloom.model import Actor, Quote, Speaker

    article = {"id": "t", "quotes": [
        {"contains": "rates will rise", "speaker": ["Christine Lagarde"], "speaks_for": ["European Central Bank"],
         "kind": "indirect"},
        {"contains": "growth is slowing", "speaker": ["Andrew Bailey"], "speaks_for": None, "kind": "indirect"}]}
    ecb = Actor("ecb", "European Central Bank", "organization")
    preds = [
        Quote("rates will rise in June", 0, 10, "indirect",
              speaker=Speaker("She", 0, 3, Actor("p1", "Christine Lagarde", "person")), speaks_for=ecb),
        Quote("growth is slowing", 20, 30, "indirect", speaker=Speaker("he", 0, 2, Actor("p2", "Rishi Sunak", "person"))),
        Quote("unrelated words", 40, 50, "indirect"),
    ]
    r = bench.score([article], [preds])
    assert (r["precision"], r["recall"], r["detection_recall"]) == (round(1 / 3, 3), 0.5, 1.0)
    assert r["speaks_for_accuracy"] == 1.0
