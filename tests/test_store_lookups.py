"""The lookups behind typed id prefixes and the story timeline's quote sentences, the same on SQLite
and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.model import Article, Document, Paragraph, Quote, Speaker
from newsloom.store import SQLiteStore, Store, open_store
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

TEXT = "Pier works start in June. “The pier will be closed for a month,” the port said on Friday."


def _fill(store: Store) -> tuple[str, Quote]:
    doc = Document(raw=TEXT.encode(), source="pier.txt")
    q0, q1 = TEXT.index("“"), TEXT.index("”") + 1
    sentence = TEXT.index("“")
    quote = Quote(TEXT[q0:q1], q0, q1, "direct", "said", Speaker("the port", q1 + 1, q1 + 9),
                  sentence_start=sentence, sentence_end=len(TEXT))
    art = Article(source=doc.source, document_id=doc.id, text=TEXT, paragraphs=[Paragraph(0, len(TEXT))],
                  title="Pier", published="2024-06-01", outlet="Quay Post", quotes=[quote])
    assert store.save(doc, art)
    return doc.id, quote


def _answers(store: Store) -> dict:
    doc_id, quote = _fill(store)
    [row] = store.quotes().items
    found = store.quote_sentences([row["id"], 999_999])
    return {"prefix": store.ids_with_prefix("document", doc_id[:6]), "none": store.ids_with_prefix("document", "%"),
            "literal": store.ids_with_prefix("story", "_"), "doc": doc_id,
            "sentence": {k: v for k, v in found[row["id"]].items()}, "missing": 999_999 in found}


def test_lookups_on_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "l.db") as store:
        a = _answers(store)
    assert a["prefix"] == [a["doc"]] and a["none"] == [] and a["literal"] == [] and not a["missing"]
    s = a["sentence"]
    # The sentence is the article's text at the stored offsets, and holds the quote's span.
    assert s["sentence"] == TEXT[s["sentence_start"]:s["sentence_end"]]
    assert s["sentence"].startswith("“The pier will be closed") and s["sentence"].endswith("on Friday.")
    assert s["sentence_start"] <= s["start"] < s["end"] <= s["sentence_end"]


@pytest.mark.server
def test_lookups_match_on_postgres(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    with SQLiteStore(tmp_path / "l.db") as lite, open_store(pg_url) as pg:
        a, b = _answers(lite), _answers(pg)
    assert a == b
