"""Positions (stances from statements and events, grouped into topics) and said-versus-done contrasts."""

from __future__ import annotations

from pathlib import Path

import pytest

from events_sample import MIRA, OSTERLAND, RURITANIA, VALDORIA, fill
from newsloom.connect.contrasts import actor_contrasts
from newsloom.connect.positions import Position, actor_positions, cue_stance, group_topics
from newsloom.store import SQLiteStore


@pytest.fixture
def sample(tmp_path: Path):
    with SQLiteStore(tmp_path / "p.db") as store:
        fill(store)
        yield store


def _all(result: dict) -> list[dict]:
    return [p for t in result["topics"] for p in t["positions"]]


@pytest.mark.parametrize(("cue", "content", "stance"), [
    ("called for", "a ceasefire", "calls for"),
    ("urged", "both sides to talk", "calls for"),
    ("rejected", "the proposal", "rejects"),
    ("welcomed", "the deal", "supports"),
    ("condemned", "the strikes", "opposes"),
    ("offered", "to host talks", "offers"),
    ("said", "it would oppose any blockade", "opposes"),
    ("said", "the weather was fine", None),
])
def test_cue_and_content_give_the_stance(cue: str, content: str, stance: str | None) -> None:
    assert cue_stance(cue, content) == stance


def test_positions_from_quotes_and_events_cite_their_sentences(sample: SQLiteStore) -> None:
    result = actor_positions(sample, RURITANIA.id)
    positions = _all(result)
    call = next(p for p in positions if p["stance"] == "calls for")
    assert call["proposition"] == "an immediate ceasefire with Osterland"
    assert call["via"] == "quote" and call["date"] == "2024-04-01" and call["target"]["id"] == OSTERLAND.id
    # The REQUEST event coded from the same quote does not count twice.
    assert sum(p["stance"] == "calls for" for p in positions) == 1
    assert {p["stance"] for p in positions if p["via"] == "event"} == {"opposes"}
    for p in positions:
        assert sample.article(p["doc_id"]).text[p["start"]:p["end"]] == p["sentence"]
        assert p["topic"]
    # A speaker's statements are its own positions too, and "did not reject" keeps its polarity.
    assert [p["stance"] for p in _all(actor_positions(sample, MIRA.id))] == ["calls for"]
    rejects = [p for p in _all(actor_positions(sample, OSTERLAND.id)) if p["stance"] == "rejects"]
    assert len(rejects) == 1 and rejects[0]["negated"]
    # An offer to mediate is an offer; a hypothetical border closure is no position yet.
    assert [p["stance"] for p in _all(actor_positions(sample, VALDORIA.id))] == ["offers"]
    assert actor_positions(sample, "nobody:at-all") is None


def test_topic_filter(sample: SQLiteStore) -> None:
    result = actor_positions(sample, RURITANIA.id, topic="ceasefire")
    assert [p["proposition"] for p in _all(result)] == ["an immediate ceasefire with Osterland"]
    assert actor_positions(sample, RURITANIA.id, topic="no such words here")["topics"] == []


def test_near_identical_propositions_share_a_topic() -> None:
    def pos(text: str) -> Position:
        return Position(actor={}, stance="calls for", proposition=text, doc_id="d", start=0, end=1, sentence="x",
                        via="quote", ref=1)

    topics = group_topics([pos("resume the negotiation process and return to the peace talks"),
                           pos("the cessation of hostilities and the resumption of peace talks"),
                           pos("stopping unilateral sanctions")])
    assert sorted(len(ps) for ps in topics.values()) == [1, 2]
    assert any("talks" in name for name in topics)


def test_contrast_pairs_a_call_for_ceasefire_with_an_assault(sample: SQLiteStore) -> None:
    result = actor_contrasts(sample, RURITANIA.id)
    assert len(result["items"]) == 1
    pair = result["items"][0]
    assert pair["said"]["stance"] == "calls for" and pair["done"]["type"] == "ASSAULT"
    assert pair["target"]["id"] == OSTERLAND.id and pair["days_apart"] == 8
    assert "called for an immediate ceasefire" in pair["said"]["sentence"]
    assert "shelled" in pair["done"]["text"]
    # Outside the window there is no pair; a negated or hypothetical event is never "done".
    assert actor_contrasts(sample, RURITANIA.id, window_days=7)["items"] == []
    assert len(actor_contrasts(sample, RURITANIA.id, window_days=8)["items"]) == 1  # the window's edge counts
    assert actor_contrasts(sample, RURITANIA.id, max_pairs=0) | {"items": None} == {
        **result, "items": None, "truncated": True}
    assert actor_contrasts(sample, VALDORIA.id)["items"] == []
    assert actor_contrasts(sample, OSTERLAND.id)["items"] == []


def test_seed_positions_hold_china_call_for_peace_talks(shared: Path, tmp_path: Path) -> None:
    """After ingesting both seeds (quotes only: no events on this branch yet), China's positions
    hold its call for peace talks with stance, date and sentence span."""
    from newsloom.batch.local import ingest
    from newsloom.settings import Settings

    seeds = sorted((shared / "seeds").glob("*.txt"))
    assert len(seeds) == 2
    with SQLiteStore(tmp_path / "seeds.db") as store:
        ingest([str(s) for s in seeds], store, Settings.load())
        result = actor_positions(store, "China")
        assert result is not None and result["actor"]["name"] == "China"
        talks = [p for p in _all(result) if p["stance"] == "calls for"
                 and ("peace talks" in p["proposition"] or "settlement" in p["proposition"])]
        assert talks, _all(result)
        dated = [p for p in talks if p["date"]]
        assert dated and dated[0]["date"].startswith("2023-02-24")
        for p in talks:
            assert store.article(p["doc_id"]).text[p["start"]:p["end"]] == p["sentence"]
            assert "talks" in p["sentence"] or "settlement" in p["sentence"]
