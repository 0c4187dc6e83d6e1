"""The events component: PLOVER type and mode, source and targets, polarity, modality, dates,
quotes, CAMEO codes and true spans, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsloom.model import Event
from newsloom.understand.events import lexicon


@pytest.fixture(scope="module")
def code():
    from newsloom.settings import Settings
    from newsloom.understand.nlp import build_nlp, make_docs

    nlp = build_nlp(Settings.load())

    def run(text: str, published: str | None = "2024-03-10") -> tuple[list[Event], object]:
        doc = nlp(make_docs(nlp, [text], [published])[0])
        for e in doc._.nl_events:
            assert doc.text[e.start:e.end] == e.text
            assert doc.text[e.trigger_start:e.trigger_end] == e.trigger
        return list(doc._.nl_events), doc

    return run


def first(events: list[Event]) -> Event:
    assert events, "no event"
    return events[0]


def test_lexicon_is_data_with_enough_entries() -> None:
    lex = lexicon()
    assert lex.size >= 400
    assert lex.cameo["CONSULT"]["third-party"] == "044"


def test_a_call_for_talks_is_a_request_to_meet(code) -> None:
    e = first(code("Beijing called for talks between Armenia and Azerbaijan.")[0])
    assert (e.type, e.mode, e.cameo) == ("REQUEST", "meet", "100")
    assert e.source.name == "China"
    assert {t.name for t in e.targets} == {"Armenia", "Azerbaijan"}
    assert e.trigger == "called for talks"


def test_an_offer_to_mediate_is_third_party_consultation(code) -> None:
    e = first(code("Norway offered to mediate between Colombia and Venezuela.")[0])
    assert (e.type, e.mode, e.cameo) == ("CONSULT", "third-party", "044")
    assert e.source.name == "Norway"


def test_imposing_sanctions(code) -> None:
    e = first(code("The European Union imposed sanctions on Belarus on Monday.")[0])
    assert e.type == "SANCTION" and e.source.name == "European Union"
    assert [t.name for t in e.targets] == ["Belarus"]
    assert e.date == "2024-03-04"


def test_negation_keeps_the_type(code) -> None:
    e = first(code("Serbia did not reject the proposal from Kosovo.")[0])
    assert e.type == "REJECT" and e.negated
    e = first(code("Hungary denied that it had blocked the aid package for Moldova.")[0])
    assert e.negated and e.source.name == "Hungary"


def test_conditional_and_announced_force_is_a_threat(code) -> None:
    e = first(code("Germany would send tanks to Poland if Russia attacked.")[0])
    assert e.hypothetical and e.type == "THREATEN"


def test_announced_aid_is_agreement_in_the_future(code) -> None:
    e = first(code("Japan will send emergency aid to Vietnam next week.")[0])
    assert e.future and e.type == "AGREE" and [t.name for t in e.targets] == ["Vietnam"]


def test_reported_speech_is_the_speakers_event_linked_to_the_quote(code) -> None:
    events, doc = code('"We demand the immediate release of our sailors," the Iranian foreign minister said.')
    e = first(events)
    assert e.type == "REQUEST" and e.quote_index is not None
    quote = doc._.nl_quotes[e.quote_index]
    assert quote.start <= e.trigger_start < quote.end
    assert e.source.country == "IRN"


def test_old_events_are_historical(code) -> None:
    e = first(code("In March 2014, Russia annexed Crimea from Ukraine.")[0])
    assert e.type == "ASSAULT" and e.historical and e.date.startswith("2014")


def test_generic_actors_are_named_by_the_words(code) -> None:
    e = first(code("Farmers blocked the roads around Lyon to protest against fuel taxes.")[0])
    assert e.type == "PROTEST" and e.mode == "obstruct"
    assert e.source.name == "Farmers" and e.source.id.startswith("local:")


def test_no_event_in_plain_description(code) -> None:
    assert code("The weather in Oslo was mild for the season.")[0] == []


def test_events_travel_between_processes() -> None:
    from newsloom.model import Actor
    from newsloom.understand.nlp import _decode, _encode

    e = Event("AID", Actor("x", "Japan", "country", country="JPN"), 0, 4, trigger="sent", cameo="070")
    assert _decode(_encode(e)) == e


def test_cameo_inverse_is_kept_only_where_clean() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import cameo_map

    table = cameo_map.parse("030: AGREE, , diplomatic # x\n031: AGREE, , # y\n"
                            "106: REQUEST, meet, diplomatic # a\n107: REQUEST, meet, # b\n"
                            "100: REQUEST, , # c\n044: CONSULT, third-party, # d\n")
    inverse = cameo_map.clean_inverse(table)
    assert inverse["AGREE"] == {"": "030"}
    assert inverse["CONSULT"]["third-party"] == "044"
    assert "meet" not in inverse["REQUEST"] and inverse["REQUEST"][""] == "100"  # 106 and 107: no single code
