"""Connect on real streams: copies need most of the shorter text, undated articles get a day,
stories decay at their own pace, merged stories redirect. Texts are our own words."""

from __future__ import annotations

from pathlib import Path

from newsloom.connect.build import connect
from newsloom.connect.duplicates import DuplicateIndex
from newsloom.connect.features import Item, Vectorizer, infer_published
from newsloom.connect.stories import StoryClusterer, StoryParams, StoryState
from newsloom.model import Story
from newsloom.store import SQLiteStore

REPORT = ("The city council voted on Thursday to build a new tram line from the harbour to the university, "
          "after two years of debate over its cost and route. The line will have eleven stops and should carry "
          "forty thousand passengers a day when it opens. Opponents said the money would be better spent on "
          "buses, while shop owners along the route asked for help during the works, which start next spring "
          "and are expected to last three years. The mayor said the council had listened to residents and that "
          "the final route avoided the old market square.")
FOOTER = " Copyright Example Wire. All rights reserved. This material may not be published or broadcast."


def test_a_cut_copy_is_a_copy_and_a_shared_footer_is_not() -> None:
    index = DuplicateIndex()
    assert index.add("orig", REPORT) == "orig"
    # A syndicated copy cut after its first sentences still is most of the shorter text.
    assert index.add("cut", REPORT[:330]) == "orig"
    # Two different briefs sharing a wire footer: most of the shorter text is not shared.
    index.add("brief1", "Police closed the bridge after a lorry lost its load on Monday morning." + FOOTER)
    assert index.add("brief2", "The library reopens on Saturday with longer hours and a new cafe." + FOOTER) == "brief2"


def test_undated_articles_take_a_day_from_the_url_or_the_text() -> None:
    assert infer_published("https://news.example/2017/09/07/breach-grows.html", []) == "2017-09-07"
    assert infer_published("https://news.example/story-20171227-erie-snow", ["2017-01-01"]) == "2017-12-27"
    assert infer_published("https://news.example/a/123456", ["2016-11-02", "2016-11-03"]) == "2016-11-03"
    assert infer_published("https://news.example/2017/13/45/x", []) is None
    assert infer_published(None, []) is None


def _state(days: list[int]) -> StoryState:
    state = StoryState(id="s", rank=0, first_day=min(days), last_day=max(days), dated=len(days))
    return state


def test_time_decay_and_window_follow_the_story_pace() -> None:
    clusterer = StoryClusterer(Vectorizer(), StoryParams())
    breaking = _state([1000, 1000, 1001])  # three articles in two days
    slow = _state([1000, 1030, 1060, 1090])  # one a month
    # Twenty days after the last article a breaking story has faded far more than a monthly one;
    # fifty days after, it is gone.
    assert clusterer._time_signal(1021, breaking) < 0.2 < 0.6 < clusterer._time_signal(1110, slow)
    assert clusterer._time_signal(1051, breaking) < 0.01
    assert clusterer.open_until(breaking) == 1001 + StoryParams().window_days
    assert clusterer.open_until(slow) == 1090 + int(StoryParams().window_pace * 30)


def _item(doc_id: str, title: str, text: str, day: str) -> Item:
    return Item(id=doc_id, title=title, lead=text[:600], body=text, published=day, order=(day, doc_id))


def test_stories_that_prove_one_merge_and_the_younger_redirects(tmp_path: Path) -> None:
    text = "Engineers said the tram line from the harbour to the university would open in spring with eleven stops."
    items = [_item("a", "Harbour tram line approved", text, "2024-05-01"),
             _item("b", "Harbour tram line approved by council", text + " Work starts soon.", "2024-05-02"),
             _item("c", "Harbour tram line: eleven stops", text + " Shops asked for help.", "2024-05-03")]
    # Stored decisions kept a and b apart; the new article c shows they were one story.
    result = connect(items, StoryParams(), stored={"a": ("st-a", 1.0), "b": ("st-b", 1.0)})
    assert result.redirects == {"st-b": "st-a"}
    assert set(result.assignment.values()) == {"st-a"}
    with SQLiteStore(tmp_path / "m.db") as store:
        store.save_stories([Story(id="st-b", title="b", document_ids=[])], {}, {})
        # (members left out: the store's foreign keys want stored documents)
        kept = [Story(id=s.id, title=s.title, document_ids=[]) for s in result.stories]
        store.save_stories(kept, {}, {}, open_until=result.open_until, redirects=result.redirects)
        assert store.story_redirect("st-b") == "st-a"
        assert store.story("st-b")["story"]["id"] == "st-a"
        assert store.open_story_ids("2024-05-04") == ["st-a"] and store.open_story_ids("2025-12-01") == []
