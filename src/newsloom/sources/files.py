"""Local files and folders -> Documents: .txt, .html/.htm, .json (object or list), .jsonl, feeds,
sitemaps (.xml/.rss/.atom), WARC archives (.warc, .warc.gz) and Parquet shards; URLs are handed to ``web``."""

from __future__ import annotations

import glob
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Document
from .compressed import InflateError, compression_of, inflate, inner_name
from .objects import meta_of, validate
from .sizes import too_large

SUFFIXES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/plain", ".html": "text/html",
            ".htm": "text/html", ".xhtml": "text/html", ".json": "application/json",
            ".jsonl": "application/jsonl", ".ndjson": "application/jsonl", ".xml": "application/xml",
            ".rss": "application/xml", ".atom": "application/xml", ".warc": "application/warc",
            ".parquet": "application/parquet"}
URL_PREFIXES = ("http://", "https://")
Fetch = Callable[[str, dict[str, Any]], Iterator["SourceItem"]]


@dataclass(slots=True)
class SourceItem:
    """What reading one input gave: a Document, an error, or both (a document recorded as failed).

    ``doc`` is None when there was nothing to record (a path that does not exist).
    """

    source: str
    doc: Document | None = None
    error: str | None = None
    unknown: tuple[str, ...] = ()  # fields of a document object we do not know (kept in its meta)


def media_type_of(path: Path) -> str:
    """What a file holds, by its name; ``page.html.gz`` holds HTML (inflated when read)."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "application/warc"
    inner = Path(inner_name(path))
    if compression_of(path) and inner.suffix.lower() == ".warc":
        return ""  # warcio streams only gzip-compressed archives
    return SUFFIXES.get(inner.suffix.lower(), "")


def expand_paths(paths: list[str]) -> tuple[list[Path | str], list[SourceItem]]:
    """Files named by ``paths`` (files, folders recursively, globs), sorted, without repeats,
    URLs as given, and an error item for each path that names nothing."""
    files: list[Path | str] = []
    missing: list[SourceItem] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        if raw.lower().startswith(URL_PREFIXES):
            if raw not in files:
                files.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            before = len(files)
            for child in sorted(p.rglob("*")):
                if child.is_file() and media_type_of(child) and not _is_project_file(child):
                    add(child)
            if len(files) == before:  # "added 0 · failed 0" would hide that nothing was read
                missing.append(SourceItem(raw, error="no documents in this folder (read: .txt, .html, .json, "
                                                     ".jsonl, .xml, .warc and their .gz/.bz2/.xz)"))
        elif p.is_file():
            add(p)
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            found = [m for m in matches if m.is_file()]
            if not found:
                missing.append(SourceItem(raw, error="no file matches this pattern"))
            for m in found:
                add(m)
        elif re.match(r"[a-z][a-z0-9+.-]*://", raw, re.I):  # a URL of a scheme we do not fetch
            missing.append(SourceItem(raw, error=f"refused: {raw.split(':', 1)[0]} URL (only http and https "
                                                 "URLs are fetched)"))
        else:
            missing.append(SourceItem(raw, error="no such file or directory"))
    return files, missing


def _is_project_file(path: Path) -> bool:
    """Hidden files and a folder's README/LICENSE are not documents when walking a folder."""
    stem = path.stem.upper()
    return path.name.startswith(".") or stem in ("README", "LICENSE", "CHANGELOG", "NOTICE")


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_path(path: Path, max_bytes: int, fetch: Fetch | None = None) -> Iterator[SourceItem]:
    """Documents in one file. A file too large, unreadable or malformed yields a failed item.

    Feeds and sitemaps name pages to download: ``fetch(url, metadata)`` reads them (without it,
    each such link is reported as not fetched)."""
    source = str(path)
    media_type = media_type_of(path)
    if media_type == "application/warc":
        yield from _read_warc(path, max_bytes)
        return
    if media_type_of(path) == "application/parquet":
        from .parquet import ParquetError, iter_rows

        # A Parquet shard holds many documents: the size limit applies to each, not to the file.
        try:
            for item_source, obj, raw in iter_rows(path):
                yield document_from_object(obj, item_source, raw, container=source)
        except ParquetError as exc:
            yield SourceItem(source, error=str(exc))
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            doc = Document(raw=b"", source=source, media_type=media_type,
                           content_hash=_hash_file(path), meta={"_size": size})
            yield SourceItem(source, doc, too_large(size, max_bytes)
                             + " (raise ingest.max_bytes or --max-bytes to accept it)")
            return
        data = inflate(path, max_bytes) if compression_of(path) else path.read_bytes()
    except InflateError as exc:
        doc = Document(raw=b"", source=source, media_type=media_type, content_hash=_hash_file(path),
                       meta={"_size": path.stat().st_size})
        yield SourceItem(source, doc, exc.reason)
        return
    except OSError as exc:
        yield SourceItem(source, error=f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(source, data, media_type, fetch)


def read_bytes(source: str, data: bytes, media_type: str, fetch: Fetch | None = None) -> Iterator[SourceItem]:
    """Documents in one input's bytes, by its media type."""
    if media_type == "application/xml":
        yield from read_xml(source, data, fetch)
    elif media_type == "application/json":
        yield from read_json_bytes(source, data)
    elif media_type == "application/jsonl":
        yield from _read_jsonl(source, data)
    else:
        yield SourceItem(source, Document(raw=data, source=source, media_type=media_type))


def _read_warc(path: Path, max_bytes: int) -> Iterator[SourceItem]:
    from .warc import read_warc

    for source, doc, error in read_warc(path, max_bytes):
        if doc is not None and len(doc.raw) > max_bytes:
            size = len(doc.raw)
            doc = Document(raw=b"", source=source, media_type=doc.media_type, content_hash=doc.content_hash,
                           meta={**doc.meta, "_size": size})
            error = too_large(size, max_bytes)
        yield SourceItem(source, doc, error)


def read_xml(source: str, data: bytes, fetch: Fetch | None) -> Iterator[SourceItem]:
    """A feed or a sitemap: its full-content entries, then the pages it links to."""
    from .feeds import kind_of_xml, read_feed, read_sitemap

    kind = kind_of_xml(data)
    if kind is None:
        yield SourceItem(source, Document(raw=data, source=source, media_type="application/xml"),
                         "XML that is neither an RSS/Atom feed nor a sitemap")
        return
    found = read_feed(data, source) if kind == "feed" else read_sitemap(data)
    if found.error:
        yield SourceItem(source, Document(raw=data, source=source, media_type="application/xml"), found.error)
        return
    for doc in found.documents:
        yield SourceItem(doc.source, doc)
    for url, meta in found.links:
        if fetch is None:
            yield SourceItem(url, error=f"linked from {source}, not fetched (no fetcher)")
        else:
            yield from fetch(url, meta)


def read_json_bytes(source: str, data: bytes) -> Iterator[SourceItem]:
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield SourceItem(source, Document(raw=data, source=source, media_type="application/json"),
                         f"not UTF-8 JSON: {exc.reason} at byte {exc.start}")
        return
    except json.JSONDecodeError as exc:
        yield SourceItem(source, Document(raw=data, source=source, media_type="application/json"),
                         f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    if isinstance(value, dict):
        yield document_from_object(value, source, data, container=source)
    elif isinstance(value, list):
        for n, obj in enumerate(value, 1):
            item_source = _item_source(source, n, obj)
            yield document_from_object(obj, item_source, _json_bytes(obj), container=source)
    else:
        yield SourceItem(source, Document(raw=data, source=source, media_type="application/json"),
                         "JSON must be a document object or a list of them")


def _read_jsonl(source: str, data: bytes) -> Iterator[SourceItem]:
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            item_source = f"{source}#{n}"
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else f"not UTF-8 ({exc.reason})"
            yield SourceItem(item_source, Document(raw=line, source=item_source, media_type="application/json"),
                             f"invalid JSON on line {n}: {reason}")
            continue
        yield document_from_object(obj, _item_source(source, n, obj), line, container=source)


def _item_source(source: str, n: int, obj: Any) -> str:
    """The object's own id names it when that is a usable name; its place in the file otherwise."""
    ident = obj.get("id") if isinstance(obj, dict) else None
    if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident).strip() \
            and str(ident).isprintable() and len(str(ident)) <= 500:
        return str(ident)
    return f"{source}#{n}"


def _json_bytes(obj: Any) -> bytes:
    try:
        return json.dumps(obj, ensure_ascii=False).encode()
    except UnicodeEncodeError:  # lone surrogates: keep them as JSON escapes
        return json.dumps(obj).encode()


def document_from_object(obj: Any, source: str, raw_json: bytes, container: str | None = None) -> SourceItem:
    """A document object (``text`` or ``html`` plus optional metadata) -> Document.

    The document's identity is its text or HTML: the same article given twice with other
    metadata is stored once. A field of the wrong type, a date that is not one or text that is not
    valid Unicode fails the document with one message per field (see ``objects``).
    """
    if not isinstance(obj, dict):
        return SourceItem(source, Document(raw=raw_json, source=source, media_type="application/json"),
                          "a document must be a JSON object with 'text' or 'html'")
    fields, problems, unknown = validate(obj)
    if fields is None:
        return SourceItem(source, Document(raw=raw_json, source=source, media_type="application/json"),
                          "invalid document object: " + "; ".join(problems), tuple(unknown))
    meta = meta_of(fields, obj, unknown)
    if container:
        meta["container"] = container
    for value, media_type in ((fields.html, "text/html"), (fields.text, "text/plain")):
        if value and value.strip():
            if media_type == "text/plain":
                meta["supplied"] = "text"  # the article itself, not a flattened page (see extract.supplied)
            return SourceItem(source, Document(raw=value.encode("utf-8"), source=source,
                                               media_type=media_type, meta=meta), unknown=tuple(unknown))
    return SourceItem(source, Document(raw=raw_json, source=source, media_type="application/json", meta=meta),
                      "document object has neither a non-empty 'text' nor 'html' field", tuple(unknown))
