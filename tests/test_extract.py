"""Extraction: text cleaner, bylines, outlet memory, HTML cascade and metadata, on texts of our own."""

from __future__ import annotations

import json

import pytest

from newsloom.extract import OutletMemory, extract, extract_document
from newsloom.extract.byline import find_datetime, parse_byline, parse_dateline
from newsloom.extract.classify import Kind, classify_lines
from newsloom.extract.lexicon import lexicon
from newsloom.extract.sniff import sniff_media_type
from newsloom.model import Document

PROSE = [
    "The city council voted on Tuesday to extend the night bus network to three outer districts.",
    "Officials said the change would cost about two million euros a year and start in the spring.",
    "Residents of the districts had asked for the service for years, according to the transport office.",
    "The opposition said the plan was welcome but came too late for workers on early shifts.",
    "A final decision on the timetable is expected at the next meeting of the transport committee.",
]

SCRAPE = "\n".join([
    "Support independent journalism — become a member today.",
    "Skip to content",
    "Home",
    "Politics",
    "Council extends night buses to outer districts",
    "",
    "by The Riverside Gazette news desk March 3, 2024 9:15 PM 3 min read",
    "Share",
    *PROSE,
    "Sign up for our newsletter",
    "Enter your email address",
    "* indicates required",
    "Most Read",
    "Mayor opens new library branch",
    "Storm warning issued for the coast",
    "© 2024 Riverside Gazette. All rights reserved.",
])


def test_flattened_scrape_keeps_only_the_article() -> None:
    art = extract(SCRAPE, source="scrape.txt")
    assert art.paragraph_texts() == PROSE
    assert art.title == "Council extends night buses to outer districts"
    assert art.authors == ["The Riverside Gazette news desk"]
    assert art.outlet == "The Riverside Gazette"
    assert art.published == "2024-03-03T21:15"
    assert art.reading_time == "PT3M"
    assert art.extraction["method"] == "text:cleaner"


def test_clean_text_passes_through_and_date_is_not_guessed() -> None:
    text = "Council extends night buses\n" + "\n".join(PROSE)
    art = extract(text, source="clean.txt")
    assert art.title == "Council extends night buses"
    assert art.paragraph_texts() == PROSE
    assert art.published is None and art.authors == [] and art.outlet is None


def test_paragraph_offsets_point_into_text() -> None:
    art = extract(SCRAPE, source="scrape.txt")
    for para, expected in zip(art.paragraphs, PROSE, strict=True):
        assert art.text[para.start:para.end] == expected


def test_text_without_article_says_so() -> None:
    art = extract("Home\nNews\nSport\nWeather\nSign up for our newsletter\nContact us", source="menu.txt")
    assert art.text == "" and art.paragraphs == []
    assert "no article" in art.extraction["note"]


def test_sidebar_feed_after_article_is_dropped() -> None:
    feed = ["News Feed", "10:40 AM", "Ministers meet to discuss the budget, sources say they are far apart on it.",
            "9:15 AM", "Heavy snow closes two mountain passes and the police ask drivers to stay at home."]
    art = extract("\n".join(["A headline for the story", *PROSE, *feed]), source="feed.txt")
    assert art.paragraph_texts() == PROSE


@pytest.mark.parametrize(
    ("line", "authors", "published"),
    [
        ("By Jane Roe and John Doe | March 3, 2024 10:15 pm EST", ["Jane Roe", "John Doe"], "2024-03-03T22:15-05:00"),
        ("By Ana Lima, 12 January 2023", ["Ana Lima"], "2023-01-12"),
        ("Written by Sam Park", ["Sam Park"], None),
    ],
)
def test_bylines(line: str, authors: list[str], published: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors and byline.published == published


def test_not_bylines() -> None:
    assert parse_byline("by the way, the meeting ran late into the night.") is None
    assert parse_byline("The council met on Tuesday.") is None
    assert parse_byline("By Monday, the ministry had agreed to the plan.") is None


def test_datelines_and_dates() -> None:
    assert parse_dateline("Published: 3 March 2024 10:15 GMT") == ("published", "2024-03-03T10:15+00:00")
    assert parse_dateline("Updated 2024-03-05 08:00") == ("modified", "2024-03-05T08:00")
    assert parse_dateline("The vote was held on March 3, 2024 after a long debate in the hall.") is None
    assert find_datetime("no date here") is None
    assert find_datetime("on February 30, 2023") is None  # not a real day: never invented


def test_classifier_kinds() -> None:
    lines = classify_lines(["Editors' Picks", "Subscribe to our newsletter", "Advertisement", PROSE[0], "Politics"])
    assert [ln.kind for ln in lines] == [Kind.SIDEBAR, Kind.BOILERPLATE, Kind.CHROME, Kind.PROSE, Kind.SHORT]


def test_lexicon_loads_and_compiles() -> None:
    lex = lexicon()
    assert lex.call_to_action.search("sign up for our newsletter")
    assert lex.sidebar_heading.match("editors' picks")
    assert lex.time_zones["UTC"] == "+00:00"


def test_outlet_memory_learns_repeated_lines_and_round_trips() -> None:
    memory = OutletMemory()
    footer = "Riverside Gazette is published by the Riverside Media Cooperative since 1921."
    for i in range(3):
        story = [f"Story number {i} headline", *[f"{p} (report {i})" for p in PROSE], footer]
        doc = Document(raw="\n".join(story).encode(), source=f"s{i}.txt", meta={"outlet": "Riverside Gazette"})
        art = extract_document(doc, memory=memory)
    assert footer not in art.text  # learned from the first two documents
    assert memory.known("riverside gazette", footer)
    restored = OutletMemory.from_json({o: memory.to_json(o) for o in memory.outlets()})
    assert restored.known("Riverside Gazette", footer)
    assert json.loads(memory.to_json("Riverside Gazette"))["docs"] == 3


def test_outlet_memory_ignores_a_resent_document() -> None:
    memory = OutletMemory()
    text = "\n".join(["Council extends night buses", *PROSE])
    for _ in range(3):
        art = extract_document(Document(raw=text.encode(), source="x.txt", meta={"outlet": "Gazette"}), memory=memory)
    assert art.paragraph_texts() == PROSE


HTML = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Council extends night buses | Riverside Gazette</title>
<meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2024-03-03T21:15:00+01:00">
<meta property="article:modified_time" content="2024-03-04T08:00:00+01:00">
<meta name="description" content="Night buses reach three more districts.">
<meta property="og:image" content="https://gazette.example/bus.jpg">
<meta property="article:section" content="Local">
<meta property="article:tag" content="transport"><meta property="article:tag" content="council">
<link rel="canonical" href="https://gazette.example/2024/night-buses">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Council extends night buses","author":[{"@type":"Person","name":"Jane Roe"}],
"datePublished":"2024-03-03T21:15:00+01:00","publisher":{"@type":"Organization","name":"Riverside Gazette"}}</script>
</head><body><nav><a href="/">Home</a><a href="/politics">Politics</a></nav>
<article><h1>Council extends night buses</h1>""" + "".join(f"<p>{p}</p>" for p in PROSE) + """
<p>Sign up for our newsletter</p></article>
<aside><h2>Most read</h2><ul><li><a href="/a">Mayor opens library</a></li></ul></aside>
<footer>© 2024 Riverside Gazette</footer></body></html>"""


def test_html_article_and_metadata() -> None:
    art = extract(HTML, source="page.html")
    assert art.extraction["method"].startswith("html:trafilatura")
    assert art.paragraph_texts() == PROSE
    assert art.title == "Council extends night buses"
    assert art.authors == ["Jane Roe"]
    assert art.published == "2024-03-03T21:15+01:00"
    assert art.modified == "2024-03-04T08:00+01:00"
    assert art.outlet == "Riverside Gazette"
    assert art.url == "https://gazette.example/2024/night-buses"
    assert art.language == "en"
    assert art.description == "Night buses reach three more districts."
    assert art.image == "https://gazette.example/bus.jpg"
    assert art.section == "Local" and art.tags == ["transport", "council"]


def test_given_metadata_wins() -> None:
    doc = Document(raw=HTML.encode(), source="p.html", media_type="text/html",
                   meta={"title": "Given title", "outlet": "Given outlet", "url": "https://given.example/x"})
    art = extract_document(doc)
    assert (art.title, art.outlet, art.url) == ("Given title", "Given outlet", "https://given.example/x")


def test_media_type_is_sniffed() -> None:
    assert sniff_media_type(HTML) == "text/html"
    assert sniff_media_type(SCRAPE) == "text/plain"
    assert extract(HTML.encode(), source="x").extraction["media_type"] == "text/html"


def test_metadata_normalisation() -> None:
    from newsloom.extract.metadata import Metadata, normalize_date

    assert normalize_date("2024-03-03T21:15:00Z") == "2024-03-03T21:15+00:00"
    assert normalize_date("2024-03-03") == "2024-03-03"
    assert normalize_date("Sun, 03 Mar 2024 21:15:30 GMT") == "2024-03-03T21:15:30+00:00"
    assert normalize_date("0001-01-01T00:00:00Z") is None  # a placeholder, not a date
    assert normalize_date("soon") is None
    meta = Metadata()
    meta.fill("authors", [{"name": "By Jane Roe November 3, 2024"}, "https://x.example/jane", "Sam Lee"])
    meta.fill("title", "Night buses &amp; trams - Riverside Gazette")
    meta.fill("outlet", "Riverside Gazette | Local news | Weather")
    meta.tidy()
    assert meta.authors == ["Jane Roe", "Sam Lee"]
    assert meta.title == "Night buses & trams" and meta.outlet == "Riverside Gazette"


@pytest.mark.parametrize("title", ["A - B", " - ", "Outlet", "x | Outlet | Outlet", "-"])
def test_metadata_tidy_never_fails(title: str) -> None:
    from newsloom.extract.metadata import Metadata

    meta = Metadata(title=title, outlet="Outlet")
    meta.tidy()
    assert meta.title is not None


def test_language_is_guessed_from_text_when_not_stated() -> None:
    art = extract("\n".join(["Council extends night buses", *PROSE]), source="t.txt")
    assert art.language == "en"


def test_every_unanchored_pattern_has_a_trigger() -> None:
    import re
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/boilerplate.yaml").read_text("utf-8"))
    for key, triggers in (("call_to_action", "triggers"), ("appeals", "triggers"), ("captions", "caption_triggers")):
        for pattern in data[key]:
            if pattern.startswith("^"):
                continue
            literal = re.sub(r"\\[bsSwWd]|[\\()?|]", " ", pattern)
            assert any(t.strip() in literal for t in data[triggers]), pattern


@pytest.mark.parametrize("line", [
    "Sign up for our daily newsletter to get the news first", "Thank you for signing up!",
    "Reach the reporter on Twitter at @someone", "This website uses cookies to improve your experience.",
    "If you enjoyed this article, consider a subscription.", "We may earn a commission from links here.",
])
def test_call_to_action_examples(line: str) -> None:
    lex = lexicon()
    low = line.lower()
    assert lex.call_to_action.search(low) or lex.appeals.search(low)


def test_outlet_memory_counts_a_document_once() -> None:
    memory = OutletMemory()
    for _ in range(3):
        memory.observe("Gazette", ["Same footer line", "Same story line"], doc_id="abc")
    assert not memory.known("Gazette", "Same footer line")
    memory.observe("Gazette", ["Same footer line"], doc_id="def")
    assert memory.known("Gazette", "Same footer line")
    restored = OutletMemory.from_json({"Gazette": memory.to_json("Gazette")})
    restored.observe("Gazette", ["Other"], doc_id="abc")
    assert json.loads(restored.to_json("Gazette"))["docs"] == 2


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("© 2024 Riverside Gazette. All rights reserved.", "Riverside Gazette"),
        ("Harbour Times © 2023. Reproduction only with a link.", "Harbour Times"),
        ("© 2022 Lakeside Media LLC", "Lakeside Media"),
        ("© All rights reserved", None),
    ],
)
def test_outlet_from_copyright_line(line: str, outlet: str | None) -> None:
    from newsloom.extract.byline import outlet_from_copyright

    assert outlet_from_copyright(["Some footer link", line]) == outlet


def test_reading_time_variants() -> None:
    assert parse_byline("By Ana Lima | Published 6 August 2023, 21:30 | Reading time: 5 min").reading_time == "PT5M"


def test_scrape_outlet_falls_back_to_copyright_line() -> None:
    art = extract(SCRAPE.replace("by The Riverside Gazette news desk", "By Jane Roe"), source="s.txt")
    assert art.authors == ["Jane Roe"]
    assert art.outlet == "Riverside Gazette" and art.extraction["outlet_from"] == "copyright"
