"""Standard input as a source (``newsloom ingest -``): JSON Lines, a JSON document or list, or one
HTML or text document, told apart by the first bytes."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document
from .files import SourceItem, read_json_bytes

SOURCE = "<stdin>"


def read_stdin(data: bytes) -> Iterator[SourceItem]:
    head = data.lstrip()[:1]
    lines = [line for line in data.splitlines() if line.strip()]
    if head == b"{" and len(lines) > 1 and all(line.lstrip().startswith(b"{") for line in lines):
        for n, line in enumerate(lines, 1):
            yield from read_json_bytes(f"{SOURCE}#{n}", line)
        return
    if head in (b"{", b"["):
        yield from read_json_bytes(SOURCE, data)
        return
    yield SourceItem(SOURCE, Document(raw=data, source=SOURCE, media_type=""))


__all__ = ["read_stdin"]
