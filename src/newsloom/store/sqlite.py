"""SQLite implementation of the Store: the connection (WAL, one transaction per document) and JSON as
text; the queries are shared with PostgreSQL, the FTS5 dialect is in ``sqlite_queries``."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .actor_queries import ActorLookupMixin
from .base import Filters, Page, Store
from .bulk_queries import BulkMixin
from .connect_index import ConnectIndexMixin
from .event_queries import EventQueryMixin
from .feed_queries import FeedQueryMixin
from .lookup_queries import LookupQueryMixin
from .migrate import migrate_sqlite
from .queries import QueryMixin
from .sqlite_queries import SQLiteSearch
from .statement_queries import StatementQueryMixin
from .story_queries import StoryQueryMixin
from .writes import WriteMixin


class SQLiteStore(SQLiteSearch, ActorLookupMixin, EventQueryMixin, FeedQueryMixin, LookupQueryMixin,
                  StatementQueryMixin, StoryQueryMixin,
                  ConnectIndexMixin, QueryMixin, WriteMixin, BulkMixin, Store):
    """A Newsloom database in one SQLite file (``":memory:"`` works too)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        uri = f"file:{self.path}?mode=ro" if readonly else self.path
        # One connection per Store; check_same_thread off so a web server's worker threads can
        # share it, serialized by the lock.
        self.conn = sqlite3.connect(uri, uri=readonly, isolation_level=None, check_same_thread=False,
                                    timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate_sqlite(self.conn)

    # -- plumbing ------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    def _all(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def _one(self, sql: str, params: tuple | list = ()) -> dict[str, Any] | None:
        with self.lock:
            row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def integrity_check(self) -> str:
        with self.lock:
            row = self.conn.execute("PRAGMA integrity_check").fetchone()
        return row[0] if row else "no answer"

    def optimize(self) -> None:
        with self.lock:
            # Sampled statistics (analysis_limit): seconds rather than minutes on millions of rows,
            # and enough for the planner to rank the indexes.
            self.conn.execute("PRAGMA analysis_limit = 1000")
            self.conn.execute("ANALYZE")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # fold the load's WAL into the file

    def explain(self, sql: str, params: tuple | list = ()) -> list[str]:
        with self.lock:
            return [r["detail"] for r in self.conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]

    def _json(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


__all__ = ["SQLiteStore", "Filters", "Page"]
