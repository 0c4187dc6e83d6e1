"""Article extraction: HTML pages and flattened text scrapes -> Article."""

from __future__ import annotations

from typing import Any

from ..model import Article, Document
from .boilerplate import OutletMemory, domain_of
from .decode import decode
from .sniff import sniff_media_type

__all__ = ["OutletMemory", "apply_given_metadata", "extract", "extract_document"]


def extract(data: bytes | str, *, url: str | None = None, media_type: str | None = None,
            source: str = "<input>") -> Article:
    """Extract the article from raw HTML or text; the media type is sniffed when not given."""
    from ..sources.given import given_document

    return extract_document(given_document(data, media_type=media_type, source=source, meta={"url": url}))


def extract_document(doc: Document, memory: OutletMemory | None = None) -> Article:
    """Extract ``doc``; with ``memory``, lines learned as the outlet's boilerplate are dropped and
    this document's lines are learned in turn (the outlet keyed by the given outlet, the URL's
    domain, or the name the page gives itself)."""
    from .html import extract_html
    from .text import extract_text, split_lines

    text = decode(doc.raw, doc.source, doc.meta.get("charset"))
    # Document's default media type is text/plain, so "not given" cannot be told from "plain":
    # anything not declared HTML is sniffed.
    media_type = "text/html" if doc.media_type in ("text/html", "application/xhtml+xml") else sniff_media_type(text)
    url = doc.meta.get("url")
    hint = doc.meta.get("outlet") or domain_of(url)
    if media_type == "text/html":
        article = extract_html(text, source=doc.source, url=url, memory=memory, outlet=hint, doc_id=doc.id)
    else:
        known = memory.lookup(hint) if memory is not None and hint else None
        article = extract_text(text, source=doc.source, known=known)
        outlet = hint or article.outlet
        if memory is not None and outlet:
            if known is None and memory.lookup(outlet) is not None:
                # The outlet was only learned from this document's byline: clean again with it.
                article = extract_text(text, source=doc.source, known=memory.lookup(outlet))
            memory.observe(outlet, split_lines(text), doc_id=doc.id)
        if url:
            article.url = url
    article.extraction.setdefault("media_type", media_type)
    article.document_id = doc.id
    apply_given_metadata(article, doc.meta)
    return article


def apply_given_metadata(article: Article, meta: dict[str, Any]) -> None:
    """Metadata given with the input wins over what extraction found."""
    for key in ("url", "title", "published", "outlet", "language"):
        if meta.get(key):
            setattr(article, key, str(meta[key]))
    if meta.get("authors"):
        authors = meta["authors"]
        article.authors = [authors] if isinstance(authors, str) else [str(a) for a in authors]
