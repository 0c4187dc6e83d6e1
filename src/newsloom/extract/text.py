"""Plain and flattened text -> Article (placeholder: first line is the title)."""

from __future__ import annotations

from ..model import Article
from .paragraphs import build_article_text


def extract_text(text: str, *, source: str) -> Article:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = lines[0] if lines and len(lines) > 1 and len(lines[0]) < 200 else None
    body = lines[1:] if title else lines
    body_text, paragraphs = build_article_text(body)
    return Article(source=source, text=body_text, paragraphs=paragraphs, title=title,
                   extraction={"method": "text:plain"})
