"""Said versus done: an actor's statements set against the events reported about it.

A contrast pairs a position (what the actor said about a target) with an event the actor is the
source of, on the same target, within a window of days, pointing the other way: a call for a
ceasefire with X and an ASSAULT on X; opposing X and an agreement with X. Which way a statement
and an event point is data (data/lexicons/stances.yaml); only events that were done count
(not negated, hypothetical, future, or reported inside a quote).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .positions import Position, _all_pages, gather, lexicon

if TYPE_CHECKING:  # the store sits above connect; only its interface is used here
    from ..store.base import Store


def statement_direction(p: Position) -> str | None:
    """``cooperative`` or ``conflict``: which way a position points (None when it is unclear)."""
    if p.negated:
        return None
    if p.stance in ("opposes", "rejects"):
        return "conflict"
    if p.stance in ("supports", "offers"):
        return "cooperative"
    lex = lexicon()
    words = set(re.findall(r"[a-z-]+", p.proposition.lower()))
    coop, conflict = words & set(lex["cooperative_words"]), words & set(lex["conflict_words"])
    if coop and not conflict:
        return "cooperative"
    if conflict and not coop:
        return "conflict"
    return None


def event_direction(event: dict[str, Any]) -> str | None:
    """Which way an event that was done points; None for events that were not done."""
    if event.get("negated") or event.get("hypothetical") or event.get("future") or event.get("quote_index") is not None:
        return None
    done = lexicon()["done"]
    if event["type"] in done["cooperative"]:
        return "cooperative"
    if event["type"] in done["conflict"]:
        return "conflict"
    return None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def actor_contrasts(store: Store, actor_id: str, window_days: int = 30, limit: int = 2000,
                    max_pairs: int = 200) -> dict[str, Any] | None:
    """``{actor, window_days, items: [{said, done, target, days_apart, reason}], truncated}``,
    the newest ``max_pairs`` pairs, oldest statement first; None for an unknown actor."""
    found = store.find_actor(actor_id)
    if found is None:
        return None
    actor = found.as_dict()
    events = _all_pages(lambda cursor: store.events(source=actor["id"], limit=200, cursor=cursor), limit)
    acts = {t for kind in lexicon()["done"].values() for t in kind}
    spoken = {e["id"] for e in events if e["type"] not in acts}  # events that are statements (REQUEST...)
    said = [p for p in gather(store, actor, limit) if p.target and (p.via == "quote" or p.ref in spoken)]
    # Done events per target, in date order, so each statement looks only at its window.
    by_target: dict[str, list[tuple[date, str, dict[str, Any]]]] = {}
    for e in events:
        other, then = event_direction(e), _day(e.get("date") or e["article"].get("published"))
        if other and then:
            for t in e["targets"]:
                by_target.setdefault(t["id"], []).append((then, other, e))
    for entries in by_target.values():
        entries.sort(key=lambda x: (x[0], x[2]["id"]))
    items = []
    for p in said:
        way, when = statement_direction(p), _day(p.date)
        entries = by_target.get(p.target["id"], []) if p.target else []
        if way is None or when is None or not entries:
            continue
        days = [x[0] for x in entries]
        lo = bisect_left(days, when - timedelta(days=window_days))
        hi = bisect_right(days, when + timedelta(days=window_days))
        for then, other, e in entries[lo:hi]:
            if other != way:
                items.append({"said": p.as_dict(), "done": e, "target": p.target, "days_apart": (then - when).days,
                              "reason": f"said: {p.stance} ({way}) · done: {e['type']} ({other})"})
    items.sort(key=lambda c: (c["said"]["date"] or "", c["done"].get("date") or "", c["done"]["id"]))
    return {"actor": actor, "window_days": window_days, "items": items[-max_pairs:] if max_pairs else [],
            "truncated": len(items) > max_pairs}
