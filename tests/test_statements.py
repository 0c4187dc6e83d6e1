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


def test_migration_marks_denials_stored_before_the_flag(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    _fill(store)
    with store.transaction() as c:
        c.execute("UPDATE quotes SET negated = 0")
        script = (Path(__file__).parents[1] / "src/newsloom/store/migrations/0013_quote_negated.sql").read_text()
        c.execute(script.split(";\n")[1])  # the backfill from each article's facts
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
