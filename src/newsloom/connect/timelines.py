"""Timelines: a story's articles, quotes and events in date order; an actor's stories over time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .features import utc_instant

if TYPE_CHECKING:  # the store sits above connect; only its interface is needed here
    from ..store.base import Filters, Store


def _when(*values: str | None) -> str:
    return next((v for v in values if v), "")


def story_timeline(store: Store, story_id: str) -> dict[str, Any] | None:
    """``{story, actors, entries}`` where entries mix articles, quotes and events, each with
    ``kind`` and ``date`` (a quote's or event's own date when resolved, else its article's
    publication), oldest first, undated last. None for an unknown story."""
    data = store.story(story_id)
    if data is None:
        return None
    entries: list[dict[str, Any]] = []
    for a in data["articles"]:
        entries.append({**a, "kind": "article", "date": _when(a["published"])})
    for q in data["quotes"]:
        # The quote's own kind (direct, indirect...) stays as quote_kind.
        entries.append({**q, "quote_kind": q["kind"], "kind": "quote", "date": _when(q["date"], q["published"])})
    for e in data["events"]:
        entries.append({**e, "kind": "event", "date": _when(e["date"], e["published"])})
    # Compared in UTC; on one day the article comes first, then what it reports, each in stored
    # order; undated entries (an article without a publication date) go last.
    rank = {"article": 0, "event": 1, "quote": 2}

    def key(x: dict[str, Any]) -> tuple:
        when = utc_instant(x["date"]) or ""
        return (not when, when[:10], rank[x["kind"]], when, str(x.get("doc_id") or x["id"]), str(x["id"]))

    entries.sort(key=key)
    return {"story": data["story"], "actors": data["actors"], "entries": entries}


def actor_story_timeline(store: Store, actor_id: str, filters: Filters | None = None,
                         limit: int = 500) -> list[dict[str, Any]]:
    """The stories ``actor_id`` appears in, oldest first, with the actor's counts in each."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while len(items) < limit:
        page = store.actor_stories(actor_id, filters, limit=min(200, limit - len(items)), cursor=cursor)
        items += page.items
        if page.next is None:
            break
        cursor = page.next
    return items
