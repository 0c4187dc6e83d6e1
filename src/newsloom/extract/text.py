"""Plain and flattened text -> Article: drop page furniture, find title, byline and dateline.

A clean text (no boilerplate lines, mostly prose) passes through: its first line is the title
when it reads like one, every other line is a paragraph, and no date is guessed. A flattened
page (menus, appeals, feeds still in it) is reduced to its main prose block (``classify``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Article
from .blocks import Marks, block_lines, main_block
from .blockscore import choose_spans
from .boilerplate import learned_lines
from .byline import (
    Byline,
    byline_in_meta_line,
    has_byline_prefix,
    outlet_from_copyright,
    parse_bare_byline,
    parse_byline,
    reading_time,
)
from .classify import DROPPED, Kind, Line, classify_lines
from .datelines import has_label, label_only, parse_dateline, parse_opening_date
from .headed import announced_lists, carried_below, records_above, thin_or_headed
from .paragraphs import build_article_text, visible_text
from .posts import grown_thin, past_sidebar
from .subject import subject_lines_as_prose
from .verdict import MIN_ARTICLE_WORDS, headline_repeats, no_article_reason

# A clean text has at least this share of prose lines (and no boilerplate at all).
CLEAN_PROSE_SHARE = 0.5
# How far above the article block the title and byline are looked for.
HEADER_REACH = 10
# Runs of spaces and odd spaces (tab, no-break, thin, ideographic...) become one space over the
# whole text at once (per line it costs twice as much). Each odd space a text holds is replaced
# by str.replace, then runs of spaces collapsed: ~2.5x faster than one regex over a character
# class, which the engine tests at every position (tests compare it with that regex).
_ODD_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200C))) + "\u202f\u205f\u3000"
_SPACE_RUN = re.compile("  +")
# How far over the headline a dateline is looked for (a kicker or a category may sit between).
DATE_OVER_HEADLINE = 3
# How far under the article's last line a closing dateline is looked for.
DATE_UNDER_BODY = 3
# The masthead (the outlet's name as a line of its own) sits among the page's first lines.
MASTHEAD_REACH = 15
_YEAR = re.compile(r"\d{4}")
_DATELINE_PARTS = re.compile(r"\s+[·|•]\s+")
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+")


@dataclass(slots=True)
class Header:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None
    modified: str | None = None
    reading_time: str | None = None
    lines: set[int] = field(default_factory=set)  # indexes of byline/dateline lines


def one_space(text: str) -> str:
    """``text`` with each run of spaces and odd spaces made one space."""
    for odd in _ODD_SPACES:
        if odd in text:
            text = text.replace(odd, " ")
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def split_lines(text: str) -> list[str]:
    lines = (ln.strip() for ln in one_space(visible_text(text)).splitlines())
    return [ln for ln in lines if ln]


def _headline_like(line: Line) -> bool:
    if line.kind not in (Kind.SHORT, Kind.PROSE) or not 2 <= line.words <= 30 or len(line.text) > 250:
        return False
    return not line.text.endswith((".", ",", ";", ":")) or line.text.endswith("...")


def _read_meta_line(index: int, text: str, header: Header, bare: bool = False, over: str = "") -> bool:
    """Fill ``header`` from a byline or dateline; True when the line was one. ``bare`` also
    accepts a byline without "By" ("Name, Place · date"), which only reads as one under a headline;
    ``over`` is the line above, which may be the date's label alone ("Updated:")."""
    if _YEAR.search(text) is None and not has_byline_prefix(text):
        return False  # neither a date nor a byline prefix: the common case, decided cheaply
    byline: Byline | None = parse_byline(text)
    if byline is None and bare:
        byline = parse_bare_byline(text)
    if byline is not None:
        header.authors = header.authors or byline.authors
        header.outlet = header.outlet or byline.outlet
        header.published = header.published or byline.published
        header.reading_time = header.reading_time or byline.reading_time
    found = byline is not None
    # Datelines, and the "updated" stamp a byline line often carries after its date. A whole
    # line that reads as one dateline keeps its time ("May 2, 2024 · 7:32 pm EST").
    whole = parse_dateline(text) if byline is None else None
    if whole is not None and over and label_only(over) == "modified":
        whole = ("modified", whole[1])
    parts = [] if len(text) > 200 else [text] if whole else _DATELINE_PARTS.split(text)
    for part in parts:
        dated = whole if part is text else parse_dateline(part)
        if dated is None:
            continue
        found = True
        label, iso = dated
        if label == "modified":
            header.modified = header.modified or iso
        else:
            header.published = header.published or iso
    # Under a headline, a meta line may open with the date and go on with author and section.
    opening = parse_opening_date(text) if bare and not found else None
    if opening is not None:
        found = True
        if opening[0] == "modified":
            header.modified = header.modified or opening[1]
        else:
            header.published = header.published or opening[1]
    if found and bare and byline is None and not header.authors:
        inner = byline_in_meta_line(text)
        header.authors = inner.authors if inner is not None else header.authors
    if found:
        header.lines.add(index)
        header.reading_time = header.reading_time or reading_time(text)
    return found


def read_header(lines: Sequence[Line], first: int, repeats: Sequence[int] = ()) -> Header:
    """Title, byline and dateline from the lines just above the article's first line. The title
    is the nearest repeat of the page title above the article (``repeats``); else the first
    piece of the page's <title> line ("Headline - Outlet"); else a line just above the article
    that reads as a headline, one of a few words (a share bar, a byline) only as the last resort."""
    header = Header()
    above = [r for r in repeats if r < first]
    headline = above[-1] if above else None
    near = headline is not None and first - headline <= HEADER_REACH
    strict = loose = top = None
    meta = True
    for i in range(first - 1, max(-1, first - 1 - HEADER_REACH), -1):
        line = lines[i]
        if meta and _read_meta_line(i, line.text, header, bare=True, over=lines[i - 1].text if i else ""):
            continue
        if near and i > headline:  # type: ignore[operator]
            continue
        if line.kind in DROPPED or not _headline_like(line) or _byline_like(line.text):
            continue
        if meta:
            top = i  # bylines and datelines sit under the headline; a bare date may stand over it
        meta = False
        loose = loose if loose is not None else line.text
        if _reads_as_headline(line.text):
            strict = line.text
            break
    if header.published is None:
        _date_in_reach(lines, first, top, header)
    # Measured against the pages' own metadata titles, the <title> line's first piece beats a
    # headline-like line above the article, which is often a share bar, a byline or another
    # piece's headline (BENCHMARKS.md, issue 13, session 14, titles).
    if above:
        header.title = lines[above[-1]].text
    else:
        header.title = (_title_piece(lines[0].text) if lines and lines[0].kind is Kind.SHORT else None) or strict or loose
    return header


def _date_in_reach(lines: Sequence[Line], first: int, top: int | None, header: Header) -> None:
    """The publication date from the dateline nearest the article in the header's reach, or just
    over the headline at ``top`` (kicker, date, headline), when none stands under the headline:
    a line that is a dateline or opens with one; a date under an update label is no publication date."""
    low = first - HEADER_REACH if top is None else min(first - HEADER_REACH, top - DATE_OVER_HEADLINE)
    for i in range(first - 1, max(-1, low - 1), -1):
        text = lines[i].text
        if _YEAR.search(text) is None:
            continue  # every written date has a four-digit year: most lines are decided here
        dated = parse_dateline(text) or parse_opening_date(text)
        if dated is not None:
            if dated[0] == "published" and not (i and label_only(lines[i - 1].text) == "modified"):
                header.published = dated[1]
                header.lines.add(i)
            return


def _date_under_body(lines: Sequence[Line], end: int) -> str | None:
    """The publication date of a dateline right under the article ("Publiziert: 3. April 2020"),
    closing it as some sites do; further down, dates belong to the lists and comments that follow."""
    for i in range(end, min(len(lines), end + DATE_UNDER_BODY)):
        text = lines[i].text
        dated = parse_dateline(text) if _YEAR.search(text) else None
        # A bare date past the first line under the article may head what follows (an event list).
        if dated is not None and (i == end or has_label(text)):
            return dated[1] if dated[0] == "published" else None
    return None


def _title_piece(line: str) -> str | None:
    """The headline of a page's <title> line ("Headline - Outlet"), which html-text puts first."""
    piece = _TITLE_SPLIT.split(line, maxsplit=1)[0]
    return piece if piece != line and len(piece.split()) >= 3 else None


def _byline_like(text: str) -> bool:
    """A byline ("By Jane Roe and John Doe", "Jane Roe, Town · 3 May 2024"), read or not as the
    header's: never the title, though it is short and unpunctuated like one."""
    return has_byline_prefix(text) or parse_bare_byline(text) is not None


def _reads_as_headline(text: str) -> bool:
    """A headline has a few words and is no list item, address or count ("858 shares")."""
    return (len(text.split()) >= 4 and not text.startswith(("* ", "+ ", "- ", "• "))
            and "@" not in text and "://" not in text and not text.isupper())


def _known_filter(lines: Sequence[str], known: Callable[[str], bool] | None) -> Callable[[str], bool] | None:
    flagged = learned_lines(lines, known)
    return flagged.__contains__ if flagged else None


def extract_text(text: str, *, source: str, known: Callable[[str], bool] | None = None) -> Article:
    """The article in ``text``; ``known(line)`` flags lines learned as the outlet's boilerplate."""
    raw_lines = split_lines(text)
    info: dict[str, str | None] = {}
    lines = classify_lines(raw_lines, _known_filter(raw_lines, known), info)
    subject_lines_as_prose(lines)
    clean = bool(lines) and not any(
        ln.kind in DROPPED for ln in lines
    ) and sum(ln.kind is Kind.PROSE for ln in lines) >= CLEAN_PROSE_SHARE * len(lines)
    if clean:
        header = Header()
        start = 0
        if len(lines) > 1 and _headline_like(lines[0]):
            header.title, start = lines[0].text, 1
        # A clean text may still open with a byline or dateline under its title.
        while start < min(len(lines), 3) and _read_meta_line(start, lines[start].text, header, bare=True):
            start += 1
        body = [ln.text for ln in lines[start:]]
        method, spans = "text:plain", []
    else:
        repeats = headline_repeats(raw_lines)
        headline = repeats[-1] if repeats else None
        marks = Marks(first_sidebar=len(lines))
        spans = choose_spans(lines, marks) if main_block(lines, headline, repeats, marks) else None
        # The headline's run is judged on the chosen blocks as found (too thin, or a widget past a
        # sidebar heading); a thin body's closed-off neighbours, a list a block announces, the
        # records right above each and a chronicle, fields or records right below are added after.
        spans = past_sidebar(lines, thin_or_headed(lines, spans, headline), headline)
        spans = announced_lists(lines, grown_thin(lines, spans))
        spans = carried_below(lines, records_above(lines, spans))
        if not spans:
            return Article(source=source, extraction={"method": "text:cleaner", "note": "no article found"})
        header = read_header(lines, spans[0][0], repeats)
        body = [t for span in spans for t in block_lines(lines, span) if not _is_meta(t, header)]
        if header.published is None:
            header.published = _date_under_body(lines, spans[-1][1])
        method = "text:cleaner"
    # A text given clean may be any length (a note, a brief); a scraped page needs an article's.
    reason = no_article_reason(body, (*raw_lines[:1], header.title), min_words=1 if clean else MIN_ARTICLE_WORDS)
    if reason:
        body = []
    body_text, paragraphs = build_article_text(body)
    extraction: dict[str, object] = {"method": method, "lines": len(lines), "kept": len(paragraphs)}
    if len(spans) > 1:
        extraction["blocks"] = len(spans)  # the chooser was unsure: two separate runs of the page kept
    if header.outlet is None and not clean:
        header.outlet, source_of = _page_outlet(raw_lines)
        if header.outlet:
            extraction["outlet_from"] = source_of
    if reason:
        extraction["note"] = f"no article found: {reason}"
    return Article(source=source, text=body_text, paragraphs=paragraphs, title=header.title,
                   authors=header.authors, published=header.published, modified=header.modified,
                   outlet=header.outlet, reading_time=header.reading_time,
                   language=info.get("language") if body_text else None, extraction=extraction)


def _page_outlet(raw_lines: Sequence[str]) -> tuple[str | None, str]:
    """The outlet a flattened page names (with where it was found): the page title's "- Outlet"
    suffix when the page also shows it as a line of its own (the masthead), else the copyright
    holder, shortened to the masthead or title form ("Example Post Media Ltd" -> "Example Post")."""
    suffixes = [p for p in _TITLE_SPLIT.split(raw_lines[0])[1:] if 1 <= len(p.split()) <= 5] if raw_lines else []
    if suffixes:
        shown = {" ".join(ln.lower().split()) for ln in (*raw_lines[1:MASTHEAD_REACH], *raw_lines[-MASTHEAD_REACH:])}
        for piece in suffixes:
            if piece.lower() in shown:
                return piece, "masthead"
    name = _masthead_form(outlet_from_copyright(list(raw_lines)), [*raw_lines[:MASTHEAD_REACH], *suffixes])
    return name, "copyright"


def _masthead_form(name: str | None, top: Sequence[str]) -> str | None:
    """The copyright holder's name as the masthead at the top of the page writes it: a company
    ("Example Current Media") publishes under its first words ("EXAMPLE CURRENT")."""
    if not name:
        return None
    words = name.split()
    folded = {" ".join(ln.lower().split()) for ln in top}
    for n in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:n])
        if len(prefix) >= 6 and prefix.lower() in folded:
            return prefix
    return name


def _is_meta(text: str, header: Header) -> bool:
    """A byline or dateline inside the block is metadata, not a paragraph."""
    if len(text) > 200:
        return False
    probe = Header()
    if _read_meta_line(0, text, probe):
        header.authors = header.authors or probe.authors
        header.published = header.published or probe.published
        header.outlet = header.outlet or probe.outlet
        return True
    return False
