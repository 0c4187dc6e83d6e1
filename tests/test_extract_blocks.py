"""The flattened-text cleaner's block model on articles that are not runs of long paragraphs:
verses, agendas, short answers. Texts are our own."""

from __future__ import annotations

from newsloom.extract.classify import classify_lines, verses
from newsloom.extract.text import extract_text

MENU = ["Start", "News", "Music", "Interviews", "Contact", "Search"]
RELATED = ["Related posts", "Local band wins regional prize", "12 March 2024",
           "Festival lineup announced for summer", "11 March 2024", "Choir tour ends in the capital", "10 March 2024"]
POEM = [
    "The river took the bridge away in the night",
    "and we stood on the bank with our lamps",
    "watching the water that was once our road",
    "and nobody said a word until the morning came",
    "when the ferryman rowed across to fetch us all",
    "and the children asked him where the bridge had gone",
]


def test_verse_lines_are_recognised_in_runs_only() -> None:
    lines = classify_lines([*MENU, *POEM, *RELATED])
    found = verses(lines)
    assert found == set(range(len(MENU), len(MENU) + len(POEM)))


def test_poem_page_yields_the_poem_not_the_menus() -> None:
    page = "\n".join(["The bridge - Riverside Verse", *MENU, "The bridge", "Posted by Ana on 12 March 2024",
                      *POEM, "Share", "Facebook", *RELATED, "Imprint", "Privacy"])
    text = extract_text(page, source="t").text
    for line in POEM:
        assert line in text
    assert "Festival lineup" not in text and "Music" not in text.split("\n")


def test_bulleted_links_are_not_verses() -> None:
    items = [f"* {line}" for line in POEM]
    assert verses(classify_lines(items)) == set()
