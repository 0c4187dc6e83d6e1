"""Batch enrichment to Parquet: plan shards, run extraction and understanding on an engine, write
typed tables partitioned by publication month, and record finished shards in a manifest.

Two engines run the same stage code: ``local`` (a process pool on this machine) and ``ray`` (Ray
Data, on this machine or a cluster). A shard's tables are written to a temporary folder and moved
into place before the manifest names the shard, so a crash never leaves a shard half-recorded and a
re-run skips only what is complete.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Article, Document
from ..pipeline import Pipeline
from ..settings import Settings
from ..sources.files import SourceItem
from .shards import Shard, read_shard
from .tables import TABLES, UNDATED, rows_for, to_table

Progress = Callable[[str, int], None]
Result = tuple[Document | None, Article | None, str | None, str]  # doc, article, error, source
MANIFEST = "manifest.json"


class Enricher:
    """Extraction and the configured stages, loaded once per worker (spaCy, the actor KB).

    No outlet memory is passed: a document's output must not depend on which worker saw which
    documents before it, so both engines give the same rows.
    """

    def __init__(self, settings_data: dict[str, Any], stages: list[str] | None = None) -> None:
        self.pipeline = Pipeline(Settings(settings_data), stages)

    def __call__(self, docs: list[Document]) -> list[Result]:
        articles = self.pipeline.process(docs)
        return [(d, a, a.error, d.source) for d, a in zip(docs, articles, strict=True)]


def one_thread() -> None:
    """One thread for the numeric libraries in a worker process. A worker is one of several
    sharing the machine's cores: OpenBLAS and OpenMP would otherwise start a thread per core in
    every worker, which spin while waiting and take CPU the other workers need."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def item_result(item: SourceItem) -> Result | None:
    """A read item that needs no processing (an input error), else None."""
    if item.doc is None or item.error:
        return (item.doc, None, item.error or "unreadable", item.source)
    return None


@dataclass(slots=True)
class Chunk:
    """What a worker hands back for a batch of documents: every table's rows as Arrow tables (built
    in the worker, so the process writing the output only concatenates and writes), and counts."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    documents: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)


def chunk_of(results: list[Result]) -> Chunk:
    """The tables and counts for processed documents (and input errors, which have no document)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    chunk = Chunk(documents=len(results))
    for doc, article, error, source in results:
        if error or article is None or article.error:
            chunk.failed += 1
            chunk.errors.append((source, error or (article.error if article else None) or "no article"))
        if doc is None:
            rows["failures"].append({"document_id": None, "source": source, "error": error, "month": UNDATED})
            continue
        for name, items in rows_for(doc, article, error).items():
            rows[name].extend(items)
    chunk.tables = {name: to_table(name, items) for name, items in rows.items() if items}
    return chunk


@dataclass(slots=True)
class BatchReport:
    shards: int = 0
    skipped: int = 0
    documents: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


class Output:
    """The output folder: tables partitioned by month, and the manifest of finished shards."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        path = root / MANIFEST
        self.manifest: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.exists() else {"shards": {}}

    def done(self, shard: Shard) -> bool:
        return shard.key in self.manifest["shards"]

    def writer(self, shard: Shard, part_rows: int = 2000) -> ShardWriter:
        return ShardWriter(self, shard, part_rows)

    def record(self, shard: Shard, documents: int, failed: int) -> None:
        self.manifest["shards"][shard.key] = {"paths": list(shard.paths), "documents": documents, "failed": failed}
        tmp = self.root / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(self.manifest, indent=1, sort_keys=True), "utf-8")
        os.replace(tmp, self.root / MANIFEST)


class ShardWriter:
    """Rows of one shard, written in parts to a temporary folder (memory stays bounded however
    large the shard), moved into place on ``commit`` and only then named in the manifest."""

    def __init__(self, out: Output, shard: Shard, part_rows: int) -> None:
        self.out, self.shard, self.part_rows = out, shard, part_rows
        self.tmp = out.root / f".tmp-{shard.key}"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tables: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
        self.parts = self.documents = self.failed = self.pending = 0
        self.errors: list[tuple[str, str]] = []

    def add(self, results: list[Result]) -> None:
        self.add_chunk(chunk_of(results))

    def add_chunk(self, chunk: Chunk) -> None:
        self.documents += chunk.documents
        self.failed += chunk.failed
        self.errors.extend(chunk.errors)
        for name, table in chunk.tables.items():
            self.tables[name].append(table)
        self.pending += chunk.documents
        if self.pending >= self.part_rows:
            self._flush()

    def _flush(self) -> None:
        for name, parts in self.tables.items():
            if parts:
                pq.write_to_dataset(pa.concat_tables(parts), self.tmp / name, partition_cols=["month"],
                                    basename_template=f"part-{self.shard.key}-{self.parts}-{{i}}.parquet")
        self.tables = {name: [] for name in TABLES}
        self.parts += 1
        self.pending = 0

    def commit(self) -> None:
        self._flush()
        for file in sorted(self.tmp.rglob("*.parquet")):
            final = self.out.root / file.relative_to(self.tmp)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(file, final)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.out.record(self.shard, self.documents, self.failed)


# -- the local engine ------------------------------------------------------------------------------
_WORKER: Enricher | None = None


def _init_worker(settings_data: dict[str, Any], stages: list[str] | None) -> None:
    global _WORKER
    one_thread()
    _WORKER = Enricher(settings_data, stages)


def _run_chunk(docs: list[Document]) -> Chunk:
    assert _WORKER is not None, "worker not initialised"
    return chunk_of(_WORKER(docs))


def _chunks(items: Iterator[SourceItem], size: int, writer: ShardWriter) -> Iterator[list[Document]]:
    docs: list[Document] = []
    for item in items:
        ready = item_result(item)
        if ready is not None:
            writer.add([ready])
            continue
        assert item.doc is not None
        docs.append(item.doc)
        if len(docs) >= size:
            yield docs
            docs = []
    if docs:
        yield docs


def _bounded_map(pool: ProcessPoolExecutor, chunks: Iterator[list[Document]], window: int) -> Iterator[Chunk]:
    """``pool.map`` in input order, with at most ``window`` chunks in flight (``Executor.map``
    would read a whole shard, which may be a million-line JSONL, before the first result)."""
    pending: deque[Future[Chunk]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(_run_chunk, chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def run_local(shards: list[Shard], out: Output, settings: Settings, *, workers: int, batch_size: int,
              stages: list[str] | None, report: BatchReport, progress: Progress | None) -> None:
    max_bytes = int(settings.ingest["max_bytes"])
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(settings.data, stages)) as pool:
        for shard in shards:
            writer = out.writer(shard)
            chunks = _chunks(read_shard(shard, max_bytes), batch_size, writer)
            for chunk in _bounded_map(pool, chunks, 2 * workers):
                writer.add_chunk(chunk)
                if progress:
                    progress("advance", chunk.documents)
            finish(writer, report)


def finish(writer: ShardWriter, report: BatchReport) -> None:
    writer.commit()
    report.shards += 1
    report.documents += writer.documents
    report.failed += writer.failed
    report.errors.extend(writer.errors)


__all__ = ["BatchReport", "Chunk", "Enricher", "chunk_of", "Output", "ShardWriter", "finish", "item_result", "one_thread",
           "run_local"]
