"""Short posts and the short lines around a chosen block: a thin body grows over its closed-off
neighbours (a quote, an announcing line, a sign-off), a post without prose beats a widget past the
sidebar heading, a group of records goes on below the block, and a sentence closed by an emoji is
prose. Texts are ours."""

from __future__ import annotations

import pytest

from newsloom.extract.classify import Kind, classify_lines
from newsloom.extract.text import extract_text

MENU = ["* Deals", "* Shops", "* Magazine", "* Log in"]
POST = [
    "\u201eCrunchy outside, soft inside\u201c",
    "Here comes the best part:",
    "Next week the supermarket hands out a free pack of the new biscuits to anyone who signs up in time.",
    "Apply from Monday, and if you are among the lucky ones the coupon arrives by post a week later.",
    "Good luck to all of you!",
]
FOOTER = ["Get the deal \u00bb", "SHARE TWEET MAIL", "Top deals", "* Cheap flights", "* Phone plans",
          "\u00a9 2019 Example Deals"]


def _page(post: list[str], above: list[str] | None = None) -> str:
    above = ["Get the deal \u00bb"] if above is None else above
    return "\n".join([*MENU, "Biscuits for free at the supermarket", "Anna 17.10.2019, 13:56",
                      *above, *post, *FOOTER])


def test_a_thin_post_grows_over_its_short_lines() -> None:
    text = extract_text(_page(POST), source="t").text
    assert all(line in text for line in POST)
    assert "Get the deal" not in text and "Top deals" not in text


def test_lines_that_run_on_are_not_taken() -> None:
    # Five lines above the body with nothing closing them within four: the page's, not the post's.
    above = ["Get the deal \u00bb", "Headphones at half price today", "Winter tyres, every size",
             "Garden chairs, teak, cheap", "Toys, games, puzzles, more", "Blue kettles, almost free"]
    text = extract_text(_page(POST[2:], above), source="t").text
    assert "signs up in time" in text
    assert not any(line in text for line in above[1:])


@pytest.mark.parametrize("line", [
    "Sharen mit:",
    "Klick, um \u00fcber Twitter zu teilen (Wird in neuem Fenster ge\u00f6ffnet)",
    "* Klicken, um auf Facebook zu teilen (Wird in neuem Fenster ge\u00f6ffnet)",
    "Cliquez pour partager sur Facebook(ouvre dans une nouvelle fen\u00eatre)",
])
def test_share_buttons_in_other_languages_are_furniture(line: str) -> None:
    assert classify_lines([line])[0].kind is Kind.BOILERPLATE


CHRONOLOGY = [
    "1957-1959 First stage: twenty houses with seven hundred rooms and a hall",
    "1962-1964 Second stage: the community house and two more houses",
    "1979 Poor state of the houses, many rooms empty",
    "2006 National monument; the repair of two houses begins on the basis of a plan for the whole "
    "site that the tenants, the city and the heritage office drew up together over two long years.",
]
LATER = ["2008 A plan for the park by a landscape architect", "2009 Two houses finished"]


def _chronology_page(later: list[str]) -> str:
    return "\n".join(["Student village | Modern heritage", "Home", "Projects", "Contact", "Student village",
                      "\u00a9 Photo: Jane Roe", *CHRONOLOGY, *later, "\u00a9 Photo: Jane Roe",
                      "Owner", "A housing cooperative", "All projects"])


def test_records_the_block_ends_in_go_on_below_it() -> None:
    text = extract_text(_chronology_page(LATER), source="t").text
    assert all(line in text for line in CHRONOLOGY[:3]) and all(line in text for line in LATER)
    assert "All projects" not in text


LINKS = [
    "* Press subsidies: a study doubts the help of the state", "via Example Media https://example.org/a",
    "* Violence online: blame instead of protection", "via Example Politics https://example.org/b",
    "* The union weighs a ban on face recognition", "via Example Politics https://example.org/c",
    "* How one country helped to stop a digital tax", "via Example Politics https://example.org/d",
    "* A printer maker blocks cartridges when the plan ends", "via Example Tech https://example.org/e",
]
TWEETS = [
    "* someone twitter.com/someone/status A long service tradition for many years now: the cardinal "
    "and the choir came together again on Sunday morning for the old town's feast 5 hours ago",
    "* someone twitter.com/someone/status For Valentine's day: even if we do not care much for saints, "
    "this one is worth a thought, and so is the love he stands for in many towns 5 hours ago",
]


def _link_post(widget: list[str]) -> str:
    return "\n".join(["Only my view", "Menu", "* Welcome", "* Imprint", "Links 01/23/2020",
                      "on 23 January 2020 by Chris in General", *LINKS, "Share this", "* E-Mail", "* Print",
                      "Related posts", "Post navigation", "Previous", "Tweeted", *widget,
                      "Blog at Example.com."])


def test_a_post_without_prose_beats_a_widget_past_the_sidebar_heading() -> None:
    text = extract_text(_link_post(TWEETS), source="t").text
    assert all(line.lstrip("* ") in text for line in LINKS)
    assert "cardinal" not in text


def test_a_longer_text_past_the_sidebar_heading_stays_chosen() -> None:
    # Past "Related posts" the page holds more words than the list under the title: it is left chosen.
    text = extract_text(_link_post(TWEETS * 4), source="t").text
    assert "cardinal" in text and "Press subsidies" not in text


@pytest.mark.parametrize(("line", "kind"), [
    ("Afterwards you feel a bit like a hero of the cold and the dark, and I like that \U0001F609", Kind.PROSE),
    ("We will surely be back there again next year with the whole family :)", Kind.PROSE),
    ("Thanks a lot for all the tips, we will try the long route next time!\U0001F37B", Kind.PROSE),
    # No emoji after a word: a menu of products with their file type stays a short line.
    ("Annual report of the regional water board for the year twenty twenty (PDF)", Kind.SHORT),
])
def test_a_sentence_closed_by_an_emoji_is_prose(line: str, kind: Kind) -> None:
    assert classify_lines([line])[0].kind is kind
