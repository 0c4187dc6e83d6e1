"""Headless Chromium (Debian's) against a real server: charts give way to tables without
JavaScript, dates are highlighted in the article view, and an actor page lists what others said on
its behalf."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from events_sample import MIRA, RURITANIA, event_docs
from newsloom.model import DateMention
from newsloom.store import SQLiteStore
from test_browser import ServerThread, browser  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


def _with_dates(text: str, found: list[tuple[str, str]]) -> list[DateMention]:
    out = []
    for words, resolved in found:
        start = text.index(words)
        out.append(DateMention(words, start, start + len(words), resolved))
    return out


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    db = tmp_path_factory.mktemp("browser-workspace") / "workspace.db"
    ids = []
    with SQLiteStore(db) as store:
        for i, (doc, art) in enumerate(event_docs()):
            if i == 0:  # "on Monday" in the first article, as the dates stage resolves it
                art.dates = _with_dates(art.text, [("on Monday", "2024-04-01")])
            store.save(doc, art)
            ids.append(doc.id)
    with ServerThread(Path(db)) as server:
        # The first actor page loads the positions model once per process: not within a page's timeout
        # on a busy machine, so it is loaded here.
        urllib.request.urlopen(f"{server.url}/actors/{RURITANIA.id}", timeout=600).read()
        yield server.url, ids


def test_charts_without_javascript_show_their_tables(served, browser) -> None:  # noqa: F811
    url, _ = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/actors/{RURITANIA.id}")
    # Headings say the unit the table and the chart count in.
    assert page.locator("h2", has_text="Mentions and quotes per day").is_visible()
    assert page.locator("h2", has_text="events per day").is_visible()
    for section in ("section.chart:not(.events-chart)", "section.events-chart"):
        table = page.locator(f"{section} details.chart-table table")
        assert table.is_visible(), section
        assert table.locator("tbody tr").count() >= 1
        assert not page.locator(f"{section} .chartbox").is_visible()  # no empty box where the chart would be
    assert "2024-04-01" in page.locator("section.events-chart table").inner_text()
    assert not page.locator("#event-stack").is_visible()  # the chart's controls need the script
    context.close()
    # With JavaScript the charts are drawn and the tables fold away under them.
    page = browser.new_page()
    page.goto(f"{url}/actors/{RURITANIA.id}")
    page.wait_for_selector("#timeline-chart svg", timeout=15_000)
    page.wait_for_selector("#events-chart svg", timeout=15_000)
    assert not page.locator("section.events-chart details.chart-table table").is_visible()
    assert page.locator("#event-stack").is_visible()
    # A bar spans its day on a time axis; clicking it lists that day's events.
    page.locator("#events-chart svg .mark-rect path").first.click(force=True)
    page.wait_for_selector("#event-list li.eventrow", timeout=10_000)
    assert "2024-04-0" in page.locator("#event-list h3").inner_text()
    page.close()


def test_article_view_highlights_dates(served, browser) -> None:  # noqa: F811
    url, ids = served
    page = browser.new_page()
    page.goto(f"{url}/articles/{ids[0]}")
    date = page.locator(".article .body .hl.date").first
    assert date.is_visible() and date.inner_text() == "on Monday"
    assert "2024-04-01" in (date.get_attribute("title") or "")
    assert page.locator(".legend .date").is_visible()
    page.close()


def test_actor_page_lists_statements_on_its_behalf(served, browser) -> None:  # noqa: F811
    url, _ = served
    page = browser.new_page()
    page.goto(f"{url}/actors/{RURITANIA.id}")
    section = page.locator("#on-behalf")
    assert section.locator("h2").inner_text().startswith("Said on behalf of Ruritania (1)")
    card = section.locator(".quotecard").first
    assert "an immediate ceasefire with Osterland" in card.inner_text()
    speaker = card.locator("a.speaker", has_text="Mira Stoll")
    assert speaker.is_visible()
    speaker.click()
    page.wait_for_url(f"**/actors/{MIRA.id}")
    # Mira Stoll's own page lists the statement as hers, not as one made on her behalf.
    assert page.locator(".quotecard", has_text="an immediate ceasefire").first.is_visible()
    assert "No statement made for Mira Stoll" in page.locator("#on-behalf").inner_text()
    page.close()
