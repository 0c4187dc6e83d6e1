"""Bylines and datelines in page text: authors, outlet desks, publication time, reading time.

``by The Example Post news desk February 24, 2023 6:54 AM 2 min read`` gives authors
``["The Example Post news desk"]``, outlet ``The Example Post``, published ``2023-02-24T06:54``
and reading time ``PT2M``. Dates are read only as written: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources

import yaml

from .lexicon import lexicon

_TIME = (
    r"(?:\s*(?:,|at|um|à|a las|alle|@|-|–|·|\|)?\s*(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?P<tz>[A-Z]{1,4}\b|[+-]\d{2}:?\d{2}))?)?"
)


@dataclass(frozen=True, slots=True)
class DateWords:
    """The written forms of dates (``data/lexicons/dates.yaml``)."""

    months: dict[str, int]
    published: tuple[str, ...]
    modified: tuple[str, ...]
    weekdays: frozenset[str]
    joiners: frozenset[str]


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    data = yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/dates.yaml").read_text("utf-8"))
    months = {str(name).lower(): int(number) for number, names in data["months"].items() for name in names}
    return DateWords(months, tuple(data["labels"]["published"]), tuple(data["labels"]["modified"]),
                     frozenset(data["weekdays"]), frozenset(data["joiners"]))


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    month = rf"(?P<month>{_alternation(date_words().months)})(?!\w)\.?"
    # "1er", "3º": French and Spanish ordinals; "de" joins day, month and year in Spanish and Portuguese.
    ordinal = r"(?:st|nd|rd|th|er|º|°)?\.?"
    return (
        re.compile(rf"(?<!\w){month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}", re.I),
        re.compile(rf"\b(?P<day>\d{{1,2}}){ordinal}\s+(?:de\s+)?{month},?\s+(?:de\s+)?(?P<year>\d{{4}}){_TIME}", re.I),
        re.compile(rf"\b(?P<year>\d{{4}})-(?P<mon>\d{{2}})-(?P<day>\d{{2}})(?:T|\s+)?{_TIME}", re.I),
        # Day first with dots (12.07.2023) is the European numeric form; year first with slashes
        # (2023/07/12) is unambiguous; day and month with slashes are ambiguous and skipped.
        re.compile(rf"\b(?P<day>\d{{1,2}})\.(?P<mon>\d{{1,2}})\.(?P<year>\d{{4}})(?!\d){_TIME}", re.I),
        re.compile(rf"\b(?P<year>\d{{4}})/(?P<mon>\d{{1,2}})/(?P<day>\d{{1,2}})(?![\d/]){_TIME}", re.I),
        # Day and month with slashes only when one reading is impossible (13/11/2019, 11/13/2019).
        re.compile(rf"(?<![\d/])(?P<day>1[3-9]|2\d|3[01])/(?P<mon>0?[1-9]|1[0-2])/(?P<year>\d{{4}})(?![\d/]){_TIME}"),
        re.compile(rf"(?<![\d/])(?P<mon>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>\d{{4}})(?![\d/]){_TIME}"),
        re.compile(rf"(?P<year>\d{{4}})年(?P<mon>\d{{1,2}})月(?P<day>\d{{1,2}})日{_TIME}"),
    )


_READING_TIME = re.compile(
    r"\b(\d{1,3})\s*(?:min|mins|minutes?)\.?\s+read\b|\b(?:reading|read) time\s*:?\s*(\d{1,3})\s*(?:min|mins|minutes?)\b",
    re.I,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*")
_CUT = re.compile(r"\s+(?:[|•·]|[-–—]\s)|\s+(?:updated|published|posted|on)\b", re.I)


@dataclass(slots=True)
class DateFound:
    iso: str
    start: int
    end: int


@dataclass(slots=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None
    reading_time: str | None = None


def find_datetime(text: str) -> DateFound | None:
    """The first written date (with time and zone when given) in ``text``, as ISO 8601."""
    found: list[tuple[int, re.Match[str]]] = []
    for pattern in _date_patterns():
        m = pattern.search(text)
        if m:
            found.append((m.start(), m))
    for _, m in sorted(found, key=lambda x: x[0]):
        iso = _to_iso(m)
        if iso:
            return DateFound(iso, m.start(), m.end())
    return None


def _to_iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    month = date_words().months.get(g["month"].lower().rstrip(".")) if g.get("month") else int(g["mon"])
    try:
        day = datetime(int(g["year"]), month or 0, int(g["day"]))
    except (TypeError, ValueError):
        return None
    if g.get("hour") is None:
        return day.date().isoformat()
    hour, minute = int(g["hour"]), int(g["minute"])
    ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day.date().isoformat()
    stamp = f"{day.date().isoformat()}T{hour:02d}:{minute:02d}"
    if g.get("second"):
        stamp += f":{g['second']}"
    tz = g.get("tz")
    if tz:
        offset = tz if tz[0] in "+-" else lexicon().time_zones.get(tz.upper())
        if offset:
            stamp += offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"
    return stamp


def reading_time(text: str) -> str | None:
    m = _READING_TIME.search(text)
    return f"PT{int(m.group(1) or m.group(2))}M" if m else None


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
    cut = _CUT.search(names_part)
    if cut:
        names_part = names_part[:cut.start()]
    names_part = _READING_TIME.sub("", names_part).strip(" ,;|-–—·")
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


@lru_cache(maxsize=1)
def _dateline_prefix() -> re.Pattern[str]:
    words = date_words()
    # A list bullet or an icon's dash may come first ("* Published: 3 May 2024").
    return re.compile(rf"^[*•·|/–—-]?\s*(?P<label>{_alternation((*words.published, *words.modified))})?(?!\w)\s*:?\s*(on\s+)?",
                      re.I)


# An update time after the date on the same line ("... 4:48 p.m. EDT Updated 7:02 p.m.").
_UPDATE_TIME = re.compile(r"\b(?:last )?updated:?\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,4}\b)?", re.I)


def parse_dateline(line: str) -> tuple[str, str] | None:
    """A line that is only a date ("Published: 3 March 2024 10:15 GMT") -> (label, ISO date),
    label being "modified" for update stamps and "published" otherwise."""
    if len(line) > 80:
        return None
    m = _dateline_prefix().match(line)
    label = (m.group("label") or "published").lower() if m else "published"
    date = find_datetime(line)
    if not date:
        return None
    # A label of another kind before the date ("Registered:", "Deadline:") is no dateline.
    if line[:date.start].rstrip().endswith(":") and not (m and m.group("label")):
        return None
    leftover = (line[:date.start][m.end() if m else 0:] + line[date.end:]).strip(" ,.|-–—·")
    leftover = _UPDATE_TIME.sub("", _READING_TIME.sub("", leftover)).strip(" ,.|-–—·")
    # Weekdays and the small words around a date and time ("am", "um ... Uhr") are no sentence.
    words = date_words()
    left = [w for w in leftover.split() if w.lower().strip(",.") not in words.weekdays | words.joiners]
    # A handle marks an embedded post's signature ("— Name (@name) 3. März 2024"), not the page's date.
    if len(left) > 2 or "@" in leftover:  # the date is part of a sentence, not a dateline
        return None
    return ("modified" if label in words.modified else "published", date.iso)


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


def parse_opening_date(line: str) -> tuple[str, str] | None:
    """A page's meta line that opens with its date and goes on with author, section or comment
    count ("3. März 2024 Jane Roe 2 Kommentare", "Posted on May 2, 2024 May 3, 2024 Author X")
    -> (label, ISO date); only a label, a weekday or small words may stand before the date."""
    if len(line) > 160 or line.endswith((".", "!", "?", ":")):
        return None
    m = _dateline_prefix().match(line)
    date = find_datetime(line)
    if date is None or "@" in line:
        return None
    words = date_words()
    before = [w for w in line[m.end() if m else 0:date.start].replace(",", " ").split()
              if w.lower().strip(".|/") not in words.weekdays | words.joiners and w.strip("|/·•-–—")]
    if before:
        return None
    label = (m.group("label") or "published").lower() if m else "published"
    return ("modified" if label in words.modified else "published", date.iso)


def label_only(line: str) -> str | None:
    """"published" or "modified" for a line that is only a dateline's label ("Aktualisiert:"),
    whose date a layout in columns puts on the next line; None for any other line."""
    if len(line) > 40:
        return None
    m = _dateline_prefix().match(line)
    if m is None or not m.group("label") or line[m.end():].strip(" :"):
        return None
    return "modified" if m.group("label").lower() in date_words().modified else "published"
