"""A speech act's object that is a set formula ("said a prayer", "said goodbye") is no statement,
while "said the same of X" still is one."""

from __future__ import annotations

from tests.quoting import one, quotes_in


def test_a_formula_object_is_no_statement() -> None:
    text = ("The chaplain said a prayer for the flood victims at the opening. "
            "The coach said goodbye to the players on Monday.")
    assert [q.text for q in quotes_in(text)] == []


def test_said_the_same_of_someone_stays_a_statement() -> None:
    q = one(quotes_in("The senator said the same of the new trade envoy."), "the same of")
    assert q.speaker is not None and q.speaker.text == "The senator"
