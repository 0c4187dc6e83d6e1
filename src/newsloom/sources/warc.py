"""WARC archives -> one Document per archived HTML or text response."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Document

_KEEP = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(path: Path) -> Iterator[tuple[str, Document | None, str | None]]:
    """``(source, document, error)`` per response record worth reading; the source is
    ``PATH#URL``. A damaged archive yields one error after the records read so far."""
    kept = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                status = record.http_headers.get_statuscode() or ""
                content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if not status.startswith("2") or (content_type and content_type not in _KEEP):
                    continue
                body = record.content_stream().read()
                source = f"{path}#{url}"
                media_type = "text/plain" if content_type == "text/plain" else "text/html"
                meta = {"url": url} if url else {}
                fetched = record.rec_headers.get_header("WARC-Date")
                doc = Document(raw=body, source=source, media_type=media_type, meta=meta)
                if fetched:
                    doc.fetched_at = fetched
                kept += 1
                yield source, doc, None
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield str(path), None, f"damaged WARC archive: {exc}"
        return
    if not kept:
        yield str(path), None, "WARC archive holds no successful HTML or text responses"
