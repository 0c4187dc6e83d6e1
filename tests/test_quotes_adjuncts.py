"""Attributions carried by an adjunct or an "as" construction rather than a reporting clause:
a poll named by "in" or an owned tally named by "by" reports its finding; "<holder> regards X as Y"
gives the holder's view of X; an unowned "promise to ..." is its verb's subject's. And what must
stay out: a fronted "For <someone>," (left out: see adjuncts.py), time and place adjuncts,
subordinate clauses, "as" meaning "while".

Sentences written for these tests; the people, places and polls are invented.
"""

from __future__ import annotations

from newsloom.understand.quotes import lexicon
from quoting import quotes_in, who


def _spans_true(text: str, qs) -> None:
    for q in qs:
        assert text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_adjunct_nouns_and_as_verbs_are_data() -> None:
    lex = lexicon()
    assert "poll" in lex.adjunct_sources["in"] and "tally" in lex.adjunct_sources["by"]
    assert {"regard", "see"} <= lex.as_verbs and "regard" in lex.as_only
    # A verb of the hand list is never restricted to the "as" construction.
    assert not lex.as_only & lex.verbs


def test_a_poll_reports_the_clause_it_modifies() -> None:
    text = ("Councillor Mara Quint holds a nine-point lead over her rival in the latest Harbour Gazette "
            "poll of likely voters.")
    (q,) = quotes_in(text)
    assert q.cue == "in" and q.kind == "indirect"
    assert q.text.startswith("Councillor Mara Quint holds a nine-point lead")
    assert "Harbour Gazette poll" in (who(q) or "")
    _spans_true(text, [q])


def test_a_fronted_poll_and_an_owned_tally() -> None:
    text = ("In a new survey by the Lakeside Institute, 58 percent of farmers were unhappy with the water plan. "
            "By the electoral board's tally, Quint now has 412 delegates.")
    qs = quotes_in(text)
    survey = next(q for q in qs if q.cue == "In")
    assert survey.text.startswith("58 percent of farmers")
    assert "survey" in survey.speaker.text or "Lakeside" in (who(survey) or "")
    tally = next(q for q in qs if q.cue == "By")
    assert tally.text.startswith("Quint now has 412 delegates") and "tally" in (who(tally) or "")
    _spans_true(text, qs)


def test_as_views_report_the_object_with_what_it_is_taken_as() -> None:
    text = ("The Tamsin Party regards the northern islands as part of its territory. "
            "Most shopkeepers see the new parking rules as a threat to their trade.")
    qs = quotes_in(text)
    regards = next(q for q in qs if q.cue == "regards")
    assert regards.text == "the northern islands as part of its territory"
    assert "Tamsin Party" in (who(regards) or "")
    see = next(q for q in qs if q.cue == "see")
    assert see.text == "the new parking rules as a threat to their trade" and "shopkeepers" in (who(see) or "")
    _spans_true(text, qs)


def test_what_must_still_not_be_attributed() -> None:
    text = ("For years, the harbour was the town's main employer. In March, the ferry ran twice a day. "
            "For many dairy farmers in the valley, the new levy is the last straw. "
            "Quint, who is leading in the polls, toured the docks on Monday. "
            "The fleet saw record catches as the season opened. "
            "The club regards its members with suspicion.")
    qs = quotes_in(text)
    assert qs == [], [(q.cue, q.text) for q in qs]


def test_a_view_inside_a_reported_clause_is_part_of_what_was_reported() -> None:
    text = "A spokesman, Ivo Brandt, said the league would regard the transfer as a breach of its rules."
    (q,) = quotes_in(text)
    assert q.cue == "said" and "spokesman" in q.speaker.text
    assert "regard the transfer as a breach" in q.text


def test_according_to_set_inside_the_clause_reports_the_whole_clause() -> None:
    text = "Ticket sales, according to the festival's organisers, have doubled since the spring."
    (q,) = quotes_in(text)
    assert q.cue == "according to" and "organisers" in q.speaker.text
    assert q.text.startswith("Ticket sales") and q.text.endswith("have doubled since the spring")
    _spans_true(text, [q])


def test_a_poll_beside_according_to_gives_one_statement() -> None:
    text = "Councillor Quint has gained ground in the polls, according to a new survey by the Harbour Gazette."
    (q,) = quotes_in(text)
    assert q.cue == "according to" and q.text == "Councillor Quint has gained ground in the polls"


def test_an_unowned_statement_noun_belongs_to_the_subject_of_its_verb() -> None:
    text = ("Mayor Ines Varga made a promise to reopen the ferry line by June. "
            "The harbour board is in a better position to judge the costs than the council.")
    qs = quotes_in(text)
    (q,) = qs
    assert q.cue == "promise" and q.text == "to reopen the ferry line by June" and "Varga" in (who(q) or "")
    _spans_true(text, qs)
