"""WARC archives -> one Document per archived HTML or text response."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Document
from .compressed import InflateError, open_stream_capped
from .sizes import too_large

_KEEP = ("text/html", "application/xhtml+xml", "text/plain")
_CHUNK = 1 << 16
# Longest header or separator line read. warcio gathers a line by concatenating buffers (quadratic
# in its length) and without bound: an archive of zeros would be one endless "line".
MAX_LINE = 1 << 20


def _bound_lines(reader: Any) -> None:
    """Make ``reader.readline`` stop after MAX_LINE bytes (a longer "line" is no WARC header and
    fails the archive's parse, instead of being gathered for ever)."""
    unbounded = reader.readline

    def readline(length: int | None = None) -> bytes:
        return unbounded(MAX_LINE if not length or length > MAX_LINE else length)

    reader.readline = readline


def read_warc(path: Path, max_bytes: int = 20_000_000) -> Iterator[tuple[str, Document | None, str | None]]:
    """``(source, document, error)`` per response record worth reading; the source is
    ``PATH#URL``. A record larger than ``max_bytes`` is failed without being held in memory; a
    record cut short is failed, not stored as if whole; a damaged archive yields one error after
    the records read so far; a .warc.gz inflating far past its size is refused as it inflates."""
    kept = 0
    try:
        with open_stream_capped(path, floor=max(max_bytes, 64_000_000)) as fh:
            records = ArchiveIterator(fh)
            _bound_lines(records.reader)
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                status = record.http_headers.get_statuscode() or ""
                declared_type = record.http_headers.get_header("Content-Type") or ""
                content_type = declared_type.split(";")[0].strip().lower()
                if not status.startswith("2") or (content_type and content_type not in _KEEP):
                    continue
                source = f"{path}#{url}"
                body, error = _read_body(record, max_bytes)
                media_type = "text/plain" if content_type == "text/plain" else "text/html"
                meta: dict[str, Any] = {"url": url} if url else {}
                charset = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", declared_type, re.I)
                if charset:
                    meta["charset"] = charset.group(1).lower()  # the recorded HTTP header outranks <meta>
                if error and body is None:
                    meta["_size"] = max_bytes + 1
                elif error:
                    meta["truncated"] = True  # a retry must not take the partial bytes for the page
                doc = Document(raw=body or b"", source=source, media_type=media_type, meta=meta)
                fetched = record.rec_headers.get_header("WARC-Date")
                if fetched:
                    doc.fetched_at = fetched
                kept += 1
                yield source, doc, error
    except InflateError as exc:
        yield str(path), None, f"refused: {exc.reason}"
        return
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield str(path), None, f"damaged WARC archive: {str(exc)[:200]}"  # the "line" may be a megabyte
        return
    if not kept:
        yield str(path), None, "WARC archive holds no successful HTML or text responses"


def _read_body(record: Any, max_bytes: int) -> tuple[bytes | None, str | None]:
    """The record's payload, read in chunks up to ``max_bytes``; an error when it is larger or
    ends before the length its header declares."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            return None, too_large(None, max_bytes)
        chunks.append(chunk)
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        declared = int(record.length or 0)
        return b"".join(chunks), (f"truncated WARC record: {declared - missing} of its {declared} declared bytes "
                                  "(the archive was cut short)")
    return b"".join(chunks), None
