"""One input's surprise stays that input's failure: reading and storing are guarded per item."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import Article, Document
from ..sources.files import SourceItem
from ..store.base import Store

log = logging.getLogger(__name__)
# Errors one document's content can cause in the store (bad text for the driver, values out of
# range); anything else (a locked or broken database) is the run's problem and propagates.
_DOCUMENT_ERRORS = (UnicodeError, ValueError, OverflowError, TypeError)


def guarded_save(store: Store, doc: Document, article: Article | None, error: str | None = None) -> bool:
    """``store.save``; a document the store cannot take is saved again as failed, with the reason."""
    try:
        return store.save(doc, article, error) if error else store.save(doc, article)
    except _DOCUMENT_ERRORS as exc:
        log.debug("cannot store %s", doc.source, exc_info=True)
        reason = f"cannot store: {type(exc).__name__}: {exc}"[:500]
        if article is not None:
            article.error = reason
        # The raw input and metadata are what the store could not take: keep only what it can.
        safe = Document(raw=doc.raw, source=doc.source.encode("utf-8", "replace").decode(),
                        media_type=doc.media_type, content_hash=doc.content_hash, fetched_at=doc.fetched_at,
                        meta={k: v for k, v in doc.meta.items() if k.startswith("_")})
        return store.save(safe, None, reason)


def read_guarded(reader: Any, path: Path | str, add: Callable[[SourceItem], None],
                 errors: list[tuple[str, str]]) -> None:
    """Every item of one input to ``add``; a reader that breaks ends this input, not the run."""
    try:
        for item in reader.read(path):
            add(item)
    except _DOCUMENT_ERRORS + (OSError, LookupError, RuntimeError) as exc:
        log.debug("reading %s failed", path, exc_info=True)
        errors.append((str(path), f"cannot read: {type(exc).__name__}: {exc}"[:500]))
