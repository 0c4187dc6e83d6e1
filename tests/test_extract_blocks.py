"""The flattened-text cleaner's block model on articles that are not runs of long paragraphs:
verses, agendas, short answers. Texts are our own."""

from __future__ import annotations

from newsloom.extract.blocks import verses
from newsloom.extract.classify import classify_lines
from newsloom.extract.text import extract_text
from newsloom.extract.verdict import headline_repeats

MENU = ["Start", "News", "Music", "Interviews", "Contact", "Search"]
RELATED = ["Related posts", "Local band wins regional prize", "12 March 2024",
           "Festival lineup announced for summer", "11 March 2024", "Choir tour ends in the capital", "10 March 2024"]
POEM = [
    "The river took the bridge away in the night",
    "and we stood on the bank with our lamps",
    "watching the water that was once our road",
    "and nobody said a word until the morning came",
    "when the ferryman rowed across to fetch us all",
    "and the children asked him where the bridge had gone",
]


def test_verse_lines_are_recognised_in_runs_only() -> None:
    lines = classify_lines([*MENU, *POEM, *RELATED])
    found = verses(lines)
    assert found == set(range(len(MENU), len(MENU) + len(POEM)))


def test_poem_page_yields_the_poem_not_the_menus() -> None:
    page = "\n".join(["The bridge - Riverside Verse", *MENU, "The bridge", "Posted by Ana on 12 March 2024",
                      *POEM, "Share", "Facebook", *RELATED, "Imprint", "Privacy"])
    text = extract_text(page, source="t").text
    for line in POEM:
        assert line in text
    assert "Festival lineup" not in text and "Music" not in text.split("\n")


def test_bulleted_links_are_not_verses() -> None:
    items = [f"* {line}" for line in POEM]
    assert verses(classify_lines(items)) == set()


def test_headline_holding_a_dash_is_found_below_the_title() -> None:
    lines = ["Bus plan – what changes in May - City Courier", "Home", "Bus plan – what changes in May", "text"]
    assert headline_repeats(lines) == [2]


def test_only_the_run_right_under_the_headline_weighs_double() -> None:
    post = ["The council approved the new night bus lines after a long debate on Tuesday evening.",
            "Two of the lines will start in May, the third one in the autumn, the transport office said."]
    said = ("I have waited years for this and I am glad that it finally happens in our district, because the "
            "last tram leaves before midnight and the taxis are far too expensive for most of us who work late. ")
    comments = [said * 2, "Ana · May 2, 2024", said * 2, "Tom · May 3, 2024", said * 2]
    page = ["Night buses approved - City Courier", "Home", "Night buses approved", "By Ana Ruiz",
            *post, "Tags", "3 comments", *comments]
    text = extract_text("\n".join(page), source="t").text
    assert post[0] in text and said not in text


def test_numbered_contents_list_does_not_split_a_list_article() -> None:
    intro = ["Five towns changed their bus networks this year, and each of them did it in a different way.",
             "We looked at what worked, what did not, and what riders in each town think of the result.",
             "The towns are listed from the smallest to the largest, with the number of lines before and after."]
    # Three-word items: shorter than the table rows the block model already counts.
    towns = ["Arles", "Brno", "Cork", "Delft", "Eger"]
    items = [f"{n}. {town}" for n, town in enumerate(towns, 1)]
    body = []
    for n, item in enumerate(items, 1):
        body += [item,
                 f"The {n}th town cut its lines from twelve to eight and made every one of them run more often "
                 "through the day, which the riders we spoke to say has made the waits much shorter."]
    page = ["Five towns, five bus networks - Transit Weekly", "Home", "Five towns, five bus networks",
            *intro, "Contents", *items, *body, "Newsletter", "Imprint"]
    text = extract_text("\n".join(page), source="t").text
    assert intro[0] in text and body[-1] in text


def test_empty_bullets_between_paragraphs_do_not_split_the_article() -> None:
    first = ("The university opened its new library on Monday, two years later than planned and at twice the "
             "cost, but students queued from early morning to get one of the six hundred reading places.")
    second = ("Inside, the building keeps the old reading room of the first library, whose ceiling was taken "
              "down piece by piece, restored in a workshop and put back in the new hall last spring by hand.")
    third = "Most of the old books are still in storage and will come back to the shelves over the winter."
    page = ["Menu", "* News", "* Campus", "New library opens", "By Lea Stein", first, "* Photo: Lea Stein",
            "*", "*", "*", "*", "* Share", second, third, "Related articles", "* Campus café closes early", "*"]
    text = extract_text("\n".join(page), source="t").text
    assert first in text and second in text


def test_soft_hyphens_and_decomposed_letters_are_read_as_words() -> None:
    from newsloom.extract.paragraphs import visible_text

    assert visible_text("Wei\u00adne aus Ita\u00adli\u00aden") == "Weine aus Italien"
    assert visible_text("Cafe\u0301") == "Caf\u00e9"
    page = "\n".join(["Menu", "Der Wein\u00adbau im Tal wächst seit zehn Jahren, sagen die Win\u00adzer des Ortes, "
                       "und in diesem Herbst wurde mehr geerntet als in jedem anderen Jahr zuvor."])
    assert "Weinbau" in extract_text(page, source="t").text


def test_the_title_repeated_in_a_list_of_headlines_below_is_not_the_headline() -> None:
    from newsloom.extract.blocks import Marks, main_block

    title = "Ferry service returns to the island"
    article = ["The ferry to the island sails again from Monday after the winter break, the harbour office said on Friday.",
               "Tickets can be bought on board or at the harbour, and the first boat leaves at seven in the morning.",
               "The service runs four times a day until the end of the season in late October this year."]
    footer = ["Most read", "Bakery closes after forty years", title, "New road to the valley opens",
              "Town hall elects a new mayor this week", "The market moves to the square on Saturday in spring."]
    raw = [f"{title} - Island News", "Home", "News", title, *article, "Share", *footer, "About us"]
    lines = classify_lines(raw)
    repeats = headline_repeats(raw)
    assert repeats == [3, 10]
    marks = Marks(first_sidebar=len(lines))
    main_block(lines, repeats[-1], repeats, marks)
    # The repeat over the article heads it; the one among other headlines heads nothing.
    assert marks.headline == 3


_MENU_TOPICS = ["Faith", "Worship", "Music", "Schools", "Youth", "Travel", "Archive", "Help"]


def _mega_menu_page() -> str:
    menu: list[str] = []
    for topic in _MENU_TOPICS:
        menu.append(f"{topic} The church offers its members and guests many ways to take part in the life of the "
                    f"parish, and this part of the site says how they can find the way in.")
        menu.append(f"{topic} courses and dates ... open this page")
        menu.append(f"{topic} people to ask ... open this page")
    article = ["The bishop spoke to the synod on Friday about the future of the Sunday service in small villages.",
               "He said that the parishes should share their pastors and that the choirs should sing in more than one church.",
               "The synod will vote on the plan in the spring, after the parishes have had time to discuss it."]
    return "\n".join(["Bishop speaks to the synod - Church News", "Menu", *menu, "Topics", "Bishop speaks to the synod",
                      "12.11.2021", *article, "Share", "About us"])


def test_a_mega_menu_of_templated_links_does_not_outweigh_the_article() -> None:
    text = extract_text(_mega_menu_page(), source="test").text
    assert text.startswith("The bishop spoke to the synod")
    assert "open this page" not in text and "many ways to take part" not in text
