"""Stances: a verb whose object is what a position is taken toward ("endorsed <Name>", "opposed
the levy", "backed her") reports that object as a statement flagged ``stance``; an act done to
a thing that is no speech ("adopted a budget", "signed the accord") reports nothing, while a speech
act's object is a statement (``test_quotes_speech_acts.py``: "announced his resignation").

Sentences written for these tests; the people and places are invented.
"""

from __future__ import annotations

from newsloom.understand.quotes import lexicon
from quoting import quotes_in, who


def test_stance_verbs_are_data_and_report_their_object() -> None:
    lex = lexicon()
    assert {"endorse", "oppose", "congratulate", "favor"} <= lex.stance_verbs
    assert lex.stance_verbs <= lex.verbs and lex.stance_verbs <= lex.object_content
    # Acts on a thing are not positions.
    assert not {"announce", "issue", "adopt", "sign"} & lex.stance_verbs


def test_a_stance_verb_with_an_object_gives_a_stance_with_true_spans() -> None:
    text = ("Mayor Ines Varga on Monday endorsed Marcus Hale for the open council seat, weeks after "
            "she opposed the new harbour levy.")
    qs = quotes_in(text)
    endorsed = next(q for q in qs if q.cue and q.cue.startswith("endorsed"))
    assert endorsed.stance and endorsed.kind == "indirect" and "Marcus Hale" in endorsed.text
    assert "Varga" in (who(endorsed) or "")
    opposed = next(q for q in qs if q.cue and q.cue.startswith("opposed"))
    assert opposed.stance and opposed.text == "the new harbour levy"
    for q in (endorsed, opposed):
        assert text[q.start:q.end] == q.text
        assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    assert endorsed.as_dict()["stance"] is True


def test_a_stance_toward_someone_named_by_a_pronoun_counts() -> None:
    text = "Rosa Delgado lost the primary in May. The farmers' union congratulated her on a close race."
    q = next(q for q in quotes_in(text) if q.cue and q.cue.startswith("congratulated"))
    assert q.stance and text[q.start:q.end] == q.text and q.text.startswith("her")


def test_an_act_on_a_thing_is_no_statement() -> None:
    text = ("The harbour master, Tomas Reyes, announced his resignation on Friday. The council "
            "adopted a new budget and the governor signed the accord with the fishing cooperative.")
    qs = quotes_in(text)
    assert not any("budget" in q.text or "accord" in q.text for q in qs), qs
    # Announcing is a speech act (issue 11's convention): what was announced is a statement, no stance.
    (announced,) = [q for q in qs if "resignation" in q.text]
    assert announced.cue == "announced" and not announced.stance


def test_a_said_clause_is_no_stance() -> None:
    text = "Ines Varga said that the harbour levy would double the cost of every landing."
    (q,) = quotes_in(text)
    assert not q.stance and "stance" not in q.as_dict()
