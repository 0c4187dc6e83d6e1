"""Direct words inside reported clauses and quotations that run on: one statement per thing said,
every span an exact slice. Sentences written for these tests; names and events invented.
"""

from __future__ import annotations

from quoting import one, quotes_in


def test_a_clause_ending_inside_its_last_quotation_holds_it_whole() -> None:
    # The parser stops the clause before the full stop inside the closing mark; the quoted words
    # are still the clause's own, not a second statement by the same speaker.
    text = ("In her speech, Mayor Ines Varga argued that the harbour “is a shared asset” and that "
            "“no single town owns the coastline.”")
    quotes = quotes_in(text)
    q = one(quotes, "shared asset")
    assert text[q.start:q.end] == q.text and q.text.endswith("coastline.”")
    assert [text[a:b] for a, b in q.parts or []] == ["is a shared asset", "no single town owns the coastline."]
    assert not [o for o in quotes if o is not q and "coastline" in o.text]


def test_a_quotation_ending_its_sentence_is_not_attributed_by_the_next_sentence() -> None:
    # The full stop inside the closing mark ends the sentence; the cue after it reports something
    # else, and the quotation continues the speaker named before it.
    text = ("“It is a sad day,” Senator Ruth Calder told reporters outside a cafe in Dover. “This is what "
            "a campaign of insults produces. It has no place here.” Ohio Gov. Paul Ekwe said he would have "
            "fired the manager if it had happened in his campaign.")
    q = one(quotes_in(text), "sad day")
    assert q.speaker is not None and "Calder" in q.speaker.text
    assert [text[a:b] for a, b in q.parts or []] == [
        "It is a sad day", "This is what a campaign of insults produces. It has no place here."]


def test_a_cue_never_takes_its_subject_from_inside_a_quotation() -> None:
    # With no comma after a quotation the parser may hang "responded" on the quoted verb, giving
    # it the quoted subject ("Reyes"); the speaker is the editor named right before the verb.
    # The parse is built by hand so the test does not depend on a model's whims.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsloom.understand.quotes.cues import Cue
    from newsloom.understand.quotes.outside import subjects_outside

    words = ['"', "Reyes", "invited", "us", '"', "the", "editor", "Dana", "Holt", "responded", "."]
    heads = [2, 2, 2, 2, 2, 6, 2, 8, 6, 2, 2]
    deps = ["punct", "nsubj", "ROOT", "dobj", "punct", "det", "appos", "compound", "appos", "conj", "punct"]
    tags = ["``", "NNP", "VBD", "PRP", "''", "DT", "NN", "NNP", "NNP", "VBD", "."]
    pos = ["PUNCT", "PROPN", "VERB", "PRON", "PUNCT", "DET", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos,
              sent_starts=[True] + [False] * 10)
    verb = doc[9]
    cue = Cue(verb, "responded", verb.idx, verb.idx + 9, doc[1], None)
    subjects_outside([cue], [(doc[0].idx, doc[4].idx + 1)])
    assert cue.subject is not None and cue.subject.text == "Holt"


def test_a_quotation_opening_the_next_paragraph_joins_a_split_quotation() -> None:
    text = ("“I am in disbelief,” she said. “The letters keep coming from every state.”\n\n"
            "“Do not wait for the election to move here. Come now.”\n\nThe island has 90,000 people.")
    q = one(quotes_in(text), "disbelief")
    assert [text[a:b] for a, b in q.parts or []][-1] == "Do not wait for the election to move here. Come now."
    assert text[q.start:q.end] == q.text


def test_quoted_words_in_a_nested_clause_belong_to_the_speaker_quoted() -> None:
    # "voters would find it ..." is no statement by the voters: the marked words are the mayor's.
    text = ("Speaking later on the same show, Mayor Ines Varga said a lot of voters in her district "
            "would find it “very hard to forgive” the closure of the clinic.")
    q = one(quotes_in(text), "very hard to forgive")
    assert q.speaker is not None and "Varga" in q.speaker.text
    assert text[q.start:q.end] == q.text


def test_a_nested_speaker_named_by_a_pronoun_keeps_the_quoted_words() -> None:
    text = ("Sanders appeared to soften his line in March, when he told reporters that voters were "
            "“tired of hearing about the old scandals.”")
    q = one(quotes_in(text), "old scandals")
    assert q.speaker is not None and q.speaker.text == "he"
