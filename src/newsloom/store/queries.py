"""Read queries shared by the CLI, the JSON API and the web pages: one SQL text for both backends.

Every ORDER BY ends in a unique column, so both backends return rows in the same order.
"""

from __future__ import annotations

from abc import abstractmethod
from contextlib import AbstractContextManager
from typing import Any

from ..model import Actor
from .base import Filters, Page, decode_cursor
from .dialect import NOT_A_COPY, SQLHost, article_filters, like_pattern, page_of, until_sql, where_sql
from .statement_queries import collapse_relays

_QUOTE_COLUMNS = (
    'q.id, q.doc_id, q.text, q.start, q."end", q.kind, q.cue, q.speaker_text, q.speaker_start,'
    " q.speaker_end, q.role, q.date, q.venue, q.sentence_start, q.sentence_end, q.negated,"
    " q.speaker_ref_text, q.speaker_ref_start, q.speaker_ref_end,"
    " a.title, a.published, a.outlet,"
    " s.id AS s_id, s.name AS s_name, s.type AS s_type, s.wikidata AS s_wikidata, s.country AS s_country,"
    " sf.id AS f_id, sf.name AS f_name, sf.type AS f_type, sf.wikidata AS f_wikidata,"
    " sf.country AS f_country, v.id AS v_id, v.name AS v_name, v.type AS v_type,"
    " v.wikidata AS v_wikidata, v.country AS v_country")


def day_filters_only(f: Filters | None) -> bool:
    """Whether per-day counts answer these filters: dates at most day-precise, nothing else."""
    return f is None or (not (f.outlet or f.actor or f.text) and len(f.since or "") <= 10
                         and len(f.until or "") <= 10)


def actor_dict(row: Any, prefix: str = "") -> dict[str, Any] | None:
    if row[f"{prefix}id"] is None:
        return None
    return {"id": row[f"{prefix}id"], "name": row[f"{prefix}name"], "type": row[f"{prefix}type"],
            "wikidata": row[f"{prefix}wikidata"], "country": row[f"{prefix}country"]}


def _quote_item(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"], "doc_id": r["doc_id"], "text": r["text"], "start": r["start"], "end": r["end"],
        "kind": r["kind"], "cue": r["cue"], "role": r["role"], "date": r["date"], "venue": r["venue"],
        "sentence_start": r["sentence_start"], "sentence_end": r["sentence_end"], "negated": bool(r["negated"]),
        "speaker": _speaker_item(r) if r["speaker_text"] is not None else None,
        "speaks_for": actor_dict(r, "f_"),
        "via": actor_dict(r, "v_"),
        "article": {"id": r["doc_id"], "title": r["title"], "published": r["published"], "outlet": r["outlet"]},
    }


def _speaker_item(r: dict[str, Any]) -> dict[str, Any]:
    """A quote row's speaker as ``Speaker.as_dict`` writes it (``refers_to`` only when stored)."""
    sp = {"text": r["speaker_text"], "start": r["speaker_start"], "end": r["speaker_end"],
          "actor": actor_dict(r, "s_")}
    if r["speaker_ref_text"] is not None:
        sp["refers_to"] = {"text": r["speaker_ref_text"], "start": r["speaker_ref_start"],
                           "end": r["speaker_ref_end"]}
    return sp


def _one_of(column: str, ids: list[str]) -> str:
    """``column`` equal to one of ``ids`` (a plain ``=`` for one, so the index gives the order)."""
    return f"{column} = ?" if len(ids) == 1 else f"{column} IN ({','.join('?' * len(ids))})"


def _speaker_id(q: dict[str, Any]) -> str | None:
    sp = q["speaker"]
    return sp["actor"]["id"] if sp and sp["actor"] else None


def _quote_filters(f: Filters, speakers: list[str] | None, parties: list[str] | None,
                   about: str | None) -> tuple[list[str], list[Any]]:
    """Conditions on quotes; ``speakers``/``parties`` are actor ids already resolved. Dates read
    ``q.effective_date``: the quote's date, else its article's publication, '' when neither."""
    where: list[str] = []
    params: list[Any] = []
    if speakers is not None:
        where.append(_one_of("q.speaker_id", speakers))
        params += speakers
    if parties is not None:
        where.append(_one_of("q.speaks_for_id", parties))
        params += parties
    if about:
        where.append("EXISTS (SELECT 1 FROM mentions m JOIN actors ma ON ma.id = m.actor_id"
                     " WHERE m.doc_id = q.doc_id AND (ma.id = ? OR lower(ma.name) = lower(?))"
                     ' AND m.start >= q.start AND m."end" <= q."end")')
        params += [about, about]
    if f.since:
        where.append("q.effective_date >= ?")
        params.append(f.since)
    if f.until:
        where.append("q.effective_date <> '' AND " + until_sql("q.effective_date", f.until))
        params.append(f.until)
    if f.outlet:
        where.append("a.outlet = ?")
        params.append(f.outlet)
    if f.actor:
        where.append("(q.speaker_id = ? OR q.speaks_for_id = ?)")
        params += [f.actor, f.actor]
    return where, params


class QueryMixin(SQLHost):
    """Lists, profiles and counts; the full-text search itself is the backend's (``search``)."""

    # How the facet queries join an article's actors: SQLite's CROSS JOIN keeps the small set of
    # matches as the outer loop (its temporary table has no statistics); PostgreSQL plans it alone.
    _pinned_join = "JOIN"

    @abstractmethod
    def _facet_scope(self, query: str, filters: Filters | None,
                     window: int) -> AbstractContextManager[tuple[str, str, list[Any], int]]:
        """Within the block: a FROM clause naming ``articles a``, a condition keeping the newest
        ``window`` matches of ``query``, its parameters, and how many matched (``window + 1`` at most)."""

    def stats(self) -> dict[str, Any]:
        return self._row(
            "SELECT (SELECT count(*) FROM documents) AS documents,"
            " (SELECT count(*) FROM articles) AS articles,"
            " (SELECT count(*) FROM documents WHERE status = 'failed') AS failed,"
            " (SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL) AS outlets,"
            " (SELECT count(*) FROM actors) AS actors,"
            " (SELECT count(*) FROM mentions) AS mentions,"
            " (SELECT count(*) FROM quotes) AS quotes,"
            " (SELECT count(*) FROM events) AS events,"
            " (SELECT min(published) FROM articles) AS first_published,"
            " (SELECT max(published) FROM articles) AS last_published") or {}

    def articles(self, filters: Filters | None = None, limit: int = 20, cursor: str | None = None,
                 collapse_copies: bool = False) -> Page:
        """Articles newest first. ``collapse_copies``: copies of another stored article are left
        out and each item says how many ``copies`` it has."""
        offset = decode_cursor(cursor)
        where, params = article_filters(filters, listed=True)
        if collapse_copies:
            where.append(NOT_A_COPY)
        if filters and filters.text:
            where.append(self._text_match("articles", "a"))
            params.append(self._match_query(filters.text))
        # Page on the narrow columns first: excerpts would otherwise read every matching text.
        rows = self._rows(
            "SELECT a.doc_id AS id, a.title, a.published, a.outlet, a.url, a.language,"
            " substr(a.text, 1, 280) AS excerpt, length(a.text) AS length FROM"
            f" (SELECT a.n FROM articles a{where_sql(where)}"
            "  ORDER BY coalesce(a.published, '') DESC, a.n DESC LIMIT ? OFFSET ?) page"
            " JOIN articles a ON a.n = page.n ORDER BY coalesce(a.published, '') DESC, a.n DESC",
            [*params, limit + 1, offset])
        page = page_of(rows, limit, offset)
        if collapse_copies:
            self.with_copy_counts(page.items)
        return page

    def actors(self, filters: Filters | None = None, limit: int = 50, cursor: str | None = None,
               type: str | None = None, name: str | None = None) -> Page:
        offset = decode_cursor(cursor)
        where, params = article_filters(filters)
        join = " JOIN articles a ON a.doc_id = da.doc_id" if where else ""
        if type:
            where.append("ac.type = ?")
            params.append(type)
        if name:
            where.append("lower(ac.name) LIKE lower(?) ESCAPE '\\'")
            params.append(like_pattern(name))
        rows = self._rows(
            "SELECT ac.id, ac.name, ac.type, ac.wikidata, ac.country, sum(da.mentions) AS mentions,"
            " sum(da.quotes) AS quotes, count(*) AS articles"
            f" FROM doc_actors da JOIN actors ac ON ac.id = da.actor_id{join}{where_sql(where)}"
            " GROUP BY ac.id ORDER BY mentions DESC, ac.name, ac.id LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])
        return page_of(rows, limit, offset)

    def find_actor(self, name: str) -> Actor | None:
        row = self._row("SELECT * FROM actors WHERE id = ?", [name])
        row = row or self._row("SELECT * FROM actors WHERE lower(name) = lower(?) ORDER BY id LIMIT 1", [name])
        row = row or self._row(
            "SELECT ac.* FROM actors ac LEFT JOIN doc_actors da ON da.actor_id = ac.id"
            " WHERE lower(ac.name) LIKE lower(?) ESCAPE '\\' GROUP BY ac.id"
            " ORDER BY sum(da.mentions) DESC NULLS LAST, ac.id LIMIT 1", [like_pattern(name)])
        row = row or self._row(
            "SELECT ac.* FROM mentions m JOIN actors ac ON ac.id = m.actor_id WHERE lower(m.text) = lower(?)"
            " GROUP BY ac.id ORDER BY count(*) DESC, ac.id LIMIT 1", [name])
        if row is None:
            return None
        return Actor(id=row["id"], name=row["name"], type=row["type"], wikidata=row["wikidata"],
                     country=row["country"])

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        row = self._row("SELECT * FROM actors WHERE id = ?", [actor_id])
        if row is None:
            return None
        counts = self._row(
            "SELECT coalesce(sum(mentions), 0) AS mentions, coalesce(sum(quotes), 0) AS quotes,"
            " count(*) AS articles FROM doc_actors WHERE actor_id = ?", [actor_id]) or {}
        roles = self._rows(
            "SELECT m.role, ac.id AS affiliation_id, ac.name AS affiliation, count(*) AS n FROM mentions m"
            " LEFT JOIN actors ac ON ac.id = m.affiliation_id WHERE m.actor_id = ? AND m.role IS NOT NULL"
            " GROUP BY m.role, ac.id ORDER BY n DESC, m.role, ac.id LIMIT 20", [actor_id])
        aliases = self._rows(
            "SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text"
            " ORDER BY n DESC, text LIMIT 30", [actor_id])
        quoted_with = self._rows(
            "SELECT ac.id, ac.name, ac.type, count(DISTINCT q2.doc_id) AS articles FROM quotes q1"
            " JOIN quotes q2 ON q2.doc_id = q1.doc_id AND q2.speaker_id != q1.speaker_id"
            " JOIN actors ac ON ac.id = q2.speaker_id WHERE q1.speaker_id = ?"
            " GROUP BY ac.id ORDER BY articles DESC, ac.name, ac.id LIMIT 15", [actor_id])
        return {"actor": row, **counts, "roles": roles, "aliases": aliases, "quoted_with": quoted_with}

    def actor_timeline(self, actor_id: str, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Mentions, quotes and articles per publication day. Read from the per-day counts that
        triggers maintain (migration 0004) unless a filter needs the articles themselves."""
        if day_filters_only(filters):
            where, params = ["actor_id = ?"], [actor_id]
            if filters and filters.since:
                where.append("day >= ?")
                params.append(filters.since)
            if filters and filters.until:
                where.append(until_sql("day", filters.until))
                params.append(filters.until)
            return self._rows(f"SELECT day, mentions, quotes, articles FROM actor_days{where_sql(where)}"
                              " ORDER BY day", params)
        where, params = article_filters(filters)
        where = ["da.actor_id = ?", "a.published IS NOT NULL", *where]
        return self._rows(
            "SELECT substr(a.published, 1, 10) AS day, sum(da.mentions) AS mentions, sum(da.quotes) AS quotes,"
            " count(*) AS articles FROM doc_actors da JOIN articles a ON a.doc_id = da.doc_id"
            f"{where_sql(where)} GROUP BY day ORDER BY day", [actor_id, *params])

    def quotes(self, filters: Filters | None = None, speaker: str | None = None,
               speaks_for: str | None = None, about: str | None = None,
               limit: int = 50, cursor: str | None = None, collapse_copies: bool = False,
               said_only: bool = False) -> Page:
        """Quotes newest first. ``collapse_copies``: quotes in copies of another stored article
        are left out (the original carries the same quote). ``said_only``: what speakers said,
        for pages listing it: denials left out, and a statement relayed by several articles
        (same speaker, near-identical words) listed once, its ``sources`` naming every article."""
        offset = decode_cursor(cursor)
        f = filters or Filters()
        # The speaker (or party) as given, or every actor of that exact name in any case: resolved
        # first, so the quote list is read per id through its index, newest first.
        speakers = self._named_ids(speaker) if speaker else None
        parties = self._named_ids(speaks_for) if speaks_for else None
        where, params = _quote_filters(f, speakers, parties, about)
        if said_only:
            where.append("q.negated = 0")
        if collapse_copies:
            where.append("NOT EXISTS (SELECT 1 FROM duplicates du WHERE du.doc_id = q.doc_id)")
        if f.text:
            where.append(self._text_match("quotes", "q"))
            params.append(self._match_query(f.text))
        rows = self._rows(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.doc_id = q.doc_id"
            " LEFT JOIN actors s ON s.id = q.speaker_id LEFT JOIN actors sf ON sf.id = q.speaks_for_id"
            f" LEFT JOIN actors v ON v.id = q.via_id{where_sql(where)}"
            " ORDER BY q.effective_date DESC, q.id DESC LIMIT ? OFFSET ?",
            [*params, limit + 1, offset])
        page = page_of([_quote_item(r) for r in rows], limit, offset)
        if said_only:
            page = Page(collapse_relays(page.items, _speaker_id, lambda q: q["article"]), page.next)
        return page

    def _named_ids(self, value: str) -> list[str]:
        """The actor whose id is ``value`` and those named ``value`` in any case; ``value`` itself
        when none is stored (it still matches an id the quotes hold)."""
        rows = self._rows("SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?) ORDER BY id", [value, value])
        return [r["id"] for r in rows] or [value]

    def search_facets(self, query: str, filters: Filters | None = None, limit: int = 8,
                      window: int = 5000) -> dict[str, Any]:
        """Counts by outlet, actor and month among the articles matching ``query`` (for search pages).

        Counted over the newest ``window`` matches (``partial`` says when there were more), so a
        word found in every article costs no more than a rarer one."""
        with self._facet_scope(query, filters, window) as (source, cond, scope_params, total):
            outlets = self._rows(
                f"SELECT a.outlet AS value, count(*) AS n FROM {source} WHERE {cond} AND a.outlet IS NOT NULL"
                " GROUP BY a.outlet ORDER BY n DESC, value LIMIT ?", [*scope_params, limit])
            months = self._rows(
                f"SELECT substr(a.published, 1, 7) AS value, count(*) AS n FROM {source} WHERE {cond}"
                " AND a.published IS NOT NULL GROUP BY value ORDER BY value DESC LIMIT ?",
                [*scope_params, limit * 2])
            actors = self._rows(
                f"SELECT ac.id, ac.name, ac.type, count(*) AS n FROM {source} {self._pinned_join} doc_actors da"
                f" ON da.doc_id = a.doc_id JOIN actors ac ON ac.id = da.actor_id WHERE {cond}"
                " GROUP BY ac.id ORDER BY n DESC, ac.name, ac.id LIMIT ?", [*scope_params, limit])
        return {"outlets": outlets, "months": months, "actors": actors, "partial": total > window,
                "counted": min(total, window)}
