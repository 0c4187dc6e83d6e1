"""The page title a flattened page starts with, and lines that only look like one."""

from __future__ import annotations

from newsloom.extract.text import extract_text
from newsloom.extract.verdict import headline_repeats

CREDIT = "enlarge (Photo: Example Motors/Jo Smith)"
PARAGRAPH = "The test car came with every option the maker lists, and the price still held up well against rivals."


def test_a_first_line_said_many_times_is_no_title() -> None:
    # A flattener without <title> starts with the first photo's credit, said again under every photo.
    lines = [CREDIT, "Reviews", "Small estate car tested on winter roads"]
    for _ in range(6):
        lines += [PARAGRAPH, CREDIT]
    assert headline_repeats(lines) == []


def test_a_title_said_again_once_or_twice_is_found() -> None:
    lines = ["Small estate car tested on winter roads - Example Motors", "Reviews",
             "Small estate car tested on winter roads", PARAGRAPH, "Most read",
             "Small estate car tested on winter roads", "Another test"]
    assert headline_repeats(lines) == [2, 5]


SERVICE_BODY = [
    "This privacy policy explains how the lab handles what it learns about the people who visit its site.",
    "We keep the questions you send us only as long as we need them to answer you, and we never sell them.",
    "Our apps ask for the camera only when you take a photo, and the photo stays on your phone.",
    "If you would like us to delete what we hold about you, write to us and we will do it within a month.",
    "Our site uses cookies to count visits, and you can turn them off in your browser settings.",
]
FOOTER = ["Home", "About", "Contact", "Powered by Example Blogs"]


def test_service_sentences_are_the_text_of_a_page_about_that_service() -> None:
    page = "\n".join(["Privacy policy", "March 2018", "Example Lab privacy policy", *SERVICE_BODY, *FOOTER])
    text = extract_text(page, source="t").text
    assert "explains how the lab handles" in text
    assert "uses cookies to count visits" in text


def test_service_sentences_stay_furniture_on_a_page_about_something_else() -> None:
    story = [
        "The river rose by two metres overnight after a week of heavy rain in the hills above the town.",
        "Firefighters moved forty families from the lowest streets before the water reached their doors.",
        "The mayor said the new flood wall held, but the old bridge will stay closed until engineers check it.",
        "Shops near the market opened late on Tuesday as owners swept mud from their floors.",
    ]
    page = "\n".join(["River floods lower town - Example News", "River floods lower town", *story,
                      "Our site uses cookies to count visits, and you can turn them off in your browser settings.",
                      *FOOTER])
    text = extract_text(page, source="t").text
    assert "mayor said the new flood wall" in text
    assert "cookies" not in text


def test_title_separators_of_more_sites() -> None:
    heading = "Churches stay open under strict rules"
    for title in (f"{heading} › church.example", f"{heading} |Example Herald", f"{heading}│Example Market",
                  f"{heading} // Example Works"):
        assert headline_repeats([title, "Menu", heading, "Text of the page."]) == [2], title
