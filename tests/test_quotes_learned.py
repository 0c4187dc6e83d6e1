"""Cues learned from annotated news (data/lexicons/learned_cues.yaml) extend the hand-made lists
without taking over what those lists decide.

Sentences written for these tests; the people are invented.
"""

from __future__ import annotations

from newsloom.understand.quotes import lexicon
from quoting import quotes_in, who


def test_learned_cues_are_merged_as_data() -> None:
    lex = lexicon()
    assert "liken" in lex.verbs and "liken" in lex.learned_only
    assert "to" in lex.content_preps("liken")
    assert "say" not in lex.learned_only  # the hand-made list keeps its own verbs


def test_a_learned_verb_reports_the_object_of_its_learned_preposition() -> None:
    text = "Senator Dana Okafor likened the new grain tariff to a tax on every family farm."
    q = next(q for q in quotes_in(text) if "tax on every family farm" in q.text)
    assert "Okafor" in (who(q) or "") and q.kind == "indirect"
    assert text[q.start:q.end] == q.text


def test_a_learned_verb_without_its_construction_attributes_no_quotation() -> None:
    text = ("Dana Okafor told the judges that the complaint filed by the rival firm presented "
            "\"a partial and misleading picture\" of the dispute.")
    q = next(q for q in quotes_in(text) if "misleading picture" in q.text)
    assert "Okafor" in (who(q) or "")
