"""Response models of the event, position and contrast endpoints (they document the JSON in OpenAPI)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ActorOut(BaseModel):
    id: str
    name: str
    type: str = "other"
    wikidata: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 of the state it belongs to.")


class SpanOut(BaseModel):
    text: str
    start: int
    end: int


class ArticleRef(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


class EventOut(BaseModel):
    """A PLOVER event; ``text`` is the article's text[start:end] (the sentence)."""

    id: int
    doc_id: str
    type: str = Field(description="PLOVER type, e.g. REQUEST, ASSAULT.")
    quad: str | None = Field(None, description="PLOVER quad class: verbal/material cooperation/conflict.")
    mode: str | None = None
    date: str | None = Field(None, description="Resolved date of the event, when the article gives one.")
    source: ActorOut
    targets: list[ActorOut] = []
    location: ActorOut | None = None
    text: str | None = None
    start: int
    end: int
    trigger: SpanOut | None = Field(None, description="The words that carry the event, offsets in the article.")
    quote_index: int | None = Field(None, description="Index of the article quote the event was reported in.")
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    cameo: str | None = None
    article: ArticleRef


class EventPage(BaseModel):
    items: list[EventOut]
    next: str | None = Field(None, description="Cursor of the next page (also in the `Link: rel=\"next\"` header).")
    total: int | None = Field(None, description="With `total=true`: how many items all pages hold.")
    total_capped: bool | None = Field(None, description="True when counting stopped at the limit.")


class EventCount(BaseModel):
    period: str
    type: str
    quad: str | None = None
    events: int


class ActorEventCounts(BaseModel):
    actor_id: str
    role: str
    unit: str
    items: list[EventCount]


class PositionOut(BaseModel):
    """One stance an actor took, with the sentence it was read from."""

    actor: ActorOut
    stance: str = Field(description="supports, opposes, calls for, offers or rejects.")
    proposition: str
    target: ActorOut | None = None
    topic: str
    date: str | None = None
    doc_id: str
    start: int
    end: int
    sentence: str
    via: str = Field(description="quote or event")
    ref: int = Field(description="The quote's or event's id in the store.")
    cue: str | None = None
    negated: bool = False


class TopicOut(BaseModel):
    topic: str
    positions: list[PositionOut]


class PositionsOut(BaseModel):
    actor: ActorOut
    topics: list[TopicOut]


class ContrastOut(BaseModel):
    said: PositionOut
    done: EventOut
    target: ActorOut | None = None
    days_apart: int | None = None
    reason: str


class ContrastsOut(BaseModel):
    actor: ActorOut
    window_days: int
    items: list[ContrastOut]
    truncated: bool = Field(False, description="More pairs were found than listed (the newest are kept).")
