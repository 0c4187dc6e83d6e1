"""Event parts of the HTML pages through an in-process client: article highlights, actor sections,
story timelines; scraped text always escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from events_sample import OSTERLAND, PAYLOAD, RURITANIA, fill
from newsloom.model import Story
from newsloom.serve import create_app
from newsloom.serve.event_charts import event_chart_spec, event_periods
from newsloom.settings import Settings
from newsloom.store import SQLiteStore


@pytest.fixture
def site(tmp_path: Path):
    store = SQLiteStore(tmp_path / "w.db")
    ids = fill(store)
    store.replace_stories([Story("st-border", "Border war", ids[:2], "2024-04-01", "2024-04-09")], {}, {})
    settings = Settings.load()
    settings.set("pipeline.stages", [])
    with TestClient(create_app(store, settings)) as client:
        yield client, ids
    store.close()


def test_article_page_highlights_event_words(site) -> None:
    c, ids = site
    html = c.get(f"/articles/{ids[1]}").text
    assert 'class="hl event quad-material-conflict" title="ASSAULT (heavy-weapons) · Ruritania → Osterland">' \
           "shelled</span>" in html
    assert "REJECT" in html and "negated" in html
    page = c.get(f"/articles/{ids[3]}").text
    assert PAYLOAD not in page and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page


def test_actor_page_sections(site) -> None:
    c, _ = site
    html = c.get(f"/actors/{RURITANIA.id}").text
    for heading in ("events per day", "Positions over time", "Said versus done", "Latest events by Ruritania"):
        assert heading in html, heading
    assert 'id="events-spec"' in html and "/static/events.js" in html
    assert "Mira Stoll called for an immediate ceasefire with Osterland on Monday." in html
    osterland = c.get(f"/actors/{OSTERLAND.id}").text
    assert PAYLOAD not in osterland and "&lt;script&gt;" in osterland


def test_story_timeline_shows_events_with_sentences(site) -> None:
    c, _ = site
    html = c.get("/stories/st-border").text
    assert html.count("entry-event") == 4
    assert "Ruritanian artillery shelled border towns in Osterland overnight, officials said." in html
    assert f'href="/actors/{OSTERLAND.id}">Osterland</a>' in html


def test_chart_rows_fold_into_months_and_carry_quads() -> None:
    days = [{"period": "2024-01-03", "type": "AID", "events": 2}, {"period": "2024-01-20", "type": "AID", "events": 1},
            {"period": "2025-07-01", "type": "ASSAULT", "events": 4}]
    rows, unit = event_periods(days)
    assert unit == "month"  # a year and a half: a bar a month
    assert rows == [{"period": "2024-01-01", "type": "AID", "period_end": "2024-02-01", "last": "2024-01-31",
                     "events": 3, "quad": "material cooperation", "first": "2024-01-01"},
                    {"period": "2025-07-01", "type": "ASSAULT", "period_end": "2025-08-01", "last": "2025-07-31",
                     "events": 4, "quad": "material conflict", "first": "2025-07-01"}]
    spec = event_chart_spec(rows, "X", unit)
    assert spec["encoding"]["color"]["field"] == "type"
    # A real time axis: each bar spans its period, so months without events show as gaps.
    assert spec["encoding"]["x"]["type"] == "temporal" and spec["encoding"]["x2"]["field"] == "period_end"
    assert spec["encoding"]["y"]["title"] == "events per month"
    assert spec["usermeta"]["types_by_quad"]["material conflict"] == ["PROTEST", "MOBILIZE", "COERCE", "ASSAULT"]
    daily, unit = event_periods(days[:2])
    assert unit == "day" and [(r["period"], r["last"], r["events"]) for r in daily] == [
        ("2024-01-03", "2024-01-03", 2), ("2024-01-20", "2024-01-20", 1)]
    weekly, unit = event_periods([*days[:2], {"period": "2024-03-27", "type": "AID", "events": 5}])
    assert unit == "week" and [(r["period"], r["last"]) for r in weekly][-1] == ("2024-03-25", "2024-03-31")
