"""What the shared SQL needs from a backend, and the small helpers every query module uses.

Query modules (``queries``, ``writes``, ``story_queries``) hold one SQL text for SQLite and
PostgreSQL, written with ``?`` placeholders and SQL both engines read the same way
(``substr``, ``lower(..) LIKE lower(..)``, ``NULLS LAST``). A backend supplies the connection
(``_all``, ``_one``, ``transaction``), its placeholder style, JSON values, and the full-text
dialect; nothing else differs between the two.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from .base import Filters, Page, Store, encode_cursor

# Hides an article that is a copy of another (its original stands for it, with a count).
NOT_A_COPY = "NOT EXISTS (SELECT 1 FROM duplicates du WHERE du.doc_id = a.doc_id)"


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with ``%``, ``_`` and ``\\`` taken literally
    (the SQL says ``ESCAPE '\\'``)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def loads(value: Any) -> Any:
    """A JSON column's value: SQLite hands back text, PostgreSQL's jsonb an object already."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def where_sql(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def and_sql(clauses: list[str]) -> str:
    """``clauses`` appended to a condition that is already there."""
    return "".join(f" AND {c}" for c in clauses)


def page_of(rows: list[dict[str, Any]], limit: int, offset: int) -> Page:
    """A page from ``limit + 1`` fetched rows: the extra row only says there is a next page."""
    more = len(rows) > limit
    return Page(items=rows[:limit], next=encode_cursor(offset + limit) if more else None)


def until_sql(column: str, until: str) -> str:
    """``column`` cut to the precision of ``until`` (a date, a month, a year) compared with it;
    the length is an int the code computes, never user text."""
    return f"substr({column}, 1, {len(until)}) <= ?"


def article_filters(f: Filters | None, alias: str = "a", listed: bool = False) -> tuple[list[str], list[Any]]:
    """WHERE clauses (``?`` placeholders) and parameters for the date, outlet and actor filters.

    ``listed``: the date bounds are written on the list order's key, ``coalesce(published, '')``
    (the same articles: a bound excludes an unknown date either way), so a list newest first
    reads its index from the window's end and stops at the page instead of sorting the window."""
    where: list[str] = []
    params: list[Any] = []
    if f is None:
        return where, params
    date = f"coalesce({alias}.published, '')" if listed else f"{alias}.published"
    if f.since:
        where.append(f"{date} >= ?")
        params.append(f.since)
    if f.until:
        # The plain upper bound is implied by the exact test after it; it lets an index on
        # published read just the range instead of every article newer than ``until``.
        where.append(f"{date} <= ? AND " + until_sql(f"{alias}.published", f.until))
        params += [f.until + "\U0010ffff", f.until]
    if f.outlet:
        where.append(f"{alias}.outlet = ?")
        params.append(f.outlet)
    if f.actor:
        # IN rather than EXISTS: the planner may start from the actor's documents when they are few.
        where.append(f"{alias}.doc_id IN (SELECT da.doc_id FROM doc_actors da WHERE da.actor_id = ?)")
        params.append(f.actor)
    return where, params


class SQLHost(Store):
    """A Store over SQL: what a backend gives the shared query mixins (connection and dialect)."""

    # "qmark" (SQLite) or "format" (psycopg): the shared SQL's "?" become "%s" for the latter.
    paramstyle = "qmark"

    @abstractmethod
    def _all(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        """Rows as dicts; ``sql`` already in the backend's placeholder style."""

    @abstractmethod
    def _one(self, sql: str, params: tuple | list = ()) -> dict[str, Any] | None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """A cursor-like object (``execute``, ``executemany``, ``rowcount``) inside one transaction."""

    @abstractmethod
    def _json(self, value: Any) -> Any:
        """``value`` as the backend stores a JSON column (text for SQLite, jsonb for PostgreSQL)."""

    @abstractmethod
    def _text_match(self, table: str, alias: str) -> str:
        """A condition with one placeholder (a query made by ``_match_query``) that holds for the rows
        of ``table`` (``articles`` or ``quotes``, as ``alias``) whose text matches."""

    @abstractmethod
    def explain(self, sql: str, params: tuple | list = ()) -> list[str]:
        """The plan the database would run ``sql`` (backend placeholder style) with, one line a step."""

    @abstractmethod
    def _match_query(self, text: str) -> str:
        """The user's search text in this backend's full-text syntax (``fts``: one parse, two
        renderings); a ValueError says why a query cannot be read."""

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.paramstyle == "format" else sql

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Rows of shared SQL written with ``?`` placeholders."""
        return [dict(r) for r in self._all(self._sql(sql), list(params))]

    def _row(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        row = self._one(self._sql(sql), list(params))
        return dict(row) if row is not None else None
