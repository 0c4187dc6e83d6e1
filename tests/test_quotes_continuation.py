"""Quotations that continue one attribution (PolNeAR joins them into one attribution with several
parts) and speakers of quotations whose cue the parser misses.

Sentences written for these tests; names and events invented.
"""

from __future__ import annotations

from quoting import one, quotes_in


def _parts(text: str, contains: str) -> list[str]:
    q = one(quotes_in(text), contains)
    assert q.parts is not None, q
    assert text[q.start:q.end] == q.text
    return [text[a:b] for a, b in q.parts]


def test_a_participle_in_the_attribution_does_not_split_the_quotation() -> None:
    text = ("“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Monday, referring to the "
            "flood of March. “The money is already there.”")
    assert _parts(text, "rebuild the bridge") == ["We will rebuild the bridge by spring",
                                                   "The money is already there."]


def test_a_question_put_to_the_speaker_does_not_split_the_quotation() -> None:
    text = ("“It was a fair offer,” the union leader Tomas Berg told reporters when asked whether the "
            "strike would go on. “We will vote on it Friday.”")
    assert _parts(text, "fair offer") == ["It was a fair offer", "We will vote on it Friday."]


def test_a_no_break_space_before_the_next_quotation_keeps_it_direct() -> None:
    text = "“The talks went well,” Mr. Ruiz said.\u00a0“We meet again in May.”"
    q = one(quotes_in(text), "talks went well")
    assert q.kind == "direct"
    assert [text[a:b] for a, b in q.parts or []] == ["The talks went well", "We meet again in May."]


def test_a_quotation_opening_the_next_paragraph_continues_the_attributed_one() -> None:
    text = ("The council needs members “who understand that a budget is a promise,” Ms. Ruiz said.\n\n"
            "“And that is why the vote on Tuesday matters so much to the town.”\n\n"
            "The vote is set for 6 p.m.")
    q = one(quotes_in(text), "who understand")
    assert q.speaker is not None and "Ruiz" in q.speaker.text
    assert [text[a:b] for a, b in q.parts or []][-1] == "And that is why the vote on Tuesday matters so much to the town."
