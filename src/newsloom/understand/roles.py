"""Roles and affiliations of people, read from the dependency parse around a person's name.

Four shapes: a title before the name ("Ukrainian President X", parsed as compounds), a title
phrase whose right edge touches the name ("U.S. Ambassador to the UN X"), a title the name is in
apposition to ("China's top diplomat X", "the foreign minister of Brazil, X") and an apposition
after the name ("X, India's external affairs minister,").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Actor

AffiliationOf = Callable[[Token], Actor | None]
# Parts of a title phrase that are not the role itself.
_CUT_DEPS = {"relcl", "acl", "advcl", "appos", "cc", "conj", "punct", "parataxis"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}


@dataclass(slots=True)
class Role:
    text: str
    start: int  # character offsets into doc.text
    end: int
    affiliation: Actor | None


def find_role(span: Span, role_nouns: frozenset[str], affiliation_of: AffiliationOf) -> Role | None:
    """The role stated for the person named by ``span``, if the sentence states one."""
    head = _role_head(span, role_nouns)
    if head is None:
        return None
    token, side = head
    return _phrase(span, token, side, affiliation_of) or None


def _is_role(token: Token, role_nouns: frozenset[str]) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and (
        token.lower_ in role_nouns or token.lemma_.lower() in role_nouns)


def _role_head(span: Span, role_nouns: frozenset[str]) -> tuple[Token, str] | None:
    doc = span.doc
    # After the name: "X, <role>,".
    for tok in span:
        for child in tok.rights:
            if child.dep_ == "appos" and child.i >= span.end and _is_role(child, role_nouns):
                return child, "post"
    root = span.root
    if span.start > 0:
        # A title attached to the name: "French Foreign Minister X".
        for j in range(span.start - 1, max(span.start - 4, -1), -1):
            tok = doc[j]
            if tok.dep_ in _MODIFIER_DEPS and span.start <= tok.head.i < span.end:
                if _is_role(tok, role_nouns) and tok.right_edge.i == span.start - 1:
                    return tok, "pre"
            elif not tok.is_punct:
                break
    # The parser hung the name under the title's preposition: "Ambassador to the UN X".
    if root.dep_ == "pobj" and root.head.head.i < span.start and _is_role(root.head.head, role_nouns):
        return root.head.head, "pre"
    # The name is in apposition to a title before it: "China's top diplomat X", "the foreign
    # minister of Brazil, X" -- unless another name stands between them (a list of leaders).
    if root.dep_ == "appos" and root.head.i < span.start and _is_role(root.head, role_nouns):
        if not any(t.ent_type_ == "PERSON" for t in doc[root.head.i + 1:span.start]):
            return root.head, "pre"
    if span.start == 0:
        return None
    # A title phrase the parser attached elsewhere but which ends right before the name.
    found = None
    for anc in [doc[span.start - 1], *doc[span.start - 1].ancestors]:
        if anc.i >= span.start:
            break
        if anc.right_edge.i == span.start - 1 and _is_role(anc, role_nouns):
            found = anc
    return (found, "pre") if found is not None else None


def _phrase(span: Span, head: Token, side: str, affiliation_of: AffiliationOf) -> Role | None:
    doc = span.doc
    cut: set[int] = set(range(span.start, span.end))
    for child in head.children:
        if child.dep_ in _CUT_DEPS and (side == "post" or child.i >= span.start):
            cut.update(t.i for t in child.subtree)
    affiliation: Actor | None = None
    drop: set[int] = set()
    for tok in head.subtree:
        if tok.i in cut:
            continue
        actor = affiliation_of(tok)
        if actor is None:
            continue
        if tok.dep_ == "poss" or (tok.dep_ in _MODIFIER_DEPS and tok.i < head.i):
            # "China's", "U.S.", "Ukrainian": the state, not part of the role.
            affiliation = affiliation or actor
            drop.update(t.i for t in tok.subtree)
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for") and tok.head.head.i == head.i:
            # "foreign minister of Brazil", "a spokesman for the Foreign Ministry"
            affiliation = affiliation or actor
            drop.update(t.i for t in tok.head.subtree)
    # Possessives of the person's own name ("Brazil's President X") sit on the name itself.
    if affiliation is None:
        for tok in span:
            for child in tok.lefts:
                if child.dep_ in ("poss", "amod", "compound") and child.i < span.start:
                    affiliation = affiliation or affiliation_of(child)
    kept = {t.i for t in head.subtree if t.i not in cut and t.i not in drop}
    if side == "pre":
        kept = {i for i in kept if i < span.start}
    # Only the contiguous run around the head is the role; a gap means the parse wandered.
    lo = hi = head.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    while lo < head.i and (doc[lo].dep_ in ("det", "case", "prep") or doc[lo].is_punct
                           or (doc[lo].dep_ == "poss" and doc[lo].pos_ == "PRON")):
        lo += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].dep_ in ("case", "cc", "prep", "det")):
        hi -= 1
    keep = [lo, hi]
    phrase = doc[keep[0]:keep[-1] + 1]
    return Role(phrase.text, phrase.start_char, phrase.end_char, affiliation)
