"""The PostgreSQL store: the SQLite store's behaviours against a throwaway server, plus a batch ingest."""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

import test_speaker_referent
import test_store as store_tests
from newsloom.batch.local import ingest
from newsloom.errors import NewsloomError
from newsloom.model import Document
from newsloom.store import Filters, SQLiteStore, open_store, postgres_queries
from newsloom.store.migrate import migration_scripts
from newsloom.store.postgres import PostgresStore
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

pytestmark = pytest.mark.server


@pytest.fixture
def pg_store(pg_url: str):  # noqa: F811 - pytest fixture injection
    s = open_store(pg_url)
    assert isinstance(s, PostgresStore)
    yield s
    s.close()


# The behaviours of tests/test_store.py, run unchanged against PostgreSQL.
@pytest.mark.parametrize("check", [
    store_tests.test_save_is_idempotent_and_round_trips,
    store_tests.test_failed_documents_listed_and_update_replaces_facts,
    store_tests.test_queries,
    store_tests.test_search_text_is_escaped_and_query_is_safe,
    store_tests.test_actor_timeline_counts_follow_writes,
], ids=lambda f: f.__name__.removeprefix("test_"))
def test_store_behaviour(check, pg_store: PostgresStore) -> None:
    check(pg_store)


def test_speaker_referent_round_trips(pg_store: PostgresStore) -> None:
    test_speaker_referent.check_store_round_trip(pg_store)


def test_unreachable_server_is_one_actionable_error(pg_server) -> None:  # noqa: F811
    url = pg_server.url("postgres").replace("newsloom@", "newsloom:hunter2@").replace(
        f":{pg_server.port}/", ":1/")
    with pytest.raises(NewsloomError) as info:
        PostgresStore(url, connect_timeout=2)
    assert "127.0.0.1" in str(info.value) and "hunter2" not in str(info.value)


def test_migrations_recorded_once(pg_url: str) -> None:  # noqa: F811
    PostgresStore(pg_url).close()
    with PostgresStore(pg_url) as s:
        names = [r["name"] for r in s._all("SELECT name FROM migrations ORDER BY name")]
        assert names[:4] == ["0001_initial", "0002_timeline_indexes", "0003_stories", "0004_actor_days"]
        assert names == sorted(name for name, _ in migration_scripts("postgres"))
        indexes = {r["indexname"] for r in s._all("SELECT indexname FROM pg_indexes WHERE tablename = 'articles'")}
        assert "articles_tsv" in indexes


def test_fts_stays_in_sync_and_constraints_hold(pg_store: PostgresStore) -> None:
    doc, art = store_tests._article(store_tests.TEXT, "Gone", "2024-01-01")
    pg_store.save(doc, art)
    assert [h["id"] for h in pg_store.search("Macron").items] == [doc.id]
    pg_store.update(doc.id, None, "removed")
    assert pg_store.search("Macron").items == [] and pg_store.quotes(filters=Filters(text="give")).items == []
    with pytest.raises(psycopg.errors.CheckViolation), pg_store.transaction() as cur:
        cur.execute("INSERT INTO documents (id, content_hash, source, media_type, size, fetched_at,"
                    " status, updated_at) VALUES ('x', 'h', 's', 't', 0, 'n', 'bogus', 'n')")
    assert pg_store.document("x") is None  # the failed transaction left nothing behind


def test_search_semantics_match_sqlite(pg_store: PostgresStore, tmp_path: Path) -> None:
    texts = {
        "Ports": "Dock workers in Rotterdam ended their strike on Friday. Macron said: “We welcome it,” in France.",
        "Grain": "Grain exports from Odesa rose in June, Macron told France. “We will help,” he added.",
        "Café": "A café owner in Lyon spoke about prices. Macron visited France's south. “We listen,” he said.",
    }
    with SQLiteStore(tmp_path / "ref.db") as ref:
        for title, text in texts.items():
            doc, art = store_tests._article(text, title, "2024-06-01")
            ref.save(doc, art)
            pg_store.save(doc, art)
        for query in ["strike", '"dock workers"', "grain OR strike", "grain strike", "Macron June",
                      "cafe", "friday OR june OR prices", '"workers in"']:
            assert _titles(pg_store.search(query).items) == _titles(ref.search(query).items), query
            assert _titles(pg_store.articles(Filters(text=query)).items) == _titles(
                ref.articles(Filters(text=query)).items), query
        for query in ["Macron", "strike OR grain"]:
            assert pg_store.search_facets(query) == ref.search_facets(query), query
    hit = pg_store.search('"Dock workers"').items[0]
    assert "<mark>Dock workers</mark> in" in hit["snippet"] and "<mark>" not in hit["snippet_text"]
    assert hit["snippet_text"].startswith("Dock workers") and hit["snippet_text"].endswith("…")
    title_hit = pg_store.search("grain").items  # in the title and the text of one article only
    assert [h["title"] for h in title_hit] == ["Grain"] and title_hit[0]["score"] < 0
    with pytest.raises(ValueError):
        pg_store.search("  ")


def test_snippet_marks_words_too_far_apart_for_one_fragment(pg_store: PostgresStore) -> None:
    filler = " ".join(f"word{i}" for i in range(60))
    text = f"Harbour cranes stood idle. {filler}. Macron spoke of France and the shipping season. “We sail,” he said."
    doc, art = store_tests._article(text, "Far", "2024-07-01")
    pg_store.save(doc, art)
    [hit] = pg_store.search("harbour season").items
    assert "<mark>" in hit["snippet"] and hit["snippet_text"].endswith("…")


def test_ranking_is_bounded_to_the_newest_matches(pg_store: PostgresStore, monkeypatch) -> None:
    monkeypatch.setattr(postgres_queries, "RANK_WINDOW", 2)
    ids = []
    for i in range(4):
        doc, art = store_tests._article(store_tests.TEXT + f" Round {i}.", f"Round {i}", "2024-05-01")
        pg_store.save(doc, art)
        ids.append(doc.id)
    assert sorted(h["id"] for h in pg_store.search("Macron").items) == sorted(ids[2:])
    facets = pg_store.search_facets("Macron", window=3)
    assert (facets["counted"], facets["partial"]) == (3, True) and facets["outlets"][0]["n"] == 3


def test_slabs_find_the_same_newest_matches_as_one_pass(pg_store: PostgresStore, monkeypatch) -> None:
    # Nine articles, a strike in four of them (two in the outlet asked for); the two newest are ranked.
    monkeypatch.setattr(postgres_queries, "RANK_WINDOW", 2)
    ids = []
    for i in range(9):
        news = "Dock workers went on strike." if i in (0, 3, 4, 8) else "Grain exports rose."
        text = f"{news} Macron said: “We will see,” in France. Report number {i}."
        doc, art = store_tests._article(text, f"Report {i}", "2024-05-01")
        art.outlet = "Harbour Post" if i in (0, 3, 5) else "Inland Daily"
        pg_store.save(doc, art)
        ids.append(doc.id)
    found, outlet = {}, {}
    # Slabs of one article, of two, of four, one slab for all; one or two slabs first, growing; the
    # older articles read at once, without slabs, after the first read or the second.
    for bits, first, growth, most in ((0, 1, 2, 99), (0, 2, 1, 99), (1, 1, 2, 99), (2, 1, 3, 99), (40, 2, 4, 99),
                                      (0, 1, 2, 1), (0, 2, 2, 2)):
        monkeypatch.setattr(postgres_queries, "MAX_SLABS", most)
        monkeypatch.setattr(postgres_queries, "SLAB_BITS", bits)
        monkeypatch.setattr(postgres_queries, "FIRST_SLABS", first)
        monkeypatch.setattr(postgres_queries, "SLAB_GROWTH", growth)
        monkeypatch.setattr(postgres_queries, "SLICE_MARGIN", 0.01)  # the narrowest reads the rules allow
        found[bits, first, most] = [h["id"] for h in pg_store.search("strike").items]
        outlet[bits, first, most] = [h["id"] for h in pg_store.search("strike", Filters(outlet="Harbour Post")).items]
        facets = pg_store.search_facets("strike", window=3)
        assert (facets["counted"], facets["partial"]) == (3, True), bits
        assert pg_store.search("strike", Filters(outlet="nowhere")).items == []  # every slab read, none found
    assert sorted(found[0, 1, 99]) == sorted(ids[i] for i in (4, 8))
    assert sorted(outlet[0, 1, 99]) == sorted(ids[i] for i in (0, 3))
    assert len(set(map(tuple, found.values()))) == 1 and len(set(map(tuple, outlet.values()))) == 1, (found, outlet)


def test_next_read_follows_the_matches_seen() -> None:
    assert postgres_queries._next_width(1000, 0, 2, 2) == 2 * postgres_queries.SLAB_GROWTH  # none seen: wider
    assert postgres_queries._next_width(180, 820, 1, 1) == 1  # a common word: one more slab holds the rest
    width = postgres_queries._next_width(738, 262, 2, 2)  # a few percent: sized to the matches still wanted
    assert width == math.ceil(738 * postgres_queries.SLICE_MARGIN * 2 / 262)
    assert postgres_queries._next_width(10, 990, 5, 8) == 8  # never narrower than the last


def test_slab_reads_intersect_inside_the_words_index(pg_store: PostgresStore) -> None:
    # The words and the slabs are lexemes of one GIN index (migration 0028): one index read
    # answers them together, so a common word's entries outside the slabs asked for are skipped.
    # 20,000 articles, a strike in every fifth, made in the server (one by one would take minutes).
    with pg_store.transaction() as cur:
        cur.execute("INSERT INTO documents (id, content_hash, source, media_type, size, fetched_at, status, updated_at)"
                    " SELECT 'd' || i, 'h' || i, 's', 'text/plain', 1, '', 'done', '' FROM generate_series(1, 20000) i")
        cur.execute("INSERT INTO articles (doc_id, text, outlet, processed_at)"
                    " SELECT 'd' || i, CASE WHEN i % 5 = 0 THEN 'Dock workers went on strike.' ELSE 'Grain exports rose.'"
                    " END || ' Report ' || i, 'Outlet ' || (i % 7), '' FROM generate_series(1, 20000) i")
    pg_store.optimize()
    bits = postgres_queries.SLAB_BITS
    sql = (f"SELECT a.n FROM articles a WHERE (a.tsv || newsloom_slab(a.n, {bits})) @@"
           " ANY(CAST(%s AS tsquery[])) AND a.outlet = %s ORDER BY a.n DESC LIMIT %s")
    for words in ("'strike'", "'dock' <-> 'worker'"):  # a phrase the planner takes for rare: still the slabs only
        with pg_store.transaction():
            pg_store._rows(postgres_queries.BITMAP_ONLY)
            plan = "\n".join(pg_store.explain(sql, [[f"({words}) & '~s4'", f"({words}) & '~s3'"], "Outlet 3", 10]))
        index_cond = [line for line in plan.splitlines() if "Index Cond" in line]
        assert "Bitmap Index Scan on articles_tsv" in plan, plan
        assert len(index_cond) == 1 and "'~s4'" in index_cond[0] and "'~s3'" in index_cond[0], plan
    columns = pg_store._row("SELECT pg_get_indexdef('articles_tsv'::regclass) AS d")["d"]
    assert columns.endswith(f"USING gin (((tsv || newsloom_slab(n, {bits}))), outlet)"), columns
    newest = pg_store._rows("SELECT n FROM articles WHERE tsv @@ to_tsquery('newsloom_text', 'strike')"
                            " AND outlet = 'Outlet 3' ORDER BY n DESC LIMIT 1000")
    assert pg_store._newest_matches("strike", " AND a.outlet = ?", ["Outlet 3"], 1000) == [r["n"] for r in newest]


def test_nul_characters_and_raw_bytes_survive(pg_store: PostgresStore) -> None:
    raw = bytes(range(256))
    doc = Document(raw=raw, source="odd.bin", media_type="application/octet-stream", meta={"note": "a\x00b"})
    text = "Macron\x00 spoke for France. “We stay,” he said."
    _, art = store_tests._article(text, "Nul", "2024-02-02")
    art.document_id = doc.id
    assert pg_store.save(doc, art)
    back = pg_store.raw(doc.id)
    assert back is not None and back.raw == raw and back.meta["_size"] == 256
    article = pg_store.article(doc.id)
    assert article is not None and article.text == text.replace("\x00", "\ufffd")  # offsets unchanged
    assert article.quotes[0].text == "We stay"


def test_outlet_profiles_and_document_listing(pg_store: PostgresStore) -> None:
    assert pg_store.load_outlet_profile("Wire") is None
    pg_store.save_outlet_profile("Wire", '{"lines": 1}')
    pg_store.save_outlet_profile("Wire", '{"lines": 2}')
    assert pg_store.outlet_profiles() == {"Wire": '{"lines": 2}'}
    doc, art = store_tests._article(store_tests.TEXT, "Listed", "2024-01-01")
    pg_store.save(doc, art)
    assert pg_store.document_ids() == [doc.id] and pg_store.document_ids("failed") == []
    assert pg_store.document(doc.id).status == "done"
    assert [a.title for a in pg_store.iter_articles(batch_size=1)] == ["Listed"]
    assert pg_store.find_actor("Emmanuel Macron").id == store_tests.MACRON.id
    assert pg_store.actors(name="macr").items[0]["id"] == store_tests.MACRON.id
    assert pg_store.events_for(doc.id) == []


def test_concurrent_writers_store_each_document_once(pg_url: str) -> None:  # noqa: F811
    docs = [store_tests._article(store_tests.TEXT + f" Note {i}.", f"Race {i}", f"2024-04-0{1 + i % 9}")
            for i in range(12)]
    stores = [PostgresStore(pg_url) for _ in range(3)]  # separate connections, as separate workers
    try:
        with ThreadPoolExecutor(len(stores)) as pool:
            results = list(pool.map(lambda s: [s.save(d, a) for d, a in docs], stores))
        assert sum(sum(r) for r in results) == len(docs)  # each document won by exactly one writer
        stats = stores[0].stats()
        assert (stats["documents"], stats["actors"], stats["quotes"]) == (12, 2, 12)
        assert stores[1].actor(store_tests.MACRON.id)["articles"] == 12
    finally:
        for s in stores:
            s.close()


def test_batch_ingest_matches_sqlite(pg_store: PostgresStore, tmp_path: Path, fast_settings) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = [
        {"id": "pg-1", "title": "Bridge opens to traffic", "outlet": "Valley Times", "published": "2023-09-12",
         "text": "The new river bridge opened to traffic on Tuesday after three years of work.\n\n"
                 "Commuters said the crossing cut their journey by twenty minutes."},
        {"id": "pg-2", "title": "Library extends hours", "outlet": "Valley Times", "published": "2023-09-14",
         "text": "The city library will stay open until nine in the evening from October.\n\n"
                 "Students had asked for longer hours during the exam season."},
        {"id": "pg-3", "title": "Orchard harvest starts early", "outlet": "Farm Weekly", "published": "2023-08-30",
         "text": "Apple growers began picking a week early because of the warm summer.\n\n"
                 "Buyers expect prices to stay close to last year's level."},
    ]
    (corpus / "wire.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    (corpus / "broken.html").write_bytes(bytes(range(256)) * 4)
    report = ingest([str(corpus)], pg_store, fast_settings)
    assert (report.added, report.failed) == (3, 1), report.errors
    assert ingest([str(corpus)], pg_store, fast_settings).added == 0
    with SQLiteStore(tmp_path / "ref.db") as ref:
        ingest([str(corpus)], ref, fast_settings)
        for key in ("documents", "articles", "failed", "outlets"):
            assert pg_store.stats()[key] == ref.stats()[key], key
        for f in [None, Filters(outlet="Valley Times"), Filters(since="2023-09-13"), Filters(until="2023-09")]:
            assert pg_store.articles(f).items == ref.articles(f).items, f
        assert _titles(pg_store.search("bridge OR library").items) == _titles(ref.search("bridge OR library").items)
        [failed] = pg_store.failures()
        assert failed.error == ref.failures()[0].error and pg_store.raw(failed.id).raw == bytes(range(256)) * 4
        first = ref.document_ids()[0]
        assert pg_store.article(first).as_dict() == ref.article(first).as_dict()


def _titles(items: list[dict]) -> list[str]:
    return sorted(i["title"] for i in items)
