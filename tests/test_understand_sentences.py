"""Sentence boundaries at line breaks (``newsloom_line_breaks`` before the parser)."""

from __future__ import annotations

import pytest

from newsloom.settings import Settings
from newsloom.understand.nlp import build_nlp, make_docs


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def sentences(nlp, text: str) -> list[str]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], [None]))
    return [s.text.strip() for s in doc.sents]


def test_component_runs_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("newsloom_line_breaks") < names.index("parser")


def test_title_line_is_its_own_sentence(nlp):
    sents = sentences(nlp, "Harbour cranes idle for a third day\nDock workers stayed home on Tuesday.")
    assert sents[-1] == "Dock workers stayed home on Tuesday."
    assert all("\n" not in s for s in sents)


def test_paragraph_break_always_starts_a_sentence(nlp):
    text = "The mayor spoke about the budget\n\nresidents asked about the bridge."
    assert sentences(nlp, text)[-1] == "residents asked about the bridge."


def test_lower_case_after_a_single_line_break_continues(nlp):
    sents = sentences(nlp, '"We will keep the ferry\nrunning all winter," the operator said.')
    assert len(sents) == 1


def test_quote_after_a_title_is_not_glued_to_it(nlp):
    sents = sentences(nlp, 'Ferry service extended\n"We will keep it running," the operator said.')
    assert sents[-1] == '"We will keep it running," the operator said.'
