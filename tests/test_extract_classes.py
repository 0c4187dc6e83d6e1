"""Classes of page furniture the flattened-text cleaner must recognise in any language, and
length rules for scripts written without spaces. Texts are our own."""

from __future__ import annotations

import pytest

from newsloom.extract.classify import Kind, classify_lines, word_count
from newsloom.extract.text import extract_text
from newsloom.extract.verdict import no_article_reason

ARTICLE = [
    "Der Stadtrat hat am Dienstag beschlossen, die Nachtbuslinien in drei Außenbezirke zu verlängern.",
    "Nach Angaben der Verwaltung kostet die Änderung rund zwei Millionen Euro im Jahr.",
    "Anwohner hatten seit Jahren um die Verbindung gebeten, wie das Verkehrsamt mitteilte.",
]


@pytest.mark.parametrize("line", [
    "Wir verwenden Cookies, um Inhalte zu personalisieren und die Zugriffe auf unsere Website zu analysieren.",
    "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site web et mesurer l'audience.",
    "Utilizamos cookies propias y de terceros para mejorar nuestros servicios y mostrarle publicidad.",
    "Datenschutz & Cookies: Diese Website verwendet Cookies. Wenn du die Website weiterhin nutzt, stimmst du zu.",
    "Die Inhalte dieser Website sind unter einer Creative Commons Lizenz lizenziert, sofern nicht anders vermerkt.",
    "Benachrichtige mich über nachfolgende Kommentare via E-Mail.",
    "Deine E-Mail-Adresse wird nicht veröffentlicht.",
    "This entry was posted in General and tagged transport, buses.",
    "Maria Lopez says:",
    "Antworten",
])
def test_furniture_is_not_article(line: str) -> None:
    kind = classify_lines([line])[0].kind
    assert kind in (Kind.BOILERPLATE, Kind.CHROME), kind


@pytest.mark.parametrize("line", [
    "The minister said the night buses would run every twenty minutes from the first of March onwards.",
    "Bake the biscuits for twelve minutes, then let the cookies cool on a rack before you fill them.",
    "Der Beitrag des Bundes zu den Baukosten liegt nach Angaben des Ministeriums bei vierzig Prozent.",
])
def test_prose_that_mentions_the_same_words_stays_prose(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.PROSE


def test_archive_menu_run_together_is_not_prose() -> None:
    menu = "Archiv Monat auswählen " + " ".join(f"{m} 2024 ({n})" for m, n in
                                                  (("Mai", 4), ("April", 9), ("März", 2), ("Februar", 7),
                                                   ("Januar", 5), ("Dezember", 3), ("November", 8)))
    sentence = ("In 2024 the council spent 12 million on 40 new buses and 3 depots, and it plans to buy "
                "another 25 buses for the 6 outer lines over the next 2 years without raising fares")
    kinds = [ln.kind for ln in classify_lines([menu, sentence])]
    assert kinds == [Kind.SHORT, Kind.PROSE]


def test_cookie_banner_longer_than_the_post_does_not_win() -> None:
    banner = ("Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren, Funktionen für soziale Medien "
              "anbieten zu können und die Zugriffe auf unsere Website zu analysieren. Außerdem geben wir "
              "Informationen zu Ihrer Nutzung unserer Website an unsere Partner für soziale Medien, Werbung und "
              "Analysen weiter, die diese mit weiteren Daten zusammenführen können, die Sie ihnen bereitgestellt haben.")
    page = "\n".join(["Startseite", "Impressum", "Kontakt", *ARTICLE, "Teilen", "Facebook", "Twitter",
                      "Archiv", "Kategorien", "Impressum", banner, "Schließen"])
    art = extract_text(page, source="blog.txt")
    assert "Nachtbuslinien" in art.text and "Cookies" not in art.text


def test_unspaced_scripts_count_characters_as_words() -> None:
    chinese = "市政府周二宣布将把夜间公交线路延长到三个郊区，预计每年花费约两百万元。" * 2
    assert word_count(chinese) >= 30
    assert word_count("three plain words") == 3
    assert no_article_reason([chinese]) is None
    assert classify_lines([chinese])[0].kind is Kind.PROSE


def _page_without_title_line(header: list[str]) -> str:
    """A flattened page whose flattener dropped <title> (inscriptis does): menus, a short article
    under its header, the site's link lists, then one long contact paragraph in the footer."""
    menu = ["Home", "World", "Business", "Sport", "Log In"]
    article = [
        "The harbour authority closed the eastern quay on Tuesday after engineers found cracks in "
        "the sea wall, and ferries were moved to the western berths until repairs are done.",
        "Officials said the work would take about three weeks and that no one had been hurt when "
        "part of the wall gave way during the storm that hit the coast on Sunday night.",
    ]
    links = [f"{topic} {part}" for topic in ("Local", "Weather", "Travel", "Schools", "Courts") for part in ("news", "pictures", "archive", "guide")]
    footer = ("The Example Tribune reader service centre can be reached with any question or request "
              "about subscriptions, deliveries, archive copies, letters to the editor and corrections: "
              "telephone 0100 200 300 on weekdays from eight to six, write to the service desk at the "
              "address printed on the back page, or use the contact form, and a member of the team "
              "will answer within two working days, including public holidays in the summer months.")
    return "\n".join([*menu, *header, *article, *links, footer, "Copyright 2024 Example Tribune. All rights reserved."])


@pytest.mark.parametrize("header", [
    ["Quay closed after storm damage", "By Dana Reyes", "November 20, 2024 10:43"],
    ["Quay closed after storm damage", "May 2, 2024 · 7:32 pm"],
])
def test_short_article_under_its_byline_beats_a_longer_footer_block(header: list[str]) -> None:
    art = extract_text(_page_without_title_line(header), source="t")
    assert art.text.startswith("The harbour authority closed the eastern quay"), art.text[:200]
    assert "reader service centre" not in art.text


@pytest.mark.parametrize("line", [
    "Alltag Architektur Bahn Basel Baustelle Beton Die Welt an sich Einzelhandel Fahrrad Fassade Frost "
    "Gegenlicht Graffiti Herbst Kinder Leben in der Stadt Kunst Laub Musik aus dem Norden Natur Politik "
    "Reisen mit dem Rad Schnee Sommer Über uns Winter",
    "Art Books Cinema Cooking Design Elections Europe Life in the City Festivals Gardens Health History Jazz "
    "Notes from the Road Maps Museums Music Out and About Opera Poetry Books of the Year Radio On the Air",
])
def test_tag_cloud_run_together_is_not_prose(line: str) -> None:
    assert classify_lines([*ARTICLE, line])[-1].kind is not Kind.PROSE


def test_long_german_sentence_without_full_stop_stays_prose() -> None:
    line = ("Der Stadtrat hat am Dienstag nach langer Debatte beschlossen, dass die Nachtbusse ab dem Frühjahr "
            "in drei weitere Außenbezirke fahren und die Stadt dafür jedes Jahr zwei Millionen Euro zahlt")
    assert classify_lines([*ARTICLE, line])[-1].kind is Kind.PROSE
