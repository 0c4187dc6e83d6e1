"""Attributions beyond plain "X said": intentions, named objects, noun cues, prepositional
contents, indefinite and relative speakers, colon introductions and reporting-clause dates.

Every sentence was written for these tests; names are invented.
"""

from __future__ import annotations

import pytest

from quoting import one, quotes_in


@pytest.fixture(scope="module")
def quotes_of():
    return lambda text, published="2024-03-14": quotes_in(text, published)


def test_intentions_with_an_infinitive(quotes_of) -> None:
    qs = quotes_of("Senator Nora Halvorsen plans to introduce a bill on rail safety next month.")
    q = one(qs, "introduce a bill")
    assert q.speaker is not None and "Halvorsen" in q.speaker.text and q.kind == "indirect"


def test_a_refusal_keeps_its_polarity(quotes_of) -> None:
    q = one(quotes_of("Mayor Ilse Brandt declined to comment on the harbour contract."), "comment")
    assert q.negated and q.cue is not None and q.cue.startswith("declined")


def test_endorsing_someone_by_name(quotes_of) -> None:
    q = one(quotes_of("On Friday, Governor Tomas Ruiz endorsed Marta Olsen at a rally in the capital."), "Olsen")
    assert q.speaker is not None and q.speaker.text.endswith("Ruiz")


def test_a_noun_cue_with_its_owner(quotes_of) -> None:
    qs = quotes_of("Dana Pike ran a small bakery for years. Pike's claim that the new tax would close "
                   "half the shops in town drew a sharp reply.")
    q = one(qs, "the new tax would close")
    assert q.speaker is not None and q.speaker.actor is not None and "Pike" in q.speaker.actor.name


def test_talking_about_something(quotes_of) -> None:
    q = one(quotes_of("At the town hall, Councillor Femi Adeyemi talked about the flooding of the lower town."),
            "flooding")
    assert q.speaker is not None and "Adeyemi" in q.speaker.text


def test_indefinite_speakers_keep_their_words(quotes_of) -> None:
    q = one(quotes_of("Residents were split over the plan. Some said the new road would split the village in two."),
            "split the village")
    assert q.speaker is not None and q.speaker.text == "Some" and q.speaker.actor is None


@pytest.mark.parametrize(("text", "said", "speaker"), [
    ("The county asked residents about the ferry. About 4 in 10 say they want the fares cut before summer.",
     "fares cut", "About 4 in 10"),
    ("Residents answered the harbour survey. Less than a third said the old wall would hold another winter.",
     "old wall would hold", "Less than a third"),
])
def test_a_poll_share_the_parser_hung_on_the_verb_speaks(quotes_of, text: str, said: str, speaker: str) -> None:
    # The parser makes the count a modifier of the verb, leaving it without a subject: the share
    # of respondents still speaks, with a true span and no actor (like "Some").
    q = one(quotes_of(text), said)
    assert q.speaker is not None and q.speaker.text == speaker and q.speaker.actor is None
    assert text[q.speaker.start:q.speaker.end] == speaker


def test_who_clause_speaker_is_the_name_it_stands_for(quotes_of) -> None:
    qs = quotes_of("The vote was close. Priya Natarajan, who chairs the transport committee, said the "
                   "tunnel would be finished by spring.")
    q = one(qs, "tunnel would be finished")
    assert q.speaker is not None and q.speaker.actor is not None and "Natarajan" in q.speaker.actor.name


def test_by_saying_takes_the_doer_of_the_governing_verb(quotes_of) -> None:
    q = one(quotes_of("Minister Lars Eide defended the budget by saying that the cuts were temporary."),
            "the cuts were temporary")
    assert q.speaker is not None and "Eide" in q.speaker.text


def test_content_stops_where_a_nested_report_begins(quotes_of) -> None:
    qs = quotes_of("Coach Ana Silva said her team had played well, telling reporters that the referee "
                   "had missed two fouls.")
    said = one(qs, "her team had played well")
    assert "referee" not in said.text


def test_a_colon_paragraph_introduces_the_quotation_below(quotes_of) -> None:
    text = ("The debate turned sharp when Governor Hugo Lind answered his rival. Lind continued:\n\n"
            "“You cannot promise lower fares and a bigger network in the same breath, and you know it.”")
    q = one(quotes_of(text), "lower fares")
    assert q.speaker is not None and "Lind" in q.speaker.text


def test_date_from_the_reporting_clause_not_the_quoted_today(quotes_of) -> None:
    q = one(quotes_of("“We will not raise fares today,” transit director Ada Ek said on Monday."), "fares")
    assert q.date == "2024-03-11"
    r = one(quotes_of("The mayor said Tuesday night that the bridge would reopen within a week."), "bridge")
    assert r.date == "2024-03-12"


def test_spans_round_trip(quotes_of) -> None:
    text = ("“It is a mistake,” Senator Ivo Petrov said, “and we will vote against it.” Petrov plans to "
            "table an amendment. Some argued the amendment came too late.")
    for q in quotes_of(text):
        assert text[q.start:q.end] == q.text
        for a, b in q.parts or []:
            assert 0 <= a < b <= len(text)
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text


@pytest.mark.parametrize("headline", ["Whitfield Vows To Fight Farm Bill", "Ohio Senate Race Heats Up",
                                      "Hide Caption 18 of 25 Photos"])
def test_a_headline_is_never_the_speaker_of_the_body(quotes_of, headline: str) -> None:
    body = ("Senator Dana Whitfield, a Democrat, faced farmers in Toledo on Monday. “We will fight this bill,” "
            "she said. “It hurts every family farm in the state,” she added. She told reporters the vote "
            "would be close.")
    text = f"{headline}\n\n{body}"
    qs = [q for q in quotes_of(text) if q.start > len(headline)]
    assert len(qs) >= 2
    for q in qs:
        assert q.speaker is not None and q.speaker.start > len(headline), q
        assert q.speaker.actor is not None and q.speaker.actor.name.endswith("Whitfield")


def test_a_day_after_a_preposition_is_not_what_was_said(quotes_of) -> None:
    qs = quotes_of("The governor spoke in Columbus on Tuesday. Later, Governor Ruth Okafor spoke about the "
                   "state budget.")
    assert not [q for q in qs if q.text == "Tuesday"]
    assert one(qs, "state budget").speaker is not None


def test_mixed_quotation_marks_of_a_scrape_pair_up() -> None:
    from newsloom.understand.quotes.marks import find_quotations

    def inner(t: str) -> list[str]:
        return [t[m.text_start:m.text_end] for m in find_quotations(t)]

    assert inner('Rates rose. "Nobody saw it coming,” said Ola Berg. “Not even us,” she added.') == [
        "Nobody saw it coming,", "Not even us,"]
    assert inner("“Plain words,\" she said.") == ["Plain words,"]
    # A straight pair nested in a typographic one stays nested.
    assert inner('“He told me "no" twice,” she said.') == ['He told me "no" twice,']


def test_an_opening_mark_written_where_the_closer_belongs_closes() -> None:
    from newsloom.understand.quotes.marks import find_quotations

    text = ("“The budget is late again,“ said the treasurer. “We will not pay the contractors this month.”\n\n"
            "The board met later.")
    got = [text[m.start:m.end] for m in find_quotations(text)]
    assert got == ["“The budget is late again,“", "“We will not pay the contractors this month.”"]
    assert all(m.closed for m in find_quotations(text))


def test_a_straight_opener_closed_by_a_curly_mark_before_the_next_quotation() -> None:
    from newsloom.understand.quotes.marks import find_quotations

    text = ("\"Nobody should underestimate the rival campaign,” the mayor said on Tuesday. "
            "“It has more volunteers than we do.\"\n\nThe vote is in May.")
    got = [text[m.start:m.end] for m in find_quotations(text)]
    assert got == ["\"Nobody should underestimate the rival campaign,”", "“It has more volunteers than we do.\""]
