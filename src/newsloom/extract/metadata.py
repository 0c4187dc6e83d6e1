"""HTML metadata as an ordered cascade: JSON-LD, then meta tags, then trafilatura and htmldate.

Structured data comes first because it carries full timestamps with zones; trafilatura's
title/author heuristics and htmldate run only for what is still missing (they are the slow part).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml.html import HtmlElement, fragment_fromstring

from .byline import find_datetime

_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "liveblogposting", "scholarlyarticle",
                  "techarticle", "report", "backgroundnewsarticle", "webpage"}
# meta name/property/itemprop -> field, first match wins within the meta-tag layer.
_META_FIELDS = {
    "og:title": "title", "twitter:title": "title", "headline": "title", "dc.title": "title",
    "og:site_name": "outlet", "application-name": "outlet", "publisher": "outlet",
    "article:published_time": "published", "datepublished": "published", "pubdate": "published",
    "publishdate": "published", "publish-date": "published", "date": "published", "dc.date": "published",
    "dc.date.issued": "published", "dcterms.created": "published", "sailthru.date": "published",
    "parsely-pub-date": "published", "og:published_time": "published",
    "article:modified_time": "modified", "og:updated_time": "modified", "datemodified": "modified",
    "dcterms.modified": "modified", "last-modified": "modified",
    "author": "authors", "article:author": "authors", "dc.creator": "authors", "parsely-author": "authors",
    "sailthru.author": "authors", "byl": "authors",
    "description": "description", "og:description": "description", "twitter:description": "description",
    "og:image": "image", "twitter:image": "image", "twitter:image:src": "image",
    "article:section": "section", "parsely-section": "section", "section": "section",
    "article:tag": "tags", "keywords": "tags", "news_keywords": "tags", "parsely-tags": "tags",
    "og:url": "url", "og:locale": "language", "content-language": "language", "dc.language": "language",
}
MIN_YEAR, MAX_YEAR = 1991, 2100
_LANG = re.compile(r"^([a-z]{2})(?:[-_][A-Za-z]{2,4})?$")
_TITLE_SEP = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_BY = re.compile(r"^\s*(by|von|par|por)\s+", re.I)


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None

    def fill(self, name: str, value: Any) -> None:
        """Set ``name`` from ``value`` unless already set (earlier layers win)."""
        if value in (None, "", []):
            return
        if name in ("authors", "tags"):
            if not getattr(self, name):
                setattr(self, name, _names(value) if name == "authors" else _tags(value))
            return
        if getattr(self, name) is not None:
            return
        if name in ("published", "modified"):
            value = normalize_date(str(value))
        elif name == "language":
            value = normalize_language(str(value))
        elif name == "image":
            value = _url_of(value)
        else:
            value = " ".join(html_lib.unescape(str(value)).split()) or None
        setattr(self, name, value)

    def tidy(self) -> None:
        """Outlet and title as names, not page-title strings: "A | B | C" outlets keep their first
        part, a title loses an " - Outlet" suffix, an outlet equal to the title is no outlet."""
        if self.outlet:
            self.outlet = _TITLE_SEP.split(self.outlet)[0].strip() or self.outlet
        if self.title and self.outlet:
            seps = list(_TITLE_SEP.finditer(self.title))
            if seps and _fold(self.title[seps[-1].end():]) == _fold(self.outlet):
                self.title = self.title[:seps[-1].start()].strip()
            elif _fold(self.title) == _fold(self.outlet):
                self.outlet = None


def normalize_date(value: str) -> str | None:
    """ISO 8601 as precise as the source: date, or date and time with zone when given; None for
    placeholders (year 1 or 1970) and dates before the web."""
    value = value.strip()
    if not value or not value[:4].isdigit() and not re.search(r"\d{4}", value):
        return None
    year = re.search(r"\d{4}", value)
    if year and not MIN_YEAR <= int(year.group()) <= MAX_YEAR:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        dt = None
    if dt is None:
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            found = find_datetime(value)
            return found.iso if found else None
    if len(value) <= 10 and "T" not in value and ":" not in value:
        return dt.date().isoformat()
    return dt.isoformat(timespec="seconds" if dt.second else "minutes")


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def normalize_language(value: str) -> str | None:
    m = _LANG.match(value.strip())
    return m.group(1).lower() if m else None


def _url_of(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return str(value) if value else None


# Heuristic author strings run on into the dateline ("Jane Roe November", "Desk Published").
_NAME_TAIL = re.compile(
    r"\s+(?:(?:published|updated|posted)\b|(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|on\s+\d).*$"
    # a bare month name left at the end (not May, June, April or August: those are also names)
    r"|\s+(?:january|february|march|july|september|october|november|december)$",
    re.I,
)


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        item = _NAME_TAIL.sub("", " ".join(_BY.sub("", html_lib.unescape(item)).split()))
        for name in re.split(r"\s*(?:,|;|\band\b|&)\s*", item):
            # Profile URLs, handles and stray numbers are not names.
            if (name and "://" not in name and not name.startswith("@") and any(c.isalpha() for c in name)
                    and name not in names):
                names.append(name)
    return names


def _tags(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value).split(",")
    return [t for t in (" ".join(str(i).split()) for i in items) if t]


def _json_ld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return objects


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type", [])
    return {str(x).lower() for x in (t if isinstance(t, list) else [t])}


def _from_json_ld(meta: Metadata, tree: HtmlElement) -> None:
    objects = _json_ld_objects(tree)
    articles = [o for o in objects if _types(o) & _ARTICLE_TYPES]
    # A specific article type beats a generic WebPage.
    articles.sort(key=lambda o: "webpage" in _types(o))
    for obj in articles:
        meta.fill("title", obj.get("headline") or obj.get("name"))
        meta.fill("authors", obj.get("author") or obj.get("creator"))
        meta.fill("published", obj.get("datePublished") or obj.get("dateCreated"))
        meta.fill("modified", obj.get("dateModified"))
        publisher = obj.get("publisher")
        if isinstance(publisher, dict):
            meta.fill("outlet", publisher.get("name"))
        meta.fill("description", obj.get("description"))
        meta.fill("image", obj.get("image") or obj.get("thumbnailUrl"))
        meta.fill("section", obj.get("articleSection")[0] if isinstance(obj.get("articleSection"), list)
                  and obj.get("articleSection") else obj.get("articleSection"))
        meta.fill("tags", obj.get("keywords"))
        meta.fill("language", obj.get("inLanguage"))
    for obj in objects:
        if _types(obj) & {"newsmediaorganization", "organization", "website"}:
            meta.fill("outlet", obj.get("name"))


def json_ld_body(tree: HtmlElement) -> str:
    """The longest ``articleBody`` an article's JSON-LD states, one paragraph per line (pages
    rendered by script carry the article there and nowhere else in the markup), or ""."""
    bodies = [o["articleBody"] for o in _json_ld_objects(tree)
              if isinstance(o.get("articleBody"), str) and _types(o) & _ARTICLE_TYPES]
    body = max(bodies, key=len, default="")
    if "<" not in body:
        return body
    # Some sites put the article's markup in the string: its blocks become lines.
    try:
        root = fragment_fromstring(body, create_parent="div")
    except ValueError:  # lxml's parser errors are ValueErrors; an unparsable string is given as is
        return body
    for el in root.iter("p", "br", "li", "h2", "h3", "h4", "blockquote", "div"):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()


def _from_meta_tags(meta: Metadata, tree: HtmlElement) -> None:
    tags: list[str] = []
    for el in tree.iterfind(".//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").lower()
        name = _META_FIELDS.get(key)
        content = el.get("content")
        if not name or not content:
            continue
        if name == "tags":
            tags.extend(_tags(content))
        elif name == "authors" and "://" in content:
            continue
        else:
            meta.fill(name, content)
    meta.fill("tags", list(dict.fromkeys(tags)))
    canonical = tree.find('.//link[@rel="canonical"]')
    if canonical is not None:
        meta.fill("url", canonical.get("href"))
    html_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if html_lang:
        meta.language = normalize_language(html_lang) or meta.language


def html_metadata(tree: HtmlElement, url: str | None = None, thorough: bool = True) -> Metadata:
    """Every metadata field the page states, most structured source first; ``thorough=False``
    skips trafilatura's title/author heuristics (seconds on multi-megabyte pages)."""
    from htmldate import find_date
    from trafilatura.metadata import extract_author, extract_sitename, extract_title

    meta = Metadata()
    _from_json_ld(meta, tree)
    _from_meta_tags(meta, tree)
    if not meta.title and thorough:
        meta.fill("title", extract_title(tree))
    if not meta.authors and thorough:
        meta.fill("authors", extract_author(tree))
    if not meta.outlet:
        meta.fill("outlet", extract_sitename(tree))
    if not meta.published:
        meta.fill("published", find_date(tree, extensive_search=False, original_date=True, url=url))
    if url and not meta.url:
        meta.url = url
    meta.tidy()
    return meta
