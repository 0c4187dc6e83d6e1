"""The page title a flattened page starts with, and lines that only look like one."""

from __future__ import annotations

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
