"""The SQLite store: migrations, idempotency, facts round trip, queries, FTS."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsloom.model import Actor, Article, DateMention, Document, Entity, Mention, Paragraph, Quote, Speaker
from newsloom.store import Filters, SQLiteStore
from newsloom.store.base import decode_cursor, encode_cursor
from newsloom.store.migrate import migration_scripts
from newsloom.store.sqlite_queries import fts_query

FR = Actor("Q142", "France", "country", "Q142", "FRA")
MACRON = Actor("Q3052772", "Emmanuel Macron", "person", "Q3052772", "FRA")


def _article(text: str, title: str, published: str, outlet: str = "Wire") -> tuple[Document, Article]:
    doc = Document(raw=(title + text).encode(), source=f"{title}.txt", media_type="text/plain")
    start = text.index("Macron")
    q_start = text.index("We")
    q_end = text.index(",”")
    art = Article(
        source=doc.source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))], title=title,
        published=published, outlet=outlet,
        entities=[Entity(MACRON, [Mention("Macron", start, start + 6, "PERSON", "President", FR)]),
                  Entity(FR, [Mention("France", text.index("France"), text.index("France") + 6, "GPE")])],
        dates=[DateMention("Monday", 0, 6, "2024-03-04")],
        quotes=[Quote(text[q_start:q_end], q_start, q_end, "direct", "said",
                      Speaker("Macron", start, start + 6, MACRON), FR, "President")],
    )
    return doc, art


TEXT = "Monday in Paris, Macron spoke for France. “We will not give in,” he said."


def test_migrations_recorded_once(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "a.db").close()
    s = SQLiteStore(tmp_path / "a.db")
    names = [r[0] for r in s.conn.execute("SELECT name FROM migrations")]
    assert names[:4] == ["0001_initial", "0002_timeline_indexes", "0003_stories", "0004_actor_days"]
    assert names == sorted(name for name, _ in migration_scripts())
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()


def test_save_is_idempotent_and_round_trips(store: SQLiteStore) -> None:
    doc, art = _article(TEXT, "Paris talks", "2024-03-04T10:00:00+01:00")
    assert store.save(doc, art) is True
    assert store.save(doc, art) is False
    back = store.article(doc.id)
    assert back is not None and back.text == TEXT and back.title == "Paris talks"
    assert back.quotes[0].speaker.actor.name == "Emmanuel Macron"
    assert back.entities[0].mentions[0].affiliation.name == "France"
    assert store.stats()["documents"] == 1 and store.stats()["quotes"] == 1


def test_failed_documents_listed_and_update_replaces_facts(store: SQLiteStore) -> None:
    bad = Document(raw=b"\x00\x01", source="bin.html", media_type="text/html")
    store.save(bad, None, "binary content")
    [f] = store.failures()
    assert f.source == "bin.html" and f.error == "binary content" and f.status == "failed"
    doc, art = _article(TEXT, "Paris talks", "2024-03-04")
    store.save(doc, art)
    store.update(doc.id, art)  # replacing must not duplicate facts
    assert store.stats()["mentions"] == 2 and store.stats()["quotes"] == 1
    store.update(doc.id, None, "stage failed")
    assert store.article(doc.id) is None and store.stats()["failed"] == 2


def test_queries(store: SQLiteStore) -> None:
    for i, day in enumerate(["2024-03-04", "2024-03-05", "2024-03-05"]):
        doc, art = _article(TEXT + f" Item {i}.", f"Talks {i}", day, outlet="Wire" if i else "Post")
        store.save(doc, art)
    page = store.articles(limit=2)
    assert len(page.items) == 2 and page.next
    rest = store.articles(limit=2, cursor=page.next)
    assert len(rest.items) == 1 and rest.next is None
    assert [a["title"] for a in store.articles(Filters(outlet="Post")).items] == ["Talks 0"]
    assert store.articles(Filters(until="2024-03-04")).items[0]["title"] == "Talks 0"
    hits = store.search('"give in"')
    assert len(hits.items) == 3 and "<mark>give in</mark>" in hits.items[0]["snippet"]
    top = store.actors().items
    assert top[0]["name"] in ("Emmanuel Macron", "France") and top[0]["articles"] == 3
    profile = store.actor(MACRON.id)
    assert profile["quotes"] == 3 and profile["roles"][0]["role"] == "President"
    assert [d["day"] for d in store.actor_timeline(MACRON.id)] == ["2024-03-04", "2024-03-05"]
    assert store.find_actor("macron").id == MACRON.id
    qs = store.quotes(speaks_for="France", filters=Filters(since="2024-03-05"))
    assert len(qs.items) == 2 and qs.items[0]["speaker"]["actor"]["name"] == "Emmanuel Macron"
    assert store.quotes(about="France").items == []  # France is not inside the quote's words
    assert len(store.quotes(filters=Filters(text="give")).items) == 3


def test_search_text_is_escaped_and_query_is_safe(store: SQLiteStore) -> None:
    text = "Macron read <script>alert(1)</script> to France. “We act,” he said."
    doc, art = _article(text, "X", "2024-01-01")
    store.save(doc, art)
    hit = store.search("script")
    assert "&lt;" in hit.items[0]["snippet"] and "<script>" not in hit.items[0]["snippet"]
    assert fts_query('a "b c" OR d-e') == '("a" AND "b c") OR "d e"'
    for bad in ('"" ()', "a NEAR(", "-a"):
        with pytest.raises(ValueError):
            fts_query(bad)


def test_cursor_round_trip_and_rejects_garbage() -> None:
    assert decode_cursor(encode_cursor(40)) == 40
    with pytest.raises(ValueError):
        decode_cursor("not-a-cursor")


def test_fts_stays_in_sync_on_delete(store: SQLiteStore) -> None:
    doc, art = _article(TEXT, "Gone", "2024-01-01")
    store.save(doc, art)
    store.update(doc.id, None, "removed")
    assert store.search("Macron").items == []
    assert store.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')") is not None
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO documents (id, content_hash, source, media_type, size, fetched_at,"
                           " status, updated_at) VALUES ('x', 'h', 's', 't', 0, 'n', 'bogus', 'n')")


def test_actor_timeline_counts_follow_writes(store: SQLiteStore) -> None:
    """The per-day counts (migration 0004 triggers) agree with the articles after every write."""
    docs = []
    for i, day in enumerate(["2024-03-04T08:00", "2024-03-05", "2024-03-05T21:30", None]):
        doc, art = _article(TEXT + f" Round {i}.", f"Round {i}", day or "", outlet="Wire")
        art.published = day
        store.save(doc, art)
        docs.append((doc, art))
    wire = Filters(outlet="Wire")  # an outlet filter reads the articles themselves: the reference
    expected = [{"day": "2024-03-04", "mentions": 1, "quotes": 1, "articles": 1},
                {"day": "2024-03-05", "mentions": 2, "quotes": 2, "articles": 2}]
    assert store.actor_timeline(MACRON.id) == store.actor_timeline(MACRON.id, wire) == expected
    assert [d["day"] for d in store.actor_timeline(MACRON.id, Filters(since="2024-03-05"))] == ["2024-03-05"]
    assert [d["day"] for d in store.actor_timeline(MACRON.id, Filters(until="2024-03-04"))] == ["2024-03-04"]
    assert store.actor_timeline(MACRON.id, Filters(until="2024-02")) == []
    store.update(docs[1][0].id, None, "reprocessing failed")
    assert store.actor_timeline(MACRON.id)[1] == {"day": "2024-03-05", "mentions": 1, "quotes": 1, "articles": 1}
    store.update(docs[2][0].id, None, "reprocessing failed")
    assert [d["day"] for d in store.actor_timeline(MACRON.id)] == ["2024-03-04"]
    store.update(docs[1][0].id, docs[1][1])
    store.update(docs[0][0].id, docs[0][1])  # replacing facts counts them once
    assert store.actor_timeline(MACRON.id) == store.actor_timeline(MACRON.id, wire)
    assert [d["articles"] for d in store.actor_timeline(FR.id)] == [1, 1]


def test_actor_days_survive_cascading_deletes(store: SQLiteStore) -> None:
    for i, day in enumerate(["2024-03-04", "2024-03-04"]):
        doc, art = _article(TEXT + f" Copy {i}.", f"Copy {i}", day)
        store.save(doc, art)
    store.conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))  # articles and doc_actors cascade
    assert store.actor_timeline(MACRON.id) == [{"day": "2024-03-04", "mentions": 1, "quotes": 1, "articles": 1}]
    store.conn.execute("DELETE FROM documents")
    assert store.conn.execute("SELECT count(*) FROM actor_days").fetchone()[0] == 0
