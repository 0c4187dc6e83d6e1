"""Failure classes of the flattened-text cleaner found on real pages: a reader-comment thread
longer than the post, a "Read more" link between two sections, the page title repeated over
a teaser list before the article. Texts are our own."""

from __future__ import annotations

from newsloom.extract.text import extract_text

POST = [
    "The county council voted on Tuesday to keep the old ferry running for another three winters.",
    "Councillors said the crossing carries about four hundred commuters a day when the bridge is shut.",
    "A study of a new landing stage will be published in the spring, officials said after the meeting.",
]
COMMENTS = []
for n, (name, words) in enumerate([("Ravi", "fares"), ("Olga", "queues"), ("Tom", "timetables"),
                                   ("Ines", "parking"), ("Ken", "tickets")]):
    COMMENTS += [f"{name} March {n + 3}, 2024 at 9:{10 + n} pm",
                 f"I have used this ferry for years and the {words} have never been worse than this winter, "
                 "honestly the council should have replaced it long ago instead of patching it again and again.",
                 f"Anyone else think the {words} problem will only get worse once the study comes out next spring?"]


def test_a_comment_thread_longer_than_the_post_does_not_win() -> None:
    page = ["Ferry kept for three more winters - County Courier", "Home", "News",
            "Ferry kept for three more winters", "By Jo Bell, March 2, 2024", *POST,
            "5 comments", *COMMENTS, "About us", "Contact"]
    art = extract_text("\n".join(page), source="t")
    assert POST[0] in art.text and POST[-1] in art.text
    assert "honestly the council" not in art.text


def test_live_entries_with_a_time_alone_are_not_a_thread() -> None:
    entries = []
    for n in range(5):
        entries += [f"10:{10 + n}", f"Update {n}: the ferry left the north landing with {40 + n} passengers aboard and "
                    "crossed the river in eleven minutes despite the strong wind reported by the harbour office."]
    page = ["Ferry crossing live - County Courier", "Home", "Ferry crossing live", *entries, "About us"]
    art = extract_text("\n".join(page), source="t")
    assert all(e in art.text for e in entries[1::2])


def test_a_read_more_line_between_sections_does_not_end_the_article() -> None:
    second = ["The ferry company said it would hire two extra crew members for the coming season, and that "
              "the timetable printed last autumn would stay in force until the end of the next school year.",
              "Its chief executive said the boat had been inspected in January and was found sound, although "
              "the engine room needs new pumps and the passenger deck will be repainted before the summer.",
              "Passengers will pay the same fares as this year, the company added, and season tickets bought "
              "before the vote remain valid on every crossing, including the late boat on Friday evenings."]
    page = ["Ferry kept for three more winters - County Courier", "Home", "Ferry kept for three more winters",
            *POST, "Read more: Bridge repairs delayed again", "What the operator says", *second,
            "Related stories", "Bridge repairs delayed again", "Subscribe to our newsletter"]
    art = extract_text("\n".join(page), source="t")
    assert POST[0] in art.text and second[-1] in art.text
    assert "Read more" not in art.text


def test_the_article_under_an_earlier_repeat_of_the_title_wins_over_a_footer_block() -> None:
    hidden = [f"The paper was founded in {1880 + n} by two printers from the valley, who sold it at the market "
              "on Saturdays and delivered the rest of the copies to the farms along the river road by cart."
              for n in range(2)]
    footer = ["Weather", "Sport", "Letters", "Jobs", "Events", "Archive", "Puzzles", "Obituaries", "Travel",
              "Food", "Homes", "Motoring", "Schools", "Podcasts", "Contact us", "Advertise"]
    page = ["Ferry kept for three more winters - County Courier", "Home",
            "Ferry kept for three more winters", *POST,
            "More news", "Ferry kept for three more winters", "Bridge repairs delayed again", *footer,
            "Copyright 2024 County Courier. All rights reserved.", *hidden]
    art = extract_text("\n".join(page), source="t")
    assert POST[0] in art.text and "printers" not in art.text


def test_a_feed_of_teasers_each_closed_by_a_read_on_link_does_not_win() -> None:
    feed = []
    for topic in ("orchard", "library", "marathon", "brewery", "observatory"):
        feed += [f"New {topic} opens next month", f"The {topic} on the hill will open its doors next month after two "
                 "years of work, and the first visitors can book a guided tour online from Monday onwards. The "
                 "council expects several thousand people in the first summer and has asked the bus company to "
                 "add an hourly service from the station on weekends until the end of September.",
                 "READ THE REST"]
    page = ["Ferry kept for three more winters / County Courier", "Ferry kept for three more winters", *POST,
            "Share / Tweet", *feed, "Terms of Service"]
    art = extract_text("\n".join(page), source="t")
    assert POST[0] in art.text and "guided tour" not in art.text


def test_a_cookie_settings_dialog_is_not_the_article() -> None:
    dialog = []
    for kind in ("notwendige", "statistische", "externe"):
        dialog += [f"{kind.capitalize()} Cookies",
                   f"Diese {kind} Cookies werden auf Ihrem Gerät gespeichert, damit die Seite Ihre Auswahl kennt "
                   "und Sie beim nächsten Besuch nicht erneut gefragt werden, was wir sehr bedauern würden.",
                   f"Hier klicken, um {kind} Cookies zu aktivieren oder zu deaktivieren, wann immer Sie wollen."]
    article = ["Die Fähre über den Fluss fährt drei weitere Winter, wie der Kreistag am Dienstag beschlossen hat.",
               "Nach Angaben der Verwaltung nutzen täglich rund vierhundert Pendler die Verbindung."]
    page = ["Fähre fährt drei weitere Winter - Kreisbote", "Startseite", "Fähre fährt drei weitere Winter",
            *article, "Artikel teilen", "Datenschutz", *dialog, "Einstellungen speichern"]
    art = extract_text("\n".join(page), source="t")
    assert article[0] in art.text and "Gerät gespeichert" not in art.text


def test_long_comments_between_short_ones_are_part_of_the_thread() -> None:
    from newsloom.extract.blocks import comment_lines
    from newsloom.extract.classify import classify_lines
    from newsloom.extract.text import split_lines

    essay = [f"Point {n}: the ferry's {w} were the reason my family moved back to the island, and the council has "
             "never once asked the people who depend on the crossing what they would want from a replacement."
             for n, w in enumerate(("fares", "timetables", "crews", "landings", "ramps", "cafés", "cabins"))]
    page = ["Ferry kept for three more winters - County Courier", "Home", "Ferry kept for three more winters",
            "By Jo Bell, March 2, 2024", *POST, "7 comments", *COMMENTS[:6],
            "Mira March 9, 2024 at 8:05 pm", *essay, *COMMENTS[6:], "About us"]
    lines = classify_lines(split_lines("\n".join(page)))
    thread = comment_lines(lines)
    # The essay runs to seven paragraphs under its stamp, more than a comment usually does, but it
    # sits among short comments: it is one of them.
    assert {i for i, ln in enumerate(lines) if ln.text in essay} <= thread
    art = extract_text("\n".join(page), source="t")
    assert POST[0] in art.text and "Point 3" not in art.text
