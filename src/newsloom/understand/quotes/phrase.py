"""Where a speaker phrase begins and ends in the parse: the words headed by the speaker's noun,
without appositions, clauses, times or a dateline glued to it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

_NP_DROP = {"appos", "relcl", "acl", "advcl", "punct", "parataxis"}
_DASHES = ("—", "–", " -- ")


def is_time(t: Token) -> bool:
    """"on Thursday" or "last week" hung on the speaker's noun: when, not who."""
    if t.dep_ == "prep":
        objs = [c for c in t.children if c.dep_ == "pobj"]
        return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)
    return t.dep_ in ("npadvmod", "tmod") and t.ent_type_ in ("DATE", "TIME")


def noun_phrase(text: str, head: Token) -> tuple[int, int]:
    """Char span of the speaker phrase headed by ``head`` (appositions and clauses left out)."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in _NP_DROP and not is_time(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "punct", "appos"))
    # A parse that gives a verb two subjects ("U.S. Ambassador ... <Name> said") splits a title.
    for sib in head.head.children:
        if sib is not head and sib.dep_ == head.dep_ and sib.i < head.i:
            keep.extend(sib.subtree)
    toks = sorted(keep, key=lambda t: t.i)
    # Words the parser hangs on the name past its apposition ("by <Firm>, a research group,
    # higher than ...") are the sentence's, not the phrase's: the phrase ends before it.
    past = [c.left_edge.i for t in keep for c in t.children if c.dep_ == "appos"
            and head.i < c.left_edge.i and c.right_edge.i < toks[-1].i]
    toks = [t for t in toks if t.i < min(past)] if past else toks
    # A dateline glued to the subject ("JEDDAH, Saudi Arabia — Ukraine said") is no part of it.
    if toks:
        cut = max(text.rfind(d, toks[0].idx, head.idx) for d in _DASHES)
        toks = [t for t in toks if t.idx > cut] if cut >= 0 else toks
    while toks and toks[0].is_punct:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return head.idx, head.idx + len(head.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def after_dateline(doc: Doc, text: str, head: Token) -> Token:
    """"OSLO, Norway — Ukraine said": the parser may head the subject on the dateline; the
    speaker is the phrase between the dash and the verb, or the name it hangs on the dateline
    ("WASHINGTON -- President Obama, dedicating ..., said")."""
    verb = head.head
    if verb.idx <= head.idx:
        return head
    cut = max(text.rfind(d, head.idx, verb.idx) for d in _DASHES)
    if cut < 0:
        return head
    if (named := next((c for c in head.children if c.dep_ == "appos" and c.idx > cut), None)) is not None:
        return named
    span = doc.char_span(cut + 1, verb.idx, alignment_mode="contract")
    return span.root if span is not None and len(span) and span.root.pos_ in ("PROPN", "NOUN", "PRON") else head
