"""Photo credits that close a caption: a stock photo's credit line and an agency's credit in
brackets are captions, dropped from the article; a sentence citing agencies stays. Texts are ours."""

from __future__ import annotations

import pytest

from newsloom.extract.classify import Kind, classify_lines
from newsloom.extract.text import extract_text


@pytest.mark.parametrize("line", [
    "Photo by Jane Example on Unsplash",
    "Foto von Max Beispiel auf Pixabay",
    "The minister at the harbour on Monday (REUTERS/Jane Example)",
    "Un hombre cruza la plaza vacía (EFE/Juan Ejemplo)",
])
def test_credit_lines_are_captions(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.CAPTION


@pytest.mark.parametrize("line", [
    "Prices rose by three percent in the last month, the agencies reported (dpa/Reuters).",
    "She took the photo by the river on a cold morning and sent it to the paper.",
])
def test_sentences_citing_agencies_stay_prose(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.PROSE


PARAGRAPHS = [
    "The city council voted on Tuesday to keep the old market hall open through the winter months.",
    "Traders had asked for more time after the repairs to the roof took twice as long as planned.",
    "The hall will now close in April, when the second part of the work on the walls can begin.",
]


def test_a_stock_photo_credit_between_paragraphs_stays_out() -> None:
    page = "\n".join(["Market hall stays open", "* News", "* Sport", "Market hall stays open", PARAGRAPHS[0],
                      "Photo by Jane Example on Unsplash", *PARAGRAPHS[1:], "Share this story", "\u00a9 2024 Example"])
    text = extract_text(page, source="t").text
    assert all(p in text for p in PARAGRAPHS)
    assert "Unsplash" not in text
