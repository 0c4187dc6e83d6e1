"""URLs -> Documents: a page, or a feed / sitemap expanded into the pages it names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..settings import Settings
from .feeds import kind_of_xml
from .files import SourceItem, read_path, read_xml
from .urls import fetch_url

# Nested sitemaps are followed this deep, and one input expands to at most this many pages.
MAX_DEPTH = 2


class WebReader:
    """Reads URL inputs (and the links inside local feeds and sitemaps) with the SSRF-guarded fetcher."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.max_links = settings.fetch.max_links
        self.fetched = 0

    def read_url(self, url: str, meta: dict[str, Any] | None = None, depth: int = 0) -> Iterator[SourceItem]:
        if self.fetched >= self.max_links:
            yield SourceItem(url, error=f"not fetched: over fetch.max_links ({self.max_links})")
            return
        self.fetched += 1
        try:
            doc = fetch_url(url, self.settings)
        except IngestError as exc:
            yield SourceItem(url, error=exc.reason)
            return
        if doc.media_type == "application/xml" or kind_of_xml(doc.raw):
            if depth >= MAX_DEPTH:
                yield SourceItem(url, error=f"feed or sitemap nested deeper than {MAX_DEPTH} levels")
                return
            yield from read_xml(url, doc.raw, lambda u, m: self.read_url(u, m, depth + 1))
            return
        for key, value in (meta or {}).items():
            if key != "sitemap" and value:
                doc.meta.setdefault(key, value)
        yield SourceItem(url, doc)

    def read(self, item: Path | str) -> Iterator[SourceItem]:
        """Documents in one input: a local path or a URL."""
        if isinstance(item, Path):
            yield from read_path(item, self.settings.ingest.max_bytes, fetch=self.read_url)
        else:
            yield from self.read_url(item)
