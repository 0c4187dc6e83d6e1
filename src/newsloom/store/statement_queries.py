"""Statements: one thing a speaker said, with every article that carries it.

The same statement relayed by several outlets (or copied by one) is stored once per article, as
each article's own quote; here quotes with the same speaker and near-identical words are grouped
into one statement with several sources. One SQL text serves SQLite and PostgreSQL (``?``
placeholders become ``%s`` when the host sets ``paramstyle = "format"``); grouping is in Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from .base import Page, decode_cursor, encode_cursor
from .dialect import SQLHost

_SCAN_LIMIT = 5000  # quotes read per request: statements are grouped over the newest ones
_SAME = 0.8  # word-set overlap (Jaccard) above which two quotes of one speaker are one statement
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return tuple(_WORD.findall(text))


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Near-identical: one text inside the other (a relay that cut a sentence), or most words shared."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and " ".join(short) in " ".join(long_):
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) >= _SAME


def group_statements(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of quotes (newest first) -> statements, each with its sources in the rows' order."""
    groups: list[tuple[str, tuple[str, ...], dict[str, Any]]] = []
    for r in rows:
        words = _words(r["text"])
        hit = next((g for sp, w, g in groups if sp == r["speaker_id"] and _same(w, words)), None)
        source = {k: r[k] for k in ("doc_id", "text", "start", "end", "kind", "cue", "date", "outlet",
                                    "title", "url", "published")}
        if hit is None:
            hit = {"speaker": {"id": r["speaker_id"], "name": r["speaker_name"]}, "text": r["text"],
                   "kind": r["kind"], "date": r["date"], "sources": []}
            groups.append((r["speaker_id"], words, hit))
        hit["sources"].append(source)
        if len(r["text"]) > len(hit["text"]):
            hit["text"] = r["text"]  # the fullest wording stands for the statement
        if r["date"] and (hit["date"] is None or r["date"] < hit["date"]):
            hit["date"] = r["date"]  # first said
    out = [g for _, _, g in groups]
    for g in out:
        g["outlets"] = sorted({s["outlet"] for s in g["sources"] if s["outlet"]})
        g["count"] = len(g["sources"])
    return out


def collapse_relays(items: list[dict[str, Any]], speaker: Callable[[dict[str, Any]], str | None],
                    source: Callable[[dict[str, Any]], dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes in list order -> one entry per statement: the first quote of each speaker's
    near-identical words stands for the rest, which become its ``sources`` (with ``count``).
    Quotes without a known speaker stay as they are."""
    out: list[dict[str, Any]] = []
    seen: list[tuple[str, tuple[str, ...], dict[str, Any]]] = []
    for it in items:
        who, words = speaker(it), _words(it["text"])
        hit = next((g for sp, w, g in seen if who is not None and sp == who and _same(w, words)), None)
        if hit is None:
            it = {**it, "sources": [source(it)], "count": 1}
            out.append(it)
            if who is not None:
                seen.append((who, words, it))
            continue
        hit["sources"].append(source(it))
        hit["count"] += 1
    return out


class StatementQueryMixin(SQLHost):
    """Reading statements; the host provides the connection (``SQLHost``)."""

    def statements(self, speaker: str | None = None, story: str | None = None, since: str | None = None,
                   until: str | None = None, limit: int = 50, cursor: str | None = None) -> Page:
        """Statements newest first, each with the articles carrying it; denials are left out,
        since a denial is not what its speaker said (``quotes.negated``)."""
        offset = decode_cursor(cursor)
        where = ["q.speaker_id IS NOT NULL", "q.negated = 0"]
        params: list[Any] = []
        if speaker:
            where.append("(q.speaker_id = ? OR lower(sp.name) = lower(?))")
            params += [speaker, speaker]
        if story:
            where.append("q.doc_id IN (SELECT sd.doc_id FROM story_documents sd WHERE sd.story_id = ?)")
            params.append(story)
        if since:
            where.append("coalesce(q.date, a.published) >= ?")
            params.append(since)
        if until:
            where.append(f"substr(coalesce(q.date, a.published), 1, {len(until)}) <= ?")
            params.append(until)
        sql = ('SELECT q.doc_id, q.text, q.start, q."end", q.kind, q.cue, coalesce(q.date, a.published) AS date,'
               " q.speaker_id, sp.name AS speaker_name, a.outlet, a.title, a.url, a.published"
               " FROM quotes q JOIN articles a ON a.doc_id = q.doc_id LEFT JOIN actors sp ON sp.id = q.speaker_id"
               f" WHERE {' AND '.join(where)}"  # noqa: S608 - fixed clauses, values are parameters
               " ORDER BY coalesce(q.date, a.published) DESC, q.doc_id, q.start LIMIT ?")
        params.append(_SCAN_LIMIT)
        rows = self._rows(sql, params)
        groups = group_statements(rows)
        page = groups[offset:offset + limit]
        return Page(page, encode_cursor(offset + limit) if offset + limit < len(groups) else None)
