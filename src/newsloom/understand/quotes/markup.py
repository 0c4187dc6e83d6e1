"""Markup a scrape left in the text (``<tweet author="..." date="...">Name said``) is no part of
who speaks: a speaker phrase starts after the last tag it runs into, and a phrase lying inside
a tag names nobody."""

from __future__ import annotations

from ...model import Speaker
from .named import Resolved

_SKIP = " \t\u00a0\"'“”"


def outside_markup(text: str, r: Resolved | None) -> Resolved | None:
    """``r`` with its speaker's words cut to what follows the last ``>`` in them; None when the
    words lie inside an unclosed ``<`` of their line or nothing follows the tag."""
    if r is None:
        return None
    sp = r.speaker
    close = text.rfind(">", sp.start, sp.end)
    if close < 0:
        line = text.rfind("\n", 0, sp.start) + 1
        # Inside a tag (an attribute's value, 'datetime="2016-06'), the words name nobody.
        return None if text.rfind("<", line, sp.start) > text.rfind(">", line, sp.start) else r
    a = close + 1
    while a < sp.end and text[a] in _SKIP:
        a += 1
    if a >= sp.end or "<" in text[a:sp.end]:
        return None
    r.speaker = Speaker(text[a:sp.end], a, sp.end, sp.actor)
    return r
