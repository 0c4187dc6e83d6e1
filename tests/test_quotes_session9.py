"""Direct quotations and their precision (issue 11, session 9): a second statement opened by
"adding" is its own quotation; names of works and nicknames in quotation marks are nobody's words.

Sentences written for these tests; names, shows and events invented.
"""

from __future__ import annotations

from newsloom.understand.quotes.marks import find_quotations, is_title
from quoting import one, quotes_in


def test_adding_after_the_attribution_opens_a_second_statement() -> None:
    text = ("“The depot will reopen in June,” Mayor Ana Ruiz said, adding of the contractor, "
            "“They have earned our patience.”")
    qs = quotes_in(text)
    first, second = one(qs, "depot will reopen"), one(qs, "earned our patience")
    assert first is not second
    for q in (first, second):
        assert text[q.start:q.end] == q.text
        assert q.speaker is not None and "Ruiz" in q.speaker.text


def test_referring_to_something_keeps_one_quotation() -> None:
    text = ("“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday, referring to the "
            "flood of March. “The money is already there.”")
    q = one(quotes_in(text), "rebuild the bridge")
    assert q.parts is not None and len(q.parts) == 2


def _titles(text: str) -> list[str]:
    return [text[m.text_start:m.text_end] for m in find_quotations(text) if is_title(text, m)]


def test_a_show_named_before_the_sentence_goes_on_is_a_title() -> None:
    text = "“Harbor Lights” star Mina Osei spoke about her first audition at a theatre in Leeds."
    assert _titles(text) == ["Harbor Lights"]
    assert not [q for q in quotes_in(text) if "Harbor Lights" in q.text]


def test_a_film_opening_a_sentence_is_a_title() -> None:
    assert _titles("''The Long Ledger'' was nominated for an award this winter.") == ["The Long Ledger"]


def test_a_nickname_inside_a_name_is_no_quotation() -> None:
    text = "The campaign sent Gov. R.J. \"Dusty\" Marlow, who spoke mostly about water rights."
    assert _titles(text) == ["Dusty"]


def test_a_short_quotation_ending_in_punctuation_stays_a_quotation() -> None:
    text = "“Never Again,” the senator said about the vote, “and I mean it.”"
    assert _titles(text) == []


def test_a_title_case_headline_keeps_its_quoted_words() -> None:
    text = "Senator Says Rival Is ‘Absolutely Wrong’ On Trade\n\nThe senator spoke on Monday."
    assert _titles(text) == []
