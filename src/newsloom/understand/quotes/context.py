"""When, where and through whom something was said: date, venue and relaying outlet of a quote."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model import Actor, DateMention
from .lexicon import Lexicon
from .mentions import MentionIndex


def _outside(a: int, b: int, hole: tuple[int, int] | None) -> bool:
    return hole is None or b <= hole[0] or a >= hole[1]


def quote_date(dates: list[DateMention], sentence: tuple[int, int], holes: list[tuple[int, int]],
               published: str | None, past: bool = True) -> str | None:
    """The date the sentence gives for the statement, else the publication date.

    Only a date outside the quoted words, the reported clause and the speaker's phrase counts;
    a bare year ("in 2022") is too coarse to date a statement; and words reported in the past
    tense cannot have been said after the article was published."""
    day = published[:10] if published and re.match(r"\d{4}-\d\d-\d\d", published) else None
    for d in dates:
        when = d.resolved
        if not when or not (sentence[0] <= d.start and d.end <= sentence[1]):
            continue
        if not all(_outside(d.start, d.end, h) for h in holes) or re.fullmatch(r"\d{4}", when):
            continue
        if past and day and when[:10] > day:
            continue
        return when
    # A publication timestamp gives the day the words were reported, not the hour.
    return day or published


@lru_cache(maxsize=4)
def _venue_re(prepositions: tuple[str, ...], venue_nouns: tuple[str, ...]) -> re.Pattern[str]:
    preps = "|".join(re.escape(p) for p in prepositions)
    nouns = "|".join(re.escape(n) for n in venue_nouns)
    # A preposition, at most six words, a venue noun, then its "of/with ..." tail up to a clause end.
    return re.compile(
        rf"\b(?:{preps})\s+((?:(?!\b(?:{preps})\b)[\w’'.\-]+\s+){{0,6}}?(?:{nouns})s?\b"
        rf"(?:\s+(?:of|with|at|on|in|for|between)\s+[^,;:.“”\"]*?"
        rf"(?=\s+on\s+[A-Z]|\s+(?:that|where|when|to)\s|[,;:“”\"]|\.\s|\.$|$))?)",
        re.I)


def quote_venue(text: str, sentence: tuple[int, int], hole: tuple[int, int] | None,
                lex: Lexicon) -> str | None:
    """"a meeting of the UN Security Council" from "... during a meeting of the UN Security Council"."""
    s0, s1 = sentence
    # The venue must lie outside the quoted words: search the sentence around them.
    if hole is not None and s0 <= hole[0] <= s1:
        pieces = [(s0, hole[0]), (min(hole[1], s1), s1)]
    else:
        pieces = [(s0, s1)]
    for a, b in pieces:
        for m in _venue_re(lex.venue_prepositions, lex.venue_nouns).finditer(text, a, b):
            return m.group(1).strip()
    return None


def quote_via(text: str, sentence: tuple[int, int], hole: tuple[int, int] | None,
              index: MentionIndex, lex: Lexicon) -> Actor | None:
    """The outlet a statement was made to: "in an interview with CNN", "told the BBC"."""
    low = text.lower()
    for pattern in lex.via_patterns:
        start = sentence[0]
        while (i := low.find(pattern, start, sentence[1])) >= 0:
            start = i + len(pattern)
            if not _outside(i, start, hole) or (i and low[i - 1].isalnum()):
                continue
            window = index.within(start, min(sentence[1], start + 40))
            org = next((m for m in window if m.actor.type == "organization"
                        and text[start : m.start].strip().lower() in ("", "the")), None)
            if org is not None:
                return org.actor
    return None
