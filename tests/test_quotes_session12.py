"""Session 12 classes of wrong speakers, each found on PolNeAR: a person named as an example or
inside a clause of a group's phrase does not speak for the group ("some senators, including
<Name>"), and a quoted transcript whose turns each open with a quotation mark gives every
speaker's label its own turn.

Sentences written for these tests; the people and places are invented.
"""

from __future__ import annotations

from newsloom.understand.quotes.marks import find_quotations
from quoting import one, quotes_in


def test_a_person_named_as_an_example_does_not_speak_for_the_group() -> None:
    text = ("Several harbour councillors, including Councillor Mirela Dobrev of Varna, said the new "
            "ferry levy would drive families away from the coast.")
    q = one(quotes_in(text), "ferry levy")
    assert q.speaker is not None and q.speaker.text.startswith("Several harbour councillors")
    assert q.speaker.actor is None or "Dobrev" not in q.speaker.actor.name
    assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_a_person_heading_the_phrase_still_speaks() -> None:
    text = "Councillor Mirela Dobrev of Varna said the new ferry levy would drive families away."
    q = one(quotes_in(text), "ferry levy")
    assert q.speaker is not None and q.speaker.actor is not None and "Dobrev" in q.speaker.actor.name


_TRANSCRIPT = (
    "Partial transcript as follows:\n\n"
    "\"HOST: Let us begin with the harbour vote. Will the levy pass on Tuesday?\n\n"
    "\"DOBREV: I think it will. The councillors have read the figures and they know the ferries "
    "cannot run on goodwill.\n\n"
    "\"(CROSSTALK.)\n\n"
    "\"HOST: Then what happens to the night crossing?\n\n"
    "\"DOBREV: It stays. We said so in March and we meant it.\"\n"
)


def test_each_label_of_a_quoted_transcript_opens_its_own_turn() -> None:
    marks = find_quotations(_TRANSCRIPT)
    assert len(marks) == 4
    firsts = [_TRANSCRIPT[m.text_start:m.text_end].split(":")[0] for m in marks]
    assert firsts == ["HOST", "DOBREV", "HOST", "DOBREV"]
    # An unlabelled paragraph opening with a mark still continues the turn before it.
    assert "CROSSTALK" in _TRANSCRIPT[marks[1].start:marks[1].end]


def test_each_turn_of_a_quoted_transcript_is_its_speakers() -> None:
    quotes = quotes_in(_TRANSCRIPT)
    night = one(quotes, "night crossing")
    stays = one(quotes, "It stays")
    assert night.speaker is not None and night.speaker.text == "HOST"
    assert stays.speaker is not None and stays.speaker.text == "DOBREV"
    assert all(_TRANSCRIPT[q.start:q.end] == q.text for q in quotes)


_GENDER = ("Councillor Mirela Dobrev met the mayor on Monday, and he later told reporters that the "
           "ferry levy was settled. Mayor Ivo Petrov had opposed the levy for months.\n\n"
           "Dobrev said she would present the harbour figures on Friday. Dobrev added that she "
           "expected a close vote in the council.")


def test_a_persons_gender_is_the_vote_of_the_pronouns_after_every_mention() -> None:
    from quoting import pipeline

    doc = pipeline()(_GENDER)
    dobrev = [m for m in doc._.nl_mentions if "Dobrev" in m.text]
    assert dobrev and all(m.gender == "f" for m in dobrev)  # not "m" from the "he" after her first mention
    q = one(doc._.nl_quotes, "close vote")
    assert q.speaker is not None and q.speaker.actor is not None and "Dobrev" in q.speaker.actor.name


def test_a_speech_someone_delivered_speaks_through_them() -> None:
    text = ("The ferry levy is meant to pay for two new boats, according to a speech Mayor Ivo Petrov "
            "delivered in Varna on Monday.")
    q = one(quotes_in(text), "two new boats")
    assert q.speaker is not None and q.speaker.actor is not None and "Petrov" in q.speaker.actor.name
    assert text[q.speaker.start:q.speaker.end] == q.speaker.text
