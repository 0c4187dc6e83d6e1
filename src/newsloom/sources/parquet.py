"""Parquet shards: each row is a document object (``text`` or ``html`` plus metadata columns),
handed to the same mapping as JSON input (``files.document_from_object``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class ParquetError(ValueError):
    """A file that is not readable as Parquet; the message says why."""


def iter_rows(path: Path, batch_rows: int = 512) -> Iterator[tuple[str, dict[str, Any], bytes]]:
    """``(source, object, raw JSON)`` for each row; timestamps and dates become ISO strings, as
    they would be in JSON."""
    import pyarrow.parquet as pq

    source = str(path)
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a damaged or foreign file
        raise ParquetError(f"not a readable Parquet file: {exc}") from None
    n = 0
    for batch in pf.iter_batches(batch_size=batch_rows):
        for row in batch.to_pylist():
            n += 1
            obj = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
            raw = json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")
            yield (str(obj["id"]) if obj.get("id") else f"{source}#{n}"), obj, raw


__all__ = ["ParquetError", "iter_rows"]
