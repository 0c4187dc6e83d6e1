"""Writing documents and their facts, and reading documents back: one SQL text for both backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Article, Document, DocumentRecord, utcnow
from .dialect import SQLHost
from .event_queries import write_events
from .rows import (
    FACT_TABLES,
    ArticleRows,
    article_from_row,
    article_rows,
    document_from_row,
    document_row,
    record_from_row,
)
from .statement_queries import keyed_quotes

# One INSERT per fact table, columns in the order ``rows.article_rows`` fills them.
INSERTS: dict[str, str] = {
    "article": "INSERT INTO articles (doc_id, title, authors, published, outlet, url, language, text,"
               " paragraphs, meta, facts, processed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    # A later article's name and type win; an identifier once known is kept.
    "actors": "INSERT INTO actors (id, name, type, wikidata, country) VALUES (?,?,?,?,?)"
              " ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,"
              " wikidata = coalesce(excluded.wikidata, actors.wikidata),"
              " country = coalesce(excluded.country, actors.country)",
    "mentions": 'INSERT INTO mentions (doc_id, actor_id, text, start, "end", label, role, affiliation_id)'
                " VALUES (?,?,?,?,?,?,?,?)",
    "dates": 'INSERT INTO dates (doc_id, text, start, "end", resolved) VALUES (?,?,?,?,?)',
    "quotes": 'INSERT INTO quotes (doc_id, text, start, "end", kind, cue, speaker_text, speaker_start,'
              " speaker_end, speaker_id, speaks_for_id, role, via_id, date, venue, sentence_start,"
              " sentence_end, negated, speaker_ref_text, speaker_ref_start, speaker_ref_end, group_key)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "doc_actors": "INSERT INTO doc_actors (doc_id, actor_id, mentions, quotes) VALUES (?,?,?,?)",
}
# No conflict target: a clash on the content hash or on the id (its prefix) leaves the stored
# document as it is.
_INSERT_DOCUMENT = ("INSERT INTO documents (id, content_hash, source, media_type, raw, size, meta,"
                    " fetched_at, status, error, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")
_RECORD_COLUMNS = "id, source, media_type, content_hash, fetched_at, status, error, meta"


class WriteMixin(SQLHost):
    """Documents in, facts replaced, documents and articles out."""

    def has_document(self, content_hash: str) -> bool:
        return self._row("SELECT 1 AS found FROM documents WHERE content_hash = ?", [content_hash]) is not None

    def save(self, doc: Document, article: Article | None, error: str | None = None) -> bool:
        error = error or (article.error if article else None)
        with self.transaction() as c:
            cur = c.execute(self._sql(_INSERT_DOCUMENT), document_row(doc, error, self._json))
            if cur.rowcount == 0:
                return False
            if article is not None and not error:
                self._write_article(c, doc.id, article)
        return True

    def update(self, doc_id: str, article: Article | None, error: str | None = None) -> None:
        error = error or (article.error if article else None)
        with self.transaction() as c:
            for table in FACT_TABLES:
                c.execute(self._sql(f"DELETE FROM {table} WHERE doc_id = ?"), (doc_id,))  # noqa: S608 - fixed names
            c.execute(self._sql("UPDATE documents SET status = ?, error = ?, updated_at = ? WHERE id = ?"),
                      ("failed" if error else "done", error, utcnow(), doc_id))
            if article is not None and not error:
                self._write_article(c, doc_id, article)

    def _write_article(self, c: Any, doc_id: str, a: Article) -> None:
        rows: ArticleRows = article_rows(doc_id, a, self._json)
        # A relay of a statement stored before joins its group (statement_queries).
        rows.quotes = keyed_quotes(c, self._sql, rows.quotes)
        c.execute(self._sql(INSERTS["article"]), rows.article)
        # Actors before the rows that point at them (foreign keys).
        for table in ("actors", "mentions", "dates", "quotes", "doc_actors"):
            values = getattr(rows, table)
            if values:
                c.executemany(self._sql(INSERTS[table]), values)
        # Events whole, with their targets in a table of their own (event_queries).
        write_events(c, doc_id, a.events or [], published=a.published, dump=self._json, paramstyle=self.paramstyle)

    # -- outlet profiles (boilerplate learned per outlet) --------------------------------------
    def load_outlet_profile(self, outlet: str) -> str | None:
        row = self._row("SELECT data FROM outlet_profiles WHERE outlet = ?", [outlet])
        return row["data"] if row else None

    def outlet_profiles(self) -> dict[str, str]:
        return {r["outlet"]: r["data"] for r in self._rows("SELECT outlet, data FROM outlet_profiles")}

    def save_outlet_profile(self, outlet: str, data: str) -> None:
        with self.transaction() as c:
            c.execute(self._sql("INSERT INTO outlet_profiles (outlet, data, updated_at) VALUES (?,?,?)"
                                " ON CONFLICT (outlet) DO UPDATE SET data = excluded.data,"
                                " updated_at = excluded.updated_at"), (outlet, data, utcnow()))

    # -- documents -----------------------------------------------------------------------------
    def document(self, doc_id: str) -> DocumentRecord | None:
        row = self._row(f"SELECT {_RECORD_COLUMNS} FROM documents WHERE id = ?", [doc_id])
        return record_from_row(row) if row else None

    def raw(self, doc_id: str) -> Document | None:
        row = self._row("SELECT * FROM documents WHERE id = ?", [doc_id])
        return document_from_row(row) if row else None

    def article(self, doc_id: str) -> Article | None:
        row = self._row("SELECT a.*, d.source FROM articles a JOIN documents d ON d.id = a.doc_id"
                        " WHERE a.doc_id = ?", [doc_id])
        return article_from_row(row) if row else None

    def document_ids(self, status: str | None = None) -> list[str]:
        if status:
            rows = self._rows("SELECT id FROM documents WHERE status = ? ORDER BY fetched_at, id", [status])
        else:
            rows = self._rows("SELECT id FROM documents ORDER BY fetched_at, id")
        return [r["id"] for r in rows]

    def failures(self) -> list[DocumentRecord]:
        rows = self._rows(f"SELECT {_RECORD_COLUMNS} FROM documents WHERE status = 'failed' ORDER BY updated_at, id")
        return [record_from_row(r) for r in rows]

    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]:
        last = 0
        while True:
            rows = self._rows("SELECT a.*, d.source FROM articles a JOIN documents d ON d.id = a.doc_id"
                              " WHERE a.n > ? ORDER BY a.n LIMIT ?", [last, batch_size])
            if not rows:
                return
            for row in rows:
                yield article_from_row(row)
            last = rows[-1]["n"]
