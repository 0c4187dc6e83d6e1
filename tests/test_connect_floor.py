"""Story clustering may not fall below the floors pinned in ``tests/floors/clustering.json``.

Runs the text features only (title and lead TF-IDF, dates found in the text): linking actors
needs spaCy over 982 articles, too slow here (``benchmarks/clustering.py`` scores the same way).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "clustering.json").read_text("utf-8"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import clustering as bench  # noqa: E402

from newsloom.connect.stories import StoryParams  # noqa: E402


def _data() -> Path:
    shared = Path(os.environ.get("NEWSLOOM_SHARED") or ROOT / "../shared").resolve()
    path = shared / "bench/clustering/ecbplus/ecbplus.jsonl"
    if not path.exists():
        pytest.fail(f"ECB+ clustering set not found at {path}: set NEWSLOOM_SHARED or put shared/ beside the clone")
    return path


def test_ecbplus_floor() -> None:
    rows = bench.load(_data())
    assert len(rows) == 982
    gold = {r["id"]: r["story"] for r in rows}
    params = replace(StoryParams(), actor_weight=0.0)
    result = bench.score(bench.cluster(bench.to_items(rows, params), params), gold)
    for metric, floor in FLOORS["ecbplus_text"].items():
        assert result[metric] >= floor, f"{metric} {result[metric]:.3f} < floor {floor}"
    # Telling two events of one kind apart is the point: beat a perfect topic-level clusterer.
    topics = bench.score({r["id"]: r["topic"] for r in rows}, gold)
    assert result["bcubed_f1"] > topics["bcubed_f1"] + 0.1


def test_giveme5w1h_stream_floor() -> None:
    stream = _data().parents[1] / "giveme5w1h_dev/newscluster_dev.jsonl"
    rows = bench.load_stream(stream)
    assert len(rows) == 197
    result = bench.ours_stream(rows, StoryParams())
    for metric, floor in FLOORS["giveme5w1h_stream"].items():
        assert result[metric] >= floor, f"{metric} {result[metric]:.3f} < floor {floor}"


def test_copy_precision_floor() -> None:
    import copies

    result = copies.evaluate()
    assert result["tp"] >= 10 and result["precision"] >= FLOORS["copies"]["precision"]
    assert result["recall"] >= FLOORS["copies"]["recall"]
