"""HTML pages -> Article (placeholder: trafilatura's default extraction)."""

from __future__ import annotations

import trafilatura

from ..model import Article
from .paragraphs import build_article_text


def extract_html(html: str, *, source: str, url: str | None = None) -> Article:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return Article(source=source, url=url, extraction={"method": "html:trafilatura", "note": "no article found"})
    text, paragraphs = build_article_text((doc.text or "").split("\n"))
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Article(source=source, text=text, paragraphs=paragraphs, title=doc.title, authors=authors,
                   published=doc.date, outlet=doc.sitename, url=url or doc.url, language=doc.language,
                   extraction={"method": "html:trafilatura"})
