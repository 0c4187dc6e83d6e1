"""Join paragraph strings into one text with offsets."""

from __future__ import annotations

import unicodedata

from ..model import Paragraph

_SOFT_HYPHEN = "\u00ad"


def visible_text(text: str) -> str:
    """``text`` as a reader sees it: soft hyphens (invisible break hints inside words, common in
    German pages) removed, and composed (NFC), so a word is one string whatever the page's
    encoding habits, for search, quotes and matching alike."""
    if _SOFT_HYPHEN in text:
        text = text.replace(_SOFT_HYPHEN, "")
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def build_article_text(parts: list[str], sep: str = "\n\n") -> tuple[str, list[Paragraph]]:
    chunks: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if chunks:
            pos += len(sep)
        chunks.append(part)
        paragraphs.append(Paragraph(pos, pos + len(part)))
        pos += len(part)
    return sep.join(chunks), paragraphs
