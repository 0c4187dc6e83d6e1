"""Events in the store: whole round trip, filters, pages and counts, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from events_sample import OSTERLAND, RURITANIA, VALDORIA, event_docs, fill
from newsloom.store import Filters, SQLiteStore, open_store
from newsloom.store.migrate import migration_scripts
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures


def check_round_trip(store) -> None:
    ids = fill(store)
    docs = event_docs()
    for doc_id, (_, art) in zip(ids, docs, strict=True):
        # The article's facts come back whole...
        assert [e.as_dict() for e in store.article(doc_id).events] == [e.as_dict() for e in art.events]
        # ...and so do the queryable rows.
        rows = store.events_for(doc_id)
        assert len(rows) == len(art.events)
        for row, e in zip(rows, sorted(art.events, key=lambda e: (e.start, e.end)), strict=True):
            assert (row["type"], row["mode"], row["date"], row["cameo"]) == (e.type, e.mode, e.date, e.cameo)
            assert (row["negated"], row["hypothetical"], row["future"], row["historical"]) == (
                e.negated, e.hypothetical, e.future, e.historical)
            assert row["source"]["id"] == e.source.id and row["source"]["country"] == e.source.country
            assert [t["id"] for t in row["targets"]] == [t.id for t in e.targets]
            assert row["text"] == art.text[row["start"]:row["end"]] == e.text
            assert row["trigger"]["text"] == art.text[row["trigger"]["start"]:row["trigger"]["end"]] == e.trigger
            assert row["quote_index"] == e.quote_index
            assert row["article"]["id"] == doc_id and row["article"]["url"] == art.url
    # Reprocessing replaces the events (and their targets) instead of adding to them.
    _, art = docs[0]
    art.events = art.events[:1]
    store.update(ids[0], art)
    assert len(store.events_for(ids[0])) == 1
    assert [e["type"] for e in store.events(target=OSTERLAND.id).items].count("ACCUSE") == 0


def check_filters(store) -> None:
    ids = fill(store)

    def types(**kw) -> list[str]:
        filters = kw.pop("filters", None)
        return sorted(e["type"] for e in store.events(filters, limit=100, **kw).items)

    assert types(source=RURITANIA.id) == ["ACCUSE", "ASSAULT", "REQUEST"]
    assert types(source="ruritania") == ["ACCUSE", "ASSAULT", "REQUEST"]  # exact name, any case
    assert types(target=RURITANIA.id) == ["CONSULT", "REJECT", "THREATEN"]
    assert types(actor=VALDORIA.id) == ["COERCE", "CONSULT"]
    assert types(type="assault,request") == ["ASSAULT", "REQUEST"]
    assert types(mode="third-party") == ["CONSULT"]
    assert types(doc_ids=[ids[1]]) == ["ASSAULT", "REJECT"]
    assert types(filters=Filters(since="2024-04-05", until="2024-04-30")) == ["ASSAULT", "REJECT"]
    assert types(filters=Filters(until="2024-04")) == ["ACCUSE", "ASSAULT", "REJECT", "REQUEST"]
    assert types(filters=Filters(outlet="Lakeside Courier")) == ["ASSAULT", "REJECT"]
    assert types(source="nobody at all") == []
    assert types(filters=Filters(text="SHELLED towns")) == ["ASSAULT"]
    assert types(filters=Filters(text="100%_")) == []  # LIKE wildcards are literal
    # Pages walk every event once, newest first.
    seen, cursor = [], None
    while True:
        page = store.events(limit=2, cursor=cursor)
        seen += [e["id"] for e in page.items]
        if page.next is None:
            break
        cursor = page.next
    assert len(seen) == len(set(seen)) == 7
    counts = store.event_counts(source=RURITANIA.id)
    assert counts == [{"period": "2024-04", "type": "ACCUSE", "events": 1},
                      {"period": "2024-04", "type": "ASSAULT", "events": 1},
                      {"period": "2024-04", "type": "REQUEST", "events": 1}]
    days = store.event_counts(actor=OSTERLAND.id, unit="day")
    assert {d["period"] for d in days} == {"2024-04-01", "2024-04-09", "2024-05-02", "2024-05-20"}


def test_round_trip_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "e.db") as store:
        check_round_trip(store)


def test_filters_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "e.db") as store:
        check_filters(store)


def test_migration_moves_old_targets(tmp_path: Path) -> None:
    """A database made before 0009 keeps its events' targets, now in event_targets."""
    import sqlite3

    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in migration_scripts("sqlite"):
        if name >= "0009":
            continue
        conn.executescript(sql)
        conn.execute("INSERT INTO migrations VALUES (?, 'x')", (name,))
    conn.execute("INSERT INTO documents (id, content_hash, source, media_type, size, fetched_at, status,"
                 " updated_at) VALUES ('d1', 'h', 's', 't', 0, 'n', 'done', 'n')")
    conn.execute("INSERT INTO events (doc_id, type, source_id, targets, start, \"end\") VALUES"
                 " ('d1', 'AID', 'a', '[\"b\", \"c\"]', 0, 4)")
    conn.close()
    with SQLiteStore(tmp_path / "old.db") as store:
        rows = store._all("SELECT event_id, position, actor_id FROM event_targets ORDER BY position")
        assert [(r["event_id"], r["position"], r["actor_id"]) for r in rows] == [(1, 0, "b"), (1, 1, "c")]


@pytest.mark.server
def test_round_trip_and_filters_postgres(pg_url: str) -> None:  # noqa: F811
    with open_store(pg_url) as store:
        check_round_trip(store)
        with store.transaction() as cur:
            cur.execute("DELETE FROM documents")  # cascades to every fact
        check_filters(store)
        # Positions and contrasts read through the same interface on PostgreSQL.
        from newsloom.connect.contrasts import actor_contrasts

        [pair] = actor_contrasts(store, RURITANIA.id)["items"]
        assert (pair["said"]["stance"], pair["done"]["type"], pair["days_apart"]) == ("calls for", "ASSAULT", 8)
