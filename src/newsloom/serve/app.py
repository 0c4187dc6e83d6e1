"""App factory: one store, the JSON API under /api/v1, the HTML pages, static files, JSON errors."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..model import Document
from ..settings import Settings
from ..store import Store, open_store
from . import api, api_docs, api_ingest, events_api, guards, web

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class AppState:
    """What every request handler needs: the store, the settings, the write token, the pipeline."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.token: str = str(settings.secret("serve.token") or "")
        self.max_upload = settings.ingest.max_bytes
        self._pipeline: Any = None

        # One ingestion at a time: the pipeline's models are shared by the request threads, and the
        # outlet memory each ingestion loads from the store and saves back must not interleave.
        self._ingest_lock = threading.Lock()

    @property
    def pipeline(self) -> Any:
        # Built on first POST only: loading the NLP model costs seconds a read-only server never pays.
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def ingest(self, doc: Document) -> Any:
        """Store one posted document (called from a worker thread); returns the IngestReport."""
        from ..batch.local import ingest_documents

        with self._ingest_lock:
            return ingest_documents([doc], self.store, self.settings, pipeline=self.pipeline)

    def ingest_items(self, items: list[Any]) -> Any:
        """Store what a reader gave (document objects, failed ones with their reason); the IngestReport."""
        from ..batch.local import ingest_items

        with self._ingest_lock:
            return ingest_items(items, self.store, self.settings, pipeline=self.pipeline)


def create_app(db: str | Path | Store, settings: Settings | None = None) -> FastAPI:
    """The Newsloom web app over ``db`` (a path/URL or an open Store)."""
    settings = settings or Settings.load()
    store = db if isinstance(db, Store) else open_store(db)
    owned = not isinstance(db, Store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Newsloom API",
        version="1",
        description="Who said what, when, about whom: articles, actors, quotes and full-text search.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN: api_docs serves it from a package
        redoc_url=None,
    )
    app.state.newsloom = AppState(store, settings)
    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        problem = guards.check_query(request)
        try:
            response = guards.refusal(problem, _wants_json(request)) if problem else await call_next(request)
        except Exception as exc:
            # Answered here, not by Starlette's outermost handler: that one re-raises after
            # answering (the client sees a reset connection) and skips this middleware's headers.
            response = guards.server_error(request, exc, _wants_json(request))
        # A second line of defence behind autoescaping: no inline or foreign scripts run, even if
        # scraped markup ever slipped through. Vega compiles chart expressions, hence 'unsafe-eval'.
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    # Before api: its /actors/{actor_id:path} would otherwise take /actors/{id}/events.
    app.include_router(events_api.router)
    app.include_router(api.router)
    app.include_router(api_ingest.router)
    app.include_router(api_docs.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _add_error_handlers(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    """Errors as JSON under /api/, as pages elsewhere."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if _wants_json(request):
            return JSONResponse({"error": _message(exc.detail), "status": exc.status_code},
                                status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return web.error_page(request, exc.status_code, _message(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'path', 'body'))}: "
                    f"{e.get('msg', 'invalid')}" for e in exc.errors()]
        message = "; ".join(problems) or "invalid request"
        if _wants_json(request):
            return JSONResponse({"error": message, "status": 422, "detail": problems}, status_code=422)
        return web.error_page(request, 422, message)

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> Any:
        # The query layer raises ValueError for a bad cursor or an empty search: the caller's fault.
        if _wants_json(request):
            return JSONResponse({"error": str(exc), "status": 400}, status_code=400)
        return web.error_page(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Any:
        if _wants_json(request):
            return JSONResponse({"error": f"internal error: {type(exc).__name__}", "status": 500}, status_code=500)
        return HTMLResponse("<h1>Internal error</h1>", status_code=500)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _message(detail: Any) -> str:
    return detail if isinstance(detail, str) else str(detail)


__all__ = ["AppState", "HTTPException", "create_app"]
