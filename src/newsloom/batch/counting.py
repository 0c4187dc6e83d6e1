"""How many documents an input holds, known before reading it, so progress counts documents
(a JSON Lines file of 500 lines is 500 documents, not one path)."""

from __future__ import annotations

from pathlib import Path

# Uncompressed containers with one document a line; anything else counts as one until read.
_LINE_CONTAINERS = (".jsonl", ".ndjson")


def estimate_documents(path: Path | str) -> int:
    """The documents in ``path``: its non-empty lines for JSON Lines, else 1 (a URL, a page, a
    compressed or WARC file, whose count is only known once read: progress then grows its total)."""
    if not isinstance(path, Path) or path.suffix.lower() not in _LINE_CONTAINERS:
        return 1
    try:
        with path.open("rb") as fh:
            return max(1, sum(1 for line in fh if line.strip()))
    except OSError:
        return 1
