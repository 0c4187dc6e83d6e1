"""Join paragraph strings into one text with offsets."""

from __future__ import annotations

from ..model import Paragraph


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
