"""The learned content/source step (data/lexicons/content_model.json): where the rules report
nothing, a verb or an owned noun, one of the contents it governs and its subject are scored as a
triple, and the best triple above the threshold is an indirect statement.

Sentences written for these tests; the people are invented.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsloom.understand.quotes import learned_content, lexicon
from newsloom.understand.quotes.learned_content import candidates, content_model
from quoting import pipeline, quotes_in

# A verb the lists lack, with an object as what the senator said.
SHARED = "Senator Dana Okafor aired her doubts about the new tariff plan on Tuesday."


def test_the_model_is_data_of_feature_names_and_floats() -> None:
    raw = json.loads(resources.files("newsloom").joinpath("data/lexicons/content_model.json").read_text("utf-8"))
    assert 0.0 < raw["threshold"] < 1.0 and isinstance(raw["bias"], float)
    assert raw["weights"] and all("=" in k or k == "neg" for k in raw["weights"])
    assert all(isinstance(w, float) for w in raw["weights"].values())
    assert content_model() is not None and content_model().threshold == raw["threshold"]


def test_candidates_are_exact_spans_inside_the_sentence_without_their_subject() -> None:
    text = "The governor praised the new bridge. Mayor Lena Fisk aired her doubts about the budget for schools."
    doc = pipeline()(text)
    found = candidates(doc, lexicon(), [])
    assert found, "a verb with a subject and a content gives candidates"
    for c in found:
        sent = c.verb.sent
        assert sent.start_char <= c.span[0] < c.span[1] <= sent.end_char
        assert not c.span[0] <= c.subject.idx < c.span[1]
        assert text[c.span[0]:c.span[1]].strip() == text[c.span[0]:c.span[1]]
        assert c.verb.lemma_ != "praise", "a listed verb keeps its own rules"
    obj = [c for c in found if c.shape == "obj"]
    assert obj and text[obj[0].span[0]:obj[0].span[1]] == "her doubts about the budget for schools"


def test_nothing_taken_is_a_candidate_again() -> None:
    doc = pipeline()(SHARED)
    assert candidates(doc, lexicon(), [])
    assert candidates(doc, lexicon(), [(0, len(SHARED))]) == []


def test_a_verb_the_rules_leave_gets_its_content_and_speaker() -> None:
    qs = quotes_in(SHARED)
    assert len(qs) == 1
    q = qs[0]
    assert q.kind == "indirect" and q.cue == "aired" and q.text == "her doubts about the new tariff plan"
    assert q.speaker is not None and "Okafor" in q.speaker.text
    assert SHARED[q.start:q.end] == q.text


def test_without_the_model_the_rules_alone_report_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned_content, "content_model", lambda: None)
    assert quotes_in(SHARED) == []


def test_no_statement_without_a_speaker() -> None:
    # A passive with no agent: whatever the model thinks of the verb, nobody is named.
    for q in quotes_in("Doubts about the new tariff plan were aired on Tuesday."):
        assert q.speaker is not None


def test_quoted_words_stay_with_the_rules() -> None:
    text = "“I share doubts about the new tariff plan,” Senator Dana Okafor said on Monday."
    qs = quotes_in(text)
    assert len(qs) == 1 and qs[0].kind == "direct" and qs[0].cue == "said"


@pytest.mark.parametrize(("text", "cue"), [
    ("Finance Minister Petra Lund announced her resignation on Monday after the vote.", "announced"),
    ("President Omar Adeyemi declared three days of national mourning for the victims.", "declared"),
    ("Mayor Tomas Reyes thanked the volunteers.", "thanked"),
])
def test_listed_verbs_leave_their_objects_to_the_speech_act_step(text: str, cue: str) -> None:
    # Verbs the hand lists know are no candidates of the model; their objects are speech acts
    # (speech_acts.py), one statement each, whatever the model would have scored.
    assert candidates(pipeline()(text), lexicon(), []) == []
    found = [q for q in quotes_in(text) if q.kind == "indirect"]
    assert len(found) == 1 and found[0].cue == cue and found[0].speaker is not None
