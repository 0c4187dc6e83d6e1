"""Bytes to text: UTF-8 first, then the charset the document declares, then a detector."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import IngestError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of control characters in the first 8 KiB."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text carries NULs legitimately
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05


# A page declaring UTF-8 may hold this many invalid bytes, or one per STRAY_BYTE_CHARS characters.
MAX_STRAY_BYTES = 4
STRAY_BYTE_CHARS = 10_000

# Among equally plausible single-byte guesses, the Western ones are by far the most common on
# the web; the detector otherwise picks the first of a tie (often cp1250).
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _best_guess(data: bytes):  # -> charset_normalizer.CharsetMatch | None
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for m in matches:
        if m.encoding in _PREFERRED and m.chaos <= best.chaos and m.coherence >= best.coherence:
            return m
    return best


def decode(data: bytes, source: str, charset: str | None = None) -> str:
    """Decode ``data`` or raise IngestError naming ``source`` and why. ``charset`` is the one a
    transport declared (HTTP or WARC Content-Type): it outranks what the bytes declare."""
    if not data.strip():
        raise IngestError(source, "empty document")
    if looks_binary(data):
        raise IngestError(source, "binary content, not text or HTML")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    transport = _lookup(charset)
    if transport and transport != "utf-8":
        try:
            return data.decode(transport)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared == "utf-8":
        # A page that says UTF-8 and is UTF-8 but for a stray byte or two (a cut character, a
        # pasted Latin-1 quote): read as UTF-8, the stray bytes replaced; a detector would read the
        # whole page in another charset and garble every accented letter.
        text = data.decode("utf-8", "replace")
        if text.count("\ufffd") <= max(MAX_STRAY_BYTES, len(text) // STRAY_BYTE_CHARS):
            return text
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best = _best_guess(data)
    if best is None or best.encoding is None:
        raise IngestError(source, "undecodable: not UTF-8, declared charset failed, no encoding detected")
    text = str(best)
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise IngestError(source, f"undecodable: best guess {best.encoding} gives replacement characters")
    return text
