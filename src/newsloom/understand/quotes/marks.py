"""Quotation marks -> quoted spans, across sentences and paragraphs, on the raw text.

Works on characters, not tokens, so abbreviations ("U.S.", "Feb.") and sentence splits never cut
a quotation. Nested single quotes stay inside their double-quoted span. A paragraph that ends inside
an open quotation continues into the next one when that one starts with an opening mark (the
newspaper convention); otherwise the quotation is closed at the paragraph end and marked unclosed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = "“„«"
CLOSING = "”»"
AMBIGUOUS = '"'
_PARAGRAPH_BREAK = re.compile(r"\n+")
_MARK = re.compile("[" + re.escape(OPENING + CLOSING + AMBIGUOUS) + "]")
# An unclosed quotation longer than this is a stray mark, not a speech: it is cut back to its first
# paragraph and to the last sentence end within this many characters.
MAX_UNCLOSED = 1000
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*(?=\s)")


@dataclass(slots=True)
class Marked:
    """One quotation: ``start``/``end`` cover the marks; ``parts`` are the content pieces."""

    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

    @property
    def text_start(self) -> int:
        return self.parts[0][0]

    @property
    def text_end(self) -> int:
        return self.parts[-1][1]

    def text(self, doc_text: str) -> str:
        return " ".join(doc_text[a:b].strip() for a, b in self.parts).strip()

    def words(self, doc_text: str) -> int:
        return len(self.text(doc_text).split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty line blocks of the text as ``(start, end)``; scrapes keep one paragraph a line."""
    out, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def _opens(text: str, i: int, is_open: bool) -> bool | None:
    """True for an opening mark at ``i``, False for a closing one, None for no quotation mark."""
    ch = text[i]
    if ch in OPENING:
        return True
    if ch in CLOSING:
        return False
    if ch == AMBIGUOUS:
        # Straight quotes alternate; paragraph ends reset them, which bounds a stray mark's damage.
        return not is_open
    return None


def find_quotations(text: str) -> list[Marked]:
    """Every quotation in ``text``, in order. Unclosed ones end at their paragraph's end."""
    found: list[Marked] = []
    paras = paragraphs(text)
    current: Marked | None = None
    seg_start = 0
    for pi, (p_start, p_end) in enumerate(paras):
        i = p_start
        if current is not None:
            # Continuation: the paragraph must open with a quotation mark.
            lead = text[p_start:p_end].lstrip()
            first = p_end - len(text[p_start:p_end].lstrip()) if lead else p_start
            if lead and (lead[0] in OPENING or lead[0] == AMBIGUOUS):
                seg_start = first + 1
                i = first + 1
            else:
                current = None
        for hit in _MARK.finditer(text, i, p_end):
            i = hit.start()
            kind = _opens(text, i, current is not None)
            if kind is True:
                if current is not None:
                    # A second opening mark in an open quotation: the first was never closed.
                    current.parts.append((seg_start, i))
                    current.end, current.closed = i, False
                    found.append(current)
                current = Marked(start=i, end=i)
                seg_start = i + 1
            elif kind is False and current is not None:
                current.parts.append((seg_start, i))
                current.end = i + 1
                found.append(current)
                current = None
        if current is not None:
            current.parts.append((seg_start, p_end))
            current.end = p_end
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            lead = text[nxt[0] : nxt[1]].lstrip() if nxt else ""
            if not (lead and (lead[0] in OPENING or lead[0] == AMBIGUOUS)):
                current.closed = False
                found.append(current)
                current = None
    found = [_bounded(m, text) if not m.closed else m for m in found]
    return [m for m in found if m.parts and any(text[a:b].strip() for a, b in m.parts)]


def _bounded(m: Marked, text: str) -> Marked:
    """An unclosed quotation, kept within its first paragraph and MAX_UNCLOSED characters."""
    if m.end - m.start <= MAX_UNCLOSED:
        return m
    a, b = m.parts[0]
    if b - m.start > MAX_UNCLOSED:
        ends = [e.end() for e in _SENTENCE_END.finditer(text, a, m.start + MAX_UNCLOSED)]
        b = ends[-1] if ends else m.start + MAX_UNCLOSED
    return Marked(start=m.start, end=b, parts=[(a, b)], closed=False)
