"""A reporting cue and the cutting of what it reports: the clause's tokens minus nested
reporting clauses, trimmed of leading "that" and of words left dangling by the cut."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Lexicon
from .subjects import QUOTE_CHARS as _QUOTE_CHARS
from .subjects import is_cue_verb

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


@dataclass(slots=True)
class Cue:
    """One reporting cue of a sentence; offsets are character offsets into the doc text."""

    anchor: Token  # the verb, or "according" of a source phrase
    text: str
    start: int
    end: int
    subject: Token | None  # head of the speaker's noun phrase
    content: tuple[int, int] | None  # the reported clause
    via: Token | None = None  # relaying outlet ("the Guardian quoted X as saying")
    explicit: bool = True  # the subject is the verb's own, not inherited from a governing verb
    passive_this: bool = False  # "This was stated by X": the content is the previous sentence
    speaker_span: tuple[int, int] | None = None  # a speaker given by layout, not by the parse
    noun: bool = False  # led by a noun ("<Name>'s claim that ..."), not a verb
    relative: Token | None = None  # "who" of "<Name>, who said": the subject word standing for the name
    stance: bool = False  # a position toward what the object names ("endorsed <Name>"), not a clause said
    parts: list[tuple[int, int]] | None = None  # a content split by a source phrase (sides.py)


def _dangles(t: Token, kept: set[int]) -> bool:
    """A function word whose other half was cut out: a preposition without its object, a modifier
    or particle without its head."""
    if t.dep_ == "prep":
        return not any(c.i in kept for c in t.children)
    return t.dep_ in ("advmod", "aux", "det") and t.head.i not in kept


def _is_root(t: Token, ids: set[int]) -> bool:
    return t.head.i == t.i or t.head.i not in ids


def _opens_without_subject(t: Token, kept: set[int]) -> bool:
    """The content opens with its own finite verb (or that verb's auxiliary): its subject was
    left outside. A verb further down opens nothing ("called for increased spending": a
    participle modifying a noun; "if elected, he would ...": an inner clause)."""
    if t.pos_ not in ("AUX", "VERB") or t.tag_ in ("VBG", "VB"):
        return False
    verb = t.head if t.dep_ in ("aux", "auxpass") else t
    return _is_root(verb, kept)


def trim(tokens: list[Token], one_word: bool = False) -> tuple[int, int] | None:
    """Char span of the tokens, without leading "that"/punctuation and trailing punctuation."""
    toks = sorted(tokens, key=lambda t: t.i)
    ids = {t.i for t in toks}
    # Only the clause's own "that" goes: in "said that, if elected, he would ..." the "if" of an
    # inner clause stays with it.
    while toks and (toks[0].is_punct and toks[0].text not in _QUOTE_CHARS
                    or toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether", "if")
                    and _is_root(toks[0].head, ids)):
        toks = toks[1:]
    kept = {t.i for t in toks}
    # Trailing punctuation and words left dangling when a nested clause was cut out: "listened
    # to one another rather than [stating positions]" keeps "listened to one another".
    while toks and (toks[-1].is_punct and toks[-1].text not in _QUOTE_CHARS or toks[-1].dep_ in ("cc", "mark")
                    or _dangles(toks[-1], kept)):
        kept.discard(toks[-1].i)
        toks = toks[:-1]
    if toks and _opens_without_subject(toks[0], kept):
        return None  # "what he said was a draft": a clause with its subject outside
    words = [t for t in toks if not t.is_punct]
    # One word says nothing ("said so"), unless it names someone ("endorsed Clinton", "Clinton
    # was endorsed by ...").
    if len(words) < 2 and not (words and (one_word or words[0].pos_ == "PROPN")
                               and words[0].dep_ in ("dobj", "pobj", "nsubjpass")):
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)



def _contrasted(verb: Token) -> bool:
    """"74 percent said they would vote for him, while 22 percent said they might not": a report
    set against the first by "while" or "whereas", after it, is a statement of its own, not part
    of it (one before it, "found that, while 37 percent say X, 22 percent say Y", stays inside)."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children)


def content_tokens(roots: list[Token], lex: Lexicon, verb: Token) -> list[Token]:
    """Tokens of the reported clause(s): subtrees of ``roots`` minus nested reporting clauses."""
    cut: set[int] = set()
    keep: list[Token] = []
    for root in roots:
        for t in root.subtree:
            if t.i in cut:
                continue
            if (t is not root and t.dep_ in ("advcl", "conj") and is_cue_verb(t, lex)
                    and (not any(c.dep_ in _SUBJECT_DEPS for c in t.children) or t.i > root.i and _contrasted(t))):
                cut.update(x.i for x in t.subtree)
                continue
            keep.append(t)
    kept = [t for t in keep if t.i not in cut and t.i != verb.i]
    if kept and cut:
        # "said A, telling B that C": what follows a nested reporting clause is its own.
        first = min(kept, key=lambda t: t.i).i
        inner = [i for i in cut if i > first]
        if inner:
            kept = [t for t in kept if t.i < min(inner)]
    return kept


