"""Commands that read the store: articles, show, search, stats, export, actor, quotes, digest
(``actors`` lives in cli/actors.py with its corrections)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import output
from .common import (
    DEFAULT_DB,
    DbOpt,
    ExportFmt,
    Fmt,
    FmtOpt,
    LimitOpt,
    SinceOpt,
    UntilOpt,
    _filters,
    _store,
    app,
    emit,
    err,
    out,
    resolve_id,
)


@app.command()
def articles(
    db: DbOpt = DEFAULT_DB, limit: LimitOpt = 20, since: SinceOpt = None, until: UntilOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only articles mentioning this actor (name or id).")] = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """List stored articles, newest first. Example: [cyan]newsloom articles --outlet Reuters[/cyan]"""
    with _store(db) as store:
        actor_id = output.resolve_actor(store, actor, err) if actor else None
        page = store.articles(_filters(since, until, outlet, actor_id), limit=limit)
    output.rows(out, page.items, ["id", "published", "outlet", "title"], fmt=format.value, title="Articles")


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (from `articles` or `search`), or a unique "
                                                "start of one.")],
    db: DbOpt = DEFAULT_DB,
    raw: Annotated[bool, typer.Option("--raw", help="Print the raw input as stored.")] = False,
    format: FmtOpt = Fmt.table,
) -> None:
    """Show one article with its metadata, entities and quotes. Example: [cyan]newsloom show 3f2a91c0[/cyan]"""
    with _store(db) as store:
        doc_id = resolve_id(store, "document", doc_id)
        if raw:
            doc = store.raw(doc_id)
            if doc is None:
                err.print(f"no document {doc_id}", markup=False)
                raise typer.Exit(1)
            sys.stdout.write(doc.raw.decode("utf-8", "replace"))
            return
        article = store.article(doc_id)
        record = store.document(doc_id)
    if article is None:
        if record is not None:
            err.print(f"{doc_id} ({record.source}) failed: {record.error}", markup=False)
        else:
            err.print(f"no article {doc_id}", markup=False)
        raise typer.Exit(1)
    emit(article.as_dict(), format, lambda: output.article(out, article))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all required), "quoted phrases", OR / AND / NOT (upper '
                                              'case), -word, prefix*, NEAR(a b, N), ( grouping ).')],
    db: DbOpt = DEFAULT_DB, limit: LimitOpt = 10, since: SinceOpt = None, until: UntilOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Full-text search, ranked, with snippets. Example: [cyan]newsloom search '"peace talks" China -Taiwan'[/cyan]"""
    with _store(db) as store:
        try:
            page = store.search(query, _filters(since, until), limit=limit)
        except ValueError as exc:
            err.print(f"search: {exc}", markup=False)
            raise typer.Exit(2) from None
    output.search_hits(out, page.items, format.value)


@app.command()
def stats(db: DbOpt = DEFAULT_DB, format: FmtOpt = Fmt.table) -> None:
    """Counts of documents, articles, failures, actors, quotes. Example: [cyan]newsloom stats -f json[/cyan]"""
    with _store(db) as store:
        data = store.stats()
    output.mapping(out, data, format.value, title="Newsloom database")


@app.command()
def export(
    format: Annotated[ExportFmt, typer.Option("--format", "-f", help="jsonl, csv or parquet (typed).")] = ExportFmt.jsonl,
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (stdout for jsonl/csv "
                                                  "when omitted).")] = None,
    table: Annotated[str, typer.Option(help="articles, mentions, dates, quotes, events, stories, or gkg "
                                            "(GDELT GKG 2.1 layout; as csv it is tab-separated without a "
                                            "header, as GDELT ships it).")] = "articles",
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Export a table; every fact row carries its document id and offsets.

    Example: [cyan]newsloom export --table mentions -f parquet -o mentions.parquet[/cyan]
    """
    from ..exporting import TABLES
    from ..exporting import export as run_export

    if table not in TABLES:
        err.print(f"export: --table must be one of {', '.join(TABLES)}")
        raise typer.Exit(2)
    if format is ExportFmt.parquet and out_path is None:
        err.print("export: parquet needs --out PATH")
        raise typer.Exit(2)
    with _store(db) as store:
        n = run_export(store, format.value, table, out_path)
    err.print(f"exported {n} {table} row(s)" + (f" to {out_path}" if out_path else ""))


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="Actor name, alias seen in text, or id.")],
    db: DbOpt = DEFAULT_DB, format: FmtOpt = Fmt.table,
) -> None:
    """One actor: roles, aliases seen, articles, quotes. Example: [cyan]newsloom actor China[/cyan]"""
    with _store(db) as store:
        actor_id = output.resolve_actor(store, name, err)
        profile = store.actor(actor_id)
        page = store.articles(_filters(actor=actor_id), limit=10)
        quotes_page = store.quotes(speaker=actor_id, limit=10)
        behalf = store.quotes(speaks_for=actor_id, limit=20)
    assert profile is not None
    profile["articles_list"] = page.items
    profile["quotes_list"] = quotes_page.items
    # Statements made for the actor by someone else (a spokesperson, a ministry, an envoy).
    profile["on_behalf_list"] = [q for q in behalf.items if ((q["speaker"] or {}).get("actor") or {}).get("id")
                                 != actor_id][:10]
    output.actor_profile(out, profile, format.value)


@app.command()
def quotes(
    db: DbOpt = DEFAULT_DB, limit: LimitOpt = 20,
    speaker: Annotated[str | None, typer.Option(help="Speaker actor (name or id).")] = None,
    speaks_for: Annotated[str | None, typer.Option(help="The actor spoken for (name or id).")] = None,
    about: Annotated[str | None, typer.Option(help="Quotes mentioning this actor.")] = None,
    since: SinceOpt = None, until: UntilOpt = None,
    contains: Annotated[str | None, typer.Option(help="Words the quote contains.")] = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Who said what. Example: [cyan]newsloom quotes --speaks-for China --since 2023-01-01[/cyan]"""
    with _store(db) as store:
        ids = {k: output.resolve_actor(store, v, err) if v else None
               for k, v in (("speaker", speaker), ("speaks_for", speaks_for), ("about", about))}
        page = store.quotes(_filters(since, until, text=contains), limit=limit, **ids)
    output.quote_rows(out, page.items, format.value)


@app.command()
def digest(db: DbOpt = DEFAULT_DB, format: FmtOpt = Fmt.table) -> None:
    """A summary of the database: articles, outlets, dates, kinds of input, top actors and quotes."""
    with _store(db) as store:
        if format is Fmt.json:
            emit(output.digest_data(store), format, lambda: None)
        else:
            output.digest(out, store)
