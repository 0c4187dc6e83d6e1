"""Two attribution bugs seen on real news, each fixed as a class: an apposition after the name in
"according to <Name>, <description>, ..." is the source's, not what was reported; and a scare-quoted
word is not joined to a quotation in a later paragraph.

Sentences written for these tests; the people and places are invented.
"""

from __future__ import annotations

from quoting import quotes_in, who


def _spans_true(text: str, qs) -> None:
    for q in qs:
        assert text[q.start:q.end] == q.text
        for a, b in q.parts or []:
            assert q.start <= a < b <= q.end
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_an_apposition_after_according_to_belongs_to_the_source() -> None:
    text = ("According to Jane Doe, a spokeswoman for the agency, the plan will be delayed until "
            "next spring.")
    (q,) = quotes_in(text)
    assert q.cue == "According to" and "Doe" in (who(q) or "")
    assert q.text == "the plan will be delayed until next spring"
    _spans_true(text, [q])


def test_a_described_source_with_a_possessive_role() -> None:
    text = ("According to Ilse Varga, the harbour board's chief engineer, the new quay walls "
            "can hold twice the old load.")
    (q,) = quotes_in(text)
    assert q.text == "the new quay walls can hold twice the old load"
    assert "spokeswoman" not in q.text and "engineer" not in q.text


def test_a_described_subject_after_according_to_stays_in_the_content() -> None:
    # The commas after the source set off a description of the clause's own subject here.
    text = "According to the survey, the two rivals, both former mayors, are level on 41 percent."
    (q,) = quotes_in(text)
    assert q.text.startswith("the two rivals") and q.text.endswith("41 percent")


def test_a_scare_quote_is_not_joined_to_the_next_paragraphs_quotation() -> None:
    text = ("The minister said the deal was “probably” safe, he told reporters on Monday.\n\n"
            "“We will publish every clause of it before the vote,” he said later that day.\n\n"
            "The council called the timetable “ambitious”, its chairman told the press.\n\n"
            "“Nobody here has seen the figures yet.”")
    qs = quotes_in(text)
    _spans_true(text, qs)
    for q in qs:
        pieces = q.parts or [(q.start, q.end)]
        # No quote's pieces run from one paragraph into another.
        assert not any("\n\n" in text[pieces[0][0]:b] for _, b in pieces), q.text
    last = next(q for q in qs if "Nobody here" in q.text)
    assert "ambitious" not in last.text and last.speaker is not None


def test_a_quotation_left_open_runs_on_into_the_next_paragraph() -> None:
    text = ("“The ferry will run again in May,” the operator said. “We have hired twelve crew and "
            "repaired both engines.\n\n"
            "“The timetable will be out next week.”")
    qs = quotes_in(text)
    q = next(q for q in qs if "twelve crew" in q.text)
    assert "timetable will be out" in q.text
    _spans_true(text, qs)


def test_a_list_after_according_to_is_no_apposition() -> None:
    text = "According to the minutes, the mayor, the treasurer and the harbour master met twice in May."
    (q,) = quotes_in(text)
    assert q.text.startswith("the mayor") and q.speaker is not None and "mayor" not in q.speaker.text


def test_a_clause_subject_hung_on_the_description_is_given_back() -> None:
    # The parser may take the clause's subject for a second apposition of the firm.
    text = ("According to Petra Lindqvist, research director of shipping analysts Nordlane, the delays "
            "at the northern ports are likely to last until the autumn.")
    qs = [q for q in quotes_in(text) if q.cue == "According to"]
    (q,) = qs
    assert "Lindqvist" in (who(q) or "")
    assert q.text.startswith("the delays at the northern ports") and "Nordlane" not in q.text
    _spans_true(text, qs)
