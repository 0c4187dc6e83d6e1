"""The title of a flattened page: the page title said again over the article, else the <title>
line's headline, and only then a line just above the article (often a share bar or a byline).
Texts are our own."""

from __future__ import annotations

from newsloom.extract.text import extract_text
from pier_article import BODY

MENU = ["Home", "World", "Business", "Sport", "Subscribe"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use"]


def test_title_line_beats_a_share_bar_above_the_article() -> None:
    page = ["Old ferry pier to close for repairs - Harbour Herald", *MENU, "Copy Link URL Copied!", *BODY, *FOOTER]
    art = extract_text("\n".join(page), source="pier.txt")
    assert art.title == "Old ferry pier to close for repairs"
    assert art.text.startswith("The harbour authority")


def test_nearest_repeat_of_the_page_title_above_the_article_is_the_title() -> None:
    page = ["Old ferry pier to close for repairs | Harbour Herald", *MENU, "Old ferry pier to close for repairs",
            "Share this story", "Pier photo: the north quay at low tide", *BODY, "Most read",
            "Old ferry pier to close for repairs", "Market hours change for winter", *FOOTER]
    art = extract_text("\n".join(page), source="pier.txt")
    assert art.title == "Old ferry pier to close for repairs"


def test_without_a_title_line_a_headline_beats_a_byline_and_a_count() -> None:
    page = [*MENU, "Old ferry pier to close for repairs", "Jane Roe", "858 shares", *BODY, *FOOTER]
    art = extract_text("\n".join(page), source="pier.txt")
    assert art.title == "Old ferry pier to close for repairs"



def test_a_byline_above_the_article_is_never_the_title() -> None:
    # Bylines the header reader cannot parse (no date, an agency line under them) stay out too.
    page = [*MENU, "Old ferry pier to close for repairs", "By Jane Roe and John Doe -", "Harbour Press", *BODY, *FOOTER]
    art = extract_text("\n".join(page), source="pier.txt")
    assert art.title == "Old ferry pier to close for repairs"
