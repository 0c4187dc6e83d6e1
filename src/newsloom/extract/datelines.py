"""Written dates in page text: datelines ("Published: 3 March 2024 10:15 GMT", "Veröffentlicht am
3. März 2024"), meta lines that open with a date, and the date forms and words of the news
languages (``data/lexicons/dates.yaml``). Dates are read only as written: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources

import yaml

from .lexicon import lexicon

# A time after the date: its separator, "15:33", "3:33 p.m.", German "15:33 Uhr", and a zone
# written in capitals ("EST", "+01:00"; a lower-case word after the time is text: French "est").
_TIME = (
    r"(?:\s*(?:,|at|um|à|a las|alle|@|-|–|·|\|)?\s*(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*uhr\b)?(?:\s*(?P<tz>(?-i:[A-Z]{1,4})\b|[+-]\d{2}:?\d{2}))?)?"
)


@dataclass(frozen=True, slots=True)
class DateWords:
    """The written forms of dates (``data/lexicons/dates.yaml``)."""

    months: dict[str, int]
    published: tuple[str, ...]
    modified: tuple[str, ...]
    weekdays: frozenset[str]
    joiners: frozenset[str]
    small: frozenset[str]  # weekdays and joiners: words a dateline may hold beside its date


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    data = yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/dates.yaml").read_text("utf-8"))
    months = {str(name).lower(): int(number) for number, names in data["months"].items() for name in names}
    weekdays, joiners = frozenset(data["weekdays"]), frozenset(data["joiners"])
    return DateWords(months, tuple(data["labels"]["published"]), tuple(data["labels"]["modified"]),
                     weekdays, joiners, weekdays | joiners)


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


_FOUR_DIGITS = re.compile(r"\d{4}")
READING_TIME = re.compile(
    r"\b(\d{1,3})\s*(?:min|mins|minutes?)\.?\s+read\b|\b(?:reading|read) time\s*:?\s*(\d{1,3})\s*(?:min|mins|minutes?)\b",
    re.I,
)


@dataclass(slots=True)
class DateFound:
    iso: str
    start: int
    end: int


def find_datetime(text: str) -> DateFound | None:
    """The first written date (with time and zone when given) in ``text``, as ISO 8601."""
    if _FOUR_DIGITS.search(text) is None:
        return None  # every pattern needs a four-digit year; six searches saved on most lines
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
    m = READING_TIME.search(text)
    return f"PT{int(m.group(1) or m.group(2))}M" if m else None


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
    leftover = _UPDATE_TIME.sub("", READING_TIME.sub("", leftover)).strip(" ,.|-–—·")
    # Weekdays and the small words around a date and time ("am", "um ... Uhr") are no sentence.
    words = date_words()
    left = [w for w in leftover.split() if w.lower().strip(",.") not in words.small]
    # A handle marks an embedded post's signature ("— Name (@name) 3. März 2024"), not the page's date.
    if len(left) > 2 or "@" in leftover:  # the date is part of a sentence, not a dateline
        return None
    return ("modified" if label in words.modified else "published", date.iso)


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
              if w.lower().strip(".|/") not in words.small and w.strip("|/·•-–—")]
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


@lru_cache(maxsize=1)
def label_words() -> frozenset[str]:
    words = date_words()
    return frozenset(w for label in (*words.published, *words.modified) for w in label.split())


def dates_and_labels_only(text: str) -> bool:
    """Whether ``text`` holds only dates, times, dateline labels, weekdays and joining words."""
    for _ in range(3):
        found = find_datetime(text)
        if found is None:
            break
        text = text[:found.start] + " " + text[found.end:]
    words = date_words()
    allowed = label_words() | words.small
    return all(w.lower().strip(",.:|·•") in allowed for w in text.split() if w.strip(",.:|·•/-–—"))


def has_label(line: str) -> bool:
    """Whether ``line`` opens with a dateline's label ("Published:", "Veröffentlicht am")."""
    m = _dateline_prefix().match(line)
    return m is not None and m.group("label") is not None
