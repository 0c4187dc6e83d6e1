"""Article extraction: HTML pages and flattened text scrapes -> Article."""

from __future__ import annotations

from ..model import Article, Document
from ..settings import Settings
from .decode import decode
from .sniff import sniff_media_type

__all__ = ["extract", "extract_document"]


def extract(data: bytes | str, *, url: str | None = None, media_type: str | None = None,
            source: str = "<input>", settings: Settings | None = None) -> Article:
    """Extract the article from raw HTML or text; the media type is sniffed when not given."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = Document(raw=raw, source=source, media_type=media_type or "", meta={"url": url} if url else {})
    return extract_document(doc, settings)


def extract_document(doc: Document, settings: Settings | None = None) -> Article:
    from .html import extract_html
    from .text import extract_text

    text = decode(doc.raw, doc.source)
    media_type = doc.media_type or sniff_media_type(text)
    if media_type == "text/html":
        article = extract_html(text, source=doc.source, url=doc.meta.get("url"))
    else:
        article = extract_text(text, source=doc.source)
    article.document_id = doc.id
    apply_given_metadata(article, doc.meta)
    return article


def apply_given_metadata(article: Article, meta: dict) -> None:
    """Metadata given with the input wins over what extraction found."""
    for key in ("url", "title", "published", "outlet", "language"):
        if meta.get(key):
            setattr(article, key, str(meta[key]))
    if meta.get("authors"):
        authors = meta["authors"]
        article.authors = [authors] if isinstance(authors, str) else [str(a) for a in authors]
