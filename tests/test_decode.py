"""Bytes to text: UTF-8, declared charset, detector; clear reasons for what cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.errors import IngestError
from newsloom.extract.decode import decode

FIXTURES = Path(__file__).parent / "fixtures"


def test_latin1_without_declaration_is_read_as_western() -> None:
    text = decode((FIXTURES / "broken" / "latin1.txt").read_bytes(), "latin1.txt")
    assert "São Paulo" in text and "café" in text


def test_utf8_page_declaring_latin1_stays_utf8() -> None:
    html = "<html><head><meta charset='iso-8859-1'></head><body><p>Zürich – Genève</p></body></html>"
    assert "Zürich – Genève" in decode(html.encode("utf-8"), "x.html")


def test_declared_charset_is_used_when_not_utf8() -> None:
    html = "<html><head><meta charset='windows-1251'></head><body><p>Москва и Киев</p></body></html>"
    assert "Москва и Киев" in decode(html.encode("cp1251"), "x.html")


@pytest.mark.parametrize("data, reason", [(b"", "empty document"), (b"  \n\t ", "empty document"),
                                          (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary content")])
def test_unreadable_inputs_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        decode(data, "bad.bin")
    assert info.value.source == "bad.bin" and info.value.reason.startswith(reason)


def test_utf8_page_with_a_stray_byte_stays_utf8() -> None:
    # One invalid byte in a page that declares UTF-8: the rest keeps its letters.
    page = ('<html><head><meta charset="utf-8"></head><body><p>Zażółć gęślą jaźń, sprzeciwiają się ' * 20
            ).encode("utf-8") + b"\xff</p></body></html>"
    text = decode(page, "t")
    assert "sprzeciwiają" in text and text.count("\ufffd") == 1


def test_page_declaring_utf8_full_of_other_bytes_is_not_forced_to_utf8() -> None:
    page = ('<html><head><meta charset="utf-8"></head><body><p>' + "Größe, Maß und Übermaß. " * 40
            + "</p></body></html>").encode("cp1252")
    # Hundreds of invalid bytes: no stray byte but another charset, left to the detector.
    assert "\ufffd" not in decode(page, "t")
