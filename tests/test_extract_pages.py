"""Extraction on whole pages of our own: error pages, bare bylines, sign-up boxes, outlet memory."""

from __future__ import annotations

import pytest

from newsloom.extract import OutletMemory, extract, extract_document
from newsloom.extract.byline import find_datetime, parse_bare_byline

PROSE = [
    "The regional water board said on Thursday that the reservoir had reached its lowest level in a decade.",
    "Engineers will lower the pressure in the mains overnight to save water until the autumn rains arrive.",
    "Farmers in the valley have been told to expect cuts of up to a third in their irrigation quotas.",
    "The board's chair said the measures were painful but that the alternative was an empty reservoir.",
    "A public meeting on the plan will be held at the town hall next Wednesday evening.",
]
PARAS = "".join(f"<p>{p}</p>" for p in PROSE)


def _page(title: str, main: str, head: str = "") -> str:
    return (f"<html><head><title>{title} | Valley Times</title>"
            f"<meta property='og:site_name' content='Valley Times'>{head}</head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
            "<li><a href='/sport'>Sport</a></li></ul></nav>"
            f"<main>{main}</main><footer><p>© 2024 Valley Times Ltd</p></footer></body></html>")


@pytest.mark.parametrize("heading,line", [
    ("Page not found", "The page you are looking for may have been moved or deleted. Go back to the front page."),
    ("Oops! That page can't be found.", "It looks like nothing was found at this location. Maybe try a search?"),
    ("Error 404", "Nothing lives at this address any more."),
    ("Seite nicht gefunden", "Die gewünschte Seite existiert leider nicht mehr."),
])
def test_error_pages_have_no_article(heading: str, line: str) -> None:
    page = _page(heading, f"<h1>{heading}</h1><p>{line}</p><form><input name='q'><button>Search</button></form>")
    art = extract(page, source="missing.html")
    assert art.text == "" and art.paragraphs == []
    assert art.extraction["note"] == "no article found: error page"


def test_article_whose_headline_mentions_a_missing_page_is_kept() -> None:
    title = "Court rules the archive page was not found in time"
    art = extract(_page(title, f"<article><h1>{title}</h1>{PARAS}</article>"), source="a.html")
    assert art.paragraph_texts() == PROSE
    assert "note" not in art.extraction


def test_stub_page_with_too_little_text_has_no_article() -> None:
    art = extract(_page("Members only", "<h1>Members only</h1><p>Log in to continue.</p>"), source="stub.html")
    assert art.text == "" and art.extraction["note"].startswith("no article found")


def test_flattened_error_page_has_no_article() -> None:
    text = "\n".join(["Page not found - Valley Times", "Home", "News", "Sport", "Page not found",
                      "We could not find what you were looking for. Try the search box above.", "© 2024 Valley Times"])
    art = extract(text, source="missing.txt")
    assert art.text == "" and art.extraction["note"] == "no article found: error page"


def test_short_clean_text_is_still_an_article() -> None:
    art = extract("Water cuts\nThe reservoir is at its lowest level in ten years.", source="note.txt")
    assert art.paragraph_texts() == ["The reservoir is at its lowest level in ten years."]


@pytest.mark.parametrize("line,author,published", [
    ("Marta Kowalczyk, Gdańsk · 4 March 2024, 09:30 CET · updated 05.03.2024 10:00",
     "Marta Kowalczyk", "2024-03-04T09:30+01:00"),
    ("José Luis Ortega | 12 May 2023", "José Luis Ortega", "2023-05-12"),
    ("Ingrid van der Berg · March 3, 2024 8:00 PM", "Ingrid van der Berg", "2024-03-03T20:00"),
    ("Aleksandra Nowak-Żuk, Warsaw — 2 June 2022", "Aleksandra Nowak-Żuk", "2022-06-02"),
])
def test_bare_byline_shapes(line: str, author: str, published: str) -> None:
    byline = parse_bare_byline(line)
    assert byline is not None
    assert byline.authors == [author] and byline.published == published


@pytest.mark.parametrize("line", [
    "WORLD NEWS | 3 March 2024",
    "Published | 3 March 2024",
    "The council met again · 3 March 2024",
    "Updated Monday · 3 March 2024",
    "Marta Kowalczyk, Gdańsk · a long day of talks",
    "Marta Kowalczyk said the vote on 3 March 2024 was close",
])
def test_not_bare_bylines(line: str) -> None:
    assert parse_bare_byline(line) is None


def test_numeric_european_dates() -> None:
    assert find_datetime("updated 12.07.2023 08:10").iso == "2023-07-12T08:10"
    assert find_datetime("31.02.2023") is None  # no such day: never invented


def test_scrape_with_bare_byline_and_update_stamp() -> None:
    text = "\n".join([
        "Menu", "Search", "Valley Times", "News", "Sport",
        "Support local reporting: give monthly or once →",
        "Reservoir at lowest level in a decade",
        "",
        "Marta Kowalczyk, Riverton · 4 March 2024, 09:30 CET · updated 05.03.2024 10:00",
        "",
        *PROSE,
        "Sign up for our newsletter", "Email address *", "© Valley Times 2024",
    ])
    art = extract(text, source="scrape.txt")
    assert art.authors == ["Marta Kowalczyk"]
    assert art.published == "2024-03-04T09:30+01:00" and art.modified == "2024-03-05T10:00"
    assert art.title == "Reservoir at lowest level in a decade"
    assert art.paragraph_texts() == PROSE


def test_outlet_keeps_the_masthead_form_of_the_copyright_holder() -> None:
    text = "\n".join(["VALLEY TIMES", "Home | News | Sport", "Reservoir at lowest level in a decade",
                      "By Marta Kowalczyk | 4 March 2024", *PROSE, "Contact | Privacy",
                      "© 2024 Valley Times Media Group Ltd"])
    art = extract(text, source="scrape.txt")
    assert art.outlet == "Valley Times"


def _with_box(box: str) -> str:
    return _page("Reservoir at lowest level in a decade",
                 f"<article><h1>Reservoir at lowest level in a decade</h1>{PARAS}</article>{box}")


@pytest.mark.parametrize("box", [
    "<section class='vt-signup'><h3>The Valley Morning</h3><p>Local news in your inbox before work.</p>"
    "<input type='email' placeholder='you@example.com'><button>Join</button></section>",
    "<div class='NewsletterPromo'><h4>Weekend Reads</h4><p>Our best long stories, every Saturday.</p></div>",
    "<aside><h3>Weekly Digest</h3><p>Five stories worth your time.</p><form><input name='e'></form></aside>",
])
def test_signup_box_after_the_article_is_dropped(box: str) -> None:
    art = extract(_with_box(box), source="box.html")
    assert art.paragraph_texts() == PROSE


def test_large_subscriber_wrapper_is_not_a_box() -> None:
    page = _page("Reservoir", f"<div class='subscriber-content'><h1>Reservoir</h1>{PARAS}</div>")
    assert extract(page, source="paywall.html").paragraph_texts() == PROSE


def test_outlet_memory_learns_repeated_html_paragraphs() -> None:
    appeal = "Valley Times is owned by its readers: chip in for the journalism you use"
    others = [
        ["The ferry between the two lake towns will run every hour from May, the operator said on Monday.",
         "Tickets will cost the same as last year, but children under twelve will travel free of charge.",
         "The operator said it had hired six new crew members to staff the extra crossings this summer.",
         "Residents had asked for more crossings since the bridge closed for repairs in the winter."],
        ["The town library will open on Sundays from next month after a vote by the district council.",
         "Volunteers will staff the front desk, while the council will pay for two extra librarians.",
         "The library's director said Sunday opening had been the most common request from readers.",
         "The trial will last a year, after which the council will decide whether to make it permanent."],
    ]
    memory = OutletMemory()
    from newsloom.model import Document

    for i, paras in enumerate([*others, PROSE]):
        main = "<article><h1>Story</h1>" + "".join(f"<p>{p}</p>" for p in paras) + f"<p>{appeal}</p></article>"
        page = _page(f"Story {i}", main)
        doc = Document(raw=page.encode(), source=f"p{i}.html", media_type="text/html",
                       meta={"url": f"https://www.valleytimes.example/story-{i}"})
        art = extract_document(doc, memory=memory)
    assert art.paragraph_texts() == PROSE
    assert memory.outlets() == ["valleytimes.example"]
    # The same page again is not its own boilerplate.
    again = extract_document(doc, memory=memory)
    assert again.paragraph_texts() == PROSE


MENU = ["Home", "News", "Sport", "Weather", "Opinion", "Culture", "Travel", "Podcasts"]
SIDEBAR = ["Most read", *(
    f"{p} The council is asking residents for their views on the plan for the harbour front." for p in ("1.", "2.")
), "Contact us", "© 2024 Valley Sport"]


def test_standings_table_is_the_article() -> None:
    rows = [f"{i} {team} {30 - i} {20 - i} {i} {10 - i // 2} {60 - 3 * i}" for i, team in enumerate(
        ["Harbour City", "Valley Rovers", "North End United", "Lakeside Athletic", "Old Town", "Riverside",
         "Mill Lane", "Castle Park", "St Anne's", "Quarry Town"], 1)]
    text = "\n".join(["Valley League table - Valley Sport", *MENU, "Valley League table", "Share this",
                      "Pos Team Played Won Drawn Lost Points", *rows, *SIDEBAR])
    art = extract(text, source="table.txt")
    assert art.paragraph_texts()[-len(rows):] == rows
    assert not any("council" in p for p in art.paragraph_texts())


def test_numbered_list_with_links_between_items_is_kept() -> None:
    intro = ("Our reporters tried the new cycle routes around the valley this summer, and these are the "
             "ones we would ride again with children, with friends or alone on a quiet morning.")
    items = []
    for i, name in enumerate(["The old railway path along the river", "Three bridges loop past the mills",
                              "Lakeside circuit with two cafe stops", "Forest climb to the radio mast"], 1):
        items += [f"{i}) {name}", f"https://maps.example/route/{i}"]
    text = "\n".join(["Best cycle routes in the valley - Valley Times", *MENU, "Best cycle routes in the valley",
                      intro, *items, *SIDEBAR])
    art = extract(text, source="list.txt")
    assert art.paragraph_texts() == [intro, *items]


def test_photo_captions_between_opening_paragraphs_do_not_split_the_article() -> None:
    text = "\n".join(["Reservoir at lowest level - Valley Times", *MENU, "Reservoir at lowest level",
                      "By Marta Kowalczyk | 4 March 2024", PROSE[0],
                      "The dam seen from the north shore on Monday Credit: Valley Times photo desk",
                      "Dry banks along the valley road Credit: Jan Nowak / Valley Photo Agency",
                      *PROSE[1:], *SIDEBAR])
    art = extract(text, source="captions.txt")
    assert art.paragraph_texts()[:1] == PROSE[:1]
    assert not any("Credit:" in p for p in art.paragraph_texts())


@pytest.mark.parametrize("heading", ["You may also like", "Leia também:", "Lesen Sie auch", "Читайте также",
                                     "Você pode gostar..."])
def test_teasers_under_a_sidebar_heading_are_not_the_article(heading: str) -> None:
    article = [" ".join(PROSE[:3]), " ".join(PROSE[3:])]
    teasers = []
    for topic in ("the new bridge", "the school budget", "the harvest fair", "the night buses", "the library",
                  "the ferry timetable", "the market square", "the swimming pool", "the cycle lanes"):
        teasers += ["Local news",
                    f"Residents were asked this week what they think about {topic}, and the answers were many: "
                    "some welcomed it, some asked for changes, and a few said the money should go elsewhere."]
    text = "\n".join(["Reservoir at lowest level - Valley Times", *MENU, "Reservoir at lowest level",
                      *article, heading, *teasers, "© 2024 Valley Times"])
    art = extract(text, source="teasers.txt")
    assert art.paragraph_texts() == article


@pytest.mark.parametrize("line,authors", [
    ("By Marta Kowalczyk and Jan Nowak, Valley Wire Thursday, March 7, 2024 4:25 AM", ["Marta Kowalczyk", "Jan Nowak"]),
    ("By Marta Kowalczyk, water correspondent", ["Marta Kowalczyk"]),
    ("By Marta Kowalczyk in Riverton", ["Marta Kowalczyk"]),
])
def test_bylines_with_agency_role_or_place(line: str, authors: list[str]) -> None:
    from newsloom.extract.byline import parse_byline

    assert parse_byline(line).authors == authors


def test_dateline_with_time_after_a_dot_and_an_update_time() -> None:
    from newsloom.extract.byline import parse_dateline

    assert parse_dateline("April 20, 2024 at 4:48 p.m. EDT Updated 7:02 p.m.") == ("published", "2024-04-20T16:48-04:00")
    text = "\n".join(["Reservoir at lowest level - Valley Times", *MENU, "Reservoir at lowest level",
                      "By Marta Kowalczyk", "March 4, 2024 · 7:30 pm EST · 4 min read", *PROSE, *SIDEBAR])
    art = extract(text, source="scrape.txt")
    assert art.published == "2024-03-04T19:30-05:00" and art.reading_time == "PT4M"


def test_outlet_from_the_title_suffix_shown_as_masthead() -> None:
    text = "\n".join(["Reservoir at lowest level | The Valley Times", "Accept cookies", "The Valley Times", *MENU,
                      "Reservoir at lowest level", *PROSE, "© 2024 Valley Media Cooperative"])
    art = extract(text, source="scrape.txt")
    assert art.outlet == "The Valley Times" and art.extraction["outlet_from"] == "masthead"


def test_reader_funding_appeal_is_not_a_paragraph() -> None:
    appeal = "The Valley Times is reader-funded. If you value it, chip in from $5."
    text = "\n".join(["Reservoir at lowest level - Valley Times", *MENU, "Reservoir at lowest level",
                      *PROSE, appeal, *SIDEBAR])
    assert extract(text, source="scrape.txt").paragraph_texts() == PROSE


@pytest.mark.parametrize("title", ["410 pages of testimony released", "500 hikers gone missing after storm"])
def test_numbers_in_headlines_are_not_error_codes(title: str) -> None:
    main = f"<article><h1>{title}</h1><p>{PROSE[0]}</p><p>{PROSE[1]}</p></article>"
    art = extract(_page(title, main), source="short.html")
    assert art.paragraph_texts() == PROSE[:2]
