"""Where the report of a source phrase lies: "<clause>, according to X." reports the clause before
it, "According to X, <clause>." the clause after it, and "The plan, according to X, was dropped."
one clause on both sides, which the phrase interrupts. A clause split that way is reported as two
parts, each an exact slice, so what the source said leaves out "according to X" and its description."""

from __future__ import annotations

from spacy.tokens import Token

from .subjects import FINITE_TAGS as _FINITE

_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def report_sides(before: list[Token], after: list[Token]) -> list[list[Token]]:
    """The pieces of the sentence that hold the report, in order: both sides when a subject on one
    side belongs to a verb on the other; else the side with a verb of its own (",
    higher than any year on record" after a source reports nothing by itself); else the longer."""
    if _crosses(before, after) or _crosses(after, before):
        return [before, after]
    if _finite(before) != _finite(after):
        return [before] if _finite(before) else [after]
    return [after] if len(after) >= len(before) else [before]


def acts_of_own_subject(phrase: str, rest: list[Token]) -> bool:
    """A participle phrase ("citing X") in a sentence whose clause has its own subject and finite
    verb is that subject's act: "<X> called it a win, citing the polls" and "<X>, citing two
    officials, reported that ..." are X's; what X cites is not who reports the clause."""
    words = {t.i for t in rest}
    return phrase.endswith("ing") and any(
        t.dep_ in _SUBJECTS and t.head.tag_ in _FINITE and t.head.i in words for t in rest)


def _crosses(one: list[Token], other: list[Token]) -> bool:
    heads = {t.i for t in other}
    return any(t.dep_ in _SUBJECTS and t.head.i in heads for t in one)


def _finite(tokens: list[Token]) -> bool:
    return any(t.tag_ in _FINITE for t in tokens)


def split_parts(content: tuple[int, int], before: list[Token], after: list[Token]) -> list[tuple[int, int]] | None:
    """The two parts of a content that runs across the source phrase: from its start to the last
    word before the phrase, and from the first word after the source to its end."""
    last = next((t for t in reversed(before) if not t.is_punct), None)
    first = next((t for t in after if not t.is_punct), None)
    if last is None or first is None:
        return None
    one, two = (content[0], last.idx + len(last.text)), (first.idx, content[1])
    return [one, two] if one[0] < one[1] <= two[0] < two[1] else None


def report_parts(split: list[tuple[int, int]] | None, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of a reported clause cut to ``span`` (the clause kept within its paragraph and
    without its edge spaces); the span itself when the clause is not split."""
    parts = [(max(a, span[0]), min(b, span[1])) for a, b in split or ()]
    parts = [(a, b) for a, b in parts if a < b]
    return parts if len(parts) > 1 else [span]
