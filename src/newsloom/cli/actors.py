"""``newsloom actors``: the actors ranked by mentions, and the corrections a user makes to them
(merge, alias, split), written to an actors overlay file that ``--actors FILE`` applies
(``newsloom reprocess --actors FILE`` re-links the stored articles with them)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from .. import output
from .common import DEFAULT_DB, DbOpt, Fmt, FmtOpt, LimitOpt, SinceOpt, UntilOpt, _filters, _store, app, err, out

actors_app = typer.Typer(help="Actors ranked by mentions; merge, alias and split them.",
                         invoke_without_command=True, rich_markup_mode="rich")
app.add_typer(actors_app, name="actors")

OverlayOpt = Annotated[Path, typer.Option("--file", help="The actors overlay file to write (YAML); "
                                          "apply it with --actors FILE.")]
DEFAULT_OVERLAY = Path("actors-overlay.yaml")


@actors_app.callback()
def actors_list(
    ctx: typer.Context,
    db: DbOpt = DEFAULT_DB, limit: LimitOpt = 25,
    type: Annotated[str | None, typer.Option(help="country, person, organization, place, event, other")] = None,
    since: SinceOpt = None, until: UntilOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Actors ranked by mentions. Example: [cyan]newsloom actors --type person[/cyan]"""
    if ctx.invoked_subcommand is not None:
        return
    with _store(db) as store:
        page = store.actors(_filters(since, until), limit=limit, type=type)
    output.rows(out, page.items, ["name", "type", "wikidata", "mentions", "quotes", "articles"],
                fmt=format.value, title="Actors")


def _record(db: str, name: str) -> dict[str, Any]:
    """The stored actor a name, alias or id resolves to, as an overlay record."""
    with _store(db) as store:
        actor = store.find_actor(name)
    if actor is None:
        err.print(f"no actor matches {name!r}")
        raise typer.Exit(1)
    return {k: v for k, v in actor.as_dict().items() if v is not None}


def read_overlay(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
    if isinstance(data, dict):
        data = data.get("actors", [data])
    return [d for d in data or [] if isinstance(d, dict)]


def write_overlay(path: Path, records: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump({"actors": records}, sort_keys=False, allow_unicode=True)
    path.write_text("# Actor corrections (newsloom actors merge/alias/split); apply with --actors FILE.\n"
                    + text, "utf-8")


def upsert(records: list[dict[str, Any]], record: dict[str, Any], **change: Any) -> None:
    """Lay ``record`` and ``change`` over the overlay's record of the same id (lists add up)."""
    current = next((r for r in records if r.get("id") == record["id"]), None)
    if current is None:
        current = dict(record)
        records.append(current)
    for key, value in change.items():
        if isinstance(value, list):
            current[key] = [*current.get(key, []), *[v for v in value if v not in current.get(key, [])]]
        else:
            current[key] = value


@actors_app.command("merge")
def merge(
    source: Annotated[str, typer.Argument(help="The actor to fold in (name, alias seen in text, or id).")],
    target: Annotated[str, typer.Argument(help="The actor it is (name, alias or id).")],
    db: DbOpt = DEFAULT_DB, file: OverlayOpt = DEFAULT_OVERLAY,
) -> None:
    """Say two actors are one. Example: [cyan]newsloom actors merge "Mr. Weinstein" "Harvey Weinstein"[/cyan]"""
    src, dst = _record(db, source), _record(db, target)
    if src["id"] == dst["id"]:
        err.print(f"{source!r} and {target!r} are already the same actor ({src['id']})")
        raise typer.Exit(1)
    records = read_overlay(file)
    upsert(records, dst)
    upsert(records, {"id": src["id"]}, merged_into=dst["id"])
    write_overlay(file, records)
    err.print(f"{src['name']} ({src['id']}) -> {dst['name']} ({dst['id']}) in {file}; "
              f"apply with: newsloom reprocess --actors {file}")


@actors_app.command("alias")
def alias(
    actor: Annotated[str, typer.Argument(help="The actor (name, alias seen in text, or id).")],
    names: Annotated[list[str], typer.Argument(help="More names that refer to it.")],
    db: DbOpt = DEFAULT_DB, file: OverlayOpt = DEFAULT_OVERLAY,
) -> None:
    """Add names an actor goes by. Example: [cyan]newsloom actors alias "Hillary Clinton" "HRC"[/cyan]"""
    rec = _record(db, actor)
    records = read_overlay(file)
    upsert(records, rec, add_aliases=list(names))
    write_overlay(file, records)
    err.print(f"{len(names)} alias(es) for {rec['name']} ({rec['id']}) in {file}")


@actors_app.command("split")
def split(
    actor: Annotated[str, typer.Argument(help="The actor a name was wrongly linked to (name or id).")],
    names: Annotated[list[str], typer.Argument(help="Names that must no longer link to it.")],
    db: DbOpt = DEFAULT_DB, file: OverlayOpt = DEFAULT_OVERLAY,
) -> None:
    """Undo a wrong link: these names keep an actor of their own. Example: [cyan]newsloom actors split Q6294 "Clinton"[/cyan]"""
    rec = _record(db, actor)
    records = read_overlay(file)
    upsert(records, {"id": rec["id"]}, unlink=list(names))
    write_overlay(file, records)
    err.print(f"{', '.join(names)} no longer link to {rec['name']} ({rec['id']}); overlay {file}")
