"""The ``newsloom`` command line: a thin typer layer; every command calls the library."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import output
from .settings import Settings
from .store import Filters, Store, open_store

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
DbOpt = Annotated[str, typer.Option("--db", envvar="NEWSLOOM_DB", help="Database: a SQLite file path "
                                    "or a postgresql:// URL. [env: NEWSLOOM_DB]")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", envvar="NEWSLOOM_CONFIG",
                                                help="TOML settings file laid over the defaults.")]
ActorsOpt = Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file (YAML/JSON) for "
                                                      "the knowledge base; repeatable.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, max=10000, help="How many rows to show.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Only on or after this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Only on or before this date (YYYY-MM-DD).")]
DEFAULT_DB = "newsloom.db"


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
        settings.set("actors.extra", [*settings.get("actors.extra", []), *map(str, actors)])
    return settings


def _store(db: str) -> Store:
    return open_store(db)


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
        err.print(f"[red]error[/red] {source}: {reason}", highlight=False, markup=True)


def _filters(since: str | None = None, until: str | None = None, outlet: str | None = None,
             actor: str | None = None, text: str | None = None) -> Filters:
    return Filters(since=since, until=until, outlet=outlet, actor=actor, text=text)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), glob patterns or URLs "
                                                    "(pages, RSS/Atom feeds, sitemaps).")],
    db: DbOpt = DEFAULT_DB,
    config: ConfigOpt = None,
    actors: ActorsOpt = None,
    stages: Annotated[str | None, typer.Option(help="Comma-separated stages after extraction, e.g. "
                                                    "'understand'; '' for extraction only.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")] = None,
) -> None:
    """Store documents and everything found in them. Already stored documents are skipped.

    Examples: [cyan]newsloom ingest examples/corpus[/cyan] ·
    [cyan]newsloom ingest 'crawl/**/*.html' --db news.db[/cyan]
    """
    from .batch.local import ingest as run_ingest
    from .pipeline import Pipeline

    settings = _settings(config, actors, **{"ingest.max_bytes": max_bytes})
    stage_list = None if stages is None else [s.strip() for s in stages.split(",") if s.strip()]
    pipeline = Pipeline(settings, stage_list)
    progress, callback = _progress("Ingesting")
    with _store(db) as store, progress:
        report = run_ingest(paths, store, settings, pipeline=pipeline, progress=callback)
    _report_errors(report.errors)
    err.print(f"added {report.added} · already present {report.present} · failed {report.failed}"
              f"{' · not found ' + str(len(report.errors) - report.failed) if len(report.errors) > report.failed else ''}")
    raise typer.Exit(0 if report.ok else 1)


def _emit_documents(paths: list[str], fmt: DocFmt, settings: Settings, with_facts: bool) -> None:
    from .pipeline import Pipeline
    from .sources.files import expand_paths
    from .sources.web import WebReader

    pipeline = Pipeline(settings, None if with_facts else [])
    reader = WebReader(settings)
    files, missing = expand_paths(paths)
    results: list[dict[str, Any]] = [output.error_object(m.source, m.error or "not found") for m in missing]
    failed = len(missing)
    for path in files:
        items = list(reader.read(path))
        good = [i for i in items if i.doc is not None and not i.error]
        articles = iter(pipeline.process([i.doc for i in good]))  # type: ignore[misc]
        for item in items:
            if item.doc is None or item.error:
                results.append(output.error_object(item.source, item.error or "unreadable"))
                failed += 1
                continue
            article = next(articles)
            article.source = item.source
            d = article.as_dict() if with_facts else article.extracted_dict()
            if not with_facts:
                d["document_id"] = None
            failed += bool(article.error)
            results.append(d)
        if fmt is DocFmt.jsonl:
            for d in results:
                sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            results = []
    if fmt is DocFmt.json:
        value: Any = results[0] if len(results) == 1 else results
        sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    for d in results if fmt is DocFmt.json else []:
        if d.get("error"):
            err.print(f"[red]error[/red] {d['source']}: {d['error']}", highlight=False)
    raise typer.Exit(1 if failed else 0)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs or URLs.")],
    format: Annotated[DocFmt, typer.Option("--format", "-f", help="json: one object (a list for several "
                                           "inputs); jsonl: one object per line.")] = DocFmt.json,
    config: ConfigOpt = None,
) -> None:
    """Extract the article (text, paragraphs with offsets, metadata) without a database.

    Example: [cyan]newsloom extract page.html --format json[/cyan]
    """
    _emit_documents(paths, format, _settings(config), with_facts=False)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs or URLs.")],
    format: Annotated[DocFmt, typer.Option("--format", "-f", help="json or jsonl.")] = DocFmt.json,
    config: ConfigOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Extract and run every enrichment (entities, dates, quotes) without a database.

    Example: [cyan]newsloom analyze article.txt --format jsonl[/cyan]
    """
    _emit_documents(paths, format, _settings(config, actors), with_facts=True)


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
    doc_id: Annotated[str, typer.Argument(help="Document id (from `articles` or `search`).")],
    db: DbOpt = DEFAULT_DB,
    raw: Annotated[bool, typer.Option("--raw", help="Print the raw input as stored.")] = False,
    format: FmtOpt = Fmt.table,
) -> None:
    """Show one article with its metadata, entities and quotes. Example: [cyan]newsloom show 3f2a…[/cyan]"""
    with _store(db) as store:
        if raw:
            doc = store.raw(doc_id)
            if doc is None:
                err.print(f"no document {doc_id}")
                raise typer.Exit(1)
            sys.stdout.write(doc.raw.decode("utf-8", "replace"))
            return
        article = store.article(doc_id)
        record = store.document(doc_id)
    if article is None:
        if record is not None:
            err.print(f"{doc_id} ({record.source}) failed: {record.error}")
        else:
            err.print(f"no article {doc_id}")
        raise typer.Exit(1)
    if format is Fmt.json:
        sys.stdout.write(json.dumps(article.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        output.article(out, article)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all required), "quoted phrases", OR between terms.')],
    db: DbOpt = DEFAULT_DB, limit: LimitOpt = 10, since: SinceOpt = None, until: UntilOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Full-text search, ranked, with snippets. Example: [cyan]newsloom search '"peace talks" China'[/cyan]"""
    with _store(db) as store:
        try:
            page = store.search(query, _filters(since, until), limit=limit)
        except ValueError as exc:
            err.print(f"search: {exc}")
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
    format: Annotated[ExportFmt, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = ExportFmt.jsonl,
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (stdout for jsonl/csv "
                                                  "when omitted).")] = None,
    table: Annotated[str, typer.Option(help="articles or quotes.")] = "articles",
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Export articles (with facts) or quotes. Example: [cyan]newsloom export -f parquet -o news.parquet[/cyan]"""
    from .exporting import export as run_export

    if table not in ("articles", "quotes"):
        err.print("export: --table must be articles or quotes")
        raise typer.Exit(2)
    if format is ExportFmt.parquet and out_path is None:
        err.print("export: parquet needs --out PATH")
        raise typer.Exit(2)
    with _store(db) as store:
        n = run_export(store, format.value, table, out_path)
    err.print(f"exported {n} {table}" + (f" to {out_path}" if out_path else ""))


@app.command()
def failures(db: DbOpt = DEFAULT_DB, format: FmtOpt = Fmt.table) -> None:
    """List documents that failed, with the reason. Example: [cyan]newsloom failures[/cyan]"""
    with _store(db) as store:
        rows = [{"id": r.id, "source": r.source, "error": r.error} for r in store.failures()]
    output.rows(out, rows, ["id", "source", "error"], fmt=format.value, title="Failed documents")


def _rerun(db: str, ids: list[str] | None, status: str | None, config: Path | None,
           actors: list[Path] | None, label: str, max_bytes: int | None = None) -> None:
    from .batch.local import reprocess as run_reprocess

    settings = _settings(config, actors, **{"ingest.max_bytes": max_bytes})
    progress, callback = _progress(label)
    with _store(db) as store, progress:
        targets = ids or store.document_ids(status)
        report = run_reprocess(store, targets, settings, progress=callback)
    _report_errors(report.errors)
    err.print(f"processed {report.added} · failed {report.failed}")
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def retry(
    ids: Annotated[list[str] | None, typer.Argument(help="Document ids; all failed ones when omitted.")] = None,
    db: DbOpt = DEFAULT_DB, config: ConfigOpt = None, actors: ActorsOpt = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")] = None,
) -> None:
    """Run failed documents again. Example: [cyan]newsloom retry --max-bytes 80000000[/cyan]"""
    _rerun(db, ids, "failed", config, actors, "Retrying", max_bytes)


@app.command()
def reprocess(
    ids: Annotated[list[str] | None, typer.Argument(help="Document ids; every document when omitted.")] = None,
    db: DbOpt = DEFAULT_DB, config: ConfigOpt = None, actors: ActorsOpt = None,
) -> None:
    """Run stored raw inputs through the current pipeline again. Example: [cyan]newsloom reprocess[/cyan]"""
    _rerun(db, ids, None, config, actors, "Reprocessing")


@app.command(name="actors")
def actors_cmd(
    db: DbOpt = DEFAULT_DB, limit: LimitOpt = 25,
    type: Annotated[str | None, typer.Option(help="country, person, organization, place, event, other")] = None,
    since: SinceOpt = None, until: UntilOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Actors ranked by mentions. Example: [cyan]newsloom actors --type person[/cyan]"""
    with _store(db) as store:
        page = store.actors(_filters(since, until), limit=limit, type=type)
    output.rows(out, page.items, ["name", "type", "wikidata", "mentions", "quotes", "articles"],
                fmt=format.value, title="Actors")


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
    assert profile is not None
    profile["articles_list"] = page.items
    profile["quotes_list"] = quotes_page.items
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
def digest(db: DbOpt = DEFAULT_DB) -> None:
    """A summary of the database: articles, outlets, dates, kinds of input, top actors and quotes."""
    with _store(db) as store:
        output.digest(out, store)


def main() -> None:
    from .errors import NewsloomError

    try:
        app()
    except NewsloomError as exc:
        # Errors a user can act on are one line, not a traceback.
        err.print(f"[red]error[/red] {escape(str(exc))}", highlight=False)
        raise SystemExit(1) from None


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

    from .serve import create_app

    settings = _settings(config, **{"serve.token": token})
    web_app = create_app(db, settings)
    bind = host or str(settings.get("serve.host", "127.0.0.1"))
    err.print(f"serving {db} on http://{bind}:{port or settings.get('serve.port', 8000)}/ (API at /api/v1)")
    uvicorn.run(web_app, host=bind, port=int(port or settings.get("serve.port", 8000)), log_level="warning")


# -- stories (connect) --------------------------------------------------------------------------
stories_app = typer.Typer(help="Stories: articles about one development grouped over time, near-duplicate "
                               "copies collapsed, and timelines.", no_args_is_help=True)
app.add_typer(stories_app, name="stories")


@stories_app.command("build")
def stories_build(
    db: DbOpt = DEFAULT_DB,
    config: ConfigOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget stored stories and group every "
                                                             "article again (ids of unchanged stories stay).")] = False,
) -> None:
    """Group stored articles into stories and find copies; articles already placed keep their story.

    Run it after [cyan]newsloom ingest[/cyan]. Example: [cyan]newsloom stories build --db news.db[/cyan]
    """
    from .connect.build import build_stories

    settings = _settings(config)
    progress, callback = _progress("Connecting")
    with _store(db) as store, progress:
        result = build_stories(store, settings, rebuild=rebuild, progress=callback)
    multi = sum(1 for s in result.stories if len(s.document_ids) > 1)
    out.print(f"placed {result.new} new article(s) · {len(result.stories)} stories written ({multi} with several "
              f"articles) · {len(result.duplicates)} copies of earlier articles", highlight=False)


@stories_app.command("list")
def stories_list(
    db: DbOpt = DEFAULT_DB, limit: LimitOpt = 20, since: SinceOpt = None, until: UntilOpt = None,
    actor: Annotated[str | None, typer.Option(help="Only stories mentioning this actor (name or id).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only stories with an article from this outlet.")] = None,
    contains: Annotated[str | None, typer.Option(help="Words the story's title contains.")] = None,
    min_articles: Annotated[int, typer.Option("--min-articles", min=1, help="Only stories with at least "
                                                                            "this many articles.")] = 2,
    format: FmtOpt = Fmt.table,
) -> None:
    """Stories, most recently seen first. Example: [cyan]newsloom stories list --actor Ukraine[/cyan]"""
    with _store(db) as store:
        actor_id = output.resolve_actor(store, actor, err) if actor else None
        page = store.stories(_filters(since, until, outlet, actor_id, contains), limit=limit,
                             min_articles=min_articles)
    output.rows(out, page.items, ["id", "first_seen", "last_seen", "articles", "copies", "outlets", "title"],
                fmt=format.value, title="Stories")


@stories_app.command("show")
def stories_show(
    story_id: Annotated[str, typer.Argument(help="Story id (from `stories list`).")],
    db: DbOpt = DEFAULT_DB, format: FmtOpt = Fmt.table,
) -> None:
    """One story's timeline: its articles, dated quotes and events, oldest first, and its actors."""
    from .connect.timelines import story_timeline

    with _store(db) as store:
        data = story_timeline(store, story_id)
    if data is None:
        err.print(f"no story {story_id}")
        raise typer.Exit(1)
    if format is Fmt.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    s = data["story"]
    out.print(f"[bold]{escape(s['title'])}[/bold]  {s['id']} · {s['articles']} article(s) · "
              f"{s['first_seen'] or '?'} → {s['last_seen'] or '?'}", highlight=False)
    rows = []
    for e in data["entries"]:
        if e["kind"] == "article":
            who, text = e["outlet"], e["title"] + (f"  (copy of {e['duplicate_of']})" if e["duplicate_of"] else "")
        elif e["kind"] == "quote":
            who, text = e["speaker_name"] or e["speaker_text"], e["text"]
        else:
            who, text = e["source_name"] or e["source_id"], f"{e['type']}" + (" (negated)" if e["negated"] else "")
        rows.append({"date": e["date"][:16], "kind": e["kind"], "who": who, "what": text})
    output.rows(out, rows, ["date", "kind", "who", "what"], fmt="table", title="Timeline")
    output.rows(out, data["actors"], ["name", "type", "articles", "mentions", "quotes"], fmt="table",
                title="Actors")


@stories_app.command("actor")
def stories_actor(
    name: Annotated[str, typer.Argument(help="Actor name, alias seen in text, or id.")],
    db: DbOpt = DEFAULT_DB, limit: LimitOpt = 50, since: SinceOpt = None, until: UntilOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """The stories an actor appears in, oldest first. Example: [cyan]newsloom stories actor Zelenskyy[/cyan]"""
    from .connect.timelines import actor_story_timeline

    with _store(db) as store:
        actor_id = output.resolve_actor(store, name, err)
        items = actor_story_timeline(store, actor_id, _filters(since, until), limit=limit)
    output.rows(out, items, ["first_seen", "last_seen", "actor_articles", "mentions", "quotes", "id", "title"],
                fmt=format.value, title="Stories")
