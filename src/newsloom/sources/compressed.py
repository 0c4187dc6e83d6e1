"""Compressed inputs (.gz, .bz2, .xz): inflate with a cap, so a decompression bomb is a clear error
and never a process that eats the machine's memory."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from pathlib import Path
from typing import IO, Any

from .sizes import human_size

OPENERS: dict[str, Any] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_CHUNK = 1 << 16
# A stream of compressed records (a .warc.gz) may inflate to this many times its size: news HTML
# compresses 5-10x, a bomb 1000x. Below ``floor`` bytes any ratio is accepted.
MAX_RATIO = 100


class InflateError(Exception):
    """A compressed input that is damaged or inflates past its cap; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def compression_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return suffix if suffix in OPENERS else None


def inner_name(path: Path) -> str:
    """``page.html.gz`` -> ``page.html``: the name that says what the inflated bytes are."""
    return path.name[: -len(path.suffix)] if compression_of(path) else path.name


_DAMAGED = (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError)


def inflate(path: Path, cap: int) -> bytes:
    """The inflated content of ``path``, read in chunks; InflateError past ``cap`` bytes."""
    out = io.BytesIO()
    try:
        with OPENERS[path.suffix.lower()](path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                if out.tell() + len(chunk) > cap:
                    raise InflateError(f"inflates past the {human_size(cap)} limit (a {human_size(path.stat().st_size)}"
                                       " compressed file; raise ingest.max_bytes or --max-bytes to accept it)")
                out.write(chunk)
    except _DAMAGED as exc:
        raise InflateError(f"damaged {path.suffix.lower()} file: {exc}") from None
    return out.getvalue()


class CappedReader(io.RawIOBase):
    """Reads an inflating stream and raises InflateError once more than ``cap`` bytes came out."""

    def __init__(self, stream: IO[bytes], cap: int) -> None:
        self.stream, self.cap, self.total = stream, cap, 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.stream.close()
        super().close()

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.stream.read(min(len(buffer), _CHUNK))
        except _DAMAGED as exc:
            raise InflateError(f"damaged compressed stream: {exc}") from None
        self.total += len(data)
        if self.total > self.cap:
            raise InflateError(f"inflates past {human_size(self.cap)}, over {MAX_RATIO}x its compressed size "
                               "(a decompression bomb or a damaged file)")
        buffer[: len(data)] = data
        return len(data)


def open_stream_capped(path: Path, floor: int) -> IO[bytes]:
    """``path`` opened for streaming; a .gz is inflated here, capped at ``MAX_RATIO`` times its size
    (at least ``floor`` bytes)."""
    if path.suffix.lower() != ".gz":
        return path.open("rb")
    cap = max(floor, MAX_RATIO * path.stat().st_size)
    return io.BufferedReader(CappedReader(gzip.open(path, "rb"), cap), buffer_size=_CHUNK)


__all__ = ["CappedReader", "InflateError", "compression_of", "inflate", "inner_name", "open_stream_capped"]
