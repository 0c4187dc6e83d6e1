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


def _parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str], pos: list[str]):
    """A parse as the small model sometimes gives it, written out so the test does not depend on it."""
    import spacy
    from spacy.tokens import Doc

    lemmas = [w.lower() if w.lower() != "said" else "say" for w in words]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas,
              sent_starts=[True] + [False] * (len(words) - 1))
    return doc


def test_a_reporting_verb_left_without_subject_takes_the_name_after_it() -> None:
    from newsloom.understand.quotes.cues import verb_cues
    from newsloom.understand.quotes.lexicon import lexicon

    # “It is over,” said Dana Ortiz, ... with "Ortiz" hung on a later verb by the parser.
    doc = _parsed(["“", "It", "is", "over", ",", "”", "said", "Dana", "Ortiz", "Correct", "."],
                  [6, 2, 6, 2, 6, 6, 6, 8, 9, 6, 6],
                  ["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "ROOT", "compound", "nsubj", "ccomp", "punct"],
                  ["``", "PRP", "VBZ", "RB", ",", "''", "VBD", "NNP", "NNP", "NNP", "."],
                  ["PUNCT", "PRON", "AUX", "ADV", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PROPN", "PUNCT"])
    cues = verb_cues(next(iter(doc.sents)), lexicon(), doc.text)
    said = next(c for c in cues if c.anchor.text == "said")
    assert said.subject is not None and said.subject.text == "Ortiz"


def test_a_reporting_verb_left_without_subject_takes_the_name_before_it() -> None:
    from newsloom.understand.quotes.cues import verb_cues
    from newsloom.understand.quotes.lexicon import lexicon

    # In a statement, her adviser, Jo Lind, said: “…” with the name hung on "statement".
    doc = _parsed(["In", "a", "statement", ",", "Jo", "Lind", ",", "said", ":", "“", "We", "agree", ".", "”"],
                  [7, 2, 0, 2, 5, 2, 2, 7, 7, 7, 11, 7, 7, 7],
                  ["prep", "det", "pobj", "punct", "compound", "appos", "punct", "ROOT", "punct", "punct", "nsubj",
                   "ccomp", "punct", "punct"],
                  ["IN", "DT", "NN", ",", "NNP", "NNP", ",", "VBD", ":", "``", "PRP", "VBP", ".", "''"],
                  ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "PUNCT", "PUNCT", "PRON", "VERB",
                   "PUNCT", "PUNCT"])
    cues = verb_cues(next(iter(doc.sents)), lexicon(), doc.text)
    said = next(c for c in cues if c.anchor.text == "said")
    assert said.subject is not None and said.subject.text == "Lind"


def test_a_negated_reporting_verb_keeps_its_statement_as_negated() -> None:
    text = ("Senator Ana Ruiz did not say whether she would run for a third term. "
            "Her aide, Tomas Berg, said the decision would come in May.")
    quotes = quotes_in(text)
    q = one(quotes, "run for a third term")
    assert q.negated and q.speaker is not None and "Ruiz" in q.speaker.text
    assert not one(quotes, "decision would come in May").negated


def test_a_relative_clause_of_place_reports_a_statement() -> None:
    text = "Mayor Ana Ruiz gave a speech on Sunday in which she declared, “The river belongs to the town again.”"
    q = one(quotes_in(text), "The river belongs")
    assert q.speaker is not None and q.speaker.text == "she"


def test_a_paragraph_ending_in_a_colon_introduces_the_quotation_after_it() -> None:
    text = ("As Mayor Ana Ruiz observed after the meeting, the real winner of the night was the town "
            "itself:\n\n“Nobody here lost anything tonight, and the bridge will be built.”\n\nThe vote was 7-2.")
    q = one(quotes_in(text), "Nobody here lost")
    assert q.speaker is not None and "Ruiz" in q.speaker.text
