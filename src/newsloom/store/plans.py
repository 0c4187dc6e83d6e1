"""The hot read queries and their plans: which SQL a store call runs, and whether its plan reads a
whole large table. Shared by the index test (tests/test_store_plans.py) and the scale benchmark
(benchmarks/store_scale.py), so both judge the same calls the API makes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .base import Filters
from .dialect import SQLHost

# Tables that grow with the archive: reading one whole is a bug at a million articles.
LARGE_TABLES = frozenset({"articles", "documents", "mentions", "doc_actors", "quotes", "events", "event_targets",
                          "dates", "stories", "story_documents", "duplicates", "actor_days", "actors"})
_ALIAS = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(?!ON\b|WHERE\b|JOIN\b|LEFT\b|CROSS\b|ORDER\b|GROUP\b"
                    r"|LIMIT\b|USING\b)(\w+))?", re.I)
_SQLITE_SCAN = re.compile(r"^SCAN (\w+)$")
_PG_SEQ = re.compile(r"Seq Scan on (\w+)")


# How a read starts a statement that only sets planner settings for its transaction
# (``set_config(name, value, true)``): replayed for real before the statements after it are explained.
PLANNER_SETTING = "SELECT set_config("


@dataclass(frozen=True, slots=True)
class Probe:
    """Values a hot query is asked with: an actor id, its name, an outlet, a word and a phrase."""

    actor: str
    name: str
    outlet: str
    word: str
    phrase: str
    since: str = "2021-01-01"
    until: str = "2021-06"


def hot_queries(p: Probe) -> dict[str, Callable[[Any], object]]:
    """The reads every page and API list depends on, by name; each takes a store."""
    return {
        "articles, newest": lambda s: s.articles(limit=20),
        "articles, outlet": lambda s: s.articles(Filters(outlet=p.outlet), limit=20),
        "articles, since + until": lambda s: s.articles(Filters(since=p.since, until=p.until), limit=20),
        "articles, actor": lambda s: s.articles(Filters(actor=p.actor), limit=20),
        "search, word": lambda s: s.search(p.word, limit=20),
        "search, phrase": lambda s: s.search(p.phrase, limit=20),
        "search, word + outlet": lambda s: s.search(p.word, Filters(outlet=p.outlet), limit=20),
        "quotes, newest": lambda s: s.quotes(limit=50),
        "quotes, speaker id": lambda s: s.quotes(speaker=p.actor, limit=50),
        "quotes, speaker name": lambda s: s.quotes(speaker=p.name, limit=50),
        "actor timeline": lambda s: s.actor_timeline(p.actor),
        "actor timeline, outlet": lambda s: s.actor_timeline(p.actor, Filters(outlet=p.outlet)),
        "find actor by name": lambda s: s.find_actor(p.name),
        "events, actor": lambda s: s.events(actor=p.actor, limit=50),
        "stories, newest": lambda s: s.stories(limit=20),
        "actor stories": lambda s: s.actor_stories(p.actor, limit=20),
    }


@contextmanager
def recording(store: SQLHost) -> Iterator[list[tuple[str, list[Any]]]]:
    """Within the block, every statement ``store`` reads with (in its own placeholder style)."""
    calls: list[tuple[str, list[Any]]] = []
    run_all, run_one = store._all, store._one

    def _all(sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        calls.append((sql, list(params)))
        return run_all(sql, params)

    def _one(sql: str, params: tuple | list = ()) -> dict[str, Any] | None:
        calls.append((sql, list(params)))
        return run_one(sql, params)

    store._all, store._one = _all, _one  # type: ignore[method-assign]
    try:
        yield calls
    finally:
        del store._all, store._one  # the class's methods again


def explain_calls(store: SQLHost, calls: list[tuple[str, list[Any]]]) -> list[tuple[str, list[str]]]:
    """``(sql, plan)`` for the statements ``recording`` saw, in order and in one transaction, so
    that planner settings a read made for its next statements apply to their plans too."""
    out = []
    with store.transaction():
        for sql, params in calls:
            if sql.startswith(PLANNER_SETTING):
                store._all(sql, params)
            elif not sql.startswith("EXPLAIN"):  # the store asking the planner, not a read
                out.append((sql, store.explain(sql, params)))  # type: ignore[attr-defined]
    return out


def aliases(sql: str) -> dict[str, str]:
    """Alias (or name) -> table for the tables a statement reads."""
    out: dict[str, str] = {}
    for table, alias in _ALIAS.findall(sql):
        out[table.lower()] = table.lower()
        if alias:
            out[alias.lower()] = table.lower()
    return out


def full_scans(sql: str, plan: list[str]) -> list[str]:
    """``"table: plan line"`` for each step that reads a whole large table (SQLite ``SCAN t``
    without an index, PostgreSQL ``Seq Scan on t``)."""
    names = aliases(sql)
    bad = []
    for line in plan:
        text = line.strip().lstrip("->").strip()
        m = _SQLITE_SCAN.match(text) or _PG_SEQ.search(text)
        table = names.get(m.group(1).lower(), m.group(1).lower()) if m else ""
        if table in LARGE_TABLES:
            bad.append(f"{table}: {text}")
    return bad
