"""RSS/Atom feeds and XML sitemaps -> Documents (entries with their content) or URLs to fetch."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
from lxml import etree

from ..model import Document
from .objects import parse_published

# An entry whose content is shorter than this is a teaser: the article is fetched from its link.
MIN_CONTENT_CHARS = 600
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)
_SITEMAP_ROOT = re.compile(rb"<(urlset|sitemapindex)\b", re.I)


def kind_of_xml(data: bytes) -> str | None:
    """'feed', 'sitemap' or None, from the root element near the start of the document."""
    head = data[:2048]
    if _SITEMAP_ROOT.search(head):
        return "sitemap"
    if _FEED_ROOT.search(head):
        return "feed"
    return None


@dataclass(slots=True)
class Expansion:
    """What a feed or sitemap holds: documents ready to process, and links still to fetch."""

    documents: list[Document] = field(default_factory=list)
    links: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (url, metadata)
    error: str | None = None


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=UTC).isoformat(timespec="seconds")


def read_feed(data: bytes, source: str) -> Expansion:
    """Entries of an RSS/Atom feed. Full-content entries become Documents; teasers become links."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        return Expansion(error=f"not a readable feed: {parsed.get('bozo_exception')}")
    outlet = (parsed.feed.get("title") or "").strip() or None
    out = Expansion()
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        meta: dict[str, Any] = {k: v for k, v in {
            "url": link, "title": (entry.get("title") or "").strip() or None,
            "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            "outlet": outlet,
            "authors": [a.get("name") for a in entry.get("authors", []) if a.get("name")] or None,
        }.items() if v}
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry["content"]), key=len)
        content = content or entry.get("summary", "")
        if len(re.sub(r"<[^>]+>", "", content)) >= MIN_CONTENT_CHARS or not link:
            if content.strip():
                out.documents.append(Document(raw=content.encode("utf-8"), source=link or f"{source}#{n}",
                                              media_type="text/html", meta=meta))
        else:
            out.links.append((link, meta))
    return out


def read_sitemap(data: bytes) -> Expansion:
    """Page URLs of a sitemap (with their lastmod as a publication hint); nested sitemaps as links."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                              huge_tree=False))
    except etree.XMLSyntaxError as exc:
        return Expansion(error=f"not a readable sitemap: {exc}")
    out = Expansion()
    for loc in root.iter("{*}loc"):
        url = (loc.text or "").strip()
        if not url:
            continue
        parent = loc.getparent()
        meta: dict[str, Any] = {}
        if parent is not None and etree.QName(parent).localname == "sitemap":
            meta["sitemap"] = True
        elif parent is not None:
            # A news sitemap's publication date is the article's; lastmod is only a hint (and one
            # that is no date is dropped, the page still fetched).
            for path in ("{*}news/{*}publication_date", "{*}lastmod"):
                found = parent.find(path)
                if found is not None and found.text and found.text.strip():
                    try:
                        meta["published"] = parse_published(found.text)
                        break
                    except ValueError:
                        continue
            title = parent.find("{*}news/{*}title")
            if title is not None and title.text and title.text.strip():
                meta["title"] = title.text.strip()
        out.links.append((url, meta))
    return out
