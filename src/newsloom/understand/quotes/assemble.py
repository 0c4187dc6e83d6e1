"""Quotation items before speakers are resolved: the marked pieces, split quotations joined into
one item with its parts, and speakers carried over to follow-on quotations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .cues import Cue
from .followups import new_statement_verbs
from .marks import Marked

_LABEL_DEPS = {"compound", "amod", "nmod", "det", "nummod"}


@dataclass(slots=True)
class Item:
    """One quotation or reported clause; ``parts`` are the speaker's own words, each an exact
    slice of the text, and ``start``/``end`` run from the first part to the last."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    mark: Marked | None = None
    inherit_from: Item | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def quoted_parts(text: str, m: Marked) -> list[tuple[int, int]]:
    """The pieces of a quotation without surrounding space and without the comma that hands
    over to the attribution (“…,” she said)."""
    pieces = []
    for a, b in m.parts:
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or (b == m.parts[-1][1] and text[b - 1] == ",")):
            b -= 1
        if b > a:
            pieces.append((a, b))
    return pieces or [(m.text_start, m.text_end)]


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def joined(text: str, parts: list[tuple[int, int]]) -> str:
    """The parts of a quotation as the reader reads them: “…autumn,” he said. “The free world…”
    has a full stop where the attribution stood; “…severity,” he said, “and by…” keeps its comma."""
    words = text[parts[0][0]:parts[0][1]]
    for a, b in parts[1:]:
        first, second = words.rstrip(), text[a:b]
        if first.endswith(","):
            first = first[:-1] + ("," if second[:1].islower() else ".")
        elif not first.endswith((".", "!", "?", "…", ":", ";", "—", "–")):
            first += "," if second[:1].islower() else "."
        words = f"{first} {second.lstrip()}"
    return words


def is_label(doc: Doc, m: Marked) -> bool:
    """A quoted word modifying a noun after it (a “no Russia” clause) labels, nobody says it."""
    span = doc.char_span(m.text_start, m.text_end, alignment_mode="expand")
    if span is None or len(span) > 4:
        return False
    heads_out = [t for t in span if not span.start <= t.head.i < span.end]
    return (bool(heads_out) and all(t.head.i >= span.end and t.dep_ in _LABEL_DEPS for t in heads_out)
            and any(t.dep_ != "det" for t in heads_out))


def reports_clause(doc: Doc, cue: Cue | None) -> bool:
    """The cue reports a clause (with a verb), not just names a thing."""
    if cue is None or cue.content is None:
        return False
    span = doc.char_span(*cue.content, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


# At most this many words in quotation marks read as a scare quote or a quoted name, not a statement.
_SCARE_WORDS = 4


def merge_split_quotes(items: list[Item], para_of: Callable[[int], int], text: str) -> list[Item]:
    """“First half,” she said, “second half.” is one quotation with one cue and two parts; so is
    a second half with no cue of its own after a long attribution in the same paragraph
    (“…,” said <name>, <a long description>, “…”)."""
    out: list[Item] = []
    for it in items:
        prev = _last_marked(out, it)
        if (prev is not None and prev.mark is not None and it.mark is not None and prev.cue is not None
                and (prev.cue is it.cue or _within_attribution(prev.cue, it.cue)
                     or it.cue is None and para_of(it.start) - para_of(prev.start) <= 1)
                and it.kind == "direct" and prev.kind in ("direct", "partial")
                and not _scare_quote_across_paragraphs(prev, it, para_of, text)
                and _cue_between(prev, it, out)):
            prev.parts.extend(it.parts)
            prev.end = it.end
            continue
        out.append(it)
    return out


def _scare_quote_across_paragraphs(prev: Item, it: Item, para_of: Callable[[int], int], text: str) -> bool:
    """A scare-quoted word or phrase and a quotation in a later paragraph are two statements
    (words like “perhaps”, he told reporters. ¶ “This is reckless.”): only a paragraph that opens
    a quotation and leaves it open runs on into the next one. A longer partial quotation finished
    by its attribution (leaders “who ...,” she said. ¶ “And that is why ...”) may go on."""
    assert prev.mark is not None
    return (prev.kind == "partial" and prev.mark.closed and prev.mark.words(text) <= _SCARE_WORDS
            and para_of(it.start) != para_of(prev.parts[-1][1] if prev.parts else prev.end))


def _cue_between(prev: Item, it: Item, out: list[Item]) -> bool:
    """The attribution stands between the pieces. A quotation already joined to the piece after
    its cue (“…,” he said. “…” ¶ “…”) takes a further piece only when no other statement came
    in between ("Greene added that ... ¶ “…”" gives that piece to the added clause)."""
    assert prev.cue is not None
    if prev.end < prev.cue.start < it.start:
        return True
    first_end = prev.parts[0][1] if prev.parts else prev.end
    return first_end < prev.cue.start < it.start and out[-1] is prev


def _within_attribution(cue: Cue, other: Cue | None) -> bool:
    """``other`` hangs on ``cue``'s verb ("he said, referring to X", "said when asked about Y",
    "said A, who declined to be named"): it is part of that attribution, not a new one."""
    if other is None or other.noun or cue.noun or other.start < cue.start:
        return False
    if other.anchor.lemma_ in new_statement_verbs():
        return False  # "“…,” she said, adding “…”": annotators and readers take a second statement
    t = other.anchor
    while t.head.i != t.i and t.i != cue.anchor.i:
        t = t.head
    return t.i == cue.anchor.i


def _last_marked(out: list[Item], it: Item) -> Item | None:
    """The item before ``it``, passing over reported clauses that lie inside an attribution
    between two quotations (“…,” he told Reuters when asked if he had met her. “…”)."""
    for prev in reversed(out):
        if prev.mark is not None:
            return prev
        if prev.end > it.start:
            return None
    return None


def dedupe(items: list[Item]) -> list[Item]:
    """Two cues over one clause ("called ..., while acknowledging that X") report it once."""
    seen: set[tuple[int, int]] = set()
    out = []
    for it in sorted(items, key=lambda it: it.start):
        if (it.start, it.end) not in seen:
            seen.add((it.start, it.end))
            out.append(it)
    return out


def inherit_speakers(items: list[Item], para_of: Callable[[int], int], sentence_of: Callable[[int], int]) -> None:
    """A direct quotation with no cue continues the speaker of the quotation just before it; a
    partial one only within that quotation's sentence ("told X that “…,” and that “…”"), since
    words quoted in another sentence ("which Apple views as “…”") are not that speaker's."""
    last: Item | None = None
    for it in items:
        if it.cue is None and it.mark is not None and last is not None and last.cue is not None:
            if it.kind == "direct" and para_of(it.start) - para_of(last.end) <= 1:
                it.inherit_from = last
            elif it.kind != "direct" and sentence_of(it.start) == sentence_of(last.cue.start):
                it.inherit_from = last
        if it.mark is not None and it.cue is not None:
            last = it
