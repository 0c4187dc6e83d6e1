"""SQLite implementation of the Store: WAL, one transaction per document, FTS5 kept by triggers."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..model import Actor, Article, Document, DocumentRecord, utcnow
from .base import Filters, Page, Store
from .migrate import migrate_sqlite
from .sqlite_queries import QueryMixin
from .statement_queries import StatementQueryMixin
from .story_queries import StoryQueryMixin

_ARTICLE_META = ("modified", "description", "section", "tags", "image", "reading_time", "extraction")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SQLiteStore(StatementQueryMixin, StoryQueryMixin, QueryMixin, Store):
    """A Newsloom database in one SQLite file (``":memory:"`` works too)."""

    def __init__(self, path: str | Path = "newsloom.db", *, readonly: bool = False) -> None:
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

    def _all(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params: tuple | list = ()) -> sqlite3.Row | None:
        with self.lock:
            return self.conn.execute(sql, params).fetchone()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def integrity_check(self) -> str:
        row = self._one("PRAGMA integrity_check")
        return row[0] if row else "no answer"

    # -- writing -------------------------------------------------------------------------------
    def has_document(self, content_hash: str) -> bool:
        return self._one("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)) is not None

    def save(self, doc: Document, article: Article | None, error: str | None = None) -> bool:
        error = error or (article.error if article else None)
        with self.transaction() as c:
            cur = c.execute(
                "INSERT OR IGNORE INTO documents (id, content_hash, source, media_type, raw, size, meta,"
                " fetched_at, status, error, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.content_hash, doc.source, doc.media_type or "", doc.raw,
                 int(doc.meta.get("_size", len(doc.raw))), _dumps(_public_meta(doc.meta)),
                 doc.fetched_at, "failed" if error else "done", error, utcnow()),
            )
            if cur.rowcount == 0:
                return False
            if article is not None and not error:
                self._write_article(c, doc.id, article)
        return True

    def update(self, doc_id: str, article: Article | None, error: str | None = None) -> None:
        error = error or (article.error if article else None)
        with self.transaction() as c:
            for table in ("mentions", "doc_actors", "dates", "quotes", "events", "articles"):
                c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))  # noqa: S608 - fixed names
            c.execute("UPDATE documents SET status = ?, error = ?, updated_at = ? WHERE id = ?",
                      ("failed" if error else "done", error, utcnow(), doc_id))
            if article is not None and not error:
                self._write_article(c, doc_id, article)

    def _write_article(self, c: sqlite3.Connection, doc_id: str, a: Article) -> None:
        meta = {k: getattr(a, k) for k in _ARTICLE_META if getattr(a, k)}
        facts = {k: v for k, v in a.as_dict().items() if k in ("entities", "dates", "quotes", "events")}
        c.execute(
            "INSERT INTO articles (doc_id, title, authors, published, outlet, url, language, text,"
            " paragraphs, meta, facts, processed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc_id, a.title, _dumps(a.authors), a.published, a.outlet, a.url, a.language, a.text,
             _dumps([p.as_dict() for p in a.paragraphs]), _dumps(meta),
             _dumps(facts) if facts else None, utcnow()),
        )
        counts: dict[str, list[int]] = {}
        for ent in a.entities or []:
            self._upsert_actor(c, ent.actor)
            for m in ent.mentions:
                if m.affiliation:
                    self._upsert_actor(c, m.affiliation)
                c.execute(
                    'INSERT INTO mentions (doc_id, actor_id, text, start, "end", label, role, affiliation_id)'
                    " VALUES (?,?,?,?,?,?,?,?)",
                    (doc_id, ent.actor.id, m.text, m.start, m.end, m.label, m.role,
                     m.affiliation.id if m.affiliation else None),
                )
            counts.setdefault(ent.actor.id, [0, 0])[0] += len(ent.mentions)
        for d in a.dates or []:
            c.execute('INSERT INTO dates (doc_id, text, start, "end", resolved) VALUES (?,?,?,?,?)',
                      (doc_id, d.text, d.start, d.end, d.resolved))
        for q in a.quotes or []:
            speaker_actor = q.speaker.actor if q.speaker else None
            for actor in (speaker_actor, q.speaks_for, q.via):
                if actor:
                    self._upsert_actor(c, actor)
            if speaker_actor:
                counts.setdefault(speaker_actor.id, [0, 0])[1] += 1
            c.execute(
                'INSERT INTO quotes (doc_id, text, start, "end", kind, cue, speaker_text, speaker_start,'
                " speaker_end, speaker_id, speaks_for_id, role, via_id, date, venue, sentence_start,"
                " sentence_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_id, q.text, q.start, q.end, q.kind, q.cue,
                 q.speaker.text if q.speaker else None, q.speaker.start if q.speaker else None,
                 q.speaker.end if q.speaker else None, speaker_actor.id if speaker_actor else None,
                 q.speaks_for.id if q.speaks_for else None, q.role, q.via.id if q.via else None,
                 q.date or a.published, q.venue, q.sentence_start, q.sentence_end),
            )
        for e in a.events or []:
            for actor in (e.source, e.location, *e.targets):
                if actor:
                    self._upsert_actor(c, actor)
            c.execute(
                'INSERT INTO events (doc_id, type, mode, source_id, targets, date, location_id, start, "end",'
                " negated) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc_id, e.type, e.mode, e.source.id, _dumps([t.id for t in e.targets]), e.date,
                 e.location.id if e.location else None, e.start, e.end, int(e.negated)),
            )
        for actor_id, (n_mentions, n_quotes) in counts.items():
            c.execute("INSERT INTO doc_actors (doc_id, actor_id, mentions, quotes) VALUES (?,?,?,?)",
                      (doc_id, actor_id, n_mentions, n_quotes))

    @staticmethod
    def _upsert_actor(c: sqlite3.Connection, actor: Actor) -> None:
        c.execute(
            "INSERT INTO actors (id, name, type, wikidata, country) VALUES (?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type,"
            " wikidata = coalesce(excluded.wikidata, actors.wikidata),"
            " country = coalesce(excluded.country, actors.country)",
            (actor.id, actor.name, actor.type, actor.wikidata, actor.country),
        )

    def load_outlet_profile(self, outlet: str) -> str | None:
        row = self._one("SELECT data FROM outlet_profiles WHERE outlet = ?", (outlet,))
        return row["data"] if row else None

    def outlet_profiles(self) -> dict[str, str]:
        return {r["outlet"]: r["data"] for r in self._all("SELECT outlet, data FROM outlet_profiles")}

    def save_outlet_profile(self, outlet: str, data: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO outlet_profiles (outlet, data, updated_at) VALUES (?,?,?)"
                      " ON CONFLICT(outlet) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                      (outlet, data, utcnow()))

    # -- documents -----------------------------------------------------------------------------
    def document(self, doc_id: str) -> DocumentRecord | None:
        row = self._one("SELECT id, source, media_type, content_hash, fetched_at, status, error, meta"
                        " FROM documents WHERE id = ?", (doc_id,))
        return _record(row) if row else None

    def raw(self, doc_id: str) -> Document | None:
        row = self._one("SELECT * FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            return None
        meta = json.loads(row["meta"])
        meta["_size"] = row["size"]
        return Document(raw=row["raw"] or b"", source=row["source"], media_type=row["media_type"],
                        content_hash=row["content_hash"], fetched_at=row["fetched_at"], meta=meta)

    def article(self, doc_id: str) -> Article | None:
        row = self._one("SELECT * FROM articles WHERE doc_id = ?", (doc_id,))
        if row is None:
            return None
        src = self._one("SELECT source FROM documents WHERE id = ?", (doc_id,))
        return _article(row, src["source"] if src else "")

    def document_ids(self, status: str | None = None) -> list[str]:
        if status:
            rows = self._all("SELECT id FROM documents WHERE status = ? ORDER BY fetched_at, id", (status,))
        else:
            rows = self._all("SELECT id FROM documents ORDER BY fetched_at, id")
        return [r["id"] for r in rows]

    def failures(self) -> list[DocumentRecord]:
        rows = self._all("SELECT id, source, media_type, content_hash, fetched_at, status, error, meta"
                         " FROM documents WHERE status = 'failed' ORDER BY updated_at, id")
        return [_record(r) for r in rows]

    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]:
        last = 0
        while True:
            rows = self._all("SELECT a.*, d.source FROM articles a JOIN documents d ON d.id = a.doc_id"
                             " WHERE a.n > ? ORDER BY a.n LIMIT ?", (last, batch_size))
            if not rows:
                return
            for row in rows:
                yield _article(row, row["source"])
            last = rows[-1]["n"]


def _public_meta(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if not k.startswith("_")}


def _record(row: sqlite3.Row) -> DocumentRecord:
    return DocumentRecord(id=row["id"], source=row["source"], media_type=row["media_type"],
                          content_hash=row["content_hash"], fetched_at=row["fetched_at"],
                          status=row["status"], error=row["error"], meta=json.loads(row["meta"] or "{}"))


def _article(row: sqlite3.Row, source: str) -> Article:
    d: dict[str, Any] = {
        "source": source, "document_id": row["doc_id"], "title": row["title"],
        "authors": json.loads(row["authors"]), "published": row["published"], "outlet": row["outlet"],
        "url": row["url"], "language": row["language"], "text": row["text"],
        "paragraphs": json.loads(row["paragraphs"]),
    }
    d.update(json.loads(row["meta"] or "{}"))
    if row["facts"]:
        d.update(json.loads(row["facts"]))
    return Article.from_dict(d)


__all__ = ["SQLiteStore", "Filters", "Page"]
