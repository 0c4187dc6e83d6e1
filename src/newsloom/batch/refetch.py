"""Retrying URLs whose fetch failed: fetch them again; a page that now arrives is stored under its
own content hash and the failed placeholder is forgotten, one that fails again keeps its new reason."""

from __future__ import annotations

from ..model import Document
from ..sources.web import WebReader
from ..store.base import Store


def is_failed_fetch(doc: Document | None) -> bool:
    return doc is not None and not doc.raw and doc.meta.get("fetch") == "failed"


def refetch(store: Store, doc_id: str, doc: Document, reader: WebReader) -> tuple[list[Document], str | None]:
    """(pages fetched now, error). The placeholder is deleted once something was fetched."""
    url = str(doc.meta.get("url") or doc.source)
    fetched: list[Document] = []
    error: str | None = None
    for item in reader.read_url(url, {k: v for k, v in doc.meta.items() if k not in ("url", "fetch")}):
        if item.doc is not None and not item.error:
            fetched.append(item.doc)
        elif item.error:
            error = item.error
    if fetched:
        store.delete_document(doc_id)
        return fetched, None
    return [], error or "fetched nothing"



__all__ = ["is_failed_fetch", "refetch"]
