"""The web workspace and API server."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    DEFAULT_DB,
    ConfigOpt,
    DbOpt,
    _settings,
    app,
    err,
    require_db,
)


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str | None, typer.Option(help="Address to bind (default: serve.host, "
                                                  "loopback only as shipped).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: serve.port).")] = None,
    config: ConfigOpt = None,
    token: Annotated[str | None, typer.Option(help="Bearer token that enables POST /api/v1/documents "
                                              "(serve.token). [env: NEWSLOOM_TOKEN, which wins]")] = None,
) -> None:
    """Serve the web workspace and the JSON API (/api/v1). Example: [cyan]newsloom serve --db news.db[/cyan]"""
    import uvicorn

    from ..serve import create_app

    settings = _settings(config, **{"serve.token": token})
    target = db or settings.store.db
    require_db(str(target))  # serving a mistyped path would show an empty store made for it
    web_app = create_app(target, settings)
    bind = host or settings.serve.host
    err.print(f"serving {target} on http://{bind}:{port or settings.serve.port}/ (API at /api/v1)")
    uvicorn.run(web_app, host=bind, port=port or settings.serve.port, log_level="warning")
