"""Requests answered before they reach a handler (query values no database takes) and the one
place an unexpected error becomes a 500 that still carries every header."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

log = logging.getLogger(__name__)
# Longest query parameter value accepted: SQLite refuses LIKE patterns over 50,000 bytes, and no
# name, word list or cursor comes near this.
MAX_PARAM_CHARS = 2000


def check_query(request: Request) -> str | None:
    """Why the request's path or query string is refused, or None."""
    if any(len(part) > MAX_PARAM_CHARS for part in request.url.path.split("/")):
        return f"a path segment is longer than {MAX_PARAM_CHARS} characters"
    for name, value in request.query_params.multi_items():
        if len(value) > MAX_PARAM_CHARS:
            return f"{name}: at most {MAX_PARAM_CHARS} characters"
        if "\x00" in value:
            return f"{name}: NUL characters are not allowed"
    return None


def refusal(problem: str, wants_json: bool) -> Response:
    if wants_json:
        return JSONResponse({"error": problem, "status": 422}, status_code=422)
    return HTMLResponse(f"<h1>Bad request</h1><p>{_escape(problem)}</p>", status_code=422)


def server_error(request: Request, exc: Exception, wants_json: bool) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    if wants_json:
        return JSONResponse({"error": f"internal error: {type(exc).__name__}", "status": 500}, status_code=500)
    return HTMLResponse("<h1>Internal error</h1>", status_code=500)


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
