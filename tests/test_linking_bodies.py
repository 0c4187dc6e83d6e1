"""Acronyms, generic government bodies, documents and knowledge-base places (own sentences)."""

from __future__ import annotations

import pytest

from newsloom.settings import Settings
from newsloom.understand.kb import load_kb
from newsloom.understand.nlp import build_nlp, make_docs
from newsloom.understand.types import LinkedMention


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(Settings.load())


def link(nlp, text: str, published: str | None = "2024-09-20") -> list[LinkedMention]:
    (doc,) = nlp.pipe(make_docs(nlp, [text], [published]))
    return doc._.nl_mentions


def at(mentions: list[LinkedMention], surface: str) -> list[LinkedMention]:
    return [m for m in mentions if m.text == surface]


def test_kb_reads_acronyms_apart_from_aliases():
    kb = load_kb()
    assert len(kb.acronyms["MoD"]) > 5  # one per state: useless without context
    assert ("mod",) not in kb.index


def test_acronym_after_a_state_possessive(nlp):
    ms = link(nlp, "Estonia's MoD and Latvia's MoD signed the order on Monday.")
    assert [m.actor.country for m in at(ms, "MoD")] == ["EST", "LVA"]
    assert all(m.actor.type == "organization" and m.label == "acronym" for m in at(ms, "MoD"))


def test_acronym_after_the_full_name(nlp):
    ms = link(nlp, "Kazakhstan's Foreign Ministry issued a note. Later the MFA summoned the envoy.")
    mfa = at(ms, "MFA")
    assert mfa and mfa[0].actor.country == "KAZ"


def test_acronym_without_context_is_not_linked(nlp):
    ms = link(nlp, "The MoD declined to comment on the report.")
    assert not at(ms, "MoD")


def test_federal_reserve_by_its_short_name(nlp):
    ms = link(nlp, "The Fed held rates steady, and markets rose.")
    fed = at(ms, "Fed")
    assert fed and fed[0].actor.name == "Federal Reserve" and fed[0].actor.country == "USA"


def test_generic_body_with_a_stated_state(nlp):
    ms = link(nlp, "Britain's Treasury and the U.S. Treasury disagreed on the figures.")
    bodies = [m for m in ms if m.text.endswith("Treasury")]
    assert [m.actor.country for m in bodies] == ["GBR", "USA"]
    assert bodies[0].actor.id == "local:org:treasury-gbr" and bodies[0].affiliation.name == "United Kingdom"


def test_generic_body_takes_the_only_state_of_the_document(nlp):
    ms = link(nlp, "Canada will raise its defence budget. The Cabinet approved the plan on Tuesday.")
    cabinet = at(ms, "Cabinet")
    assert cabinet and cabinet[0].actor.name == "Cabinet of Canada"


def test_generic_body_without_a_single_state_stays_unlinked(nlp):
    ms = link(nlp, "Chile and Peru signed a pact. The Treasury said costs would rise.")
    assert all(m.actor.id != "local:org:treasury" for m in ms)
    assert not [m for m in ms if m.text == "Treasury" and m.actor.country is None]


def test_a_charter_is_not_an_organisation(nlp):
    ms = link(nlp, "Delegates said the annexation broke the United Nations Charter.")
    assert all("Charter" not in m.actor.name for m in ms)


@pytest.mark.parametrize(("text", "surface", "country"), [
    ("Luhansk was shelled overnight, officials said.", "Luhansk", "UKR"),
    ("Drones struck an oil depot in Belgorod.", "Belgorod", "RUS"),
    ("Residents of the Kharkiv region were told to leave.", "Kharkiv region", "UKR"),
])
def test_kb_places(nlp, text, surface, country):
    found = at(link(nlp, text), surface)
    assert found and found[0].actor.type == "place" and found[0].actor.country == country


def test_generic_body_resolves_to_the_record_of_the_story_state():
    from newsloom.settings import Settings
    from newsloom.understand.nlp import build_nlp, make_docs

    nlp = build_nlp(Settings.load())
    text = ("The United States is split on the bill. The Senate will vote on it next week, and the "
            "Supreme Court may hear a challenge.")
    (doc,) = nlp.pipe(make_docs(nlp, [text], ["2019-02-01"]))
    found = {m.text: m.actor.wikidata for m in doc._.nl_mentions}
    assert found.get("Senate") == "Q66096"
    assert found.get("Supreme Court") == "Q11201"


def test_a_body_below_the_state_is_not_the_national_one(nlp):
    text = ("The United States is split on the bill. The Senate will vote on it next week. Ortiz won "
            "two state Senate races in Ohio before that.")
    ms = link(nlp, text, "2016-09-08")
    senates = [m for m in ms if m.text == "Senate"]
    assert [m.actor.wikidata for m in senates] == ["Q66096"]  # the national one only


def test_a_time_zone_is_not_an_organisation(nlp):
    ms = link(nlp, "The missile flew over Hokkaido at 07:06 (2206 GMT) towards the Pacific Ocean.", "2017-08-29")
    assert not at(ms, "GMT")


def test_spoken_acronym_in_title_case_links():
    from newsloom.settings import Settings
    from newsloom.understand.nlp import build_nlp, make_docs

    nlp = build_nlp(Settings.load())
    (doc,) = nlp.pipe(make_docs(nlp, ["Nasa said the probe had reached its orbit."], ["2019-02-01"]))
    assert [m.actor.wikidata for m in doc._.nl_mentions if m.text == "Nasa"] == ["Q23548"]
