"""Terminal rendering for the CLI: rich tables, or JSON when asked."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import Article, Speaker
from .store.base import Store


def error_object(source: str, reason: str) -> dict[str, Any]:
    """The schema object for an input that could not be processed."""
    return {"source": source, "document_id": None, "error": reason, "title": None, "authors": [],
            "published": None, "outlet": None, "url": None, "language": None, "text": "", "paragraphs": []}


def print_json(value: Any) -> None:
    """Results for scripts: one JSON document on stdout (every command's ``--format json``)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


_json = print_json


def _cell(value: Any, width: int = 90) -> str:
    if value is None:
        return ""
    text = str(value).replace("\n", " ")
    return escape(text if len(text) <= width else text[: width - 1] + "…")


def resolve_actor(store: Store, name: str, err: Console) -> str:
    actor = store.find_actor(name)
    if actor is None:
        err.print(f"no actor matches {name!r}")
        raise typer.Exit(1)
    return actor.id


# Columns holding ids: shown whole, never folded or cut, so what is shown can be typed back.
ID_COLUMNS = frozenset({"id", "article", "doc", "doc_id", "story", "story_id"})


def _plain(value: Any) -> str:
    """A cell of plain output: whole, on one line, tabs and newlines made spaces."""
    return "" if value is None else " ".join(str(value).split())


def plain_table(out: Console, columns: list[str], values: list[list[Any]], *, header: bool = True,
                title: str | None = None) -> None:
    """Tab-separated lines for a pipe or a file: no borders, nothing cut (``cut -f``, ``awk`` read it);
    the title, when there is one, is a ``#`` comment line first (``grep -v '^#'`` drops it)."""
    lines = ([f"# {_plain(title)}"] if title else []) + (["\t".join(columns)] if header else [])
    lines += ["\t".join(_plain(v) for v in row) for row in values]
    out.file.write("\n".join(lines) + "\n")


def table(out: Console, title: str, columns: list[str], values: list[list[Any]], widths: dict[str, int] | None = None,
          *, header: bool = True) -> None:
    """A rich table on a terminal, plain tab-separated text elsewhere. Id columns are never cut;
    other cells are clipped to ``widths`` (default 90) on a terminal only."""
    if not out.is_terminal:
        plain_table(out, columns, values, header=header, title=title)
        return
    widths = widths or {}
    grid = Table(title=title, title_justify="left", show_header=header)
    for i, col in enumerate(columns):
        if col in ID_COLUMNS:
            longest = max((len(_plain(row[i])) for row in values), default=0)
            grid.add_column(col, no_wrap=True, min_width=max(longest, len(col)))
        else:
            grid.add_column(col)
    for row in values:
        grid.add_row(*(escape(_plain(v)) if c in ID_COLUMNS else _cell(v, widths.get(c, 90)) for c, v in zip(columns, row,
                                                                                                        strict=True)))
    out.print(grid)


def rows(out: Console, items: list[dict[str, Any]], columns: list[str], *, fmt: str, title: str) -> None:
    if fmt == "json":
        _json(items)
        return
    table(out, f"{title} ({len(items)})", columns, [[item.get(c) for c in columns] for item in items])


def mapping(out: Console, data: dict[str, Any], fmt: str, *, title: str) -> None:
    if fmt == "json":
        _json(data)
        return
    table(out, title, ["key", "value"], [[k, v] for k, v in data.items()], header=False)


def search_hits(out: Console, items: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        _json(items)
        return
    if not items:
        out.print("no matches")
    for hit in items:
        snippet = escape(hit["snippet_text"])
        out.print(f"[bold]{escape(hit['title'] or '(untitled)')}[/bold]  [dim]{hit['id']} · "
                  f"{escape(hit.get('outlet') or '')} · {hit.get('published') or ''}[/dim]\n  {snippet}\n")


def article(out: Console, a: Article) -> None:
    out.print(f"[bold]{escape(a.title or '(untitled)')}[/bold]")
    meta = [("id", a.document_id), ("source", a.source), ("outlet", a.outlet), ("published", a.published),
            ("authors", ", ".join(a.authors)), ("url", a.url), ("language", a.language)]
    for key, value in meta:
        if value:
            out.print(f"[dim]{key}:[/dim] {escape(str(value))}")
    out.print()
    for para in a.paragraph_texts():
        out.print(escape(para) + "\n")
    if a.entities:
        counts = sorted(a.entities, key=lambda e: -len(e.mentions))
        out.print("[bold]Actors:[/bold] " + ", ".join(
            f"{escape(e.actor.name)} ({len(e.mentions)})" for e in counts[:15]))
    for q in a.quotes or []:
        who = q.speaker.display if q.speaker else "?"
        out.print(f"[green]{q.kind}[/green] [bold]{escape(who)}[/bold]: “{escape(q.text)}”")


def speaker_shown(speaker: dict[str, Any] | None) -> str | None:
    """A stored speaker as a reader is shown it (``Speaker.display``: the actor's name, else the
    words its mention stands for, else the mention)."""
    return Speaker.from_dict(speaker).display if speaker else None


def quote_rows(out: Console, items: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        _json(items)
        return
    values = []
    for q in items:
        values.append([q["date"], speaker_shown(q["speaker"]), (q["speaks_for"] or {}).get("name"),
                       q["kind"], q["text"], q["article"]["id"]])
    table(out, f"Quotes ({len(items)})", ["date", "speaker", "speaks for", "kind", "quote", "article"], values,
          {"speaker": 30, "speaks for": 25, "quote": 100})


def actor_profile(out: Console, p: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        _json(p)
        return
    a = p["actor"]
    out.print(f"[bold]{escape(a['name'])}[/bold] [dim]{a['type']} · {a['id']}"
              f"{' · wikidata ' + a['wikidata'] if a.get('wikidata') else ''}[/dim]")
    out.print(f"{p['mentions']} mentions in {p['articles']} articles · {p['quotes']} quotes")
    if p["roles"]:
        out.print("roles: " + "; ".join(
            escape(r["role"] + (f" ({r['affiliation']})" if r.get("affiliation") else "")) for r in p["roles"][:8]))
    if p["aliases"]:
        out.print("seen as: " + ", ".join(escape(f"{x['text']} ({x['n']})") for x in p["aliases"][:12]))
    rows(out, p["articles_list"], ["id", "published", "outlet", "title"], fmt="table", title="Articles")
    if p["quotes_list"]:
        quote_rows(out, p["quotes_list"], "table")
    if p.get("on_behalf_list"):
        out.print(f"[bold]Said on behalf of {escape(a['name'])}[/bold]")
        quote_rows(out, p["on_behalf_list"], "table")


def digest_data(store: Store) -> dict[str, Any]:
    """What the digest shows, as data: counts, kinds of input, outlets, top actors, quotes, stories."""
    kinds: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    for a in store.iter_articles():
        kinds[_kind(a, store)] += 1
        if a.outlet:
            outlets[a.outlet] += 1
    try:
        story_stats, multi = store.story_stats(), store.stories(limit=6, min_articles=2).items
    except NotImplementedError:
        story_stats, multi = {}, []
    return {"stats": store.stats(), "kinds": dict(sorted(kinds.items())), "outlets": dict(outlets.most_common(12)),
            "top_actors": store.actors(limit=10).items, "quotes": _digest_quotes(store.quotes(limit=300).items, 8),
            "story_stats": story_stats, "stories": multi}


def digest(out: Console, store: Store) -> None:
    """What ``make run`` prints: counts, outlets, dates, kinds handled, top actors and quotes."""
    d = digest_data(store)
    s = d["stats"]
    out.rule("[bold]Newsloom digest")
    out.print(f"documents {s['documents']} · articles {s['articles']} · failed {s['failed']} · "
              f"outlets {s['outlets']} · actors {s['actors']} · quotes {s['quotes']}")
    out.print(f"published from {s['first_published'] or '?'} to {s['last_published'] or '?'}")
    out.print("kinds of input: " + ", ".join(f"{k} {n}" for k, n in d["kinds"].items()))
    if d["outlets"]:
        out.print("outlets: " + ", ".join(escape(f"{k} ({n})") for k, n in d["outlets"].items()))
    if d["top_actors"]:
        rows(out, d["top_actors"], ["name", "type", "mentions", "quotes", "articles"], fmt="table", title="Top actors")
    if d["quotes"]:
        out.print(f"[bold]Quotes[/bold] ({s['quotes']} in all; direct ones with a known speaker, one per article)")
    for q in d["quotes"]:
        actor = (q["speaker"] or {}).get("actor") or {}
        speaks_for = (q["speaks_for"] or {}).get("name")
        who = escape(actor.get("name") or "") + (f" [dim]for {escape(speaks_for)}[/dim]"
                                                   if speaks_for and speaks_for != actor.get("name") else "")
        out.print(f"  {q['date'] or '????-??-??'}  [bold]{who}[/bold]: “{escape(_clip(q['text'], 160))}”"
                  f" [dim]({q['article']['id']})[/dim]")
    _digest_stories(out, d["story_stats"], d["stories"])
    if s["failed"]:
        out.print(f"[yellow]{s['failed']} failed documents: see `newsloom failures`[/yellow]")


def _digest_stories(out: Console, stats: dict[str, Any], multi: list[dict[str, Any]]) -> None:
    if not stats:
        return
    if not stats.get("stories"):
        out.print("[dim]no stories yet: run `newsloom stories build`[/dim]")
        return
    out.print(f"[bold]Stories[/bold]: {stats['stories']} ({stats['multi_article_stories']} with several articles) "
              f"· {stats['copies']} syndicated or duplicate copies")
    for st in multi:
        out.print(f"  {(st['first_seen'] or '')[:10]}  {escape(st['title'] or '')} [dim]({st['articles']} articles, "
                  f"{st['outlets']} outlets · {st['id']})[/dim]")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _digest_quotes(items: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Direct quotes with a linked speaker first, at most one per article, newest first."""
    def rank(q: dict[str, Any]) -> tuple[int, int]:
        has_actor = bool(((q["speaker"] or {}).get("actor") or {}).get("name"))
        return (0 if has_actor else 1, 0 if q["kind"] == "direct" else 1)

    seen: set[str] = set()
    picked = []
    for q in sorted(items, key=rank):
        if q["doc_id"] in seen or rank(q)[0]:
            continue
        seen.add(q["doc_id"])
        picked.append(q)
    picked.sort(key=lambda q: q["date"] or "", reverse=True)
    return picked[:n]


def _kind(a: Article, store: Store) -> str:
    record = store.document(a.document_id or "")
    media = record.media_type if record else ""
    method = (a.extraction or {}).get("method", "")
    if record and record.meta.get("container"):
        container = "jsonl" if record.meta["container"].endswith((".jsonl", ".ndjson")) else "json"
        return f"{container}+{'html' if media == 'text/html' else 'text'}"
    if media == "text/html" or method.startswith("html"):
        return "html page"
    return {"text:cleaner": "flattened scrape", "text:plain": "clean text"}.get(method, method or "text")
