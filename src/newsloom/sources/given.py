"""A Document from what a caller hands the library directly: text, bytes, a path, or a Document.

The one place user input becomes a Document (``newsloom.analyze``, ``newsloom.extract``,
``newsloom.add`` and the API's uploads all come through here), so every entry point names its
source, keeps given metadata and reads files the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..model import Document
from .files import read_path

Given = str | bytes | Path | Document


def given_document(data: Given, *, media_type: str | None = None, source: str | None = None,
                   meta: dict[str, Any] | None = None, fallback: str = "<input>",
                   max_bytes: int | None = None) -> Document:
    """``data`` as a Document with ``meta`` (url, title, published, outlet, authors, language) laid
    over its own. A str is text or HTML, never a path: pass a ``Path`` to read a file (one
    document; anything else raises IngestError). The source is ``source``, else the given url or
    id, else ``fallback``. Empty values in ``meta`` are dropped."""
    given = {k: v for k, v in (meta or {}).items() if v not in (None, "")}
    if isinstance(data, Document):
        data.meta.update(given)
        return data
    if isinstance(data, Path):
        items = list(read_path(data, max_bytes if max_bytes is not None else 1 << 62))
        if len(items) != 1 or items[0].doc is None:
            raise IngestError(str(data), items[0].error if items else "no document in file")
        doc = items[0].doc
        doc.meta.update(given)
        return doc
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    name = source or str(given.get("url") or given.get("id") or fallback)
    return Document(raw=raw, source=name, media_type=media_type or "", meta=given)
