"""Response models of the /api/v1 read and write endpoints: they make every response a named
component of the OpenAPI document, so clients can be generated. Fields another stage may add later
pass through (``extra="allow"``); the ones declared here are always typed as stated."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from .event_models import ActorOut, ArticleRef


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    """Every 4xx and 5xx answer of /api/v1."""

    error: str = Field(description="What was wrong, in words.")
    status: int = Field(description="The HTTP status again.")
    detail: list[str] | None = Field(None, description="One line per invalid parameter (422).")


class Listing(Open):
    next: str | None = Field(None, description="Cursor of the next page (also in the `Link: rel=\"next\"` header).")
    total: int | None = Field(None, description="With `total=true`: how many items all pages hold.")
    total_capped: bool | None = Field(None, description="True when counting stopped at the limit.")


class StatsOut(Open):
    documents: int | None = None
    articles: int | None = None
    failed: int | None = None
    outlets: int | None = None
    actors: int | None = None
    mentions: int | None = None
    quotes: int | None = None
    events: int | None = None
    first_published: str | None = None
    last_published: str | None = None


class DocumentOut(Open):
    id: str
    source: str | None = None
    media_type: str | None = None
    content_hash: str | None = None
    fetched_at: str | None = None
    status: str = Field(description="pending, done or failed.")
    error: str | None = None
    meta: dict[str, Any] = {}


class DocumentPage(Listing):
    items: list[DocumentOut]


class ArticleItem(Open):
    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    excerpt: str | None = None
    length: int | None = None
    copies: int | None = Field(None, description="With collapse_copies: stored copies of this article.")


class ArticlePage(Listing):
    items: list[ArticleItem]


class Offsets(Open):
    start: int
    end: int


class MentionOut(Offsets):
    text: str


class EntityOut(Open):
    actor: ActorOut
    mentions: list[MentionOut] = []


class SpeakerOut(MentionOut):
    actor: ActorOut | None = None
    refers_to: MentionOut | None = None  # what "who" or "he" stands for, when known


class QuoteFact(MentionOut):
    """A quote; ``text`` is the article's text[start:end]."""

    kind: str
    cue: str | None = None
    speaker: SpeakerOut | None = None
    speaks_for: ActorOut | None = None
    role: str | None = None
    via: ActorOut | None = None
    date: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None


class ArticleOut(Open):
    """One article: its text and every fact with offsets into that text."""

    id: str
    source: str | None = None
    document_id: str | None = None
    title: str | None = None
    authors: list[str] = []
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    text: str
    paragraphs: list[Offsets] = []
    entities: list[EntityOut] = []
    dates: list[MentionOut] = []
    quotes: list[QuoteFact] = []
    events: list[dict[str, Any]] = []


class SearchHit(Open):
    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    score: float | None = Field(None, description="Lower is better (bm25 / -ts_rank).")
    snippet: str = Field(description="HTML-safe; matched terms inside <mark>.")
    snippet_text: str | None = None


class SearchPage(Listing):
    items: list[SearchHit]


class StoryItem(Open):
    id: str
    title: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    articles: int | None = None


class StoryPage(Listing):
    items: list[StoryItem]


class TimelineEntry(Open):
    kind: str = Field(description="article, quote or event.")


class StoryOut(Open):
    story: StoryItem
    actors: list[dict[str, Any]] = []
    entries: list[TimelineEntry] = []


class ActorItem(ActorOut):
    model_config = ConfigDict(extra="allow")
    mentions: int | None = None
    quotes: int | None = None
    articles: int | None = None


class ActorPage(Listing):
    items: list[ActorItem]


class AliasOut(Open):
    text: str
    n: int


class ActorProfile(Open):
    actor: ActorOut
    mentions: int | None = None
    quotes: int | None = None
    articles: int | None = None
    roles: list[dict[str, Any]] = []
    aliases: list[AliasOut] = []
    quoted_with: list[dict[str, Any]] = []


class DayCount(Open):
    day: str
    mentions: int | None = None
    quotes: int | None = None
    articles: int | None = None


class ActorTimeline(Open):
    actor_id: str
    items: list[DayCount]


class ActorStoryPage(Listing):
    actor_id: str
    items: list[StoryItem]


class QuoteItem(QuoteFact):
    id: int
    doc_id: str
    article: ArticleRef


class QuotePage(Listing):
    items: list[QuoteItem]


class StatementItem(Open):
    speaker: dict[str, Any]
    text: str
    kind: str | None = None
    date: str | None = None
    sources: list[dict[str, Any]] = []
    outlets: list[str] = []
    count: int | None = None


class StatementPage(Listing):
    items: list[StatementItem]


class Posted(Open):
    """One posted document: its id, what became of it, where its article is."""

    id: str
    status: str = Field(description="present (stored before), done, failed or pending.")
    error: str | None = None
    article: str | None = Field(None, description="Path of the article, once extracted.")


class PostedBatch(Open):
    """A JSON list or JSONL body: one entry per document object, in order."""

    items: list[Posted]
    added: int
    present: int
    failed: int


class PostAnswer(RootModel[Posted | PostedBatch]):
    """What POST /documents answers: Posted for one form or JSON object, PostedBatch for a JSON list or lines."""


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad request: an unknown parameter, a bad cursor or search query."},
    404: {"model": ErrorOut, "description": "No such item."},
    422: {"model": ErrorOut, "description": "A parameter's value is invalid."},
}
