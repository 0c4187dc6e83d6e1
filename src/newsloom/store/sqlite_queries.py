"""SQLite's full-text dialect: FTS5 matching, bm25 ranking and snippets. Every other query is
shared with PostgreSQL (``queries``, ``writes``, ``story_queries``)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .base import Filters, Page, decode_cursor
from .dialect import NOT_A_COPY, SQLHost, and_sql, article_filters, page_of
from .fts import HL_CLOSE, HL_OPEN, fts_query, highlight, plain

__all__ = ["RANK_WINDOW", "SQLiteSearch", "fts_query", "highlight"]

# Most matches ranked by bm25 for one search; beyond it, the newest matches are ranked (see search()).
RANK_WINDOW = 1000
_FTS_TABLES = {"articles": ("articles_fts", "n"), "quotes": ("quotes_fts", "id")}


class SQLiteSearch(SQLHost):
    """FTS5 tables kept in sync by triggers; ``rowid`` is the article's ``n`` / the quote's ``id``."""

    _pinned_join = "CROSS JOIN"
    conn: sqlite3.Connection
    lock: threading.RLock

    def _text_match(self, table: str, alias: str) -> str:
        fts, key = _FTS_TABLES[table]
        return f"{alias}.{key} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"

    def _match_query(self, text: str) -> str:
        return fts_query(text)

    def search(self, query: str, filters: Filters | None = None, limit: int = 20,
               cursor: str | None = None, collapse_copies: bool = False) -> Page:
        """Ranked full-text search. Ranking is bounded: when a query matches more than
        ``RANK_WINDOW`` articles, only the most recently added ``RANK_WINDOW`` matches are ranked,
        and snippets are made only for the page shown (both cost per row, and a common word
        matches every article)."""
        offset = decode_cursor(cursor)
        where, params = article_filters(filters)
        if collapse_copies:
            where.append(NOT_A_COPY)
        match = fts_query(query)
        join = " JOIN articles a ON a.n = articles_fts.rowid" if where else ""
        cond = and_sql(where)
        # One pass: FTS5 walks matches newest first, scoring each, and stops at the window's edge;
        # only the window is sorted. Cheap even for a word found in every article.
        ranked = self._rows(
            f"SELECT n, score FROM (SELECT articles_fts.rowid AS n, bm25(articles_fts, 5.0, 1.0) AS score"
            f" FROM articles_fts{join} WHERE articles_fts MATCH ?{cond} ORDER BY articles_fts.rowid DESC LIMIT ?)"
            " ORDER BY score, n DESC LIMIT ? OFFSET ?", [match, *params, RANK_WINDOW, limit + 1, offset])
        if not ranked:
            return page_of([], limit, offset)
        scores = {r["n"]: r["score"] for r in ranked}
        rows = self._rows(
            "SELECT a.n, a.doc_id AS id, a.title, a.published, a.outlet, a.url,"
            f" snippet(articles_fts, 1, '{HL_OPEN}', '{HL_CLOSE}', '…', 16) AS raw_snippet"
            " FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(scores))})",
            [match, *scores])
        items = []
        for item in sorted(rows, key=lambda r: (scores[r["n"]], -r["n"])):
            item["score"] = scores[item.pop("n")]
            raw = item.pop("raw_snippet") or ""
            item["snippet"] = highlight(raw)
            item["snippet_text"] = plain(raw)
            items.append(item)
        if collapse_copies:
            self.with_copy_counts(items[:limit])
        return page_of(items, limit, offset)

    @contextmanager
    def _facet_scope(self, query: str, filters: Filters | None,
                     window: int) -> Iterator[tuple[str, str, list[Any], int]]:
        """The newest matches in a temporary table, held under the lock while they are counted."""
        where, params = article_filters(filters)
        join = " JOIN articles a ON a.n = articles_fts.rowid" if where else ""
        cond = and_sql(where)
        with self.lock:
            c = self.conn
            c.execute("CREATE TEMP TABLE IF NOT EXISTS facet_ids (n INTEGER PRIMARY KEY)")
            c.execute("DELETE FROM facet_ids")
            c.execute(f"INSERT INTO facet_ids (n) SELECT articles_fts.rowid FROM articles_fts{join}"
                      f" WHERE articles_fts MATCH ?{cond} ORDER BY articles_fts.rowid DESC LIMIT ?",
                      [fts_query(query), *params, window + 1])
            total = c.execute("SELECT count(*) FROM facet_ids").fetchone()[0]
            if total > window:
                c.execute("DELETE FROM facet_ids WHERE n = (SELECT min(n) FROM facet_ids)")
            yield "facet_ids f CROSS JOIN articles a ON a.n = f.n", "1 = 1", [], total
