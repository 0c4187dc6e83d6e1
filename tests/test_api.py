"""The JSON API under /api/v1: every endpoint, bad input, pagination edges, the write token."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.model import Actor, Article, Document, Entity, Mention, Paragraph, Quote, Speaker
from newsloom.serve import create_app
from newsloom.settings import Settings
from newsloom.store import SQLiteStore

JANE = Actor("local:person:jane-doe", "Jane Doe", "person")
RURITANIA = Actor("test:country:ruritania", "Ruritania", "country", wikidata="Q999999001", country="RUR")
OMAR = Actor("local:person:omar-haddad", "Omar Haddad", "person")
PAYLOAD = "<script>document.title='pwned';window.__xss=1</script>"
TOKEN = "s3cret-token"


def _article(doc_id: str, title: str, text: str, published: str, outlet: str,
             quotes: list[tuple[str, str, Actor, Actor | None]], mentions: list[tuple[str, Actor]]) -> Article:
    """An article with facts whose offsets are found in ``text`` (first occurrence)."""
    entities: dict[str, Entity] = {}
    for surface, actor in mentions:
        start = text.index(surface)
        entities.setdefault(actor.id, Entity(actor)).mentions.append(Mention(surface, start, start + len(surface)))
    qs = []
    for quoted, speaker_text, speaker, speaks_for in quotes:
        qs_start = text.index(quoted)
        sp = text.index(speaker_text, qs_start + len(quoted))
        end = text.find(".", sp)
        qs.append(Quote(quoted, qs_start, qs_start + len(quoted), "direct", cue="said",
                        speaker=Speaker(speaker_text, sp, sp + len(speaker_text), speaker),
                        speaks_for=speaks_for, date=published, sentence_start=max(0, qs_start - 1),
                        sentence_end=end + 1 if end > 0 else len(text)))
    paras, pos = [], 0
    for block in text.split("\n\n"):
        paras.append(Paragraph(pos, pos + len(block)))
        pos += len(block) + 2
    return Article(source=f"test:{doc_id}", text=text, paragraphs=paras, document_id=doc_id, title=title,
                   published=published, outlet=outlet, language="en", entities=list(entities.values()),
                   quotes=qs, dates=[], events=[])


def sample_docs() -> list[tuple[Document, Article]]:
    """Three hand-made articles (our own words) with deterministic entities and quotes."""
    t1 = ("Ruritania will keep its border crossings open through the winter, officials said.\n\n"
          "\u201cWe will not close the crossings while families are waiting on both sides,\u201d Jane Doe said "
          "at a press briefing in the capital on Tuesday.\n\n"
          "Omar Haddad, who leads the opposition bloc, was less certain. \u201cThe plan has no money behind it,\u201d "
          "Omar Haddad said.")
    t2 = ("Ruritania signed a grain agreement with its neighbours on Friday.\n\n"
          "\u201cThis agreement feeds millions of people,\u201d Jane Doe said after the signing ceremony.")
    t3 = ("A reader sent a comment containing markup: " + PAYLOAD + " which must be shown as text.\n\n"
          "Jane Doe did not comment on the message.")
    a1 = _article("", "Border crossings stay open", t1, "2024-03-05", "Harbour Tribune",
                  [("\u201cWe will not close the crossings while families are waiting on both sides,\u201d",
                    "Jane Doe", JANE, RURITANIA),
                   ("\u201cThe plan has no money behind it,\u201d", "Omar Haddad", OMAR, None)],
                  [("Ruritania", RURITANIA), ("Jane Doe", JANE), ("Omar Haddad", OMAR)])
    a2 = _article("", "Grain agreement signed", t2, "2024-03-08", "Lakeside Courier",
                  [("\u201cThis agreement feeds millions of people,\u201d", "Jane Doe", JANE, RURITANIA)],
                  [("Ruritania", RURITANIA), ("Jane Doe", JANE)])
    a3 = _article("", "Comment " + PAYLOAD, t3, "2024-03-09", "Harbour Tribune", [], [("Jane Doe", JANE)])
    out = []
    for art, raw in ((a1, t1), (a2, t2), (a3, "<html><body><p>" + t3 + "</p></body></html>")):
        doc = Document(raw=raw.encode(), source=art.source, media_type="text/plain")
        art.document_id = doc.id
        out.append((doc, art))
    return out


def build_sample_store(path: Path) -> tuple[SQLiteStore, list[str]]:
    store = SQLiteStore(path)
    ids = []
    for doc, art in sample_docs():
        store.save(doc, art)
        ids.append(doc.id)
    return store, ids


def fast_serve_settings(token: str = TOKEN) -> Settings:
    s = Settings.load()
    s.set("pipeline.stages", [])  # extraction only: no NLP model in API tests
    s.set("serve.token", token)
    return s


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NEWSLOOM_TOKEN", raising=False)
    store, ids = build_sample_store(tmp_path / "api.db")
    client = TestClient(create_app(store, fast_serve_settings()))
    yield client, ids
    store.close()


def test_openapi_schema_lists_routes(sample) -> None:
    client, _ = sample
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for route in ("/api/v1/search", "/api/v1/articles/{doc_id}", "/api/v1/actors", "/api/v1/actors/{actor_id}",
                  "/api/v1/actors/{actor_id}/timeline", "/api/v1/quotes", "/api/v1/documents", "/api/v1/stories",
                  "/api/v1/stories/{story_id}", "/api/v1/actors/{actor_id}/stories"):
        assert route in paths, route
    assert "post" in paths["/api/v1/documents"]


def test_search_returns_ranked_items_with_safe_snippets(sample) -> None:
    client, ids = sample
    body = client.get("/api/v1/search", params={"q": "crossings"}).json()
    assert body["next"] is None
    assert body["items"][0]["id"] == ids[0]
    assert "<mark>crossings</mark>" in body["items"][0]["snippet"].lower()
    hit = client.get("/api/v1/search", params={"q": "markup"}).json()["items"][0]
    assert hit["id"] == ids[2]
    assert "<script>" not in hit["snippet"] and "&lt;script&gt;" in hit["snippet"]


def test_search_phrase_filters_and_bad_input(sample) -> None:
    client, ids = sample
    assert [i["id"] for i in client.get("/api/v1/search", params={"q": '"grain agreement"'}).json()["items"]] == [ids[1]]
    got = client.get("/api/v1/search", params={"q": "Ruritania", "outlet": "Lakeside Courier"}).json()["items"]
    assert [i["id"] for i in got] == [ids[1]]
    got = client.get("/api/v1/search", params={"q": "Ruritania", "until": "2024-03-06"}).json()["items"]
    assert [i["id"] for i in got] == [ids[0]]
    for params, status in (({"q": "x", "since": "yesterday"}, 422), ({"q": "x", "until": "2024-13"}, 422),
                           ({"q": "x", "since": "2024-03-09", "until": "2024-03-01"}, 422),
                           ({"q": "x", "cursor": "not-a-cursor"}, 400), ({"q": "..."}, 400), ({}, 422),
                           ({"q": "x", "limit": 0}, 422), ({"q": "x", "limit": 100000}, 422)):
        r = client.get("/api/v1/search", params=params)
        assert r.status_code == status, (params, r.text)
        assert r.json()["error"]


def test_pagination_walks_every_item_once(sample) -> None:
    client, ids = sample
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/articles", params=params).json()
        seen += [i["id"] for i in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert pages == 3 and sorted(seen) == sorted(ids)
    assert seen[0] == ids[2]  # newest first
    # Exactly a full page: no dangling cursor to an empty page.
    assert client.get("/api/v1/articles", params={"limit": 3}).json()["next"] is None
    # A cursor past the end gives an empty page, not an error.
    from newsloom.store.base import encode_cursor
    assert client.get("/api/v1/articles", params={"cursor": encode_cursor(50)}).json() == {"items": [], "next": None}


def test_article_has_entities_and_quote_spans(sample) -> None:
    client, ids = sample
    body = client.get(f"/api/v1/articles/{ids[0]}").json()
    assert body["id"] == ids[0] and body["title"] == "Border crossings stay open"
    q = body["quotes"][0]
    assert body["text"][q["start"]:q["end"]] == q["text"]
    assert q["speaker"]["actor"]["id"] == JANE.id
    assert body["text"][q["speaker"]["start"]:q["speaker"]["end"]] == "Jane Doe"
    assert {e["actor"]["id"] for e in body["entities"]} == {JANE.id, RURITANIA.id, OMAR.id}
    r = client.get("/api/v1/articles/0000000000000000")
    assert r.status_code == 404 and "no article" in r.json()["error"]
    assert client.get(f"/api/v1/articles/{ids[0]}/events").json()["items"] == []


def test_documents_list_and_record(sample) -> None:
    client, ids = sample
    body = client.get("/api/v1/documents", params={"limit": 2}).json()
    assert len(body["items"]) == 2 and body["next"]
    assert client.get(f"/api/v1/documents/{ids[1]}").json()["status"] == "done"
    assert client.get("/api/v1/documents/nope").status_code == 404
    assert client.get("/api/v1/documents", params={"status": "weird"}).status_code == 422


def test_actors_profile_and_timeline_with_colon_ids(sample) -> None:
    client, ids = sample
    items = client.get("/api/v1/actors").json()["items"]
    assert items[0]["id"] == JANE.id and items[0]["mentions"] == 3
    assert [a["id"] for a in client.get("/api/v1/actors", params={"type": "country"}).json()["items"]] == [RURITANIA.id]
    prof = client.get(f"/api/v1/actors/{JANE.id}").json()
    assert prof["actor"]["name"] == "Jane Doe" and prof["quotes"] == 2 and prof["articles"] == 3
    assert OMAR.id in {w["id"] for w in prof["quoted_with"]}
    tl = client.get(f"/api/v1/actors/{JANE.id}/timeline").json()
    assert tl["actor_id"] == JANE.id
    assert [(d["day"], d["mentions"], d["quotes"]) for d in tl["items"]] == [
        ("2024-03-05", 1, 1), ("2024-03-08", 1, 1), ("2024-03-09", 1, 0)]
    tl = client.get(f"/api/v1/actors/{JANE.id}/timeline", params={"since": "2024-03-08"}).json()
    assert len(tl["items"]) == 2
    assert client.get("/api/v1/actors/local:person:nobody").status_code == 404
    assert client.get("/api/v1/actors/local:person:nobody/timeline").status_code == 404
    assert client.get(f"/api/v1/actors/{JANE.id}/timeline", params={"until": "March"}).status_code == 422


def test_quotes_filters(sample) -> None:
    client, ids = sample
    all_q = client.get("/api/v1/quotes").json()["items"]
    assert len(all_q) == 3 and all_q[0]["article"]["id"] == ids[1]  # newest first
    by_jane = client.get("/api/v1/quotes", params={"speaker": JANE.id}).json()["items"]
    assert {q["speaker"]["actor"]["id"] for q in by_jane} == {JANE.id} and len(by_jane) == 2
    assert len(client.get("/api/v1/quotes", params={"speaks_for": RURITANIA.id}).json()["items"]) == 2
    assert len(client.get("/api/v1/quotes", params={"speaker": "Omar Haddad"}).json()["items"]) == 1
    got = client.get("/api/v1/quotes", params={"q": "millions", "since": "2024-03-06", "until": "2024-03-08"}).json()
    assert [q["article"]["id"] for q in got["items"]] == [ids[1]]
    assert client.get("/api/v1/quotes", params={"since": "2024-02-30"}).status_code == 422
    page = client.get("/api/v1/quotes", params={"limit": 2}).json()
    rest = client.get("/api/v1/quotes", params={"limit": 2, "cursor": page["next"]}).json()
    assert len(page["items"]) == 2 and len(rest["items"]) == 1 and rest["next"] is None


def test_post_requires_token(sample) -> None:
    client, _ = sample
    r = client.post("/api/v1/documents", data={"text": "Some words."})
    assert r.status_code == 401 and "token" in r.json()["error"]
    assert r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/v1/documents", data={"text": "Some words."}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401


def test_post_refused_when_no_token_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLOOM_TOKEN", raising=False)
    store = SQLiteStore(tmp_path / "x.db")
    client = TestClient(create_app(store, fast_serve_settings(token="")))
    r = client.post("/api/v1/documents", data={"text": "x"}, headers={"Authorization": "Bearer "})
    assert r.status_code == 401 and "disabled" in r.json()["error"]
    monkeypatch.setenv("NEWSLOOM_TOKEN", "from-env")
    client = TestClient(create_app(store, fast_serve_settings(token="")))
    r = client.post("/api/v1/documents", data={"text": "A short note about the harbour reopening on Monday."},
                    headers={"Authorization": "Bearer from-env"})
    assert r.status_code == 201, r.text
    store.close()


AUTH = {"Authorization": f"Bearer {TOKEN}"}
NOTE = ("The city council approved a new budget for public libraries on Wednesday.\n\n"
        "Council member Ana Silva said the vote would keep branches open on weekends.")


def test_post_text_html_and_file_are_ingested(sample) -> None:
    client, _ = sample
    r = client.post("/api/v1/documents", data={"text": NOTE, "title": "Library budget", "outlet": "Town Crier",
                                               "published": "2024-04-02"}, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "done" and body["article"] == f"/api/v1/articles/{body['id']}"
    art = client.get(body["article"]).json()
    assert art["title"] == "Library budget" and "public libraries" in art["text"] and art["outlet"] == "Town Crier"
    again = client.post("/api/v1/documents", data={"text": NOTE, "title": "Library budget", "outlet": "Town Crier",
                                                   "published": "2024-04-02"}, headers=AUTH)
    assert again.json()["status"] == "present" and again.json()["id"] == body["id"]
    assert again.status_code == 200  # already stored: nothing created
    page = ("<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
            "<p>The harbour reopened to cargo ships on Monday after a week of repairs to the main pier.</p>"
            "<p>Port staff said traffic would return to normal levels within a few days.</p></article></body></html>")
    r = client.post("/api/v1/documents", files={"file": ("harbour.html", page.encode(), "text/html")}, headers=AUTH)
    assert r.status_code == 201, r.text
    art = client.get(f"/api/v1/articles/{r.json()['id']}").json()
    assert "cargo ships" in art["text"]
    r = client.post("/api/v1/documents", data={"html": page.replace("Monday", "Tuesday")}, headers=AUTH)
    assert r.status_code == 201 and r.json()["status"] == "done"


def test_post_bad_bodies(sample) -> None:
    client, _ = sample
    assert client.post("/api/v1/documents", data={"title": "only a title"}, headers=AUTH).status_code == 422
    r = client.post("/api/v1/documents", content=b"<doc/>", headers={**AUTH, "Content-Type": "application/xml"})
    assert r.status_code == 415 and "application/json" in r.json()["error"]
    r = client.post("/api/v1/documents", data={"url": "http://127.0.0.1:9/x"}, headers=AUTH)
    assert r.status_code == 422 and "non-public" in r.json()["error"]
    r = client.post("/api/v1/documents", data={"url": "file:///etc/passwd"}, headers=AUTH)
    assert r.status_code == 422 and "http" in r.json()["error"]


def test_post_over_20mb_is_413(sample) -> None:
    client, _ = sample
    big = b"a" * (20_000_000 + 1)
    r = client.post("/api/v1/documents", files={"file": ("big.txt", big, "text/plain")}, headers=AUTH)
    assert r.status_code == 413 and "limit" in r.json()["error"]
    # The token is checked before the body is read: a big anonymous upload is refused as 401.
    r = client.post("/api/v1/documents", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 401


def test_post_chunked_body_over_limit_is_413(sample) -> None:
    """Without a Content-Length the body is counted while it streams in."""
    client, _ = sample
    boundary = "nlboundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()

    def body():
        yield head
        for _ in range(21):
            yield b"b" * 1_000_000
        yield f"\r\n--{boundary}--\r\n".encode()

    r = client.post("/api/v1/documents", content=body(),
                    headers={**AUTH, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413


def test_stats_and_unknown_route(sample) -> None:
    client, _ = sample
    assert client.get("/api/v1/stats").json()["articles"] == 3
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")


def test_search_ranking_window_keeps_pages_consistent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With more matches than the rank window, the newest matches are ranked and paging is stable."""
    from newsloom.store import sqlite_queries

    monkeypatch.setattr(sqlite_queries, "RANK_WINDOW", 5)
    store = SQLiteStore(tmp_path / "w.db")
    ids = []
    for i in range(8):
        text = f"Report number {i} about the harbour." + (" harbour harbour" if i == 1 else "")
        doc = Document(raw=text.encode(), source=f"t{i}")
        store.save(doc, Article(source=doc.source, text=text, document_id=doc.id, title=f"Report {i}",
                                published=f"2024-01-0{i + 1}"))
        ids.append(doc.id)
    first = store.search("harbour", limit=3)
    second = store.search("harbour", limit=3, cursor=first.next)
    got = [i["id"] for i in first.items + second.items]
    assert second.next is None and len(got) == 5 and len(set(got)) == 5
    assert set(got) == set(ids[3:])  # the five newest matches
    assert ids[1] not in got  # the best-scoring old article is outside the window
    monkeypatch.setattr(sqlite_queries, "RANK_WINDOW", 1000)
    assert store.search("harbour", limit=1).items[0]["id"] == ids[1]
    store.close()


# -- stories and copies ------------------------------------------------------------------------------
def add_stories(store: SQLiteStore, ids: list[str]) -> tuple[str, str]:
    """A syndicated copy of the grain article in a third outlet, and two stories: the border and
    grain articles (two outlets) with the copy, and the comment alone. Returns (copy id, story id)."""
    _, grain = sample_docs()[1]
    copy = _article("", grain.title, grain.text, "2024-03-08T09:30", "Valley Times",
                    [("\u201cThis agreement feeds millions of people,\u201d", "Jane Doe", JANE, RURITANIA)],
                    [("Ruritania", RURITANIA), ("Jane Doe", JANE)])
    doc = Document(raw=b"copy of the grain article, wire version", source="test:copy", media_type="text/plain")
    copy.document_id = doc.id
    store.save(doc, copy)
    from newsloom.model import Story

    main = Story("st-ruritania", "Ruritania: border and grain", [ids[0], ids[1], doc.id], "2024-03-05", "2024-03-08")
    alone = Story("st-comment", "A comment", [ids[2]], "2024-03-09", "2024-03-09")
    store.replace_stories([main, alone], {}, {doc.id: (ids[1], 0.97)})
    return doc.id, main.id


@pytest.fixture
def storied(sample):
    client, ids = sample
    copy_id, story_id = add_stories(client.app.state.newsloom.store, ids)
    return client, ids, copy_id, story_id


def test_stories_list_filters_and_pages(storied) -> None:
    client, ids, _, story_id = storied
    items = client.get("/api/v1/stories").json()["items"]
    assert [s["id"] for s in items] == ["st-comment", story_id]  # most recently seen first
    main = items[1]
    assert (main["articles"], main["outlets"], main["copies"]) == (3, 3, 1)
    assert [s["id"] for s in client.get("/api/v1/stories?min_articles=2").json()["items"]] == [story_id]
    assert [s["id"] for s in client.get(f"/api/v1/stories?actor={OMAR.id}").json()["items"]] == [story_id]
    assert client.get("/api/v1/stories?until=2024-03-06").json()["items"][0]["id"] == story_id
    assert client.get("/api/v1/stories?q=grain").json()["items"][0]["id"] == story_id
    first = client.get("/api/v1/stories?limit=1").json()
    assert len(first["items"]) == 1 and first["next"]
    second = client.get(f"/api/v1/stories?limit=1&cursor={first['next']}").json()
    assert second["items"][0]["id"] == story_id and second["next"] is None
    assert client.get("/api/v1/stories?cursor=bogus").status_code == 400
    assert client.get("/api/v1/stories?min_articles=0").status_code == 422
    assert client.get("/api/v1/stories?since=2024-13").status_code == 422


def test_story_timeline_json(storied) -> None:
    client, ids, copy_id, story_id = storied
    body = client.get(f"/api/v1/stories/{story_id}").json()
    assert body["story"]["id"] == story_id
    articles = [e for e in body["entries"] if e["kind"] == "article"]
    assert [a["id"] for a in articles] == [ids[0], ids[1], copy_id]  # date order
    assert articles[2]["duplicate_of"] == ids[1] and articles[1]["duplicate_of"] is None
    quotes = [e for e in body["entries"] if e["kind"] == "quote"]
    # The copy's quote is left out: a syndicated quote counts once.
    assert len(quotes) == 3 and {q["speaker_id"] for q in quotes} == {JANE.id, OMAR.id}
    assert all(q["doc_id"] != copy_id for q in quotes)
    assert {a["id"] for a in body["actors"]} == {JANE.id, OMAR.id, RURITANIA.id}
    r = client.get("/api/v1/stories/st-missing")
    assert r.status_code == 404 and r.json()["error"] == "no story 'st-missing'"


def test_actor_stories(storied) -> None:
    client, _, _, story_id = storied
    body = client.get(f"/api/v1/actors/{JANE.id}/stories").json()
    assert body["actor_id"] == JANE.id
    assert [s["id"] for s in body["items"]] == [story_id, "st-comment"]  # oldest first
    assert body["items"][0]["actor_articles"] == 3 and body["next"] is None
    assert [s["id"] for s in client.get(f"/api/v1/actors/{OMAR.id}/stories").json()["items"]] == [story_id]
    assert client.get(f"/api/v1/actors/{JANE.id}/stories?since=2024-03-09").json()["items"][0]["id"] == "st-comment"
    assert client.get("/api/v1/actors/local:person:nobody/stories").status_code == 404


def test_collapse_copies_in_articles_and_search(storied) -> None:
    client, ids, copy_id, _ = storied
    every = [a["id"] for a in client.get("/api/v1/articles?limit=50").json()["items"]]
    assert copy_id in every and len(every) == 4  # off by default: the raw rows
    collapsed = client.get("/api/v1/articles?limit=50&collapse_copies=true").json()["items"]
    assert copy_id not in [a["id"] for a in collapsed] and len(collapsed) == 3
    assert {a["id"]: a["copies"] for a in collapsed}[ids[1]] == 1
    hits = client.get("/api/v1/search?q=agreement").json()["items"]
    assert {h["id"] for h in hits} == {ids[1], copy_id}
    hits = client.get("/api/v1/search?q=agreement&collapse_copies=true").json()["items"]
    assert [(h["id"], h["copies"]) for h in hits] == [(ids[1], 1)]
    assert client.get("/api/v1/articles?collapse_copies=maybe").status_code == 422


def test_collapse_copies_in_quotes(storied) -> None:
    client, ids, copy_id, _ = storied
    every = client.get(f"/api/v1/quotes?speaker={JANE.id}").json()["items"]
    assert copy_id in {q["doc_id"] for q in every}
    collapsed = client.get(f"/api/v1/quotes?speaker={JANE.id}&collapse_copies=true").json()["items"]
    assert {q["doc_id"] for q in collapsed} == {ids[0], ids[1]} and len(collapsed) == len(every) - 1
