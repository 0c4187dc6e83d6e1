"""What every list of /api/v1 shares: ``format=json|jsonl|csv``, an optional ``total``, the
``Link: <...>; rel="next"`` header beside the cursor; and the refusal of query parameters a path
does not take (a misspelt filter would otherwise be ignored and the answer silently unfiltered)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

from fastapi import HTTPException, Query, Request, Response

from ..store.base import Page
from .params import check_cursor

FormatQ = Annotated[Literal["json", "jsonl", "csv"], Query(
    description="json (a page object), jsonl (one item per line) or csv (one row per item, nested fields "
                "as dotted columns); the next page is in the Link header for all three.")]
TotalQ = Annotated[bool, Query(description=f"Also count the items of all pages (up to {10_000:,}) into `total`.")]
MAX_TOTAL = 10_000
_COUNT_PAGE = 1000
# Cells a spreadsheet would run as a formula: scraped text is hostile (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
JSONL = "application/x-ndjson"
LIST_CONTENT = {200: {"content": {JSONL: {"schema": {"type": "string"}},
                                  "text/csv": {"schema": {"type": "string"}}},
                      "description": "One page; `format` picks JSON, JSON lines or CSV."}}

Fetch = Callable[[int, str | None], Page]


def reject_unknown_params(request: Request) -> None:
    """400 for a query parameter the route does not declare (the names it takes are listed)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise HTTPException(400, f"unknown query parameter{'s' if len(unknown) > 1 else ''} "
                                 f"{', '.join(map(repr, unknown))}; this path takes: {takes}")


def _query_names(dependant: Any) -> set[str]:
    """Query parameter names of a route and of its dependencies."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def listing(request: Request, response: Response, fetch: Fetch, limit: int, cursor: str | None,
            format: str = "json", total: bool = False, extra: dict[str, Any] | None = None) -> Any:
    """One page from ``fetch(limit, cursor)`` in the asked format, with Link and total."""
    page = fetch(limit, check_cursor(cursor))
    body: dict[str, Any] = {**(extra or {}), "items": page.items, "next": page.next}
    headers: dict[str, str] = {}
    if page.next:
        headers["Link"] = f'<{request.url.include_query_params(cursor=page.next)}>; rel="next"'
    if total:
        body["total"], body["total_capped"] = count_all(fetch)
        headers["X-Total-Count"] = str(body["total"])
    if format == "csv":
        return Response(to_csv(page.items), media_type="text/csv; charset=utf-8", headers=headers)
    if format == "jsonl":
        lines = "".join(json.dumps(item, ensure_ascii=False, default=str) + "\n" for item in page.items)
        return Response(lines, media_type=JSONL, headers=headers)
    response.headers.update(headers)
    return body


def count_all(fetch: Fetch) -> tuple[int, bool]:
    """Items over all pages, walking them in large pages; stops at MAX_TOTAL (then capped)."""
    n, cursor = 0, None
    while True:
        page = fetch(_COUNT_PAGE, cursor)
        n += len(page.items)
        if page.next is None:
            return n, False
        if n >= MAX_TOTAL:
            return MAX_TOTAL, True
        cursor = page.next


def to_csv(items: Iterable[dict[str, Any]]) -> str:
    """Items as CSV: nested objects as dotted columns (speaker.actor.id), lists as JSON text."""
    rows = [dict(_flatten(item)) for item in items]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _flatten(value: dict[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, v in value.items():
        name = f"{prefix}{key}"
        if isinstance(v, dict):
            yield from _flatten(v, name + ".")
        else:
            yield name, v


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
