"""Trigger candidates in a sentence: lexicon patterns over the parse, then nesting ("called for
talks": the talks are what is requested, not a separate event)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

from .lexicon import EventLexicon, Pattern

VERBISH = ("VERB", "AUX", "ADJ")
NOUNISH = ("NOUN", "PROPN", "NUM")


@dataclass(slots=True)
class Candidate:
    anchor: Token
    pattern: Pattern
    tokens: list[Token]
    inner: list[Candidate] = field(default_factory=list)
    depth: int = 0
    head: Token = field(init=False)

    def __post_init__(self) -> None:
        # The word that carries the clause: "recognized" in "formally recognized", "aid" in "food
        # aid", "massed" in "militias massed": the matched verb highest in the tree, else the
        # highest matched word.
        verbs = [t for t in self.tokens if t.pos_ == "VERB"]
        pool = verbs or self.tokens
        head = min(pool, key=lambda t: (_depth(t), t.i))
        if head.dep_ == "compound" and head.pos_ in NOUNISH and head.head.pos_ in NOUNISH:
            head = head.head  # "a mediation effort", "an aid programme": the phrase's noun
        self.head = head

    @property
    def type(self) -> str:
        return self.pattern.type


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.lower_


def _near(anchor: Token) -> list[Token]:
    """Words up to three levels under the anchor ("suspended part of a military aid programme"),
    and its head (for compounds: "tear gas")."""
    out = []
    for child in anchor.children:
        out.append(child)
        for grand in child.children:
            out.append(grand)
            if grand.dep_ in ("pobj", "prep", "compound", "dobj"):
                out.extend(grand.children)
    if anchor.head.i != anchor.i:
        out.append(anchor.head)
        if anchor.dep_ in ("compound", "amod"):
            out.extend(c for c in anchor.head.children if c.i != anchor.i)
    return out


def _match(anchor: Token, patterns: tuple[Pattern, ...]) -> tuple[Pattern, list[Token]] | None:
    near = None
    for p in patterns:
        if p.pos == "v" and anchor.pos_ not in VERBISH:
            continue
        if p.pos == "n" and anchor.pos_ not in NOUNISH:
            continue
        if not p.words:
            return p, [anchor]
        if near is None:
            # Each word's forms read once per anchor, not once per pattern word.
            near = [(t.i, t.lower_, _lemma(t), t.dep_ == "aux", t) for t in _near(anchor)]
        found: list[int] = []
        hits: list[Token] = []
        for n, w in enumerate(p.words):
            # a pattern's last "to" is a preposition ("give to"), not the "to" of an infinitive
            last = n == len(p.words) - 1
            hit = next((x for x in near if (x[1] == w or x[2] == w) and x[0] not in found
                        and not (last and x[3])), None)
            if hit is None:
                break
            found.append(hit[0])
            hits.append(hit[4])
        else:
            return p, [anchor, *hits]
    return None


def anchor_indices(doc: Doc, lex: EventLexicon) -> tuple[list[int], list[int]]:
    """Indices of the tokens whose word or lemma (as ``_lemma`` reads it) anchors a pattern, and of
    the obligation words ("must"), read from the Doc's arrays: a Token object and its strings for
    each of an article's ~800 words cost more than matching the few words that anchor patterns."""
    strings, propn = doc.vocab.strings, doc.vocab.strings["PROPN"]
    folded: dict[int, str] = {}  # string id -> its lower case, once per distinct word

    def low(h: int) -> str:
        s = folded.get(h)
        if s is None:
            s = folded[h] = strings[h].lower()
        return s

    anchors, modals, by_anchor = [], [], lex.by_anchor
    for i, (lemma, pos, lower) in enumerate(doc.to_array([LEMMA, POS, LOWER]).tolist()):
        word = strings[lower]
        if (word if pos == propn else low(lemma)) in by_anchor or word in by_anchor:
            anchors.append(i)
        if (word,) in lex.obligation:
            modals.append(i)
    return anchors, modals


def within(sent: Span, indices: list[int]) -> list[int]:
    """The sorted ``indices`` that fall in the sentence."""
    return indices[bisect_left(indices, sent.start):bisect_left(indices, sent.end)]


def candidates(sent: Span, lex: EventLexicon, anchors: list[int]) -> list[Candidate]:
    """All pattern matches of the sentence (``anchors``: the document's ``anchor_indices``); a
    match inside a longer one's words is dropped."""
    found: list[Candidate] = []
    doc = sent.doc
    for tok in (doc[i] for i in within(sent, anchors)):
        patterns = lex.by_anchor.get(_lemma(tok)) or lex.by_anchor.get(tok.lower_)
        if not patterns:
            continue
        if tok.lemma_.lower() in lex.negators and any(
                c.dep_ == "ccomp" or c.dep_ == "dobj" and c.lemma_.lower() in lex.by_anchor for c in tok.children):
            continue  # "denied that it had sent troops", "denied accusations": the denial flags the inner event
        hit = _match(tok, patterns)
        if hit:
            found.append(Candidate(tok, hit[0], hit[1]))
    found.sort(key=lambda c: -c.pattern.size)
    kept: list[Candidate] = []
    covered: set[int] = set()
    for c in found:
        if c.anchor.i in covered:
            continue
        kept.append(c)
        covered.update(t.i for t in c.tokens)
    kept.sort(key=lambda c: c.anchor.i)
    return kept


def nest(cands: list[Candidate]) -> list[Candidate]:
    """Top-level candidates, each holding those it governs in ``inner``. A candidate is governed by
    the nearest candidate above it in the tree, unless it is only coordinated with it ("marched and
    blocked roads") or sits in a reported clause under a verb that is no event."""
    by_token: dict[int, Candidate] = {}
    # Reported obligations first: "Libya must hand over" holds the "hand over" found on the same verb.
    for c in sorted(cands, key=lambda c: c.pattern.anchor != "must"):
        for t in c.tokens:
            by_token.setdefault(t.i, c)
    top = []
    for c in cands:
        parent = None
        tok = c.head
        steps = 0
        owner = by_token.get(tok.i)
        if owner is not None and owner is not c:
            parent = owner
            tok = tok.doc[tok.sent.root.i]
        while tok.head.i != tok.i and steps < 12:
            steps += 1
            below = tok
            tok = tok.head
            owner = by_token.get(tok.i)
            if owner is not None and owner is not c:
                # only the trigger itself coordinated with another is a separate event
                if not (below.dep_ == "conj" and below is c.head):
                    parent = owner
                break
        c.depth = steps if parent is None else c.depth
        if parent is None:
            top.append(c)
        else:
            parent.inner.append(c)
    for c in top:
        c.depth = _depth(c.head)
    return top


def _depth(tok: Token) -> int:
    n = 0
    while tok.head.i != tok.i and n < 30:
        tok = tok.head
        n += 1
    return n


def all_inner(c: Candidate) -> list[Candidate]:
    out = []
    stack = list(c.inner)
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(x.inner)
    return out
