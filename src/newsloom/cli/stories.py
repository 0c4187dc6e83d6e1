"""Stories (connect): build, list, show, actor."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from .. import output
from .common import (
    DEFAULT_DB,
    ConfigOpt,
    DbOpt,
    Fmt,
    FmtOpt,
    LimitOpt,
    SinceOpt,
    UntilOpt,
    _filters,
    _progress,
    _settings,
    _store,
    app,
    emit,
    err,
    out,
    resolve_id,
)

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
    format: FmtOpt = Fmt.table,
) -> None:
    """Group stored articles into stories and find copies; articles already placed keep their story.

    Run it after [cyan]newsloom ingest[/cyan]. Example: [cyan]newsloom stories build --db news.db[/cyan]
    """
    from ..connect.build import build_stories

    settings = _settings(config)
    progress, callback = _progress("Connecting", "articles")
    with _store(db, config) as store, progress:
        result = build_stories(store, settings, rebuild=rebuild, progress=callback)
    multi = sum(1 for s in result.stories if len(s.document_ids) > 1)
    notes = "".join(f" · {n} {what}" for n, what in ((len(result.redirects), "stories merged into another"),
                    (len(result.inferred_dates), "undated article(s) dated from their URL or text")) if n)
    summary = {"placed": result.new, "stories": len(result.stories), "with_several": multi,
               "copies": len(result.duplicates), "merged": len(result.redirects),
               "inferred_dates": len(result.inferred_dates), "seconds": round(progress.seconds, 2)}
    line = (f"placed {result.new} new article(s) · {len(result.stories)} stories written ({multi} with several "
            f"articles) · {len(result.duplicates)} copies of earlier articles{notes} in {progress.seconds:.1f} s")
    emit(summary, format, lambda: out.print(line, highlight=False))


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
    story_id: Annotated[str, typer.Argument(help="Story id (from `stories list`), or a unique start of one.")],
    db: DbOpt = DEFAULT_DB, format: FmtOpt = Fmt.table,
) -> None:
    """One story's timeline: its articles, dated quotes and events, oldest first, and its actors."""
    from ..connect.timelines import story_timeline

    with _store(db) as store:
        story_id = resolve_id(store, "story", story_id)
        data = story_timeline(store, story_id)
    if data is None:
        err.print(f"no story {story_id}", markup=False)
        raise typer.Exit(1)
    emit(data, format, lambda: _timeline_table(data))


def _timeline_table(data: dict[str, Any]) -> None:
    s = data["story"]
    out.print(f"[bold]{escape(s['title'])}[/bold]  {s['id']} · {s['articles']} article(s) · "
              f"{s['first_seen'] or '?'} → {s['last_seen'] or '?'}", highlight=False)
    rows = []
    for e in data["entries"]:
        if e["kind"] == "article":
            who, text = e["outlet"], e["title"] + (f"  (copy of {e['duplicate_of']})" if e["duplicate_of"] else "")
        elif e["kind"] == "quote":
            who, text = e["speaker_name"] or e.get("speaker_ref_text") or e["speaker_text"], e["text"]
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
    from ..connect.timelines import actor_story_timeline

    with _store(db) as store:
        actor_id = output.resolve_actor(store, name, err)
        items = actor_story_timeline(store, actor_id, _filters(since, until), limit=limit)
    output.rows(out, items, ["first_seen", "last_seen", "actor_articles", "mentions", "quotes", "id", "title"],
                fmt=format.value, title="Stories")
