"""Documents as speakers: which document an "it" stands for, and who issued a document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..types import LinkedMention
from .lexicon import Lexicon
from .mentions import MentionIndex


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What the document helpers need of a resolver: the parse, the mentions, the lexicon, where
    sentences start and how a speaker phrase is delimited (no back reference to the resolver)."""

    doc: Doc
    index: MentionIndex
    lex: Lexicon
    sentence_of: Callable[[int], int]
    noun_phrase: Callable[[Token], tuple[int, int]]


def document_subject_before(resolver: DocumentContext, pos: int) -> Token | None:
    """The subject of a main clause in the two sentences before ``pos`` when it is a document."""
    here = resolver.sentence_of(pos)
    sents = list(resolver.doc.sents)[max(0, here - 2) : here]
    for sent in reversed(sents):
        root = sent.root
        # A parse that roots the sentence on its subject ("The resolution, drafted by ..., passed").
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")),
                    root if root.pos_ == "NOUN" else None)
        if subj is not None and subj.lemma_.lower() in resolver.lex.document_nouns:
            return subj
    return None


def issuer_before(resolver: DocumentContext, head: Token) -> LinkedMention | None:
    """The actor who issued this document: the subject of the verb issuing it in its own sentence
    ("<Name> issued a statement saying ..."), else the one an earlier sentence says issued this
    kind of document."""
    if head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in resolver.lex.issuing_verbs:
        here = _issuer_of(resolver, head.head)
        if here is not None:
            return here
    lemma = head.lemma_.lower()
    for sent in reversed([s for s in resolver.doc.sents if s.end_char <= head.idx][-12:]):
        for tok in sent:
            if tok.lemma_.lower() not in resolver.lex.issuing_verbs:
                continue
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            objs += [g for o in objs for g in o.conjuncts]
            if not any(o.lemma_.lower() == lemma or o.lemma_.lower() in resolver.lex.document_nouns
                       for o in objs):
                continue
            pick = _issuer_of(resolver, tok)
            if pick is not None:
                return pick
    return None


def issuing_subject(resolver: DocumentContext, head: Token) -> Token | None:
    """Who issues this document in its own sentence ("<Name> issued a statement saying ...", "a
    statement was released by <Name>"): the one saying it, the document only the means. None when
    the document is no object of an issuing verb, or its issuer is a document too."""
    if head.dep_ not in ("dobj", "nsubjpass") or head.head.lemma_.lower() not in resolver.lex.issuing_verbs:
        return None
    src = _subject_of(head.head)
    if src is None or src.lemma_.lower() in resolver.lex.document_nouns:
        return None
    return src


def _subject_of(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj or next((g for c in verb.children if c.dep_ == "agent" for g in c.children), None)


def _issuer_of(resolver: DocumentContext, verb: Token) -> LinkedMention | None:
    """The actor named by the subject (or the "by" agent) of an issuing verb."""
    src = _subject_of(verb)
    if src is None:
        return None
    sa, sb = resolver.noun_phrase(src)
    found = [m for m in resolver.index.within(sa, sb) if m.actor.type != "place"]
    return (next((m for m in found if m.start <= src.idx < m.end), None)
            or next((m for m in found if m.actor.type == "organization"), None)
            or (found[0] if found else None))
