"""Guess whether decoded input is HTML or plain text."""

from __future__ import annotations

import re

_HTML_MARKERS = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)


def sniff_media_type(text: str) -> str:
    head = text[:4096]
    if _HTML_MARKERS.search(head) and head.count("<") >= 3:
        return "text/html"
    return "text/plain"
