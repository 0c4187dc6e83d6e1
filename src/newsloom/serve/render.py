"""Pure helpers for the pages: in-place highlight segments of an article, chart specs, safe JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .. import plover
from ..model import Article

_BLOCK = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.S)


@dataclass(slots=True)
class Segment:
    """A run of text with one look: its classes, the actor it links to, and a tooltip."""

    text: str
    classes: tuple[str, ...] = ()
    href: str | None = None
    title: str | None = None


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    kind: str  # "quote", "speaker", "mention", "event", "date"
    actor_id: str | None = None
    title: str | None = None
    extra: tuple[str, ...] = field(default_factory=tuple)


def http_url(url: object) -> str | None:
    """``url`` when it may become a link (http or https); None for ``javascript:``, ``data:`` and the rest."""
    if not isinstance(url, str):
        return None
    clean = url.strip()
    return clean if clean.lower().startswith(("http://", "https://")) else None


def actor_url(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe=":")


def _spans(article: Article) -> list[_Span]:
    n = len(article.text)
    spans: list[_Span] = []
    for q in article.quotes or []:
        who = q.speaker.display if q.speaker else "unknown"
        spans.append(_Span(q.start, q.end, "quote", title=f"{q.kind} quote · {who}", extra=(f"quote-{q.kind}",)))
        if q.speaker and q.speaker.actor:
            spans.append(_Span(q.speaker.start, q.speaker.end, "speaker", q.speaker.actor.id,
                               f"speaker: {q.speaker.actor.name}"))
    spans += _event_spans(article)
    for d in article.dates or []:
        # The words of the date and the day it was resolved to (relative to the article's own date).
        spans.append(_Span(d.start, d.end, "date", title=f"date: {d.resolved}" if d.resolved else "date (unresolved)"))
    for ent in article.entities or []:
        for m in ent.mentions:
            label = f"{ent.actor.name} ({ent.actor.type})" + (f" · {m.role}" if m.role else "")
            spans.append(_Span(m.start, m.end, "mention", ent.actor.id, label, (f"type-{ent.actor.type}",)))
    # Offsets come from other stages: clamp them, drop empty or inverted ones rather than fail a page.
    out = []
    for s in spans:
        s.start, s.end = max(0, min(s.start, n)), max(0, min(s.end, n))
        if s.end > s.start:
            out.append(s)
    return out


def event_title(e: dict[str, Any]) -> str:
    """One line saying who did what to whom, from an event record (``Event.as_dict()`` or the store's)."""
    flags = [f for f in ("negated", "hypothetical", "future", "historical") if e.get(f)]
    targets = ", ".join(t["name"] for t in e.get("targets") or [])
    return (f"{e['type']}" + (f" ({e['mode']})" if e.get("mode") else "") + f" · {e['source']['name']}"
            + (f" → {targets}" if targets else "") + (f" · {', '.join(flags)}" if flags else ""))


def _event_spans(article: Article) -> list[_Span]:
    """The words that carry each event (its whole sentence when no trigger was recorded)."""
    out = []
    for e in article.events or []:
        start, end = (e.trigger_start, e.trigger_end) if e.trigger_start is not None else (e.start, e.end)
        quad = (plover.quad(e.type) or "other").replace(" ", "-")
        out.append(_Span(start, end or start, "event", title=event_title(e.as_dict()), extra=(f"quad-{quad}",)))
    return out


def segments(article: Article) -> list[list[Segment]]:
    """The article text cut at every span boundary into non-overlapping segments, per paragraph.

    A segment inside a quote carries the quote's classes; inside a speaker or mention it links to
    that actor (a speaker wins over a mention, the shorter span over the longer one).
    """
    text = article.text
    spans = _spans(article)
    paragraphs = [(p.start, p.end) for p in article.paragraphs if p.end > p.start] or _blocks(text)
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s.start, s.end))
    for a, b in paragraphs:
        cuts.update((a, b))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[list[Segment]] = []
    for p_start, p_end in paragraphs:
        para: list[Segment] = []
        for a, b in zip(points, points[1:], strict=False):
            if a < p_start or b > p_end or a == b:
                continue
            covering = [s for s in spans if s.start <= a and s.end >= b]
            para.append(_segment(text[a:b], covering))
        out.append(_merge(para))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans from blank lines, for articles stored without paragraph offsets."""
    spans = [(m.start(), m.end()) for m in _BLOCK.finditer(text)]
    return spans or [(0, len(text))]


def _segment(piece: str, covering: list[_Span]) -> Segment:
    classes: list[str] = []
    title = None
    quotes = [s for s in covering if s.kind == "quote"]
    if quotes:
        classes += ["quote", *quotes[0].extra]
        title = quotes[0].title
    events = [s for s in covering if s.kind == "event"]
    if events:
        classes += ["event", *events[0].extra]
        title = " | ".join(s.title or "" for s in events)
    dates = [s for s in covering if s.kind == "date"]
    if dates:
        classes.append("date")
        title = " | ".join(x for x in (title, dates[0].title) if x)
    links = sorted((s for s in covering if s.actor_id),
                   key=lambda s: (s.kind != "speaker", s.end - s.start))
    href = None
    if links:
        best = links[0]
        classes += [best.kind, *best.extra]
        href, title = actor_url(best.actor_id or ""), (f"{title} | " if events or dates else "") + (best.title or "")
    return Segment(piece, tuple(classes), href, title)


def _merge(segs: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for s in segs:
        if merged and (merged[-1].classes, merged[-1].href, merged[-1].title) == (s.classes, s.href, s.title):
            merged[-1] = Segment(merged[-1].text + s.text, s.classes, s.href, s.title)
        else:
            merged.append(s)
    return merged


def fold_copies(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline entries with each copy moved under its original's ``copies`` list (a copy whose
    original is not in the timeline stays an entry of its own)."""
    originals = {e["id"]: e for e in entries if e["kind"] == "article" and not e.get("duplicate_of")}
    out = []
    for e in entries:
        if e["kind"] == "article":
            e = {**e, "copies": []}
            if not e.get("duplicate_of"):
                originals[e["id"]] = e
        out.append(e)
    kept = []
    for e in out:
        host = originals.get(e.get("duplicate_of") or "") if e["kind"] == "article" else None
        if host is not None:
            host["copies"].append(e)
        else:
            kept.append(e)
    return kept


def script_json(value: Any) -> str:
    """JSON safe inside a <script type="application/json"> element (no '</script>' breakout)."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
