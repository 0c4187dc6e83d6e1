"""PostgreSQL implementation of the Store, for a shared server: one transaction per document,
full-text search on generated tsvector columns with GIN indexes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

from ..errors import NewsloomError
from ..model import utcnow
from .actor_queries import ActorLookupMixin
from .base import Store
from .bulk_queries import BulkMixin
from .connect_index import ConnectIndexMixin
from .event_queries import EventQueryMixin
from .feed_queries import FeedQueryMixin
from .lookup_queries import LookupQueryMixin
from .migrate import migration_scripts
from .postgres_queries import PgSearch
from .queries import QueryMixin
from .statement_queries import StatementQueryMixin
from .story_queries import StoryQueryMixin
from .writes import WriteMixin

# Any constant shared by every Newsloom process: serializes migrations of one database.
_MIGRATION_LOCK = 0x6E65_7773_6C6F_6F6D  # "newsloom"


class StoreConnectionError(NewsloomError, ConnectionError):
    """The PostgreSQL server cannot be reached; the message names it (without the password)."""


# PostgreSQL text cannot hold NUL; U+FFFD keeps every character offset of the facts valid, where
# refusing would fail the whole document.
class _NulFreeStr(StrDumperUnknown):
    def dump(self, obj: str) -> bytes:  # type: ignore[override]
        return super().dump(obj.replace("\x00", "\ufffd"))  # type: ignore[return-value]


class _NulFreeStrBinary(StrBinaryDumper):
    def dump(self, obj: str) -> bytes:  # type: ignore[override]
        return super().dump(obj.replace("\x00", "\ufffd"))  # type: ignore[return-value]


def _strip_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_strip_nul(k): _strip_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_strip_nul(v) for v in value]
    return value


def _dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # jsonb refuses the \u0000 escape as well.
    return json.dumps(_strip_nul(value), ensure_ascii=False, separators=(",", ":")) if "\\u0000" in text else text


def migrate_postgres(conn: psycopg.Connection) -> list[str]:
    """Apply every migration not yet recorded, each in its own transaction; returns those applied now."""
    applied = []
    for name, sql in migration_scripts("postgres"):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            if conn.execute("SELECT 1 FROM migrations WHERE name = %s", (name,)).fetchone():
                continue
            conn.execute(sql)  # without parameters it goes as one simple query: several statements
            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (%s, %s)", (name, utcnow()))
        applied.append(name)
    return applied


class PostgresStore(PgSearch, ActorLookupMixin, EventQueryMixin, FeedQueryMixin, LookupQueryMixin,
                    StatementQueryMixin, StoryQueryMixin,
                    ConnectIndexMixin, QueryMixin, WriteMixin, BulkMixin, Store):
    """A Newsloom database on a PostgreSQL server, e.g. ``postgresql://user@host:5432/newsloom``."""

    paramstyle = "format"  # psycopg placeholders, for the SQL shared with SQLite

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        self.url = url
        self.connect_timeout = connect_timeout
        # One connection per Store, shared by a web server's threads and serialized by the lock, like
        # the SQLite store; autocommit outside explicit transactions so reads never hold a snapshot.
        self.lock = threading.RLock()
        self._conn: psycopg.Connection | None = None
        migrate_postgres(self.conn)

    # -- plumbing ------------------------------------------------------------------------------
    @property
    def conn(self) -> psycopg.Connection:
        """The connection, opened again if the server dropped it (restart, idle timeout)."""
        if self._conn is None or self._conn.closed or self._conn.broken:
            try:
                conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row,
                                       connect_timeout=self.connect_timeout, application_name="newsloom")
            except psycopg.OperationalError as exc:
                raise StoreConnectionError(f"cannot connect to PostgreSQL at {_safe_url(self.url)}: {exc}") from None
            # No JIT compilation: it starts on the planner's cost estimate, which is large for a
            # wide search slice or a per-row subplan even when few rows are read, and compiling
            # then takes longer (about a second at 1 M articles) than these short reads themselves.
            conn.execute("SET jit = off")
            # Every statement planned for its own values: psycopg prepares a statement run five
            # times, and the server may then keep one generic plan for it; a search slice's best
            # plan depends on the words (at 1 M a rare word then took 6 s instead of 55 ms).
            conn.execute("SET plan_cache_mode = force_custom_plan")
            conn.adapters.register_dumper(str, _NulFreeStr)
            conn.adapters.register_dumper(str, _NulFreeStrBinary)
            self._conn = conn
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Cursor]:
        with self.lock:
            conn = self.conn
            with conn.transaction(), conn.cursor() as cur:
                yield cur

    def _all(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()  # type: ignore[return-value]

    def _one(self, sql: str, params: tuple | list = ()) -> dict[str, Any] | None:
        with self.lock:
            return self.conn.execute(sql, params).fetchone()  # type: ignore[return-value]

    def close(self) -> None:
        with self.lock:
            if self._conn is not None:
                self._conn.close()

    def optimize(self) -> None:
        with self.lock:
            # VACUUM sets the visibility map (index-only scans need it) as well as the statistics;
            # it cannot run inside a transaction, and this connection is in autocommit mode.
            self.conn.execute("VACUUM (ANALYZE)")

    def explain(self, sql: str, params: tuple | list = ()) -> list[str]:
        with self.lock:
            return [r["QUERY PLAN"] for r in self.conn.execute("EXPLAIN " + sql, params).fetchall()]

    def _json(self, value: Any) -> Jsonb:
        return Jsonb(value, dumps=_dumps)


def _safe_url(url: str) -> str:
    """The URL without its password, for error messages."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    info.pop("password", None)
    return " ".join(f"{k}={v}" for k, v in info.items())


__all__ = ["PostgresStore", "StoreConnectionError", "migrate_postgres"]
