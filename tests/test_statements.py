"""Statements: a speaker's words relayed by several articles are one statement with several
sources; each article keeps its own quote; a denial is never listed as what someone said."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from newsloom.model import Actor, Article, Document, Entity, Mention, Paragraph, Quote, Speaker
from newsloom.serve import create_app
from newsloom.settings import Settings
from newsloom.store import SQLiteStore
from newsloom.store.statement_queries import group_statements

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
