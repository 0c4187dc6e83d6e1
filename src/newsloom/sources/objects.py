"""JSON document objects -> validated fields: aliases real exports use, strict types and dates,
unknown fields kept aside, and one clear message per bad field.

A document object is ``{"text": ...}`` or ``{"html": ...}`` plus optional metadata. Exports from
crawlers and news APIs name the same fields differently (``maintext``, ``pubDate``, ``link``...);
the aliases below map them onto ours. Anything we do not know is kept (in ``meta["fields"]``) and
named once in a warning, so nothing a user supplied disappears without a word.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError, field_validator

# Our field -> the names exports use for it (ours first: it wins when both are present).
ALIASES: dict[str, tuple[str, ...]] = {
    "published": ("published", "date", "datetime", "pubDate", "publish_date", "date_published"),
    "outlet": ("outlet", "source_domain", "site_name", "publisher"),
    "url": ("url", "link"),
    "text": ("text", "body", "content", "maintext"),
    "authors": ("authors", "author"),
}
KNOWN = {name for names in ALIASES.values() for name in names} | {"id", "title", "language", "html"}
# Years outside this range in a publication date are typos or placeholders, not news.
YEARS = (1800, 2200)
_PARTIAL_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_SURROGATE = re.compile("[\ud800-\udfff]")
_URL_SCHEMES = ("http://", "https://")


def parse_published(value: str) -> str:
    """A publication date as ISO 8601 (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a full timestamp).

    Accepted: ISO 8601 and RFC 2822 (feeds), and written dates that name a four-digit year
    ("3 March 2024"). Anything else raises ValueError: a guess would become the corpus's first or
    last date.
    """
    s = value.strip()
    partial = _PARTIAL_ISO.match(s)
    if partial:
        year, month = int(partial[1]), int(partial[2] or 1)
        if not (YEARS[0] <= year <= YEARS[1] and 1 <= month <= 12):
            raise ValueError(f"{value!r} is not a date")
        return s
    parsed: date | None = None
    try:
        parsed = date.fromisoformat(s) if len(s) == 10 else datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        parsed = _parse_written(s)
    if parsed is None or not YEARS[0] <= parsed.year <= YEARS[1]:
        raise ValueError(f"{value!r} is not a date (use ISO 8601, e.g. 2024-03-05 or 2024-03-05T14:30:00Z)")
    return parsed.isoformat()


def _parse_written(s: str) -> date | None:
    try:
        return parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        pass
    if not _YEAR.search(s) or not re.search(r"[A-Za-z]{3}|\d[-/.]\d", s):
        return None  # "5", "True", "12:30" would be read as a day of the current month
    from dateutil import parser

    try:
        parsed = parser.parse(s, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    # "3 March 2024" names a day, not midnight: keep it a date.
    return parsed.date() if ":" not in s and parsed.tzinfo is None else parsed


class DocumentObject(BaseModel):
    """The fields of one document object, typed strictly (a list is never silently a title)."""

    model_config = ConfigDict(extra="allow")

    id: StrictStr | StrictInt | None = None
    url: StrictStr | None = Field(None, validation_alias=AliasChoices(*ALIASES["url"]))
    title: StrictStr | None = None
    published: StrictStr | None = Field(None, validation_alias=AliasChoices(*ALIASES["published"]))
    outlet: StrictStr | None = Field(None, validation_alias=AliasChoices(*ALIASES["outlet"]))
    authors: StrictStr | list[StrictStr] | None = Field(None, validation_alias=AliasChoices(*ALIASES["authors"]))
    language: StrictStr | None = None
    text: StrictStr | None = Field(None, validation_alias=AliasChoices(*ALIASES["text"]))
    html: StrictStr | None = None

    @field_validator("published")
    @classmethod
    def _date(cls, v: str | None) -> str | None:
        return parse_published(v) if v and v.strip() else None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        v = (v or "").strip()
        if v and not v.lower().startswith(_URL_SCHEMES):
            raise ValueError("only http(s) URLs are kept (this one would become a link)")
        return v or None


def _surrogates(value: Any, path: str) -> list[str]:
    """Fields holding lone UTF-16 surrogates: JSON allows ``\\udc00`` but no text encoding does."""
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        return [f"{path}: invalid Unicode (lone surrogate \\u{ord(m[0]):04x} at character {m.start()})"] if m else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _surrogates(v, f"{path}.{k}" if path else str(k))]
    if isinstance(value, list):
        return [p for n, v in enumerate(value) for p in _surrogates(v, f"{path}[{n}]")]
    return []


def _describe(error: dict[str, Any]) -> str:
    loc = error.get("loc") or ("document",)
    field = str(loc[0])
    msg = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if error.get("type") in ("string_type", "list_type", "int_type"):
        # A union reports each branch; say once what the field takes.
        msg = "expected a string or a list of strings" if field == "authors" else "expected a string"
        if len(loc) > 2:
            msg = f"item {loc[-1]} of the list is not a string"
    got = error.get("input")
    kind = "" if error.get("type") == "value_error" else f" (got {type(got).__name__})"
    return f"{field}: {msg}{kind}"


def validate(obj: dict[str, Any]) -> tuple[DocumentObject | None, list[str], list[str]]:
    """``(fields, problems, unknown field names)``; ``fields`` is None when any problem was found."""
    unknown = [k for k in obj if k not in KNOWN]
    for names in ALIASES.values():  # "text" and "body" both given: the one not read is kept aside
        unknown += [n for n in names if n in obj][1:]
    unknown.sort()
    problems = _surrogates(obj, "")
    if problems:
        return None, problems, unknown
    try:
        fields = DocumentObject.model_validate(obj)
    except ValidationError as exc:
        seen: dict[str, str] = {}
        for e in exc.errors():
            msg = _describe(dict(e))
            field = msg.split(":", 1)[0]
            if field not in seen or len(e["loc"]) > 2:  # a list item's own error says more
                seen[field] = msg
        return None, list(seen.values()), unknown
    return fields, [], unknown


def meta_of(fields: DocumentObject, obj: dict[str, Any], unknown: list[str]) -> dict[str, Any]:
    """Document metadata from validated fields; unknown fields ride along under ``fields``."""
    meta: dict[str, Any] = {}
    for key in ("id", "url", "title", "published", "outlet", "authors", "language"):
        value = getattr(fields, key)
        if value not in (None, "", []) and not (isinstance(value, str) and not value.strip()):
            meta[key] = str(value) if key == "id" else value
    if unknown:
        meta["fields"] = {k: obj[k] for k in unknown}
    return meta


__all__ = ["ALIASES", "DocumentObject", "meta_of", "parse_published", "validate"]
