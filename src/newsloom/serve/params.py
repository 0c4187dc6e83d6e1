"""Request parameters shared by the API and the pages: date checks, filters, cursors."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from fastapi import HTTPException, Query

from ..store import Filters
from ..store.base import decode_cursor

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2})?$")
# Bounds that keep a query inside what the databases accept: SQLite's expression tree stops at a
# depth of 1000 and its LIKE patterns at 50,000 bytes; no real search needs more than these.
MAX_WORDS = 64
MAX_OFFSET = 1_000_000_000

SinceQ = Annotated[str | None, Query(description="Only on or after this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilQ = Annotated[str | None, Query(description="Only on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
OutletQ = Annotated[str | None, Query(description="Only this outlet.")]
ActorQ = Annotated[str | None, Query(description="Only articles mentioning this actor id.")]
CursorQ = Annotated[str | None, Query(description="The `next` cursor of the previous page.")]
CollapseQ = Annotated[bool, Query(description="Hide copies of other stored articles; originals say how many "
                                              "`copies` they have.")]


def check_date(value: str | None, name: str) -> str | None:
    """``value`` if it is an ISO date (or year / year-month); 422 otherwise."""
    if value is None or value == "":
        return None
    value = value.strip()
    ok = False
    if _PARTIAL_DATE.match(value):
        month = int(value[5:7]) if len(value) == 7 else 1
        ok = 1 <= month <= 12 and int(value[:4]) >= 1
    else:
        try:
            (date.fromisoformat if len(value) == 10 else datetime.fromisoformat)(value)
            ok = True
        except ValueError:
            ok = False
    if not ok:
        raise HTTPException(422, f"{name}: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


def check_cursor(cursor: str | None) -> str | None:
    """``cursor`` if this server could have made it; 400 otherwise (before any query runs)."""
    try:
        offset = decode_cursor(cursor)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    if offset > MAX_OFFSET:
        raise HTTPException(400, f"invalid cursor: offset {offset} is past any page this server makes")
    return cursor or None


def check_words(text: str | None, name: str = "q") -> str | None:
    """``text`` if it has at most MAX_WORDS words; 422 otherwise."""
    if text and len(text.split()) > MAX_WORDS:
        raise HTTPException(422, f"{name}: at most {MAX_WORDS} words")
    return text


def make_filters(since: str | None = None, until: str | None = None, outlet: str | None = None,
                 actor: str | None = None, text: str | None = None) -> Filters:
    since, until = check_date(since, "since"), check_date(until, "until")
    if since and until and since[: len(until)] > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    return Filters(since=since, until=until, outlet=outlet or None, actor=actor or None,
                   text=(check_words(text) or "").strip() or None)
