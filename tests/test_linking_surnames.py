"""Lone surnames of leaders, descriptors before names, and names that are not people (own sentences)."""

from __future__ import annotations

import pytest

from newsloom.settings import Settings
from newsloom.understand.kb import KnowledgeBase
from newsloom.understand.nlp import build_nlp, make_docs
from newsloom.understand.persons import PersonResolver
from newsloom.understand.types import LinkedMention


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def link(nlp, text: str, published: str | None = "2025-03-10") -> list[LinkedMention]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], [published]))
    return doc._.nl_mentions


def at(mentions: list[LinkedMention], surface: str) -> list[LinkedMention]:
    return [m for m in mentions if m.text == surface]


# -- leaders cited by surname alone --------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "wikidata"), [
    ("Putin rejected the proposal on Monday.", "Putin", "Q7747"),
    ("Trump told reporters the deal was close.", "Trump", "Q22686"),
    ("Macron flew to Warsaw for a day of meetings.", "Macron", "Q3052772"),
    ("Xi received the delegation in the afternoon.", "Xi", "Q15031"),  # family name first
])
def test_leader_surname_without_full_name(nlp, text, surface, wikidata):
    found = at(link(nlp, text), surface)
    assert found and found[0].actor.wikidata == wikidata and found[0].label == "surname"


def test_leader_surname_depends_on_the_article_year(nlp):
    # Trump held no office in 2022; the surname alone then stays an unknown person.
    found = at(link(nlp, "Trump told reporters the deal was close.", "2022-06-01"), "Trump")
    assert not found or not found[0].actor.id.startswith("Q")


def test_leader_surname_recurs_after_first_link(nlp):
    ms = link(nlp, "Putin spoke for an hour. The speech, Putin added later, was final.")
    assert {m.actor.wikidata for m in at(ms, "Putin")} == {"Q7747"}
    assert len(at(ms, "Putin")) == 2


def test_surname_shared_by_two_leaders_is_not_linked(nlp):
    # Two people named Kim led governments in 2024 (one North Korean, one a premier).
    ms = link(nlp, "Kim said the missile test had been a success.", "2024-04-02")
    assert all(not m.actor.id.startswith("Q") and not m.actor.id.startswith("person:")
               for m in at(ms, "Kim"))


def test_surname_of_a_non_leader_stays_local(nlp):
    ms = link(nlp, "Harris said the hearing would resume next week.")
    assert all(m.actor.id.startswith("local:") for m in at(ms, "Harris"))


def test_common_word_that_is_a_leader_surname(nlp):
    # Theresa May was prime minister in 2017, but the month is not her.
    ms = link(nlp, "Exports fell in May, and in June they recovered.", "2017-07-01")
    assert not at(ms, "May")
    ms = link(nlp, "Sales in May beat the forecast, the May report said.", "2017-07-01")
    assert all(m.actor.wikidata != "Q264766" for m in ms)


def test_leader_index_without_a_year_uses_current_office_holders():
    kb = KnowledgeBase([
        {"id": "p1", "name": "Ana Example", "type": "person", "offices": [
            {"kind": "head_of_state", "of": "XXX", "start": 2010, "end": 2015}]},
        {"id": "p2", "name": "Ben Example", "type": "person", "offices": [
            {"kind": "foreign_minister", "of": "YYY", "start": 2020, "end": None}]},
        {"id": "p3", "name": "Carla da Costa", "type": "person", "offices": [
            {"kind": "head_of_government", "of": "ZZZ", "start": 2020, "end": None}]},
        {"id": "p4", "name": "Edmund IV", "type": "person", "aliases": ["King Edmund"], "offices": [
            {"kind": "head_of_state", "of": "ZZZ", "start": 2020, "end": None}]},
    ])
    people = PersonResolver(kb, frozenset({"king"}))
    assert people.leader("example", None).id == "p2"
    assert people.leader("example", 2012).id == "p1"
    assert people.leader("example", 2018) is None
    assert people.leader("costa", 2021) is None  # a particle name: the last word alone is not hers
    assert people.leader("edmund", 2021) is None and people.leader("iv", 2021) is None  # a monarch


# -- descriptors, organisations and non-people ---------------------------------------------------

def test_descriptor_before_a_name_becomes_the_role(nlp):
    ms = link(nlp, "Passenger Tomas Riedel said the cabin filled with smoke.")
    person = [m for m in ms if m.actor.type == "person"]
    assert person and person[0].text == "Tomas Riedel" and person[0].role.lower() == "passenger"


def test_party_is_an_organisation(nlp):
    ms = link(nlp, "Leaders of the Harmony Party met on Friday.")
    assert all(m.actor.type != "person" for m in ms)


def test_weapon_system_is_not_a_person(nlp):
    ms = link(nlp, "Kyiv asked for more Patriot batteries after the strikes.")
    assert all(m.actor.type != "person" for m in ms)


def test_surname_opening_a_paragraph_after_the_full_name(nlp):
    text = ("Donald Trump met the delegation on Friday.\n\nThe two sides spoke briefly. "
            "Trump said they had made progress on many points.")
    ms = link(nlp, text)
    assert [m.actor.wikidata for m in at(ms, "Trump")] == ["Q22686"]


def test_surname_ending_in_s_opening_a_sentence(nlp):
    text = ("The ceremony was hosted by UN chief António Guterres. Guterres said the deal would "
            "bring relief to poorer countries.")
    ms = link(nlp, text)
    assert [m.actor.wikidata for m in at(ms, "Guterres")] == ["Q311440"]


@pytest.mark.parametrize(("text", "surface", "country"), [
    ("Lula welcomed the visitors in Brasilia.", "Lula", "BRA"),
    ("AMLO spoke at his morning press conference.", "AMLO", "MEX"),
])
def test_nicknames_link_alone(nlp, text, surface, country):
    found = at(link(nlp, text, "2019-06-01"), surface)
    assert found and found[0].actor.type == "person" and found[0].actor.country == country


# -- surnames before the full name, and names glued to their neighbours ---------------------------

def test_headline_surname_links_to_the_full_name_in_the_body(nlp):
    text = ("Rivera wins the county vote.\n\nMarisol Rivera, a former teacher, won the county vote on "
            "Tuesday. Rivera thanked her volunteers.")
    ms = link(nlp, text, "2016-05-04")
    ids = {m.actor.id for m in at(ms, "Rivera")}
    full = at(ms, "Marisol Rivera")
    assert full and ids == {full[0].actor.id}
    assert len(at(ms, "Rivera")) == 2


def test_headline_surname_of_two_people_stays_apart(nlp):
    text = ("Okafor speaks out.\n\nGrace Okafor and her brother Daniel Okafor spoke to the council "
            "on Monday about the new road.")
    ms = link(nlp, text, "2016-05-04")
    people = {m.actor.id for m in ms if m.text in ("Grace Okafor", "Daniel Okafor")}
    assert len(people) == 2
    assert all(m.actor.id not in people for m in at(ms, "Okafor"))


def test_given_name_before_the_full_name_links_to_the_one_person_of_that_name(nlp):
    ms = link(nlp, "Greta leads the race. Greta Lindqvist told a rally on Tuesday that she would win.",
              "2016-05-04")
    full = at(ms, "Greta Lindqvist")
    assert full and [m.actor.id for m in at(ms, "Greta")] == [full[0].actor.id]
    # Two people of one given name: the name alone is neither.
    ms = link(nlp, "Daniel spoke first. Daniel Okafor and Daniel Brandt met the council on Monday.",
              "2016-05-04")
    people = {m.actor.id for m in ms if m.text in ("Daniel Okafor", "Daniel Brandt")}
    assert len(people) == 2 and all(m.actor.id not in people for m in at(ms, "Daniel"))


@pytest.mark.parametrize(("text", "name"), [
    ("Soon tournament MVP Dana Whitlock had hit a double into the corner.", "Dana Whitlock"),
    ("The former chief of Veltrix Omar Haddad testified for two hours. Veltrix said it regretted "
     "the breach.", "Omar Haddad"),
    ("Assemblywoman Nora Pettigrew said the seat was hers.", "Nora Pettigrew"),
])
def test_person_span_loses_its_glued_neighbours(nlp, text, name):
    ms = link(nlp, text, "2016-05-04")
    people = [m.text for m in ms if m.actor.type == "person"]
    assert name in people and all(p == name for p in people)


def test_team_fans_and_city_teams_are_not_people(nlp):
    text = ("Overjoyed Falcons fans celebrate outside the stadium in Atlanta after the win. The Atlanta "
            "Falcons beat the Tampa Bay Buccaneers.")
    ms = link(nlp, text, "2016-11-03")
    assert not [m for m in ms if m.actor.type == "person"]


def test_other_middle_initial_is_another_person(nlp):
    text = ("Robert T. Hale was the town's mayor in 1990. Decades later Robert J. Hale, his son, won "
            "the same seat.")
    ms = link(nlp, text, "2018-05-04")
    father, son = at(ms, "Robert T. Hale"), at(ms, "Robert J. Hale")
    assert father and son and father[0].actor.id != son[0].actor.id


@pytest.mark.parametrize("text", [
    "Smoke rises over the harbour on Monday. WIREPIX/Tomas Vindel",
    "toggle caption Tomas Vindel/AP Smoke rises over the harbour on Monday.",
])
def test_photo_credit_names_are_no_actors(nlp, text):
    assert not [m for m in link(nlp, text, "2017-08-29") if m.actor.type == "person"]


def test_initials_before_a_surname_stay_in_the_name(nlp):
    ms = link(nlp, "KMR Dalton is the education columnist for the Herald.", "2017-08-29")
    assert [m.text for m in ms if m.actor.type == "person"] == ["KMR Dalton"]
