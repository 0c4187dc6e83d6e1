"""The JSON API under /api/v1: read-only resources over the store (ingestion is in ``api_ingest``).
Every response has a model in ``api_models``; every list takes ``format`` and ``total`` (``api_lists``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from .api_lists import LIST_CONTENT, FormatQ, TotalQ, listing, reject_unknown_params
from .api_models import (
    ERROR_RESPONSES,
    ActorPage,
    ActorProfile,
    ActorStoryPage,
    ActorTimeline,
    ArticleOut,
    ArticlePage,
    DocumentOut,
    DocumentPage,
    QuotePage,
    SearchPage,
    StatementPage,
    StatsOut,
    StoryOut,
    StoryPage,
)
from .params import ActorQ, CollapseQ, CursorQ, OutletQ, SinceQ, UntilQ, check_date, check_words, make_filters

router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(reject_unknown_params)],
                   responses=ERROR_RESPONSES)

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
SEARCH_HELP = ('Words (all required); OR, AND, NOT in capitals; -word to exclude; word* for a prefix; '
               '"quoted phrases"; NEAR(a b, N) or a NEAR/N b for two terms at most N words apart; brackets.')


def _state(request: Request) -> Any:
    return request.app.state.newsloom


def _listed(model: type) -> dict[str, Any]:
    return {"response_model": model, "response_model_exclude_unset": True, "responses": LIST_CONTENT}


def _one(model: type) -> dict[str, Any]:
    return {"response_model": model, "response_model_exclude_unset": True}


@router.get("/stats", summary="Counts of documents, articles, actors, quotes", **_one(StatsOut))
def stats(request: Request) -> dict[str, Any]:
    return _state(request).store.stats()


@router.get("/documents", summary="Stored documents (raw inputs) with their processing status", **_listed(DocumentPage))
def documents(request: Request, response: Response,
              status: Annotated[str | None, Query(pattern="^(pending|done|failed)$")] = None,
              limit: Limit = 50, cursor: CursorQ = None, format: FormatQ = "json", total: TotalQ = False) -> Any:
    from ..store.base import Page, decode_cursor, encode_cursor

    store = _state(request).store
    ids = store.document_ids(status)

    def fetch(n: int, at: str | None) -> Page:
        offset = decode_cursor(at)
        chunk = [_record(store.document(i)) for i in ids[offset: offset + n]]
        return Page(chunk, encode_cursor(offset + n) if offset + n < len(ids) else None)

    return listing(request, response, fetch, limit, cursor, format, total)


@router.get("/documents/{doc_id}", summary="One stored document's record", **_one(DocumentOut))
def document(request: Request, doc_id: str) -> dict[str, Any]:
    record = _state(request).store.document(doc_id)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return _record(record)


def _record(r: Any) -> dict[str, Any]:
    return {"id": r.id, "source": r.source, "media_type": r.media_type, "content_hash": r.content_hash,
            "fetched_at": r.fetched_at, "status": r.status, "error": r.error, "meta": r.meta}


@router.get("/articles", summary="Articles, newest first, with filters", **_listed(ArticlePage))
def articles(request: Request, response: Response, since: SinceQ = None, until: UntilQ = None,
             outlet: OutletQ = None, actor: ActorQ = None,
             q: Annotated[str | None, Query(description="Search words the article contains. " + SEARCH_HELP)] = None,
             collapse_copies: CollapseQ = False, limit: Limit = 20, cursor: CursorQ = None,
             format: FormatQ = "json", total: TotalQ = False) -> Any:
    filters = make_filters(since, until, outlet, actor, q)
    store = _state(request).store
    return listing(request, response, lambda n, at: store.articles(filters, limit=n, cursor=at,
                                                                   collapse_copies=collapse_copies),
                   limit, cursor, format, total)


@router.get("/articles/{doc_id}", summary="One article with its entities, dates, quotes and their spans",
            **_one(ArticleOut))
def article(request: Request, doc_id: str) -> dict[str, Any]:
    store = _state(request).store
    art = store.article(doc_id)
    if art is None:
        record = store.document(doc_id)
        if record is not None and record.error:
            raise HTTPException(404, f"document {doc_id!r} has no article: {record.error}")
        raise HTTPException(404, f"no article {doc_id!r}")
    return {"id": doc_id, **art.as_dict()}


@router.get("/search", summary="Full-text search (FTS5 / tsquery, ranked) with HTML-safe highlighted snippets",
            **_listed(SearchPage))
def search(request: Request, response: Response, q: Annotated[str, Query(min_length=1, description=SEARCH_HELP)],
           since: SinceQ = None, until: UntilQ = None, outlet: OutletQ = None, actor: ActorQ = None,
           collapse_copies: CollapseQ = False, limit: Limit = 20, cursor: CursorQ = None,
           format: FormatQ = "json", total: TotalQ = False) -> Any:
    filters = make_filters(since, until, outlet, actor)
    query = check_words(q) or q
    store = _state(request).store
    return listing(request, response, lambda n, at: store.search(query, filters, limit=n, cursor=at,
                                                                 collapse_copies=collapse_copies),
                   limit, cursor, format, total)


@router.get("/stories", summary="Stories (articles about one development), most recently seen first",
            **_listed(StoryPage))
def stories(request: Request, response: Response, since: SinceQ = None, until: UntilQ = None,
            outlet: OutletQ = None, actor: ActorQ = None,
            q: Annotated[str | None, Query(description="Words of the story's title.")] = None,
            min_articles: Annotated[int, Query(ge=1, le=10_000, description="Only stories this large.")] = 1,
            limit: Limit = 20, cursor: CursorQ = None, format: FormatQ = "json", total: TotalQ = False) -> Any:
    filters = make_filters(since, until, outlet, actor, q)
    store = _state(request).store
    return listing(request, response, lambda n, at: store.stories(filters, limit=n, cursor=at,
                                                                  min_articles=min_articles),
                   limit, cursor, format, total)


@router.get("/stories/{story_id}", summary="One story's timeline: articles, dated quotes and events, actors",
            **_one(StoryOut))
def story(request: Request, story_id: str) -> dict[str, Any]:
    from ..connect.timelines import story_timeline

    timeline = story_timeline(_state(request).store, story_id)
    if timeline is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return timeline


@router.get("/actors", summary="Actors ranked by mentions", **_listed(ActorPage))
def actors(request: Request, response: Response,
           type: Annotated[str | None, Query(description="person, country, organization, ...")] = None,
           name: Annotated[str | None, Query(description="Part of the name.")] = None,
           since: SinceQ = None, until: UntilQ = None, outlet: OutletQ = None,
           limit: Limit = 50, cursor: CursorQ = None, format: FormatQ = "json", total: TotalQ = False) -> Any:
    filters = make_filters(since, until, outlet)
    store = _state(request).store
    return listing(request, response, lambda n, at: store.actors(filters, limit=n, cursor=at, type=type or None,
                                                                 name=name or None),
                   limit, cursor, format, total)


def _actor_or_404(store: Any, actor_id: str) -> None:
    # find_actor is an indexed lookup; the full profile (actor()) costs more than most answers.
    found = store.find_actor(actor_id)
    if found is None or found.id != actor_id:
        raise HTTPException(404, f"no actor {actor_id!r}")


# Actor ids contain ':' (and may contain '/'), so they are matched as paths; the more specific
# routes are declared first.
@router.get("/actors/{actor_id:path}/timeline", summary="Mentions, quotes and articles per day",
            **_one(ActorTimeline))
def actor_timeline(request: Request, actor_id: str, since: SinceQ = None, until: UntilQ = None,
                   outlet: OutletQ = None) -> dict[str, Any]:
    store = _state(request).store
    _actor_or_404(store, actor_id)
    filters = make_filters(since, until, outlet)
    return {"actor_id": actor_id, "items": store.actor_timeline(actor_id, filters)}


@router.get("/actors/{actor_id:path}/stories", summary="The stories an actor appears in, oldest first",
            **_listed(ActorStoryPage))
def actor_stories(request: Request, response: Response, actor_id: str, since: SinceQ = None, until: UntilQ = None,
                  limit: Limit = 50, cursor: CursorQ = None, format: FormatQ = "json", total: TotalQ = False) -> Any:
    store = _state(request).store
    _actor_or_404(store, actor_id)
    filters = make_filters(since, until)
    return listing(request, response, lambda n, at: store.actor_stories(actor_id, filters, limit=n, cursor=at),
                   limit, cursor, format, total, extra={"actor_id": actor_id})


@router.get("/actors/{actor_id:path}", summary="One actor: profile, counts, roles, aliases, quoted with",
            **_one(ActorProfile))
def actor(request: Request, actor_id: str) -> dict[str, Any]:
    profile = _state(request).store.actor(actor_id)
    if profile is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return profile


@router.get("/quotes", summary="Attributed statements, newest first", **_listed(QuotePage))
def quotes(request: Request, response: Response,
           speaker: Annotated[str | None, Query(description="Speaker: actor id, name or any alias seen in text.")] = None,
           speaks_for: Annotated[str | None, Query(description="Actor spoken for, id or exact name.")] = None,
           about: Annotated[str | None, Query(description="Actor mentioned inside the quote.")] = None,
           q: Annotated[str | None, Query(description="Words the quote contains. " + SEARCH_HELP)] = None,
           since: SinceQ = None, until: UntilQ = None, outlet: OutletQ = None,
           collapse_copies: CollapseQ = False, limit: Limit = 50, cursor: CursorQ = None,
           format: FormatQ = "json", total: TotalQ = False) -> Any:
    filters = make_filters(since, until, outlet, text=q)
    store = _state(request).store
    found = store.find_actor(speaker) if speaker else None  # an alias ("Sen. Warren") names its actor
    speaker = found.id if found is not None else speaker
    return listing(request, response, lambda n, at: store.quotes(
        filters, speaker=speaker or None, speaks_for=speaks_for or None, about=about or None, limit=n, cursor=at,
        collapse_copies=collapse_copies), limit, cursor, format, total)


# -- statements: one statement, several sources ----------------------------------------------
@router.get("/statements", summary="Statements: a speaker's words grouped across the articles relaying them",
            **_listed(StatementPage))
def statements(request: Request, response: Response,
               speaker: Annotated[str | None, Query(description="Speaker actor id or exact name.")] = None,
               story: Annotated[str | None, Query(description="Only statements in this story.")] = None,
               since: SinceQ = None, until: UntilQ = None, limit: Limit = 50,
               cursor: CursorQ = None, format: FormatQ = "json", total: TotalQ = False) -> Any:
    since, until = check_date(since, "since"), check_date(until, "until")
    store = _state(request).store
    return listing(request, response, lambda n, at: store.statements(
        speaker=speaker or None, story=story or None, since=since, until=until, limit=n, cursor=at),
        limit, cursor, format, total)
