"""Newsloom: raw news in, a verifiable record of who said what, when, about whom out."""

from __future__ import annotations

from pathlib import Path

from .extract import extract
from .model import Actor, Article, DateMention, Document, Entity, Event, Mention, Paragraph, Quote, Span, Speaker, Story
from .settings import Settings
from .store import Store, open_store

__version__ = "0.1.0"

__all__ = [
    "open", "extract", "analyze", "Settings", "Store",
    "Actor", "Article", "DateMention", "Document", "Entity", "Event", "Mention", "Paragraph", "Quote",
    "Span", "Speaker", "Story", "__version__",
]


def open(db: str | Path = "newsloom.db") -> Store:  # noqa: A001 - the package's entry point
    """Open (creating if needed) a Newsloom database: a SQLite path or a ``postgresql://`` URL."""
    return open_store(db)


def analyze(data: bytes | str, *, url: str | None = None, media_type: str | None = None,
            published: str | None = None, settings: Settings | None = None) -> Article:
    """Extract the article from HTML or text and run every enrichment stage over it."""
    from .pipeline import pipeline_for

    raw = data.encode("utf-8") if isinstance(data, str) else data
    meta = {k: v for k, v in (("url", url), ("published", published)) if v}
    doc = Document(raw=raw, source=url or "<input>", media_type=media_type or "", meta=meta)
    return pipeline_for(settings).process([doc])[0]
