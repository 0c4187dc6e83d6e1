"""PostgreSQL's full-text dialect: tsvector matching, ts_rank ranking and ts_headline snippets, giving
the same results, keys and order as SQLite's FTS5 (``sqlite_queries``). Every other query is shared."""

from __future__ import annotations

import math
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
# The newest matches are looked for in slabs of article numbers (n >> SLAB_BITS: runs of 4,096
# articles by arrival), newest first: the articles' GIN index holds each article's slab as one more
# lexeme of its vector (``newsloom_slab``, migration 0028, whose shift SLAB_BITS must equal), so
# a read asks for the words AND a few slabs in one tsquery, which the index answers by skipping
# through the words' entries to those slabs: it costs what the slabs hold, not what the whole
# store holds. A search stops as soon as it has its window, so its cost follows the matches it
# needs, not the size of the store. The first read takes FIRST_SLABS slabs; after it, the matches
# seen per slab size the next read (to hold the matches still wanted, with a margin, never
# narrower than the last); none seen yet, SLAB_GROWTH times wider each time. A read of more than
# MAX_SLABS slabs reads all the older articles instead, without slab lexemes: the index reads
# each slab asked for by itself (a fraction of a millisecond each at 1 M), and a read that wide
# is asked for only when the words are rare in the store.
SLAB_BITS = 12
FIRST_SLABS = 2
MAX_SLABS = 64
SLAB_GROWTH = 4
SLICE_MARGIN = 1.2
# Planner settings for one transaction: bitmaps only (no index scan walking rows in order, which
# detoasts every article's vector it passes; no sequential scan).
BITMAP_ONLY = (f"{PLANNER_SETTING}'enable_indexscan', 'off', true) AS i,"
               " set_config('enable_seqscan', 'off', true) AS s")

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
        return f"{_indexed_tsv(alias) if table == 'articles' else alias + '.tsv'} @@ {ts_query_sql('?')}"

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
        # Ranked as they are found (each vector read once); the page's rows are read again, alone.
        ranked = sorted(self._newest(tsquery, cond, params, RANK_WINDOW, rank=True), key=lambda r: (r[1], -r[0]))
        page = ranked[offset:offset + limit + 1]
        rows = self._rows(
            "WITH q AS (SELECT " + ts_query_sql('?') + " AS q),"
            " hits AS (SELECT a.n, a.doc_id AS id, a.title, a.published, a.outlet, a.url, a.text, s.score"
            " FROM unnest(CAST(? AS bigint[]), CAST(? AS real[])) s(n, score) JOIN articles a ON a.n = s.n)"
            # When the words are too far apart for one fragment, the fragment of any of them.
            " SELECT id, title, published, outlet, url, left(text, 64) AS head, right(text, 64) AS tail,"
            " CASE WHEN strpos(h.h, ?) > 0 THEN h.h ELSE ts_headline("
            f"  '{TS_CONFIG}', h.t, replace(q.q::text, '&', '|')::tsquery, ?) END AS raw_snippet, score"
            " FROM hits, q, LATERAL (SELECT translate(text, ?, ?) AS t) t,"
            f" LATERAL (SELECT ts_headline('{TS_CONFIG}', t.t, q.q, ?) AS h, t.t) h ORDER BY score, n DESC",
            [tsquery, [n for n, _ in page], [score for _, score in page], _HL_OPEN, _HEADLINE_OPTIONS, _TAG_CHARS, _TAG_STANDINS,
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
        """Numbers of the ``want`` newest articles matching, newest first (the same articles as one
        ``ORDER BY n DESC LIMIT want`` over the whole table)."""
        return [n for n, _ in self._newest(tsquery, cond, params, want)]

    def _newest(self, tsquery: str, cond: str, params: list[Any], want: int,
                rank: bool = False) -> list[tuple[int, float | None]]:
        """``(n, score)`` of the ``want`` newest articles matching, read slab by slab from the
        newest; with ``rank``, score is minus ts_rank (lower first, as bm25 in SQLite), taken on
        the rows kept only (a slab read may find more than it keeps)."""
        head = self._row(f"SELECT max(n) AS n, {ts_query_sql('?')}::text AS q FROM articles", [tsquery]) or {}
        top, words = head.get("n"), head.get("q")
        if top is None or not words:  # no articles, or a query of stop words only (matches none)
            return []
        found: list[tuple[int, float | None]] = []
        hi, width = top >> SLAB_BITS, FIRST_SLABS
        # One tsquery per slab, the words AND the slab's lexeme: the index reads each by itself,
        # skipping through the words' entries to the slab's (one tsquery with all the slabs ORed
        # would walk every entry of a word rarer than them all). The vector is written as the index
        # writes it, so the planner matches it to the index.
        match = f"SELECT a.n{', a.tsv' if rank else ''} FROM articles a WHERE {_indexed_tsv('a')} @@"
        slab_sql = _ranked(f"{match} ANY(CAST(? AS tsquery[])){cond} ORDER BY a.n DESC LIMIT ?", rank)
        # n + 0: the bound filters rows, it is no reason to read the primary key for nearly all of them.
        rest_sql = _ranked(f"{match} CAST(? AS tsquery) AND a.n + 0 < ?{cond} ORDER BY a.n DESC LIMIT ?", rank)
        first = [words] if rank else []
        while hi >= 0 and len(found) < want:
            lo = max(hi - width + 1, 0)
            if width > MAX_SLABS:
                found += [(r["n"], r.get("score")) for r in self._slice(
                    rest_sql, [*first, words, (hi + 1) << SLAB_BITS, *params, want - len(found)])]
                break
            slabs = [f"({words}) & '~s{slab}'" for slab in range(hi, lo - 1, -1)]
            found += [(r["n"], r.get("score")) for r in self._slice(
                slab_sql, [*first, slabs, *params, want - len(found)])]
            width = _next_width(want - len(found), len(found), (top >> SLAB_BITS) - lo + 1, width)
            hi = lo - 1
        return found

    def _slice(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        """``sql``'s rows, read through bitmaps only (the GIN index's matches in the slabs asked
        for, combined with any filter's index). The planner prices testing a row's vector like any
        operator, though each test detoasts a whole article's vector: left alone it may walk the
        newest articles row by row when the words are in a few percent of them."""
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


def _ranked(sql: str, rank: bool) -> str:
    """``sql`` (numbers and vectors of the rows kept, newest first), with ``rank``: numbers and
    scores, the tsquery to rank by as a first parameter. The sort below the limit carries each
    vector's TOAST pointer, so only the rows kept are read out and ranked."""
    if not rank:
        return sql
    return (f"SELECT s.n, -ts_rank('{_RANK_WEIGHTS}'::real[], s.tsv, CAST(? AS tsquery), 1) AS score"
            f" FROM ({sql}) s ORDER BY s.n DESC")


def _indexed_tsv(alias: str) -> str:
    """An article's vector with its slab lexeme, as migration 0028 indexes it: the same matches as
    the vector alone for any query a user can write (none can spell '~')."""
    return f"({alias}.tsv || newsloom_slab({alias}.n, {SLAB_BITS}))"


def _next_width(need: int, found: int, read: int, width: int) -> int:
    """How many slabs the next read takes, from the matches ``found`` in the ``read`` newest slabs:
    enough to hold the ``need`` still wanted, with a margin, and never fewer than the last read
    (a read's cost is its slabs' entries and rechecks, so none is made wider than expected)."""
    if found == 0:
        return width * SLAB_GROWTH
    return max(width, math.ceil(need * SLICE_MARGIN * read / found))
