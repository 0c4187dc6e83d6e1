"""Parquet shards -> Documents: each row is a document object (``text`` or ``html`` plus metadata
columns), read through the same mapping as JSON input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .files import SourceItem, document_from_object


def read_parquet(path: Path, batch_rows: int = 512) -> Iterator[SourceItem]:
    import pyarrow.parquet as pq

    source = str(path)
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a damaged or foreign file
        yield SourceItem(source, error=f"not a readable Parquet file: {exc}")
        return
    n = 0
    for batch in pf.iter_batches(batch_size=batch_rows):
        for row in batch.to_pylist():
            n += 1
            # Timestamps and dates become ISO strings, as they would be in JSON.
            obj = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
            raw = json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")
            item_source = str(obj["id"]) if obj.get("id") else f"{source}#{n}"
            yield document_from_object(obj, item_source, raw, container=source)


__all__ = ["read_parquet"]
