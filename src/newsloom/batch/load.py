"""Load a batch output folder (Parquet tables) into a store, idempotently by content hash.

Each document is stored exactly as ``ingest`` would have stored it: the raw input, and the
article record with every fact, or the failure with its reason (so ``newsloom retry`` works on it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.dataset as pads

from ..model import Article, Document
from ..store.base import Store

Progress = Callable[[str, int], None]


@dataclass(slots=True)
class LoadReport:
    added: int = 0
    present: int = 0
    failed: int = 0


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


def _documents(root: Path, batch_rows: int = 256) -> Iterator[dict[str, object]]:
    ds = _dataset(root, "documents")
    if ds is None:
        return
    columns = ["document_id", "content_hash", "source", "media_type", "fetched_at", "meta", "raw", "status", "error"]
    for batch in ds.to_batches(columns=columns, batch_size=batch_rows):
        yield from batch.to_pylist()


def load(root: Path, store: Store, progress: Progress | None = None) -> LoadReport:
    """Store every document of a batch output folder; documents already stored are skipped."""
    if not (root / "manifest.json").is_file():
        raise FileNotFoundError(f"{root}: not a batch output folder (no manifest.json)")
    records = _records(root)
    report = LoadReport()
    for row in _documents(root):
        fetched = row["fetched_at"]
        doc = Document(raw=row["raw"] or b"", source=str(row["source"]), media_type=str(row["media_type"]),
                       content_hash=str(row["content_hash"]),
                       fetched_at=fetched.isoformat() if fetched is not None else "",
                       meta=json.loads(str(row["meta"] or "{}")))
        if store.has_document(doc.content_hash):
            report.present += 1
        elif row["status"] == "failed":
            store.save(doc, None, str(row["error"]))
            report.failed += 1
        else:
            article = Article.from_dict(json.loads(records[str(row["document_id"])]))
            if store.save(doc, article):
                report.added += 1
            else:
                report.present += 1
        if progress:
            progress("advance", 1)
    return report


__all__ = ["LoadReport", "load"]
