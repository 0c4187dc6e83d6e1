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


def test_quoted_pieces_of_one_clause_make_one_statement() -> None:
    text = ("The mayor praised the new depot's “steady planning” and “fair prices,” in a speech to "
            "the council on Monday.")
    qs = [q for q in quotes_in(text) if "steady planning" in q.text or "fair prices" in q.text]
    assert len(qs) == 1, [q.text for q in qs]
    q = qs[0]
    assert text[q.start:q.end] == q.text
    assert q.parts is not None
    assert [text[a:b] for a, b in q.parts] == ["steady planning", "fair prices,"] or \
        [text[a:b] for a, b in q.parts] == ["steady planning", "fair prices"]


def test_pieces_on_both_sides_of_the_cue_stay_apart() -> None:
    from newsloom.understand.quotes.assemble import Item
    from newsloom.understand.quotes.onestatement import one_per_statement

    class _Cue:  # only its position matters here
        start = 30

    text = "On “Evening Desk,” Mayor Ruiz said the plan was “too slow” for the town."
    a0 = text.index("Evening Desk")
    b0 = text.index("too slow")
    cue = _Cue()
    first = Item(a0, a0 + 12, "partial", cue, mark=object(), parts=[(a0, a0 + 12)])  # type: ignore[arg-type]
    second = Item(b0, b0 + 8, "partial", cue, mark=object(), parts=[(b0, b0 + 8)])  # type: ignore[arg-type]
    assert len(one_per_statement([first, second], text)) == 2
    cue.start = 0  # both pieces after the cue: one statement
    kept = one_per_statement([first, second], text)
    assert len(kept) == 1 and kept[0].parts == [(a0, a0 + 12), (b0, b0 + 8)]


def test_a_quotation_inside_the_clause_of_its_own_cue_is_not_repeated() -> None:
    from newsloom.understand.quotes.assemble import Item
    from newsloom.understand.quotes.onestatement import one_per_statement

    cue = object()
    outer = Item(0, 60, "partial", cue, parts=[(10, 40)])  # type: ignore[arg-type]
    inner = Item(10, 40, "direct", cue, parts=[(10, 40)])  # type: ignore[arg-type]
    other = Item(10, 40, "direct", object(), parts=[(10, 40)])  # type: ignore[arg-type]
    assert one_per_statement([outer, inner, other], "x" * 80) == [outer, other]


def test_a_run_of_quoted_lines_after_one_attribution_is_one_statement() -> None:
    text = ("The mayor spoke in short lines during the interview:\n\n"
            "“We will finish the depot.”\u00a0\n“We will pay the builders on time.”\u00a0\n"
            "“And we will open it in June.”\n\nThe council meets on Monday.")
    qs = [q for q in quotes_in(text) if "depot" in q.text or "builders" in q.text or "June" in q.text]
    assert len(qs) == 1, [q.text for q in qs]
    q = qs[0]
    assert text[q.start:q.end] == q.text
    assert [text[a:b] for a, b in q.parts or []] == [
        "We will finish the depot.", "We will pay the builders on time.", "And we will open it in June."]
