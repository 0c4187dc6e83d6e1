"""Attributions written by layout rather than grammar: a signature after a quotation
("“…” ― Dana Ortiz"), a transcript label opening a paragraph ("WALLACE: …") and a headline
naming its speaker before a colon ("Ortiz: Rates Will Stay High")."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc

from .cues import Cue
from .marks import TRANSCRIPT_LABEL as _LABEL

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|bin|al))*"
# Dash, a name of at most five words, optionally ", a short description", to the paragraph end.
_SIGNATURE = re.compile(rf"\s*(?:[―—–]|--?)\s*({_NAME})(?:\s*,[^\n“”\"]{{0,80}})?[.\s]*$")
# A headline's speaker: at most six words before the first colon, none of them a lower-case word
# but linking particles ("Former AG Dana Ortiz at UN: ...").
_HEADLINE = re.compile(r"([^\n:]{2,60}?)\s*:\s+(?=\S)")
_HEADLINE_MAX = 200
_LINKING = {"at", "of", "in", "on", "the", "and", "de", "van", "von", "da", "del", "la", "bin", "al"}
# Words standing wholly in quotation marks, single ones included (a headline's convention).
_WHOLLY_QUOTED = re.compile(r"""\s*["“'‘].*["”'’][.!?\s]*""", re.S)


def _cue(doc: Doc, text: str, a: int, b: int, start: int, end: int,
         content: tuple[int, int] | None) -> Cue | None:
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or len(span) == 0 or len(span) > 5:
        return None
    tok = span[-1]
    return Cue(tok, text[start:end], start, end, tok, content, speaker_span=(a, b))


def signature_cues(doc: Doc, text: str, marks: list[tuple[int, int]], paras: list[tuple[int, int]]) -> list[Cue]:
    """“…” ― Name: the name signs the quotation before it, alone on the rest of the paragraph
    (or on the next line, when the quotation ends its own).
    ``text`` is ``doc.text``, read once by the caller (each read joins every token)."""
    out = []
    for _start, end in marks:
        at = next((i for i, (a, b) in enumerate(paras) if a <= end <= b), None)
        own_end = para_end = paras[at][1] if at is not None else len(text)
        if at is not None and at + 1 < len(paras) and not text[end:para_end].strip(" \t.,"):
            para_end = paras[at + 1][1]  # a quotation closing its paragraph, signed on the next line
        m = _SIGNATURE.match(text, end, para_end)
        if m is None or len(m.group(1).split()) > 5:
            continue
        dash = end + len(text[end:m.start(1)]) - len(text[end:m.start(1)].lstrip())
        dash_end = dash + len(text[dash:m.start(1)].rstrip())
        cue = _cue(doc, text, m.start(1), m.end(1), dash, dash_end, None)
        if cue is not None and dash > own_end:
            cue.start = end  # signed on the next line: the attribution starts where the quotation ends
        if cue is not None:
            out.append(cue)
    return out


@lru_cache(maxsize=1)
def _not_speakers() -> frozenset[str]:
    raw = yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/layout_labels.yaml").read_text("utf-8"))
    return frozenset(" ".join(str(w).upper().split()) for w in raw["not_speakers"])


def label_cues(doc: Doc, text: str, paras: list[tuple[int, int]]) -> list[Cue]:
    """WALLACE: … — the label speaks the rest of its paragraph (not "BYLINE:" or "UPDATE:")."""
    out = []
    for a, b in paras:
        lead = a + len(text[a:b]) - len(text[a:b].lstrip())
        m = _LABEL.match(text, lead, b)
        if m is None or len(m.group(1).replace(" ", "")) < 3 or " ".join(m.group(1).split()) in _not_speakers():
            continue
        content = (m.end(), b)
        while content[1] > content[0] and text[content[1] - 1] in " \t\"”":
            content = (content[0], content[1] - 1)
        colon = text.index(":", m.end(1))
        cue = _cue(doc, text, m.start(1), m.end(1), m.start(1), colon + 1, content)
        if cue is not None:
            out.append(cue)
    return out


def headline_cues(doc: Doc, text: str, paras: list[tuple[int, int]],
                  persons: list[tuple[int, int, str]]) -> list[Cue]:
    """"Name: what they said" as the headline (the first paragraph): the name speaks the rest.

    ``persons`` are (start, end, surname) of person mentions. The name before the colon must hold
    a person mention, or be a surname of a person the article names; a question after the colon
    ("Dana Ortiz: hero or villain?") is the writer's, not the person's.
    """
    if not paras:
        return []
    a, b = paras[0]
    lead = a + len(text[a:b]) - len(text[a:b].lstrip())
    m = _HEADLINE.match(text, lead, b)
    if m is None or b - a > _HEADLINE_MAX or text[a:b].rstrip().endswith("?"):
        return []
    words = m.group(1).split()
    if len(words) > 6 or any(w[0].islower() and w not in _LINKING for w in words) or not words[0][0].isupper():
        return []
    inside = [(s, e) for s, e, _ in persons if m.start(1) <= s and e <= m.end(1)]
    if not inside and not (len(words) <= 3 and any(last == words[-1] for s, e, last in persons if s >= b)):
        return []
    speaker = inside[0] if inside else (m.start(1), m.end(1))
    content = (m.end(), b)
    while content[1] > content[0] and text[content[1] - 1] in " \t\"”.":
        content = (content[0], content[1] - 1)
    colon = text.index(":", m.end(1))
    cue = _cue(doc, text, speaker[0], speaker[1], colon, colon + 1, content)
    return [] if cue is None else [cue]


def layout_kind(text: str, cue: Cue, span: tuple[int, int]) -> str:
    """The kind of a statement a layout cue reports. A transcript label's line is the words as
    spoken ("WALLACE: …"): direct. A headline's "Name: words" is the desk's short version of what
    they said ("Sanders: Clinton email story has moved"), direct only when its words stand in
    quotation marks ("Reid: 'Never underestimate Trump.'"). A headline cue is the colon alone;
    a label's cue holds the label."""
    if cue.text != ":":
        return "direct"
    return "direct" if _WHOLLY_QUOTED.fullmatch(text, *span) else "indirect"
