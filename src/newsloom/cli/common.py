"""What every command shares: the typer app, the consoles, the common options and small helpers."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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


def _store(db: str | None, config: Path | None = None) -> Store:
    """The database given by --db, else the one the settings name (file, environment, default)."""
    return open_store(db or Settings.load(config).store.db)


def _progress(label: str) -> tuple[Progress, Any]:
    progress = Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=False, disable=not err.is_terminal)
    task = progress.add_task(label, total=None)

    def callback(event: str, amount: int) -> None:
        if event == "total":
            progress.update(task, total=amount)
        else:
            progress.advance(task, amount)

    return progress, callback


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

