"""Quotations introduced by a colon with no reporting verb, and signatures on the next line.

Texts written for these tests; the people and bodies are invented.
"""

from __future__ import annotations

from newsloom.understand.quotes.marks import find_quotations
from quoting import one, quotes_in, who


def _exact(text: str, q) -> None:
    assert text[q.start:q.end] == q.text
    assert q.speaker is not None and text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_the_subject_of_a_clause_ending_in_a_colon_speaks_the_next_paragraph() -> None:
    text = ("A storm closed the northern ferry route for a week.\n\n"
            "Governor Dana Okafor issued the following statement:\n\n"
            "“Our crews will work through the night until every island has power again.”\n\n"
            "Repairs began on Monday.")
    q = one(quotes_in(text), "Our crews will work")
    assert q.cue == "issued the following statement"
    assert "Okafor" in (who(q) or "")
    _exact(text, q)


def test_a_name_alone_before_a_colon_speaks_the_quotation_after_it() -> None:
    text = ("Two candidates answered the same question about the harbour.\n\n"
            "Okafor: “The harbour must stay public.” Kofi Mensah: “A private operator would run it better "
            "and cheaper for everyone.”\n\nThe debate ended at ten.")
    q = one(quotes_in(text), "private operator")
    assert "Mensah" in (who(q) or "")
    _exact(text, q)


def test_a_phrase_of_place_before_the_colon_names_nobody() -> None:
    text = ("Kofi Mensah has said many things about the harbour this year.\n\n"
            "Later that month on Harbour Radio: “I never promised to sell the harbour to anyone at all.”\n\n"
            "He did.")
    q = one(quotes_in(text), "never promised")
    assert who(q) != "Harbour Radio"


def test_a_reporting_verb_before_the_colon_keeps_its_own_attribution() -> None:
    text = ("The port authority met on Friday.\n\n"
            "Its chair, Dana Okafor, said in a statement: “The fees will not rise this year or the next.”")
    q = one(quotes_in(text), "fees will not rise")
    assert q.cue is not None and q.cue.startswith("said")
    assert "Okafor" in (who(q) or "")


def test_a_signature_on_the_line_after_a_quotation_signs_it() -> None:
    text = ("Voices from the harbour debate.\n\n"
            "“We were promised a new pier ten years ago and we are still waiting for the first pile.”\n\n"
            "- Dana Okafor, a fisherman.\n\n"
            "The council will vote in May.")
    q = one(quotes_in(text), "new pier")
    assert "Okafor" in (who(q) or "")
    _exact(text, q)


def test_attribute_values_of_markup_left_in_the_text_are_no_quotations() -> None:
    text = ("The mayor wrote on Friday about the ferry.\n\n"
            '<post author="harbourmayor" date="May 3, 2024">The ferry runs again on Monday, I said.</post>\n\n'
            "Dana Okafor said the ferry was “back where it belongs.”")
    marked = [text[m.text_start:m.text_end] for m in find_quotations(text)]
    assert marked == ["back where it belongs."]
    q = one(quotes_in(text), "back where it belongs")
    assert "Okafor" in (who(q) or "")


def test_a_statement_issued_in_the_same_sentence_speaks_for_its_issuer() -> None:
    text = ("The ferry company cancelled every crossing for a week.\n\n"
            "Governor Dana Okafor issued a statement saying the company had “let the islands down "
            "once again.”")
    q = one(quotes_in(text), "let the islands down")
    assert q.speaker is not None and q.speaker.actor is not None
    assert "Okafor" in q.speaker.actor.name
    _exact(text, q)


def test_a_reporting_verb_parsed_as_a_modifier_of_the_name_before_the_colon() -> None:
    # The parser makes "tweeted" a modifier of the name and hangs the colon on the name.
    text = ("The mayor had said on Friday, ''I think our town does plenty of spending also.''\n\n"
            "Dana Okafor, the 2012 Liberal mayoral nominee, tweeted in response: ''Important distinction: "
            "the mayor spends on parades; our councils spend on schools and roads.''\n\n"
            "Pressed by a reporter, the mayor said there was no plan to cut the budget.")
    q = one(quotes_in(text), "Important distinction")
    assert "Okafor" in (who(q) or "")
    _exact(text, q)


def test_markup_left_in_the_text_is_no_part_of_a_speaker() -> None:
    for tag in ('<tweet author="harbourdesk" date="May 3, 2024">',
                '<tweet tweet-author="@HarbourDesk" tweet-date="May 3, 2024">Mayor '):
        text = ("The candidates wrote about the wage on Tuesday.\n\n" + tag
                + "Okafor said the wage must rise to fifteen dollars an hour by the end of next year.<tweet/>.\n\n"
                "The council will vote on the wage in June.")
        q = one(quotes_in(text), "the wage must rise")
        assert q.speaker is not None and "<" not in q.speaker.text and ">" not in q.speaker.text
        assert "Okafor" in q.speaker.text
        _exact(text, q)
