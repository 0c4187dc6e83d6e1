"""The JSON API under /api/v1: read-only resources over the store, and token-guarded ingestion."""

from __future__ import annotations

import hmac
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import IngestError
from ..model import Document
from ..sources.files import SUFFIXES
from ..sources.given import given_document
from .params import (
    ActorQ,
    CollapseQ,
    CursorQ,
    OutletQ,
    SinceQ,
    UntilQ,
    check_cursor,
    check_date,
    check_words,
    make_filters,
)

router = APIRouter(prefix="/api/v1", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
_FORM_SLACK = 64 * 1024  # multipart headers and small fields around the one file


def _state(request: Request) -> Any:
    return request.app.state.newsloom


def _page(page: Any) -> dict[str, Any]:
    return {"items": page.items, "next": page.next}


@router.get("/stats", summary="Counts of documents, articles, actors, quotes")
def stats(request: Request) -> dict[str, Any]:
    return _state(request).store.stats()


@router.get("/documents", summary="Stored documents (raw inputs) with their processing status")
def documents(request: Request, status: Annotated[str | None, Query(pattern="^(pending|done|failed)$")] = None,
              limit: Limit = 50, cursor: CursorQ = None) -> dict[str, Any]:
    from ..store.base import decode_cursor, encode_cursor

    offset = decode_cursor(check_cursor(cursor))
    store = _state(request).store
    ids = store.document_ids(status)
    chunk = ids[offset : offset + limit]
    items = [_record(store.document(i)) for i in chunk]
    return {"items": items, "next": encode_cursor(offset + limit) if offset + limit < len(ids) else None}


@router.get("/documents/{doc_id}", summary="One stored document's record")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    record = _state(request).store.document(doc_id)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return _record(record)


def _record(r: Any) -> dict[str, Any]:
    return {"id": r.id, "source": r.source, "media_type": r.media_type, "content_hash": r.content_hash,
            "fetched_at": r.fetched_at, "status": r.status, "error": r.error, "meta": r.meta}


@router.get("/articles", summary="Articles, newest first, with filters")
def articles(request: Request, since: SinceQ = None, until: UntilQ = None, outlet: OutletQ = None,
             actor: ActorQ = None, q: Annotated[str | None, Query(description="Words the article contains.")] = None,
             collapse_copies: CollapseQ = False, limit: Limit = 20, cursor: CursorQ = None) -> dict[str, Any]:
    filters = make_filters(since, until, outlet, actor, q)
    return _page(_state(request).store.articles(filters, limit=limit, cursor=check_cursor(cursor),
                                                collapse_copies=collapse_copies))


@router.get("/articles/{doc_id}", summary="One article with its entities, dates, quotes and their spans")
def article(request: Request, doc_id: str) -> dict[str, Any]:
    store = _state(request).store
    art = store.article(doc_id)
    if art is None:
        record = store.document(doc_id)
        if record is not None and record.error:
            raise HTTPException(404, f"document {doc_id!r} has no article: {record.error}")
        raise HTTPException(404, f"no article {doc_id!r}")
    return {"id": doc_id, **art.as_dict()}


@router.get("/search", summary="Full-text search (FTS5, ranked) with HTML-safe highlighted snippets")
def search(request: Request, q: Annotated[str, Query(min_length=1, description='Words (all required), '
                                                     '"quoted phrases", OR between terms.')],
           since: SinceQ = None, until: UntilQ = None, outlet: OutletQ = None, actor: ActorQ = None,
           collapse_copies: CollapseQ = False, limit: Limit = 20, cursor: CursorQ = None) -> dict[str, Any]:
    filters = make_filters(since, until, outlet, actor)
    return _page(_state(request).store.search(check_words(q) or q, filters, limit=limit, cursor=check_cursor(cursor),
                                              collapse_copies=collapse_copies))


@router.get("/stories", summary="Stories (articles about one development), most recently seen first")
def stories(request: Request, since: SinceQ = None, until: UntilQ = None, outlet: OutletQ = None,
            actor: ActorQ = None, q: Annotated[str | None, Query(description="Words of the story's title.")] = None,
            min_articles: Annotated[int, Query(ge=1, le=10_000, description="Only stories this large.")] = 1,
            limit: Limit = 20, cursor: CursorQ = None) -> dict[str, Any]:
    filters = make_filters(since, until, outlet, actor, q)
    return _page(_state(request).store.stories(filters, limit=limit, cursor=check_cursor(cursor),
                                               min_articles=min_articles))


@router.get("/stories/{story_id}", summary="One story's timeline: articles, dated quotes and events, actors")
def story(request: Request, story_id: str) -> dict[str, Any]:
    from ..connect.timelines import story_timeline

    timeline = story_timeline(_state(request).store, story_id)
    if timeline is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return timeline


@router.get("/actors", summary="Actors ranked by mentions")
def actors(request: Request, type: Annotated[str | None, Query(description="person, country, organization, ...")] = None,
           name: Annotated[str | None, Query(description="Part of the name.")] = None,
           since: SinceQ = None, until: UntilQ = None, outlet: OutletQ = None,
           limit: Limit = 50, cursor: CursorQ = None) -> dict[str, Any]:
    filters = make_filters(since, until, outlet)
    return _page(_state(request).store.actors(filters, limit=limit, cursor=check_cursor(cursor),
                                              type=type or None, name=name or None))


# Actor ids contain ':' (and may contain '/'), so they are matched as paths; the more specific
# route is declared first.
@router.get("/actors/{actor_id:path}/timeline", summary="Mentions, quotes and articles per day")
def actor_timeline(request: Request, actor_id: str, since: SinceQ = None, until: UntilQ = None,
                   outlet: OutletQ = None) -> dict[str, Any]:
    store = _state(request).store
    # find_actor is an indexed lookup; the full profile (actor()) costs more than the timeline itself.
    found = store.find_actor(actor_id)
    if found is None or found.id != actor_id:
        raise HTTPException(404, f"no actor {actor_id!r}")
    filters = make_filters(since, until, outlet)
    return {"actor_id": actor_id, "items": store.actor_timeline(actor_id, filters)}


@router.get("/actors/{actor_id:path}/stories", summary="The stories an actor appears in, oldest first")
def actor_stories(request: Request, actor_id: str, since: SinceQ = None, until: UntilQ = None,
                  limit: Limit = 50, cursor: CursorQ = None) -> dict[str, Any]:
    store = _state(request).store
    found = store.find_actor(actor_id)
    if found is None or found.id != actor_id:
        raise HTTPException(404, f"no actor {actor_id!r}")
    filters = make_filters(since, until)
    return {"actor_id": actor_id,
            **_page(store.actor_stories(actor_id, filters, limit=limit, cursor=check_cursor(cursor)))}


@router.get("/actors/{actor_id:path}", summary="One actor: profile, counts, roles, aliases, quoted with")
def actor(request: Request, actor_id: str) -> dict[str, Any]:
    profile = _state(request).store.actor(actor_id)
    if profile is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return profile


@router.get("/quotes", summary="Attributed statements, newest first")
def quotes(request: Request,
           speaker: Annotated[str | None, Query(description="Speaker: actor id, name or any alias seen in text.")] = None,
           speaks_for: Annotated[str | None, Query(description="Actor spoken for, id or exact name.")] = None,
           about: Annotated[str | None, Query(description="Actor mentioned inside the quote.")] = None,
           q: Annotated[str | None, Query(description="Words the quote contains.")] = None,
           since: SinceQ = None, until: UntilQ = None, outlet: OutletQ = None,
           collapse_copies: CollapseQ = False, limit: Limit = 50, cursor: CursorQ = None) -> dict[str, Any]:
    filters = make_filters(since, until, outlet, text=q)
    store = _state(request).store
    found = store.find_actor(speaker) if speaker else None  # an alias ("Sen. Warren") names its actor
    speaker = found.id if found is not None else speaker
    return _page(store.quotes(filters, speaker=speaker or None, speaks_for=speaks_for or None,
                                              about=about or None, limit=limit, cursor=check_cursor(cursor),
                                              collapse_copies=collapse_copies))


# -- statements: one statement, several sources ----------------------------------------------
@router.get("/statements", summary="Statements: a speaker's words grouped across the articles relaying them")
def statements(request: Request,
               speaker: Annotated[str | None, Query(description="Speaker actor id or exact name.")] = None,
               story: Annotated[str | None, Query(description="Only statements in this story.")] = None,
               since: SinceQ = None, until: UntilQ = None, limit: Limit = 50,
               cursor: CursorQ = None) -> dict[str, Any]:
    since, until = check_date(since, "since"), check_date(until, "until")
    return _page(_state(request).store.statements(speaker=speaker or None, story=story or None, since=since,
                                                  until=until, limit=limit, cursor=check_cursor(cursor)))


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "properties": {
                "file": {"type": "string", "format": "binary", "description": ".html, .txt or .json file"},
                "text": {"type": "string", "description": "Plain text of an article"},
                "html": {"type": "string", "description": "An HTML page"},
                "url": {"type": "string", "description": "A public http(s) URL to fetch"},
                "title": {"type": "string"}, "published": {"type": "string"}, "outlet": {"type": "string"},
                "source_url": {"type": "string", "description": "Where the given text/HTML came from"},
            },
        }}},
    },
    "responses": {"201": {"description": "Stored (or already present)"}, "401": {"description": "Bad token"},
                  "413": {"description": "Too large"}, "422": {"description": "Nothing to ingest"}},
}


@router.post("/documents", status_code=201, summary="Ingest one document: a file, text, HTML or a URL",
             openapi_extra=_UPLOAD_BODY)
async def post_document(request: Request) -> dict[str, Any]:
    state = _state(request)
    _authorize(request, state.token)
    form = await _read_form(request, state.max_upload)
    doc = await _document_from_form(form, state)
    report = await run_in_threadpool(state.ingest, doc)
    record = state.store.document(doc.id)
    status = "present" if report.present else (record.status if record else "failed")
    return {"id": doc.id, "status": status, "error": record.error if record else None,
            "article": f"/api/v1/articles/{doc.id}" if record and record.status == "done" else None}


def _authorize(request: Request, token: str) -> None:
    if not token:
        raise HTTPException(401, "writes are disabled: set serve.token or NEWSLOOM_TOKEN on the server",
                            headers={"WWW-Authenticate": "Bearer"})
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "missing or bad bearer token", headers={"WWW-Authenticate": "Bearer"})


async def _read_form(request: Request, limit: int) -> Any:
    """The multipart/urlencoded form, refusing bodies over the limit before parsing (413)."""
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise HTTPException(415, "send multipart/form-data (file, text, html or url field)")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + _FORM_SLACK:
        raise HTTPException(413, f"body of {int(declared)} bytes is over the {limit} byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit + _FORM_SLACK:
            raise HTTPException(413, f"body is over the {limit} byte limit")
        chunks.append(chunk)
    body = b"".join(chunks)

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        return await Request(request.scope, replay).form(max_files=1, max_fields=20, max_part_size=limit)
    except Exception as exc:  # malformed multipart: the client's fault
        raise HTTPException(400, f"cannot parse form: {exc}") from None


async def _document_from_form(form: Any, state: Any) -> Document:
    meta = _form_meta(form)
    upload = form.get("file")
    if isinstance(upload, UploadFile):
        data = await upload.read()
        if len(data) > state.max_upload:
            raise HTTPException(413, f"file is over the {state.max_upload} byte limit")
        name = upload.filename or "upload"
        media = SUFFIXES.get(PurePath(name).suffix.lower()) or _media_from_type(upload.content_type or "")
        if media in ("application/json", "application/jsonl"):
            raise HTTPException(422, "JSON documents are ingested by the CLI; upload .html or .txt here")
        return given_document(data, media_type=media, source=f"upload:{name}", meta=meta)
    for field, media in (("html", "text/html"), ("text", "text/plain")):
        value = form.get(field)
        if isinstance(value, str) and value.strip():
            data = value.encode("utf-8")
            if len(data) > state.max_upload:
                raise HTTPException(413, f"{field} is over the {state.max_upload} byte limit")
            return given_document(data, media_type=media, meta=meta, fallback=f"api:{field}")
    url = form.get("url")
    if isinstance(url, str) and url.strip():
        from ..sources.urls import fetch_url

        try:
            doc = await run_in_threadpool(fetch_url, url.strip(), state.settings, max_bytes=state.max_upload)
        except IngestError as exc:
            raise HTTPException(422, f"cannot fetch {url.strip()}: {exc.reason}") from None
        doc.meta.update(meta)
        return doc
    raise HTTPException(422, "nothing to ingest: give a file, text, html or url field")


def _form_meta(form: Any) -> dict[str, Any]:
    """Metadata fields of the form, checked like a JSON document object's (422 names the field)."""
    from ..sources.objects import validate

    given = {k: form[k] for k in ("title", "published", "outlet") if isinstance(form.get(k), str) and form[k]}
    if isinstance(form.get("source_url"), str) and form["source_url"]:
        given["url"] = form["source_url"]
    fields, problems, _ = validate(given)
    if fields is None:
        raise HTTPException(422, "; ".join(problems))
    return {k: v for k in ("title", "published", "outlet", "url") if (v := getattr(fields, k))}


def _media_from_type(content_type: str) -> str:
    return "text/html" if "html" in content_type else "text/plain"
