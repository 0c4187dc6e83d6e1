"""Session 11 precision classes, each counted on PolNeAR train: predictions no annotator marks
because the cue is no report in that sense.

Sentences written for these tests; the people and places are invented.
"""

from __future__ import annotations

from quoting import quotes_in, who


def _cued(text: str, word: str) -> list:
    return [q for q in quotes_in(text) if q.cue and q.cue.lower().startswith(word)]


def test_going_on_doing_something_is_no_report() -> None:
    text = "Mayor Ines Varga continues to lead the field in the harbour district by nine points."
    assert _cued(text, "continue") == []
    text = "The ferry union's membership continued to grow through the winter."
    assert _cued(text, "continue") == []


def test_going_on_reporting_is_a_report() -> None:
    text = "Mayor Ines Varga continued to insist that the northern ferry line would reopen in May."
    (q,) = _cued(text, "continued")
    assert "northern ferry line would reopen" in q.text and text[q.start:q.end] == q.text
    assert "Varga" in (who(q) or "")


def test_continued_after_a_quotation_still_attributes_it() -> None:
    text = "“We will not close the line,” the mayor continued. “Not this year.”"
    qs = [q for q in quotes_in(text) if "close the line" in q.text]
    assert qs and qs[0].speaker is not None


def test_who_after_what_a_named_person_is_stands_for_that_person() -> None:
    text = ("Ramon Alvarez regularly insults reporters and is a serial liar, rampant bully and braggart "
            "who has repeatedly pledged to ban all foreign journalists from the country.")
    (q,) = _cued(text, "pledged")
    assert "ban all foreign journalists" in q.text and text[q.start:q.end] == q.text
    assert "Alvarez" in (who(q) or "")
    text = "Marta Ilic is the harbour commissioner who ordered the northern ferry line closed last spring."
    (q,) = _cued(text, "ordered")
    assert "Ilic" in (who(q) or "")


def test_who_after_a_name_in_the_predicate_stays_with_the_name() -> None:
    text = "One such critic was Governor Tomas Reyes, who claimed the ferry levy was illegal."
    (q,) = _cued(text, "claimed")
    assert "Reyes" in (who(q) or "")


def test_a_question_put_to_you_reports_nothing_you_said() -> None:
    assert _cued("Do you support Mayor Ines Varga's plan to close the northern ferry line?", "support") == []
    assert _cued("If the levy passes, will you vote for the harbour commissioner again?", "vote") == []


def test_a_statement_about_what_you_think_is_still_a_statement() -> None:
    text = "“You think the ferry line is safe, but the engineers do not,” Councillor Marta Ilic told the board."
    assert any("ferry line is safe" in q.text for q in quotes_in(text))


def test_to_after_something_said_names_who_heard_it() -> None:
    text = "Councillor Marta Ilic's comments to the Harbour Gazette angered the ferry union on Monday."
    assert _cued(text, "comments") == []
    text = "Councillor Marta Ilic's opposition to the ferry levy surprised the union."
    (q,) = _cued(text, "opposition")
    assert q.text == "the ferry levy" and "Ilic" in (who(q) or "")
