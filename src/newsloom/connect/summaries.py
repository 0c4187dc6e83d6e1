"""A stored story as its summary: what the clusterer compares a new article with, without reading
the story's members again.

A build on a large store places its new articles against the summaries of the candidate stories
(found through their heaviest words, see ``index_terms``) and writes back the summaries of the
stories it changed. A summary keeps the centroid's heaviest ``summary_terms`` words (the long tail
of words met once in a body weighs little and would make big stories' summaries grow without end),
the story's size and span, its actors, the dates its texts mention, and the member its title comes
from. The centroid's weights are those of the build that added each article: word rarity is judged
as of then, as a reader would have.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .stories import StoryState

_DIGITS = 6  # rounding of stored weights: far below any difference a threshold sees


def to_summary(state: StoryState, central: tuple[float, str, str], max_terms: int) -> str:
    """``state`` as a JSON summary (its centroid cut to the ``max_terms`` heaviest words)."""
    centroid = dict(heaviest(state.centroid, max_terms))
    data: dict[str, Any] = {
        "centroid": {t: round(w, _DIGITS) for t, w in centroid.items()},
        "size": state.size(), "dated": state.dated,
        "first_day": state.first_day, "last_day": state.last_day,
        "first_seen": state.first_seen, "last_seen": state.last_seen,
        "actors": dict(sorted(state.actors.items())), "text_days": sorted(state.text_days),
        "central": list(central),
    }
    if state.embedding is not None:
        data["embedding"] = [round(v, _DIGITS) for v in state.embedding]
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def from_summary(story_id: str, rank: int, summary: str) -> StoryState:
    """The story a summary describes, its members counted (``earlier``) but not listed."""
    data = json.loads(summary)
    centroid = {t: float(w) for t, w in data["centroid"].items()}
    central = data.get("central")
    return StoryState(
        id=story_id, rank=rank, centroid=centroid, norm2=sum(w * w for w in centroid.values()),
        first_day=data["first_day"], last_day=data["last_day"], first_seen=data["first_seen"],
        last_seen=data["last_seen"], dated=data["dated"], actors=Counter(data["actors"]),
        text_days=set(data["text_days"]), earlier=data["size"], embedding=data.get("embedding"),
        central=(float(central[0]), central[1], central[2]) if central and central[1] else None)


def heaviest(centroid: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest words of a centroid (ties by word, so the choice is deterministic)."""
    return sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def index_terms(state: StoryState, n: int) -> list[str]:
    """The words a story is found by: its ``n`` heaviest."""
    return [t for t, _ in heaviest(state.centroid, n)]


