"""Every gold event of the seed documents is found with its type, source, targets and date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsloom.extract import extract
from newsloom.model import Actor, Article
from newsloom.understand.kb import load_kb


def _shared() -> Path:
    from conftest import shared_dir

    return shared_dir()


def gold_cases(shared: Path) -> list[tuple[str, dict]]:
    return [(p.stem, e) for p in sorted((shared / "seeds" / "gold").glob("*.json"))
            for e in json.loads(p.read_text("utf-8")).get("events") or []]


CASES = gold_cases(_shared())


def same_actor(actor: Actor, name: str) -> bool:
    """The gold name, or a person or body of the gold state (the ambassador speaking for it)."""
    if actor.name.lower() == name.lower():
        return True
    codes = {e.record.actor().country for e in load_kb().lookup(name) if e.record.actor().type == "country"}
    return bool(actor.country) and actor.country in codes


@pytest.fixture(scope="module")
def seed_articles(shared: Path) -> dict[str, Article]:
    from newsloom.settings import Settings
    from newsloom.understand.stage import UnderstandStage

    stage = UnderstandStage(Settings.load())
    out = {}
    for path in sorted((shared / "seeds").glob("*.txt")):
        article = extract(path.read_bytes(), source=str(path))
        out[path.stem] = stage([article])[0]
    return out


def test_the_seeds_have_gold_events() -> None:
    assert len(CASES) >= 6


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "gold"), CASES, ids=[f"{s}:{g['contains'][:30]}" for s, g in CASES])
def test_gold_event_found(seed: str, gold: dict, seed_articles: dict[str, Article]) -> None:
    article = seed_articles[seed]
    at = article.text.find(gold["contains"])
    assert at >= 0
    here = [e for e in article.events or [] if e.start <= at < e.end]
    assert here, f"no event in the sentence of {gold['contains']!r}"
    types = {gold["plover"], *gold.get("also_accept", [])}
    typed = [e for e in here if e.type in types]
    assert typed, f"types {[e.type for e in here]}, want {sorted(types)}"
    right = [e for e in typed if same_actor(e.source, gold["actor"])]
    assert right, f"sources {[e.source.name for e in typed]}, want {gold['actor']}"
    for name in gold.get("targets") or []:
        assert any(same_actor(t, name) for e in right for t in e.targets), \
            f"target {name} not in {[[t.name for t in e.targets] for e in right]}"
    assert any(e.date == gold["date"] for e in right), f"dates {[e.date for e in right]}, want {gold['date']}"


@pytest.mark.slow
def test_seed_event_spans_are_true(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        assert article.events
        for e in article.events:
            assert article.text[e.start:e.end] == e.text
            assert article.text[e.trigger_start:e.trigger_end] == e.trigger
            assert e.start <= e.trigger_start < e.trigger_end <= e.end
            if e.quote_index is not None:
                assert 0 <= e.quote_index < len(article.quotes)
