"""Companies and public bodies from the name-suggestion-index table, names the tagger calls people
that are businesses or places, and a leader's surname in the year before the term (own sentences)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import spacy

from newsloom.settings import Settings
from newsloom.understand.hygiene import is_business_name, is_place_name
from newsloom.understand.lexicon import dictionary_words, linking_lexicon
from newsloom.understand.nlp import build_nlp, make_docs

TABLE = Path(__file__).resolve().parents[1] / "src/newsloom/data/actors/wikidata/nsi.tsv.gz"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def link(nlp, text: str, published: str):
    (doc,) = nlp.pipe(make_docs(nlp, [text], [published]))
    return doc._.nl_mentions


def test_nsi_table_has_qids_kinds_and_a_source_on_every_row():
    lines = gzip.decompress(TABLE.read_bytes()).decode("utf-8").splitlines()
    assert lines[0].split("\t") == ["qid", "name", "aliases", "country", "kind", "source", "keys"]
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) >= 20_000
    assert all(r[0].startswith("Q") and r[5] == "osmlab/name-suggestion-index" for r in rows)
    assert {"company", "agency", "military", "university"} <= {r[4] for r in rows}


def test_a_bank_links_to_its_qid_and_a_dictionary_word_brand_does_not(nlp):
    ms = link(nlp, "Regulators fined Wells Fargo on Tuesday after an audit of its branches.", "2016-09-08")
    assert any(m.actor.wikidata == "Q744149" for m in ms if m.text == "Wells Fargo")
    ms = link(nlp, "The lawmakers in the House voted on the budget late on Friday.", "2016-09-08")
    # "House" is also a clothing brand in the table (one English word): never that brand here.
    assert not any(m.actor.wikidata == "Q9294202" for m in ms)


def test_a_one_word_brand_links_only_where_the_story_speaks_of_a_business(nlp):
    text = ("Google said on Monday it would appeal. The fine is the largest the regulator has imposed on "
            "Google, whose parent company reported higher earnings last week.")
    ms = link(nlp, text, "2017-05-01")
    # Both mentions, the one opening a sentence too, are the company (an English verb otherwise).
    assert [m.actor.wikidata for m in ms if m.text == "Google"] == ["Q95", "Q95"]
    ms = link(nlp, "SpaceX launched a rocket on Tuesday. SpaceX's chief executive said the company "
              "would try again while Japan watched.", "2017-05-01")
    assert {m.actor.wikidata for m in ms if m.text == "SpaceX"} == {"Q193701"}
    ms = link(nlp, "Amazon rainforest fires spread across Brazil on Friday, officials said.", "2019-08-20")
    assert not any(m.actor.wikidata == "Q3884" for m in ms)


def test_dictionary_words_come_from_the_lemmatizer_index(nlp):
    words = dictionary_words(nlp)
    assert {"house", "delta", "super"} <= words
    assert "well" in words and "cadillac" not in words
    assert dictionary_words(spacy.blank("en")) == frozenset()


def test_business_and_landform_names_are_not_people():
    lex = linking_lexicon()
    doc = spacy.blank("en")("Patriot Coal and Junge SVP met near Cape Erimo with Louis XIV and Anna Smith")
    assert is_business_name(lex, doc[0:2]) and is_business_name(lex, doc[3:5])
    assert is_place_name(lex, doc[7:9]) and not is_place_name(lex, doc[13:15])
    assert not is_business_name(lex, doc[10:12]) and not is_business_name(lex, doc[13:15])


def test_a_leaders_surname_links_in_the_campaign_year_but_not_a_decade_before(nlp):
    ms = link(nlp, "Trump told supporters in Ohio that the factories would come back.", "2016-10-20")
    assert any(m.actor.wikidata == "Q22686" for m in ms if m.text == "Trump")
    ms = link(nlp, "Trump told supporters in Ohio that the factories would come back.", "2006-10-20")
    assert not any(m.actor.wikidata == "Q22686" for m in ms if m.text == "Trump")


def test_an_adjective_glued_to_a_leaders_surname_in_a_headline_is_not_a_new_person(nlp):
    text = "Weary Obama and Clinton; Trump goes on offense\n\nObama spoke in Ohio on Monday about jobs."
    ms = link(nlp, text, "2016-09-22")
    assert not any(m.actor.name == "Weary Obama" for m in ms)
    assert {m.actor.wikidata for m in ms if m.text == "Obama"} <= {"Q76"}


def test_a_headline_repeated_as_the_first_line_is_still_a_headline(nlp):
    head = "Obama Set To Visit World's Largest Dam"
    text = f"{head}\n\n{head}\nThe president will tour the site on Tuesday, officials said."
    ms = link(nlp, text, "2018-02-06")
    assert not any(m.actor.type == "person" and len(m.text.split()) > 2 for m in ms)


def test_a_plural_title_is_no_part_of_the_name_and_a_middle_initial_links(nlp):
    text = "But Senators Charles E. Grassley and Patrick Leahy said other changes were needed on Monday."
    ms = link(nlp, text, "2016-03-01")
    assert not any(m.text.startswith("Senators") for m in ms)
    assert any(m.actor.wikidata == "Q529294" for m in ms if m.text == "Charles E. Grassley")
