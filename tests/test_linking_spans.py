"""Corrections to the tagger's spans: datelines, common nouns, plural demonyms, units, documents
and publications (own sentences)."""

from __future__ import annotations

import pytest

from newsloom.settings import Settings
from newsloom.understand.nlp import build_nlp, make_docs
from newsloom.understand.types import LinkedMention


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def link(nlp, text: str) -> list[LinkedMention]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], ["2024-02-01"]))
    return doc._.nl_mentions


def test_dateline_is_a_place_not_an_actor(nlp):
    ms = link(nlp, "NAIROBI (Reuters) - Kenyan officials said on Monday the port would reopen.")
    first = ms[0]
    assert first.text == "NAIROBI" and first.actor.type == "place" and first.actor.name == "Nairobi"
    assert first.actor.country == "KEN"  # a capital keeps its state, but not as the state acting


def test_acronym_opening_a_paragraph_is_not_a_dateline(nlp):
    ms = link(nlp, "NATO, the military alliance, said it would send more jets.")
    assert ms[0].text == "NATO" and ms[0].actor.type == "organization"


def test_capitalised_common_noun_at_sentence_start_is_no_entity(nlp):
    ms = link(nlp, "The ports reopened.\n\nShips will sail along a route agreed by all parties.")
    assert not [m for m in ms if m.text == "Ships"]


def test_plural_demonym_is_not_a_person(nlp):
    ms = link(nlp, "Two of the Britons were released on Friday.")
    assert all(m.actor.type != "person" for m in ms)


def test_unit_named_before_its_head_noun(nlp):
    ms = link(nlp, "He said most of those freed belonged to the Azov regiment.")
    assert [m.actor.type for m in ms if "Azov" in m.text] == ["organization"]


def test_name_before_a_document_noun_is_not_a_person(nlp):
    ms = link(nlp, "It was a step back from the Bali declaration of 2022.")
    assert all(m.actor.type != "person" for m in ms)


def test_publication_told_is_not_a_person(nlp):
    ms = link(nlp, "One grain trader told Harbour Report that insurers were cautious.")
    assert all(m.actor.type != "person" for m in ms if "Report" in m.text)


def test_plural_proper_noun_is_not_a_person(nlp):
    ms = link(nlp, "The Steelers lost again on Sunday.")
    assert all(m.actor.type != "person" for m in ms)


def test_uncased_script_gives_no_tagger_entities(nlp):
    ms = link(nlp, "서울에서 회의가 열렸다. 그것은 중요한 일이었다.")
    assert not ms
