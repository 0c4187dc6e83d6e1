"""Whom a speaker speaks for: titles, bodies named in them, state bodies and the article's country.

Sentences written for these tests; the people named are invented unless the fact is public.
"""

from __future__ import annotations

import pytest

from newsloom.model import Quote
from quoting import one, quotes_in


@pytest.fixture(scope="module")
def quotes_of():
    return quotes_in


def for_name(q: Quote) -> str | None:
    return q.speaks_for.name if q.speaks_for else None


def test_body_named_in_the_title_is_what_the_person_speaks_for(quotes_of) -> None:
    quotes = quotes_of("Trade ministers met in Montevideo on Monday.\n"
                       "Mercosur spokesman Ana Ruiz said the bloc would publish its tariff list in May.")
    q = one(quotes, "the bloc would publish its tariff list")
    assert q.speaker is not None and q.speaker.text == "Ana Ruiz"
    assert for_name(q) == "Mercosur"


def test_a_portfolio_is_an_office_not_a_body(quotes_of) -> None:
    quotes = quotes_of("Floods closed roads across Peru on Tuesday.\n"
                       "Rescue teams in Peru reached two villages by boat.\n"
                       "Health Minister Carla Benitez said hospitals in the north were full.")
    q = one(quotes, "hospitals in the north were full")
    assert for_name(q) == "Peru"


def test_title_noun_points_back_to_the_organisation_named_earlier(quotes_of) -> None:
    quotes = quotes_of("The Northern Rail Safety Board published its report on the derailment on Friday.\n"
                       "Board chairman Tomas Lindqvist told reporters that the signals had failed twice.")
    q = one(quotes, "the signals had failed twice")
    assert for_name(q) == "Northern Rail Safety Board"


def test_unnamed_state_body_speaks_for_the_article_country(quotes_of) -> None:
    quotes = quotes_of("An earthquake struck eastern Turkey early on Monday.\n"
                       "Rescuers in Turkey pulled survivors from the rubble through the night.\n"
                       "The interior ministry said that at least 40 buildings had collapsed.")
    q = one(quotes, "at least 40 buildings had collapsed")
    assert q.speaker is not None and q.speaker.text == "The interior ministry"
    assert for_name(q) == "Turkey"


def test_national_office_holder_gives_the_article_its_country(quotes_of) -> None:
    # One country mention and one official of it outweigh a country named once in passing.
    quotes = quotes_of("Chilean President Gabriel Boric flew to Brazil on Thursday for a regional summit.\n"
                       "Interior Minister Carolina Toha said the border crossings would stay open.")
    q = one(quotes, "the border crossings would stay open")
    assert for_name(q) == "Chile"


def test_an_international_body_without_a_state_speaks_for_itself(quotes_of) -> None:
    quotes = quotes_of("According to the International Atomic Energy Agency, the reactor had been shut down safely.")
    q = one(quotes, "the reactor had been shut down safely")
    assert for_name(q) in ("International Atomic Energy Agency", "IAEA")


def test_description_in_apposition_to_a_named_official(quotes_of) -> None:
    quotes = quotes_of("The Norwegian diplomat who chaired the talks, Foreign Minister Espen Barth Eide, "
                       "said the next round would open in Oslo.")
    q = one(quotes, "the next round would open in Oslo")
    assert q.speaker is not None and q.speaker.actor is not None
    assert "Eide" in q.speaker.actor.name


def test_the_dateline_tips_the_article_country(quotes_of) -> None:
    quotes = quotes_of("NAIROBI — The council approved a Kenyan-led mission to Haiti on Monday.\n"
                       "Haiti has asked for help for a year, and gangs in Haiti control most of the capital.\n"
                       "Interior Cabinet Secretary Kithure Kindiki said the first officers would leave within weeks.")
    q = one(quotes, "the first officers would leave within weeks")
    assert for_name(q) == "Kenya"


def test_a_quoted_phrase_inside_a_plain_sentence_is_nobody_s_continuation(quotes_of) -> None:
    quotes = quotes_of("\"We have found common ground,\" the chair said.\n\n"
                       "The text refers to \"the conflict\" rather than to aggression.")
    assert not [q for q in quotes if q.text == "the conflict" and q.speaker is not None]
