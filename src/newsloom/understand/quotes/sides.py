"""Where the report of a source phrase lies: "<clause>, according to X." reports the clause before
it, "According to X, <clause>." the clause after it, and "The plan, according to X, was dropped."
one clause on both sides, which the phrase interrupts. A clause split that way is reported as two
parts, each an exact slice, so what the source said leaves out "according to X" and its description."""

from __future__ import annotations

from collections.abc import Collection

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


# What may follow a reporting verb inside a set-off attribution (", a spokeswoman said on
# Saturday,", ", Carter told a Senate panel Wednesday."): never what was reported.
_ATTRIBUTION_DEPS = ("aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "agent", "prt")
_ADDRESSEE_DEPS = ("dobj", "dative")  # "told a Senate panel": only for a verb whose object is who heard it
_SET_OFF = {",", "—", "–", "--"}


def set_off_report(verb: Token, subject: Token, quoted: Collection[str],
                   addressed: bool) -> tuple[tuple[int, int], list[Token], list[Token]] | None:
    """"The permit, his campaign said, had been hard to get", "<clause>, she said.": an attribution
    set off by commas reports the rest of its sentence, however the parser hung the clause on it
    (as the verb's subject, a conjunct, or a noun's parataxis). Returns the span the attribution
    covers and the words before and after it; None when the verb's phrase is no such aside (a
    clause of its own follows, or the words before only say when: "When he arrived, he said ...")."""
    if subject.head.i != verb.i or subject.dep_ != "nsubj":
        return None  # an aside has a subject of its own ("a company that had declared ..." does not)
    sent = verb.sent
    doc = verb.doc
    # "..., as <Name> has said," / "As <Name> points out, ...": the "as" belongs to the aside.
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < subject.i), None)
    lo = min(subject.left_edge.i, verb.i) if mark is None else mark.i
    hi = max(verb.i, subject.right_edge.i)
    deps = _ATTRIBUTION_DEPS + _ADDRESSEE_DEPS if addressed else _ATTRIBUTION_DEPS
    for c in verb.children:
        if c.dep_ in deps and c.i > verb.i:
            hi = max(hi, c.right_edge.i)
    if not (lo > sent.start and doc[lo - 1].text in _SET_OFF or mark is not None and lo == sent.start):
        return None
    own = {t.i for t in subject.subtree} | {verb.i} | ({mark.i} if mark is not None else set())
    own |= {t.i for c in verb.children if c.dep_ in deps for t in c.subtree}
    if any(i not in own and not doc[i].is_punct for i in range(lo, hi + 1)):
        return None  # the phrase holds words of the clause: not a set-off attribution
    nxt = doc[hi + 1] if hi + 1 < sent.end else None
    if nxt is not None and (not nxt.is_punct or nxt.text == ":"):
        return None  # words of the clause go on, or a colon introduces what was said
    before = [t for t in sent if t.i < lo - 1]
    after = [t for t in sent if t.i > hi + 1] if nxt is not None and nxt.text in _SET_OFF else []
    words = before + after
    if not (before or after) or any(t.text in quoted or t.text in ("''", "``") for t in words):
        return None  # quotations are attributed by their marks
    first = next((t for t in before if not t.is_punct), None)
    if not after and first is not None and first.dep_ in ("mark", "advmod") and first.head.head.i == verb.i:
        return None  # "When he arrived, he said ...": a time or condition of the saying
    return (doc[lo].idx, doc[hi].idx + len(doc[hi].text)), before, after


def has_clause(tokens: list[Token]) -> bool:
    """A main clause lies in ``tokens``: a subject whose verb is there too and is not subordinate
    ("In one tweet", "But when Congress cut funding" report nothing by themselves)."""
    ids = {t.i for t in tokens}
    return any(t.dep_ in _SUBJECTS and t.head.i in ids
               and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in t.head.children) for t in tokens)
