"""Session 10 classes of indirect attribution, each found on PolNeAR train: an object-speaker verb
without "as saying" reports its object ("cited a new poll"), feelings and views named by the
object of "express"/"voice"/"claim"/"predict"/"offer" are the subject's, two words with an owner or an
infinitive say enough, and views stated with an adjective or an owned noun before a copula are
the subject's.

Sentences written for these tests; the people and places are invented.
"""

from __future__ import annotations

from newsloom.understand.quotes import lexicon
from quoting import quotes_in, who


def _by_cue(text: str, word: str):
    return next(q for q in quotes_in(text) if q.cue and q.cue.startswith(word))


def test_cited_without_as_saying_reports_the_object_of_the_subject() -> None:
    text = "Senator Lena Whitfield cited a new survey of harbour workers in her closing remarks on Friday."
    q = _by_cue(text, "cited")
    assert "survey of harbour workers" in q.text and text[q.start:q.end] == q.text
    assert "Whitfield" in (who(q) or "")


def test_cited_as_saying_still_names_the_object_as_speaker() -> None:
    text = "The Harbour Gazette cited Mayor Ines Varga as saying that the levy would be dropped."
    q = _by_cue(text, "cited")
    assert "levy would be dropped" in q.text and "Varga" in (who(q) or "")


def test_an_expressed_feeling_is_the_subjects_statement() -> None:
    text = ("Governor Tomas Reyes expressed dismay at the decision to close the northern ferry line, "
            "and the union voiced support for the striking crews.")
    q = _by_cue(text, "expressed")
    assert q.text.startswith("dismay at the decision") and text[q.start:q.end] == q.text
    assert "Reyes" in (who(q) or "")
    assert {"express", "voice", "claim", "predict", "offer", "share"} <= lexicon().object_content


def test_an_offered_view_is_the_subjects_and_a_bare_offer_is_nothing() -> None:
    text = "Councillor Marta Ilic offered some pointed advice to the harbour board on Monday."
    q = _by_cue(text, "offered")
    assert q.text.startswith("some pointed advice") and "Ilic" in (who(q) or "")
    assert text[q.start:q.end] == q.text
    assert not any(q.cue and q.cue.startswith("offered") for q in quotes_in("The board offered."))


def test_two_words_with_an_owner_or_an_infinitive_say_enough() -> None:
    text = ("Councillor Marta Ilic denounced Reyes's remarks on Monday. "
            "A spokesman for the harbour authority declined to comment.")
    qs = quotes_in(text)
    denounced = next(q for q in qs if q.cue and q.cue.startswith("denounced"))
    assert denounced.text == "Reyes's remarks" and "Ilic" in (who(denounced) or "")
    declined = next(q for q in qs if q.cue and q.cue.startswith("declined"))
    assert declined.text == "to comment" and declined.negated
    for q in (denounced, declined):
        assert text[q.start:q.end] == q.text


def test_two_words_with_an_article_say_enough_only_as_a_speech_act() -> None:
    # Praising is a speech act (issue 11's convention, speech_acts.py): its object is a statement
    # however short; a reported clause of two words still says nothing.
    text = "Governor Tomas Reyes praised the engineers after the bridge reopened."
    (q,) = [q for q in quotes_in(text) if q.cue and q.cue.startswith("praised")]
    assert q.text == "the engineers" and text[q.start:q.end] == q.text
    assert not any(q.cue == "said" for q in quotes_in("Governor Tomas Reyes said so."))


def test_a_participle_completing_an_object_or_adjective_takes_the_verbs_subject() -> None:
    text = ("The harbour workers' union took the unusual step of criticizing the port authority's "
            "new shift rules.")
    q = _by_cue(text, "criticizing")
    assert "shift rules" in q.text and text[q.start:q.end] == q.text
    assert "union" in (who(q) or "")


def test_those_surveyed_speak_as_their_own_words() -> None:
    text = "In the harbour poll, those surveyed said the night ferry should not be cut."
    q = _by_cue(text, "said")
    assert q.text == "the night ferry should not be cut" and q.speaker is not None
    assert q.speaker.text.startswith("those") and q.speaker.actor is None
    assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_a_view_stated_with_an_adjective_is_the_subjects() -> None:
    text = ("Councillor Marta Ilic is confident that the night ferry will run again in May. "
            "The union has been critical of the new shift rules. It is clear that the port needs money.")
    qs = quotes_in(text)
    confident = next(q for q in qs if q.cue == "confident")
    assert confident.text == "the night ferry will run again in May" and "Ilic" in (who(confident) or "")
    critical = next(q for q in qs if q.cue == "critical")
    assert critical.text == "the new shift rules" and "union" in (who(critical) or "")
    assert not any("port needs money" in q.text for q in qs)
    for q in (confident, critical):
        assert text[q.start:q.end] == q.text
    assert {"aware", "confident", "critical"} <= lexicon().predicate_adjectives


def test_an_owned_statement_noun_before_a_copula_states_the_clause() -> None:
    text = "Asked about the levy, Ilic's answer was that the harbour could not afford another year of losses."
    q = next(q for q in quotes_in(text) if q.cue and q.cue.startswith("answer"))
    assert q.text == "the harbour could not afford another year of losses" and text[q.start:q.end] == q.text
    assert "Ilic" in (who(q) or "")


def test_a_phrasal_cue_reports_its_object() -> None:
    text = "The harbour union also points out some other figures about the night ferry's losses."
    q = _by_cue(text, "points out")
    assert q.text.startswith("some other figures") and text[q.start:q.end] == q.text
    assert "union" in (who(q) or "")
