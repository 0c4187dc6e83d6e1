"""Speakers the parse reaches through something else: a document issued in the sentence that
reports it (whoever issued it is the speaker, the document only how they said it), and a
dateline the parser hangs the speaker's name on.

Texts written for these tests; the people and bodies are invented.
"""

from __future__ import annotations

from quoting import one, quotes_in


def _exact(text: str, q) -> None:
    assert text[q.start:q.end] == q.text
    assert q.speaker is not None and text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_the_issuer_of_a_statement_in_the_same_sentence_is_the_speaker() -> None:
    text = ("The ferry company cancelled every crossing for a week.\n\n"
            "Governor Dana Okafor issued a statement saying the company had “let the islands down "
            "once again.”")
    q = one(quotes_in(text), "let the islands down")
    assert q.speaker is not None and "Okafor" in q.speaker.text
    assert q.speaker.actor is not None and "Okafor" in q.speaker.actor.name
    _exact(text, q)


def test_a_pronoun_issuer_speaks_for_the_person_it_stands_for() -> None:
    text = ("Governor Dana Okafor toured the flooded harbour on Monday.\n\n"
            "Hours later, she released a statement saying, “Every family on the islands will be "
            "housed before the winter comes.”")
    q = one(quotes_in(text), "Every family on the islands")
    assert q.speaker is not None and q.speaker.text == "she"
    assert q.speaker.actor is not None and "Okafor" in q.speaker.actor.name
    _exact(text, q)


def test_a_statement_in_its_own_sentence_stays_the_speaker() -> None:
    text = ("The harbour board issued a statement on Tuesday about the ferry.\n\n"
            "The statement said that crossings would resume within ten days.")
    q = one(quotes_in(text), "crossings would resume")
    assert q.speaker is not None and q.speaker.text == "The statement"


def test_a_relative_word_naming_the_document_does_not_replace_its_issuer() -> None:
    text = ("Senator Dana Okafor answered questions about her health on Friday.\n\n"
            "Okafor released a letter from her doctor that says she is in “excellent health” for her age.")
    q = one(quotes_in(text), "excellent health")
    assert q.speaker is not None and "Okafor" in q.speaker.text
    _exact(text, q)


def test_a_name_the_parser_hangs_on_the_dateline_is_the_speaker() -> None:
    text = ("Okafor Says Museum Will Tell of 'Storms and Hope.'\n\n"
            "WASHINGTON -- President Dana Okafor, dedicating the National Museum of Maritime History and "
            "Culture on Saturday, said it would tell an American story, one of ''storms and hope, of loss, "
            "but also of safe returns.''")
    q = one(quotes_in(text), "American story")
    assert q.speaker is not None and "Okafor" in q.speaker.text
    _exact(text, q)


def test_a_capitalised_title_before_a_name_in_apposition_gives_the_name() -> None:
    # "President" tagged as a proper noun heads the subject and the names hang on it in
    # apposition: one of the named people speaks, not the bare title.
    text = ("Protesters gathered outside the embassy on Thursday.\n\n"
            "Peru's President Marta Quispe and Foreign Minister Luis Ortega issued a statement on "
            "Friday condemning the attack on the embassy.\n")
    q = one(quotes_in(text), "the attack on the embassy")
    assert q.speaker is not None and q.speaker.text in ("Marta Quispe", "Luis Ortega")
    _exact(text, q)
