"""Roles and affiliations from titles before a name and appositions after it (own sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.settings import Settings
from newsloom.understand.nlp import build_nlp, make_docs

EXTRA = Path(__file__).parent / "fixtures" / "understand_actors.yaml"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load(**{"actors.extra": [str(EXTRA)]}))


def person(nlp, text: str, name: str):
    (doc,) = nlp.pipe(make_docs(nlp, [text], ["2024-05-15"]))
    for m in doc._.nl_mentions:
        if m.text == name:
            return doc, m
    raise AssertionError(f"{name!r} not found in {[m.text for m in doc._.nl_mentions]}")


@pytest.mark.parametrize(("text", "name", "role", "affiliation"), [
    ("French President Emmanuel Macron opened the fair on Monday.",
     "Emmanuel Macron", "President", "France"),
    ("Indian External Affairs Minister Subrahmanyam Jaishankar said the talks went well.",
     "Subrahmanyam Jaishankar", "External Affairs Minister", "India"),
    ("Mauro Vieira, Brazil's foreign minister, said the sanctions were unlawful.",
     "Mauro Vieira", "foreign minister", "Brazil"),
    ("Kenya's top diplomat Alfred Mutua visited the port.",
     "Alfred Mutua", "top diplomat", "Kenya"),
    ("The foreign minister of Brazil, Mauro Vieira, said the plan was fair.",
     "Mauro Vieira", "foreign minister", "Brazil"),
    ("Nadia Karimova, Uzbekistan's deputy permanent representative to the UN, took the floor.",
     "Nadia Karimova", "deputy permanent representative to the UN", "Uzbekistan"),
    ("Canadian Ambassador to the UN Bob Rae said the vote was close.",
     "Bob Rae", "Ambassador to the UN", "Canada"),
    ("Japan's Ambassador to the UN Kazuyuki Yamazaki said the vote was close.",
     "Kazuyuki Yamazaki", "Ambassador to the UN", "Japan"),
    ("Delegates included Ghana's President Nana Akufo-Addo, Peruvian President Dina Boluarte and "
     "Nepal's Prime Minister Pushpa Kamal Dahal.", "Dina Boluarte", "President", "Peru"),
])
def test_role_and_affiliation(nlp, text, name, role, affiliation):
    doc, m = person(nlp, text, name)
    assert m.role == role
    assert m.affiliation is not None and m.affiliation.name == affiliation
    # The role keeps its place in the text.
    assert doc.text[m.role_start:m.role_end] == role


def test_kb_person_without_stated_role_gets_kb_country(nlp):
    _, m = person(nlp, "Olaf Scholz spoke to reporters after the vote.", "Olaf Scholz")
    assert m.role is None and m.affiliation.name == "Germany"


def test_text_affiliation_beats_kb(nlp):
    # The text names the body the person speaks for here, not the country in the KB.
    _, m = person(nlp, "UN Secretary-General Antonio Guterres, speaking in Geneva, urged restraint.",
                  "Antonio Guterres")
    assert m.affiliation is not None and m.affiliation.type == "organization"


def test_no_role_noun_no_role(nlp):
    _, m = person(nlp, "Lena Okafor, who lives in Lagos, opened a bakery.", "Lena Okafor")
    assert m.role is None and m.affiliation is None


def test_affiliation_carries_to_later_mentions(nlp):
    doc, _ = person(nlp, "Chilean President Gabriel Boric spoke. Boric then left.", "Gabriel Boric")
    later = [m for m in doc._.nl_mentions if m.text == "Boric"]
    assert later and later[0].affiliation.name == "Chile"


def test_kb_person_speaks_for_the_body_of_their_office(nlp):
    # No title in the text: the office held in the publication year decides.
    (doc,) = nlp.pipe(make_docs(nlp, ["Antonio Guterres urged both sides to talk."], ["2024-05-15"]))
    m = [m for m in doc._.nl_mentions if m.text == "Antonio Guterres"][0]
    assert m.affiliation is not None and m.affiliation.name == "United Nations"


def test_spokesperson_for_a_body(nlp):
    _, m = person(nlp, "Ines Varga, a spokeswoman for the European Commission, declined to comment.",
                  "Ines Varga")
    assert m.role == "spokeswoman" and m.affiliation.name == "European Commission"


def test_unnamed_office_holder_resolves_by_year(nlp):
    text = "Brazil's foreign minister said the tariffs were unfair, and the French president agreed."
    (doc,) = nlp.pipe(make_docs(nlp, [text], ["2024-05-15"]))
    by_text = {m.text: m for m in doc._.nl_mentions}
    assert by_text["Brazil's foreign minister"].actor.name == "Mauro Vieira"
    assert by_text["French president"].actor.name == "Emmanuel Macron"
    assert by_text["French president"].affiliation.name == "France"
    # Without a publication date nobody is guessed; the state remains.
    (undated,) = nlp.pipe(make_docs(nlp, [text], [None]))
    assert {m.actor.type for m in undated._.nl_mentions} == {"country"}


def test_former_office_holder_is_not_the_incumbent(nlp):
    (doc,) = nlp.pipe(make_docs(nlp, ["The former French president criticised the plan."], ["2024-05-15"]))
    assert all(m.actor.type != "person" for m in doc._.nl_mentions)


def test_possessive_pronoun_is_not_part_of_the_role(nlp):
    _, m = person(nlp, "India sent Ajit Doval, its national security adviser, to the talks.", "Ajit Doval")
    assert m.role == "national security adviser"


def test_title_with_of_phrase_tagged_as_org(nlp):
    _, m = person(nlp, "Secretary of State Antony Blinken said the vote mattered.", "Antony Blinken")
    assert m.role == "Secretary of State" and m.affiliation.name == "United States"
