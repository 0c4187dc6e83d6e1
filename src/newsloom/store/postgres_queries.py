"""PostgreSQL's full-text dialect: tsvector matching, ts_rank ranking and ts_headline snippets, giving
the same results, keys and order as SQLite's FTS5 (``sqlite_queries``). Every other query is shared."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .base import Filters, Page, decode_cursor
from .dialect import NOT_A_COPY, SQLHost, and_sql, article_filters, page_of
from .fts import HL_CLOSE as _HL_CLOSE
from .fts import HL_OPEN as _HL_OPEN
from .fts import highlight, kept_terms, plain, ts_query
from .plans import PLANNER_SETTING
from .search_syntax import TERM_WORD as _TERM_WORD

# Most matches ranked for one search; beyond it, the newest matches are ranked (as in SQLite).
RANK_WINDOW = 1000
# The newest matches are looked for in slices of article numbers, newest first: a search stops as
# soon as it has its window, so its cost follows the matches it needs, not the size of the store.
# After the first slice, the matches seen per article read so far size the next slice (to hold the
# matches still wanted, with a margin; a walked one at least SLICE_GROWTH times the last; the whole
# rest when none were seen) and choose how it is read: newest first row by row when that is expected to stop
# within WALK_ROWS articles (a common word), else through the GIN index's matches in the slice
# only (a rare word, a phrase, a word + filter): walking a wide slice detoasts every vector in it.
# Planner settings for one transaction: no index scan walking rows in order, no sequential scan.
BITMAP_ONLY = (f"{PLANNER_SETTING}'enable_indexscan', 'off', true) AS i,"
               " set_config('enable_seqscan', 'off', true) AS s")
FIRST_SLICE = 5_000
# A first slice the planner reads through the GIN index pays for all of the words' matches in the
# index whatever its width: it is made wider, so that one read is more often all that is needed.
FIRST_BITMAP_SLICE = 15_000
# A first slice the planner would walk: kept a walk when it expects this share of the articles to
# match (a walk costs a detoasted vector per row, a GIN read a fraction of that per match in the
# whole store: about even at a sixth); else read as bitmaps, at most MAX_FIRST_SLICE wide.
FIRST_WALK_DENSITY = 0.1
MAX_FIRST_SLICE = 60_000
SLICE_GROWTH = 5
SLICE_MARGIN = 1.5
WALK_ROWS = 5_000

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


def mark_phrases(fragment: str, query: str) -> str:
    """``fragment`` with highlight sentinels around each occurrence of a term the query keeps.

    ts_headline marks every query word wherever it appears; FTS5 marks whole phrase matches (and
    prefix matches), so the marks are placed here from the parsed query's terms instead."""
    tokens = [(m.start(), m.end(), _fold(m.group())) for m in _TERM_WORD.finditer(fragment)]
    spans: list[tuple[int, int]] = []
    for term in kept_terms(query):
        words = [_fold(w) for w in term.words]
        for i in range(len(tokens) - len(words) + 1):
            if all(tokens[i + j][2] == w or (term.prefix and j == len(words) - 1 and tokens[i + j][2].startswith(w))
                   for j, w in enumerate(words)):
                spans.append((tokens[i][0], tokens[i + len(words) - 1][1]))
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:  # overlaps a phrase already marked
            continue
        out += [fragment[pos:start], _HL_OPEN, fragment[start:end], _HL_CLOSE]
        pos = end
    return "".join(out) + fragment[pos:]


def ts_query_sql(placeholder: str = "%s") -> str:
    """SQL for the tsquery of a user query rendered by ``fts.ts_query`` (the same query tree FTS5
    gets from ``fts.fts_query``, so both stores give a query one meaning)."""
    return f"to_tsquery('{TS_CONFIG}', {placeholder})"


class PgSearch(SQLHost):
    """Generated ``tsv`` columns with GIN indexes on ``articles`` and ``quotes``."""

    def _text_match(self, table: str, alias: str) -> str:
        return f"{alias}.tsv @@ {ts_query_sql('?')}"

    def _match_query(self, text: str) -> str:
        return ts_query(text)

    def search(self, query: str, filters: Filters | None = None, limit: int = 20,
               cursor: str | None = None, collapse_copies: bool = False) -> Page:
        """Ranked full-text search. As in the SQLite store, ranking is bounded: beyond
        ``RANK_WINDOW`` matches only the most recently added are ranked, and headlines are made
        only for the page shown (both cost per row, and a common word matches every article)."""
        offset = decode_cursor(cursor)
        where, params = article_filters(filters)
        if collapse_copies:
            where.append(NOT_A_COPY)
        tsquery = ts_query(query)
        cond = and_sql(where)
        newest = self._newest_matches(tsquery, cond, params, RANK_WINDOW)
        rows = self._rows(
            "WITH q AS (SELECT " + ts_query_sql('?') + " AS q),"
            " hits AS (SELECT a.n, a.doc_id AS id, a.title, a.published, a.outlet, a.url, a.text,"
            f" -ts_rank('{_RANK_WEIGHTS}'::real[], a.tsv, q.q, 1) AS score"
            " FROM articles a, q WHERE a.n = ANY(?) ORDER BY score, a.n DESC LIMIT ? OFFSET ?)"
            # When the words are too far apart for one fragment, the fragment of any of them.
            " SELECT id, title, published, outlet, url, left(text, 64) AS head, right(text, 64) AS tail,"
            " CASE WHEN strpos(h.h, ?) > 0 THEN h.h ELSE ts_headline("
            f"  '{TS_CONFIG}', h.t, replace(q.q::text, '&', '|')::tsquery, ?) END AS raw_snippet, score"
            " FROM hits, q, LATERAL (SELECT translate(text, ?, ?) AS t) t,"
            f" LATERAL (SELECT ts_headline('{TS_CONFIG}', t.t, q.q, ?) AS h, t.t) h ORDER BY score, n DESC",
            [tsquery, newest, limit + 1, offset, _HL_OPEN, _HEADLINE_OPTIONS, _TAG_CHARS, _TAG_STANDINS,
             _HEADLINE_OPTIONS])
        items = []
        for item in rows:
            raw = (item.pop("raw_snippet") or "").translate(_FROM_STANDINS)
            text = plain(raw)
            # An ellipsis where the fragment cuts the text, as FTS5's snippet() writes one.
            head, tail = item.pop("head") or "", item.pop("tail") or ""
            if text and not head.startswith(text[:64]):
                text = "…" + text
            if text and not tail.endswith(text[-64:]):
                text += "…"
            item["snippet"] = highlight(mark_phrases(text, query))
            item["snippet_text"] = text
            items.append(item)
        if collapse_copies:
            self.with_copy_counts(items[:limit])
        return page_of(items, limit, offset)

    def _newest_matches(self, tsquery: str, cond: str, params: list[Any], want: int) -> list[int]:
        """Numbers of the ``want`` newest articles matching, read slice by slice from the newest
        (the same articles as one ``ORDER BY n DESC LIMIT want`` over the whole table)."""
        top = (self._row("SELECT max(n) AS n FROM articles") or {}).get("n")
        found: list[int] = []
        hi: int | None = top
        width: int | None = FIRST_SLICE
        walk: bool | None = None  # the first slice: as the planner would read it
        while hi is not None and len(found) < want:
            lo = hi - width if width is not None and hi - width > 0 else None
            # The query text is written out, not read from a CTE: the planner then sees the words.
            bound = " AND a.n > ?" if lo is not None else ""
            sql = (f"SELECT a.n FROM articles a WHERE a.tsv @@ {ts_query_sql('?')} AND a.n <= ?{bound}{cond}"
                   " ORDER BY a.n DESC LIMIT ?")
            args = [tsquery, hi, *([lo] if lo is not None else []), *params, want - len(found)]
            if walk is None:
                walk, first = self._first_slice(sql, args, want)
                if first != width:
                    width = first
                    continue
            found += [r["n"] for r in self._slice(sql, args, bitmap=not walk)]
            if lo is None:
                break
            width, walk = _next_slice(want - len(found), len(found), top - lo, width or 0)
            hi = lo
        return found

    def _first_slice(self, sql: str, params: list[Any], want: int) -> tuple[bool, int]:
        """Whether to walk the first slice (``sql``, FIRST_SLICE wide) and how wide to make it,
        from the plan the planner would use and the matches it expects in the slice. A walk is
        kept when the matches are dense enough to stop early; a walk the planner expects to read
        the whole slice (a word + filter) becomes a bitmap read sized to hold what is wanted."""
        plan = (self._row("EXPLAIN (FORMAT JSON) " + sql, params) or {}).get("QUERY PLAN")
        scan = _scan_node(plan[0]["Plan"] if plan else {})
        if scan is None:
            return False, FIRST_BITMAP_SLICE
        per_article = max(scan.get("Plan Rows", 0), 1) / FIRST_SLICE
        if per_article >= FIRST_WALK_DENSITY:
            return True, FIRST_SLICE
        return False, min(MAX_FIRST_SLICE, max(FIRST_BITMAP_SLICE, int(want * SLICE_MARGIN / per_article)))

    def _slice(self, sql: str, params: list[Any], bitmap: bool) -> list[dict[str, Any]]:
        """``sql``'s rows; with ``bitmap``, read through bitmaps only (the GIN index's matches
        combined with the slice's range and any filter's index). The planner prices testing a
        row's vector like any operator, though each test detoasts a whole article's vector: left
        alone it may walk a wide slice row by row when the words are in a few percent of it."""
        if not bitmap:
            return self._rows(sql, params)
        with self.transaction():  # the settings end with it (set_config's is_local)
            self._rows(BITMAP_ONLY)
            return self._rows(sql, params)

    @contextmanager
    def _facet_scope(self, query: str, filters: Filters | None,
                     window: int) -> Iterator[tuple[str, str, list[Any], int]]:
        where, params = article_filters(filters)
        cond = and_sql(where)
        ids = self._newest_matches(ts_query(query), cond, params, window + 1)
        yield "articles a", "a.n = ANY(?)", [ids[:window]], len(ids)


def _next_slice(need: int, found: int, read: int, width: int) -> tuple[int | None, bool]:
    """The next slice's width (None: all the older articles) and whether to walk it row by row,
    from the matches ``found`` in the ``read`` newest articles."""
    if found == 0:
        return None, False
    per_article = found / read
    expected = int(need * SLICE_MARGIN / per_article) + 1
    if need / per_article <= WALK_ROWS:  # a walk stops at the last match wanted: a wide bound costs nothing
        return max(width * SLICE_GROWTH, expected), True
    # A bitmap slice reads (and rechecks, for a phrase) every match in it: no wider than expected.
    return max(width, expected), False


def _scan_node(node: dict[str, Any]) -> dict[str, Any] | None:
    """The index scan walking ``articles`` in order in a JSON plan, if the plan walks."""
    if node.get("Node Type") in ("Index Scan", "Index Only Scan") and node.get("Relation Name") == "articles":
        return node
    for child in node.get("Plans", []):
        if (found := _scan_node(child)) is not None:
            return found
    return None
