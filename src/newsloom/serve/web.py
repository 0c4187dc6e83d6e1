"""Server-rendered pages (Jinja2, autoescaped) over the same query layer as the JSON API."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..store import Filters
from .event_charts import actor_event_context, enrich_story_events
from .params import check_cursor, check_words, make_filters
from .render import actor_url, fold_copies, http_url, script_json, segments
from .web_context import WINDOWS, activity_window, actor_chart, on_behalf, with_quote_sentences

HERE = Path(__file__).resolve().parent
_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["actor_url"] = actor_url
_env.filters["http_url"] = http_url
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False)
Opt = Annotated[str | None, Query()]


def _store(request: Request) -> Any:
    return request.app.state.newsloom.store


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", status_code=status, status=status, message=message)


def _next_url(request: Request, cursor: str | None) -> str | None:
    """This page's URL with the cursor replaced: pagination links keep every filter."""
    if not cursor:
        return None
    params = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
    params["cursor"] = cursor
    return f"{request.url.path}?{urlencode(params)}"


@router.get("/", response_class=HTMLResponse)
def home(request: Request, active: Opt = None) -> HTMLResponse:
    store = _store(request)
    # "Most active" counts over a window of publication dates the page names and lets the reader change.
    window = activity_window(store, active, datetime.now(UTC).date())
    actors = store.actors(Filters(since=window.since, until=window.until), limit=12).items
    latest = store.articles(limit=15, collapse_copies=True)
    return _render(request, "home.html", stats=store.stats(), latest=latest.items, active=actors, window=window,
                   windows=WINDOWS, stories=_latest_stories(store, 8), story_stats=store.story_stats())


def _latest_stories(store: Any, n: int) -> list[dict[str, Any]]:
    """The newest stories with several articles, topped up with single-article ones."""
    multi = store.stories(limit=n, min_articles=2).items
    if len(multi) < n:
        seen = {s["id"] for s in multi}
        multi += [s for s in store.stories(limit=n).items if s["id"] not in seen][: n - len(multi)]
    return multi


def _collapse(value: str | None) -> bool:
    # Pages collapse copies unless asked not to (the API's default is the opposite: raw rows).
    return (value or "").strip().lower() not in ("false", "0", "no", "off")


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Opt = None, outlet: Opt = None, actor: Opt = None, since: Opt = None,
                until: Opt = None, mode: Opt = None, cursor: Opt = None,
                collapse_copies: Opt = None) -> HTMLResponse:
    store = _store(request)
    collapse = _collapse(collapse_copies)
    q = (check_words(q) or "").strip()
    mode = "quotes" if mode == "quotes" else "articles"
    filters = make_filters(since, until, outlet, actor)
    cursor = check_cursor(cursor)
    hits: list[dict[str, Any]] = []
    facets: dict[str, Any] = {}
    nxt = None
    error = None
    if q:
        try:
            if mode == "quotes":
                filters.text = q
                page = store.quotes(filters, limit=20, cursor=cursor, collapse_copies=collapse)
            else:
                page = store.search(q, filters, limit=20, cursor=cursor, collapse_copies=collapse)
                facets = store.search_facets(q, filters)
            hits, nxt = page.items, page.next
        except ValueError as exc:
            error = str(exc)
    actor_name = None
    if actor:
        found = store.actor(actor)
        actor_name = found["actor"]["name"] if found else actor
    return _render(request, "search.html", q=q, mode=mode, hits=hits, facets=facets, error=error, collapse=collapse,
                   filters=filters, actor_name=actor_name, next_url=_next_url(request, nxt),
                   params={k: v for k, v in request.query_params.items() if k != "cursor"})


@router.get("/articles/{doc_id}", response_class=HTMLResponse)
def article_page(request: Request, doc_id: str) -> HTMLResponse:
    store = _store(request)
    article = store.article(doc_id)
    record = store.document(doc_id)
    if article is None:
        if record is not None:
            return error_page(request, 404, f"Document {doc_id} has no article: {record.error or record.status}")
        raise HTTPException(404, f"No article {doc_id}")
    people: dict[str, dict[str, Any]] = {}
    for ent in article.entities or []:
        people[ent.actor.id] = {"actor": ent.actor, "mentions": len(ent.mentions),
                                "roles": sorted({m.role for m in ent.mentions if m.role})}
    group = store.article_story(doc_id)
    original = None
    if group and group["canonical_id"] != doc_id:
        found = store.article(group["canonical_id"])
        original = {"id": group["canonical_id"], "title": found.title if found else None,
                    "outlet": found.outlet if found else None}
    return _render(request, "article.html", doc_id=doc_id, article=article, record=record, group=group,
                   original=original,
                   paragraphs=segments(article), entities=sorted(people.values(), key=lambda e: -e["mentions"]),
                   quotes=article.quotes or [], events=store.events_for(doc_id))


@router.get("/articles/{doc_id}/source", response_class=HTMLResponse)
def source_page(request: Request, doc_id: str) -> HTMLResponse:
    doc = _store(request).raw(doc_id)
    if doc is None:
        raise HTTPException(404, f"No document {doc_id}")
    text = doc.raw.decode("utf-8", "replace") if doc.raw else ""
    return _render(request, "source.html", doc_id=doc_id, doc=doc, text=text)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, type: Opt = None, name: Opt = None, cursor: Opt = None) -> HTMLResponse:
    page = _store(request).actors(limit=50, cursor=check_cursor(cursor), type=type or None, name=name or None)
    return _render(request, "actors.html", actors=page.items, type=type, name=name,
                   next_url=_next_url(request, page.next))


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str) -> HTMLResponse:
    store = _store(request)
    profile = store.actor(actor_id)
    if profile is None:
        raise HTTPException(404, f"No actor {actor_id}")
    quotes = _with_sentences(store, store.quotes(speaker=actor_id, limit=30, collapse_copies=True, said_only=True).items)
    chart = actor_chart(store, actor_id, profile["actor"]["name"])
    articles = store.articles(Filters(actor=actor_id), limit=10, collapse_copies=True).items
    stories = store.actor_stories(actor_id, limit=30).items
    return _render(request, "actor.html", profile=profile, a=profile["actor"], quotes=quotes,
                   on_behalf=_with_sentences(store, on_behalf(store, actor_id)), articles=articles, stories=stories,
                   timeline=chart["timeline"], timeline_unit=chart["timeline_unit"],
                   spec_json=script_json(chart["timeline_spec"]),
                   **actor_event_context(store, actor_id, profile["actor"]["name"], request.app.state.newsloom.settings))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, actor: Opt = None, outlet: Opt = None, since: Opt = None, until: Opt = None,
                 q: Opt = None, min_articles: Opt = None, cursor: Opt = None) -> HTMLResponse:
    store = _store(request)
    filters = make_filters(since, until, outlet, actor, q)
    minimum = int(min_articles) if (min_articles or "").isdigit() and int(min_articles or 0) > 0 else 1
    page = store.stories(filters, limit=30, cursor=check_cursor(cursor), min_articles=minimum)
    actor_name = None
    if actor:
        found = store.find_actor(actor)
        actor_name = found.name if found and found.id == actor else actor
    return _render(request, "stories.html", stories=page.items, filters=filters, actor_name=actor_name,
                   min_articles=minimum, story_stats=store.story_stats(), next_url=_next_url(request, page.next))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    from ..connect.timelines import story_timeline

    timeline = story_timeline(_store(request), story_id)
    if timeline is None:
        raise HTTPException(404, f"No story {story_id}")
    return _render(request, "story.html", story=timeline["story"], actors=timeline["actors"],
                   entries=fold_copies(with_quote_sentences(_store(request),
                                                            enrich_story_events(_store(request), timeline["entries"]))),
                   outlets=sorted({e["outlet"] for e in timeline["entries"] if e["kind"] == "article" and e["outlet"]}))


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, speaker: Opt = None, speaks_for: Opt = None, q: Opt = None, since: Opt = None,
                until: Opt = None, cursor: Opt = None, collapse_copies: Opt = None) -> HTMLResponse:
    store = _store(request)
    collapse = _collapse(collapse_copies)
    filters = make_filters(since, until, text=q)
    error = None
    items: list[dict[str, Any]] = []
    nxt = None
    try:
        page = store.quotes(filters, speaker=speaker or None, speaks_for=speaks_for or None, limit=30,
                            cursor=check_cursor(cursor), collapse_copies=collapse)
        items, nxt = _with_sentences(store, page.items), page.next
    except ValueError as exc:
        error = str(exc)
    return _render(request, "quotes.html", quotes=items, error=error, next_url=_next_url(request, nxt), collapse=collapse,
                   params={k: v for k, v in request.query_params.items() if k != "cursor"})


def _with_sentences(store: Any, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each quote with the sentence around it, cut from its article's text."""
    texts: dict[str, str] = {}
    for q in quotes:
        if q.get("sentence_start") is None:
            continue
        if q["doc_id"] not in texts:
            art = store.article(q["doc_id"])
            texts[q["doc_id"]] = art.text if art else ""
        sentence = texts[q["doc_id"]][q["sentence_start"] : q["sentence_end"]].strip()
        if sentence and sentence != q["text"].strip():
            q["sentence"] = sentence
    return quotes


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    """Subscribed feeds and sitemaps with their health (what `newsloom watch` polls)."""
    feeds = _store(request).feeds()
    for feed in feeds:
        feed["health"] = "failing" if feed["failures"] else ("never checked" if not feed["last_checked"] else "ok")
    return _render(request, "sources.html", feeds=feeds)
