"""Exports that join with other data: articles and every fact table (mentions, dates, quotes,
events), stories, and a GDELT GKG-style table, as JSONL, CSV or typed Parquet.

Fact tables share the batch output's typed schemas (``batch.tables``): timestamps as timestamps,
offsets as integers, actors as structs (id, Wikidata id, type, ISO3 country), and every row with
its document id, so a table joins with the others and with outside data on ids.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from .batch.tables import SCHEMAS, fact_rows, month_of, timestamp
from .model import Article
from .store.base import Store

_TS = pa.timestamp("us", tz="UTC")
_ACTOR = SCHEMAS["mentions"].field("actor").type
ARTICLE_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("source", pa.string()), ("title", pa.string()), ("published", _TS),
    ("outlet", pa.string()), ("url", pa.string()), ("language", pa.string()), ("authors", pa.list_(pa.string())),
    ("text", pa.string()), ("actors", pa.list_(_ACTOR)), ("quotes", pa.int32()), ("events", pa.int32()),
])
STORY_SCHEMA = pa.schema([
    ("story_id", pa.string()), ("title", pa.string()), ("first_seen", _TS), ("last_seen", _TS),
    ("document_id", pa.string()), ("score", pa.float64()), ("duplicate_of", pa.string()),
])
# GDELT GKG 2.1 columns; those Newsloom has no counterpart for stay empty.
GKG_COLUMNS = ["GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName", "DocumentIdentifier",
               "Counts", "V2Counts", "Themes", "V2Themes", "Locations", "V2Locations", "Persons", "V2Persons",
               "Organizations", "V2Organizations", "V2Tone", "Dates", "GCAM", "SharingImage", "RelatedImages",
               "SocialImageEmbeds", "SocialVideoEmbeds", "Quotations", "AllNames", "Amounts", "TranslationInfo",
               "Extras"]
GKG_SCHEMA = pa.schema([(c, pa.string()) for c in GKG_COLUMNS])
FACT_TABLES = ("mentions", "dates", "quotes", "events")
TABLES = ("articles", *FACT_TABLES, "stories", "gkg")


def _actor(e: Any) -> dict[str, Any]:
    a = e.actor
    return {"id": a.id, "name": a.name, "type": a.type, "wikidata": a.wikidata, "country": a.country}


def _article_row(a: Article) -> dict[str, Any]:
    return {"document_id": a.document_id, "source": a.source, "title": a.title, "published": timestamp(a.published),
            "outlet": a.outlet, "url": a.url, "language": a.language, "authors": list(a.authors), "text": a.text,
            "actors": [_actor(e) for e in a.entities or []], "quotes": len(a.quotes or []),
            "events": len(a.events or [])}


def _clean(text: str) -> str:
    """GKG fields are delimited by ``;``, ``,``, ``#`` and ``|``: keep them out of names and quotes."""
    return " ".join(text.replace(";", " ").replace("#", " ").replace("|", " ").replace(",", " ").split())


def _gkg_row(a: Article) -> dict[str, Any]:
    """One GKG 2.1-style record: persons, organisations and locations with character offsets
    (``name,offset``), quotations as ``offset|length|verb|quote``."""
    by_type: dict[str, list[str]] = {"person": [], "organization": [], "place": []}
    names: list[str] = []
    for e in a.entities or []:
        kind = "place" if e.actor.type in ("country", "place") else e.actor.type
        for m in e.mentions:
            names.append(f"{_clean(e.actor.name)},{m.start}")
            if kind in by_type:
                by_type[kind].append(f"{_clean(e.actor.name)},{m.start}")
    quotes = [f"{q.start}|{q.end - q.start}|{_clean(q.cue or '')}|{_clean(q.text)}" for q in a.quotes or []]
    ts = timestamp(a.published)
    return {"GKGRECORDID": a.document_id, "DATE": ts.strftime("%Y%m%d%H%M%S") if ts else "",
            "SourceCollectionIdentifier": "1", "SourceCommonName": a.outlet or "", "DocumentIdentifier": a.url or a.source,
            "Persons": ";".join(sorted({n.split(",")[0] for n in by_type["person"]})), "V2Persons": ";".join(by_type["person"]),
            "Organizations": ";".join(sorted({n.split(",")[0] for n in by_type["organization"]})),
            "V2Organizations": ";".join(by_type["organization"]), "V2Locations": ";".join(by_type["place"]),
            "Quotations": "#".join(quotes), "AllNames": ";".join(names),
            "Extras": f"<PAGE_TITLE>{_clean(a.title or '')}</PAGE_TITLE>"}


def _story_rows(store: Store) -> Iterator[dict[str, Any]]:
    assignments = store.story_assignments()
    copies = store.duplicate_map()
    cursor: str | None = None
    while True:
        page = store.stories(limit=500, cursor=cursor, min_articles=1)
        stories = {s["id"]: s for s in page.items}
        for doc_id, (story_id, score) in sorted(assignments.items()):
            s = stories.get(story_id)
            if s is not None:
                yield {"story_id": story_id, "title": s["title"], "first_seen": timestamp(s["first_seen"]),
                       "last_seen": timestamp(s["last_seen"]), "document_id": doc_id, "score": score,
                       "duplicate_of": copies.get(doc_id, (None, None))[0]}
        if not page.next:
            return
        cursor = page.next


def rows(store: Store, table: str) -> tuple[Iterator[dict[str, Any]], pa.Schema]:
    """The rows of one export table and their Parquet schema."""
    if table == "stories":
        return _story_rows(store), STORY_SCHEMA
    if table == "articles":
        return (_article_row(a) for a in store.iter_articles()), ARTICLE_SCHEMA
    if table == "gkg":
        return (_gkg_row(a) for a in store.iter_articles()), GKG_SCHEMA
    if table not in FACT_TABLES:
        raise ValueError(f"unknown table {table!r}; one of {', '.join(TABLES)}")
    schema = SCHEMAS[table].remove(SCHEMAS[table].get_field_index("month"))

    def facts() -> Iterator[dict[str, Any]]:
        for a in store.iter_articles():
            for row in fact_rows(a, month_of(a.published))[table]:
                row.pop("month", None)
                yield row
    return facts(), schema


def _plain(value: Any) -> Any:
    """A cell for CSV and JSON: timestamps as ISO 8601, structs and lists as JSON."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def export(store: Store, fmt: str, table: str, out: Path | None) -> int:
    """Write one table as ``jsonl``, ``csv`` (GKG: tab-separated, no header, as GDELT ships it)
    or ``parquet``; returns the number of rows."""
    items, schema = rows(store, table)
    if fmt == "jsonl" and table == "articles":
        # As JSON, an article is the whole record of the analysis schema (facts with offsets).
        items = (a.as_dict() for a in store.iter_articles())
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet needs an output file")
        return _parquet(items, schema, out)
    fh = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    n = 0
    try:
        if fmt == "jsonl":
            for row in items:
                fh.write(json.dumps(row, ensure_ascii=False, default=lambda v: _plain(v)) + "\n")
                n += 1
        else:
            gkg = table == "gkg"
            writer = csv.DictWriter(fh, fieldnames=schema.names, delimiter="\t" if gkg else ",",
                                    quoting=csv.QUOTE_NONE if gkg else csv.QUOTE_MINIMAL, escapechar="\\")
            if not gkg:
                writer.writeheader()
            for row in items:
                writer.writerow({k: _plain(row.get(k)) for k in schema.names})
                n += 1
    finally:
        if out:
            fh.close()
    return n


def _parquet(items: Iterator[dict[str, Any]], schema: pa.Schema, out: Path, chunk: int = 2000) -> int:
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        buf: list[dict[str, Any]] = []
        for row in items:
            buf.append(row)
            n += 1
            if len(buf) >= chunk:
                writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                buf.clear()
        writer.write_table(pa.Table.from_pylist(buf, schema=schema))
    return n


__all__ = ["TABLES", "export", "rows"]
