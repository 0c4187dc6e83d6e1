"""Exports: articles (with facts) or quotes as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .store.base import Store

ARTICLE_COLUMNS = ["id", "source", "title", "authors", "published", "outlet", "url", "language", "text",
                   "entities", "quotes"]
QUOTE_COLUMNS = ["id", "doc_id", "date", "kind", "cue", "text", "start", "end", "speaker_text", "speaker",
                 "speaker_id", "speaks_for", "speaks_for_id", "role", "via", "venue", "article_title",
                 "outlet"]


def _article_rows(store: Store) -> Iterator[dict[str, Any]]:
    for a in store.iter_articles():
        yield a.as_dict()


def _flat_article(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": d.get("document_id"), "source": d["source"], "title": d["title"],
        "authors": "; ".join(d["authors"]), "published": d["published"], "outlet": d["outlet"],
        "url": d.get("url"), "language": d["language"], "text": d["text"],
        "entities": json.dumps([e["actor"]["name"] for e in d.get("entities") or []], ensure_ascii=False),
        "quotes": len(d.get("quotes") or []),
    }


def _quote_rows(store: Store) -> Iterator[dict[str, Any]]:
    cursor: str | None = None
    while True:
        page = store.quotes(limit=500, cursor=cursor)
        for q in page.items:
            speaker = q["speaker"] or {}
            yield {
                "id": q["id"], "doc_id": q["doc_id"], "date": q["date"], "kind": q["kind"], "cue": q["cue"],
                "text": q["text"], "start": q["start"], "end": q["end"], "speaker_text": speaker.get("text"),
                "speaker": (speaker.get("actor") or {}).get("name"),
                "speaker_id": (speaker.get("actor") or {}).get("id"),
                "speaks_for": (q["speaks_for"] or {}).get("name"),
                "speaks_for_id": (q["speaks_for"] or {}).get("id"), "role": q["role"],
                "via": (q["via"] or {}).get("name"), "venue": q["venue"],
                "article_title": q["article"]["title"], "outlet": q["article"]["outlet"],
            }
        if not page.next:
            return
        cursor = page.next


def export(store: Store, fmt: str, table: str, out: Path | None) -> int:
    """Write the export; returns the number of rows."""
    if table == "articles":
        rows: Iterator[dict[str, Any]] = _article_rows(store)
        columns = ARTICLE_COLUMNS
        flat = _flat_article
    else:
        rows = _quote_rows(store)
        columns = QUOTE_COLUMNS
        flat = dict  # quote rows are flat already
    if fmt == "parquet":
        return _parquet((flat(r) for r in rows), columns, out)  # type: ignore[arg-type]
    fh = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    n = 0
    try:
        if fmt == "jsonl":
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
        else:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow(flat(row))
                n += 1
    finally:
        if out:
            fh.close()
    return n


def _parquet(rows: Iterator[dict[str, Any]], columns: list[str], out: Path | None, chunk: int = 2000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    assert out is not None
    schema = pa.schema([(c, pa.int64() if c in _INT_COLUMNS else pa.string()) for c in columns])
    writer = None
    n = 0
    buf: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer
        if not buf:
            return
        batch = pa.Table.from_pylist([{c: _scalar(r.get(c), c) for c in columns} for r in buf], schema=schema)
        if writer is None:
            writer = pq.ParquetWriter(str(out), schema)
        writer.write_table(batch)
        buf.clear()

    for row in rows:
        buf.append(row)
        n += 1
        if len(buf) >= chunk:
            flush()
    flush()
    if writer is None:
        pq.write_table(schema.empty_table(), str(out))
    else:
        writer.close()
    return n


_INT_COLUMNS = {"start", "end", "quotes"}


def _scalar(value: Any, column: str) -> Any:
    if value is None or column in _INT_COLUMNS:
        return value
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
