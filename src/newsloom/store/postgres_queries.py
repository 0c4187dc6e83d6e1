"""Read queries of the PostgreSQL store: the same results, keys and filters as ``sqlite_queries``."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model import Actor
from .base import Filters, Page, decode_cursor
from .sqlite_queries import _HL_CLOSE, _HL_OPEN, _WORD, RANK_WINDOW, _actor_dict, _page, fts_query, highlight

# The default text-search parser reads '<...>' as HTML tags and '&...;' as entities and drops them
# from indexes and headlines. Mapped to ASCII separator controls (blanks to the parser in every
# locale) the words inside stay searchable, as with FTS5, and the snippet maps them back before
# escaping. The generated tsv columns use the same mapping.
_TAG_CHARS = "<>&"
_TAG_STANDINS = "\x1c\x1d\x1e"
_FROM_STANDINS = str.maketrans(_TAG_STANDINS, _TAG_CHARS)
TS_CONFIG = "newsloom_text"
# Ranks title matches five times text matches, like bm25(articles_fts, 5.0, 1.0); weights are D, C, B, A.
# Normalization 1 divides by 1 + log(length) so long articles do not win by size alone, as in bm25.
_RANK_WEIGHTS = "{0.1, 0.2, 0.2, 1.0}"
_HEADLINE_OPTIONS = f"StartSel={_HL_OPEN}, StopSel={_HL_CLOSE}, MaxWords=16, MinWords=8, ShortWord=2, MaxFragments=1"


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def mark_phrases(fragment: str, normalized_query: str) -> str:
    """``fragment`` with highlight sentinels around each occurrence of a query phrase.

    ts_headline marks every query word wherever it appears; FTS5 marks whole phrase matches, so the
    marks are placed here from the ``fts_query`` phrases instead."""
    tokens = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(fragment)]
    spans: list[tuple[int, int]] = []
    for phrase in re.findall(r'"([^"]*)"', normalized_query):
        words = [_fold(w) for w in _WORD.findall(phrase)]
        for i in range(len(tokens) - len(words) + 1):
            if words and all(tokens[i + j][2] == w for j, w in enumerate(words)):
                spans.append((tokens[i][0], tokens[i + len(words) - 1][1]))
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:  # overlaps a phrase already marked
            continue
        out += [fragment[pos:start], _HL_OPEN, fragment[start:end], _HL_CLOSE]
        pos = end
    return "".join(out) + fragment[pos:]


def ts_query_sql(placeholder: str = "%s") -> str:
    """SQL for the tsquery of a user query already normalized by ``fts_query``.

    ``fts_query`` output (quoted phrases, implicit AND, ``OR``) is exactly websearch syntax, so both
    stores give a query the same meaning."""
    return f"websearch_to_tsquery('{TS_CONFIG}', {placeholder})"


def _article_filters(f: Filters | None, alias: str = "a") -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f is None:
        return where, params
    if f.since:
        where.append(f"{alias}.published >= %s")
        params.append(f.since)
    if f.until:
        where.append(f"left({alias}.published, %s) <= %s")
        params += [len(f.until), f.until]
    if f.outlet:
        where.append(f"{alias}.outlet = %s")
        params.append(f.outlet)
    if f.actor:
        where.append(f"EXISTS (SELECT 1 FROM doc_actors da WHERE da.doc_id = {alias}.doc_id AND da.actor_id = %s)")
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


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PgQueryMixin:
    """Query methods; the host class provides ``_all`` and ``_one`` returning dict rows."""

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
            where.append(f"a.tsv @@ {ts_query_sql()}")
            params.append(fts_query(filters.text))
        # Page on the narrow columns first: excerpts would otherwise read every matching text.
        rows = self._all(  # type: ignore[attr-defined]
            "SELECT a.doc_id AS id, a.title, a.published, a.outlet, a.url, a.language,"
            " left(a.text, 280) AS excerpt, length(a.text) AS length FROM"
            f" (SELECT a.n FROM articles a{_where(where)}"
            "  ORDER BY coalesce(a.published, '') DESC, a.n DESC LIMIT %s OFFSET %s) page"
            " JOIN articles a ON a.n = page.n ORDER BY coalesce(a.published, '') DESC, a.n DESC",
            [*params, limit + 1, offset])
        page = _page(rows, limit, offset)
        if collapse_copies:
            self.with_copy_counts(page.items)  # type: ignore[attr-defined]
        return page

    def search(self, query: str, filters: Filters | None = None, limit: int = 20,
               cursor: str | None = None, collapse_copies: bool = False) -> Page:
        """Ranked full-text search. As in the SQLite store, ranking is bounded: beyond
        ``RANK_WINDOW`` matches only the most recently added are ranked, and headlines are made
        only for the page shown (both cost per row, and a common word matches every article)."""
        offset = decode_cursor(cursor)
        where, params = _article_filters(filters)
        if collapse_copies:
            where.append(_NOT_A_COPY)
        tsquery = fts_query(query)
        cond = "".join(f" AND {w}" for w in where)
        rows = self._all(  # type: ignore[attr-defined]
            "WITH q AS (SELECT " + ts_query_sql() + " AS q),"
            f" recent AS (SELECT a.n FROM articles a, q WHERE a.tsv @@ q.q{cond} ORDER BY a.n DESC LIMIT %s),"
            " hits AS (SELECT a.n, a.doc_id AS id, a.title, a.published, a.outlet, a.url, a.text,"
            f" -ts_rank('{_RANK_WEIGHTS}'::real[], a.tsv, q.q, 1) AS score"
            " FROM recent JOIN articles a ON a.n = recent.n, q ORDER BY score, a.n DESC LIMIT %s OFFSET %s)"
            # When the words are too far apart for one fragment, the fragment of any of them.
            " SELECT id, title, published, outlet, url, left(text, 64) AS head, right(text, 64) AS tail,"
            " CASE WHEN strpos(h.h, %s) > 0 THEN h.h ELSE ts_headline("
            f"  '{TS_CONFIG}', h.t, replace(q.q::text, '&', '|')::tsquery, %s) END AS raw_snippet, score"
            " FROM hits, q, LATERAL (SELECT translate(text, %s, %s) AS t) t,"
            f" LATERAL (SELECT ts_headline('{TS_CONFIG}', t.t, q.q, %s) AS h, t.t) h ORDER BY score, n DESC",
            [tsquery, *params, RANK_WINDOW, limit + 1, offset, _HL_OPEN, _HEADLINE_OPTIONS, _TAG_CHARS,
             _TAG_STANDINS, _HEADLINE_OPTIONS])
        items = []
        for item in rows:
            raw = (item.pop("raw_snippet") or "").translate(_FROM_STANDINS)
            plain = raw.replace(_HL_OPEN, "").replace(_HL_CLOSE, "")
            # An ellipsis where the fragment cuts the text, as FTS5's snippet() writes one.
            head, tail = item.pop("head") or "", item.pop("tail") or ""
            if plain and not head.startswith(plain[:64]):
                plain = "…" + plain
            if plain and not tail.endswith(plain[-64:]):
                plain += "…"
            item["snippet"] = highlight(mark_phrases(plain, tsquery))
            item["snippet_text"] = plain
            items.append(item)
        if collapse_copies:
            self.with_copy_counts(items[:limit])  # type: ignore[attr-defined]
        return _page(items, limit, offset)

    def search_facets(self, query: str, filters: Filters | None = None, limit: int = 8,
                      window: int = 5000) -> dict[str, Any]:
        """Counts by outlet, actor and month among the articles matching ``query`` (for search pages).

        Counted over the newest ``window`` matches (``partial`` says when there were more), so a
        word found in every article costs no more than a rarer one."""
        where, params = _article_filters(filters)
        cond = "".join(f" AND {w}" for w in where)
        ids = [r["n"] for r in self._all(  # type: ignore[attr-defined]
            f"SELECT a.n FROM articles a WHERE a.tsv @@ {ts_query_sql()}{cond} ORDER BY a.n DESC LIMIT %s",
            [fts_query(query), *params, window + 1])]
        counted = ids[:window]
        outlets = self._all(  # type: ignore[attr-defined]
            "SELECT a.outlet AS value, count(*) AS n FROM articles a WHERE a.n = ANY(%s)"
            " AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY n DESC, value LIMIT %s", [counted, limit])
        months = self._all(  # type: ignore[attr-defined]
            "SELECT left(a.published, 7) AS value, count(*) AS n FROM articles a WHERE a.n = ANY(%s)"
            " AND a.published IS NOT NULL GROUP BY value ORDER BY value DESC LIMIT %s", [counted, limit * 2])
        actors = self._all(  # type: ignore[attr-defined]
            "SELECT ac.id, ac.name, ac.type, count(*) AS n FROM articles a"
            " JOIN doc_actors da ON da.doc_id = a.doc_id JOIN actors ac ON ac.id = da.actor_id"
            " WHERE a.n = ANY(%s) GROUP BY ac.id ORDER BY n DESC, ac.name, ac.id LIMIT %s", [counted, limit])
        return {"outlets": outlets, "months": months, "actors": actors, "partial": len(ids) > window,
                "counted": len(counted)}

    def actors(self, filters: Filters | None = None, limit: int = 50, cursor: str | None = None,
               type: str | None = None, name: str | None = None) -> Page:
        offset = decode_cursor(cursor)
        where, params = _article_filters(filters)
        join = " JOIN articles a ON a.doc_id = da.doc_id" if where else ""
        if type:
            where.append("ac.type = %s")
            params.append(type)
        if name:
            where.append("ac.name ILIKE %s ESCAPE '\\'")
            params.append(_like(name))
        rows = self._all(  # type: ignore[attr-defined]
            "SELECT ac.id, ac.name, ac.type, ac.wikidata, ac.country, sum(da.mentions) AS mentions,"
            " sum(da.quotes) AS quotes, count(*) AS articles"
            f" FROM doc_actors da JOIN actors ac ON ac.id = da.actor_id{join}{_where(where)}"
            " GROUP BY ac.id ORDER BY mentions DESC, ac.name, ac.id LIMIT %s OFFSET %s",
            [*params, limit + 1, offset])
        return _page(rows, limit, offset)

    def find_actor(self, name: str) -> Actor | None:
        row = self._one("SELECT * FROM actors WHERE id = %s", (name,))  # type: ignore[attr-defined]
        row = row or self._one(  # type: ignore[attr-defined]
            "SELECT * FROM actors WHERE lower(name) = lower(%s) ORDER BY id LIMIT 1", (name,))
        row = row or self._one(  # type: ignore[attr-defined]
            "SELECT ac.* FROM actors ac LEFT JOIN doc_actors da ON da.actor_id = ac.id"
            " WHERE ac.name ILIKE %s ESCAPE '\\' GROUP BY ac.id"
            " ORDER BY sum(da.mentions) DESC NULLS LAST, ac.id LIMIT 1", (_like(name),))
        row = row or self._one(  # type: ignore[attr-defined]
            "SELECT ac.* FROM mentions m JOIN actors ac ON ac.id = m.actor_id WHERE lower(m.text) = lower(%s)"
            " GROUP BY ac.id ORDER BY count(*) DESC, ac.id LIMIT 1", (name,))
        if row is None:
            return None
        return Actor(id=row["id"], name=row["name"], type=row["type"], wikidata=row["wikidata"],
                     country=row["country"])

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM actors WHERE id = %s", (actor_id,))  # type: ignore[attr-defined]
        if row is None:
            return None
        counts = self._one(  # type: ignore[attr-defined]
            "SELECT coalesce(sum(mentions), 0) AS mentions, coalesce(sum(quotes), 0) AS quotes,"
            " count(*) AS articles FROM doc_actors WHERE actor_id = %s", (actor_id,))
        roles = self._all(  # type: ignore[attr-defined]
            "SELECT m.role, ac.id AS affiliation_id, ac.name AS affiliation, count(*) AS n FROM mentions m"
            " LEFT JOIN actors ac ON ac.id = m.affiliation_id WHERE m.actor_id = %s AND m.role IS NOT NULL"
            " GROUP BY m.role, ac.id ORDER BY n DESC, m.role, ac.id LIMIT 20", (actor_id,))
        aliases = self._all(  # type: ignore[attr-defined]
            "SELECT text, count(*) AS n FROM mentions WHERE actor_id = %s GROUP BY text"
            " ORDER BY n DESC, text LIMIT 30", (actor_id,))
        quoted_with = self._all(  # type: ignore[attr-defined]
            "SELECT ac.id, ac.name, ac.type, count(DISTINCT q2.doc_id) AS articles FROM quotes q1"
            " JOIN quotes q2 ON q2.doc_id = q1.doc_id AND q2.speaker_id != q1.speaker_id"
            " JOIN actors ac ON ac.id = q2.speaker_id WHERE q1.speaker_id = %s"
            " GROUP BY ac.id ORDER BY articles DESC, ac.name, ac.id LIMIT 15", (actor_id,))
        return {"actor": dict(row), **dict(counts), "roles": roles, "aliases": aliases,
                "quoted_with": quoted_with}

    def actor_timeline(self, actor_id: str, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Mentions, quotes and articles per publication day. Read from the per-day counts that
        triggers maintain (migration 0004) unless a filter needs the articles themselves."""
        if _day_filters_only(filters):
            where, params = ["actor_id = %s"], [actor_id]
            if filters and filters.since:
                where.append("day >= %s")
                params.append(filters.since)
            if filters and filters.until:
                where.append("left(day, %s) <= %s")
                params += [len(filters.until), filters.until]
            rows = self._all(  # type: ignore[attr-defined]
                f"SELECT day, mentions, quotes, articles FROM actor_days{_where(where)} ORDER BY day", params)
            return [dict(r) for r in rows]
        where, params = _article_filters(filters)
        where = ["da.actor_id = %s", "a.published IS NOT NULL", *where]
        return self._all(  # type: ignore[attr-defined]
            "SELECT left(a.published, 10) AS day, sum(da.mentions) AS mentions, sum(da.quotes) AS quotes,"
            " count(*) AS articles FROM doc_actors da JOIN articles a ON a.doc_id = da.doc_id"
            f"{_where(where)} GROUP BY day ORDER BY day", [actor_id, *params])

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
            where.append("(q.speaker_id = %s OR lower(s.name) = lower(%s))")
            params += [speaker, speaker]
        if speaks_for:
            where.append("(q.speaks_for_id = %s OR lower(sf.name) = lower(%s))")
            params += [speaks_for, speaks_for]
        if about:
            where.append('EXISTS (SELECT 1 FROM mentions m JOIN actors ma ON ma.id = m.actor_id'
                         ' WHERE m.doc_id = q.doc_id AND (ma.id = %s OR lower(ma.name) = lower(%s))'
                         ' AND m.start >= q.start AND m."end" <= q."end")')
            params += [about, about]
        if f.since:
            where.append("coalesce(q.date, a.published) >= %s")
            params.append(f.since)
        if f.until:
            where.append("left(coalesce(q.date, a.published), %s) <= %s")
            params += [len(f.until), f.until]
        if f.outlet:
            where.append("a.outlet = %s")
            params.append(f.outlet)
        if f.actor:
            where.append("(q.speaker_id = %s OR q.speaks_for_id = %s)")
            params += [f.actor, f.actor]
        if f.text:
            where.append(f"q.tsv @@ {ts_query_sql()}")
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
            " ORDER BY coalesce(q.date, a.published, '') DESC, q.id DESC LIMIT %s OFFSET %s",
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
        # targets is JSONB, already a list; negated stays 0/1 like SQLite's.
        return self._all("SELECT * FROM events WHERE doc_id = %s ORDER BY start, id",  # type: ignore[attr-defined]
                         (doc_id,))
