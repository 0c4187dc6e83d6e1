"""Pages rendered from data: the markup holds a stub, the article sits in the JSON-LD's
``articleBody``. Texts are our own."""

from __future__ import annotations

import json

from newsloom.extract.html import extract_html

PARAGRAPHS = [
    "The harbour board voted on Tuesday to close the old ferry pier for repairs until the spring.",
    "Engineers found that two of the wooden piles under the pier had rotted through last winter.",
    "Commuters will be taken across the bay by a bus service that runs every twenty minutes.",
    "The board said the repairs would cost less than building a new pier on the north shore.",
    "A public meeting on the timetable for the bus service is planned for the end of the month.",
]

# What the markup holds before scripts run: a notice of a few sentences. (trafilatura itself
# reads the JSON-LD when the markup gives it under 250 characters, as one paragraph.)
STUB = ("This story is still loading in your browser. If it does not appear after a few seconds, "
        "please turn on scripts for this site and reload the page. Readers of the printed edition "
        "can find the same story on the third page of this morning's paper, under the local news.")


def _page(body: str, kind: str = "NewsArticle", stub: str = STUB) -> str:
    data = {"@context": "https://schema.org", "@type": kind, "headline": "Ferry pier to close for repairs",
            "articleBody": body}
    return (f"<html><head><title>Ferry pier to close for repairs</title>"
            f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
            f"<body><div id='app'><h1>Ferry pier to close for repairs</h1><p>{stub}</p></div></body></html>")


def test_a_page_rendered_from_data_gives_the_json_ld_article() -> None:
    art = extract_html(_page("\n".join(PARAGRAPHS)), source="t")
    assert art.extraction["method"] == "html:json-ld"
    assert [art.text[s.start:s.end] for s in art.paragraphs] == PARAGRAPHS


def test_markup_inside_the_article_body_becomes_paragraphs() -> None:
    art = extract_html(_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS)), source="t")
    assert [art.text[s.start:s.end] for s in art.paragraphs] == PARAGRAPHS


def test_the_page_article_wins_over_a_json_ld_summary() -> None:
    # A page whose markup holds the article: a shorter stated body (a summary) changes nothing.
    stub = "</p><p>".join(PARAGRAPHS)
    art = extract_html(_page(PARAGRAPHS[0], stub=stub), source="t")
    assert art.extraction["method"].startswith("html:trafilatura")
    assert all(p in art.text for p in PARAGRAPHS)


def test_a_non_article_object_body_is_not_taken() -> None:
    art = extract_html(_page("\n".join(PARAGRAPHS), kind="Product"), source="t")
    assert art.extraction["method"] != "html:json-ld"
