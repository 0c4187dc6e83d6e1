"""Statements: a speaker's words relayed by several articles are one statement with several
sources; each article keeps its own quote; a denial is never listed as what someone said."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.model import Actor, Article, Document, Entity, Mention, Paragraph, Quote, Speaker
from newsloom.serve import create_app
from newsloom.settings import Settings
from newsloom.store import SQLiteStore, open_store
from newsloom.store.statement_queries import group_statements
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

VIRTA = Actor("local:aino-virta", "Aino Virta", "person")


def _article(text: str, outlet: str, published: str, negated: bool = False) -> tuple[Document, Article]:
    doc = Document(raw=(outlet + text).encode(), source=f"{outlet}.txt", media_type="text/plain")
    name = text.index("Virta")
    q_start = text.index("“") + 1
    q_end = text.index("”")
    quote = Quote(text[q_start:q_end], q_start, q_end, "direct", "denied" if negated else "said",
                  Speaker("Virta", name, name + 5, VIRTA), negated=negated)
    art = Article(source=doc.source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                  title=f"{outlet} report", published=published, outlet=outlet,
                  entities=[Entity(VIRTA, [Mention("Virta", name, name + 5, "PERSON")])], quotes=[quote])
    return doc, art


def _fill(store: SQLiteStore) -> None:
    store.save(*_article("Minister Virta spoke on Monday. “The harbour will stay open all winter,” she said.",
                         "Coast Daily", "2025-01-06"))
    store.save(*_article("Virta was firm. “The harbour will stay open all winter,” the minister said on Monday.",
                         "Northern Wire", "2025-01-06"))
    store.save(*_article("Virta was asked about tolls. “We will raise the harbour tolls next year,” she denied.",
                         "Coast Daily", "2025-01-07", negated=True))


def test_relayed_statement_is_one_statement_with_two_sources(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _fill(store)
    items = store.statements(speaker="Aino Virta").items
    assert len(items) == 1
    st = items[0]
    assert st["count"] == 2 and st["outlets"] == ["Coast Daily", "Northern Wire"]
    assert st["text"] == "The harbour will stay open all winter,"
    # Each article keeps its own quote, with its own offsets.
    assert store.quotes(speaker="Aino Virta").items and len(store.quotes(speaker="Aino Virta").items) == 3
    store.close()


def test_statements_endpoint(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _fill(store)
    s = Settings.load()
    s.set("pipeline.stages", [])
    client = TestClient(create_app(store, s))
    body = client.get("/api/v1/statements", params={"speaker": VIRTA.id}).json()
    assert [len(i["sources"]) for i in body["items"]] == [2]
    assert client.get("/api/v1/statements", params={"since": "not-a-date"}).status_code in (400, 422)
    store.close()


def test_grouping_keeps_different_words_and_speakers_apart() -> None:
    def row(speaker: str, text: str, doc: str) -> dict:
        return {"speaker_id": speaker, "speaker_name": speaker, "text": text, "doc_id": doc, "start": 0,
                "end": len(text), "kind": "direct", "cue": "said", "date": "2025-01-01", "outlet": doc,
                "title": None, "url": None, "published": None}

    groups = group_statements([row("a", "Rates will rise in June.", "x"), row("a", "Rates will rise in June", "y"),
                               row("b", "Rates will rise in June.", "z"), row("a", "Growth is slowing.", "w")])
    assert [g["count"] for g in groups] == [2, 1, 1]


def _docs(store) -> list[str]:
    return [r["doc_id"] for r in store._rows("SELECT doc_id FROM articles ORDER BY published, doc_id", [])]


def test_actor_page_lists_what_was_said_once_without_denials(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _fill(store)
    said = store.quotes(speaker=VIRTA.id, said_only=True).items
    # The denial is left out; the two relays of one statement are one entry with two sources.
    assert len(said) == 1 and said[0]["count"] == 2 and not said[0]["negated"]
    assert sorted(s["outlet"] for s in said[0]["sources"]) == ["Coast Daily", "Northern Wire"]
    every = store.quotes(speaker=VIRTA.id).items
    assert len(every) == 3 and sum(q["negated"] for q in every) == 1  # each article keeps its quote
    store.close()


def test_story_timeline_leaves_out_denials_and_groups_relays(tmp_path: Path) -> None:
    from newsloom.model import Story

    store = SQLiteStore(tmp_path / "s.db")
    _fill(store)
    docs = _docs(store)
    store.replace_stories([Story(id="st-harbour", title="Harbour", document_ids=docs)], {}, {})
    quotes = store.story("st-harbour")["quotes"]
    assert len(quotes) == 1 and quotes[0]["count"] == 2
    assert "tolls" not in quotes[0]["text"]
    store.close()


def _rerun_backfill(store: SQLiteStore, reset: str, migration: str) -> None:
    """Clear a column as a store from before ``migration`` had it, then run the migration's UPDATE
    (its backfill of stored quotes) again, its comment lines left out."""
    script = (Path(__file__).parents[1] / "src/newsloom/store/migrations" / migration).read_text()
    update = next(part for part in script.split(";\n") if "UPDATE quotes" in part)
    with store.transaction() as c:
        c.execute(reset)
        c.execute("\n".join(line for line in update.splitlines() if not line.lstrip().startswith("--")))


def test_migration_marks_denials_stored_before_the_flag(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _fill(store)
    _rerun_backfill(store, "UPDATE quotes SET negated = 0", "0013_quote_negated.sql")  # from the articles' facts
    assert [q["negated"] for q in store.quotes(speaker=VIRTA.id).items].count(True) == 1
    store.close()


@pytest.mark.server
def test_statement_queries_answer_alike_on_postgresql(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    from newsloom.model import Story

    answers = []
    with SQLiteStore(tmp_path / "s.db") as lite, open_store(pg_url) as pg:
        for store in (lite, pg):
            _fill(store)
            store.replace_stories([Story(id="st-harbour", title="Harbour", document_ids=_docs(store))], {}, {})
            with store.transaction() as c:  # a store filled before the flag existed
                c.execute("UPDATE quotes SET negated = 0")
                name = "0013_quote_negated" + (".pg.sql" if store is pg else ".sql")
                script = (Path(__file__).parents[1] / "src/newsloom/store/migrations" / name).read_text()
                c.execute(script.split(";\n")[1])
            answers.append({
                "statements": [(s["text"], s["count"], s["outlets"]) for s in store.statements(speaker=VIRTA.id).items],
                "said": [(q["text"], q["count"]) for q in store.quotes(speaker=VIRTA.id, said_only=True).items],
                "every": [(q["text"], q["negated"]) for q in store.quotes(speaker=VIRTA.id).items],
                "timeline": [(q["text"], q["count"]) for q in store.story("st-harbour")["quotes"]],
            })
    assert answers[0] == answers[1]
    assert answers[0]["statements"][0][1] == 2 and len(answers[0]["said"]) == 1
    assert sum(n for _, n in answers[0]["every"]) == 1


_WORDS = ["Dredging", "Lighting", "Paving", "Fencing", "Painting", "Signage", "Parking", "Cycling", "Fishing",
          "Rowing", "Sailing", "Ticketing", "Cleaning", "Planting", "Heating", "Mooring"]


def _said(text: str, outlet: str, published: str) -> tuple[Document, Article]:
    return _article(f"Virta spoke. “{text}” she said.", outlet, published)


def _all_pages(store, **kw) -> list[dict]:
    out, cursor = [], None
    while True:
        page = store.statements(speaker=VIRTA.id, limit=4, cursor=cursor, **kw)
        out += page.items
        if page.next is None:
            return out
        cursor = page.next


def test_grouping_holds_over_every_page_and_every_quote(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    # The oldest statement is relayed (one relay cut a few words) and buried under 15 newer ones.
    store.save(*_said("The northern harbour will stay open all winter for ferries.", "Coast Daily", "2025-01-01"))
    store.save(*_said("The northern harbour will stay open all winter.", "Northern Wire", "2025-01-03"))
    for day in range(10, 25):
        words = (_WORDS[day - 10], _WORDS[day - 9])
        store.save(*_said(f"{words[0]} is what we plan, and {words[1]} too.", "Coast Daily", f"2025-01-{day:02d}"))
    items = _all_pages(store)
    assert len(items) == 16  # each statement exactly once over the pages
    relayed = [i for i in items if i["count"] == 2]
    assert len(relayed) == 1 and relayed[0]["outlets"] == ["Coast Daily", "Northern Wire"]
    assert relayed[0]["text"].startswith("The northern harbour") and items[-1] is relayed[0]
    # A month later the same words are found by their exact key: still one statement.
    store.save(*_said("The northern harbour will stay open all winter for ferries!", "Harbour Post", "2025-03-01"))
    assert [i["count"] for i in _all_pages(store)][0] == 3
    store.close()


def test_bulk_load_keys_relays_as_saves_do(tmp_path: Path) -> None:
    items = [_said("Tolls stay as they are this year and next.", "Coast Daily", "2025-02-01"),
             _said("Tolls stay as they are this year", "Northern Wire", "2025-02-02"),
             _said("A new quay opens in May.", "Coast Daily", "2025-02-02")]
    one, bulk = SQLiteStore(tmp_path / "a.db"), SQLiteStore(tmp_path / "b.db")
    for doc, art in items:
        one.save(doc, art)
    bulk.save_many([(doc, art, None) for doc, art in items])
    keys = [sorted(r["group_key"] for r in s._rows("SELECT group_key FROM quotes", [])) for s in (one, bulk)]
    assert keys[0] == keys[1] and len(set(keys[0])) == 2
    assert sorted(i["count"] for i in bulk.statements(speaker=VIRTA.id).items) == [1, 2]
    one.close()
    bulk.close()


def test_migration_keys_quotes_stored_before_groups(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _fill(store)
    _rerun_backfill(store, "UPDATE quotes SET group_key = NULL", "0026_quote_groups.sql")
    items = store.statements(speaker=VIRTA.id).items
    assert [i["count"] for i in items] == [2]
    store.close()


def test_a_relay_older_than_thousands_of_quotes_is_still_grouped(tmp_path: Path) -> None:
    from newsloom.store.statement_queries import exact_key

    store = SQLiteStore(tmp_path / "s.db")
    store.save(*_said("The northern harbour will stay open all winter.", "Coast Daily", "2024-12-01"))
    store.save(*_said("The northern harbour will stay open all winter.", "Northern Wire", "2024-12-02"))
    doc, art = _said("Filler.", "Harbour Post", "2025-01-01")
    store.save(doc, art)
    texts = [f"Statement {n} on berth {n * 7} and quay {n * 13}." for n in range(5200)]
    with store.transaction() as c:  # many newer quotes of the same speaker, written directly
        c.executemany('INSERT INTO quotes (doc_id, text, start, "end", kind, speaker_id, date, group_key)'
                      " VALUES (?,?,0,1,'direct',?,?,?)",
                      [(doc.id, t, VIRTA.id, "2025-01-01", exact_key(VIRTA.id, t)) for t in texts])
    items, cursor = [], None
    while True:
        page = store.statements(speaker=VIRTA.id, limit=1000, cursor=cursor)
        items += page.items
        if page.next is None:
            break
        cursor = page.next
    assert len(items) == 5202 and items[-1]["count"] == 2
    store.close()
