"""Typed Parquet tables for batch output: one row per document, article, mention, date, quote, event
and failure, every fact with its document id and offsets.

The ``articles`` table also keeps the whole article record as JSON, so ``newsloom load`` rebuilds
exactly what ``ingest`` would have stored; the other tables are for analysis (DuckDB, pandas,
Spark) and join on ``document_id``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from ..model import Actor, Article, Document

_TS = pa.timestamp("us", tz="UTC")
_ACTOR = pa.struct([("id", pa.string()), ("name", pa.string()), ("type", pa.string()),
                    ("wikidata", pa.string()), ("country", pa.string())])
# What a speaker's mention ("who", "he") stands for; text is the article's text[start:end].
_REFERENT = pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())])

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("document_id", pa.string()), ("content_hash", pa.string()), ("source", pa.string()),
        ("media_type", pa.string()), ("fetched_at", _TS), ("meta", pa.string()), ("raw", pa.binary()),
        ("status", pa.string()), ("error", pa.string()), ("month", pa.string()),
    ]),
    "articles": pa.schema([
        ("document_id", pa.string()), ("title", pa.string()), ("published", _TS),
        ("published_text", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
        ("language", pa.string()), ("authors", pa.list_(pa.string())), ("text_length", pa.int32()),
        ("entities", pa.int32()), ("quotes", pa.int32()), ("events", pa.int32()),
        ("record", pa.string()), ("month", pa.string()),
    ]),
    "mentions": pa.schema([
        ("document_id", pa.string()), ("published", _TS), ("actor", _ACTOR), ("text", pa.string()), ("start", pa.int32()),
        ("end", pa.int32()), ("label", pa.string()), ("role", pa.string()), ("month", pa.string()),
    ]),
    "dates": pa.schema([
        ("document_id", pa.string()), ("published", _TS), ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("resolved", pa.string()), ("month", pa.string()),
    ]),
    "quotes": pa.schema([
        ("document_id", pa.string()), ("published", _TS), ("text", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("kind", pa.string()), ("cue", pa.string()), ("speaker_text", pa.string()), ("speaker", _ACTOR),
        ("speaker_refers_to", _REFERENT), ("speaks_for", _ACTOR), ("date", pa.string()), ("month", pa.string()),
    ]),
    "events": pa.schema([
        ("document_id", pa.string()), ("published", _TS), ("type", pa.string()), ("mode", pa.string()), ("source", _ACTOR),
        ("targets", pa.list_(_ACTOR)), ("date", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
        ("trigger", pa.string()), ("negated", pa.bool_()), ("month", pa.string()),
    ]),
    "failures": pa.schema([
        ("document_id", pa.string()), ("source", pa.string()), ("error", pa.string()), ("month", pa.string()),
    ]),
}
TABLES = tuple(SCHEMAS)
UNDATED = "undated"


def timestamp(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (UTC when no zone is given), else None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def month_of(published: str | None) -> str:
    """The partition a document falls in: its publication month (YYYY-MM), or ``undated``."""
    ts = timestamp(published)
    return ts.strftime("%Y-%m") if ts else UNDATED


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"id": actor.id, "name": actor.name, "type": actor.type, "wikidata": actor.wikidata,
            "country": actor.country}


def document_row(doc: Document, error: str | None, month: str) -> dict[str, Any]:
    return {"document_id": doc.id, "content_hash": doc.content_hash, "source": doc.source,
            "media_type": doc.media_type, "fetched_at": timestamp(doc.fetched_at),
            "meta": json.dumps(doc.meta, ensure_ascii=False, sort_keys=True, default=str), "raw": doc.raw,
            "status": "failed" if error else "done", "error": error, "month": month}


def fact_rows(article: Article, month: str) -> dict[str, list[dict[str, Any]]]:
    """Rows of every fact table for one article (mentions, dates, quotes, events)."""
    doc_id = article.document_id
    base = {"document_id": doc_id, "published": timestamp(article.published), "month": month}
    mentions = [{**base, "actor": _actor(e.actor), "text": m.text, "start": m.start, "end": m.end,
                 "label": m.label, "role": m.role}
                for e in article.entities or [] for m in e.mentions]
    dates = [{**base, "text": d.text, "start": d.start, "end": d.end, "resolved": d.resolved}
             for d in article.dates or []]
    quotes = [{**base, "text": q.text, "start": q.start, "end": q.end, "kind": q.kind, "cue": q.cue,
               "speaker_text": q.speaker.text if q.speaker else None,
               "speaker": _actor(q.speaker.actor) if q.speaker else None,
               "speaker_refers_to": q.speaker.refers_to.as_dict() if q.speaker and q.speaker.refers_to else None,
               "speaks_for": _actor(q.speaks_for),
               "date": q.date} for q in article.quotes or []]
    events = [{**base, "type": e.type, "mode": e.mode, "source": _actor(e.source),
               "targets": [_actor(t) for t in e.targets], "date": e.date, "start": e.start, "end": e.end,
               "trigger": e.trigger, "negated": e.negated} for e in article.events or []]
    return {"mentions": mentions, "dates": dates, "quotes": quotes, "events": events}


def article_row(article: Article, month: str) -> dict[str, Any]:
    return {"document_id": article.document_id, "title": article.title,
            "published": timestamp(article.published), "published_text": article.published,
            "outlet": article.outlet, "url": article.url, "language": article.language,
            "authors": list(article.authors), "text_length": len(article.text),
            "entities": len(article.entities or []), "quotes": len(article.quotes or []),
            "events": len(article.events or []),
            "record": json.dumps(article.as_dict(), ensure_ascii=False, sort_keys=True), "month": month}


def rows_for(doc: Document, article: Article | None, error: str | None) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one processed document; a failed document gives a failure row only."""
    error = error or (article.error if article is not None else "no article")
    month = month_of(article.published if article is not None and not error else doc.meta.get("published"))
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["documents"].append(document_row(doc, error, month))
    if error or article is None:
        rows["failures"].append({"document_id": doc.id, "source": doc.source, "error": error, "month": month})
        return rows
    rows["articles"].append(article_row(article, month))
    for name, items in fact_rows(article, month).items():
        rows[name].extend(items)
    return rows


def to_table(name: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=SCHEMAS[name])


__all__ = ["SCHEMAS", "TABLES", "UNDATED", "month_of", "rows_for", "timestamp", "to_table"]
