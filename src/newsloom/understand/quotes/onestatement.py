"""One statement, one attribution: what one cue reports is not reported twice.

Two cases of the same statement split across items of one cue: a quotation the parser leaves
beside the reported clause that already holds it ("These rules, the lawyers said, “all point one
way”" gives the clause and the quotation inside it), and quoted pieces of one reported clause
that the clause itself does not reach ("called the plan “costly” and “late,”"). The first is
dropped; the second become one item whose parts are the pieces, each an exact slice; so does a
run of quoted lines after one attribution."""

from __future__ import annotations

import re

from .assemble import Item
from .cues import Cue

_GAP = 80  # max characters between two quoted pieces of one clause
# What joins two quoted pieces into one list ("“disgusting” and “a con”"), and what opens a
# piece continuing one from before its attribution ("“smart as hell,” X wrote, and “…”").
_MARK = "[“”\"'‘’«»„]"
_COORDINATED = re.compile(rf"[,\s]*{_MARK}{{1,2}}[,\s]*(?:and|or)\s+{_MARK}{{1,2}}")
_CONTINUING = re.compile(rf",\s*(?:and|or)\s+{_MARK}{{1,2}}$")
_SENTENCE_BREAK = ".;!?\n"


def _source(it: Item) -> Cue | None:
    return it.cue or (it.inherit_from.cue if it.inherit_from else None)


def one_per_statement(items: list[Item], text: str) -> list[Item]:
    return _join_runs(_join_pieces(_drop_inner(items), text), text)


_BETWEEN = set("“”\"'‘’«»„ \u00a0\t\n")


def _join_runs(items: list[Item], text: str) -> list[Item]:
    """A direct quotation with no cue of its own, right after an attributed one with nothing but
    marks and space between (“…”¶“…”, a run of quoted lines), continues that statement."""
    out: list[Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (prev is not None and it.kind == "direct" and it.cue is None and it.mark is not None
                and prev.mark is not None and prev.kind == "direct" and _source(prev) is not None
                and prev.end <= it.start and all(ch in _BETWEEN for ch in text[prev.end:it.start])):
            prev.parts.extend(it.parts)
            prev.end = it.end
            continue
        out.append(it)
    return out


def _drop_inner(items: list[Item]) -> list[Item]:
    """Items without those lying inside another item of the same cue."""
    by_cue: dict[int, list[Item]] = {}
    for it in items:
        if (src := _source(it)) is not None:
            by_cue.setdefault(id(src), []).append(it)
    drop: set[int] = set()
    for group in by_cue.values():
        for it in group:
            if any(o is not it and id(o) not in drop and o.start <= it.start and it.end <= o.end
                   and (o.start, o.end) != (it.start, it.end) for o in group):
                drop.add(id(it))
    return [it for it in items if id(it) not in drop]


def _join_pieces(items: list[Item], text: str) -> list[Item]:
    """Partial quotations of one cue, next to each other in one sentence and on the same side of
    the cue, are one statement. A piece before the cue and one after it are not joined: the first
    is usually a name or another speaker's words ("on “Hannity,” X said if ...")."""
    out: list[Item] = []
    last: dict[int, Item] = {}
    for it in items:
        src = _source(it)
        prev = last.get(id(src)) if src is not None else None
        if (src is not None and prev is not None and prev.kind == it.kind == "partial"
                and prev.mark is not None and it.mark is not None
                and 0 <= it.start - prev.end < _GAP
                and not any(ch in text[prev.end:it.start] for ch in _SENTENCE_BREAK)
                and (not prev.end <= src.start < it.start or _CONTINUING.search(text, prev.end, it.start))):
            prev.parts.extend(it.parts)
            prev.end = it.end
            continue
        if out and _coordinated(out[-1], it, text):
            # Two quoted pieces joined by "and" are one list, whichever cue lies nearer each.
            out[-1].parts.extend(it.parts)
            out[-1].end = it.end
            continue
        if src is not None:
            last[id(src)] = it
        out.append(it)
    return out


def _bare(it: Item) -> bool:
    """A partial quotation standing alone (its pieces are all it holds), not a reported clause."""
    return it.kind == "partial" and it.mark is not None and bool(it.parts) \
        and it.parts[0][0] == it.start and it.parts[-1][1] == it.end


def _coordinated(prev: Item, it: Item, text: str) -> bool:
    return (_bare(prev) and _bare(it) and prev.end <= it.start
            and _COORDINATED.fullmatch(text, prev.end, it.start) is not None)
