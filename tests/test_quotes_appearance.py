"""What a writer infers about someone ("X appeared to ...", "Y seems to ...") is the writer's
reading of X, not X's words: "appear" and "seem" are never reporting cues."""

from __future__ import annotations

from tests.quoting import one, quotes_in


def test_appeared_to_is_not_the_subjects_statement() -> None:
    text = ("The senator appeared to retreat from her earlier plan on Tuesday. "
            "The governor seemed to lose interest in the bridge after the vote.")
    assert [q.text for q in quotes_in(text)] == []


def test_a_report_inside_appeared_to_still_counts() -> None:
    text = "The mayor appeared to tire of the dispute when she said the budget would be cut."
    quotes = quotes_in(text)
    assert not [q for q in quotes if q.cue in ("appeared", "appear")]
    q = one(quotes, "the budget would be cut")
    assert q.speaker is not None and q.speaker.text == "she"
