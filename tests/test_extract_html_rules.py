"""HTML cascade rules on pages of our own: a body cut short is completed by readability; the
page's own links closing a body are not the article."""

from __future__ import annotations

import pytest

from newsloom.extract.html import _extends, _readability_paragraphs

SECTIONS = [
    "The river authority opened the new flood barrier on Monday after four years of building work on both banks.",
    "Engineers said the barrier could hold back a surge one metre higher than the record flood of the last decade.",
    "Residents of the lower town, who were evacuated twice in the past five years, watched the first test closing.",
    "The project cost more than the first estimate because the riverbed turned out to be softer than expected.",
]


def test_readability_paragraphs_are_blocks() -> None:
    page = ("<html><body><nav><a href='/'>Home</a></nav><article><h2>Barrier opens</h2>"
            + "".join(f"<p>{s}</p>" for s in SECTIONS) + "<ul><li>Length: 300 metres of steel gates</li></ul>"
            "</article></body></html>")
    paras = _readability_paragraphs(page)
    assert all(s in paras for s in SECTIONS)


def test_extends_means_contains_and_much_longer() -> None:
    short = "\n".join(SECTIONS[:2])
    assert _extends("\n".join(SECTIONS * 2), short)
    assert not _extends("\n".join(SECTIONS[:2]), short)  # not longer
    assert not _extends("\n".join(SECTIONS[2:] * 3), short)  # longer but other text


def _page(body: str) -> str:
    return f"<html><head><title>Barrier opens</title></head><body><article>{body}</article></body></html>"


def test_trailing_related_links_and_their_heading_are_dropped() -> None:
    from lxml.html import fromstring

    from newsloom.extract.links import PageLinks, drop_trailing_links

    related = ["Storm warning issued for the coast tonight", "Ferry timetable changes from next week"]
    page = _page("".join(f"<p>{s}</p>" for s in SECTIONS) + "<h3>More from the river desk</h3><ul>"
                 + "".join(f"<li><a href='/r{i}'>{t}</a></li>" for i, t in enumerate(related)) + "</ul>")
    paras = [*SECTIONS, "More from the river desk", *related]
    assert drop_trailing_links(paras, PageLinks(fromstring(page))) == SECTIONS


def test_linked_sentence_inside_the_article_stays() -> None:
    from lxml.html import fromstring

    from newsloom.extract.links import PageLinks, drop_trailing_links

    linked = "The full report of the river authority is published on its website."
    page = _page(f"<p>{SECTIONS[0]}</p><p><a href='/report'>{linked}</a></p><p>{SECTIONS[1]}</p>")
    paras = [SECTIONS[0], linked, SECTIONS[1]]
    assert drop_trailing_links(paras, PageLinks(fromstring(page))) == paras


def test_teaser_items_go_but_list_items_opening_with_a_linked_name_stay() -> None:
    from lxml.html import fromstring

    from newsloom.extract.links import PageLinks, drop_trailing_links

    teaser = "- Mayor opens new library branch in the old town The branch keeps late hours on weekdays."
    named = "- Jane Roe: the engineer led the design of the gates and tested every seal herself."
    page = _page("".join(f"<p>{s}</p>" for s in SECTIONS)
                 + "<ul><li><a href='/p'>Jane Roe</a>: the engineer led the design</li>"
                 "<li><a href='/t'>Mayor opens new library branch in the old town</a> The branch</li></ul>")
    tree = PageLinks(fromstring(page))
    assert drop_trailing_links([*SECTIONS, teaser], tree) == SECTIONS
    assert drop_trailing_links([*SECTIONS, named], tree) == [*SECTIONS, named]


def test_a_list_of_links_that_is_the_page_is_kept() -> None:
    from lxml.html import fromstring

    from newsloom.extract.links import PageLinks, drop_trailing_links

    items = [f"Annual report of the river authority for the year {y}" for y in range(2015, 2024)]
    page = _page("<ul>" + "".join(f"<li><a href='/{i}'>{t}</a></li>" for i, t in enumerate(items)) + "</ul>")
    paras = [SECTIONS[0], *items]
    assert drop_trailing_links(paras, PageLinks(fromstring(page))) == paras


def test_body_opening_with_the_page_address_starts_below_it() -> None:
    from newsloom.extract.html import filter_paragraphs

    paras = ["https://example.org/news/barrier-opens-after-four-years-12345.html", "Barrier opens", *SECTIONS]
    assert filter_paragraphs(paras, "Barrier opens") == SECTIONS


def test_read_on_teasers_inside_the_article_go_but_credits_and_references_stay() -> None:
    from lxml.html import fromstring

    from newsloom.extract.links import PageLinks, drop_teasers

    teaser = "Read more: Ferry timetable changes from next week"
    credit = "Source: River Authority"
    reference = "- Roe, J. (2019): Soft riverbeds and the cost of flood barriers"
    page = _page(f"<p>{SECTIONS[0]}</p><p>Read more: <a href='/f'>Ferry timetable changes from next week</a></p>"
                 f"<p>{SECTIONS[1]}</p><p>Source: <a href='/ra'>River Authority</a></p>"
                 "<ul><li>Roe, J. (2019): <a href='/x'>Soft riverbeds and the cost of flood barriers</a></li></ul>")
    links = PageLinks(fromstring(page))
    paras = [SECTIONS[0], teaser, SECTIONS[1], credit, reference]
    assert drop_teasers(paras, links) == [SECTIONS[0], SECTIONS[1], credit, reference]


def test_headline_under_a_title_cut_short_is_dropped() -> None:
    from newsloom.extract.html import filter_paragraphs

    title = "River authority opens the new flood barrier after four years of"
    paras = ["River authority opens the new flood barrier after four years of work on both banks", *SECTIONS]
    assert filter_paragraphs(paras, title) == SECTIONS
    assert filter_paragraphs(paras, "River authority opens") == paras  # too short a title to tell


# Forum replies in <div>s: no <p> text, so the paragraph share cannot tell the body is a part.
REPLIES = [
    "Our cat sheds grey dust on the pillow every night, although she looks clean when she comes in.",
    "Could it be ear mites? One of ours had them and the dark crumbs came from her ears.",
    "Maybe she digs in a flower pot at night and carries the soil to bed in her fur.",
    "Ours sleeps under the hedge in summer and brings dry leaves and seeds inside with her.",
    "We brushed her on Sunday and the dust stopped, so it was the fur after all, thank you.",
    "Glad it was nothing worse; a weekly brush keeps ours tidy through the whole autumn.",
    "Late reply, but the vet told us the same: long fur picks up everything in the garden.",
    "A lint roller on the pillow each morning is what we do now, and the cat does not mind it.",
    "Check the window sill as well; ours lies there at dawn and it is always full of dust.",
    "Thanks to all of you, the brush and the roller have solved it for this winter at least.",
]
# What the balanced pass keeps (600-1500 characters: a short body, not a stub).
FIRST = "\n".join(REPLIES[:7])


def _cascade_with(monkeypatch: pytest.MonkeyPatch, page: str, balanced: str, full: str) -> tuple[str, str]:
    """The cascade on ``page`` with trafilatura's balanced pass returning ``balanced`` and its
    full pass ``full``, so the rule is tested alone."""
    from lxml.html import fromstring

    from newsloom.extract import html as html_module

    def run(tree: object, url: str | None, fast: bool = True, **options: bool) -> str:
        return balanced if fast else full

    monkeypatch.setattr(html_module, "_run", run)
    return html_module.cascade(fromstring(page), None, False, page)


def test_short_body_on_a_page_without_paragraphs_takes_the_fuller_full_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    page = "<html><body>" + "".join(f"<div class='post'>{r}</div>" for r in REPLIES) + "</body></html>"
    first = FIRST
    assert 600 <= len(first) < 1500
    body, rule = _cascade_with(monkeypatch, page, first, "\n".join([*REPLIES, *SECTIONS]))
    assert rule == "balanced:fuller" and body.startswith(first)
    # The full pass's body must contain the short one: other text is not taken.
    body, rule = _cascade_with(monkeypatch, page, first, "\n".join(SECTIONS * 4))
    assert (body, rule) == (first, "balanced")


def test_fuller_pass_adding_cut_excerpts_is_a_feed_of_teasers(monkeypatch: pytest.MonkeyPatch) -> None:
    page = "<html><body>" + "".join(f"<div class='post'>{r}</div>" for r in REPLIES) + "</body></html>"
    first = FIRST
    excerpts = [s[:60] + " …" for s in SECTIONS] * 3
    body, rule = _cascade_with(monkeypatch, page, first, "\n".join([first, *excerpts]))
    assert (body, rule) == (first, "balanced")


def test_short_body_holding_the_page_paragraph_text_skips_the_full_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    first = FIRST
    page = "<html><body>" + "".join(f"<p>{r}</p>" for r in first.split("\n")) + "</body></html>"
    body, rule = _cascade_with(monkeypatch, page, first, "\n".join([*REPLIES, *SECTIONS]))
    assert (body, rule) == (first, "balanced")


def test_a_page_titled_like_boilerplate_keeps_that_text() -> None:
    from newsloom.extract.html import filter_paragraphs

    policy = ["We use cookies to remember your language and to count visits; you can turn cookies off in your browser settings.",
              "Read our privacy policy to learn how we handle your personal data."]
    paras = [*SECTIONS, policy[0], REPLIES[0], policy[1], REPLIES[1]]
    assert filter_paragraphs(paras, "Bulletin privacy policy | The River Bulletin") == paras
    assert filter_paragraphs(paras, "Barrier opens") == [*SECTIONS, REPLIES[0], REPLIES[1]]
    # A headline about a policy is news: its page's furniture still goes.
    news = "Ferry company rewrites its privacy policy after complaints from passengers"
    assert filter_paragraphs(paras, news) == [*SECTIONS, REPLIES[0], REPLIES[1]]


def test_closing_sentence_above_a_related_list_stays() -> None:
    from lxml.html import fromstring

    from newsloom.extract.links import PageLinks, drop_trailing_links

    thanks = "Many thanks for the talk!"
    related = ["Storm warning issued for the coast tonight", "Ferry timetable changes from next week"]
    page = _page("".join(f"<p>{s}</p>" for s in SECTIONS) + f"<p>{thanks}</p><h3>Related:</h3><ul>"
                 + "".join(f"<li><a href='/r{i}'>{t}</a></li>" for i, t in enumerate(related)) + "</ul>")
    paras = [*SECTIONS, thanks, "Related:", *related]
    # The label goes with the list; the closing sentence is the article's.
    assert drop_trailing_links(paras, PageLinks(fromstring(page))) == [*SECTIONS, thanks]


def test_bare_web_address_closing_the_article_stays() -> None:
    from lxml.html import fromstring

    from newsloom.extract.links import PageLinks, drop_trailing_links

    address = "https://www.example.org/petitions/keep-the-river-ferry"
    related = ["Storm warning issued for the coast tonight", "Ferry timetable changes from next week"]
    page = _page("".join(f"<p>{s}</p>" for s in SECTIONS) + f"<p><a href='{address}'>{address}</a></p>"
                 + "<h3>More from the river desk</h3><ul>"
                 + "".join(f"<li><a href='/r{i}'>{t}</a></li>" for i, t in enumerate(related)) + "</ul>")
    links = PageLinks(fromstring(page))
    assert drop_trailing_links([*SECTIONS, address], links) == [*SECTIONS, address]
    # Below the address, the related list still goes.
    paras = [*SECTIONS, address, "More from the river desk", *related]
    assert drop_trailing_links(paras, links) == [*SECTIONS, address]


def test_phone_number_closing_the_body_is_no_dateline() -> None:
    from newsloom.extract.html import filter_paragraphs

    phone = "+44 161-55-2019"
    assert filter_paragraphs([*SECTIONS, "12 March 2021"]) == SECTIONS
    assert filter_paragraphs([*SECTIONS, phone]) == [*SECTIONS, phone]


def test_teaser_cards_closing_the_body_are_dropped() -> None:
    from lxml.html import fromstring

    from newsloom.extract.links import PageLinks, drop_trailing_links

    cards = [("Ferry timetable changes", "Boats leave earlier on weekdays from the spring onwards."),
             ("New bridge lights", "The council tests brighter lamps on the old crossing.")]
    page = _page("".join(f"<p>{s}</p>" for s in SECTIONS) + "<h3>Read on</h3>"
                 + "".join(f"<a href='/c{i}'><h4>{h}</h4><p>{t}</p></a>" for i, (h, t) in enumerate(cards)))
    paras = [*SECTIONS, "Read on", *(line for card in cards for line in card)]
    # Each card is one link around its headline and summary: every line of it is a link line.
    assert drop_trailing_links(paras, PageLinks(fromstring(page))) == SECTIONS


def test_heading_closing_the_body_is_dropped() -> None:
    from lxml.html import fromstring

    from newsloom.extract.html import _drop_closing_headings

    page = _page("".join(f"<p>{s}</p>" for s in SECTIONS) + "<h3>Visitor details</h3><div class='map'></div>")
    tree = fromstring(page)
    assert _drop_closing_headings([*SECTIONS, "Visitor details"], tree) == SECTIONS
    # The same words as a line of text, not a heading of the page, stay.
    assert _drop_closing_headings([*SECTIONS, "Opening hours"], tree) == [*SECTIONS, "Opening hours"]
    # A body that is little more than its headings keeps them.
    assert _drop_closing_headings([SECTIONS[0], "Visitor details"], tree) == [SECTIONS[0], "Visitor details"]
