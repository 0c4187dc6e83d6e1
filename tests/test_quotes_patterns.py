"""Patterns found wrong in real-looking articles, each fixed generally: dates of statements, pronoun
chains, relative clauses, labels, split quotations, nested and passive reports.

Sentences written for these tests; the events are invented or public facts in our own words.
"""

from __future__ import annotations

import pytest

from newsloom.understand.quotes.finder import spoken_text
from quoting import one, quotes_in, who


@pytest.fixture(scope="module")
def quotes_of():
    return quotes_in



def test_a_year_inside_the_reported_clause_does_not_date_the_statement(quotes_of) -> None:
    text = ("The accord calls on members to cut their emissions \"in a fair and orderly way\", "
            "with the goal of reaching net zero by 2045.")
    q = one(quotes_of(text, published=None), "in a fair and orderly way")
    assert q.date is None
    q = one(quotes_of(text, published="2024-03-05"), "in a fair and orderly way")
    assert q.date == "2024-03-05"


def test_a_past_statement_is_not_dated_after_publication(quotes_of) -> None:
    quotes = quotes_of("Minister Lena Holm said on Friday that the bridge would reopen.", published="2024-03-05")
    q = one(quotes, "the bridge would reopen")
    assert q.date is not None and q.date <= "2024-03-05"


def test_pronouns_follow_the_main_clause_subject_and_keep_the_chain(quotes_of) -> None:
    text = ("German Chancellor Olaf Scholz, who had flown to Madrid expecting that Pedro Sanchez might "
            "join the talks, called the meeting useful. On Tuesday he was in Lisbon for a summit of "
            "the bloc, where he said Europe had to act faster on energy prices. "
            "He told reporters there: \"If we wait another winter, we will pay twice.\"")
    quotes = quotes_of(text)
    assert "Scholz" in (who(one(quotes, "Europe had to act faster")) or "")
    assert "Scholz" in (who(one(quotes, "If we wait another winter")) or "")


def test_a_remark_in_a_relative_clause_is_not_a_statement_of_the_clause(quotes_of) -> None:
    quotes = quotes_of("The vote ended a delay of four months that officials in Kyiv said had cost "
                       "lives at the front.")
    assert not [q for q in quotes if q.speaker is not None and "officials" in q.speaker.text]
    quotes = quotes_of("Flights resumed after an outage which the airline blamed on a software update.")
    assert not [q for q in quotes if "which" in q.text]


def test_who_clause_still_speaks(quotes_of) -> None:
    quotes = quotes_of("Finance Minister Aino Virta, who said the budget would be balanced by spring, "
                       "left the meeting early.")
    assert who(one(quotes, "the budget would be balanced")) == "Aino Virta"


def test_a_quoted_label_is_not_a_quotation(quotes_of) -> None:
    quotes = quotes_of("Importers will be required to write a \"no Iran\" clause into contracts for "
                       "sensitive parts.")
    assert not [q for q in quotes if q.text == "no Iran"]


def test_split_quotation_keeps_its_parts_and_exact_offsets(quotes_of) -> None:
    text = ("Opposition leader Mara Lind praised the vote. \"Today the council did what it should have "
            "done last year,\" she said. \"The whole region was waiting for this.\"")
    q = one(quotes_of(text), "Today the council")
    assert q.text == text[q.start:q.end]
    assert [text[a:b] for a, b in q.parts] == ["Today the council did what it should have done last year",
                                               "The whole region was waiting for this."]
    assert spoken_text(text, q) == ("Today the council did what it should have done last year. "
                                    "The whole region was waiting for this.")


def test_single_piece_quotation_is_an_exact_slice(quotes_of) -> None:
    text = "\"The harbour will stay open all winter,\" port director Jonas Berg said."
    q = one(quotes_of(text), "The harbour will stay open")
    assert text[q.start:q.end] == q.text == "The harbour will stay open all winter"


def test_nested_attribution_gives_the_inner_speaker_his_statement(quotes_of) -> None:
    quotes = quotes_of("Prime Minister Mark Carney said on Monday that Finance Minister Chrystia Freeland "
                       "had warned that the deficit would grow.")
    inner = [q for q in quotes if q.text == "the deficit would grow"]
    assert len(inner) == 1 and who(inner[0]) == "Chrystia Freeland"
    assert who(one(quotes, "Chrystia Freeland had warned")) == "Mark Carney"


def test_the_subject_of_a_passive_report_is_not_its_speaker(quotes_of) -> None:
    quotes = quotes_of("The Senate is expected to take up the bill on Tuesday.")
    assert not [q for q in quotes if q.speaker is not None and "Senate" in q.speaker.text]


def test_a_cue_in_the_sentence_before_does_not_attribute_a_quotation(quotes_of) -> None:
    quotes = quotes_of("A European diplomat said the absence of a joint text was expected. "
                       "\"The aim was never a communique,\" the diplomat told reporters.")
    q = one(quotes, "The aim was never a communique")
    assert q.speaker is not None and q.speaker.text == "the diplomat"


def test_a_dateline_is_not_part_of_the_speaker(quotes_of) -> None:
    q = one(quotes_of("OSLO, Norway — Ukraine said on Tuesday it was ready to accept the plan."), "ready to accept")
    assert q.speaker is not None and q.speaker.text == "Ukraine"


def test_a_negated_reporting_verb_reports_only_a_negated_statement(quotes_of) -> None:
    # Kept, as annotated news keeps it, but flagged: the store never lists it as what was said.
    quotes = quotes_of("The inquiry report did not say who was responsible for the fire.")
    assert quotes and all(q.negated for q in quotes)


def test_the_description_after_an_indefinite_one_is_the_same_person(quotes_of) -> None:
    quotes = quotes_of("Deputy Foreign Minister Sergei Ryabkov said the meeting was doomed to fail. "
                       "A European diplomat said the lack of a joint text was no surprise. "
                       "\"Nobody expected a communique,\" the diplomat told reporters.")
    q = one(quotes, "Nobody expected a communique")
    assert q.speaker is not None and q.speaker.actor is None and q.speaker.text == "the diplomat"


def test_a_verb_hung_on_the_reported_clause_keeps_the_reporting_speaker(quotes_of) -> None:
    quotes = quotes_of("Foreign Ministry spokeswoman Maria Zakharova said Russia had done everything needed "
                       "for the mission to go ahead and accused Kyiv of trying to disrupt it.")
    q = one(quotes, "Kyiv of trying to disrupt it")
    assert who(q) == "Maria Zakharova"


def test_it_after_a_document_subject_is_the_document(quotes_of) -> None:
    quotes = quotes_of("The council approved a police mission on Monday. The resolution, drafted by Ecuador, "
                       "passed with 13 votes. China and Russia abstained. It asks the mission to report "
                       "every three months.")
    q = one(quotes, "report every three months")
    assert q.speaker is not None and q.speaker.text == "It"
    assert q.speaker.actor is None or q.speaker.actor.type != "country"


def test_a_belief_in_a_relative_clause_is_not_reported_speech(quotes_of) -> None:
    quotes = quotes_of("President Volodymyr Zelensky, who had travelled to Ankara expecting that Vladimir Putin "
                       "might come in person, described the Russian delegation as decorative.")
    assert not [q for q in quotes if "might come in person" in q.text]


def test_a_reported_clause_does_not_end_on_a_dangling_word(quotes_of) -> None:
    quotes = quotes_of("The minister said both delegations had listened to one another rather than "
                       "simply stating positions.")
    assert not [q for q in quotes if q.text.endswith((" rather", " than"))]


def test_a_time_phrase_is_not_part_of_the_speaker_and_dates_the_statement(quotes_of) -> None:
    quotes = quotes_of("The group of emerging economies on Thursday invited Argentina and Egypt to become "
                       "full members.", published="2024-03-05")
    q = one(quotes, "Argentina and Egypt to become full members")
    assert q.speaker is not None and "Thursday" not in q.speaker.text
    assert q.date == "2024-02-29"
