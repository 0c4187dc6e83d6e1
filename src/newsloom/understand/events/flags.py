"""Polarity, modality and time of an event's clause: negated, hypothetical, future, historical, date."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from ...model import DateMention
from .lexicon import EventLexicon

_CLAUSE_UP = ("xcomp", "acomp", "attr", "oprd", "pcomp", "dobj", "pobj", "prep", "amod", "compound")
_NEW_CLAUSE = ("ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "conj")
_FUTURE_AUX = ("will", "shall", "'ll", "wo")
_MAYBE_AUX = ("could", "might", "may")
_FUTURE_HEADS = ("plan", "intend", "prepare", "expect", "due", "set", "go", "aim", "schedule")
_NEGATING_HEADS = ("fail", "refrain", "stop_short")


def clause_chain(anchor: Token) -> list[Token]:
    """The anchor and the words above it in the same clause ("was ready to": ready, was)."""
    out = [anchor]
    tok = anchor
    while tok.dep_ in _CLAUSE_UP and tok.head.i != tok.i and len(out) < 5:
        tok = tok.head
        out.append(tok)
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "acomp"):
            break
    return out


def negated(anchor: Token, lex: EventLexicon) -> bool:
    """"did not agree", "has not sent", "no talks", "denied that it had deployed", "failed to"."""
    chain = clause_chain(anchor)
    for tok in chain:
        for child in tok.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
        if tok.lemma_.lower() in _NEGATING_HEADS and tok is not anchor:
            return True
    links = list(zip(chain, chain[1:], strict=False)) + [(chain[-1], chain[-1].head)]
    return any(low.dep_ in ("ccomp", "dobj") and high.lemma_.lower() in lex.negators for low, high in links)


def _has_if(tok: Token) -> bool:
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
               for c in tok.children)


def modality(anchor: Token) -> tuple[bool, bool]:
    """(hypothetical, future) for the anchor's clause."""
    chain = clause_chain(anchor)
    hypothetical = future = False
    sent_has_if = any(t.lower_ in ("if", "unless") for t in anchor.sent)
    for tok in chain:
        if _has_if(tok) or (tok.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children)):
            hypothetical = True
        for child in tok.children:
            if child.dep_ not in ("aux", "auxpass"):
                continue
            word = child.lower_
            if word in _MAYBE_AUX or (word == "would" and sent_has_if):
                hypothetical = True
            elif word in _FUTURE_AUX or word == "would":
                future = True
    top = chain[-1]
    if top.dep_ == "xcomp" and top.head.lemma_.lower() in _FUTURE_HEADS:
        future = True
    return hypothetical, future


def date_index(dates: list[DateMention], doc) -> dict[int, DateMention]:
    out: dict[int, DateMention] = {}
    for d in dates:
        if not d.resolved:
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        for tok in span or ():
            out.setdefault(tok.i, d)
    return out


def clause_date(anchor: Token, by_token: dict[int, DateMention]) -> DateMention | None:
    """The date stated in the event's clause, else in the clauses above it ("On Feb. 18 ... quoted
    X as saying his country would launch"): the reporting clause dates a reported event."""
    if not by_token:
        return None
    tok = anchor
    for _ in range(8):
        if tok.i in by_token:
            return by_token[tok.i]
        for child in tok.children:
            if child.dep_ in _NEW_CLAUSE:
                continue
            for t in child.subtree:
                if t.i in by_token:
                    return by_token[t.i]
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def is_historical(when: str | None, published: date | None) -> bool:
    """Recalled from well before the article's news: more than a year before publication."""
    if not when or published is None:
        return False
    try:
        if len(when) >= 10:
            return (published - date.fromisoformat(when[:10])).days > 365
        return int(when[:4]) < published.year - 1
    except ValueError:
        return False
