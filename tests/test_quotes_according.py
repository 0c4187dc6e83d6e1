"""Provenance of "according to" (issue 11, session 9, second round): a source phrase set inside
the clause it reports gives that clause as two exact parts without the phrase; and a source
described between commas ends at the description's closing comma even when the parser hangs
the rest of the sentence on it.

Sentences written for these tests; the people, groups and figures are invented.
"""

from __future__ import annotations

from newsloom.understand.quotes.finder import spoken_text
from quoting import one, quotes_in


def _true(text: str, q) -> None:
    assert text[q.start:q.end] == q.text
    for a, b in q.parts or []:
        assert q.start <= a < b <= q.end and text[a:b].strip() == text[a:b]
    if q.speaker is not None:
        assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_a_described_source_inside_the_clause_is_left_out_of_what_was_said() -> None:
    text = ("The plan, according to Maria Lenz, a spokeswoman for the transit authority, was never "
            "put to a vote.")
    q = one(quotes_in(text), "The plan")
    _true(text, q)
    assert q.parts is not None
    assert [text[a:b] for a, b in q.parts] == ["The plan", "was never put to a vote"]
    assert spoken_text(text, q) == "The plan was never put to a vote"
    assert not any("according" in text[a:b] or "spokeswoman" in text[a:b] for a, b in q.parts)


def test_a_long_subject_before_the_phrase_keeps_its_verb() -> None:
    # The longer side alone is only the clause's subject; the verb after the phrase belongs to it.
    text = "The cost of the new harbour bridge, according to the city's budget office, has doubled."
    q = one(quotes_in(text), "harbour bridge")
    _true(text, q)
    assert [text[a:b] for a, b in q.parts or []] == ["The cost of the new harbour bridge", "has doubled"]


def test_a_clause_before_the_phrase_is_one_part() -> None:
    text = "Turnout fell to a record low in the spring, according to the electoral commission."
    q = one(quotes_in(text), "Turnout")
    _true(text, q)
    assert q.text == "Turnout fell to a record low in the spring" and q.parts is None


def test_the_source_ends_at_its_description() -> None:
    text = ("Donations from teachers rose by a third this year, according to an analysis of filing "
            "data by Votewise, a nonpartisan tracking group, higher than in any year on record.")
    qs = quotes_in(text)
    q = one(qs, "Donations")
    _true(text, q)
    assert q.text == "Donations from teachers rose by a third this year"
    sources = [q.speaker.text for q in qs if q.speaker is not None]
    assert sources and not any("higher" in s or "record" in s for s in sources), sources


def test_a_citing_phrase_is_the_act_of_the_clause_subject_not_a_source() -> None:
    # What a subject cites is its evidence, not a speaker: the clause stays the subject's.
    text = ("The pilots' union called the senator a “true friend” of its members, citing her votes on "
            "airport funding.")
    quotes = quotes_in(text)
    assert quotes and all(q.speaker is not None and "union" in q.speaker.text for q in quotes)
    assert all(text[q.start:q.end] == q.text for q in quotes)


def test_a_citing_phrase_inside_a_reporting_clause_leaves_the_report_to_its_verb() -> None:
    text = ("The Ledger, citing two people familiar with the talks, reported that the merger would be "
            "announced on Friday.")
    q = one(quotes_in(text), "merger")
    assert q.speaker is not None and q.speaker.text == "The Ledger"
    assert q.text == "the merger would be announced on Friday"
