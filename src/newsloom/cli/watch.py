"""Sources that keep flowing: `newsloom watch` (folders and feeds) and `newsloom feeds`."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from .. import output
from .common import DEFAULT_DB, ConfigOpt, DbOpt, Fmt, FmtOpt, _report_errors, _settings, _store, app, err, out

feeds_app = typer.Typer(help="Feed and sitemap subscriptions that `newsloom watch` polls.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")

EveryOpt = Annotated[str, typer.Option("--every", help="How often to poll each feed at first (90s, 15m, 2h); "
                                                       "each feed's interval then adapts to how often it changes.")]


def _sources(items: list[str]) -> tuple[list[Path], list[str]]:
    """Folders and feed URLs from the arguments; ``@file`` names a file of URLs, one a line."""
    folders: list[Path] = []
    feeds: list[str] = []
    for item in items:
        if item.startswith("@"):
            lines = Path(item[1:]).read_text("utf-8").splitlines()
            feeds.extend(u.strip() for u in lines if u.strip() and not u.lstrip().startswith("#"))
        elif item.lower().startswith(("http://", "https://")):
            feeds.append(item)
        elif Path(item).is_dir():
            folders.append(Path(item))
        else:
            raise typer.BadParameter(f"{item}: neither a folder, a feed URL nor @file-of-urls")
    return folders, feeds


def _status_table(watcher) -> Table:  # type: ignore[no-untyped-def]
    table = Table(title="newsloom watch — Ctrl-C stops", expand=False)
    for col in ("source", "kind", "last check", "new", "failures", "next check", "last error"):
        table.add_column(col, overflow="fold")
    for s in watcher.status.values():
        table.add_row(escape(s.name), s.kind, s.last_check or "-", str(s.new), str(s.failures),
                      s.next_check or "-", escape(s.last_error or ""))
    return table


@app.command()
def watch(
    sources: Annotated[list[str] | None, typer.Argument(help="Folders to watch, feed/sitemap URLs, or @file "
                                                             "with one URL a line (subscribed in the store).")] = None,
    every: EveryOpt = "15m",
    db: DbOpt = DEFAULT_DB,
    config: ConfigOpt = None,
    rounds: Annotated[int | None, typer.Option(hidden=True, help="Stop after this many rounds (tests).")] = None,
) -> None:
    """Keep the store current: ingest new files in folders and new items of feeds as they come,
    then build stories. Feeds subscribed earlier (`newsloom feeds add`) are polled too.

    Example: [cyan]newsloom watch crawl/ https://example.org/rss.xml --every 10m[/cyan]
    """
    from ..batch.watch import Watcher, parse_every

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    folders, feeds = _sources(sources or [])
    settings = _settings(config)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with _store(db, create=True) as store:
        if not folders and not feeds and not store.feeds():
            err.print("watch: nothing to watch (give folders or feed URLs, or `newsloom feeds add URL`)")
            raise typer.Exit(2)
        live = Live(console=err, auto_refresh=False, transient=False) if err.is_terminal else None
        watcher = Watcher(store, settings, folders, feeds, interval,
                          on_status=(lambda w: live.update(_status_table(w), refresh=True)) if live else None)
        try:
            if live:
                with live:
                    total = watcher.run(stop, rounds)
            else:
                total = watcher.run(stop, rounds)
        except KeyboardInterrupt:
            stop.set()
            total = watcher.total
    _report_errors(total.errors)
    err.print(f"watch stopped: added {total.added} · already present {total.present} · failed {total.failed}",
              highlight=False)


@feeds_app.command("add")
def feeds_add(
    urls: Annotated[list[str], typer.Argument(help="Feed or sitemap URLs, or @file with one URL a line.")],
    every: EveryOpt = "15m", db: DbOpt = DEFAULT_DB,
) -> None:
    """Subscribe to feeds; `newsloom watch` polls them. Example: [cyan]newsloom feeds add @feeds.txt[/cyan]"""
    from ..batch.watch import parse_every

    _, feeds = _sources(urls)
    with _store(db, create=True) as store:
        added = sum(store.add_feed(u, parse_every(every)) for u in feeds)
    err.print(f"subscribed {added} new feed(s) · {len(feeds) - added} already subscribed", highlight=False)


@feeds_app.command("remove")
def feeds_remove(urls: Annotated[list[str], typer.Argument(help="Feed URLs to unsubscribe.")],
                 db: DbOpt = DEFAULT_DB) -> None:
    """Unsubscribe from feeds (their articles stay)."""
    with _store(db) as store:
        gone = [u for u in urls if store.remove_feed(u)]
    for u in set(urls) - set(gone):
        err.print(f"feeds: {escape(u)} was not subscribed")
    raise typer.Exit(0 if len(gone) == len(set(urls)) else 1)


@feeds_app.command("list")
def feeds_list(db: DbOpt = DEFAULT_DB, format: FmtOpt = Fmt.table) -> None:
    """Subscribed feeds with their health: last check, items, failures, next check."""
    with _store(db) as store:
        rows = store.feeds()
    output.rows(out, rows, ["url", "last_checked", "items", "failures", "interval_s", "next_check", "last_error"],
                fmt=format.value, title="Feeds")
