"""Actor linking rules, each with a case that must link and one that must not (own sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.settings import Settings
from newsloom.understand.kb import KnowledgeBase, fold, fold_words, load_kb
from newsloom.understand.nlp import build_nlp, make_docs
from newsloom.understand.persons import PersonResolver
from newsloom.understand.types import LinkedMention

EXTRA = Path(__file__).parent / "fixtures" / "understand_actors.yaml"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load(**{"actors.extra": [str(EXTRA)]}))


def link(nlp, text: str, published: str | None = "2024-05-15") -> list[LinkedMention]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], [published]))
    return doc._.nl_mentions


def find(mentions: list[LinkedMention], surface: str) -> list[LinkedMention]:
    return [m for m in mentions if m.text == surface]


def one(mentions: list[LinkedMention], surface: str) -> LinkedMention:
    found = find(mentions, surface)
    assert found, f"{surface!r} not linked; got {[(m.text, m.actor.name) for m in mentions]}"
    return found[0]


# -- knowledge base ----------------------------------------------------------------------------

def test_folding_makes_spellings_meet():
    assert fold("U.S.") == fold("US") == "us"
    assert fold_words("China\u2019s") == fold_words("China's") == ("china",)
    assert fold_words("the Kremlin") == ("kremlin",)
    assert fold_words("Thomas-Greenfield") == ("thomas", "greenfield")
    assert fold_words("São Tomé") == ("sao", "tome")


def test_extra_file_merges_by_id_and_adds_records():
    kb = load_kb((str(EXTRA),))
    finland = kb.get("Q33")
    assert finland is not None and finland.iso3 == "FIN"  # packaged fields kept
    assert "Suomi" in finland.aliases  # the extra alias merged in
    assert kb.lookup("Suomi")[0].record is finland
    assert kb.lookup("Ingrid Valtonen")[0].record.country == "FIN"


def test_same_id_later_keys_win_and_missing_keys_stay():
    kb = KnowledgeBase([
        {"id": "x1", "name": "Old Name", "type": "organization", "aliases": ["A1"], "kind": "agency"},
        {"id": "x1", "name": "New Name", "aliases": ["A2"], "country": "FRA"},
    ])
    rec = kb.get("x1")
    assert rec is not None
    assert (rec.name, rec.aliases, rec.country, rec.kind) == ("New Name", ["A2"], "FRA", "agency")
    assert kb.lookup("A2")[0].record is rec and not kb.lookup("A1")


def test_us_spellings_and_pronoun(nlp):
    ms = link(nlp, "The U.S. and the United States are one; US officials said it was fine by us.")
    usa = {m.text for m in ms if m.actor.country == "USA" and m.actor.type == "country"}
    assert {"U.S.", "United States", "US"} <= usa
    assert not find(ms, "us")  # a pronoun, not the country


def test_alias_the_tagger_missed(nlp):
    ms = link(nlp, "Leaders met at the summit, and NATO said the Kremlin had been warned.")
    assert one(ms, "NATO").actor.type == "organization"
    kremlin = one(ms, "Kremlin")
    assert kremlin.actor.name == "Russia" and kremlin.label == "metonymy"


# -- metonymy, places, demonyms ----------------------------------------------------------------

def test_capitals_as_actors_are_their_governments(nlp):
    ms = link(nlp, "Paris urged Berlin to back the plan, and Ottawa agreed on Monday.")
    assert one(ms, "Paris").actor.name == "France"
    assert one(ms, "Berlin").actor.name == "Germany"
    assert one(ms, "Berlin").label == "metonymy"
    assert one(ms, "Ottawa").actor.name == "Canada"


def test_capital_as_a_location_is_a_place(nlp):
    ms = link(nlp, "The two delegations held talks in Madrid for three hours.")
    madrid = one(ms, "Madrid")
    assert madrid.actor.type == "place" and madrid.actor.country == "ESP"


def test_city_that_is_not_a_capital_stays_a_place(nlp):
    ms = link(nlp, "The ministers later flew to Hamburg, where the port strike had ended.")
    hamburg = one(ms, "Hamburg")
    assert hamburg.actor.type == "place"
    assert hamburg.actor.name != "Germany"


def test_demonym_alone_links_to_its_country(nlp):
    ms = link(nlp, "Brazilian exports of soybeans rose sharply in the first quarter.")
    m = one(ms, "Brazilian")
    assert (m.actor.name, m.actor.type, m.label) == ("Brazil", "country", "demonym")


def test_demonym_with_role_noun_is_a_group_of_that_state(nlp):
    ms = link(nlp, "Japanese officials declined to comment, but the Mexican diplomat spoke.")
    group = one(ms, "Japanese officials")
    assert group.actor.name == "Japan" and group.affiliation.name == "Japan" and group.role == "officials"
    diplomat = one(ms, "Mexican diplomat")
    assert diplomat.affiliation.name == "Mexico" and diplomat.role == "diplomat"


def test_leader_government_is_the_state(nlp):
    ms = link(nlp, "Narendra Modi's government announced new tariffs on steel imports.")
    gov = [m for m in ms if m.text.endswith("government")]
    assert gov and gov[0].actor.name == "India" and gov[0].label == "metonymy"
    assert one(ms, "Narendra Modi").actor.wikidata == "Q1058"


def test_georgia_the_us_state(nlp):
    ms = link(nlp, "Georgia's governor signed the voting bill in Atlanta after the state senate passed it.")
    georgia = one(ms, "Georgia")
    assert georgia.actor.type == "place" and georgia.actor.country == "USA"


def test_georgia_the_country(nlp):
    ms = link(nlp, "Georgia accused Russia of moving border markers near South Ossetia, officials in Tbilisi said.")
    georgia = one(ms, "Georgia")
    assert georgia.actor.type == "country" and georgia.actor.country == "GEO"


# -- organisations -----------------------------------------------------------------------------

def test_country_foreign_ministry_links_to_that_state(nlp):
    ms = link(nlp, "Canada's Foreign Ministry summoned the envoy on Friday.")
    ministry = [m for m in ms if "Ministry" in m.text][0]
    assert ministry.actor.type == "organization" and ministry.actor.country == "CAN"
    assert ministry.affiliation is not None and ministry.affiliation.name == "Canada"


def test_demonym_ministry_is_synthesised_when_unknown(nlp):
    ms = link(nlp, "The Chilean Energy Ministry published new figures.")
    ministry = [m for m in ms if m.label == "ministry"][0]
    assert ministry.actor.name == "Ministry of Energy of Chile"
    assert ministry.actor.country == "CHL" and ministry.actor.wikidata is None


def test_extra_agency_speaks_for_its_state(nlp):
    ms = link(nlp, "The Nordic Grain Board cut its harvest forecast.")
    board = one(ms, "Nordic Grain Board")
    assert board.actor.id == "test:nordic-grain-board" and board.affiliation.name == "Finland"


# -- people ------------------------------------------------------------------------------------

def test_unknown_person_gets_stable_local_id(nlp):
    a = one(link(nlp, "Priya Raman, a port official, said the cranes were idle."), "Priya Raman")
    b = one(link(nlp, "Cargo volumes fell, Priya Raman told reporters."), "Priya Raman")
    assert a.actor.id == b.actor.id == "local:person:priya-raman"


def test_surname_links_back_within_the_document_only(nlp):
    ms = link(nlp, "Tomasz Wielgus chaired the meeting. Later, Wielgus said the vote would wait.")
    later = [m for m in ms if m.text == "Wielgus"]
    assert later and later[0].actor.id == "local:person:tomasz-wielgus" and later[0].label == "surname"
    other_doc = link(nlp, "Wielgus said the vote would wait.")
    assert all(m.actor.id != "local:person:tomasz-wielgus" for m in other_doc)


def test_surname_before_the_full_name_is_not_linked(nlp):
    ms = link(nlp, "Kowalczyk spoke first. Then Anna Nowak replied to Kowalczyk.")
    assert all(m.actor.id != "local:person:anna-nowak" or m.text == "Anna Nowak" for m in ms)


def test_kb_person_then_surname(nlp):
    ms = link(nlp, "Emmanuel Macron arrived late. Macron then left early.")
    ids = {m.actor.id for m in ms if m.text in ("Emmanuel Macron", "Macron")}
    assert ids == {"Q3052772"}


def test_fuzzy_spelling_resolves_to_kb_person(nlp):
    m = one(link(nlp, "Olaf Scholtz met the delegation in the morning."), "Olaf Scholtz")
    assert m.actor.wikidata == "Q61053"
    other = one(link(nlp, "Anna Scholz met the delegation in the morning."), "Anna Scholz")
    assert other.actor.id.startswith("local:person:")  # same surname, other given name


def test_fuzzy_thresholds():
    kb = KnowledgeBase([{"id": "p1", "name": "Volodymyr Zelenskyy", "type": "person",
                         "aliases": ["Volodymyr Zelensky"]}])
    people = PersonResolver(kb)
    assert people.fuzzy(("volodymyr", "zelenskiy")).id == "p1"  # surname ratio ~89
    assert people.fuzzy(("v", "zelenskyi")).id == "p1"  # an initial agrees
    assert people.fuzzy(("zelenskiy",)).id == "p1"  # long, unique surname alone
    assert people.fuzzy(("oleksandr", "zelenskyy")) is None  # another given name
    assert people.fuzzy(("volodymyr", "zelenko")) is None  # surname too far (ratio < 88)


def test_kb_person_by_extra_alias_gets_gender_and_affiliation(nlp):
    m = one(link(nlp, "Ingrid M. Valtonen said the border would stay open."), "Ingrid M. Valtonen")
    assert m.actor.id == "test:ingrid-valtonen" and m.gender == "f" and m.affiliation.name == "Finland"


def test_honorific_gives_gender_of_unknown_person(nlp):
    m = one(link(nlp, "Mrs. Halvorsen Brekke was re-elected to the board."), "Halvorsen Brekke")
    assert m.gender == "f"


def test_pronoun_after_an_unknown_person_hints_gender(nlp):
    ms = link(nlp, "Daniel Okonkwo opened the session. He then left for the airport.")
    assert one(ms, "Daniel Okonkwo").gender == "m"
    ms = link(nlp, "Daniel Okonkwo met Lena Okafor. She said the talks went well.")
    assert one(ms, "Daniel Okonkwo").gender is None  # another person stands between


def test_spelling_variants_across_documents_are_one_actor(nlp):
    texts = ["Volodymyr Zelensky spoke in Lviv.", "President Zelenskyy spoke in Lviv.",
             "Volodymyr Zelenskiy spoke in Lviv.", "Volodymyr Zelenskyy spoke in Lviv."]
    ids = set()
    for text in texts:
        people = [m for m in link(nlp, text) if m.actor.type == "person"]
        assert people, text
        ids.add(people[0].actor.id)
    assert ids == {"Q3874799"}
