"""Event coding may not fall below the floors in ``tests/floors/events.json``: on PLOVER's real
gold sentences (development half, from ../shared) and on our own set (benchmarks/events_eval/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "floors" / "events.json").read_text("utf-8"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import events as bench  # noqa: E402

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def result(shared: Path) -> dict:
    return bench.run(shared)


@pytest.mark.slow
@pytest.mark.parametrize("part", ["plover_dev", "ours_sentences", "ours_articles"])
def test_event_floor(part: str, result: dict) -> None:
    got = result[part]
    for metric, floor in FLOORS[part].items():
        assert got[metric] >= floor, f"{part} {metric} {got[metric]} < {floor}\n" + "\n".join(got["errors"][:40])


def test_our_set_covers_the_types_and_cases() -> None:
    sentences = yaml.safe_load((bench.EVAL / "sentences.yaml").read_text("utf-8"))
    articles = yaml.safe_load((bench.EVAL / "articles.yaml").read_text("utf-8"))
    assert len(sentences) >= 150 and len(articles) >= 20
    assert {s["type"] for s in sentences} == TYPES
    tags = [t for s in sentences for t in s.get("tags", [])]
    for needed, at_least in (("negated", 8), ("conditional", 4), ("reported", 10)):
        assert tags.count(needed) >= at_least, needed
    assert {a["main"] for a in articles} <= TYPES


def test_scorer_needs_the_gold_type_and_actors() -> None:
    from newsloom.model import Actor, Event

    item = {"event": "REQUEST", "source": [{"actorText": "China", "code": "CHN"}],
            "target": [{"actorText": "Russia", "code": "RUS"}]}
    china, russia = Actor("c", "China", "country", country="CHN"), Actor("r", "Russia", "country", country="RUS")
    right = Event("REQUEST", china, 0, 5, targets=[russia])
    wrong = Event("ACCUSE", china, 0, 5, targets=[russia])
    assert bench.score_sentence(item, [right]) == {"type_found": True, "first_type": True, "type_source": True,
                                                   "type_target": True, "negation": True}
    r = bench.score_sentence(item, [wrong, right])
    assert r["type_found"] and not r["first_type"]
    assert not any(bench.score_sentence(item, [wrong]).values())
