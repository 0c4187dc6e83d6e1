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
