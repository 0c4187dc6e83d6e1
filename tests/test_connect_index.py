"""What ``stories build`` keeps between runs: word document frequencies over the placed articles
(a build over a week's slice weighs words as one pass over everything would) and MinHash LSH
buckets (a copy of an article whose story closed long ago is still found, through the index).
Texts are our own words."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from newsloom.connect.build import build_stories
from newsloom.connect.features import Vectorizer, item_from_row
from newsloom.connect.stories import StoryClusterer, StoryParams, StoryState
from newsloom.model import Article, Document
from newsloom.store import SQLiteStore

TRAM = ("The city council voted on Thursday to build a new tram line from the harbour to the university, "
        "after two years of debate over its cost and route. The line will have eleven stops and should carry "
        "forty thousand passengers a day when it opens. Opponents said the money would be better spent on "
        "buses, while shop owners along the route asked for help during the works, which start next spring "
        "and are expected to last three years. The mayor said the council had listened to residents and that "
        "the final route avoided the old market square.")
FLOOD = ("Heavy rain flooded the lower town on Sunday night and firefighters pumped water from cellars until "
         "dawn. The river rose two metres in six hours, the highest level since records began, and the bridge "
         "to the station stayed closed on Monday. Farmers upstream said their fields had been under water for "
         "a week. The regional government promised help for families whose homes were damaged.")
FAIR = "The autumn book fair opened with readings by local authors and a stall of old maps of the valley."


def _save(store: SQLiteStore, key: str, title: str, text: str, day: str) -> str:
    doc = Document(raw=(key + text).encode(), source=f"https://news.example/{key}")
    store.save(doc, Article(source=doc.source, document_id=doc.id, title=title, text=text, published=day))
    return doc.id


def test_frequencies_kept_across_builds_equal_one_pass(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as store:
        _save(store, "1", "Tram line approved", TRAM, "2024-05-01")
        build_stories(store)
        _save(store, "2", "River floods lower town", FLOOD, "2024-05-09")
        _save(store, "3", "Book fair opens", FAIR, "2024-05-10")
        build_stories(store)
        whole = Vectorizer().fit(item_from_row(r) for r in store.connect_rows(store.article_ids_since()))
        df, n = store.term_stats(["council", "river", "maps", "harbour", "never-seen"])
    assert n == 3 == whole.n_docs
    assert df == {t: whole.df[t] for t in ("council", "river", "maps", "harbour")}
    assert Counter(df)["river"] == 1


def test_a_copy_of_an_article_in_a_closed_story_is_found_through_stored_buckets(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "b.db") as store:
        first = _save(store, "1", "Tram line approved", TRAM, "2020-01-10")
        build_stories(store)
        assert store.copy_candidates([(0, 1)]) == []
        # Years later, after the story closed, a site republishes the report with a new headline.
        _save(store, "2", "River floods lower town", FLOOD, "2024-03-01")
        build_stories(store)
        copy = _save(store, "3", "From our archive: the tram vote", TRAM + " Archive note.", "2024-03-02")
        result = build_stories(store)
        assert result.duplicates[copy][0] == first
        # Only the new articles were read, not the stored story of 2020.
        assert first not in result.assignment
        assert store.duplicate_map([copy])[copy][0] == first


def test_a_widely_covered_story_stays_open_longer_than_a_lone_report() -> None:
    clusterer = StoryClusterer(Vectorizer(), StoryParams(window_days=60, window_growth=1.0, max_window_days=400))
    lone = StoryState(id="a", rank=0, members=["x"], first_day=1000, last_day=1000, dated=1)
    wide = StoryState(id="b", rank=1, members=[f"d{i}" for i in range(8)], first_day=1000, last_day=1000, dated=8)
    huge = StoryState(id="c", rank=2, members=[f"d{i}" for i in range(1024)], first_day=1000, last_day=1000, dated=1024)
    assert clusterer.open_until(lone) == 1060
    assert clusterer.open_until(wide) == 1000 + 60 * 4  # three doublings
    assert clusterer.open_until(huge) == 1400  # capped
