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
from ..model import Actor, Article, Document, DocumentRecord, utcnow
from .base import Store
from .migrate import migration_scripts
from .postgres_queries import PgQueryMixin
from .statement_queries import StatementQueryMixin
from .story_queries import StoryQueryMixin

_ARTICLE_META = ("modified", "description", "section", "tags", "image", "reading_time", "extraction")
_FACT_TABLES = ("mentions", "doc_actors", "dates", "quotes", "events", "articles")
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


def _json(value: Any) -> Jsonb:
    return Jsonb(value, dumps=_dumps)


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


class PostgresStore(StatementQueryMixin, StoryQueryMixin, PgQueryMixin, Store):
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

    # -- writing -------------------------------------------------------------------------------
    def has_document(self, content_hash: str) -> bool:
        return self._one("SELECT 1 FROM documents WHERE content_hash = %s", (content_hash,)) is not None

    def save(self, doc: Document, article: Article | None, error: str | None = None) -> bool:
        error = error or (article.error if article else None)
        with self.transaction() as cur:
            # No conflict target: like SQLite's INSERT OR IGNORE, a clash on the content hash or on
            # the id (its prefix) leaves the stored document as it is.
            cur.execute(
                "INSERT INTO documents (id, content_hash, source, media_type, raw, size, meta,"
                " fetched_at, status, error, updated_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
                " ON CONFLICT DO NOTHING",
                (doc.id, doc.content_hash, doc.source, doc.media_type or "", bytes(doc.raw),
                 int(doc.meta.get("_size", len(doc.raw))), _json(_public_meta(doc.meta)),
                 doc.fetched_at, "failed" if error else "done", error, utcnow()),
            )
            if cur.rowcount == 0:
                return False
            if article is not None and not error:
                self._write_article(cur, doc.id, article)
        return True

    def update(self, doc_id: str, article: Article | None, error: str | None = None) -> None:
        error = error or (article.error if article else None)
        with self.transaction() as cur:
            for table in _FACT_TABLES:
                cur.execute(f"DELETE FROM {table} WHERE doc_id = %s", (doc_id,))  # noqa: S608 - fixed names
            cur.execute("UPDATE documents SET status = %s, error = %s, updated_at = %s WHERE id = %s",
                        ("failed" if error else "done", error, utcnow(), doc_id))
            if article is not None and not error:
                self._write_article(cur, doc_id, article)

    def _write_article(self, cur: psycopg.Cursor, doc_id: str, a: Article) -> None:
        meta = {k: getattr(a, k) for k in _ARTICLE_META if getattr(a, k)}
        facts = {k: v for k, v in a.as_dict().items() if k in ("entities", "dates", "quotes", "events")}
        cur.execute(
            "INSERT INTO articles (doc_id, title, authors, published, outlet, url, language, text,"
            " paragraphs, meta, facts, processed_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            (doc_id, a.title, _json(a.authors), a.published, a.outlet, a.url, a.language, a.text,
             _json([p.as_dict() for p in a.paragraphs]), _json(meta), _json(facts) if facts else None,
             utcnow()),
        )
        actors: dict[str, Actor] = {}
        mentions, dates, quotes, events = [], [], [], []
        counts: dict[str, list[int]] = {}
        for ent in a.entities or []:
            _collect(actors, ent.actor)
            for m in ent.mentions:
                _collect(actors, m.affiliation)
                mentions.append((doc_id, ent.actor.id, m.text, m.start, m.end, m.label, m.role,
                                 m.affiliation.id if m.affiliation else None))
            counts.setdefault(ent.actor.id, [0, 0])[0] += len(ent.mentions)
        for d in a.dates or []:
            dates.append((doc_id, d.text, d.start, d.end, d.resolved))
        for q in a.quotes or []:
            speaker_actor = q.speaker.actor if q.speaker else None
            for actor in (speaker_actor, q.speaks_for, q.via):
                _collect(actors, actor)
            if speaker_actor:
                counts.setdefault(speaker_actor.id, [0, 0])[1] += 1
            quotes.append(
                (doc_id, q.text, q.start, q.end, q.kind, q.cue,
                 q.speaker.text if q.speaker else None, q.speaker.start if q.speaker else None,
                 q.speaker.end if q.speaker else None, speaker_actor.id if speaker_actor else None,
                 q.speaks_for.id if q.speaks_for else None, q.role, q.via.id if q.via else None,
                 q.date or a.published, q.venue, q.sentence_start, q.sentence_end))
        for e in a.events or []:
            for actor in (e.source, e.location, *e.targets):
                _collect(actors, actor)
            events.append((doc_id, e.type, e.mode, e.source.id, _json([t.id for t in e.targets]), e.date,
                           e.location.id if e.location else None, e.start, e.end, int(e.negated)))
        # Actors in id order: concurrent writers then lock shared actor rows in the same order.
        _many(cur,
              "INSERT INTO actors (id, name, type, wikidata, country) VALUES (%s,%s,%s,%s,%s)"
              " ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,"
              " wikidata = coalesce(excluded.wikidata, actors.wikidata),"
              " country = coalesce(excluded.country, actors.country)",
              [(x.id, x.name, x.type, x.wikidata, x.country) for _, x in sorted(actors.items())])
        _many(cur, 'INSERT INTO mentions (doc_id, actor_id, text, start, "end", label, role, affiliation_id)'
              " VALUES (%s,%s,%s,%s,%s,%s,%s,%s)", mentions)
        _many(cur, 'INSERT INTO dates (doc_id, text, start, "end", resolved) VALUES (%s,%s,%s,%s,%s)', dates)
        _many(cur, 'INSERT INTO quotes (doc_id, text, start, "end", kind, cue, speaker_text, speaker_start,'
              " speaker_end, speaker_id, speaks_for_id, role, via_id, date, venue, sentence_start,"
              " sentence_end) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", quotes)
        _many(cur, 'INSERT INTO events (doc_id, type, mode, source_id, targets, date, location_id, start, "end",'
              " negated) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", events)
        _many(cur, "INSERT INTO doc_actors (doc_id, actor_id, mentions, quotes) VALUES (%s,%s,%s,%s)",
              [(doc_id, actor_id, n_m, n_q) for actor_id, (n_m, n_q) in counts.items()])

    def load_outlet_profile(self, outlet: str) -> str | None:
        row = self._one("SELECT data FROM outlet_profiles WHERE outlet = %s", (outlet,))
        return row["data"] if row else None

    def outlet_profiles(self) -> dict[str, str]:
        return {r["outlet"]: r["data"] for r in self._all("SELECT outlet, data FROM outlet_profiles")}

    def save_outlet_profile(self, outlet: str, data: str) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT INTO outlet_profiles (outlet, data, updated_at) VALUES (%s,%s,%s)"
                        " ON CONFLICT (outlet) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                        (outlet, data, utcnow()))

    # -- documents -----------------------------------------------------------------------------
    def document(self, doc_id: str) -> DocumentRecord | None:
        row = self._one("SELECT id, source, media_type, content_hash, fetched_at, status, error, meta"
                        " FROM documents WHERE id = %s", (doc_id,))
        return _record(row) if row else None

    def raw(self, doc_id: str) -> Document | None:
        row = self._one("SELECT * FROM documents WHERE id = %s", (doc_id,))
        if row is None:
            return None
        meta = dict(row["meta"] or {})
        meta["_size"] = row["size"]
        return Document(raw=bytes(row["raw"] or b""), source=row["source"], media_type=row["media_type"],
                        content_hash=row["content_hash"], fetched_at=row["fetched_at"], meta=meta)

    def article(self, doc_id: str) -> Article | None:
        row = self._one("SELECT a.*, d.source FROM articles a JOIN documents d ON d.id = a.doc_id"
                        " WHERE a.doc_id = %s", (doc_id,))
        return _article(row) if row else None

    def document_ids(self, status: str | None = None) -> list[str]:
        if status:
            rows = self._all("SELECT id FROM documents WHERE status = %s ORDER BY fetched_at, id", (status,))
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
                             " WHERE a.n > %s ORDER BY a.n LIMIT %s", (last, batch_size))
            if not rows:
                return
            for row in rows:
                yield _article(row)
            last = rows[-1]["n"]


def _collect(actors: dict[str, Actor], actor: Actor | None) -> None:
    """Gather an article's actors once each, merged like successive upserts would merge them."""
    if actor is None:
        return
    seen = actors.get(actor.id)
    if seen is not None:
        actor = Actor(actor.id, actor.name, actor.type, actor.wikidata or seen.wikidata,
                      actor.country or seen.country)
    actors[actor.id] = actor


def _many(cur: psycopg.Cursor, sql: str, rows: list[tuple]) -> None:
    if rows:
        cur.executemany(sql, rows)


def _safe_url(url: str) -> str:
    """The URL without its password, for error messages."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    info.pop("password", None)
    return " ".join(f"{k}={v}" for k, v in info.items())


def _public_meta(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if not k.startswith("_")}


def _record(row: dict[str, Any]) -> DocumentRecord:
    return DocumentRecord(id=row["id"], source=row["source"], media_type=row["media_type"],
                          content_hash=row["content_hash"], fetched_at=row["fetched_at"],
                          status=row["status"], error=row["error"], meta=dict(row["meta"] or {}))


def _article(row: dict[str, Any]) -> Article:
    d: dict[str, Any] = {
        "source": row["source"], "document_id": row["doc_id"], "title": row["title"],
        "authors": row["authors"], "published": row["published"], "outlet": row["outlet"],
        "url": row["url"], "language": row["language"], "text": row["text"], "paragraphs": row["paragraphs"],
    }
    d.update(row["meta"] or {})
    if row["facts"]:
        d.update(row["facts"])
    return Article.from_dict(d)


__all__ = ["PostgresStore", "StoreConnectionError", "migrate_postgres"]
