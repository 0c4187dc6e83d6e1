"""Feed subscriptions and their health, documents looked up by URL, and forgetting a placeholder
document: one SQL text for SQLite and PostgreSQL (``?`` placeholders, turned into ``%s`` there).

The host class provides the connection (``SQLHost``).
"""

from __future__ import annotations

from typing import Any

from ..model import utcnow
from .dialect import SQLHost

FEED_FIELDS = ("interval_s", "etag", "last_modified", "last_checked", "next_check", "last_new", "items",
               "checks", "failures", "last_error")


class FeedQueryMixin(SQLHost):
    """What ``newsloom watch`` and ``newsloom feeds`` keep in the store."""

    def add_feed(self, url: str, interval_s: float) -> bool:
        """Subscribe to ``url``; False when it was subscribed already (its state is kept)."""
        with self.transaction() as c:
            cur = c.execute(self._sql("INSERT INTO feeds (url, added_at, interval_s) VALUES (?,?,?)"
                                      " ON CONFLICT (url) DO NOTHING"), (url, utcnow(), float(interval_s)))
            return bool(cur.rowcount)

    def remove_feed(self, url: str) -> bool:
        with self.transaction() as c:
            cur = c.execute(self._sql("DELETE FROM feeds WHERE url = ?"), (url,))
            return bool(cur.rowcount)

    def feeds(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM feeds ORDER BY url")

    def update_feed(self, url: str, **state: Any) -> None:
        """Record a poll's outcome (any of ``FEED_FIELDS``)."""
        names = [k for k in state if k in FEED_FIELDS]
        if not names:
            return
        assignments = ", ".join(f"{k} = ?" for k in names)  # names come from FEED_FIELDS only
        with self.transaction() as c:
            c.execute(self._sql(f"UPDATE feeds SET {assignments} WHERE url = ?"),
                      [state[k] for k in names] + [url])

    def has_source(self, *sources: str) -> bool:
        """True when a document was stored from any of these sources (URLs as given)."""
        wanted = [s for s in dict.fromkeys(sources) if s]
        if not wanted:
            return False
        marks = ",".join("?" for _ in wanted)
        return self._row(f"SELECT 1 AS x FROM documents WHERE source IN ({marks}) LIMIT 1", wanted) is not None

    def delete_document(self, doc_id: str) -> None:
        """Forget a document and everything found in it (a failed-fetch placeholder once the
        page has been fetched and stored under its own content hash)."""
        with self.transaction() as c:
            c.execute(self._sql("DELETE FROM documents WHERE id = ?"), (doc_id,))
