"""Headless Chromium: actor page -> events chart -> click a bar -> the events with their sentences;
event sections render scraped text as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from events_sample import RURITANIA, fill
from newsloom.store import SQLiteStore
from test_browser import ServerThread, browser  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    db = tmp_path_factory.mktemp("browser-events") / "events.db"
    with SQLiteStore(db) as store:
        ids = fill(store)
    with ServerThread(Path(db)) as server:
        yield server.url, ids


def test_actor_events_chart_click_lists_events_with_sentences(served, browser) -> None:  # noqa: F811
    url, _ = served
    page = browser.new_page()
    page.goto(f"{url}/actors/{RURITANIA.id}")
    assert page.locator("h2", has_text="events per").is_visible()
    page.wait_for_selector("#events-chart svg", timeout=15_000)
    bars = page.locator("#events-chart svg .mark-rect path")
    assert bars.count() >= 3  # REQUEST, ACCUSE, ASSAULT
    # The bar of the shelling: find it by its tooltip datum through Vega's own hit test.
    clicked = False
    for i in range(bars.count()):
        bars.nth(i).click(force=True)
        page.wait_for_selector("#event-list h3", timeout=10_000)
        if "ASSAULT" in page.locator("#event-list h3").inner_text():
            clicked = True
            break
    assert clicked, "no bar listed the ASSAULT event"
    item = page.locator("#event-list li.eventrow").first
    assert "shelled border towns in Osterland" in item.locator(".sentence").inner_text()
    assert "Ruritania → Osterland" in item.inner_text()
    # Stacked by quad class, a bar lists every event of its class that period.
    page.check("input[name=event-stack][value=quad]")
    page.wait_for_selector("#events-chart svg .mark-rect path", timeout=10_000)
    page.locator("#events-chart svg .mark-rect path").first.click(force=True)
    page.wait_for_selector("#event-list li.eventrow", timeout=10_000)
    assert "conflict" in page.locator("#event-list h3").inner_text()
    # Positions and said-versus-done are on the same page.
    assert page.locator(".positions .stance-calls-for").first.is_visible()
    assert "shelled" in page.locator(".contrasts .done .sentence").first.inner_text()
    page.close()


def test_event_text_with_markup_stays_text(served, browser) -> None:  # noqa: F811
    url, ids = served
    page = browser.new_page()
    page.goto(f"{url}/articles/{ids[3]}")
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(".hl.event", has_text="threatened").is_visible()
    assert "<script>" in page.locator(".side-col .events .sentence").first.inner_text()
    page.goto(f"{url}/actors/test:country:osterland")
    page.wait_for_selector("#events-chart svg", timeout=15_000)
    page.locator("#events-chart svg .mark-rect path").last.click(force=True)
    page.wait_for_selector("#event-list li.eventrow", timeout=10_000)
    assert page.evaluate("() => window.__xss") is None
    page.close()
