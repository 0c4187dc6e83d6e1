"""What some pages show beyond one query: the home page's activity window, the sentences behind a
story's quotes, an actor's chart periods and the statements made on its behalf."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..store import Filters
from .charts import per_period, timeline_spec

# The windows the home page offers for "most active", in days (None: the whole store).
WINDOWS: dict[str, int | None] = {"7": 7, "30": 30, "90": 90, "all": None}
DEFAULT_WINDOW = "7"


@dataclass(slots=True)
class ActivityWindow:
    """The published-date window "most active" counts over, as the page states it."""

    choice: str  # a key of WINDOWS: what the links mark as chosen
    since: str | None
    until: str | None
    label: str
    note: str | None = None  # why the window differs from the one asked for


def activity_window(store: Any, asked: str | None, today: date) -> ActivityWindow:
    """The last N days of *published* articles up to ``today`` (a stray future-dated article does
    not move the window); when nothing was published in them, the whole store, saying so."""
    choice = asked if asked in WINDOWS else DEFAULT_WINDOW
    days = WINDOWS[choice]
    if days is None:
        return ActivityWindow("all", None, None, "all articles")
    since, until = (today - timedelta(days=days - 1)).isoformat(), today.isoformat()
    if store.articles(Filters(since=since, until=until), limit=1).items:
        return ActivityWindow(choice, since, until, f"articles published in the last {days} days ({since} to {until})")
    return ActivityWindow("all", None, None, "all articles",
                          note=f"nothing was published in the last {days} days, so this counts the whole store")


def with_quote_sentences(store: Any, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Story timeline entries whose quotes carry the sentence they stand in, cut from their
    article at the stored offsets, as (before, quote, after) so the page can mark the quote."""
    found = store.quote_sentences(e["id"] for e in entries if e["kind"] == "quote")
    return [{**e, "sentence_parts": sentence_parts(found.get(e["id"]))} if e["kind"] == "quote" else e
            for e in entries]


def sentence_parts(row: dict[str, Any] | None) -> tuple[str, str, str] | None:
    """(before, quote, after) of a quote's sentence; None when the quote is the whole sentence or
    reaches outside it (then there is nothing true to add around it)."""
    if not row or not row["sentence"]:
        return None
    ss, text = row["sentence_start"], row["sentence"]
    a, b = row["start"] - ss, row["end"] - ss
    if a < 0 or b > len(text) or a >= b:
        return None
    before, quote, after = text[:a], text[a:b], text[b:]
    if not before.strip() and not after.strip():
        return None
    return before, quote, after


def actor_chart(store: Any, actor_id: str, name: str) -> dict[str, Any]:
    """The actor's mentions and quotes per day, week or month, for the chart and its table."""
    periods, unit = per_period(store.actor_timeline(actor_id), "day", ("mentions", "quotes", "articles"))
    return {"timeline": periods, "timeline_unit": unit, "timeline_spec": timeline_spec(periods, name, unit)}


def on_behalf(store: Any, actor_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """Statements made for the actor by someone else (a spokesperson, a ministry, an envoy):
    quotes whose speaks-for is the actor and whose speaker is not the actor itself."""
    items = store.quotes(speaks_for=actor_id, limit=limit * 2, collapse_copies=True, said_only=True).items
    return [q for q in items if ((q["speaker"] or {}).get("actor") or {}).get("id") != actor_id][:limit]
