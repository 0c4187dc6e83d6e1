"""The record types every stage passes along: one place for the data model.

Slotted dataclasses with ``as_dict()`` / ``from_dict()``. ``Article.as_dict()`` produces the
object described by ``data/schema/analysis.schema.json`` (the public contract). The package
imports nothing from the rest of Newsloom: ``common`` (types, hash, clock), ``facts`` (actors,
mentions, dates, quotes, events) and, here, documents, articles and stories.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .common import ActorType, QuoteKind, Status, content_hash, utcnow
from .common import prune as _prune
from .facts import Actor, DateMention, Entity, Event, Mention, Quote, Referent, Speaker


@dataclass(slots=True)
class Span:
    """Character offsets ``[start, end)`` into the text of one document's article."""

    doc_id: str | None
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Document:
    """One raw input, exactly as it arrived, plus the metadata the user gave with it."""

    raw: bytes
    source: str
    media_type: str = "text/plain"
    content_hash: str = ""
    fetched_at: str = field(default_factory=utcnow)
    # Metadata given alongside the input (JSON fields: id, url, title, published, outlet).
    # Given metadata wins over extracted metadata.
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.raw)

    @property
    def id(self) -> str:
        """Stable document id: the first 16 hex digits of the content hash."""
        return self.content_hash[:16]


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Story:
    """A cluster of articles about one development (filled by ``connect``)."""

    id: str
    title: str
    document_ids: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Fields of Article that carry the schema's required keys even when empty/None.
_REQUIRED = ("source", "title", "authors", "published", "outlet", "language", "text", "paragraphs")


@dataclass(slots=True)
class Article:
    """The extracted article of one document, and every fact found in it."""

    source: str
    text: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    document_id: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    reading_time: str | None = None
    # How the body was obtained ("html:trafilatura", "text:cleaner", ...) and remarks such as
    # "no article found": shown to the user, never silently dropped.
    extraction: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    # Facts, filled by the understanding stages (None = the stage has not run).
    entities: list[Entity] | None = None
    dates: list[DateMention] | None = None
    quotes: list[Quote] | None = None
    events: list[Event] | None = None
    # Working state a stage may hand to the next one in the same process (e.g. a spaCy Doc).
    # Never serialized.
    scratch: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source,
            "document_id": self.document_id,
            "error": self.error,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "modified": self.modified,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
            "description": self.description,
            "section": self.section,
            "tags": list(self.tags) or None,
            "image": self.image,
            "reading_time": self.reading_time,
            "extraction": self.extraction or None,
            "text": self.text,
            "paragraphs": [p.as_dict() for p in self.paragraphs],
        }
        d = _prune(d, keep=_REQUIRED + ("document_id", "error", "url"))
        if self.entities is not None:
            d["entities"] = [e.as_dict() for e in self.entities]
        if self.dates is not None:
            d["dates"] = [x.as_dict() for x in self.dates]
        if self.quotes is not None:
            d["quotes"] = [q.as_dict() for q in self.quotes]
        if self.events is not None:
            d["events"] = [e.as_dict() for e in self.events]
        return d

    def extracted_dict(self) -> dict[str, Any]:
        """The ``newsloom extract`` view: the article without facts."""
        d = self.as_dict()
        for key in ("entities", "dates", "quotes", "events"):
            d.pop(key, None)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        names = {f.name for f in fields(cls)} - {"scratch"}
        kw = {k: v for k, v in d.items() if k in names}
        kw["paragraphs"] = [Paragraph(p["start"], p["end"]) for p in d.get("paragraphs", [])]
        kw["tags"] = d.get("tags") or []
        kw["extraction"] = d.get("extraction") or {}
        if d.get("entities") is not None:
            kw["entities"] = [Entity.from_dict(e) for e in d["entities"]]
        if d.get("dates") is not None:
            kw["dates"] = [DateMention.from_dict(x) for x in d["dates"]]
        if d.get("quotes") is not None:
            kw["quotes"] = [Quote.from_dict(q) for q in d["quotes"]]
        if d.get("events") is not None:
            kw["events"] = [Event.from_dict(e) for e in d["events"]]
        return cls(**kw)


@dataclass(slots=True)
class DocumentRecord:
    """A stored document's bookkeeping row, as the store returns it."""

    id: str
    source: str
    media_type: str
    content_hash: str
    fetched_at: str
    status: Status
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


__all__ = ["Actor", "ActorType", "Article", "DateMention", "Document", "DocumentRecord", "Entity", "Event",
           "Mention", "Paragraph", "Quote", "QuoteKind", "Referent", "Span", "Speaker", "Status", "Story", "content_hash",
           "utcnow"]
