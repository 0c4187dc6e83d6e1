"""What every command shares: the typer app, the consoles, the common options and small helpers."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..output import print_json
from ..settings import Settings
from ..store import Filters, Store, open_store

app = typer.Typer(
    name="newsloom",
    help="Turn raw news into a verifiable record of who said what, when, about whom.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

# Options every command shares, declared once.
# The environment is read by Settings.load alone (NEWSLOOM_DB, NEWSLOOM_CONFIG), not by typer.
DbOpt = Annotated[str | None, typer.Option("--db", help="Database: a SQLite file path or a postgresql:// "
                                           "URL. [default: store.db of the settings; env: NEWSLOOM_DB]")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML settings file laid over the "
                                                "defaults. [env: NEWSLOOM_CONFIG]")]
ActorsOpt = Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file (YAML/JSON) for "
                                                      "the knowledge base; repeatable.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, max=10000, help="How many rows to show.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Only on or after this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Only on or before this date (YYYY-MM-DD).")]
# No database named on the command line: the settings name it (store.db, $NEWSLOOM_DB).
DEFAULT_DB = None


class Fmt(StrEnum):
    table = "table"
    json = "json"


FmtOpt = Annotated[Fmt, typer.Option("--format", "-f", help="table for people, json for scripts.")]


class DocFmt(StrEnum):
    json = "json"
    jsonl = "jsonl"


class ExportFmt(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _settings(config: Path | None, actors: list[Path] | None = None, **overrides: Any) -> Settings:
    settings = Settings.load(config, **overrides)
    if actors:
        settings.set("actors.extra", [*settings.actors.extra, *map(str, actors)])
    return settings


def _version() -> str:
    try:
        return version("newsloom")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        out.print(f"newsloom {_version()}", highlight=False, markup=False)
        raise typer.Exit()


@app.callback()
def _main(
    version_: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                           help="Print the version and exit.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="Log what each stage does on "
                                         "stderr; -vv for every document.")] = 0,
) -> None:
    """Turn raw news into a verifiable record of who said what, when, about whom."""
    # The library's modules log (logging.getLogger(__name__)); only the command line says where to.
    if verbose:
        logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.INFO, stream=sys.stderr, force=True,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
        # Other libraries stay quiet unless asked twice.
        logging.getLogger().setLevel(logging.DEBUG if verbose > 2 else logging.WARNING)
        logging.getLogger("newsloom").setLevel(logging.DEBUG if verbose > 1 else logging.INFO)


def _is_server(target: str) -> bool:
    return target.startswith(("postgres://", "postgresql://"))


def _store(db: str | None, config: Path | None = None, *, create: bool = False) -> Store:
    """The database given by --db, else the one the settings name (file, environment, default).

    Only commands that take documents in (``create``) may make a new SQLite file: a read command
    on a path that names nothing is a mistyped path, an error that leaves nothing behind."""
    target = str(db or Settings.load(config).store.db)
    if not create:
        require_db(target)
    return open_store(target)


def require_db(target: str) -> None:
    """Exit 2, creating nothing, when ``target`` is a SQLite path that names no file."""
    if not _is_server(target) and target != ":memory:" and not Path(target).is_file():
        err.print(f"no database at {target}: `newsloom ingest`, `watch` or `load` create one", markup=False,
                  highlight=False)
        raise typer.Exit(2)


def resolve_id(store: Store, kind: str, text: str) -> str:
    """The stored id a unique prefix names (ids can be typed the way tables show them); the text
    as given when nothing starts with it (the caller says it is missing). Several ids: exit 2."""
    found = store.ids_with_prefix(kind, text, limit=11)
    if not found or found[0] == text:
        return text
    if len(found) == 1:
        return found[0]
    shown = ", ".join(found[:10]) + (", …" if len(found) > 10 else "")
    err.print(f"{text!r} is the start of several {kind} ids: {shown}; type more of it", markup=False,
              highlight=False)
    raise typer.Exit(2)


def emit(data: Any, fmt: Fmt | str, render: Callable[[], None]) -> None:
    """The one way commands print results: JSON on stdout for scripts, else ``render()`` for people."""
    if str(getattr(fmt, "value", fmt)) == "json":
        print_json(data)
    else:
        render()


class Tracker:
    """A progress bar on a terminal; elsewhere (a log, a pipe) nothing until the command's summary,
    which reads ``done`` and ``seconds`` from here."""

    def __init__(self, label: str, unit: str = "documents") -> None:
        self.done, self.total, self.started = 0, None, time.monotonic()
        self.bar = Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TextColumn(unit),
                            TimeElapsedColumn(), console=err, transient=False, disable=not err.is_terminal)
        self.task = self.bar.add_task(label, total=None)

    def __call__(self, event: str, amount: int) -> None:
        if event == "total":
            self.total = amount
            self.bar.update(self.task, total=amount)
        else:
            self.done += amount
            self.bar.advance(self.task, amount)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def __enter__(self) -> Tracker:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)


def _progress(label: str, unit: str = "documents") -> tuple[Tracker, Tracker]:
    tracker = Tracker(label, unit)
    return tracker, tracker


def _report_errors(errors: list[tuple[str, str]]) -> None:
    for source, reason in errors:
        # Sources and reasons come from the input (a JSON id of "[/]"): never read them as markup.
        err.print(f"[red]error[/red] {escape(source)}: {escape(reason)}", highlight=False, markup=True)


def _report_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        err.print(f"[yellow]warning[/yellow] {escape(warning)}", highlight=False, markup=True)


def _filters(since: str | None = None, until: str | None = None, outlet: str | None = None,
             actor: str | None = None, text: str | None = None) -> Filters:
    return Filters(since=since, until=until, outlet=outlet, actor=actor, text=text)

