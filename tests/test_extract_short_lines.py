"""Pages made of short lines, and lines the page's own language list misjudges: the flattened-text
cleaner keeps such article text instead of dropping it. Texts are our own."""

from __future__ import annotations

import pytest

from newsloom.extract.classify import DROPPED, Kind, classify_lines
from newsloom.extract.text import extract_text

# Widget warnings in English above a German post: the page's sentence-length lines are mostly
# English, so its stop-word list is English.
WARNINGS = [
    "Notice: the function you called in this theme is deprecated and will be removed in a future version.",
    "Notice: the option you set for the sidebar is deprecated and will be removed in a future version.",
    "Notice: the widget you placed in the footer is deprecated and will be removed in a future version.",
    "Notice: the setting you chose for the archive is deprecated and will be removed in a future version.",
]
GERMAN_POST = [
    "Gestern kam unser zweiter Sohn zur Welt, und sein großer Bruder hat ihn sofort ausgiebig begrüßt.",
    "Wir sind müde, aber sehr glücklich, und wir danken allen für die vielen lieben Nachrichten.",
]


def test_sentence_in_another_language_than_the_page_is_prose() -> None:
    lines = classify_lines([*WARNINGS, *GERMAN_POST])
    assert [ln.kind for ln in lines[-2:]] == [Kind.PROSE, Kind.PROSE]


def test_tag_list_in_another_language_stays_short() -> None:
    # Only sentences are measured with their own list: a run-together tag list is no sentence.
    tags = "stadtrat nachtbus linien verkehr stadt bus bahn tarif plan netz ring zone takt halt depot wagen fahrer"
    assert classify_lines([*WARNINGS, tags])[-1].kind is Kind.SHORT


@pytest.mark.parametrize(("line", "kind"), [
    ("Teilen Sie dies mit:", Kind.BOILERPLATE),
    ("Partager :", Kind.BOILERPLATE),
    ("Compartir esto:", Kind.BOILERPLATE),
    ("Gefällt mir:", Kind.CHROME),
    ("Like Loading...", Kind.CHROME),
    ("Ähnliche Beiträge", Kind.SIDEBAR),
    ("Articles similaires", Kind.SIDEBAR),
])
def test_share_row_labels_in_other_languages_are_furniture(line: str, kind: Kind) -> None:
    assert classify_lines([line])[0].kind is kind


@pytest.mark.parametrize("line", [
    "Schlagwörter: Garten, Frühling", "Abgelegt unter: Rezepte, Backen", "Labels: Bücher, Lesen",
    "Étiquettes : jardin, printemps", "Etiquetas: cocina, recetas", "Kategorie: Reisen",
])
def test_tag_rows_in_other_languages_are_furniture(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


def test_a_sentence_naming_topics_is_not_a_tag_row() -> None:
    assert classify_lines(["Themen wie Garten und Frühling kamen an diesem Abend oft zur Sprache."])[0].kind is Kind.PROSE


@pytest.mark.parametrize("line", [
    "Fill in your details below or click an icon to log in:",
    "Trage deine Daten unten ein oder klicke ein Icon um dich einzuloggen:",
    "Du kommentierst mit Deinem Google-Konto. ( Abmelden / Ändern )",
    "Create a free website or blog at WordPress.com.",
    "Informiere mich über neue Beiträge per E-Mail.",
])
def test_a_blog_hosts_comment_form_and_footer_are_furniture(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


@pytest.mark.parametrize(("line", "kind"), [
    ("Ohne JavaScript funktioniert diese Seite möglicherweise nicht korrekt.", Kind.BOILERPLATE),
    ("Activez JavaScript pour afficher cette page.", Kind.BOILERPLATE),
    ("Bitte aktivieren Sie JavaScript in Ihrem Browser.", Kind.BOILERPLATE),
    ("Die Seite nutzt JavaScript für Karten und Grafiken in vielen Artikeln.", Kind.PROSE),
])
def test_a_javascript_notice_in_other_languages_is_furniture(line: str, kind: Kind) -> None:
    assert classify_lines([line])[0].kind is kind


def test_a_sentence_about_sharing_is_not_a_share_label() -> None:
    assert classify_lines(["Teilen Sie dies mit allen Nachbarn im Viertel:"])[0].kind not in DROPPED


def _blog_page(body: list[str]) -> str:
    return "\n".join([
        "Ein Abend am See | Notizen", "Notizen", "Start", "Archiv", "Über mich",
        "Ein Abend am See", "14. Juni 2013 um 20:51",
        *body,
        "Teilen Sie dies mit:", "Twitter", "Facebook", "Gefällt mir:", "Ähnliche Beiträge",
        "Kommentar verfassen", "Deine E-Mail-Adresse wird nicht veröffentlicht.",
    ])


def test_article_of_short_lines_under_its_headline_is_kept() -> None:
    dialogue = ["„Wir sollten heute noch an den See fahren, bevor es dunkel wird“",
                "– „Es ist doch schon viel zu kalt dafür“",
                "– „Dann nehmen wir eben die dicken Jacken mit“",
                "– „Na gut.“"]
    art = extract_text(_blog_page(dialogue), source="t")
    assert art.text.split("\n\n") == dialogue


def test_captions_between_like_counters_under_a_headline_are_kept() -> None:
    # A photo story: each caption followed by its like and comment counts and a save button.
    captions = ["Die alte Werkbank steht jetzt unter dem Fenster zum Hof.",
                "Im Flur hängen die Bilder von unseren Reisen an den See.",
                "Der Sessel vom Flohmarkt ist mein liebster Platz zum Lesen."]
    body = [x for c in captions for x in (c, "3", "17", "Merken")]
    text = extract_text(_blog_page(["Bayern", *body]), source="t").text
    assert all(c in text for c in captions)
    assert "Twitter" not in text


@pytest.mark.parametrize("footer", [[], ["Unser kleiner Laden hat auch am Sonntag für euch geöffnet."]])
def test_a_short_post_under_its_date_is_kept_when_no_block_and_no_title_is_found(footer: list[str]) -> None:
    # inscriptis drops <title>: no headline to anchor on, and no line of the post reads as prose;
    # the chooser finds nothing, or a sentence too short to be an article (the footer's).
    dialogue = ["„Wir sollten heute noch an den See fahren, bevor es dunkel wird“",
                "– „Es ist doch schon viel zu kalt dafür“", "– „Na gut.“"]
    page = "\n".join(["Notizen", "Start", "Archiv", "Ein Abend am See", "14. Juni 2013 um 20:51", *dialogue,
                      "Teilen Sie dies mit:", "Twitter", "Facebook", "Gefällt mir:", "Ähnliche Beiträge",
                      "Archiv", "Oktober 2014", "Juni 2013", "Mai 2012", *footer])
    assert extract_text(page, source="t").text.split("\n\n") == dialogue


def test_a_headline_repeated_with_other_quotes_anchors_the_post() -> None:
    # <title> writes a straight apostrophe, the page a typographic one: still the headline.
    dialogue = ["„Wir sollten heute noch an den See fahren, bevor es dunkel wird“",
                "– „Es ist doch schon viel zu kalt dafür“",
                "– „Dann nehmen wir eben die dicken Jacken mit“"]
    page = "\n".join([
        "Omas Keks'n Tee am See | Notizen", "Notizen", "Start", "Archiv", "Über mich",
        "Omas Keks’n Tee am See", "14. Juni 2013 um 20:51", *dialogue,
        "Teilen Sie dies mit:", "Twitter", "Facebook", "Gefällt mir:", "Ähnliche Beiträge",
        "Dieses Blog schreibe ich seit vielen Jahren in meiner freien Zeit, meistens abends und am Wochenende.",
    ])
    assert extract_text(page, source="t").text.split("\n\n") == dialogue


def test_labels_under_a_headline_are_still_no_article() -> None:
    art = extract_text(_blog_page(["Kategorie: Alltag", "Schlagworte: See"]), source="t")
    assert art.text == ""


def test_a_sentence_broken_over_lines_is_prose() -> None:
    # A paragraph with <br> inside: each piece alone is too short, or has no sentence end.
    lines = classify_lines([
        "The old mill by the river was turned into a small museum,",
        "where visitors can see how flour was ground",
        "before the railway came to the valley.",
    ])
    assert [ln.kind for ln in lines] == [Kind.PROSE] * 3


@pytest.mark.parametrize("lines", [
    # A menu in lower case: no piece ends a sentence.
    ["home and garden", "news of the week", "contact the team"],
    # A user name and an icon label run into the next line are single tokens, not sentence parts.
    ["Head of the local desk", "j.doe@example.org", "bookmark_add",
     "info Click the icon to add this topic to the topics you follow."],
])
def test_lines_that_do_not_continue_a_sentence_stay_short(lines: list[str]) -> None:
    assert [ln.kind for ln in classify_lines(lines)[:3]] == [Kind.SHORT] * 3


LISTED_POST = [
    "Repair café | Notes", "Notes", "Home", "Archive", "About",
    "Repair café", "14 June 2013",
    "Our repair café opens again next Saturday in the hall behind the library on Mill Street.",
    "Volunteers will mend what they can while you wait, and there is coffee for everyone who comes.",
    "Please bring the broken thing itself and, if you still have them, the following:",
    # Items too short to read as verses: the block finder alone stops at the colon.
    "its charger",
    "spare parts",
    "a short note",
]


def test_a_list_the_last_sentence_announces_is_kept() -> None:
    page = [*LISTED_POST, "Share this:", "Twitter", "Facebook", "Related posts", "Another evening"]
    text = extract_text("\n".join(page), source="t").text
    assert all(item in text for item in LISTED_POST[-3:])
    assert "Twitter" not in text


def test_an_announced_list_stops_at_a_menu() -> None:
    page = [*LISTED_POST, "Blog", "Shop", "Contact", "Imprint", "Privacy"]
    text = extract_text("\n".join(page), source="t").text
    assert LISTED_POST[-1] in text
    assert "Shop" not in text and "Imprint" not in text


def test_items_of_a_list_inside_the_prose_read_as_text() -> None:
    lines = classify_lines([
        "Before the walk along the ridge, every member of the group should pack the following:",
        "water",
        "a map",
        "rain gear",
        "Those who forget their rain gear can borrow a jacket from the club house before they leave.",
    ])
    assert [ln.verse for ln in lines[1:4]] == [True, True, True]


@pytest.mark.parametrize("tail", [
    # No prose below: the fields of a form, not a list in the article.
    ["Name", "E-Mail", "Website"],
    # A menu right under the colon.
    ["Home", "Shop", "Blog", "Contact", "Those who forget their rain gear can borrow a jacket from the club house."],
])
def test_short_lines_after_a_colon_that_are_no_list_stay_as_they_are(tail: list[str]) -> None:
    lines = classify_lines(["Fill in the form below to leave a comment on this post of ours:", *tail])
    assert not any(ln.verse for ln in lines)


def test_a_spam_trap_label_is_furniture() -> None:
    assert classify_lines(["Leave this field empty if you're human:"])[0].kind is Kind.BOILERPLATE
    assert classify_lines(["Leave this field to the experts, the mayor said."])[0].kind is Kind.PROSE


def _recipe_page(records: list[str]) -> str:
    return "\n".join([
        "Plum crumble | Kitchen notes", "Kitchen notes", "Home", "Recipes", "About",
        "Plum crumble", "Ingredients",
        *records,
        "Method",
        "Halve the plums, take out the stones and lay them cut side up in a buttered dish.",
        "Rub the butter into the flour and sugar with your fingertips until it looks like coarse sand.",
        "Scatter the crumbs over the fruit and bake for about forty minutes until the top is golden.",
        "Share this:", "Twitter", "Facebook", "Related posts", "Apple cake",
    ])


QUANTITIES = ["600 g ripe plums", "120 g cold butter", "180 g plain flour", "90 g brown sugar"]


def test_quantities_right_above_the_steps_are_kept() -> None:
    text = extract_text(_recipe_page(QUANTITIES), source="t").text
    assert all(q in text for q in QUANTITIES)
    assert "Twitter" not in text and "Recipes" not in text


def test_quantities_behind_list_bullets_are_kept() -> None:
    # inscriptis writes list items with a bullet ("* 600 g ..."), nested ones with "+ " or "o ".
    bulleted = [f"* {q}" for q in QUANTITIES[:2]] + [f"+ {q}" for q in QUANTITIES[2:]]
    text = extract_text(_recipe_page(bulleted), source="t").text
    assert all(q in text for q in QUANTITIES)
    assert "Recipes" not in text


@pytest.mark.parametrize("records", [
    # Breadcrumbs as inscriptis numbers them, a live feed's clock times, counters of two words.
    ["1. Home", "2. Recipes", "3. Baking", "4. Plum crumble"],
    ["* 1. Home", "* 2. Recipes", "* 3. Baking", "* 4. Plum crumble"],
    ["11:14 Anna Berg", "11:09 Anna Berg", "10:58 Tom Kerr", "10:41 Tom Kerr"],
    ["4 comments", "12 likes", "3 shares", "9 saves"],
    # Only two records: too few to be a list.
    ["600 g ripe plums", "120 g cold butter"],
])
def test_number_led_lines_that_are_no_records_stay_out(records: list[str]) -> None:
    text = extract_text(_recipe_page(records), source="t").text
    assert "Halve the plums" in text
    assert not any(r in text for r in records)


def _minutes_page(header: list[str]) -> str:
    return "\n".join([
        "Board meeting in March | Garden club", "Garden club", "Home", "Events", "Members",
        "Board meeting in March", "12 March 2019",
        *header,
        "The board agreed to rent two more plots behind the school and to ask the town for a water tap.",
        "The spring fair will take place on the first Saturday of May, and members are asked to bake.",
        "The treasurer reported that the fees for this year have been paid by all but three members.",
        "Share this:", "Twitter", "Facebook", "Related posts", "Board meeting in February",
    ])


def test_fields_of_a_fact_sheet_above_the_text_are_kept() -> None:
    fields = ["Place: the library's back room", "Present: Ann Lee, Bo Chen, Cara Diaz", "Minutes: Bo Chen"]
    text = extract_text(_minutes_page(fields), source="t").text
    assert all(f in text for f in fields)
    assert "Events" not in text


def test_headlines_with_a_colon_between_other_lines_are_no_fields() -> None:
    teasers = ["Spring fair: what to bring", "Seed swap", "Compost: the basics", "Tool shed", "Bees: a new hive"]
    text = extract_text(_minutes_page(teasers), source="t").text
    assert "The board agreed" in text
    assert not any(t in text for t in teasers)


def _profile_page(tail: list[str]) -> str:
    return "\n".join([
        "About us | Two on stage", "Two on stage", "Home", "Dates", "Press", "About us",
        "We are two friends who have written comic songs together since the autumn of 2009.",
        "What began as a blog of short sketches turned into evenings on small stages around town.",
        "Since then we have played in cellars, bookshops and once, by mistake, at a wedding.",
        "Our songs are about the small troubles of daily life, from lost keys to the neighbour's dog.",
        "Press kit and photos", "Selected work",
        *tail,
        "Tweet", "Like Loading...", "Leave a reply",
    ])


CV = ["October 2015", "Host of a monthly late show in a city theatre",
      "March 2014", "Our second programme opens", "Two evenings of songs about nothing at all",
      "2010", "First reading with a band in front of a real audience",
      "2008-2012", "A hundred episodes of bad puns, badly acted"]


def test_a_chronicle_below_the_text_is_kept() -> None:
    text = extract_text(_profile_page(CV), source="t").text
    assert "We are two friends" in text
    assert all(line in text for line in CV)
    assert "Tweet" not in text


@pytest.mark.parametrize("tail", [
    # An archive's list of months (no item under a date), and teasers under full dates (a feed).
    ["October 2015", "September 2015", "August 2015", "July 2015", "June 2015"],
    ["12 October 2015", "Our new show", "3 March 2014", "A night in the cellar", "9 May 2010", "On tour"],
    # Only two dates: too few to be a chronicle.
    ["October 2015", "Host of a monthly late show", "2010", "First reading with a band"],
])
def test_dated_lines_that_are_no_chronicle_stay_out(tail: list[str]) -> None:
    text = extract_text(_profile_page(tail), source="t").text
    assert "We are two friends" in text
    assert not any(t in text for t in tail)


def test_a_post_titled_by_two_words_under_its_title_is_kept() -> None:
    # The title's first piece has two words (a date as the title), so the masthead repeating its
    # outlet part is all the headline finder sees; the post (a list of links) runs under the title.
    links = ["Town council votes for a new bridge over the canal", "via the local paper https://example.org/a",
             "Why old maps still matter to sailors", "via a sailing blog https://example.org/b",
             "A bakery that opens only at night", "via the city magazine https://example.org/c"]
    page = "\n".join([
        "Linkdump 03/05/2021 – My little corner", "Skip to content", "My little corner",
        "Home", "About", "Contact", "Linkdump 03/05/2021", "on 5 March 2021 by Sam in Links", *links,
        "Share this:", "Twitter", "Facebook", "Like Loading...", "Related posts",
    ])
    text = extract_text(page, source="t").text
    assert all(line in text for line in links)
    assert "Twitter" not in text and "About" not in text


def _credits_page(tail: list[str]) -> str:
    return "\n".join([
        "Hoops for summer | Shiny things", "Shiny things", "Home", "Beauty", "Fashion",
        "Hoops for summer", "Friday, 14 June 2019, by Mia",
        "Summer is here, the short dresses come out again and the hair goes up: the best time of the year "
        "to show off what you wear on your ears, from small studs to the big hoops of the seventies.",
        "Silver flash",
        "A small maker now sells charms that clip onto any hoop, so each pair can look different every day.",
        "Hoop: Little Moon", "Charm: Little Moon",
        "If you have no pierced ears and still do not want to go without, a bold ear cuff does the same job: "
        "this one is made by a small workshop by the sea, it stays put all day long and it does not pinch.",
        *tail,
        "Related posts", "The best sandals of the season",
    ])


CREDITS = ["Golden glow",
           "The charms also fit larger and thicker hoops, and of course there are gold ones as well.",
           "Hoop and charm: Little Moon", "Ear cuff: Daisy Row", "Hoop: Star Hoops"]


def test_credits_below_a_block_holding_credits_are_kept() -> None:
    text = extract_text(_credits_page(CREDITS), source="t").text
    assert all(line in text for line in CREDITS)
    assert "Related posts" not in text and "sandals" not in text


@pytest.mark.parametrize("tail", [
    # One field below (a link back, a teaser) and a run cut by two other lines.
    ["Back to: Beauty"],
    ["Newsletter", "Sign up now", "Hoop: Star Hoops", "Ear cuff: Daisy Row"],
])
def test_fields_below_that_do_not_go_on_stay_out(tail: list[str]) -> None:
    text = extract_text(_credits_page(tail), source="t").text
    assert "Hoop: Little Moon" in text
    assert not any(t in text for t in tail)
