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

from .model import Article
from .store.base import Store


def error_object(source: str, reason: str) -> dict[str, Any]:
    """The schema object for an input that could not be processed."""
    return {"source": source, "document_id": None, "error": reason, "title": None, "authors": [],
            "published": None, "outlet": None, "url": None, "language": None, "text": "", "paragraphs": []}


def _json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


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


def rows(out: Console, items: list[dict[str, Any]], columns: list[str], *, fmt: str, title: str) -> None:
    if fmt == "json":
        _json(items)
        return
    table = Table(title=f"{title} ({len(items)})", title_justify="left")
    for col in columns:
        table.add_column(col)
    for item in items:
        table.add_row(*(_cell(item.get(c)) for c in columns))
    out.print(table)


def mapping(out: Console, data: dict[str, Any], fmt: str, *, title: str) -> None:
    if fmt == "json":
        _json(data)
        return
    table = Table(title=title, title_justify="left", show_header=False)
    for key, value in data.items():
        table.add_row(key, _cell(value))
    out.print(table)


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
        who = q.speaker.actor.name if q.speaker and q.speaker.actor else (q.speaker.text if q.speaker else "?")
        out.print(f"[green]{q.kind}[/green] [bold]{escape(who)}[/bold]: “{escape(q.text)}”")


def quote_rows(out: Console, items: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        _json(items)
        return
    table = Table(title=f"Quotes ({len(items)})", title_justify="left")
    for col in ("date", "speaker", "speaks for", "kind", "quote", "article"):
        table.add_column(col)
    for q in items:
        speaker = q["speaker"] or {}
        actor = speaker.get("actor") or {}
        table.add_row(_cell(q["date"]), _cell(actor.get("name") or speaker.get("text"), 30),
                      _cell((q["speaks_for"] or {}).get("name"), 25), q["kind"], _cell(q["text"], 100),
                      _cell(q["article"]["id"]))
    out.print(table)


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


def digest(out: Console, store: Store) -> None:
    """What ``make run`` prints: counts, outlets, dates, kinds handled, top actors and quotes."""
    s = store.stats()
    out.rule("[bold]Newsloom digest")
    out.print(f"documents {s['documents']} · articles {s['articles']} · failed {s['failed']} · "
              f"outlets {s['outlets']} · actors {s['actors']} · quotes {s['quotes']}")
    out.print(f"published from {s['first_published'] or '?'} to {s['last_published'] or '?'}")
    kinds: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    for a in store.iter_articles():
        kinds[_kind(a, store)] += 1
        if a.outlet:
            outlets[a.outlet] += 1
    out.print("kinds of input: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    if outlets:
        out.print("outlets: " + ", ".join(escape(f"{k} ({n})") for k, n in outlets.most_common(12)))
    top = store.actors(limit=10).items
    if top:
        rows(out, top, ["name", "type", "mentions", "quotes", "articles"], fmt="table", title="Top actors")
    picked = _digest_quotes(store.quotes(limit=300).items, 8)
    if picked:
        out.print(f"[bold]Quotes[/bold] ({s['quotes']} in all; direct ones with a known speaker, one per article)")
    for q in picked:
        actor = (q["speaker"] or {}).get("actor") or {}
        speaks_for = (q["speaks_for"] or {}).get("name")
        who = escape(actor.get("name") or "") + (f" [dim]for {escape(speaks_for)}[/dim]"
                                                   if speaks_for and speaks_for != actor.get("name") else "")
        out.print(f"  {q['date'] or '????-??-??'}  [bold]{who}[/bold]: “{escape(_clip(q['text'], 160))}”"
                  f" [dim]({q['article']['id']})[/dim]")
    _digest_stories(out, store)
    if s["failed"]:
        out.print(f"[yellow]{s['failed']} failed documents: see `newsloom failures`[/yellow]")


def _digest_stories(out: Console, store: Store) -> None:
    try:
        stats = store.story_stats()
        multi = store.stories(limit=6, min_articles=2).items
    except NotImplementedError:
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
