"""Title Case headlines are parsed as sentences (understand/headline.py), every offset unchanged."""

from __future__ import annotations

from collections import Counter

from newsloom.settings import Settings
from newsloom.understand.headline import recase
from newsloom.understand.nlp import build_nlp

TEXT = ("Mayor Lena Okafor Warns Council Budget Cuts Would Close Three Libraries\n"
        "Mayor Lena Okafor told the council on Monday that the plan would hurt readers. "
        "The Council meets again in March.")


def test_recase_keeps_length_first_word_acronyms_and_the_body_names() -> None:
    names = Counter({"okafor": 2, "lena": 2, "council": 1, "warns": -1})
    line = "Mayor Lena Okafor Warns Council, GOP Says Budget Cuts Will Close Libraries"
    out = recase(line, names)
    assert out is not None and len(out) == len(line)
    assert out == "Mayor Lena Okafor warns Council, GOP says budget cuts will close libraries"
    assert recase("Budget cuts will close libraries, the mayor says", Counter()) is None


def test_title_case_headline_gets_its_verb_and_speaker() -> None:
    nlp = build_nlp(Settings.load())
    doc = nlp(TEXT)
    warns = next(t for t in doc if t.text == "Warns")
    assert warns.pos_ == "VERB" and warns.head == warns  # the headline's own root, not a name
    heads = [q for q in doc._.nl_quotes if q.start < TEXT.index("\n")]
    assert heads and heads[0].speaker is not None and "Okafor" in heads[0].speaker.text
    for q in doc._.nl_quotes:
        assert TEXT[q.start:q.end] == q.text
        assert TEXT[q.speaker.start:q.speaker.end] == q.speaker.text
    assert doc.text == TEXT
    # The body keeps the parse spaCy gave it.
    assert next(t for t in doc if t.text == "told").dep_ == "ROOT"


def test_a_sentence_first_line_is_left_as_parsed() -> None:
    nlp = build_nlp(Settings.load())
    text = ("It was announced by the Norwegian Nobel Committee that Prime Minister Abiy Ahmed won the prize.\n"
            "The committee said so on Friday.")
    with nlp.select_pipes(disable=["newsloom_headline"]):
        plain = nlp(text)
    doc = nlp(text)
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [(t.tag_, t.dep_, t.head.i) for t in plain]
