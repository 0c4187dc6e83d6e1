"""Input shards for batch runs: the unit of work a re-run can skip.

A container file (JSONL, JSON list, WARC, feed, Parquet) is one shard; single-document files
(HTML, text) are grouped in sorted order, ``group`` to a shard. A shard's key hashes the paths,
sizes and modification times of its files, so an edited file makes a new shard.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..sources.files import SourceItem, expand_paths, media_type_of, read_path

CONTAINERS = ("application/json", "application/jsonl", "application/warc", "application/xml",
              "application/parquet")


@dataclass(frozen=True, slots=True)
class Shard:
    key: str
    paths: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "paths": list(self.paths)}


def _key(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        st = p.stat()
        h.update(f"{p.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:20]


def _is_container(path: Path) -> bool:
    return media_type_of(path) in CONTAINERS


def plan_shards(inputs: list[str], group: int = 200) -> tuple[list[Shard], list[SourceItem]]:
    """Shards for the inputs (files, folders, globs; Parquet shards included) and the inputs that
    name nothing. URLs are not batch input: fetch them with ``ingest`` or ``watch``."""
    files: list[Path] = []
    missing: list[SourceItem] = []
    for raw in inputs:
        found, gone = expand_paths([raw])
        missing.extend(gone)
        for f in found:
            if isinstance(f, Path):
                files.append(f)
            else:
                missing.append(SourceItem(f, error="URLs are not batch input (use ingest or watch)"))
    files = sorted(set(files), key=str)
    shards = [Shard(_key([f]), (str(f),)) for f in files if _is_container(f)]
    singles = [f for f in files if not _is_container(f)]
    for i in range(0, len(singles), group):
        chunk = singles[i : i + group]
        shards.append(Shard(_key(chunk), tuple(map(str, chunk))))
    return shards, missing


def read_shard(shard: Shard, max_bytes: int) -> Iterator[SourceItem]:
    """Every document in a shard, through the same readers as ``ingest``. Links inside local
    feeds and sitemaps are not fetched in batch runs (they are reported as not fetched)."""
    for name in shard.paths:
        yield from read_path(Path(name), max_bytes)


__all__ = ["Shard", "plan_shards", "read_shard"]
