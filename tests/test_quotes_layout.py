"""Attributions written by layout: a headline naming its speaker before a colon.

Texts written for these tests; the people are invented.
"""

from __future__ import annotations

from quoting import quotes_in, who

BODY = ("\n\nSenator Dana Okafor spoke to farmers in a small town on Monday. "
        "Okafor said the grain tariffs had hurt exporters for two years.")


def test_a_headline_names_its_speaker_before_the_colon() -> None:
    text = "Okafor: ‘The Tariffs Have Failed Our Farmers.’" + BODY
    q = next(q for q in quotes_in(text) if "Tariffs Have Failed" in q.text)
    assert "Okafor" in (who(q) or "")
    assert text[q.start:q.end] == q.text


def test_a_question_or_a_label_that_is_no_person_speaks_nothing() -> None:
    for head in ("Okafor: Hero or Villain of the Grain Belt?", "The Latest: Tariffs Hurt Our Farmers."):
        text = head + BODY
        first = text.split("\n", 1)[0]
        assert not [q for q in quotes_in(text) if q.start < len(first)], head


def test_an_abbreviated_title_after_a_quotation_ends_no_sentence() -> None:
    text = ("The mayor spoke at the opening of the new bridge.\n\n"
            "“We get tired of long meetings and worry about small budgets; we are shocked and saddened "
            "by the noise of the trucks or the trains,” Mr. Okafor said. Then he cut the ribbon.")
    q = next(q for q in quotes_in(text) if "trucks or the trains" in q.text)
    assert "Okafor" in (who(q) or "")


def test_a_quoted_show_title_in_prose_is_no_quotation() -> None:
    text = ("Senator Dana Okafor appeared on “Meet the Press” on Sunday and talked about grain. "
            "“The tariffs have failed our farmers,” Okafor said.")
    quotes = quotes_in(text)
    assert not [q for q in quotes if q.text.startswith("Meet the Press")]
    assert [q for q in quotes if "tariffs have failed" in q.text]


def test_a_furniture_label_is_no_transcript_speaker() -> None:
    text = ("BYLINE: Dana Okafor.\n\nThe council voted on Tuesday to close the harbour road for repairs.\n\n"
            "UPDATE: The vote was postponed until the next meeting of the board.\n\n"
            "HOST: Were you surprised by the result of the vote tonight?")
    quotes = quotes_in(text)
    assert not [q for q in quotes if q.speaker is not None and q.speaker.text in ("BYLINE", "UPDATE")]
    host = next(q for q in quotes if "surprised" in q.text)
    assert host.speaker is not None and host.speaker.text == "HOST"


def test_a_headline_summary_without_marks_is_reported_speech() -> None:
    # "Name: words" is the desk's short version of what was said; quoted, it is the words themselves.
    for head, kind in (("Okafor: Grain Tariffs Have Failed Our Farmers", "indirect"),
                       ("Okafor: 'The Tariffs Have Failed Our Farmers.'", "direct")):
        text = head + BODY
        q = next(q for q in quotes_in(text) if "Tariffs Have Failed" in q.text)
        assert "Okafor" in (who(q) or "")
        assert q.kind == kind, head
        assert text[q.start:q.end] == q.text


def test_a_transcript_line_stays_the_words_as_spoken() -> None:
    text = ("The senator took questions after the vote.\n\n"
            "HOST: Were you surprised by the result of the vote tonight?\n\n"
            "OKAFOR: Not at all, we counted the votes for weeks before the session.")
    q = next(q for q in quotes_in(text) if "counted the votes" in q.text)
    assert q.speaker is not None and q.speaker.text == "OKAFOR"
    assert q.kind == "direct"
