"""Bulk writes for large loads (``newsloom load``): many documents in one transaction, the fact
rows of PostgreSQL through COPY, and ANALYZE afterwards. One SQL text for both backends.

Each document is written exactly as ``save`` writes it (same rows, same conflict rule: a document
whose content hash or id is already stored is left alone), so a bulk load and a direct ingest of
the same input give the same database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..model import Article, Document
from .dialect import SQLHost
from .event_queries import write_events
from .rows import article_rows, document_row
from .statement_queries import keyed_quotes
from .writes import _INSERT_DOCUMENT, INSERTS

Item = tuple[Document, Article | None, str | None]  # a document, its article, its failure reason

# Rows written as they are (no conflict possible: they belong to documents inserted in this
# transaction), so PostgreSQL can take them through COPY. Actors are upserted row by row instead.
_COPIED = ("article", "mentions", "dates", "quotes", "doc_actors")
_TARGET = re.compile(r"INSERT INTO (\w+) \(([^)]*)\)")


def _copy_sql(key: str) -> str:
    """``COPY table (columns) FROM STDIN`` for the table and columns of ``INSERTS[key]``."""
    match = _TARGET.match(INSERTS[key])
    assert match, key
    return f"COPY {match.group(1)} ({match.group(2)}) FROM STDIN"


class BulkMixin(SQLHost):
    """``save_many`` and ``analyze`` for the SQL stores."""

    def save_many(self, items: Sequence[Item]) -> list[bool]:
        """Store documents with their articles (or failures) in one transaction; returns, for each,
        whether it was new (False: a document with its content hash or id was already stored)."""
        added: list[bool] = []
        rows: dict[str, list[tuple]] = {key: [] for key in (*_COPIED, "actors")}
        events: list[tuple[str, Article]] = []
        with self.transaction() as c:
            for doc, article, error in items:
                error = error or (article.error if article else None)
                new = c.execute(self._sql(_INSERT_DOCUMENT), document_row(doc, error, self._json)).rowcount > 0
                added.append(new)
                if not new or article is None or error:
                    continue
                facts = article_rows(doc.id, article, self._json)
                rows["article"].append(facts.article)
                for key in ("actors", "mentions", "dates", "quotes", "doc_actors"):
                    rows[key].extend(getattr(facts, key))
                events.append((doc.id, article))
            # Actors before the rows that point at them (foreign keys), in id order so concurrent
            # writers lock shared actor rows in the same order; a later article's name wins.
            actors: dict[str, tuple] = {}
            for row in rows.pop("actors"):
                old = actors.get(row[0])
                # As the upsert does row by row: an identifier or country once known is kept.
                actors[row[0]] = row if old is None else (*row[:3], row[3] or old[3], row[4] or old[4])
            if actors:
                c.executemany(self._sql(INSERTS["actors"]), [actors[k] for k in sorted(actors)])
            # Each quote's statement (relays of one stored before or earlier in the batch), as save does.
            rows["quotes"] = keyed_quotes(c, self._sql, rows["quotes"])
            for key in _COPIED:
                if rows[key]:
                    self._insert_rows(c, key, rows[key])
            for doc_id, article in events:
                write_events(c, doc_id, article.events or [], published=article.published, dump=self._json,
                             paramstyle=self.paramstyle)
        return added

    def _insert_rows(self, c: Any, key: str, rows: list[tuple]) -> None:
        if self.paramstyle == "format":  # psycopg: COPY, one stream for the whole batch
            with c.copy(_copy_sql(key)) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            c.executemany(self._sql(INSERTS[key]), rows)


__all__ = ["BulkMixin", "Item"]
