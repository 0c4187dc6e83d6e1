"""In-process runner: read inputs, process them in bounded batches, store each in its own transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..extract.boilerplate import OutletMemory
from ..model import Article, Document
from ..pipeline import Pipeline, pipeline_for
from ..settings import Settings
from ..sources.files import SourceItem, expand_paths, read_json_bytes, read_path
from ..sources.given import Given, given_document
from ..sources.web import WebReader
from ..store.base import Store
from .counting import estimate_documents
from .guard import guarded_save, read_guarded
from .refetch import is_failed_fetch, refetch

Progress = Callable[[str, int], None]  # (event, amount): "total", "advance"
log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    present: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    unknown_fields: dict[str, int] = field(default_factory=dict)  # document-object field -> documents

    @property
    def warnings(self) -> list[str]:
        """Said once per run, not once per document."""
        if not self.unknown_fields:
            return []
        names = ", ".join(f"{k} ({n})" for k, n in sorted(self.unknown_fields.items()))
        return [f"unknown document fields kept in each document's meta: {names}"]

    @property
    def ok(self) -> bool:
        return not self.errors


class _Batcher:
    """Collects new documents and flushes them through the pipeline into the store."""

    def __init__(self, store: Store, pipeline: Pipeline, report: IngestReport, size: int) -> None:
        self.store, self.pipeline, self.report, self.size = store, pipeline, report, size
        self.docs: list[Document] = []
        self.pending: set[str] = set()
        # The runner owns what extraction learns about outlets: loaded from the store, saved back.
        self.memory = OutletMemory.from_json(store.outlet_profiles())

    def add(self, item: SourceItem) -> None:
        for name in item.unknown:
            self.report.unknown_fields[name] = self.report.unknown_fields.get(name, 0) + 1
        doc = item.doc
        if doc is None:
            self.report.errors.append((item.source, item.error or "unreadable"))
            return
        if doc.content_hash in self.pending or self.store.has_document(doc.content_hash):
            self.report.present += 1
            return
        if item.error:
            guarded_save(self.store, doc, None, item.error)
            self._failed(doc.source, item.error)
            return
        self.docs.append(doc)
        self.pending.add(doc.content_hash)
        if len(self.docs) >= self.size:
            self.flush()

    def _failed(self, source: str, reason: str) -> None:
        self.report.failed += 1
        self.report.errors.append((source, reason))

    def flush(self) -> None:
        if not self.docs:
            return
        articles = self.pipeline.process(self.docs, self.memory)
        for doc, article in zip(self.docs, articles, strict=True):
            if guarded_save(self.store, doc, article):
                if article.error:
                    self._failed(doc.source, article.error)
                else:
                    self.report.added += 1
            else:
                self.report.present += 1
        for outlet in self.memory.outlets():
            self.store.save_outlet_profile(outlet, self.memory.to_json(outlet))
        self.docs, self.pending = [], set()


def ingest(paths: Iterable[str], store: Store, settings: Settings | None = None, *,
           pipeline: Pipeline | None = None, progress: Progress | None = None) -> IngestReport:
    """Ingest files, folders, globs and URLs. Documents already stored are skipped (content hash)."""
    settings = settings or Settings.load()
    pipeline = pipeline or Pipeline(settings)
    report = IngestReport()
    files, missing = expand_paths(list(paths))
    for item in missing:
        report.errors.append((item.source, item.error or "not found"))
    batcher = _Batcher(store, pipeline, report, settings.ingest.batch_size)
    reader = WebReader(settings, known=store.has_source)
    counter = _DocumentProgress(progress, files)
    for path in files:
        log.info("reading %s", path)
        read_guarded(reader, path, counter.wrap(batcher.add), report.errors)
        counter.path_done()
    batcher.flush()
    return report


class _DocumentProgress:
    """Progress in documents: the total is estimated from the inputs first (lines of a JSON Lines
    file) and corrected as each input turns out to hold more or fewer."""

    def __init__(self, progress: Progress | None, files: list[Path | str]) -> None:
        self.progress = progress
        self.expected = [estimate_documents(f) for f in files] if progress else []
        self.total = sum(self.expected)
        self.seen = 0  # documents of the current input
        if progress:
            progress("total", self.total)

    def wrap(self, add: Callable[[SourceItem], None]) -> Callable[[SourceItem], None]:
        def counted(item: SourceItem) -> None:
            add(item)
            self.seen += 1
            if self.progress:
                if self.seen > self.expected[0]:
                    self.total += 1
                    self.progress("total", self.total)
                self.progress("advance", 1)
        return counted

    def path_done(self) -> None:
        if self.progress and self.expected:
            expected = self.expected.pop(0)
            if self.seen < expected:  # fewer than estimated (an unreadable input): the total shrinks
                self.total -= expected - self.seen
                self.progress("total", self.total)
        self.seen = 0


def add(store: Store, data: Given, *, media_type: str | None = None, settings: Settings | None = None,
        **meta: Any) -> str:
    """Process one input and store it: a path, a Document, or text/HTML given directly
    (``meta``: url, title, published, outlet, authors, language; given metadata wins).

    Returns the document id (also when it was already stored); raises IngestError when the
    input could not be read. A document that fails processing is stored as failed.
    """
    doc = given_document(data, media_type=media_type, meta=meta)
    report = ingest_documents([doc], store, settings)
    if report.errors and not store.has_document(doc.content_hash):
        raise IngestError(doc.source, report.errors[0][1])
    return doc.id


def ingest_documents(docs: Iterable[Document], store: Store, settings: Settings | None = None, *,
                     pipeline: Pipeline | None = None) -> IngestReport:
    """Ingest Documents made elsewhere (the API, feeds, tests)."""
    return ingest_items((SourceItem(doc.source, doc) for doc in docs), store, settings, pipeline=pipeline)


def ingest_items(items: Iterable[SourceItem], store: Store, settings: Settings | None = None, *,
                 pipeline: Pipeline | None = None) -> IngestReport:
    """Ingest what a reader gave (documents, and failed items stored with their reason)."""
    settings = settings or Settings.load()
    report = IngestReport()
    batcher = _Batcher(store, pipeline or pipeline_for(settings), report, settings.ingest.batch_size)
    for item in items:
        batcher.add(item)
    batcher.flush()
    return report


def _reload(store: Store, doc_id: str, max_bytes: int) -> tuple[Document | None, str | None]:
    """The stored raw input; a document too large to keep is read again from its path."""
    doc = store.raw(doc_id)
    if doc is None:
        return None, "no such document"
    if doc.media_type == "application/json" and doc.raw:
        # A document object that failed before: parse it again (it may have been fixed by now).
        items = list(read_json_bytes(doc.source, doc.raw))
        if len(items) == 1 and items[0].doc is not None and not items[0].error:
            return items[0].doc, None
        return doc, items[0].error if len(items) == 1 else "JSON no longer holds one document"
    if doc.meta.get("truncated"):
        return doc, "truncated input: only part of the document arrived"
    if doc.raw or not doc.meta.get("_size"):
        return doc, None
    path = Path(doc.source)
    if not path.is_file():
        return doc, "raw input was not kept and the source file is gone"
    items = list(read_path(path, max_bytes))
    if len(items) != 1 or items[0].doc is None:
        return doc, "source file no longer holds one document"
    if items[0].error:
        return doc, items[0].error
    return items[0].doc, None


def reprocess(store: Store, ids: list[str], settings: Settings | None = None, *,
              pipeline: Pipeline | None = None, progress: Progress | None = None) -> IngestReport:
    """Run stored documents through the current pipeline again, replacing their facts."""
    settings = settings or Settings.load()
    pipeline = pipeline or Pipeline(settings)
    memory = OutletMemory.from_json(store.outlet_profiles())
    report = IngestReport()
    size = settings.ingest.batch_size
    max_bytes = settings.ingest.max_bytes
    reader = WebReader(settings)
    if progress:
        progress("total", len(ids))
    for i in range(0, len(ids), size):
        chunk = ids[i : i + size]
        docs: list[tuple[str, Document]] = []
        for doc_id in chunk:
            doc, error = _reload(store, doc_id, max_bytes)
            if is_failed_fetch(doc):
                # A URL that could not be fetched: fetch it again, stored anew if it arrives.
                fetched, error = refetch(store, doc_id, doc, reader)  # type: ignore[arg-type]
                if not error:
                    extra = ingest_documents(fetched, store, settings, pipeline=pipeline)
                    report.added += extra.added
                    report.failed += extra.failed
                    report.errors.extend(extra.errors)
                    continue
            if error or doc is None:
                store.update(doc_id, None, error or "no such document")
                report.failed += 1
                report.errors.append((doc.source if doc else doc_id, error or "no such document"))
            else:
                docs.append((doc_id, doc))
        articles: list[Article] = pipeline.process([d for _, d in docs], memory) if docs else []
        for (doc_id, doc), article in zip(docs, articles, strict=True):
            store.update(doc_id, article)
            if article.error:
                report.failed += 1
                report.errors.append((doc.source, article.error))
            else:
                report.added += 1
        if progress:
            progress("advance", len(chunk))
    return report
