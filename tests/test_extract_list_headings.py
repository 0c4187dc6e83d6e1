"""Headings over lists of related, most read or recommended pieces, in more of the languages of
the news: the heading ends the article, and the list under it stays out. Texts are ours."""

from __future__ import annotations

import pytest

from newsloom.extract.classify import Kind, classify_lines
from newsloom.extract.text import extract_text


@pytest.mark.parametrize("line", [
    "TEMAS RELACIONADOS",
    "Últimas noticias",
    "Die meistgelesenen Artikel bei Beispiel.de/Sport",
    "meist-diskutiert",
    "Empfehlungen aus der Redaktion",
    "Weiterführende Links",
    "Audios et vidéos sur le sujet",
    "Les dernières actualités",
    "Najczęściej czytane",
    "Meest gelezen",
    "Articoli correlati",
])
def test_list_headings_are_sidebar_headings(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.SIDEBAR


def test_a_sentence_that_opens_with_the_words_is_no_heading() -> None:
    line = "Weiterführende Links zu den Quellen stehen am Ende dieses Berichts, geordnet nach Datum."
    assert classify_lines([line])[0].kind is not Kind.SIDEBAR


ARTICLE = [
    "Der Stadtrat hat am Dienstagabend beschlossen, die alte Markthalle bis zum Herbst zu sanieren.",
    "Die Kosten von rund vier Millionen Euro teilen sich die Stadt und das Land zu gleichen Teilen.",
    "Händler sollen während der Arbeiten auf dem Platz vor dem Rathaus ihre Stände aufbauen dürfen.",
    "Die Opposition kritisierte den Zeitplan als zu knapp und forderte eine zweite Ausschreibung.",
]
TEASERS = [
    "Sport in der Region: Warum der Handballverein in dieser Saison auf junge Spieler setzt und gewinnt",
    "Verkehr am Wochenende: Welche Straßen in der Innenstadt wegen des Stadtfests gesperrt bleiben",
    "Wetter im Dezember: Meteorologen erwarten einen milden Monat mit wenig Schnee in den Tälern",
]


def test_the_list_under_a_most_read_heading_stays_out() -> None:
    page = "\n".join(["Markthalle wird saniert", *ARTICLE, "Die meistgelesenen Artikel bei Beispiel.de",
                      *TEASERS, "Impressum", "Datenschutz"])
    text = extract_text(page, source="t").text
    assert all(line in text for line in ARTICLE)
    assert not any(line in text for line in TEASERS)
