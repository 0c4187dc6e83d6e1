"""URLs -> Documents: a page, or a feed / sitemap (plain or gzipped, nested indexes followed)
expanded into the pages it names. A URL that cannot be fetched becomes a failed Document with the
reason, so it is stored, listed by ``newsloom failures`` and fetched again by ``newsloom retry``."""

from __future__ import annotations

import gzip
import hashlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import IngestError, NotModified
from ..model import Document
from ..settings import Settings
from .compressed import MAX_RATIO, CappedReader, InflateError
from .feeds import kind_of_xml
from .files import SourceItem, read_path, read_xml
from .polite import PoliteFetcher, canonical_url

# Nested sitemaps are followed this deep, and one input expands to at most this many pages.
MAX_DEPTH = 2
_GZIP_MAGIC = b"\x1f\x8b"


def failed_fetch(url: str, reason: str, meta: dict[str, Any] | None = None) -> SourceItem:
    """A Document standing for a URL that could not be fetched: no bytes, its identity the URL
    (two failed URLs are two documents), ``meta["fetch"]`` says a retry must fetch it again."""
    ident = hashlib.sha256(b"fetch-failed\0" + url.encode("utf-8", "surrogatepass")).hexdigest()
    keep = {k: v for k, v in (meta or {}).items() if k in ("title", "published", "outlet", "authors") and v}
    doc = Document(raw=b"", source=url, media_type="text/html", content_hash=ident,
                   meta={**keep, "url": url, "fetch": "failed"})
    return SourceItem(url, doc, reason)


def _inflate(url: str, data: bytes, cap: int) -> bytes:
    """A gzipped body (a ``sitemap.xml.gz`` served as is), inflated with a cap."""
    try:
        reader = CappedReader(gzip.GzipFile(fileobj=io.BytesIO(data)), max(cap, MAX_RATIO * len(data)))
        return io.BufferedReader(reader).read()
    except InflateError as exc:
        raise IngestError(url, f"refused: {exc.reason}") from None


class WebReader:
    """Reads URL inputs (and the links inside feeds and sitemaps) politely, through the
    SSRF-guarded fetcher; each page URL is fetched once per run (by its canonical form)."""

    def __init__(self, settings: Settings, fetcher: PoliteFetcher | None = None,
                 known: Callable[..., bool] | None = None) -> None:
        self.settings = settings
        # known(url, canonical) says a page is stored already: a feed's or sitemap's link to it
        # is not fetched again (a URL named on the command line is, and reported as present).
        self.known = known
        self.fetcher = fetcher or PoliteFetcher(settings)
        self.max_links = settings.fetch.max_links
        self.fetched = 0
        self.seen: set[str] = set()

    def read_url(self, url: str, meta: dict[str, Any] | None = None, depth: int = 0) -> Iterator[SourceItem]:
        try:
            key = canonical_url(url)
        except Exception:  # courlan on a malformed URL: let the fetcher name the problem
            key = url
        if key in self.seen:
            return
        self.seen.add(key)
        if self.fetched >= self.max_links:
            yield SourceItem(url, error=f"not fetched: over fetch.max_links ({self.max_links})")
            return
        self.fetched += 1
        try:
            doc = self.fetcher.get(url)
            if doc.raw.startswith(_GZIP_MAGIC):
                doc.raw = _inflate(url, doc.raw, int(self.settings.ingest["max_bytes"]))
                doc.content_hash = ""
                doc.__post_init__()
        except NotModified:
            return
        except IngestError as exc:
            yield failed_fetch(url, exc.reason, meta)
            return
        if doc.media_type == "application/xml" or kind_of_xml(doc.raw):
            if depth >= MAX_DEPTH:
                yield SourceItem(url, error=f"feed or sitemap nested deeper than {MAX_DEPTH} levels")
                return
            yield from read_xml(url, doc.raw, lambda u, m: self.read_link(u, m, depth + 1))
            return
        for key_, value in (meta or {}).items():
            if key_ != "sitemap" and value:
                doc.meta.setdefault(key_, value)
        yield SourceItem(url, doc)

    def read_link(self, url: str, meta: dict[str, Any], depth: int) -> Iterator[SourceItem]:
        if self.known is not None and not meta.get("sitemap"):
            try:
                if self.known(url, canonical_url(url)):
                    return
            except Exception:  # a malformed link: the fetch names the problem
                pass
        yield from self.read_url(url, meta, depth)

    def read(self, item: Path | str) -> Iterator[SourceItem]:
        """Documents in one input: a local path or a URL."""
        if isinstance(item, Path):
            yield from read_path(item, self.settings.ingest.max_bytes, fetch=lambda u, m: self.read_link(u, m, 1))
        else:
            yield from self.read_url(item)


__all__ = ["WebReader", "failed_fetch"]
