"""Cues whose parsed subject lies inside a quotation: the parser often hangs a verb after a
quotation with no comma ("“…” the paper's editor Jo Lee responded.") on the quotation's own verb,
so the cue inherits a subject from the quoted words. A speaker is never inside what they said."""

from __future__ import annotations

from .cues import Cue
from .subjects import stray_subject


def subjects_outside(cues: list[Cue], quoted: list[tuple[int, int]]) -> None:
    """Give each cue outside the quotations a subject outside them too: the name next to its
    verb when there is one, else none (the cue then attributes no quotation by itself)."""
    for c in cues:
        if c.subject is None or c.speaker_span is not None or c.relative is not None:
            continue
        at, verb = c.subject.idx, c.anchor.idx
        if any(a <= at < b for a, b in quoted) and not any(a <= verb < b for a, b in quoted):
            c.subject = stray_subject(c.anchor, c.anchor.sent)
