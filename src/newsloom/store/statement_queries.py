"""Statements: one thing a speaker said, with every article that carries it.

The same statement relayed by several outlets (or copied by one) is stored once per article, as
each article's own quote; here quotes with the same speaker and near-identical words are grouped
into one statement with several sources. One SQL text serves SQLite and PostgreSQL (``?``
placeholders become ``%s`` when the host sets ``paramstyle = "format"``).

Each quote carries a ``group_key`` written with it (migration 0026): the key of an earlier quote of
the same speaker, a few days apart, with near-identical words, else a hash of the speaker and its
normalised words. Pages are cut over those keys in SQL, so grouping holds over the whole result,
not only over the newest quotes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from .base import Page, decode_cursor, encode_cursor
from .dialect import SQLHost
from .rows import QUOTE_KEY_FIELDS

_WINDOW_DAYS = 3  # relays of one statement appear within days of the first report
_CANDIDATES = 500  # earlier quotes of a speaker read per written quote to find its statement
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


def exact_key(speaker_id: str | None, text: str) -> str | None:
    """The group key of a quote no earlier quote relays: its speaker and its normalised words."""
    if speaker_id is None:
        return None
    return f"{speaker_id}:{hashlib.sha1(' '.join(_words(text)).encode()).hexdigest()[:20]}"  # noqa: S324 - a key


def _window(day: str | None) -> tuple[str, str] | None:
    try:
        d = date.fromisoformat((day or "")[:10])
    except ValueError:
        return None
    span = timedelta(days=_WINDOW_DAYS)
    # Dates are stored as ISO text: the upper bound takes every time of its last day.
    return (d - span).isoformat(), (d + span).isoformat() + "~"


def relay_key(c: Any, sql: Callable[[str], str], speaker_id: str | None, text: str, day: str | None,
              negated: bool) -> str | None:
    """The key of ``text``'s statement: an earlier near-identical quote's key, else its exact key.
    Run inside the write's transaction (``c`` its cursor), before the quote is inserted."""
    window = _window(day)
    if speaker_id is None or window is None:
        return exact_key(speaker_id, text)
    words = _words(text)
    found = c.execute(sql("SELECT group_key, text FROM quotes WHERE speaker_id = ? AND date >= ? AND date <= ?"
                          " AND negated = ? AND group_key IS NOT NULL ORDER BY id LIMIT ?"),
                      (speaker_id, window[0], window[1], int(negated), _CANDIDATES)).fetchall()
    hit = next((r["group_key"] for r in found if _same(words, _words(r["text"]))), None)
    return hit or exact_key(speaker_id, text)


def keyed_quotes(c: Any, sql: Callable[[str], str], rows: list[tuple]) -> list[tuple]:
    """Quote rows (``writes.INSERTS`` order) with their statement's key appended: a quote written
    earlier in the same call counts as stored, so one batch keys its quotes as saves one by one would."""
    out: list[tuple] = []
    fresh: list[tuple[Any, ...]] = []
    for q in rows:
        speaker, text, day, negated = (q[i] for i in QUOTE_KEY_FIELDS)
        words, window = _words(text), _window(day)
        key = next((k for sp, ng, d, w, k in fresh if sp == speaker and ng == negated and window
                    and window[0] <= d <= window[1] and _same(w, words)), None)
        if key is None:
            key = relay_key(c, sql, speaker, text, day, negated)
            if speaker is not None and day:
                fresh.append((speaker, negated, day, words, key))
        out.append((*q, key))
    return out


def group_statements(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of quotes (newest first) -> statements, each with its sources in the rows' order."""
    groups: list[tuple[str, tuple[str, ...], dict[str, Any]]] = []
    by_key: dict[str, dict[str, Any]] = {}
    for r in rows:
        words = _words(r["text"])
        # Stored quotes carry their statement's key (set when written); rows without one are
        # compared word by word.
        key = r.get("group_key")
        hit = by_key.get(key) if key is not None else next(
            (g for sp, w, g in groups if sp == r["speaker_id"] and _same(w, words)), None)
        source = {k: r[k] for k in ("doc_id", "text", "start", "end", "kind", "cue", "date", "outlet",
                                    "title", "url", "published")}
        if hit is None:
            hit = {"speaker": {"id": r["speaker_id"], "name": r["speaker_name"]}, "text": r["text"],
                   "kind": r["kind"], "date": r["date"], "sources": []}
            groups.append((r["speaker_id"], words, hit))
            if key is not None:
                by_key[key] = hit
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
        where = ["q.speaker_id IS NOT NULL", "q.group_key IS NOT NULL", "q.negated = 0"]
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
        body = (" FROM quotes q JOIN articles a ON a.doc_id = q.doc_id LEFT JOIN actors sp ON sp.id = q.speaker_id"
                f" WHERE {' AND '.join(where)}")
        # The page's statements first (newest first), over every matching quote; then their quotes.
        keys = self._rows("SELECT q.group_key AS k, max(coalesce(q.date, a.published)) AS newest"
                          + body + " GROUP BY q.group_key ORDER BY newest DESC, k LIMIT ? OFFSET ?",
                          [*params, limit + 1, offset])
        more = len(keys) > limit
        keys = keys[:limit]
        if not keys:
            return Page([], None)
        marks = ",".join("?" * len(keys))
        rows = self._rows('SELECT q.doc_id, q.text, q.start, q."end", q.kind, q.cue, q.group_key,'
                          " coalesce(q.date, a.published) AS date, q.speaker_id, sp.name AS speaker_name,"
                          " a.outlet, a.title, a.url, a.published" + body + f" AND q.group_key IN ({marks})"
                          " ORDER BY coalesce(q.date, a.published) DESC, q.doc_id, q.start",
                          [*params, *(k["k"] for k in keys)])
        return Page(group_statements(rows), encode_cursor(offset + limit) if more else None)
