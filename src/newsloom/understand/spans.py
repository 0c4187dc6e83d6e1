"""Corrections to the small tagger's entity spans that hold for any outlet: common nouns capitalised
at a sentence start, plural demonyms, publications and units named like people, and datelines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .kb import fold

if TYPE_CHECKING:
    from .actors import DocLinker

_DATELINE_ENDS = {"\u2014", "\u2013", "-", "(", ",", ":"}


def retype(dl: DocLinker, s: int, e: int, label: str) -> tuple[int, int, str] | None:
    """The span and label to use for a tagger's span, or None when it names no actor."""
    tokens, lex = dl.tokens, dl.lex
    last = tokens[e - 1]
    if e - s == 1 and last.pos_ == "NOUN" and _opens_sentence(dl, s) and (last.lower_,) not in dl.kb.index:
        return None  # "Ships will travel...", "Signatures are...": a common noun, capitalised
    if e - s == 1 and label in ("PERSON", "NORP", "ORG") and _plural_demonym(dl, last.text):
        return None  # "the Britons": people of a state, neither a person nor the state
    if label == "PERSON":
        nxt = tokens[e] if e < len(tokens) else None
        if nxt is not None and last.dep_ in ("compound", "amod", "nmod") and last.head.i == nxt.i:
            if nxt.lower_ in lex.document_nouns:
                return None  # "the Bali declaration"
            if nxt.lower_ in lex.org_heads:
                return s, e + 1, "ORG"  # "the Azov regiment"
        if e - s > 1 and (last.lower_ in lex.org_heads or last.lower_ in lex.document_nouns):
            return s, e, "ORG"  # "Independence Party"; "told Frontline Report": a publication
    return s, e, label


def _opens_sentence(dl: DocLinker, i: int) -> bool:
    tok = dl.tokens[i]
    return all(t.is_punct or t.is_space for t in dl.tokens[tok.sent.start:i])


def _plural_demonym(dl: DocLinker, text: str) -> bool:
    word = fold(text)
    if not word.endswith("s"):
        return False
    return any(e.kind == "demonym" for w in (word[:-1], word[:-2]) for e in dl.kb.index.get((w,), ()))


def is_dateline(dl: DocLinker, s: int, e: int) -> bool:
    """"KYIV —", "JOHANNESBURG (Reuters)": a place in capitals opening a paragraph before a dash,
    an agency credit or a comma; it says where the report was filed, not who acted."""
    tokens = dl.tokens
    if e >= len(tokens) or tokens[e].text not in _DATELINE_ENDS:
        return False
    if tokens[e].text == ",":  # "KYIV, Ukraine —", not "NATO, the alliance, said"
        rest = tokens[e + 1:e + 5]
        if not any(t.text in _DATELINE_ENDS - {","} for t in rest[1:]):
            return False
    if not all(t.text.isupper() and len(t.text) > 1 for t in tokens[s:e] if t.is_alpha):
        return False
    return s == 0 or (tokens[s - 1].is_space and "\n" in tokens[s - 1].text)
