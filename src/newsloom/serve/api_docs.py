"""/api/v1/docs: an interactive page over the OpenAPI document, Swagger UI served from the assets
the pinned ``fastapi-offline`` package ships (no CDN, so it works offline and under our CSP: no
inline script, the start-up code is a file of its own)."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, Response

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
# Only these files are served: the name is looked up, never joined onto a path.
_FILES = {"swagger-ui.css": "text/css", "swagger-ui-bundle.js": "text/javascript", "favicon.png": "image/png"}

router = APIRouter(include_in_schema=False)

# Relative links: the page works behind a proxy that mounts the app under a prefix.
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Newsloom API</title>
<link rel="icon" href="docs/assets/favicon.png">
<link rel="stylesheet" href="docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"><noscript><p>This page needs JavaScript. The OpenAPI document itself is
<a href="openapi.json">openapi.json</a>.</p></noscript></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/start.js"></script>
</body></html>
"""
_START = """window.ui = SwaggerUIBundle({url: "openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
"""


@router.get("/api/v1/docs")
def docs_page() -> HTMLResponse:
    return HTMLResponse(_PAGE)


@router.get("/api/v1/docs/start.js")
def docs_start() -> Response:
    return Response(_START, media_type="text/javascript")


@router.get("/api/v1/docs/assets/{name}")
def docs_asset(name: str) -> FileResponse:
    media = _FILES.get(name)
    if media is None:
        raise HTTPException(404, f"no asset {name!r}")
    return FileResponse(ASSETS / name, media_type=media, headers={"Cache-Control": "public, max-age=86400"})
