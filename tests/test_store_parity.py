"""Both backends answer from one query layer: the same rows in the same order, LIKE taken literally."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.model import Actor, Article, Document, Entity, Mention, Paragraph, Quote, Speaker
from newsloom.store import SQLiteStore, Store, open_store
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

# Two actors tie on every count, so only the tie-breakers decide their order.
ALPHA = Actor("Q1", "Percent_Union", "organization")
BETA = Actor("Q2", "Percent Union", "organization")
GAMMA = Actor("Q3", "Anna Weber", "person")


def _fill(store: Store) -> None:
    for n, (text, actors) in enumerate([
        ("Percent_Union met Percent Union and Anna Weber. “We agree,” Weber said.", (ALPHA, BETA, GAMMA)),
        ("Anna Weber spoke twice. “Nothing changes,” Weber said.", (GAMMA,)),
    ]):
        doc = Document(raw=text.encode(), source=f"p{n}.txt")
        entities = []
        for actor in actors:
            surface = actor.name.split()[-1] if actor is GAMMA else actor.name
            start = text.index(surface)
            entities.append(Entity(actor, [Mention(surface, start, start + len(surface), "ORG")]))
        q0, q1 = text.index("“") + 1, text.index(",”")
        w = text.rindex("Weber")
        art = Article(source=doc.source, document_id=doc.id, text=text, paragraphs=[Paragraph(0, len(text))],
                      title=f"Parity {n}", published="2024-05-0" + str(n + 1), outlet="Wire", entities=entities,
                      quotes=[Quote(text[q0:q1], q0, q1, "direct", "said", Speaker("Weber", w, w + 5, GAMMA))])
        assert store.save(doc, art)


def _answers(store: Store) -> dict:
    return {
        "actors": [(a["id"], a["mentions"], a["articles"]) for a in store.actors().items],
        "named": [a["id"] for a in store.actors(name="t_u").items],
        "literal_percent": store.find_actor("%"),
        "literal_underscore": store.find_actor("t_U").id,  # type: ignore[union-attr]
        "quotes": [q["text"] for q in store.quotes().items],
        "facets": store.search_facets("union")["actors"],
        "profile": [(r["text"], r["n"]) for r in store.actor("Q3")["aliases"]],  # type: ignore[index]
    }


@pytest.mark.server
def test_sqlite_and_postgres_give_the_same_answers(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    with SQLiteStore(tmp_path / "p.db") as lite, open_store(pg_url) as pg:
        _fill(lite)
        _fill(pg)
        a, b = _answers(lite), _answers(pg)
    assert a == b
    # "%" and "_" are literal: no actor's name holds "%", and "t_u" names only Percent_Union.
    assert a["literal_percent"] is None
    assert a["named"] == ["Q1"] and a["literal_underscore"] == "Q1"
    # Actors tied on counts come in name order (" " before "_") on both.
    assert [x[0] for x in a["actors"] if x[0] in ("Q1", "Q2")] == ["Q2", "Q1"]


def test_every_query_the_pages_use_is_part_of_the_store_interface() -> None:
    # serve/ calls these on any Store, without probing for them.
    needed = {"events_for", "search_facets", "stories", "story", "actor_stories", "article_story",
              "replace_stories", "save_stories", "copy_counts", "with_copy_counts", "outlet_profiles"}
    assert needed <= Store.__abstractmethods__
