"""Notices a post carries that are no part of it: the comment form's heading in the other news
languages, a liability disclaimer for the post's external links, an affiliate-link notice, and a
"support us" appeal that names the post. Each is boilerplate, dropped from the article; sentences
using the same words stay prose. Texts are ours."""

from __future__ import annotations

import pytest

from newsloom.extract.classify import Kind, classify_lines
from newsloom.extract.text import extract_text


@pytest.mark.parametrize("line", [
    "Schreibe einen Kommentar Antworten abbrechen",
    "Hinterlasse jetzt einen Kommentar",
    "Laisser un commentaire Annuler la réponse",
    "Deja una respuesta Cancelar respuesta",
    "Lascia un commento",
    "Dodaj komentarz",
    "Deixe uma resposta",
])
def test_comment_form_headings_are_boilerplate(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


@pytest.mark.parametrize("line", [
    "Trotz sorgfältiger Prüfung übernehme ich keine Haftung für die Inhalte externer Links auf dieser Seite.",
    "We are not responsible for the content of external sites linked from this blog post.",
    "Bei den Verlinkungen in diesem Beitrag handelt es sich um Affiliate-Links des Shops.",
    "Die mit Stern markierten Affiliate-Links bringen uns beim Kauf eine kleine Provision, für dich ändert sich nichts.",
    "If you enjoyed reading this post, would you think about giving a little to keep the blog going?",
])
def test_legal_and_affiliate_notices_are_boilerplate(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


@pytest.mark.parametrize("line", [
    "Der Verein schreibt einen Kommentar zum neuen Gesetz und schickt ihn an alle Abgeordneten.",
    "Die Firma übernimmt keine Haftung für Schäden, die beim Transport der alten Möbel entstehen.",
    "The court said the landlord was not responsible for the cost of the repairs to the old roof.",
])
def test_sentences_with_the_same_words_stay_prose(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.PROSE


PARAGRAPHS = [
    "Am Samstag trafen sich die Mitglieder des Gartenvereins zum ersten Arbeitseinsatz des Jahres.",
    "Sie schnitten die Hecken am Weg zurück und setzten neue Pflanzen in die Beete am Eingang.",
    "Zum Abschluss gab es Kuchen und Kaffee im kleinen Vereinsheim, das im Winter renoviert wurde.",
]


def test_a_disclaimer_under_a_post_stays_out() -> None:
    page = "\n".join([
        "Frühjahrsputz im Garten | Vereinsblog", "* Start", "* Termine", "Frühjahrsputz im Garten", *PARAGRAPHS,
        "Trotz sorgfältiger Kontrolle übernehmen wir keine Haftung für die Inhalte externer Links.",
        "Schreibe einen Kommentar Antworten abbrechen", "Name *", "E-Mail *", "Impressum"])
    text = extract_text(page, source="t").text
    assert all(p in text for p in PARAGRAPHS)
    assert "Haftung" not in text and "Kommentar" not in text


@pytest.mark.parametrize("line", [
    "Lesen Sie auch: Neue Brücke über den Fluss wird im Sommer eröffnet",
    "(Le puede interesar: El alcalde presenta el nuevo plan de transporte)",
    "Zobacz także: Nowy park w centrum miasta otwarty dla mieszkańców",
    "Dowiedz się więcej: Jak głosowali posłowie w sprawie budżetu",
    "À lire aussi : La mairie rouvre la piscine du quartier",
    "Leggi anche: Il comune rinnova la piazza del mercato",
    "À lire aussi » La mairie ouvre un nouveau marché couvert",
    "PUEDES VER: ¿Cómo pedir el nuevo certificado en línea?",
])
def test_inline_links_to_other_pieces_are_boilerplate(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


def test_an_inline_link_between_paragraphs_stays_out() -> None:
    page = "\n".join([
        "Frühjahrsputz im Garten | Vereinsblog", "* Start", "* Termine", "Frühjahrsputz im Garten", PARAGRAPHS[0],
        "Lesen Sie auch: Der Verein wählt im Mai einen neuen Vorstand", *PARAGRAPHS[1:], "Impressum"])
    text = extract_text(page, source="t").text
    assert all(p in text for p in PARAGRAPHS)
    assert "Vorstand" not in text


@pytest.mark.parametrize("line", [
    "← Der Stammtisch im März steht fest",
    "Unser Ausflug an den See im Herbst →",
    "‹ Older post about the garden fence",
    "Newer post about the spring market ›",
])
def test_links_to_the_previous_and_next_post_are_boilerplate(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


@pytest.mark.parametrize("line", [
    "The road runs from the station → to the harbour, and the bus takes twenty minutes.",
    "Prices went up by five percent last year.",
])
def test_lines_with_an_arrow_inside_stay(line: str) -> None:
    assert classify_lines([line])[0].kind is not Kind.BOILERPLATE


def test_the_next_post_link_under_a_post_stays_out() -> None:
    page = "\n".join([
        "Frühjahrsputz im Garten | Vereinsblog", "* Start", "* Termine", "Frühjahrsputz im Garten", *PARAGRAPHS,
        "← Der Stammtisch im März steht fest", "Unser Ausflug an den See im Herbst →", "Impressum"])
    text = extract_text(page, source="t").text
    assert all(p in text for p in PARAGRAPHS)
    assert "Stammtisch" not in text and "Ausflug" not in text


@pytest.mark.parametrize("line", [
    "Exklusiv für Abonnenten",
    "Contenido exclusivo para suscriptores",
    "Si ya sos suscriptor podés",
    "Already a subscriber? Log in here",
    "Bitte melden Sie sich an, um weiterzulesen",
    "Registrate gratis para seguir leyendo",
    "Wählen Sie Ihren Zugang und lesen Sie weiter:",
])
def test_subscription_wall_notices_are_boilerplate(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


def test_a_wall_notice_over_the_article_stays_out() -> None:
    page = "\n".join([
        "Frühjahrsputz im Garten | Vereinsblog", "* Start", "* Termine", "Frühjahrsputz im Garten",
        "Exklusiv für Abonnenten", "Wählen Sie Ihren Zugang und lesen Sie weiter:", *PARAGRAPHS, "Impressum"])
    text = extract_text(page, source="t").text
    assert all(p in text for p in PARAGRAPHS)
    assert "Zugang" not in text and "Abonnenten" not in text


@pytest.mark.parametrize("line", [
    "Beispiel Verlag GmbH 2024. Alle Rechte vorbehalten.",
    "Tous droits réservés à la rédaction du journal régional.",
    "Materiał chroniony prawem autorskim - zasady przedruków określa regulamin.",
    "Wenn Ihnen unser Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus mit einer kleinen Spende.",
    "Apoya el periodismo independiente de nuestra pequeña redacción con una suscripción mensual.",
])
def test_rights_notices_and_appeals_in_other_languages_are_boilerplate(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


@pytest.mark.parametrize("line", [
    "Der Artikel hat vielen Lesern gefallen, sagte die Chefredakteurin am Montag in der Sitzung.",
    "Die Stiftung will den Journalismus in kleinen Städten mit neuen Stipendien stärken.",
])
def test_sentences_about_journalism_stay_prose(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.PROSE


def test_every_lexicon_line_pattern_needs_a_string() -> None:
    # A pattern without a needed string (a character class of arrows, say) turns off the one-pass
    # gate that rules most lines out: every line then runs the whole rule loop (10% of CPU time).
    from newsloom.extract.lexicon import lexicon

    lex = lexicon()
    assert lex.gate_ids is not None
    assert not lex.unkeyed_rules


@pytest.mark.parametrize("line", [
    "Das könnte dich auch interessieren:",
    "Das Thema könnte Sie auch interessieren",
    "Weitere Beiträge aus der Kolumne:",
    "Weitere Meldungen aus der Rubrik Gesundheit:",
    "Zum Weiterlesen:",
    "Mirá también",
    "Diese Artikel könnten dich ebenfalls interessieren:",
    "Das könnte dir auch gefallen",
    "Meistgeklickte Beiträge",
    "Weitere Beiträge",
    "Redaktionstipp",
    "Relacionados:",
    "Lo más visto de El Diario",
    "Trending on Example News",
])
def test_more_german_and_spanish_list_headings(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.SIDEBAR


def test_a_list_under_a_german_heading_stays_out() -> None:
    page = "\n".join([
        "Frühjahrsputz im Garten | Vereinsblog", "* Start", "* Termine", "Frühjahrsputz im Garten", *PARAGRAPHS,
        "Das könnte dich auch interessieren:",
        "Der Verein lädt im Sommer zum großen Fest am See ein, mit Musik und Essen für alle Familien.",
        "Impressum"])
    text = extract_text(page, source="t").text
    assert all(p in text for p in PARAGRAPHS)
    assert "Fest am See" not in text


@pytest.mark.parametrize("line", [
    "Titelbild: Jane Example on Unsplash",
    "Beitragsbild: Titelseite der Zeitung vom 2.4.2019, Ausriss.",
    "Bildrechte: Beispiel/Jane Example",
    "Bildnachweis:",
])
def test_german_image_credit_labels_are_captions(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.CAPTION


def test_a_symbol_picture_caption_is_no_credit() -> None:
    assert classify_lines(["Symbolbild: Ein Kind spielt im Garten"])[0].kind is not Kind.CAPTION
