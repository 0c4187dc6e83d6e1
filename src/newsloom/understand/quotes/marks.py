"""Quotation marks -> quoted spans, across sentences and paragraphs, on the raw text.

Works on characters, not tokens, so abbreviations ("U.S.", "Feb.") and sentence splits never cut
a quotation. The mark conventions (English “…”, German „…“, French «…», Nordic »…«, straight and
doubled-apostrophe marks, single ‘…’) are data: ``data/lexicons/quote_marks.yaml``. Marks inside an
open quotation other than its closers stay inside it (nested quotes). A paragraph that ends inside
an open quotation continues into the next one when that one starts with an opening mark (the
newspaper convention); otherwise the quotation is closed at the paragraph end and marked unclosed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

_PARAGRAPH_BREAK = re.compile(r"\n+")
# An unclosed quotation longer than this is a stray mark, not a speech: it is cut back to its first
# paragraph and to the last sentence end within this many characters.
MAX_UNCLOSED = 1000
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*(?=\s)")


@dataclass(frozen=True, slots=True)
class MarkTable:
    closers: dict[str, tuple[str, ...]]  # opening mark -> marks that close it
    ambiguous: tuple[str, ...]
    single: frozenset[str]  # opening marks of single-quote pairs
    tight: frozenset[str]  # opening marks written against their first word
    pattern: re.Pattern[str]
    mixed: dict[str, tuple[str, ...]]  # opening mark -> closers of another convention it may meet

    def opens(self, mark: str) -> bool:
        return mark in self.closers or mark in self.ambiguous


@lru_cache(maxsize=1)
def mark_table() -> MarkTable:
    data = yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/quote_marks.yaml")
                          .read_text("utf-8"))
    closers: dict[str, tuple[str, ...]] = {}
    for pair in data["pairs"] + data["single"]:
        closers.setdefault(pair["open"], tuple(pair["close"]))
    ambiguous = tuple(data["ambiguous"])
    marks = set(closers) | {c for cs in closers.values() for c in cs} | set(ambiguous)
    alts = sorted(marks, key=len, reverse=True)  # "''" before any one-character mark
    return MarkTable(closers, ambiguous, frozenset(p["open"] for p in data["single"]),
                     frozenset(p["open"] for p in data["pairs"] if p.get("tight")),
                     re.compile("|".join(re.escape(m) for m in alts)),
                     {k: tuple(v) for k, v in (data.get("mixed") or {}).items()})


@dataclass(slots=True)
class Marked:
    """One quotation: ``start``/``end`` cover the marks; ``parts`` are the content pieces."""

    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True
    opener: str = "“"

    @property
    def text_start(self) -> int:
        return self.parts[0][0]

    @property
    def text_end(self) -> int:
        return self.parts[-1][1]

    def text(self, doc_text: str) -> str:
        return " ".join(doc_text[a:b].strip() for a, b in self.parts).strip()

    def words(self, doc_text: str) -> int:
        return len(self.text(doc_text).split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty line blocks of the text as ``(start, end)``; scrapes keep one paragraph a line."""
    out, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def _closes(text: str, i: int, mark: str, current: Marked, table: MarkTable) -> bool:
    """``mark`` at ``i`` closes the open quotation."""
    if _reversed_closer(text, i, mark, current, table):
        return True
    if mark not in table.closers.get(current.opener, (current.opener,) if current.opener in table.ambiguous else ()):
        # "…” after a straight opening mark: a closer of another convention, unless its own
        # opening mark stands in between (then it closes that one, nested inside).
        # Nor when the quotation's own closer still comes in the paragraph (“He said "no" to me”).
        if mark not in table.mixed.get(current.opener, ()):
            return False
        own_openers = [o for o, cs in table.closers.items() if mark in cs]
        line_end = text.find("\n", i)
        rest = text[i + len(mark):line_end if line_end >= 0 else len(text)]
        own_closers = table.closers.get(current.opener, (current.opener,))
        if any(o in text[current.start + 1:i] for o in own_openers):
            return False
        # An own closer later in the paragraph keeps this quotation open, unless an opening mark
        # of this closer's convention comes first: then that later mark closes the next quotation
        # ("…,” Reid said. “One more thing.")
        ahead = [p for p in (rest.find(c) for c in own_closers) if p >= 0]
        return not ahead or any(0 <= rest.find(o) < min(ahead) for o in own_openers)
    # A single closing mark followed by a letter is an apostrophe ("it’s", "Clinton’s").
    return not (current.opener in table.single and _word_char(text, i + len(mark)))


def _reversed_closer(text: str, i: int, mark: str, current: Marked, table: MarkTable) -> bool:
    """An opening mark written where a closing one belongs ("…here,“ said the senator"): the
    quotation's own opener again, right after closing punctuation and before a space."""
    if mark != current.opener or mark in table.single or mark in table.ambiguous or i < 1:
        return False
    after = i + len(mark)
    return text[i - 1] in ",.!?" and (after >= len(text) or text[after].isspace())


# An all-capitals speaker label of one to three words opening a line, the transcript convention
# ("WALLACE: …"), optionally inside the quotation mark that opens the line.
TRANSCRIPT_LABEL = re.compile(r"[\"“]?\s*((?:[A-Z][A-Z.'’-]+)(?:\s+[A-Z][A-Z.'’-]+){0,2})\s*:\s+(?=\S)")

# An attribute's value in markup a scrape left in the text: ``name="value"``.
_ATTRIBUTE = re.compile(r"(?<=[\w-])=([\"“”])[^\"“”<>\n]*[\"“”]")


def _opens_here(text: str, i: int, mark: str, table: MarkTable) -> bool:
    if not table.opens(mark):
        return False
    # A single opening mark starts a word ("‘in their heads’"); inside a word it is an apostrophe.
    if mark in table.single:
        return not _word_char(text, i - 1) and _word_char(text, i + 1)
    # A "tight" opening mark, one that also closes in a commoner convention ("”", "»"), opens
    # only against its word, so a stray closing mark of English text opens nothing.
    if mark in table.tight:
        return not _word_char(text, i - 1) and i + len(mark) < len(text) and not text[i + len(mark)].isspace()
    return True


def _continues(text: str, para: tuple[int, int], table: MarkTable) -> int | None:
    """Where the content of a continuation paragraph starts, when it opens with a mark."""
    lead = text[para[0]:para[1]].lstrip()
    first = para[1] - len(lead)
    m = table.pattern.match(text, first) if lead else None
    return m.end() if m and table.opens(m.group()) and m.group() not in table.single else None


def find_quotations(text: str) -> list[Marked]:
    """Every quotation in ``text``, in order. Unclosed ones end at their paragraph's end."""
    table = mark_table()
    found: list[Marked] = []
    paras = paragraphs(text)
    current: Marked | None = None
    seg_start = 0
    for pi, (p_start, p_end) in enumerate(paras):
        i = p_start
        if current is not None:
            cont = _continues(text, (p_start, p_end), table)
            if cont is not None and TRANSCRIPT_LABEL.match(text, cont, p_end):
                # A quoted transcript ("“WALLACE: …¶“PENCE: …"): a new speaker's label ends the
                # turn before it, which was complete at its paragraph's end.
                found.append(current)
                current, cont = None, None
            if cont is None:
                current = None
            else:
                seg_start = i = cont
        values = [v.span() for v in _ATTRIBUTE.finditer(text, p_start, p_end)]
        for hit in table.pattern.finditer(text, i, p_end):
            i, mark = hit.start(), hit.group()
            if values and any(a <= i < b for a, b in values):
                continue  # markup left in scraped text (<tweet date="...">): a value, not a quotation
            if current is not None and _closes(text, i, mark, current, table):
                current.parts.append((seg_start, i))
                current.end = i + len(mark)
                found.append(current)
                current = None
            elif current is None and _opens_here(text, i, mark, table):
                current = Marked(start=i, end=i, opener=mark)
                seg_start = i + len(mark)
            elif (current is not None and mark == current.opener and mark not in table.single
                  and mark in table.closers and mark not in table.closers[mark]):
                # A second opening mark of the same kind: the first was never closed.
                current.parts.append((seg_start, i))
                current.end, current.closed = i, False
                found.append(current)
                current = Marked(start=i, end=i, opener=mark)
                seg_start = i + len(mark)
        if current is not None:
            current.parts.append((seg_start, p_end))
            current.end = p_end
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt is None or _continues(text, nxt, table) is None:
                current.closed = False
                found.append(current)
                current = None
    found = [_bounded(m, text) if not m.closed else m for m in found]
    return [m for m in found if m.parts and any(text[a:b].strip() for a, b in m.parts)]


def _bounded(m: Marked, text: str) -> Marked:
    """An unclosed quotation, kept within its first paragraph and MAX_UNCLOSED characters."""
    if m.end - m.start <= MAX_UNCLOSED:
        return m
    a, b = m.parts[0]
    if b - m.start > MAX_UNCLOSED:
        ends = [e.end() for e in _SENTENCE_END.finditer(text, a, m.start + MAX_UNCLOSED)]
        b = ends[-1] if ends else m.start + MAX_UNCLOSED
    return Marked(start=m.start, end=b, parts=[(a, b)], closed=False)


# Words a title keeps in lower case ("Meet the Press", "Face the Nation").
_TITLE_SMALL = {"of", "the", "a", "an", "and", "or", "to", "in", "on", "for", "with", "at", "by", "from", "is"}
_TITLE_MAX_WORDS = 6


def is_title(text: str, m: Marked) -> bool:
    """A quoted name of a show or work inside running prose ("appeared on “Meet the Press.”",
    "told “Today”"): every word capitalised, a few words, and lower-case prose just before it;
    or, ending without punctuation, the sentence running on after it in lower case ("“Broad
    City” star X", "''Billions'' is"), or a nickname between two parts of a name. A headline
    (capitalised throughout) or a quotation opening a sentence and ending one is not judged here."""
    words = text[m.text_start:m.text_end].split()
    if not 0 < len(words) <= _TITLE_MAX_WORDS or words[-1][-1:] in "!?":
        return False
    if not all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words) or not words[0][0].isupper():
        return False
    if words[-1][-1:].isalnum() and _prose_line(text, m) and (
            _NAMED_AFTER.match(text, m.end)
            or _NICKNAME.search(text, max(0, m.start - 30), m.start) and _NAME_AFTER.match(text, m.end)):
        return True  # a name the sentence runs on with, wherever it stands in it
    before = text[max(0, m.start - 40):m.start]
    line = before.rsplit("\n", 1)[-1].split()
    return bool(line) and line[-1][-1:] not in ".:!?\"”" and any(w[0].islower() for w in line[-3:])


# After a title, the sentence goes on in lower case ("“Broad City” star X", "''Billions'' is");
# a nickname sits between the parts of a name (Gov. C.L. "Butch" Otter).
_NAMED_AFTER = re.compile(r"[ \u00a0]+[a-z]")
_NICKNAME = re.compile(r"[A-Z][\w.]*[ \u00a0]+$")
_NAME_AFTER = re.compile(r"[ \u00a0]+[A-Z][a-z]")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")


def _prose_line(text: str, m: Marked) -> bool:
    """The line around the quotation is prose, not a Title Case headline."""
    a = text.rfind("\n", 0, m.start) + 1
    b = text.find("\n", m.end)
    b = len(text) if b < 0 else b
    return bool(_LOWER_WORD.search(text, a, m.start) or _LOWER_WORD.search(text, m.end, b))
