"""HTML cascade rules on pages of our own: a precision body cut short is completed by readability."""

from __future__ import annotations

from newsloom.extract.html import _extends, _readability_paragraphs

SECTIONS = [
    "The river authority opened the new flood barrier on Monday after four years of building work on both banks.",
    "Engineers said the barrier could hold back a surge one metre higher than the record flood of the last decade.",
    "Residents of the lower town, who were evacuated twice in the past five years, watched the first test closing.",
    "The project cost more than the first estimate because the riverbed turned out to be softer than expected.",
]


def test_readability_paragraphs_are_blocks() -> None:
    page = ("<html><body><nav><a href='/'>Home</a></nav><article><h2>Barrier opens</h2>"
            + "".join(f"<p>{s}</p>" for s in SECTIONS) + "<ul><li>Length: 300 metres of steel gates</li></ul>"
            "</article></body></html>")
    paras = _readability_paragraphs(page)
    assert all(s in paras for s in SECTIONS)


def test_extends_means_contains_and_much_longer() -> None:
    short = "\n".join(SECTIONS[:2])
    assert _extends("\n".join(SECTIONS * 2), short)
    assert not _extends("\n".join(SECTIONS[:2]), short)  # not longer
    assert not _extends("\n".join(SECTIONS[2:] * 3), short)  # longer but other text
