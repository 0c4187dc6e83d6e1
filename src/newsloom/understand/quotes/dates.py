"""Dates for quotes when no ``newsloom_dates`` component ran: spaCy DATE entities, parsed."""

from __future__ import annotations

import re
from datetime import datetime

from spacy.tokens import Doc

from ...model import DateMention

_DAY_LIKE = re.compile(r"\d|\b(?:yesterday|today|monday|tuesday|wednesday|thursday|friday|"
                       r"saturday|sunday)\b", re.I)


def fallback_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """DATE entities resolved against the publication date; only day-precise ones count."""
    ents = [e for e in doc.ents if e.label_ == "DATE" and _DAY_LIKE.search(e.text)]
    if not ents:
        return []
    import dateparser  # slow to import; only needed when the dates component is absent

    settings: dict = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if published:
        try:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
        except ValueError:
            pass
    out = []
    for e in ents:
        when = dateparser.parse(e.text, languages=["en"], settings=settings)
        out.append(DateMention(e.text, e.start_char, e.end_char,
                               when.date().isoformat() if when else None))
    return out
