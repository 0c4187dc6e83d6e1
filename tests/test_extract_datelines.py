"""The publication date of a flattened page: written dates in the news languages, datelines with
labels, meta lines that open with the date, a date over the headline, a label on the line above.
Each rule has a test that fails when it is switched off. Texts are our own."""

from __future__ import annotations

import pytest

from newsloom.extract.byline import find_datetime, label_only, parse_dateline, parse_opening_date
from newsloom.extract.text import extract_text
from pier_article import BODY

MENU = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kontakt"]
FOOTER = ["Impressum", "Datenschutz", "Kontakt"]
HEADLINE = "Old ferry pier to close for repairs next month"


def page(*header: str) -> str:
    return "\n".join([*MENU, *header, *BODY, *FOOTER])


@pytest.mark.parametrize(("written", "iso"), [
    ("04. Februar 2022", "2022-02-04"),
    ("19. November 2019", "2019-11-19"),
    ("3 mars 2021", "2021-03-03"),
    ("1er janvier 2020", "2020-01-01"),
    ("21 de abril de 2022", "2022-04-21"),
    ("7 maggio 2018", "2018-05-07"),
    ("12 maart 2020", "2020-03-12"),
    ("Nov. 19, 2019", "2019-11-19"),
    ("2019/11/19", "2019-11-19"),
    ("17/11/2019", "2019-11-17"),
    ("11/17/2019", "2019-11-17"),
    ("2019年11月19日", "2019-11-19"),
])
def test_written_dates_in_news_languages(written: str, iso: str) -> None:
    found = find_datetime(written)
    assert found is not None and found.iso == iso


def test_slashed_day_and_month_that_could_be_either_are_not_read() -> None:
    assert find_datetime("06/11/2023") is None


def test_a_month_name_needs_a_day_and_a_year_beside_it() -> None:
    assert find_datetime("Im März 2020 begann es") is None
    assert find_datetime("Er kam am 3. März") is None


def test_a_time_after_um_and_uhr_stays_with_the_date() -> None:
    assert parse_dateline("am Samstag, 19. Oktober 2019 um 11:14 Uhr") == ("published", "2019-10-19T11:14")


@pytest.mark.parametrize(("line", "label", "iso"), [
    ("Veröffentlicht am 3. März 2024", "published", "2024-03-03"),
    ("Publié le 3 mars 2024", "published", "2024-03-03"),
    ("Aktualisiert am 4. März 2024", "modified", "2024-03-04"),
    ("Stand: 12.03.2024", "modified", "2024-03-12"),
    ("Fr, 18. Oktober 2019", "published", "2019-10-18"),
])
def test_labels_and_weekdays_of_other_languages(line: str, label: str, iso: str) -> None:
    assert parse_dateline(line) == (label, iso)


def test_an_embedded_post_signature_is_no_dateline() -> None:
    assert parse_dateline("— JaneRoe (@janeroe) 14. Juni 2018") is None


def test_a_meta_line_opening_with_the_date_gives_it() -> None:
    assert parse_opening_date("6. November 2023 Jane Roe Kultur, Musik 2 Kommentare") == ("published", "2023-11-06")
    assert parse_opening_date("Posted on May 2, 2024 May 3, 2024 Author Jane Roe") == ("published", "2024-05-02")


def test_a_sentence_with_a_date_later_in_it_is_no_meta_line() -> None:
    assert parse_opening_date("The council met on 6 November 2023 to vote on the budget.") is None
    assert parse_opening_date("Rain fell in the north on 6 November 2023 and again later") is None


def test_label_only_lines() -> None:
    assert label_only("Aktualisiert:") == "modified"
    assert label_only("Published:") == "published"
    assert label_only("Published: 3 May 2024") is None


def test_a_german_dateline_under_the_headline() -> None:
    art = extract_text(page(HEADLINE, "04. Februar 2022"), source="x.txt")
    assert art.published == "2022-02-04"


def test_a_meta_line_with_date_author_and_comments_under_the_headline() -> None:
    art = extract_text(page(HEADLINE, "28. Januar 2015 jroe Schreibe einen Kommentar"), source="x.txt")
    assert art.published == "2015-01-28"


def test_a_date_over_the_headline() -> None:
    art = extract_text(page("02 Feb. 2022", HEADLINE, "Share this story"), source="x.txt")
    assert art.published == "2022-02-02"


def test_a_date_under_an_update_label_is_no_publication_date() -> None:
    art = extract_text(page("Aktualisiert:", "15. Februar 2012", HEADLINE), source="x.txt")
    assert art.published is None


def test_a_dateline_anywhere_in_the_header_reach_when_none_is_under_the_headline() -> None:
    art = extract_text(page("16.12.2022", "Hafen", "Verkehr", "Region",
                            "The north quay seen from the old ferry pier at low tide"), source="x.txt")
    assert art.published == "2022-12-16"


def test_a_date_under_a_label_of_another_kind_is_no_dateline() -> None:
    assert parse_dateline("Registriert: 18.09.2008") is None
    assert parse_dateline("Deadline: 15. März 2020") is None
    assert parse_dateline("Datum: 15. März 2020") == ("published", "2020-03-15")


def test_a_dateline_as_a_list_item_keeps_its_label() -> None:
    assert parse_dateline("* Updated: 06 December 2019") == ("modified", "2019-12-06")


def test_the_byline_inside_a_dated_meta_line() -> None:
    from newsloom.extract.byline import byline_in_meta_line

    found = byline_in_meta_line("12.03.2021 14:05 | von Jana Roe")
    assert found is not None and found.authors == ["Jana Roe"]
    found = byline_in_meta_line("Posted on March 3, 2021 by Jane Roe / Category: Harbours")
    assert found is not None and found.authors == ["Jane Roe"]


def test_a_name_after_a_word_in_a_meta_line_is_a_title_not_a_byline() -> None:
    from newsloom.extract.byline import byline_in_meta_line

    assert byline_in_meta_line("3. März 2021 · Rezepte von Oma Erna · 4 Kommentare") is None


def test_a_flattened_page_takes_the_author_from_its_dated_meta_line() -> None:
    art = extract_text(page(HEADLINE, "12.03.2021 14:05 | von Jana Roe"), source="x.txt")
    assert art.authors == ["Jana Roe"] and art.published == "2021-03-12T14:05"


def test_the_joining_words_are_all_words() -> None:
    from newsloom.extract.byline import date_words

    words = date_words()
    assert all(isinstance(w, str) for w in words.joiners | words.weekdays)
    assert "on" in words.joiners


def test_a_dateline_right_under_the_article() -> None:
    text = "\n".join([*MENU, HEADLINE, *BODY, "17.03.2021", *FOOTER])
    assert extract_text(text, source="x.txt").published == "2021-03-17"


def test_a_labelled_dateline_a_little_under_the_article() -> None:
    text = "\n".join([*MENU, HEADLINE, *BODY, "Jane Roe", "Publiziert: 17.03.2021, 12:35", *FOOTER])
    assert extract_text(text, source="x.txt").published == "2021-03-17T12:35"


def test_a_bare_date_heading_a_list_under_the_article_is_not_its_date() -> None:
    text = "\n".join([*MENU, HEADLINE, *BODY, "Termine", "27. November 2021 15:00", "Kleiner Markt am Hafen", *FOOTER])
    assert extract_text(text, source="x.txt").published is None


def test_a_german_byline_with_am_before_its_date() -> None:
    from newsloom.extract.byline import parse_byline

    found = parse_byline("von Jana Roe am 14. Mai 2014, 15:40 Uhr")
    assert found is not None and found.authors == ["Jana Roe"] and found.published == "2014-05-14T15:40"


def test_a_lower_case_word_after_the_time_is_no_time_zone() -> None:
    # French "est" ("is") after a time is no Eastern Standard Time; an upper-case zone still is one.
    assert find_datetime("Publié le 3 mars 2024 à 10h15 est une date").iso == "2024-03-03T10:15"
    assert find_datetime("March 3, 2024 10:15 EST").iso == "2024-03-03T10:15-05:00"
    # German "Uhr" belongs to the time, so a dateline with it and a byline after still reads whole.
    assert parse_dateline("04.02.2022 | 15:33 Uhr | Jane Roe") == ("published", "2022-02-04T15:33")


def test_a_dateline_label_ends_the_names_of_a_byline() -> None:
    # The label's first word, in any news language, closes the names; a short word may be a name.
    from newsloom.extract.byline import parse_byline

    assert parse_byline("Von Jana Roth veröffentlicht am 3. Mai 2024").authors == ["Jana Roth"]
    assert parse_byline("Par Jean Roux publié le 3 mai 2024").authors == ["Jean Roux"]
    assert parse_byline("Von Max Stand").authors == ["Max Stand"]
