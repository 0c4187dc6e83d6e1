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
)


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str | None, typer.Option(help="Address to bind (default serve.host: 127.0.0.1, "
                                                  "loopback only).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default serve.port: 8000).")] = None,
    config: ConfigOpt = None,
    token: Annotated[str | None, typer.Option(envvar="NEWSLOOM_TOKEN", help="Bearer token that enables "
                                              "POST /api/v1/documents. [env: NEWSLOOM_TOKEN]")] = None,
) -> None:
    """Serve the web workspace and the JSON API (/api/v1). Example: [cyan]newsloom serve --db news.db[/cyan]"""
    import uvicorn

    from ..serve import create_app

    settings = _settings(config, **{"serve.token": token})
    web_app = create_app(db, settings)
    bind = host or str(settings.get("serve.host", "127.0.0.1"))
    err.print(f"serving {db} on http://{bind}:{port or settings.get('serve.port', 8000)}/ (API at /api/v1)")
    uvicorn.run(web_app, host=bind, port=int(port or settings.get("serve.port", 8000)), log_level="warning")
