"""Load a batch output folder (Parquet tables) into a store, idempotently by content hash.

Each document is stored exactly as ``ingest`` would have stored it: the raw input, and the
article record with every fact, or the failure with its reason (so ``newsloom retry`` works on it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow.dataset as pads

from ..model import Article, Document
from ..settings import Settings
from ..store.base import Store
from ..store.bulk_queries import Item

Progress = Callable[[str, int], None]


@dataclass(slots=True)
class LoadReport:
    added: int = 0
    present: int = 0
    failed: int = 0
    analyzed: bool = False


def _dataset(root: Path, table: str) -> pads.Dataset | None:
    folder = root / table
    if not folder.is_dir():
        return None
    return pads.dataset(folder, format="parquet", partitioning="hive")


def _records(root: Path) -> dict[str, str]:
    """document id -> article record (JSON) for every article in the output."""
    ds = _dataset(root, "articles")
    if ds is None:
        return {}
    table = ds.to_table(columns=["document_id", "record"])
    return dict(zip(table.column("document_id").to_pylist(), table.column("record").to_pylist(), strict=True))


def _documents(root: Path, batch_rows: int) -> Iterator[list[dict[str, object]]]:
    ds = _dataset(root, "documents")
    if ds is None:
        return
    columns = ["document_id", "content_hash", "source", "media_type", "fetched_at", "meta", "raw", "status", "error"]
    for batch in ds.to_batches(columns=columns, batch_size=batch_rows):
        if batch.num_rows:
            yield batch.to_pylist()


def _item(row: dict[str, object], records: dict[str, str]) -> Item:
    fetched = row["fetched_at"]
    doc = Document(raw=row["raw"] or b"", source=str(row["source"]), media_type=str(row["media_type"]),
                   content_hash=str(row["content_hash"]),
                   fetched_at=fetched.isoformat() if isinstance(fetched, datetime) else "",
                   meta=json.loads(str(row["meta"] or "{}")))
    if row["status"] == "failed":
        return doc, None, str(row["error"])
    return doc, Article.from_dict(json.loads(records[str(row["document_id"])])), None


def load(root: Path, store: Store, settings: Settings | None = None, progress: Progress | None = None) -> LoadReport:
    """Store every document of a batch output folder, ``batch.load_rows`` to a transaction (COPY on
    PostgreSQL); documents already stored are skipped (content hash). When at least
    ``batch.analyze_after`` documents were added, the planner's statistics are refreshed (ANALYZE)."""
    if not (root / "manifest.json").is_file():
        raise FileNotFoundError(f"{root}: not a batch output folder (no manifest.json)")
    settings = settings or Settings.load()
    analyze_after = int(settings.get("batch.analyze_after"))
    records = _records(root)
    report = LoadReport()
    for rows in _documents(root, int(settings.get("batch.load_rows"))):
        items = [_item(row, records) for row in rows]
        # Documents already stored are not rebuilt (their hash says so before any work).
        fresh = [item for item in items if not store.has_document(item[0].content_hash)]
        report.present += len(items) - len(fresh)
        for (_, _, error), new in zip(fresh, store.save_many(fresh), strict=True):
            if not new:
                report.present += 1
            elif error:
                report.failed += 1
            else:
                report.added += 1
        if progress:
            progress("advance", len(items))
    if report.added + report.failed >= analyze_after:
        store.optimize()
        report.analyzed = True
    return report


__all__ = ["LoadReport", "load"]
