"""The hot read queries use an index on both dialects: no plan reads a whole large table.

On a small store PostgreSQL would rightly prefer sequential scans, so the check runs with
``enable_seqscan`` off: a Seq Scan that remains means no index can answer the query. SQLite plans
without statistics, so its planner takes an index whenever one fits. Not timed: speed is measured by
benchmarks/store_scale.py at 100 k and 1 M articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.model import Actor, Article, Document, Entity, Event, Mention, Paragraph, Quote, Speaker, Story
from newsloom.store import Filters, SQLiteStore, Store, open_store
from newsloom.store.plans import Probe, explain_calls, full_scans, hot_queries, recording
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

PEOPLE = [Actor(f"T:p{i}", f"Rana Ostrek{i}", "person") for i in range(6)]
PLACES = [Actor(f"T:c{i}", f"Velmora{i}", "country") for i in range(3)]
OUTLETS = ["Dale Gazette", "Fen Courier", "Moor Review"]
PROBE = Probe(actor="T:p1", name="rana ostrek1", outlet="Fen Courier", word="harbour", phrase='"grain shipment"',
              since="2024-02-01", until="2024-03")
# LIKE '%words%' over actor names cannot use a B-tree: find_actor reads the actors table (one row
# per actor, not per article).
ALLOWED = {"find actor by name": {"actors"}}
# The index each list must read in its own order (a full-index walk followed by a sort of every
# row is no full *table* scan, so the names are checked too). Same names on both dialects.
EXPECTED = {"articles, newest": "articles_newest", "articles, outlet": "articles_outlet_newest",
            "articles, since + until": "articles_newest", "quotes, newest": "quotes_effective",
            "quotes, speaker id": "quotes_speaker_effective", "quotes, speaker name": "quotes_speaker_effective",
            "find actor by name": "mentions_lower_text", "events, actor": "event_targets_actor",
            "stories, newest": "stories_newest", "actor timeline": "actor_days"}


def _article(i: int) -> tuple[Document, Article]:
    person, place = PEOPLE[i % len(PEOPLE)], PLACES[i % len(PLACES)]
    text = (f"Talks on the harbour resumed in {place.name} after a grain shipment stalled. "
            f"\u201cWe expect an answer this week,\u201d {person.name} said. Article number {i}.")
    p0 = text.index(place.name)
    s0 = text.index(person.name)
    q0, q1 = text.index("\u201c") + 1, text.index(",\u201d")
    doc = Document(raw=text.encode(), source=f"plan{i}.txt")
    date = None if i % 4 == 0 else f"2024-{1 + i % 6:02d}-{1 + i % 27:02d}"
    event = Event("CONSULT", person, s0, s0 + len(person.name), targets=[place], text=text[q0:q1])
    art = Article(source=doc.source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                  title=f"Harbour talks {i}",
                  published=None if i % 10 == 0 else f"2024-{1 + i % 6:02d}-{1 + i % 27:02d}T08:00:00Z",
                  outlet=OUTLETS[i % len(OUTLETS)], language="en",
                  entities=[Entity(place, [Mention(place.name, p0, p0 + len(place.name), "GPE")]),
                            Entity(person, [Mention(person.name, s0, s0 + len(person.name), "PERSON")])],
                  quotes=[Quote(text[q0:q1], q0, q1, "direct", "said",
                                Speaker(person.name, s0, s0 + len(person.name), person), speaks_for=place,
                                date=date)],
                  events=[event])
    return doc, art


def _fill(store: Store) -> list[str]:
    ids = []
    for i in range(60):
        doc, art = _article(i)
        assert store.save(doc, art)
        ids.append(doc.id)
    stories = [Story(id=f"st{k}", title=f"Story {k}", document_ids=ids[k * 5:(k + 1) * 5],
                     first_seen="2024-01-01", last_seen=f"2024-0{1 + k % 6}-10") for k in range(12)]
    store.replace_stories(stories, {}, {})
    return ids


def _scans(store: Store) -> dict[str, list[str]]:
    """Per hot query: its full scans of large tables, and the expected index when it is missing."""
    out = {}
    for name, call in hot_queries(PROBE).items():
        with recording(store) as calls:  # type: ignore[arg-type]
            call(store)
        assert calls, name
        plans = explain_calls(store, calls)  # type: ignore[arg-type]
        bad = [line for sql, plan in plans for line in full_scans(sql, plan)]
        out[name] = [b for b in bad if b.split(":")[0] not in ALLOWED.get(name, set())]
        if name in EXPECTED and not any(EXPECTED[name] in line for _, plan in plans for line in plan):
            out[name].append(f"{EXPECTED[name]} not used: " + " | ".join(line for _, p in plans for line in p))
    return out


def test_hot_queries_use_indexes_on_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "plans.db") as store:
        _fill(store)
        assert _scans(store) == {name: [] for name in hot_queries(PROBE)}


@pytest.mark.server
def test_hot_queries_use_indexes_on_postgres(pg_url: str) -> None:  # noqa: F811
    with open_store(pg_url) as store:
        _fill(store)
        store.optimize()
        store.conn.execute("SET enable_seqscan = off")  # type: ignore[attr-defined]
        assert _scans(store) == {name: [] for name in hot_queries(PROBE)}


def test_a_full_scan_is_reported() -> None:
    """The check itself can fail: a plan reading all articles under an alias is caught."""
    sql = "SELECT a.n FROM articles a JOIN quotes q ON q.doc_id = a.doc_id"
    assert full_scans(sql, ["SCAN a", "SEARCH q USING INDEX quotes_doc (doc_id=?)"]) == ["articles: SCAN a"]
    assert full_scans(sql, ["->  Seq Scan on articles a  (cost=0.00..1.00 rows=1 width=8)"]) == [
        "articles: Seq Scan on articles a  (cost=0.00..1.00 rows=1 width=8)"]
    assert full_scans(sql, ["SCAN a USING INDEX articles_newest"]) == []


def test_quote_lists_order_by_the_quotes_date_else_the_articles(tmp_path: Path) -> None:
    """effective_date (kept by a trigger) is the quote's date, else its article's publication."""
    with SQLiteStore(tmp_path / "q.db") as store:
        _fill(store)
        rows = store._rows("SELECT q.date, a.published, q.effective_date FROM quotes q"
                           " JOIN articles a ON a.doc_id = q.doc_id")
        assert rows and all(r["effective_date"] == (r["date"] or r["published"] or "") for r in rows)
        assert any(r["effective_date"] == "" for r in rows)  # undated: listed last, never "until" a date
        items = store.quotes(speaker=PROBE.name, limit=100).items
        keys = [(q["date"] or q["article"]["published"] or "") for q in items]
        assert len(items) == 10 and keys == sorted(keys, reverse=True)
        assert {q["speaker"]["actor"]["id"] for q in items} == {"T:p1"}
        assert len(store.quotes(Filters(until="2024-02"), limit=100).items) == sum(
            1 for r in rows if r["effective_date"] and r["effective_date"][:7] <= "2024-02")


def test_optimize_gathers_statistics(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "o.db") as store:
        _fill(store)
        store.optimize()
        assert store._rows("SELECT tbl FROM sqlite_stat1 WHERE tbl = 'articles'")


@pytest.mark.parametrize("since, until", [("2024-02-01", "2024-03"), ("2024-03-05", None), (None, "2024-02")])
def test_date_window_lists_the_same_articles_read_from_the_list_index(tmp_path: Path, since, until) -> None:
    """The bounds are written on coalesce(published, ''): undated articles stay out, as before."""
    with SQLiteStore(tmp_path / "w.db") as store:
        _fill(store)
        rows = store._rows("SELECT doc_id, published, n FROM articles")
        want = [r["doc_id"] for r in sorted(rows, key=lambda r: (r["published"] or "", r["n"]), reverse=True)
                if r["published"] and (not since or r["published"] >= since)
                and (not until or r["published"][:len(until)] <= until)]
        got = store.articles(Filters(since=since, until=until), limit=100).items
        assert want and [a["id"] for a in got] == want


def _stories_by_aggregate(store: Store, actor_id: str) -> list[dict]:
    """An actor's stories as counted before 0024: every story of the actor aggregated, then sorted."""
    return store._rows(  # type: ignore[attr-defined]
        "SELECT s.id, s.title, s.first_seen, s.last_seen, s.size AS articles, count(*) AS actor_articles,"
        " sum(da.mentions) AS mentions, sum(da.quotes) AS quotes FROM stories s"
        " JOIN story_documents sd ON sd.story_id = s.id JOIN doc_actors da ON da.doc_id = sd.doc_id"
        " WHERE da.actor_id = ? GROUP BY s.id, s.title, s.first_seen, s.last_seen, s.size"
        " ORDER BY coalesce(s.first_seen, ''), s.id", [actor_id])


def _check_actor_stories(store: Store) -> None:
    # Stories of uneven dates, one undated, so the order and the paging are tested.
    ids = [r["doc_id"] for r in store._rows("SELECT doc_id FROM articles ORDER BY n")]  # type: ignore[attr-defined]
    store.replace_stories([Story(id=f"s{k:02d}", title=f"Story {k}", document_ids=ids[k * 3:k * 3 + 3 + k % 3],
                                 first_seen=None if k == 7 else f"2024-0{1 + (k * 5) % 6}-1{k % 10}",
                                 last_seen=f"2024-0{1 + (k * 5) % 6}-2{k % 10}") for k in range(18)], {}, {})
    for actor in [*PEOPLE, *PLACES]:
        want = _stories_by_aggregate(store, actor.id)
        got, cursor = [], None
        while True:
            page = store.actor_stories(actor.id, limit=2, cursor=cursor)
            got += page.items
            if not (cursor := page.next):
                break
        assert want and got == want, actor.id


def test_actor_stories_page_equals_the_aggregate_on_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        _fill(store)
        _check_actor_stories(store)


@pytest.mark.server
def test_actor_stories_page_equals_the_aggregate_on_postgres(pg_url: str) -> None:  # noqa: F811
    with open_store(pg_url) as store:
        _fill(store)
        _check_actor_stories(store)


def _check_find_by_mention(store: Store) -> None:
    """Three actors are each written "the envoy" somewhere; none is named so. The most mentioned wins,
    so every distinct actor of those mentions must be collected, not only the first."""
    actors = [Actor(f"T:e{i}", name, "person") for i, name in enumerate(["Orla Venn", "Brannock Tey", "Ida Moss"])]
    for k, (actor, times) in enumerate(zip(actors, (1, 3, 2), strict=True)):
        text = " ".join(["The envoy spoke."] * times) + f" {actor.name} left. Note {k}."
        mentions = [Mention("The envoy", i * 17, i * 17 + 9, "PERSON") for i in range(times)]
        doc = Document(raw=text.encode(), source=f"envoy{k}.txt")
        art = Article(source=doc.source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                      entities=[Entity(actor, mentions)])
        assert all(text[m.start:m.end] == "The envoy" for m in mentions) and store.save(doc, art)
    assert store.find_actor("the ENVOY").id == "T:e1"  # type: ignore[union-attr]
    assert store.find_actor("Ida").id == "T:e2"  # type: ignore[union-attr]  # by name still
    assert store.find_actor("the consul") is None


def test_find_actor_by_mentions_on_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "f.db") as store:
        _check_find_by_mention(store)


@pytest.mark.server
def test_find_actor_by_mentions_on_postgres(pg_url: str) -> None:  # noqa: F811
    with open_store(pg_url) as store:
        _check_find_by_mention(store)
