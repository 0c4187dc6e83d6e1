"""Service text that is the page's own subject.

The line classes read privacy, cookie, consent, booking and sign-up sentences as page furniture,
which they are on a news page. On a page *about* that service (a blog's privacy policy, a
post on cookie consent) they are its text: the title then names the service itself (the lexicon
reads it as furniture too) and the page says it again as the heading over its text. There, the
sentence-length lines read as furniture are prose again, so the article is not cut at each one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .classify import MIN_PROSE_WORDS, Kind, Line

# The title is short; its repeat as a heading sits within SUBJECT_REACH lines of the top, is a
# short line itself and stands over a sentence (at most TEXT_BELOW lines further down).
TITLE_MAX_WORDS = 12
SUBJECT_REACH = 12
SUBJECT_MAX_WORDS = 8
TEXT_BELOW = 2
# Lines read as text again: sentences (a button or a label stays furniture).
_SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")
_WORD = re.compile(r"\w+")


def _phrase(line: Line) -> str:
    return " ".join(_WORD.findall(line.text.lower()))


def _sentence(line: Line) -> bool:
    return line.words >= MIN_PROSE_WORDS and line.text.rstrip("\"'”’»)").endswith(_SENTENCE_ENDS)


def _heading_over_text(lines: Sequence[Line], i: int) -> bool:
    line = lines[i]
    if line.kind is not Kind.BOILERPLATE or not 2 <= line.words <= SUBJECT_MAX_WORDS or _sentence(line):
        return False
    return any(_sentence(ln) for ln in lines[i + 1:i + 1 + TEXT_BELOW])


def service_subject(lines: Sequence[Line]) -> bool:
    """Whether the page's first line (its title) is service vocabulary that a heading near the top
    says again, one containing the other ("Privacy policy" / "Example Lab privacy policy")."""
    if len(lines) < 3 or lines[0].kind is not Kind.BOILERPLATE or lines[0].words > TITLE_MAX_WORDS:
        return False
    title = _phrase(lines[0])
    for i in range(1, min(len(lines), SUBJECT_REACH)):
        if _heading_over_text(lines, i):
            phrase = _phrase(lines[i])
            if phrase in title or title in phrase:
                return True
    return False


def subject_lines_as_prose(lines: Sequence[Line]) -> None:
    """On a page whose subject is the service (``service_subject``), its sentences read as
    furniture are read as prose (in place)."""
    if not service_subject(lines):
        return
    for line in lines:
        if line.kind is Kind.BOILERPLATE and _sentence(line):
            line.kind = Kind.PROSE
