"""Search syntax: AND/OR/NOT, -word, prefix*, "phrases", NEAR parsed once, rendered for FTS5 and
tsquery; both stores give every query the same articles; bad queries say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.model import Article, Document, Paragraph
from newsloom.store import SQLiteStore, Store, open_store
from newsloom.store.fts import fts_query, ts_query
from newsloom.store.search_syntax import And, Near, Not, Or, SearchSyntaxError, Term, parse_query
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

# Our own sentences: each query below separates them differently.
TEXTS = {
    "corridor": "The grain corridor reopened on Monday after ministers agreed on inspections at the port.",
    "wheat": "Wheat exports fell as the port stayed closed; traders said the corridor was still shut.",
    "rice": "Rice prices rose in the capital while grain stocks ran low in the northern provinces.",
    "flour": "Bakers said flour from the new grain harvest would reach the shops within a month.",
    "exporters": "Exporters of wheat and grain asked the government for credit to cover the delays.",
}
QUERIES = {
    "grain": {"corridor", "rice", "flour", "exporters"},
    "grain wheat": {"exporters"},
    "grain AND wheat": {"exporters"},
    "grain OR wheat": {"corridor", "wheat", "rice", "flour", "exporters"},
    "grain -rice": {"corridor", "flour", "exporters"},
    "grain NOT rice": {"corridor", "flour", "exporters"},
    'grain -"grain stocks"': {"corridor", "flour", "exporters"},
    "export*": {"wheat", "exporters"},
    '"grain corridor"': {"corridor"},
    '"corridor grain"': set(),
    "NEAR(grain corridor, 0)": {"corridor"},
    "NEAR(corridor grain, 0)": {"corridor"},  # either order
    "NEAR(port corridor, 5)": {"wheat"},
    "NEAR(port corridor, 4)": set(),  # five words between them in 'wheat', ten in 'corridor'
    "NEAR(port corridor, 10)": {"wheat", "corridor"},
    "port NEAR/5 corridor": {"wheat"},
    '"port corridor"~5': {"wheat"},
    "(rice OR flour) grain": {"rice", "flour"},
    "wheat OR rice AND capital": {"wheat", "exporters", "rice"},
    "grain NOT (rice OR flour)": {"corridor", "exporters"},
    "minist*": {"corridor"},
}


def test_parse_tree() -> None:
    assert parse_query("a b") == And((Term(("a",)), Term(("b",))))
    assert parse_query("a OR b c") == Or((Term(("a",)), And((Term(("b",)), Term(("c",))))))
    assert parse_query("a -b") == And((Term(("a",)), Not(Term(("b",)))))
    assert parse_query('"a b"~3') == Near(Term(("a",)), Term(("b",)), 3)
    assert parse_query("exp*") == Term(("exp",), prefix=True)
    assert parse_query("U.S.") == Term(("U", "S"))  # as both tokenizers split it
    assert parse_query("Johnson & Johnson") == And((Term(("Johnson",)), Term(("Johnson",))))
    assert parse_query("and or not") == And((Term(("and",)), Term(("or",)), Term(("not",))))  # operators are upper case


def test_renderings_quote_every_word() -> None:
    assert fts_query('grain -"wheat flour" ex*') == '("grain" AND "ex"*) NOT (("wheat flour"))'
    assert ts_query('grain -"wheat flour" ex*') == "('grain' & !('wheat' <-> 'flour') & 'ex':*)"
    # FTS5 keywords and column filters inside the user's words stay words.
    assert fts_query("title:x") == '"title x"'
    assert fts_query("near") == '"near"'


@pytest.mark.parametrize(("query", "reason"), [
    ("-rice", "beside a term to keep"), ("grain OR -rice", "term to keep"), ("NOT rice", "beside a term"),
    ('"grain', "not closed"), ("(grain", "not closed"), ("grain)", "unexpected"), ("OR grain", "OR needs"),
    ("grain AND", "AND needs"), ("NEAR(a b c)", "two terms"), ("NEAR(a b, 99)", "limit"), ("NEAR(a b, x)", "number"),
    ("&", "empty"), ("", "empty"), ("((((((((((a))))))))))", "nested"), (" ".join(["w"] * 70), "too many"),
])
def test_bad_queries_say_why(query: str, reason: str) -> None:
    with pytest.raises(SearchSyntaxError, match=reason):
        parse_query(query)
    assert issubclass(SearchSyntaxError, ValueError)  # the API answers ValueError with a 400


def _fill(store: Store) -> dict[str, str]:
    ids = {}
    for name, text in TEXTS.items():
        doc = Document(raw=text.encode(), source=f"{name}.txt", media_type="text/plain")
        art = Article(source=doc.source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                      title=name.title(), published="2024-05-01", outlet="Wire")
        store.save(doc, art)
        ids[doc.id] = name
    return ids


def _answers(store: Store, ids: dict[str, str]) -> dict[str, set[str]]:
    out = {}
    for query in QUERIES:
        found = {ids[i["id"]] for i in store.search(query, limit=50).items}
        # The same query as a filter of the article list (shared SQL, the dialect's rendering).
        from newsloom.store import Filters

        listed = {ids[i["id"]] for i in store.articles(Filters(text=query), limit=50).items}
        assert found == listed, query
        out[query] = found
    return out


def test_sqlite_answers_every_query(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        got = _answers(store, _fill(store))
    assert got == QUERIES


@pytest.mark.server
def test_postgres_gives_the_same_answers(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    with SQLiteStore(tmp_path / "s.db") as lite, open_store(pg_url) as pg:
        a, b = _answers(lite, _fill(lite)), _answers(pg, _fill(pg))
        hit = pg.search("export*", limit=5).items
    assert a == b == QUERIES
    # Prefix matches are highlighted whole on PostgreSQL too, as FTS5 does.
    assert any("<mark>Exporters</mark>" in h["snippet"] or "<mark>exports</mark>" in h["snippet"] for h in hit)


# Punctuation the PostgreSQL parser would otherwise glue to words (migration 0016): prices, hosts,
# paths, hyphens, curly quotes and apostrophes, dashes. Our own sentences.
GLUED = {
    "price": "The ticket now costs $17.99 a month, up from 15.",
    "link": "Readers found the offer at shop.example/deals and on the radio.",
    "path": "Photo: Harbour Desk/Wirepix, used with permission.",
    "quote": "\u201cWe will not sign,\u201d the envoy\u2019s aide said\u2014twice\u2014before leaving.",
    "hyphen": "A well-known e-mail scam reached twenty-one offices.",
}
GLUED_QUERIES = ["17", "99", "example", "deals", "Wirepix", "we", "envoy", "s", '"aide said twice"', "known",
                 '"e mail"', "mail", "NEAR(sign envoy, 2)", '"17 99"', "shop*"]


@pytest.mark.server
def test_postgres_cuts_punctuation_like_fts5(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    with SQLiteStore(tmp_path / "g.db") as lite, open_store(pg_url) as pg:
        ids_lite, ids_pg = _fill_texts(lite, GLUED), _fill_texts(pg, GLUED)
        from newsloom.store import Filters

        for query in GLUED_QUERIES:
            a = {ids_lite[i["id"]] for i in lite.articles(Filters(text=query)).items}
            b = {ids_pg[i["id"]] for i in pg.articles(Filters(text=query)).items}
            assert a == b and a, query


def _fill_texts(store: Store, texts: dict[str, str]) -> dict[str, str]:
    ids = {}
    for name, text in texts.items():
        doc = Document(raw=text.encode(), source=f"{name}.txt", media_type="text/plain")
        store.save(doc, Article(source=doc.source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                                title=None, published="2024-05-01", outlet="Wire"))
        ids[doc.id] = name
    return ids


@pytest.mark.server
def test_phrases_do_not_run_from_title_into_text_on_postgres(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    text = "Harbour reopens after storm. The harbour reopened on Monday."
    with SQLiteStore(tmp_path / "t.db") as lite, open_store(pg_url) as pg:
        for store in (lite, pg):
            doc = Document(raw=text.encode(), source="t.txt", media_type="text/plain")
            store.save(doc, Article(source="t.txt", document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                                    title="Storm damage", published="2024-05-01", outlet="Wire"))
        from newsloom.store import Filters

        for query, hits in (('"damage harbour"', 0), ("NEAR(damage harbour, 0)", 0), ('"storm damage"', 1),
                            ("damage harbour", 1)):
            assert len(lite.articles(Filters(text=query)).items) == hits, query
            assert len(pg.articles(Filters(text=query)).items) == hits, query
