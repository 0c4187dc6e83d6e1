"""Stored stories as summaries: an incremental ``stories build`` reads the new articles and the
summaries of the stories they may join (found by word and window through ``story_terms``), never
the stored members' texts. Texts are our own words."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsloom.connect.build import build_stories, summarize_stories
from newsloom.connect.features import Item, Vectorizer
from newsloom.connect.stories import StoryClusterer, StoryParams, StoryState
from newsloom.connect.summaries import from_summary, index_terms, to_summary
from newsloom.model import Article, Document
from newsloom.store import SQLiteStore

FERRY = ("The island ferry service was suspended on Tuesday after a crack was found in the hull of the "
         "older of its two boats, stranding commuters at the harbour of Port Wenlow. The operator said "
         "engineers from the shipyard at Caldmouth would inspect the vessel and that a replacement boat "
         "could be chartered within a week.")
FERRY_LATER = ("Ferry crossings to Port Wenlow resume on Friday with a chartered boat while the damaged "
               "vessel stays in the Caldmouth shipyard, the operator said, after three days of suspended "
               "service for island commuters.")
ORCHARD = ("Apple growers in the valley expect a record harvest after a mild spring, and the cooperative "
           "is hiring forty pickers for September. Prices for cider apples fell last year when the "
           "juice plant closed.")


def _save(store: SQLiteStore, key: str, title: str, text: str, day: str) -> str:
    doc = Document(raw=(key + text).encode(), source=f"https://news.example/{key}")
    store.save(doc, Article(source=doc.source, document_id=doc.id, title=title, text=text, published=day))
    return doc.id


def test_a_summary_keeps_what_the_clusterer_compares() -> None:
    state = StoryState(id="st-x", rank=7, centroid={"ferry": 0.9, "hull": 0.5, "the": 0.01}, norm2=1.06,
                       members=["a", "b"], first_day=1000, last_day=1004, first_seen="2024-01-01",
                       last_seen="2024-01-05", dated=2, actors=Counter({"Q1": 2}), text_days={999},
                       earlier=3, embedding=[0.6, 0.8])
    back = from_summary("st-x", 7, to_summary(state, (0.8, "b", "Ferry suspended"), max_terms=2))
    assert back.centroid == {"ferry": 0.9, "hull": 0.5}  # the lightest word is cut
    assert back.norm2 == pytest.approx(0.9 ** 2 + 0.5 ** 2)
    assert back.size() == 5 and back.members == []  # counted, not listed
    assert (back.first_day, back.last_day, back.dated, back.text_days) == (1000, 1004, 2, {999})
    assert back.actors == Counter({"Q1": 2}) and back.embedding == [0.6, 0.8]
    assert back.central == (0.8, "b", "Ferry suspended")
    assert index_terms(back, 1) == ["ferry"]
    # The window a summary gives is the one the full story gives (it grows with the size).
    clusterer = StoryClusterer(Vectorizer())
    assert clusterer.open_until(back) == clusterer.open_until(
        StoryState(id="y", rank=0, members=list("abcde"), first_day=1000, last_day=1004, dated=2))


def test_a_build_reads_only_new_articles_and_candidate_summaries(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        first = _save(store, "1", "Island ferry suspended after hull crack", FERRY, "2024-03-05")
        apples = _save(store, "2", "Valley expects record apple harvest", ORCHARD, "2024-03-05")
        built = build_stories(store)
        ferry_story = built.assignment[first]
        assert store.story_candidates(["wenlow"], "2024-03-06") == [ferry_story]
        assert store.story_candidates(["wenlow"], "2026-01-01") == []  # closed by then
        later = _save(store, "3", "Port Wenlow ferry crossings resume", FERRY_LATER, "2024-03-08")
        read: list[str] = []
        rows = store.connect_rows

        def spy(ids):  # type: ignore[no-untyped-def]
            ids = list(ids)
            read.extend(ids)
            return rows(ids)
        store.connect_rows = spy  # type: ignore[method-assign]
        again = build_stories(store)
        assert read == [later]  # no stored member's text
        assert again.assignment == {later: ferry_story} and [s.id for s in again.stories] == [ferry_story]
        assigned = store.story_assignments()
        assert assigned[first][0] == assigned[later][0] == ferry_story and assigned[apples][0] != ferry_story
        listed = {s["id"]: s["articles"] for s in store.stories().items}
        assert listed[ferry_story] == 2
        rank, summary = store.story_summaries([ferry_story])[ferry_story]
        assert from_summary(ferry_story, rank, summary).size() == 2


def test_stories_stored_without_summaries_are_summarized_from_their_members(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "u.db") as store:
        first = _save(store, "1", "Island ferry suspended after hull crack", FERRY, "2024-03-05")
        story = build_stories(store).assignment[first]
        with store.transaction() as c:  # as a store from before summaries were kept
            c.execute("DELETE FROM story_summaries")
            c.execute("DELETE FROM story_terms")
        assert store.unsummarized_story_ids("2024-03-06") == [story]
        assert summarize_stories(store, day="2024-03-06") == 1
        assert store.unsummarized_story_ids(None) == [] and summarize_stories(store) == 0
        later = _save(store, "3", "Port Wenlow ferry crossings resume", FERRY_LATER, "2024-03-08")
        assert build_stories(store).assignment[later] == story


def _item(doc_id: str, title: str, embedding: tuple[float, ...], published: str | None = "2024-03-05") -> Item:
    return Item(id=doc_id, title=title, lead="", body=title, published=published, order=(doc_id,),
                embedding=embedding)


def test_close_embeddings_join_articles_whose_words_differ() -> None:
    # One shared word makes them candidates (the index finds stories by words); too few to join.
    items = [_item("a", "Blaze destroys old warehouse near the docks of Caldmouth at night", (1.0, 0.0)),
             _item("b", "Firefighters battle flames as warehouse depot collapses after explosion", (0.96, 0.28))]
    words_only = StoryClusterer(Vectorizer().fit(items), StoryParams(embedding_weight=0.0))
    with_embeddings = StoryClusterer(Vectorizer().fit(items), StoryParams(embedding_weight=1.0, embedding_center=0.5))
    assert len({words_only.add(i) for i in items}) == 2
    assert len({with_embeddings.add(i) for i in items}) == 1
    # Far embeddings keep apart what the words alone would also keep apart.
    apart = [_item("c", "Blaze destroys old warehouse near the docks of Caldmouth at night", (1.0, 0.0)),
             _item("d", "Firefighters battle flames as warehouse depot collapses after explosion", (0.0, 1.0))]
    clusterer = StoryClusterer(Vectorizer().fit(apart), StoryParams(embedding_weight=1.0, embedding_center=0.5))
    assert len({clusterer.add(i) for i in apart}) == 2


def test_embeddings_need_dates_on_both_sides() -> None:
    # Without publication dates nothing says two reports are near in time, and embeddings read
    # two events of one kind alike: an undated pair is judged by its words alone.
    items = [_item("a", "Blaze destroys old warehouse near the docks of Caldmouth at night", (1.0, 0.0), None),
             _item("b", "Firefighters battle flames as warehouse depot collapses after explosion", (0.96, 0.28), None)]
    clusterer = StoryClusterer(Vectorizer().fit(items), StoryParams(embedding_weight=1.0, embedding_center=0.5))
    assert len({clusterer.add(i) for i in items}) == 2


def test_a_distant_embedding_never_pushes_out_what_the_words_join() -> None:
    # A follow-up on another facet (the suspect's past after the attack) reads unlike the story.
    title = "Suspect Arvel Quenby named after Lintmoor market attack"
    items = [_item("a", title, (1.0, 0.0)), _item("b", title + ", police say", (0.0, 1.0))]
    words = StoryClusterer(Vectorizer().fit(items), StoryParams(embedding_weight=0.0))
    both = StoryClusterer(Vectorizer().fit(items), StoryParams(embedding_weight=5.0, embedding_center=0.9))
    assert len({words.add(i) for i in items}) == 1
    assert len({both.add(i) for i in items}) == 1


def test_only_dated_articles_are_embedded() -> None:
    from newsloom.connect.embeddings import embed_items

    dated = Item(id="d", title="Harbour crane collapses in Caldmouth", lead="", body="", published="2024-03-05")
    undated = Item(id="u", title="Harbour crane collapses in Caldmouth", lead="", body="")
    embed_items([dated, undated])
    assert undated.embedding is None
    assert dated.embedding is not None and abs(sum(v * v for v in dated.embedding) - 1.0) < 1e-3
