"""Attributions written by layout rather than grammar: a signature after a quotation
("“…” ― Dana Ortiz") and a transcript label opening a paragraph ("WALLACE: …")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .cues import Cue

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|bin|al))*"
# Dash, a name of at most five words, optionally ", a short description", to the paragraph end.
_SIGNATURE = re.compile(rf"\s*(?:[―—–]|--?)\s*({_NAME})(?:\s*,[^\n“”\"]{{0,80}})?[.\s]*$")
# An all-capitals speaker label of one to three words, the transcript convention.
_LABEL = re.compile(r"[\"“]?\s*((?:[A-Z][A-Z.'’-]+)(?:\s+[A-Z][A-Z.'’-]+){0,2})\s*:\s+(?=\S)")


def _cue(doc: Doc, a: int, b: int, start: int, end: int, content: tuple[int, int] | None) -> Cue | None:
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or len(span) == 0 or len(span) > 5:
        return None
    tok = span[-1]
    return Cue(tok, doc.text[start:end], start, end, tok, content, speaker_span=(a, b))


def signature_cues(doc: Doc, marks: list[tuple[int, int]], paras: list[tuple[int, int]]) -> list[Cue]:
    """“…” ― Name: the name signs the quotation before it, alone on the rest of the paragraph."""
    text = doc.text
    out = []
    for _start, end in marks:
        para_end = next((b for a, b in paras if a <= end <= b), len(text))
        m = _SIGNATURE.match(text, end, para_end)
        if m is None or len(m.group(1).split()) > 5:
            continue
        dash = end + len(text[end:m.start(1)]) - len(text[end:m.start(1)].lstrip())
        dash_end = dash + len(text[dash:m.start(1)].rstrip())
        cue = _cue(doc, m.start(1), m.end(1), dash, dash_end, None)
        if cue is not None:
            out.append(cue)
    return out


def label_cues(doc: Doc, paras: list[tuple[int, int]]) -> list[Cue]:
    """WALLACE: … — the label speaks the rest of its paragraph."""
    text = doc.text
    out = []
    for a, b in paras:
        lead = a + len(text[a:b]) - len(text[a:b].lstrip())
        m = _LABEL.match(text, lead, b)
        if m is None or len(m.group(1).replace(" ", "")) < 3:
            continue
        content = (m.end(), b)
        while content[1] > content[0] and text[content[1] - 1] in " \t\"”":
            content = (content[0], content[1] - 1)
        colon = text.index(":", m.end(1))
        cue = _cue(doc, m.start(1), m.end(1), m.start(1), colon + 1, content)
        if cue is not None:
            out.append(cue)
    return out
