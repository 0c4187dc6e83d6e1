"""Date and time expressions resolved against the publication date (component ``newsloom_dates``).

Rules in compiled regexes cover the forms news uses ("Feb. 18", "last week", "on Tuesday",
"24 February 2022", "three days ago"); spaCy DATE entities they miss go to dateparser, cached.
Without a publication date only fully explicit dates resolve: nothing is guessed from the clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import DateMention
from .types import doc_text

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
         r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|"
         r"Nov\.?|Dec\.?)")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"

# Ordered: the first pattern to match at a position wins; all are case-sensitive where the
# capital matters (the month "May" against the verb "may").
PATTERNS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx)) for name, rx in [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("mdy", rf"\b(?P<m>{MONTH})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?"),
    ("dmy", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{_YEAR})\b)?"),
    ("my", rf"\b(?P<m>{MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    ("month", rf"(?i:\b(?P<mod>last|this|next|early|late|mid-?|in|since|until|by|during|before|"
              rf"after)\s+)(?P<m>{MONTH})\b(?![\s-]+\d)"),
    ("weekday", rf"(?:(?i:\b(?P<mod>last|this|next|on|since|until|by|from)\s+))?\b(?P<w>{WEEKDAY})\b"),
    ("day", r"(?i:\b(?P<rel>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|"
            r"last\s+night)\b)"),
    ("ago", r"(?i:\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<u>day|week|month|year)s?\s+ago\b)"),
    ("period", r"(?i:\b(?P<mod>last|this|next|past|previous|earlier\s+this|later\s+this|"
               r"the\s+past|the\s+previous)\s+(?P<u>week|month|year)\b)"),
    ("year", rf"(?i:\b(?:in|since|by|until|during|of|from|before|after|early|late|mid-?)\s+)"
             rf"(?P<y>{_YEAR})\b(?![\s-]*\d)"),
]]
# Words a pattern cannot match without, searched first (same regex engine, same case rules): a
# weekday or "ago" is in few articles, and those two patterns cost most of the scan (0.8 and 0.6
# ms per article) where a literal search costs 0.03-0.06 ms.
_NEEDS = {"weekday": re.compile(WEEKDAY), "ago": re.compile(r"(?i:ago\b)")}
# Spans that are durations, not points in time ("three years", "one-year", "more than 12 hours"):
# a unit of time with no anchor (no "ago", "last", month, weekday or year).
_UNIT = re.compile(r"(?i)\b(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))\b")
_ANCHOR = re.compile(rf"(?i)\b(?:ago|last|next|this|past|previous|earlier|later|end|start|beginning|"
                     rf"since|until|today|yesterday|tomorrow)\b|{MONTH}|{WEEKDAY}|{_YEAR}")
# DATE entities worth handing to dateparser: they name a calendar point somehow.
_DATEISH = re.compile(rf"\d|{MONTH}|{WEEKDAY}|(?i:\b(?:today|yesterday|tomorrow|ago|last|next|this|"
                      r"week|month|year)\b)")
_FUTURE = {"will", "shall", "'ll", "\u2019ll", "wo"}
# Verbs whose complement happens later: "is due to meet", "is expected to sign".
_FUTURE_LEMMAS = {"due", "expect", "schedule", "plan", "set", "intend", "aim"}
# Which group holds the span to report: "in March" reports "March".
_SPAN_GROUP = {"month": "m", "year": "y", "weekday": None}


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    resolved: str | None


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _iso(d: date) -> str:
    return d.isoformat()


def _range(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _shift_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _month(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _closest_year(pub: date, month: int, day: int) -> date | None:
    """The date nearest to publication (a "Feb. 18" in a February article is that February)."""
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        # Ties go to the past: news reports more than it announces.
        key = (abs((d - pub).days), d > pub)
        if best is None or key < best[0]:
            best = (key, d)
    return best[1] if best else None


def resolve(kind: str, g: dict[str, str | None], pub: date | None, future: bool) -> str | None:
    """The ISO date, reduced-precision date ("2023-03") or range an expression stands for."""
    if kind in ("iso", "mdy", "dmy", "my", "year"):
        return _absolute(kind, g, pub)
    if pub is None:
        return None
    mod = (g.get("mod") or "").lower()
    if kind == "month":
        return _named_month(_month(g["m"] or ""), mod, pub, future)
    if kind == "weekday":
        return _weekday(_WEEKDAYS[(g["w"] or "").lower()], mod, pub, future)
    if kind == "day":
        rel = " ".join((g["rel"] or "").lower().split())
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(rel, 0)
        return _iso(pub + timedelta(days=offset))
    if kind == "ago":
        return _ago(g, pub)
    if kind == "period":
        return _period((g["u"] or "").lower(), " ".join(mod.split()), pub)
    return None


def _absolute(kind: str, g: dict[str, str | None], pub: date | None) -> str | None:
    """A date that names its month (and maybe year): the year, when missing, is the closest to ``pub``."""
    if kind == "my":
        return f"{int(g['y']):04d}-{_month(g['m'] or ''):02d}"  # type: ignore[arg-type]
    if kind == "year":
        return g["y"]
    month = int(g["m"]) if kind == "iso" else _month(g["m"] or "")  # type: ignore[arg-type]
    day = _day(g["d"] or "")
    try:
        if g.get("y"):
            return _iso(date(int(g["y"]), month, day))  # type: ignore[arg-type]
    except ValueError:
        return None
    d = _closest_year(pub, month, day) if pub else None
    return _iso(d) if d else None


def _named_month(m: int, mod: str, pub: date, future: bool) -> str:
    if mod == "next" or (future and mod not in ("last", "since")):
        y = pub.year if m > pub.month else pub.year + 1
    elif mod == "this":
        y = pub.year
    elif mod == "last":
        y = pub.year if m < pub.month else pub.year - 1
    else:
        y = pub.year if m <= pub.month else pub.year - 1
    return f"{y:04d}-{m:02d}"


def _weekday(wd: int, mod: str, pub: date, future: bool) -> str:
    back = (pub.weekday() - wd) % 7
    if mod == "next" or (future and mod != "last"):
        return _iso(pub + timedelta(days=(wd - pub.weekday()) % 7 or 7))
    if mod == "last":
        back = back or 7
    if mod == "this":
        return _iso(pub - timedelta(days=pub.weekday()) + timedelta(days=wd))
    return _iso(pub - timedelta(days=back))


def _ago(g: dict[str, str | None], pub: date) -> str | None:
    n = _NUMBERS.get((g["n"] or "").lower()) if not (g["n"] or "").isdigit() else int(g["n"] or 0)
    if n is None:
        return None
    unit = (g["u"] or "").lower()
    if unit in ("day", "week"):
        return _iso(pub - timedelta(days=n * (7 if unit == "week" else 1)))
    if unit == "month":
        y, m = _shift_months(pub, -n)
        return f"{y:04d}-{m:02d}"
    return f"{pub.year - n:04d}"


def _period(unit: str, mod: str, pub: date) -> str:
    step = {"last": -1, "previous": -1, "the previous": -1, "next": 1}.get(mod, 0)
    if mod in ("past", "the past"):
        days = {"week": 7, "month": 30, "year": 365}[unit]
        return _range(pub - timedelta(days=days), pub)
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        if mod == "earlier this":
            return _range(monday, pub)
        return _range(monday, monday + timedelta(days=6))
    if unit == "month":
        y, m = _shift_months(pub, step)
        if mod == "earlier this":
            return _range(date(y, m, 1), pub)
        return _range(date(y, m, 1), _month_end(y, m))
    return f"{pub.year + step:04d}"


@lru_cache(maxsize=4096)
def _dateparser(text: str, pub: date | None) -> str | None:
    """Last resort for DATE entities the rules do not know; cached, since it is slow."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "STRICT_PARSING": pub is None}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    try:
        found = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on some odd inputs; an unresolved date is the answer
        return None
    if found is None or not re.search(r"\d", text):
        return None  # without a day number dateparser invents one from its base date
    return found.date().isoformat()


def _is_future(span: Span) -> bool:
    """Whether the clause around a date speaks of the future: "will meet on Tuesday", "is due to
    meet on Wednesday", "is expected to announce on Friday"."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    for _ in range(3):
        if tok.lower_ in _FUTURE or tok.lemma_ in _FUTURE_LEMMAS:
            return True
        if any(c.lower_ in _FUTURE and c.dep_ == "aux" for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "relcl") or tok.head.i == tok.i:
            break
        tok = tok.head
    return False


@Language.factory("newsloom_dates")
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    return DateResolver()


class DateResolver:
    """Finds and resolves every date expression of a Doc into ``doc._.nl_dates``."""

    def __init__(self) -> None:
        # dateparser compiles its patterns on first use; pay that once here, before workers fork.
        _dateparser("3 March 2021", None)

    def __call__(self, doc: Doc) -> Doc:
        pub = parse_published(doc._.nl_published)
        text = doc_text(doc)
        hits: list[_Hit] = []
        taken: list[tuple[int, int]] = []
        for kind, rx in PATTERNS:
            need = _NEEDS.get(kind)
            if need is not None and need.search(text) is None:
                continue
            for m in rx.finditer(text):
                group = _SPAN_GROUP.get(kind, "")
                start, end = (m.span(group) if group else m.span())
                if kind == "weekday":
                    start = m.start("w")
                if any(s < end and start < e for s, e in taken):
                    continue
                span = doc.char_span(start, end, alignment_mode="expand")
                future = _is_future(span) if span is not None and len(span) else False
                try:
                    value = resolve(kind, m.groupdict(), pub, future)
                except (KeyError, ValueError):
                    value = None
                hits.append(_Hit(start, end, value))
                taken.append((start, end))
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            if any(s < ent.end_char and ent.start_char < e for s, e in taken):
                continue
            if (_UNIT.search(ent.text) and not _ANCHOR.search(ent.text)) or not _DATEISH.search(ent.text):
                continue
            if re.fullmatch(_YEAR, ent.text):
                resolved: str | None = ent.text
            elif re.fullmatch(MONTH, ent.text):
                resolved = resolve("month", {"m": ent.text, "mod": None}, pub, _is_future(ent))
            elif ent.label_ == "DATE" and (pub is not None or re.search(_YEAR, ent.text)):
                resolved = _dateparser(ent.text, pub)
            else:
                resolved = None
            hits.append(_Hit(ent.start_char, ent.end_char, resolved))
            taken.append((ent.start_char, ent.end_char))
        hits.sort(key=lambda h: h.start)
        doc._.nl_dates = [DateMention(text[h.start:h.end], h.start, h.end, h.resolved) for h in hits]
        return doc
