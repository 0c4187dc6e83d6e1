"""Session 12 recall classes, each counted on PolNeAR train: attributions a reader marks that the
cue rules left without content.

Sentences written for these tests; the people and places are invented.
"""

from __future__ import annotations

from quoting import quotes_in, who


def _cued(text: str, word: str) -> list:
    return [q for q in quotes_in(text) if q.cue and q.cue.lower().startswith(word)]


def _said(q) -> str:
    """What the speaker said: the parts of a split statement, else its text."""
    return " ".join(q.text[a - q.start:b - q.start] for a, b in q.parts) if q.parts else q.text


def test_a_participle_before_the_noun_is_part_of_what_is_called_for() -> None:
    text = "Senator Ines Varga called for increased ferry subsidies on the northern coast."
    (q,) = _cued(text, "called")
    assert q.text == "increased ferry subsidies on the northern coast"
    assert "Varga" in (who(q) or "")


def test_an_inner_condition_keeps_its_if() -> None:
    text = "Mayor Tomas Reyes said that, if elected, he would reopen the harbour school."
    (q,) = _cued(text, "said")
    assert q.text.startswith("if elected") and "reopen the harbour school" in q.text


def test_a_clause_subject_taken_for_an_object_goes_back_to_the_clause() -> None:
    text = "The Varga campaign has said single parents and retired fishermen would qualify for the rebate."
    (q,) = _cued(text, "said")
    assert q.text.startswith("single parents and retired fishermen would qualify")


def test_a_clause_without_its_subject_is_still_no_statement() -> None:
    assert _cued("What the mayor said was a draft.", "said") == []


def test_an_attribution_set_off_by_commas_reports_the_rest_of_the_sentence() -> None:
    text = "The ferry levy will fund two new boats, Mayor Tomas Reyes told the harbour council on Monday."
    (q,) = _cued(text, "told")
    assert q.text == "The ferry levy will fund two new boats"
    assert "Reyes" in (who(q) or "")
    text = "The harbour permit, her campaign said, had been hard to obtain."
    (q,) = _cued(text, "said")
    assert "harbour permit" in _said(q) and "hard to obtain" in _said(q) and "campaign" not in _said(q)
    assert text[q.start:q.end] == q.text


def test_as_someone_said_reports_the_clause_it_is_set_in() -> None:
    text = "The ferry numbers fell over the summer, as Senator Ines Varga has acknowledged."
    (q,) = _cued(text, "acknowledged")
    assert q.text == "The ferry numbers fell over the summer"
    assert "Varga" in (who(q) or "")


def test_a_time_before_the_saying_is_not_what_was_said() -> None:
    text = "When the mayor arrived at the pier, she said nothing at all."
    assert not [q for q in quotes_in(text) if "arrived at the pier" in q.text]


def test_a_quotation_before_the_attribution_stays_direct() -> None:
    text = "“We will reopen the line,” Mayor Tomas Reyes said."
    (q,) = quotes_in(text)
    assert q.kind == "direct" and "Reyes" in (who(q) or "")


def test_acts_of_comparison_and_emphasis_report_their_object() -> None:
    text = "Senator Ines Varga compared the ferry levy to a toll on every fisherman."
    (q,) = _cued(text, "compared")
    assert "ferry levy" in q.text and "Varga" in (who(q) or "")
    text = "Mayor Tomas Reyes downplayed the risk of flooding in the harbour district."
    (q,) = _cued(text, "downplayed")
    assert "risk of flooding" in q.text


def test_linking_states_a_tie_only_with_what_is_tied() -> None:
    text = "Senator Ines Varga linked the ferry closures to the levy passed last spring."
    (q,) = _cued(text, "linked")
    assert q.text.startswith("the ferry closures to the levy")
    assert _cued("Protesters linked arms outside the harbour office.", "linked") == []


def test_a_passive_stance_is_its_agents() -> None:
    text = "Senator Ines Varga has been endorsed by three regional newspapers and the ferry union."
    (q,) = _cued(text, "endorsed")
    assert q.text == "Senator Ines Varga"
    assert "newspapers" in (who(q) or "")


def test_a_report_set_against_another_by_while_is_its_own() -> None:
    text = ("Among harbour voters, 74 percent said they would back the ferry levy, while 22 percent "
            "said they might change their minds.")
    qs = [q for q in quotes_in(text) if q.cue == "said"]
    assert [q.text for q in qs] == ["they would back the ferry levy", "they might change their minds"]
    text = ("The harbour poll found that, while 37 percent of voters say the levy is fair, "
            "22 percent say it is not.")
    (q,) = _cued(text, "found")
    assert "37 percent" in q.text and "22 percent" in q.text


def test_a_passive_of_asking_names_who_was_asked_not_what_was_said() -> None:
    text = "Senator Ines Varga was asked by a radio host about the ferry levy."
    assert not [q for q in quotes_in(text) if q.text == "Senator Ines Varga"]
