"""Server-rendered workspace details: the home page's activity window, dates in the article view,
the chart periods."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.model import Actor, DateMention, Document
from newsloom.serve import create_app
from newsloom.serve.charts import chart_unit, per_period
from newsloom.serve.render import segments
from newsloom.store import SQLiteStore
from test_api import _article, fast_serve_settings

HARBOUR = Actor("test:org:harbour-board", "Harbour Board", "organization")
GUILD = Actor("test:org:ferry-guild", "Ferry Guild", "organization")
STRAY = Actor("test:org:calendar-office", "Calendar Office", "organization")


def _save(store: SQLiteStore, title: str, text: str, published: str, actor: Actor, word: str) -> str:
    art = _article("", title, text, published, "Quay Post", [], [(word, actor)])
    doc = Document(raw=text.encode(), source=f"test:{title}", media_type="text/plain")
    art.document_id = doc.id
    store.save(doc, art)
    return doc.id


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NEWSLOOM_TOKEN", raising=False)
    today = datetime.now(UTC).date()
    store = SQLiteStore(tmp_path / "w.db")
    _save(store, "Board meets", "The Harbour Board met to plan the winter timetable.",
          (today - timedelta(days=2)).isoformat(), HARBOUR, "Harbour Board")
    _save(store, "Guild strike", "The Ferry Guild went on strike over pay.", "2024-02-02", GUILD, "Ferry Guild")
    # One article dated far ahead (a typo in its metadata) must not move the window.
    _save(store, "Calendar", "The Calendar Office printed next year's holidays.",
          (today + timedelta(days=300)).isoformat(), STRAY, "Calendar Office")
    yield TestClient(create_app(store, fast_serve_settings()))
    store.close()


def _active(page: str) -> str:
    return page[page.index("<h2>Most active</h2>"):]


def test_most_active_counts_the_last_days_of_published_articles(client) -> None:
    today = datetime.now(UTC).date()
    page = _active(client.get("/").text)
    assert f"articles published in the last 7 days ({(today - timedelta(days=6)).isoformat()} to {today}" in page
    assert "Harbour Board" in page and "Ferry Guild" not in page and "Calendar Office" not in page
    assert '<b aria-current="true">7 days</b>' in page and 'href="/?active=all"' in page
    whole = _active(client.get("/", params={"active": "all"}).text)
    assert "Mentions in all articles." in whole and "Ferry Guild" in whole and "Harbour Board" in whole
    assert _active(client.get("/", params={"active": "bogus"}).text) == page  # unknown: the default


def test_an_old_store_counts_everything_and_says_so(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "old.db")
    _save(store, "Guild strike", "The Ferry Guild went on strike over pay.", "2024-02-02", GUILD, "Ferry Guild")
    page = _active(TestClient(create_app(store, fast_serve_settings())).get("/").text)
    store.close()
    assert "Nothing was published in the last 7 days" in page and "Ferry Guild" in page


def test_dates_become_highlighted_segments() -> None:
    text = "The ferry returns on Monday, the board said.\n\nTickets go on sale in June."
    art = _article("d", "Ferry", text, "2024-05-03", "Quay Post", [], [])
    art.dates = [DateMention("on Monday", text.index("on Monday"), text.index("on Monday") + 9, "2024-05-06"),
                 DateMention("in June", text.index("in June"), text.index("in June") + 7, None)]
    found = [(s.text, s.title) for para in segments(art) for s in para if "date" in s.classes]
    assert found == [("on Monday", "date: 2024-05-06"), ("in June", "date (unresolved)")]


def test_periods_follow_the_span_and_leave_gaps() -> None:
    days = [date(2024, 1, 1), date(2024, 1, 20)]
    assert chart_unit(days) == "day"
    assert chart_unit([date(2024, 1, 1), date(2024, 6, 1)]) == "week"
    assert chart_unit([date(2024, 1, 1), date(2025, 6, 1)]) == "month"
    rows, unit = per_period([{"day": "2024-01-01", "mentions": 2, "quotes": 1},
                             {"day": "2024-01-03", "mentions": 1, "quotes": 0},
                             {"day": "2024-06-30", "mentions": 4, "quotes": 2}], "day", ("mentions", "quotes"))
    assert unit == "week"
    # Monday-to-Sunday weeks; the empty weeks between are no rows (a gap on the time axis).
    assert [(r["period"], r["last"], r["period_end"], r["mentions"]) for r in rows] == [
        ("2024-01-01", "2024-01-07", "2024-01-08", 3), ("2024-06-24", "2024-06-30", "2024-07-01", 4)]
