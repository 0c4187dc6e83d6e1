"""The event endpoints of /api/v1: events with filters, per article, per actor; counts over time;
an actor's positions and said-versus-done contrasts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from .. import plover
from .api_lists import LIST_CONTENT, FormatQ, TotalQ, listing, reject_unknown_params
from .api_models import ERROR_RESPONSES
from .event_models import ActorEventCounts, ContrastsOut, EventPage, PositionsOut
from .params import CollapseQ, CursorQ, OutletQ, SinceQ, UntilQ, make_filters

router = APIRouter(prefix="/api/v1", tags=["events"], dependencies=[Depends(reject_unknown_params)],
                   responses=ERROR_RESPONSES)

Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
TypeQ = Annotated[str | None, Query(description="PLOVER type, or several separated by commas (REQUEST,ASSAULT).")]
ModeQ = Annotated[str | None, Query(description="PLOVER mode, e.g. third-party.")]
Role = Literal["source", "target", "any"]
RoleQ = Annotated[Role, Query(description="The actor as the event's source, its target, or either.")]


def _store(request: Request) -> Any:
    return request.app.state.newsloom.store


def _settings(request: Request) -> Any:
    return request.app.state.newsloom.settings


def _actor_or_404(store: Any, actor_id: str) -> None:
    found = store.find_actor(actor_id)
    if found is None or found.id != actor_id:
        raise HTTPException(404, f"no actor {actor_id!r}")


def _role(actor_id: str, role: Role) -> dict[str, str]:
    return {"source" if role == "source" else "target" if role == "target" else "actor": actor_id}


@router.get("/events", response_model=EventPage, response_model_exclude_unset=True, responses=LIST_CONTENT,
            summary="Who did what to whom: PLOVER events, newest first")
def events(request: Request, response: Response,
           source: Annotated[str | None, Query(description="Source actor id or exact name.")] = None,
           target: Annotated[str | None, Query(description="Target actor id or exact name.")] = None,
           actor: Annotated[str | None, Query(description="Actor on either side, id or exact name.")] = None,
           type: TypeQ = None, mode: ModeQ = None, since: SinceQ = None, until: UntilQ = None,
           outlet: OutletQ = None, q: Annotated[str | None, Query(description="Words the sentence contains.")] = None,
           collapse_copies: CollapseQ = False, limit: Limit = 50, cursor: CursorQ = None,
           format: FormatQ = "json", total: TotalQ = False) -> Any:
    filters = make_filters(since, until, outlet, text=q)
    store = _store(request)
    return listing(request, response, lambda n, at: store.events(
        filters, source=source or None, target=target or None, actor=actor or None, type=type or None,
        mode=mode or None, limit=n, cursor=at, collapse_copies=collapse_copies), limit, cursor, format, total)


@router.get("/articles/{doc_id}/events", response_model=EventPage, summary="Events coded in one article, in text order")
def article_events(request: Request, doc_id: str) -> dict[str, Any]:
    store = _store(request)
    if store.document(doc_id) is None:
        raise HTTPException(404, f"no article {doc_id!r}")
    return {"items": store.events_for(doc_id), "next": None}


@router.get("/actors/{actor_id:path}/events", response_model=EventPage, response_model_exclude_unset=True,
            responses=LIST_CONTENT, summary="An actor's events, newest first")
def actor_events(request: Request, response: Response, actor_id: str, role: RoleQ = "any", type: TypeQ = None,
                 mode: ModeQ = None, since: SinceQ = None, until: UntilQ = None, limit: Limit = 50,
                 cursor: CursorQ = None, format: FormatQ = "json", total: TotalQ = False) -> Any:
    store = _store(request)
    _actor_or_404(store, actor_id)
    filters = make_filters(since, until)
    return listing(request, response, lambda n, at: store.events(
        filters, type=type or None, mode=mode or None, limit=n, cursor=at, **_role(actor_id, role)),
        limit, cursor, format, total)


@router.get("/actors/{actor_id:path}/event-counts", response_model=ActorEventCounts,
            summary="An actor's events per day or month and PLOVER type (with its quad class)")
def actor_event_counts(request: Request, actor_id: str, role: RoleQ = "source",
                       unit: Annotated[Literal["day", "month"], Query()] = "month",
                       since: SinceQ = None, until: UntilQ = None) -> dict[str, Any]:
    store = _store(request)
    _actor_or_404(store, actor_id)
    rows = store.event_counts(make_filters(since, until), unit=unit, **_role(actor_id, role))
    return {"actor_id": actor_id, "role": role, "unit": unit,
            "items": [{**r, "quad": plover.quad(r["type"])} for r in rows]}


@router.get("/actors/{actor_id:path}/positions", response_model=PositionsOut,
            summary="An actor's stances by topic, from its statements and events, each with its sentence")
def actor_positions(request: Request, actor_id: str,
                    topic: Annotated[str | None, Query(description="Only topics with these words.")] = None
                    ) -> dict[str, Any]:
    from ..connect.positions import actor_positions as positions

    store = _store(request)
    _actor_or_404(store, actor_id)
    settings = _settings(request)
    return positions(store, actor_id, topic=topic or None,
                     threshold=float(settings.get("positions.topic_similarity")),
                     limit=int(settings.get("positions.max_items")))


@router.get("/actors/{actor_id:path}/contrasts", response_model=ContrastsOut,
            summary="Said versus done: statements and events of an actor pointing opposite ways on one target")
def actor_contrasts(request: Request, actor_id: str,
                    window: Annotated[int | None, Query(ge=0, le=3650, description="Days apart at most.")] = None
                    ) -> dict[str, Any]:
    from ..connect.contrasts import actor_contrasts as contrasts

    store = _store(request)
    _actor_or_404(store, actor_id)
    days = window if window is not None else int(_settings(request).get("contrasts.window_days", 30))
    return contrasts(store, actor_id, window_days=days)
