"""Ids typed the way they are shown: the stored ids that start with a prefix (one SQL text for
SQLite and PostgreSQL, on the ``SQLHost`` pattern)."""

from __future__ import annotations

from .dialect import SQLHost

# Fixed table names per kind of id: the kind never reaches the SQL as text from outside.
_ID_TABLES = {"document": "documents", "story": "stories"}


class IdQueryMixin(SQLHost):
    def ids_with_prefix(self, kind: str, prefix: str, limit: int = 10) -> list[str]:
        table = _ID_TABLES[kind]
        # The prefix is a literal: %, _ and \ in it match themselves.
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._rows(f"SELECT id FROM {table} WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",  # noqa: S608
                          [pattern, limit])
        return [r["id"] for r in rows]
