"""Views stated with an adjective: "<Name> is confident that ...", "was keenly aware that ...",
"am glad Republicans are frustrated", "is eager to run", "has been critical of the plan"; and
owned statement nouns before a copula: "<Name>'s response was that ...", "his goal is to ...".

Annotated news (PolNeAR) marks these as attributions of the subject, as it marks "believes" or
"fears"; the adjectives and nouns are data (`predicate_adjectives` in `data/lexicons/reporting_verbs.yaml`).
Only a subject that can hold a view speaks: "it is clear that ..." and "there is little doubt" are
nobody's, and a bare adjective ("she was confident") reports nothing."""

from __future__ import annotations

from spacy.symbols import ADJ, NOUN, acomp, nsubj
from spacy.tokens import Span, Token

from ..types import tokens_with_pos
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


def _owned_noun_cue(tok: Token, lex: Lexicon, text: str) -> Cue | None:
    """"<Name>'s response was that ...", "his goal is to ...": the owner states the clause."""
    cop, lemma = tok.head, tok.lemma_.lower()
    if tok.dep_ != "nsubj" or cop.lemma_ != "be" or lemma not in lex.predicate_nouns and lemma not in lex.statement_nouns:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    roots = [c for c in cop.children if c.dep_ in _CLAUSE_DEPS and c.i > cop.i]
    if owner is None or not roots:
        return None
    content = trim(content_tokens(roots, lex, cop))
    if content is None:
        return None
    return Cue(tok, text[tok.idx:cop.idx + len(cop.text)], tok.idx, cop.idx + len(cop.text), owner, content,
               noun=True)


_NOUN_ADJ = frozenset({NOUN, ADJ})


def predicate_cues(sent: Span, lex: Lexicon, text: str) -> list[Cue]:
    out: list[Cue] = []
    for tok in tokens_with_pos(sent, _NOUN_ADJ):
        # Integer tags first: this runs on every noun and adjective of every sentence.
        if tok.pos == NOUN and tok.dep == nsubj:
            if (cue := _owned_noun_cue(tok, lex, text)) is not None:
                out.append(cue)
            continue
        if tok.pos != ADJ or tok.dep != acomp or tok.lemma_.lower() not in lex.predicate_adjectives:
            continue
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in _NOBODY:
            continue
        roots = _content_roots(tok)
        content = trim(content_tokens(roots, lex, tok)) if roots else None
        if content is not None:
            out.append(Cue(tok, tok.text, tok.idx, tok.idx + len(tok.text), subject, content))
    return out
