"""Small lookups the command line and the pages need: the stored ids that start with a prefix
(ids typed the way they are shown) and the sentences quotes stand in. One SQL text for SQLite and
PostgreSQL, on the ``SQLHost`` pattern."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .dialect import SQLHost

# Fixed table names per kind of id: the kind never reaches the SQL as text from outside.
_ID_TABLES = {"document": "documents", "story": "stories"}
_CHUNK = 500


class LookupQueryMixin(SQLHost):
    def ids_with_prefix(self, kind: str, prefix: str, limit: int = 10) -> list[str]:
        table = _ID_TABLES[kind]
        # The prefix is a literal: %, _ and \ in it match themselves.
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._rows(f"SELECT id FROM {table} WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",  # noqa: S608
                          [pattern, limit])
        return [r["id"] for r in rows]

    def quote_sentences(self, quote_ids: Iterable[Any]) -> dict[Any, dict[str, Any]]:
        ids = list(dict.fromkeys(quote_ids))
        out: dict[Any, dict[str, Any]] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i: i + _CHUNK]
            # substr counts characters from 1 in both dialects, as Python's offsets count from 0.
            rows = self._rows(
                "SELECT q.id, q.start, q.\"end\" AS stop, q.sentence_start, q.sentence_end,"
                " substr(a.text, q.sentence_start + 1, q.sentence_end - q.sentence_start) AS sentence"
                " FROM quotes q JOIN articles a ON a.doc_id = q.doc_id"
                f" WHERE q.sentence_start IS NOT NULL AND q.id IN ({','.join('?' * len(chunk))})",  # noqa: S608
                chunk)
            for r in rows:
                out[r["id"]] = {"start": r["start"], "end": r["stop"], "sentence_start": r["sentence_start"],
                                "sentence_end": r["sentence_end"], "sentence": r["sentence"]}
        return out
