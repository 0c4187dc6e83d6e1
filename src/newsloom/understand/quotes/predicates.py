"""Views stated with an adjective: "<Name> is confident that ...", "was keenly aware that ...",
"am glad Republicans are frustrated", "is eager to run", "has been critical of the plan".

Annotated news (PolNeAR) marks these as attributions of the subject, as it marks "believes" or
"fears"; the adjectives are data (`predicate_adjectives` in `data/lexicons/reporting_verbs.yaml`).
Only a subject that can hold a view speaks: "it is clear that ..." and "there is little doubt" are
nobody's, and a bare adjective ("she was confident") reports nothing."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import Cue, content_tokens, trim
from .lexicon import Lexicon

_CLAUSE_DEPS = ("ccomp", "xcomp")
_PREPS = ("of", "about", "in", "with", "over", "toward", "towards")
_NOBODY = {"it", "there", "this", "that", "which"}


def _content_roots(adj: Token) -> list[Token]:
    """The clause ("aware that ...", "eager to ...") or the object of a preposition ("critical
    of the plan") the adjective governs."""
    roots = [c for c in adj.children if c.dep_ in _CLAUSE_DEPS]
    if roots:
        return roots
    return [g for c in adj.children if c.dep_ == "prep" and c.lower_ in _PREPS
            for g in c.children if g.dep_ in ("pobj", "pcomp")]


def predicate_cues(sent: Span, lex: Lexicon, text: str) -> list[Cue]:
    out: list[Cue] = []
    for tok in sent:
        if tok.pos_ != "ADJ" or tok.dep_ != "acomp" or tok.lemma_.lower() not in lex.predicate_adjectives:
            continue
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in _NOBODY:
            continue
        roots = _content_roots(tok)
        content = trim(content_tokens(roots, lex, tok)) if roots else None
        if content is not None:
            out.append(Cue(tok, tok.text, tok.idx, tok.idx + len(tok.text), subject, content))
    return out
