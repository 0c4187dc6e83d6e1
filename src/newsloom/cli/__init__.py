"""The ``newsloom`` command line: a thin typer layer; every command calls the library.

Commands live in one module per area and register on the shared ``app`` when imported.
"""

from __future__ import annotations

from rich.markup import escape

from . import actors, batch, documents, events, read, serve, stories, watch  # noqa: F401  (registers the commands)
from .common import app, err

__all__ = ["app", "main"]


def main() -> None:
    from ..errors import NewsloomError

    try:
        app()
    except NewsloomError as exc:
        # Errors a user can act on are one line, not a traceback.
        err.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise SystemExit(1) from None

