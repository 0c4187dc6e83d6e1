"""Short and partial forms of names the document or the tables resolve: an organisation's last
or first words, the last words of a long personal name, a compound surname alone, a party acronym
of two states. Sentences are our own."""

from __future__ import annotations

import pytest

from newsloom.settings import Settings
from newsloom.understand.nlp import build_nlp, make_docs


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def _actors(nlp, text: str, published: str = "2016-06-01") -> dict[str, str]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], [published]))
    return {m.text: m.actor.id for m in doc._.nl_mentions}


def test_an_organisation_named_by_its_last_or_first_words_is_the_full_one(nlp):
    ids = _actors(nlp, "The Denver Ravens signed a new coach on Monday in Denver. The Ravens said the deal "
                       "runs through 2020, and fans of the Ravens cheered.")
    assert ids.get("Ravens") == ids.get("Denver Ravens") is not None
    # A common word before the short form makes no team of it ("Super PAC" is not the "PAC").
    ids = _actors(nlp, "A Super PAC paid for the advertisements. The PAC denied any coordination.")
    assert ids.get("PAC") != ids.get("Super PAC")


def test_the_last_words_of_a_long_name_are_that_person(nlp):
    ids = _actors(nlp, "Maria del Carmen Ortega addressed the assembly. Carmen Ortega said the budget "
                       "was fair.")
    assert ids.get("Carmen Ortega") == ids.get("Maria del Carmen Ortega")


def test_a_party_acronym_shared_by_two_states_links_where_the_story_names_one(nlp):
    text = "Voters in Switzerland backed the SVP on Sunday, and the SVP leader thanked the Swiss."
    (doc,) = nlp.pipe(make_docs(nlp, [text], ["2015-10-19"]))
    assert {m.actor.wikidata for m in doc._.nl_mentions if m.text == "SVP"} == {"Q385258"}


def test_a_compound_surname_alone_is_the_one_office_holder_of_that_surname(nlp):
    ids = _actors(nlp, "Wasserman Schultz told reporters the convention would open on time.", "2016-07-20")
    assert ids.get("Wasserman Schultz") == "Q50104"
    # A first name and a surname are not a compound surname, whoever has them as last words.
    ids = _actors(nlp, "Ann Smith told reporters the school would open on time.", "2016-07-20")
    assert not ids.get("Ann Smith", "local:").startswith("Q")


def test_an_acronym_after_a_youth_wing_name_is_the_party_not_a_person(nlp):
    text = ("The Junge SVP held a rally in Bern on Saturday. The SVP, Switzerland's largest party, said "
            "the SVP would campaign against the treaty.")
    (doc,) = nlp.pipe(make_docs(nlp, [text], ["2016-03-21"]))
    svp = {m.actor.type for m in doc._.nl_mentions if m.text == "SVP"}
    assert svp == {"organization"}


def test_a_group_variant_that_is_an_english_word_does_not_name_the_group(nlp):
    ids = _actors(nlp, "Engineers said the Falcon would fly again in March. The Falcon carried a satellite "
                       "for a weather agency.", "2018-02-06")
    assert "Falcon" in ids and ids["Falcon"] != "phoenix:shahin"
    ids = _actors(nlp, "Officials said the Taliban attacked a checkpoint near Kabul overnight.", "2016-08-25")
    assert ids.get("Taliban") == "phoenix:taliban"
