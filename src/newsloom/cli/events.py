"""Who did what to whom: events (with PLOVER JSON, POLECAT-style TSV and Parquet exports),
positions over time, and said-versus-done contrasts."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from .. import output
from ..store import Store
from .common import (
    DEFAULT_DB,
    ConfigOpt,
    DbOpt,
    Fmt,
    FmtOpt,
    SinceOpt,
    UntilOpt,
    _filters,
    _settings,
    _store,
    app,
    emit,
    err,
    out,
)


class EventFmt(StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"
    parquet = "parquet"


def _cell(value: Any, width: int = 80) -> str:
    text = " ".join(str(value if value is not None else "").split())
    return escape(text if len(text) <= width else text[: width - 1] + "…")  # scraped text is not markup


def _all_events(store: Store, limit: int | None, **kw: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while limit is None or len(items) < limit:
        page = store.events(limit=200 if limit is None else min(200, limit - len(items)), cursor=cursor, **kw)
        items += page.items
        if page.next is None:
            break
        cursor = page.next
    return items


@app.command()
def events(
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="How many events (default: 20 in a "
                                              "table, all in an export).")] = None,
    source: Annotated[str | None, typer.Option(help="Events by this actor (name or id).")] = None,
    target: Annotated[str | None, typer.Option(help="Events aimed at this actor (name or id).")] = None,
    actor: Annotated[str | None, typer.Option(help="Events with this actor on either side.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type(s), e.g. REQUEST or ASSAULT,COERCE.")] = None,
    mode: Annotated[str | None, typer.Option(help="PLOVER mode, e.g. third-party.")] = None,
    since: SinceOpt = None, until: UntilOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    contains: Annotated[str | None, typer.Option(help="Words the event's sentence contains.")] = None,
    format: Annotated[EventFmt, typer.Option("--format", "-f", help="table for people; json (PLOVER records), "
                                             "tsv (POLECAT-style) or parquet for analysis.")] = EventFmt.table,
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (needed for parquet; "
                                                  "stdout otherwise).")] = None,
) -> None:
    """Who did what to whom, newest first. Example: [cyan]newsloom events --source China --type REQUEST[/cyan]

    Exports: [cyan]newsloom events -f parquet -o events.parquet[/cyan], [cyan]-f tsv[/cyan], [cyan]-f json[/cyan].
    """
    from ..event_exports import plover_records, write_jsonl, write_parquet, write_tsv

    if format is EventFmt.parquet and out_path is None:
        err.print("events: parquet needs --out PATH")
        raise typer.Exit(2)
    with _store(db) as store:
        ids = {k: output.resolve_actor(store, v, err) if v else None
               for k, v in (("source", source), ("target", target), ("actor", actor))}
        items = _all_events(store, limit or (20 if format is EventFmt.table else None),
                            filters=_filters(since, until, outlet, text=contains), type=type, mode=mode, **ids)
    if format is EventFmt.table:
        _event_table(items)
        return
    records = plover_records(items)
    if format is EventFmt.parquet:
        assert out_path is not None
        n = write_parquet(records, out_path)
    else:
        stream = open(out_path, "w", encoding="utf-8", newline="") if out_path else sys.stdout  # noqa: SIM115
        try:
            n = (write_tsv if format is EventFmt.tsv else write_jsonl)(records, stream)
        finally:
            if out_path:
                stream.close()
    err.print(f"exported {n} event record(s)" + (f" to {out_path}" if out_path else ""))


def _event_table(items: list[dict[str, Any]]) -> None:
    values = []
    for e in items:
        flags = [f for f in ("negated", "hypothetical", "future", "historical") if e[f]]
        values.append([(e["date"] or e["article"]["published"] or "")[:16], e["source"]["name"], e["type"], e["mode"],
                       ", ".join(t["name"] for t in e["targets"]), ",".join(flags), e["text"], e["doc_id"]])
    output.table(out, f"Events ({len(items)})", ["date", "source", "type", "mode", "targets", "flags", "sentence",
                                                "article"], values, {"source": 25, "mode": 16, "targets": 30,
                                                                     "sentence": 90})


@app.command()
def positions(
    name: Annotated[str, typer.Argument(help="Actor name, alias seen in text, or id.")],
    topic: Annotated[str | None, typer.Option(help="Only topics whose words include these.")] = None,
    db: DbOpt = DEFAULT_DB, config: ConfigOpt = None, format: FmtOpt = Fmt.table,
) -> None:
    """An actor's stances over time (supports, opposes, calls for, offers, rejects), by topic, each with
    its sentence. Example: [cyan]newsloom positions China --topic talks[/cyan]"""
    from ..connect.positions import actor_positions

    settings = _settings(config)
    with _store(db) as store:
        actor_id = output.resolve_actor(store, name, err)
        data = actor_positions(store, actor_id, topic=topic,
                               threshold=float(settings.get("positions.topic_similarity")),
                               limit=int(settings.get("positions.max_items")))
    assert data is not None
    emit(data, format, lambda: _positions_table(data))


def _positions_table(data: dict[str, Any]) -> None:
    out.print(f"[bold]Positions of {escape(data['actor']['name'])}[/bold] ({len(data['topics'])} topics)",
              highlight=False)
    for t in data["topics"]:
        rows = [{"date": (p["date"] or "")[:10], "stance": p["stance"] + (" (negated)" if p["negated"] else ""),
                 "proposition": p["proposition"], "target": (p["target"] or {}).get("name"), "via": p["via"],
                 "doc": f"{p['doc_id']}:{p['start']}-{p['end']}"} for p in t["positions"]]
        output.rows(out, rows, ["date", "stance", "proposition", "target", "via", "doc"], fmt="table", title=escape(t["topic"]))


@app.command()
def contrasts(
    name: Annotated[str, typer.Argument(help="Actor name, alias seen in text, or id.")],
    window: Annotated[int | None, typer.Option("--window", min=0, help="Days between statement and event "
                                               "at most (default: contrasts.window_days).")] = None,
    db: DbOpt = DEFAULT_DB, config: ConfigOpt = None, format: FmtOpt = Fmt.table,
) -> None:
    """Said versus done: an actor's statements beside events reported about it that point the other way
    on the same target. Example: [cyan]newsloom contrasts Russia --window 14[/cyan]"""
    from ..connect.contrasts import actor_contrasts

    settings = _settings(config)
    days = window if window is not None else int(settings.get("contrasts.window_days"))
    with _store(db) as store:
        actor_id = output.resolve_actor(store, name, err)
        data = actor_contrasts(store, actor_id, window_days=days)
    assert data is not None
    emit(data, format, lambda: _contrasts_table(data, days))


def _contrasts_table(data: dict[str, Any], days: int) -> None:
    rows = [{"said on": (c["said"]["date"] or "")[:10], "said": c["said"]["sentence"],
             "done on": (c["done"]["date"] or c["done"]["article"]["published"] or "")[:10],
             "done": f"{c['done']['type']}: {c['done']['text']}", "target": c["target"]["name"]}
            for c in data["items"]]
    output.rows(out, rows, ["said on", "said", "done on", "done", "target"], fmt="table",
                title=escape(f"Said versus done: {data['actor']['name']} (within {days} days)"))
