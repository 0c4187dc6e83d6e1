"""JSON document objects as real exports write them: every field alias lands on our field, and
furniture lines inside a supplied ``text`` are dropped while its prose stays."""

from __future__ import annotations

import pytest

from newsloom.pipeline import Pipeline
from newsloom.sources.files import document_from_object

BODY = ("Officials from four port authorities met on Monday to agree on repairs to the harbour wall. "
        "The meeting ran for six hours and ended with a plan to reopen two berths next week.")


@pytest.mark.parametrize("name", ["date", "datetime", "pubDate", "publish_date"])
def test_date_aliases_fill_published(name: str) -> None:
    item = document_from_object({name: "2024-05-07T10:00:00Z", "text": BODY}, "s", b"")
    assert item.error is None and item.doc.meta["published"].startswith("2024-05-07")


@pytest.mark.parametrize("name", ["source_domain", "site_name", "publisher"])
def test_outlet_aliases_fill_outlet(name: str) -> None:
    item = document_from_object({name: "Harbour Wire", "text": BODY}, "s", b"")
    assert item.doc.meta["outlet"] == "Harbour Wire"


def test_link_is_the_url() -> None:
    item = document_from_object({"link": "https://news.example/a", "text": BODY}, "s", b"")
    assert item.doc.meta["url"] == "https://news.example/a"


@pytest.mark.parametrize("name", ["body", "content", "maintext"])
def test_body_aliases_are_the_text(name: str) -> None:
    item = document_from_object({name: BODY}, "s", b"")
    assert item.error is None and item.doc.raw.decode("utf-8") == BODY and item.doc.media_type == "text/plain"


def test_unknown_fields_are_kept_and_named_once() -> None:
    item = document_from_object({"text": BODY, "section": "Ports", "wordcount": 40}, "s", b"")
    assert item.doc.meta["fields"] == {"section": "Ports", "wordcount": 40}
    assert sorted(item.unknown) == ["section", "wordcount"]


@pytest.mark.parametrize("furniture", [["Hide Caption 3 of 12"], ["Photo 2 of 9"], ["Enlarge this image"],
                                       ["Photos: Storm damage along the coast"], ["Share this article"],
                                       ["Hide Caption 3 of 12", "Photos:", "Share this article"]])
def test_caption_and_share_lines_in_supplied_text_are_dropped(furniture: list[str]) -> None:
    prose = ["Officials from four port authorities met on Monday to agree on repairs to the harbour wall.",
             "The meeting ran for six hours and ended with a plan to reopen two berths next week.",
             "A further session is planned for Thursday, when engineers will present the costs."]
    text = "\n".join([prose[0], *furniture, prose[1], prose[2]])
    item = document_from_object({"content": text}, "supplied", b"")
    [article] = Pipeline(stages=[]).process([item.doc])
    assert article.text.split("\n\n") == prose
