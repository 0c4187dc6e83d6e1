"""Full-text search helpers both backends share: the user's query made safe, snippets made HTML-safe."""

from __future__ import annotations

import html
import re

# Sentinels for snippet highlights: replaced after HTML-escaping the snippet.
HL_OPEN, HL_CLOSE = "\x02", "\x03"
_QUERY_TOKEN = re.compile(r'"([^"]+)"|(\S+)')
WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """A user's search text as a safe FTS5 query: quoted phrases kept, every other word
    quoted, all terms required; ``OR`` between terms is honoured. Empty -> ValueError.

    The same text is websearch syntax for PostgreSQL, so both stores give a query one meaning."""
    parts: list[str] = []
    for phrase, word in _QUERY_TOKEN.findall(text):
        if word == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        words = WORD.findall(phrase or word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    while parts and parts[-1] == "OR":
        parts.pop()
    if not parts:
        raise ValueError("empty search query")
    return " ".join(parts)


def highlight(snippet: str) -> str:
    """HTML-safe snippet with ``<mark>`` around the matched terms."""
    return html.escape(snippet).replace(HL_OPEN, "<mark>").replace(HL_CLOSE, "</mark>")


def plain(snippet: str) -> str:
    """The snippet's text without highlight sentinels."""
    return snippet.replace(HL_OPEN, "").replace(HL_CLOSE, "")
