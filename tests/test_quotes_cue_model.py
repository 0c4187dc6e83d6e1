"""The learned reporting-cue detector (data/lexicons/cue_model.json): a verb the hand lists lack
reports what its clause says when the model scores it as a cue in that construction.

Sentences written for these tests; the people are invented.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

from newsloom.understand.quotes import lexicon
from newsloom.understand.quotes.learned import cue_model, features
from newsloom.understand.quotes.subjects import is_cue_verb
from quoting import pipeline, quotes_in

CLAUSE = "Senator Dana Okafor envisioned that the new grain tariff would hurt every family farm."


def _verb(text: str, word: str):
    return next(t for t in pipeline()(text) if t.text == word)


def test_the_model_is_data_of_feature_names_and_floats() -> None:
    raw = json.loads(resources.files("newsloom").joinpath("data/lexicons/cue_model.json").read_text("utf-8"))
    assert 0.0 < raw["threshold"] < 1.0 and isinstance(raw["bias"], float)
    prefixes = ("l=", "t=", "d=", "hp=", "hd=", "c=", "s=", "p=", "k=", "neg", "inq")
    assert raw["weights"] and all(k.startswith(prefixes) for k in raw["weights"])
    assert all(isinstance(w, float) for w in raw["weights"].values())
    assert lexicon().cue_model is cue_model()


def test_a_verb_the_lists_lack_with_a_clause_becomes_a_statement() -> None:
    assert "envision" not in lexicon().verbs
    q = next(q for q in quotes_in(CLAUSE) if "grain tariff" in q.text)
    assert q.kind == "indirect" and q.cue == "envisioned"
    assert q.speaker is not None and "Okafor" in q.speaker.text
    assert q.text == "the new grain tariff would hurt every family farm"
    assert CLAUSE[q.start:q.end] == q.text


def test_without_the_model_the_same_verb_is_no_cue() -> None:
    lex = lexicon()
    verb = _verb(CLAUSE, "envisioned")
    assert is_cue_verb(verb, lex)
    assert not is_cue_verb(verb, dataclasses.replace(lex, cue_model=None))


def test_structure_weighs_a_clause_over_a_plain_object() -> None:
    model = cue_model()
    with_clause = _verb(CLAUSE, "envisioned")
    with_object = _verb("Senator Dana Okafor envisioned a new grain tariff.", "envisioned")
    assert "s=clause:that" in features(with_clause) and "s=obj" in features(with_object)
    assert model.score(with_clause) > model.score(with_object)


def test_a_learned_cue_without_a_clause_attributes_nothing() -> None:
    # The model may call the verb a cue, but an object alone is not what was said here.
    assert quotes_in("Mayor Tomas Reyes remembered the flood of the spring before.") == []
