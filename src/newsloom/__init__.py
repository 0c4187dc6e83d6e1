"""Newsloom: raw news in, a verifiable record of who said what, when, about whom out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .extract import extract
from .model import Actor, Article, DateMention, Document, Entity, Event, Mention, Paragraph, Quote, Span, Speaker, Story
from .settings import Settings
from .store import Store, open_store

__version__ = "0.1.0"

__all__ = [
    "open", "extract", "analyze", "add", "Settings", "Store",
    "Actor", "Article", "DateMention", "Document", "Entity", "Event", "Mention", "Paragraph", "Quote",
    "Span", "Speaker", "Story", "__version__",
]


def open(db: str | Path | None = None, *, settings: Settings | None = None) -> Store:  # noqa: A001 - entry point
    """Open (creating if needed) a Newsloom database: a SQLite path or a ``postgresql://`` URL;
    without one, the database the settings name (``store.db``, ``$NEWSLOOM_DB``)."""
    return open_store(db or (settings or Settings.load()).store.db)


def analyze(data: bytes | str, *, url: str | None = None, media_type: str | None = None,
            published: str | None = None, settings: Settings | None = None) -> Article:
    """Extract the article from HTML or text and run every enrichment stage over it.

    The result depends only on ``data``, the arguments and ``settings``."""
    from .pipeline import analyze_documents
    from .sources.given import given_document

    doc = given_document(data, media_type=media_type, meta={"url": url, "published": published})
    return analyze_documents([doc], settings)[0]


def add(store: Store, data: str | bytes | Path | Document, *, media_type: str | None = None,
        settings: Settings | None = None, **meta: Any) -> str:
    """Process one input and store it: a path, a Document, or text/HTML given directly
    (``meta``: url, title, published, outlet, authors, language; given metadata wins).
    Returns the document id; raises IngestError when the input cannot be read."""
    from .batch.local import add as add_one

    return add_one(store, data, media_type=media_type, settings=settings, **meta)
