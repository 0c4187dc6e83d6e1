"""Bylines and datelines in page text: authors, outlet desks, publication time, reading time.

``by The Example Post news desk February 24, 2023 6:54 AM 2 min read`` gives authors
``["The Example Post news desk"]``, outlet ``The Example Post``, published ``2023-02-24T06:54``
and reading time ``PT2M``. Dates are read only as written: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .datelines import (  # noqa: F401 - date readers are imported from here by other modules
    READING_TIME,
    DateFound,
    date_words,
    dates_and_labels_only,
    find_datetime,
    label_only,
    label_words,
    parse_dateline,
    parse_opening_date,
    reading_time,
)
from .lexicon import lexicon

_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*")
# Where the names of a byline end: a separator, "on" or German "am" before a date, or a dateline
# label's first word in any news language ("published", "posted", "Von X publiziert am 3. Mai
# 2024", "Par X publié le ..."); a label word shorter than this ("date", "stand", "data") may be a name.
LABEL_CUT_CHARS = 6


@lru_cache(maxsize=1)
def _names_end() -> re.Pattern[str]:
    words = date_words()
    firsts = {label.split()[0] for label in (*words.published, *words.modified)}
    spelled = "|".join(re.escape(w) for w in sorted(firsts, key=len, reverse=True) if len(w) >= LABEL_CUT_CHARS)
    return re.compile(rf"\s+(?:[|•·]|[-–—]\s)|\s+(?:on|am|{spelled})(?!\w)", re.I)


@dataclass(slots=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None
    reading_time: str | None = None


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    prefixes = sorted(lexicon().byline_prefixes, key=len, reverse=True)  # longest first
    return re.compile("(?:" + "|".join(re.escape(p) for p in prefixes) + ")[ :]", re.I)


def has_byline_prefix(line: str) -> bool:
    """Whether ``line`` opens like a byline ("By ...", "Written by ..."): a cheap first test."""
    return _prefix_pattern().match(line) is not None


def _strip_prefix(line: str) -> str | None:
    m = _prefix_pattern().match(line)
    return line[m.end():].lstrip(" :") if m else None


def parse_byline(line: str) -> Byline | None:
    """A byline line ("By A and B, March 3, 2024 ..."), or None when ``line`` is not one."""
    if len(line) > 200:
        return None
    rest = _strip_prefix(line.strip())
    if not rest or not rest[0].isupper():
        return None
    date = find_datetime(rest)
    names_part = rest[:date.start] if date else rest
    cut = _names_end().search(names_part)
    if cut:
        names_part = names_part[:cut.start()]
    names_part = READING_TIME.sub("", names_part).strip(" ,;|-–—·")
    names_part = _drop_roles(_WEEKDAY_TAIL.sub("", names_part).strip(" ,;|-–—·"))
    if not names_part or len(names_part.split()) > 12 or not _looks_like_names(names_part):
        return None
    byline = Byline(published=date.iso if date else None, reading_time=reading_time(rest))
    parts = [n.strip() for n in _NAME_SPLIT.split(names_part) if n.strip()]
    desk = _desk_outlet(names_part) if len(parts) == 1 else None
    if desk is not None:
        byline.authors = [names_part]
        byline.outlet = desk or None
    else:
        # People with their agency ("A and B, Example Wire"): the agency is no author.
        byline.authors = [p for p in parts if _desk_outlet(p) is None] or parts
    return byline


# A weekday left between the names and the date ("..., Example Wire Thursday, September 22").
_WEEKDAY_TAIL = re.compile(r"[\s,]+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?$", re.I)
# "in Istanbul", "in New York" after the names: where the reporter filed from.
_FILED_FROM = re.compile(r"\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}$")
_NOT_ROLE_START = frozenset("the a an he she it they we i".split())


def _drop_roles(names: str) -> str:
    """Names without what follows them: the place filed from and, after a comma, a role in lower
    case ("Jane Roe, UN correspondent", "Jane Roe in Geneva"), when the first name is a person's."""
    names = _FILED_FROM.sub("", names)
    first, *others = [p.strip() for p in names.split(",")]
    if not others or not _is_person_name(first):
        return names
    kept = [first]
    for part in others:
        words = part.split()
        is_role = (0 < len(words) <= 3 and words[-1][0].islower() and words[0].lower() not in _NOT_ROLE_START)
        if not is_role:
            kept.append(part)
    return ", ".join(kept)


_BARE_SEP = re.compile(r"\s+[·|•—–-]\s+|\s*[|·•]\s*")
# Words that open a dateline or a label, never a person's name.
_NOT_NAME_WORDS = frozenset(
    "published updated posted last modified first date today yesterday monday tuesday wednesday thursday "
    "friday saturday sunday news breaking live latest home world".split()
)


def parse_bare_byline(line: str) -> Byline | None:
    """A byline without "By" right under a headline: "<Name>, <Place> · <date>" or "<Name> | <date>",
    the name being 2-4 capitalised words; None for anything else (a date is required)."""
    if len(line) > 200:
        return None
    parts = _BARE_SEP.split(line.strip(), maxsplit=1)
    if len(parts) != 2:
        # "<Name>, <Place> <date>" with no separator: the comma still marks the place.
        date = find_datetime(line)
        if date is None or "," not in line[:date.start]:
            return None
        parts = [line[:date.start].strip(" ,"), line[date.start:]]
    who, rest = parts
    name = who.split(",")[0].strip()
    place = who[len(name):].strip(" ,")
    date = find_datetime(rest)
    if date is None or len(rest[:date.start].split()) > 2 or not _is_person_name(name):
        return None
    if place and (len(place.split()) > 3 or not all(w[0].isupper() for w in place.split())):
        return None
    return Byline(authors=[name], published=date.iso, reading_time=reading_time(rest))


def _is_person_name(name: str) -> bool:
    words = name.split()
    capitalised = [w for w in words if w not in _NAME_PARTICLES]
    if not 2 <= len(capitalised) <= 4 or len(words) > 6:
        return False
    for word in capitalised:
        letters = word.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
        if not letters.isalpha() or not word[0].isupper() or word.lower() in _NOT_NAME_WORDS:
            return False
    # A label in capitals ("WORLD NEWS") is a section, not a name.
    return not all(w.isupper() for w in capitalised)


# Lower-case words a list of names may hold: joiners and name particles.
_NAME_PARTICLES = frozenset(
    "and und et y e & de da di del della der den van von la le du al el bin ibn ten ter zu".split()
)


def _looks_like_names(names: str) -> bool:
    """Names, a desk or an agency, not a sentence ("By Monday, the ministry had agreed.")."""
    if names.endswith((".", "!", "?")) and not names.endswith((" Jr.", " Sr.")):
        return False
    desk = {w for d in lexicon().desk_words for w in d.split()}
    for word in re.findall(r"[\w'’-]+", names):
        if word[0].islower() and word not in _NAME_PARTICLES and word not in desk:
            return False
    return True


def _desk_outlet(names: str) -> str | None:
    """For a desk byline ("The Example Post news desk", "Example Post staff") the outlet's name
    ("" when the desk names none); None when ``names`` are people."""
    low = names.lower()
    for word in sorted(lexicon().desk_words, key=len, reverse=True):
        if low == word or low.endswith(" " + word):
            return names[: len(names) - len(word)].strip()
    return None


_COPYRIGHT = [
    re.compile(r"^(?:©|\(c\)|copyright)(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<name>[^\W\d][\w&'’. -]{1,60}?)"
               r"\s*(?:,?\s*\d{4})?\s*(?:[.,|·]|all rights|$)", re.I),
    re.compile(r"^(?P<name>[^\W\d][\w&'’. -]{1,60}?)\s*(?:©|\(c\)|copyright)\s*\d{4}", re.I),
]
# Compiled once: through re.search, the cache look-up cost as much as the search (60 lines a page).
_COPYRIGHT_MARK = re.compile(r"©|\(c\)|copyright", re.I)
_LEGAL_FORM = re.compile(r"[\s,]+(?:fz-llc|llc|ltd\.?|limited|inc\.?|gmbh|ag|s\.a\.|plc|llp|corp\.?)$", re.I)


def outlet_from_copyright(lines: list[str]) -> str | None:
    """The name in a copyright line ("© 2024 Example Post. All rights reserved.", "Example Post ©
    2024"), searched from the end of the page; legal forms (Ltd, LLC, GmbH...) dropped."""
    for line in reversed(lines[-60:]):
        if len(line) > 160 or not _COPYRIGHT_MARK.search(line):
            continue
        for pattern in _COPYRIGHT:
            m = pattern.search(line.strip())
            if m:
                name = _LEGAL_FORM.sub("", m.group("name").strip(" .,|-"))
                if name and not re.match(r"(?i)all rights|copyright", name):
                    return name
    return None


def byline_in_meta_line(line: str) -> Byline | None:
    """The byline inside a dated meta line, after its date or a label ("3. März 2024 | von Jane Roe",
    "Posted on May 2, 2024 by Jane Roe"); None when the line holds no date or no such byline."""
    if len(line) > 200:
        return None
    date = find_datetime(line)
    if date is None:
        return None
    for m in _INNER_PREFIX.finditer(line):
        before = line[:m.start(1)].rstrip()
        if not before:
            continue  # a line opening with "By" is parse_byline's
        # After a separator, or after nothing but dates, labels and weekdays: "Rezepte von Mutti"
        # is a blog's name.
        if before[-1] not in "|·•/,—–-" and not dates_and_labels_only(before):
            continue
        end = date.start if date.start > m.start() else len(line)
        piece = _INNER_CUT.split(line[m.start(1):end], maxsplit=1)[0]
        byline = parse_byline(piece.rstrip(" ,|·•/-–—"))
        if byline is not None and byline.authors:
            return byline
    return None


# A byline word after a separator or a date inside a meta line.


_INNER_CUT = re.compile(r"\s+[/|·•—–-]\s+")
_INNER_PREFIX = re.compile(r"(?:^|[\s|·•/,])(?=((?:by|von|par|por)\s*:?\s))", re.I)
