"""Read queries of the SQLite store, shared by the CLI, the JSON API and the web pages."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..model import Actor
from .base import Filters, Page, decode_cursor, encode_cursor

# Sentinels for FTS5 snippet highlights: replaced after HTML-escaping the snippet.
_HL_OPEN, _HL_CLOSE = "\x02", "\x03"
_QUERY_TOKEN = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
# Most matches ranked by bm25 for one search; beyond it, the newest matches are ranked (see search()).
RANK_WINDOW = 1000


def fts_query(text: str) -> str:
    """A user's search text as a safe FTS5 query: quoted phrases kept, every other word
    quoted, all terms required; ``OR`` between terms is honoured. Empty -> ValueError."""
    parts: list[str] = []
    for phrase, word in _QUERY_TOKEN.findall(text):
        if word == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        words = _WORD.findall(phrase or word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    while parts and parts[-1] == "OR":
        parts.pop()
    if not parts:
        raise ValueError("empty search query")
    return " ".join(parts)


def highlight(snippet: str) -> str:
    """HTML-safe snippet with ``<mark>`` around the matched terms."""
    return html.escape(snippet).replace(_HL_OPEN, "<mark>").replace(_HL_CLOSE, "</mark>")


def _article_filters(f: Filters | None, alias: str = "a") -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f is None:
        return where, params
    if f.since:
        where.append(f"{alias}.published >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"substr({alias}.published, 1, {len(f.until)}) <= ?")
        params.append(f.until)
    if f.outlet:
        where.append(f"{alias}.outlet = ?")
        params.append(f.outlet)
    if f.actor:
        where.append(f"EXISTS (SELECT 1 FROM doc_actors da WHERE da.doc_id = {alias}.doc_id AND da.actor_id = ?)")
        params.append(f.actor)
    return where, params


# Hides an article that is a copy of another (its original stands for it, with a count).
_NOT_A_COPY = "NOT EXISTS (SELECT 1 FROM duplicates du WHERE du.doc_id = a.doc_id)"


def _day_filters_only(f: Filters | None) -> bool:
    """Whether per-day counts answer these filters: dates at most day-precise, nothing else."""
    return f is None or (not (f.outlet or f.actor or f.text) and len(f.since or "") <= 10
                         and len(f.until or "") <= 10)


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _page(rows: list[dict[str, Any]], limit: int, offset: int) -> Page:
    more = len(rows) > limit
    return Page(items=rows[:limit], next=encode_cursor(offset + limit) if more else None)


def _actor_dict(row: Any, prefix: str = "") -> dict[str, Any] | None:
    if row[f"{prefix}id"] is None:
        return None
    return {"id": row[f"{prefix}id"], "name": row[f"{prefix}name"], "type": row[f"{prefix}type"],
            "wikidata": row[f"{prefix}wikidata"], "country": row[f"{prefix}country"]}


class QueryMixin:
    """Query methods; the host class provides ``_all`` and ``_one``."""

    def stats(self) -> dict[str, Any]:
        row = self._one(  # type: ignore[attr-defined]
            "SELECT (SELECT count(*) FROM documents) AS documents,"
            " (SELECT count(*) FROM articles) AS articles,"
            " (SELECT count(*) FROM documents WHERE status = 'failed') AS failed,"
            " (SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL) AS outlets,"
            " (SELECT count(*) FROM actors) AS actors,"
            " (SELECT count(*) FROM mentions) AS mentions,"
            " (SELECT count(*) FROM quotes) AS quotes,"
            " (SELECT count(*) FROM events) AS events,"
            " (SELECT min(published) FROM articles) AS first_published,"
            " (SELECT max(published) FROM articles) AS last_published")
        return dict(row)

    def articles(self, filters: Filters | None = None, limit: int = 20, cursor: str | None = None,
                 collapse_copies: bool = False) -> Page:
        """Articles newest first. ``collapse_copies``: copies of another stored article are left
        out and each item says how many ``copies`` it has."""
        offset = decode_cursor(cursor)
        where, params = _article_filters(filters)
        if collapse_copies:
            where.append(_NOT_A_COPY)
        if filters and filters.text:
            where.append("a.n IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_query(filters.text))
        rows = self._all(  # type: ignore[attr-defined]
            "SELECT a.doc_id AS id, a.title, a.published, a.outlet, a.url, a.language,"
            " substr(a.text, 1, 280) AS excerpt, length(a.text) AS length FROM articles a"
            f"{_where(where)} ORDER BY coalesce(a.published, '') DESC, a.n DESC LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])
        page = _page([dict(r) for r in rows], limit, offset)
        if collapse_copies:
            self.with_copy_counts(page.items)  # type: ignore[attr-defined]
        return page

    def search(self, query: str, filters: Filters | None = None, limit: int = 20,
               cursor: str | None = None, collapse_copies: bool = False) -> Page:
        """Ranked full-text search. Ranking is bounded: when a query matches more than
        ``RANK_WINDOW`` articles, only the most recently added ``RANK_WINDOW`` matches are ranked,
        and snippets are made only for the page shown (both cost per row, and a common word
        matches every article)."""
        offset = decode_cursor(cursor)
        where, params = _article_filters(filters)
        if collapse_copies:
            where.append(_NOT_A_COPY)
        match = fts_query(query)
        join = " JOIN articles a ON a.n = articles_fts.rowid" if where else ""
        cond = "".join(f" AND {w}" for w in where)
        # One pass: FTS5 walks matches newest first, scoring each, and stops at the window's edge;
        # only the window is sorted. Cheap even for a word found in every article.
        ranked = self._all(  # type: ignore[attr-defined]
            f"SELECT n, score FROM (SELECT articles_fts.rowid AS n, bm25(articles_fts, 5.0, 1.0) AS score"
            f" FROM articles_fts{join} WHERE articles_fts MATCH ?{cond} ORDER BY articles_fts.rowid DESC LIMIT ?)"
            " ORDER BY score, n DESC LIMIT ? OFFSET ?", [match, *params, RANK_WINDOW, limit + 1, offset])
        if not ranked:
            return _page([], limit, offset)
        scores = {r["n"]: r["score"] for r in ranked}
        rows = self._all(  # type: ignore[attr-defined]
            "SELECT a.n, a.doc_id AS id, a.title, a.published, a.outlet, a.url,"
            f" snippet(articles_fts, 1, '{_HL_OPEN}', '{_HL_CLOSE}', '…', 16) AS raw_snippet"
            " FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(scores))})",
            [match, *scores])
        items = []
        for r in sorted(rows, key=lambda r: (scores[r["n"]], -r["n"])):
            item = dict(r)
            item.pop("n")
            item["score"] = scores[r["n"]]
            raw = item.pop("raw_snippet") or ""
            item["snippet"] = highlight(raw)
            item["snippet_text"] = raw.replace(_HL_OPEN, "").replace(_HL_CLOSE, "")
            items.append(item)
        if collapse_copies:
            self.with_copy_counts(items[:limit])  # type: ignore[attr-defined]
        return _page(items, limit, offset)

    def actors(self, filters: Filters | None = None, limit: int = 50, cursor: str | None = None,
               type: str | None = None, name: str | None = None) -> Page:
        offset = decode_cursor(cursor)
        where, params = _article_filters(filters)
        join = " JOIN articles a ON a.doc_id = da.doc_id" if where else ""
        if type:
            where.append("ac.type = ?")
            params.append(type)
        if name:
            where.append("ac.name LIKE ? ESCAPE '\\'")
            params.append("%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        rows = self._all(  # type: ignore[attr-defined]
            "SELECT ac.id, ac.name, ac.type, ac.wikidata, ac.country, sum(da.mentions) AS mentions,"
            " sum(da.quotes) AS quotes, count(*) AS articles"
            f" FROM doc_actors da JOIN actors ac ON ac.id = da.actor_id{join}{_where(where)}"
            " GROUP BY ac.id ORDER BY mentions DESC, ac.name LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])
        return _page([dict(r) for r in rows], limit, offset)

    def find_actor(self, name: str) -> Actor | None:
        row = self._one("SELECT * FROM actors WHERE id = ?", (name,))  # type: ignore[attr-defined]
        row = row or self._one(  # type: ignore[attr-defined]
            "SELECT * FROM actors WHERE name = ? COLLATE NOCASE", (name,))
        row = row or self._one(  # type: ignore[attr-defined]
            "SELECT ac.* FROM actors ac LEFT JOIN doc_actors da ON da.actor_id = ac.id"
            " WHERE ac.name LIKE ? GROUP BY ac.id ORDER BY sum(da.mentions) DESC LIMIT 1", (f"%{name}%",))
        row = row or self._one(  # type: ignore[attr-defined]
            "SELECT ac.* FROM mentions m JOIN actors ac ON ac.id = m.actor_id WHERE m.text = ? COLLATE NOCASE"
            " GROUP BY ac.id ORDER BY count(*) DESC LIMIT 1", (name,))
        if row is None:
            return None
        return Actor(id=row["id"], name=row["name"], type=row["type"], wikidata=row["wikidata"],
                     country=row["country"])

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM actors WHERE id = ?", (actor_id,))  # type: ignore[attr-defined]
        if row is None:
            return None
        counts = self._one(  # type: ignore[attr-defined]
            "SELECT coalesce(sum(mentions), 0) AS mentions, coalesce(sum(quotes), 0) AS quotes,"
            " count(*) AS articles FROM doc_actors WHERE actor_id = ?", (actor_id,))
        roles = self._all(  # type: ignore[attr-defined]
            "SELECT m.role, ac.id AS affiliation_id, ac.name AS affiliation, count(*) AS n FROM mentions m"
            " LEFT JOIN actors ac ON ac.id = m.affiliation_id WHERE m.actor_id = ? AND m.role IS NOT NULL"
            " GROUP BY m.role, ac.id ORDER BY n DESC LIMIT 20", (actor_id,))
        aliases = self._all(  # type: ignore[attr-defined]
            "SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text ORDER BY n DESC LIMIT 30",
            (actor_id,))
        quoted_with = self._all(  # type: ignore[attr-defined]
            "SELECT ac.id, ac.name, ac.type, count(DISTINCT q2.doc_id) AS articles FROM quotes q1"
            " JOIN quotes q2 ON q2.doc_id = q1.doc_id AND q2.speaker_id != q1.speaker_id"
            " JOIN actors ac ON ac.id = q2.speaker_id WHERE q1.speaker_id = ?"
            " GROUP BY ac.id ORDER BY articles DESC LIMIT 15", (actor_id,))
        return {
            "actor": dict(row),
            **dict(counts),
            "roles": [dict(r) for r in roles],
            "aliases": [dict(r) for r in aliases],
            "quoted_with": [dict(r) for r in quoted_with],
        }

    def actor_timeline(self, actor_id: str, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Mentions, quotes and articles per publication day. Read from the per-day counts that
        triggers maintain (migration 0004) unless a filter needs the articles themselves."""
        if _day_filters_only(filters):
            where, params = ["actor_id = ?"], [actor_id]
            if filters and filters.since:
                where.append("day >= ?")
                params.append(filters.since)
            if filters and filters.until:
                where.append(f"substr(day, 1, {len(filters.until)}) <= ?")
                params += [filters.until]
            rows = self._all(  # type: ignore[attr-defined]
                f"SELECT day, mentions, quotes, articles FROM actor_days{_where(where)} ORDER BY day", params)
            return [dict(r) for r in rows]
        where, params = _article_filters(filters)
        where = ["da.actor_id = ?", "a.published IS NOT NULL", *where]
        rows = self._all(  # type: ignore[attr-defined]
            "SELECT substr(a.published, 1, 10) AS day, sum(da.mentions) AS mentions, sum(da.quotes) AS quotes,"
            " count(*) AS articles FROM doc_actors da JOIN articles a ON a.doc_id = da.doc_id"
            f"{_where(where)} GROUP BY day ORDER BY day", [actor_id, *params])
        return [dict(r) for r in rows]

    def quotes(self, filters: Filters | None = None, speaker: str | None = None,
               speaks_for: str | None = None, about: str | None = None,
               limit: int = 50, cursor: str | None = None, collapse_copies: bool = False) -> Page:
        """Quotes newest first. ``collapse_copies``: quotes in copies of another stored article
        are left out (the original carries the same quote)."""
        offset = decode_cursor(cursor)
        where: list[str] = []
        params: list[Any] = []
        f = filters or Filters()
        if collapse_copies:
            where.append("NOT EXISTS (SELECT 1 FROM duplicates du WHERE du.doc_id = q.doc_id)")
        if speaker:
            where.append("(q.speaker_id = ? OR s.name = ? COLLATE NOCASE)")
            params += [speaker, speaker]
        if speaks_for:
            where.append("(q.speaks_for_id = ? OR sf.name = ? COLLATE NOCASE)")
            params += [speaks_for, speaks_for]
        if about:
            where.append('EXISTS (SELECT 1 FROM mentions m JOIN actors ma ON ma.id = m.actor_id'
                         ' WHERE m.doc_id = q.doc_id AND (ma.id = ? OR ma.name = ? COLLATE NOCASE)'
                         ' AND m.start >= q.start AND m."end" <= q."end")')
            params += [about, about]
        if f.since:
            where.append("coalesce(q.date, a.published) >= ?")
            params.append(f.since)
        if f.until:
            where.append(f"substr(coalesce(q.date, a.published), 1, {len(f.until)}) <= ?")
            params.append(f.until)
        if f.outlet:
            where.append("a.outlet = ?")
            params.append(f.outlet)
        if f.actor:
            where.append("(q.speaker_id = ? OR q.speaks_for_id = ?)")
            params += [f.actor, f.actor]
        if f.text:
            where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(fts_query(f.text))
        rows = self._all(  # type: ignore[attr-defined]
            'SELECT q.id, q.doc_id, q.text, q.start, q."end", q.kind, q.cue, q.speaker_text, q.speaker_start,'
            " q.speaker_end, q.role, q.date, q.venue, q.sentence_start, q.sentence_end,"
            " a.title, a.published, a.outlet,"
            " s.id AS s_id, s.name AS s_name, s.type AS s_type, s.wikidata AS s_wikidata, s.country AS s_country,"
            " sf.id AS f_id, sf.name AS f_name, sf.type AS f_type, sf.wikidata AS f_wikidata,"
            " sf.country AS f_country, v.id AS v_id, v.name AS v_name, v.type AS v_type,"
            " v.wikidata AS v_wikidata, v.country AS v_country"
            " FROM quotes q JOIN articles a ON a.doc_id = q.doc_id"
            " LEFT JOIN actors s ON s.id = q.speaker_id LEFT JOIN actors sf ON sf.id = q.speaks_for_id"
            f" LEFT JOIN actors v ON v.id = q.via_id{_where(where)}"
            " ORDER BY coalesce(q.date, a.published, '') DESC, q.id DESC LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])
        items = []
        for r in rows:
            items.append({
                "id": r["id"], "doc_id": r["doc_id"], "text": r["text"], "start": r["start"], "end": r["end"],
                "kind": r["kind"], "cue": r["cue"], "role": r["role"], "date": r["date"], "venue": r["venue"],
                "sentence_start": r["sentence_start"], "sentence_end": r["sentence_end"],
                "speaker": {"text": r["speaker_text"], "start": r["speaker_start"], "end": r["speaker_end"],
                            "actor": _actor_dict(r, "s_")} if r["speaker_text"] is not None else None,
                "speaks_for": _actor_dict(r, "f_"),
                "via": _actor_dict(r, "v_"),
                "article": {"id": r["doc_id"], "title": r["title"], "published": r["published"],
                            "outlet": r["outlet"]},
            })
        return _page(items, limit, offset)

    def events_for(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self._all("SELECT * FROM events WHERE doc_id = ? ORDER BY start", (doc_id,))  # type: ignore[attr-defined]
        return [dict(r) | {"targets": json.loads(r["targets"])} for r in rows]

    def search_facets(self, query: str, filters: Filters | None = None, limit: int = 8,
                      window: int = 5000) -> dict[str, Any]:
        """Counts by outlet, actor and month among the articles matching ``query`` (for search pages).

        Counted over the newest ``window`` matches (``partial`` says when there were more), so a
        word found in every article costs no more than a rarer one."""
        where, params = _article_filters(filters)
        join = " JOIN articles a ON a.n = articles_fts.rowid" if where else ""
        cond = "".join(f" AND {w}" for w in where)
        match_sql = (f"SELECT articles_fts.rowid FROM articles_fts{join} WHERE articles_fts MATCH ?{cond}"
                     " ORDER BY articles_fts.rowid DESC LIMIT ?")
        match_params = [fts_query(query), *params, window + 1]
        self._all("CREATE TEMP TABLE IF NOT EXISTS facet_ids (n INTEGER PRIMARY KEY)")  # type: ignore[attr-defined]
        # CROSS JOIN keeps the small id set as the outer loop (the temp table has no statistics).
        with self.lock:  # type: ignore[attr-defined]
            c = self.conn  # type: ignore[attr-defined]
            c.execute("DELETE FROM facet_ids")
            c.execute(f"INSERT INTO facet_ids (n) {match_sql}", match_params)
            total = c.execute("SELECT count(*) FROM facet_ids").fetchone()[0]
            if total > window:
                c.execute("DELETE FROM facet_ids WHERE n = (SELECT min(n) FROM facet_ids)")
            outlets = c.execute(
                "SELECT a.outlet AS value, count(*) AS n FROM facet_ids f CROSS JOIN articles a ON a.n = f.n"
                " WHERE a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY n DESC, value LIMIT ?", (limit,)).fetchall()
            months = c.execute(
                "SELECT substr(a.published, 1, 7) AS value, count(*) AS n FROM facet_ids f CROSS JOIN articles a"
                " ON a.n = f.n WHERE a.published IS NOT NULL GROUP BY value ORDER BY value DESC LIMIT ?",
                (limit * 2,)).fetchall()
            actors = c.execute(
                "SELECT ac.id, ac.name, ac.type, count(*) AS n FROM facet_ids f CROSS JOIN articles a ON a.n = f.n"
                " CROSS JOIN doc_actors da ON da.doc_id = a.doc_id JOIN actors ac ON ac.id = da.actor_id"
                " GROUP BY ac.id ORDER BY n DESC, ac.name LIMIT ?", (limit,)).fetchall()
        return {"outlets": [dict(r) for r in outlets], "months": [dict(r) for r in months],
                "actors": [dict(r) for r in actors], "partial": total > window, "counted": min(total, window)}
