"""The HTML pages: content from the store, in-place highlights, escaping of scraped text, errors."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.serve import create_app
from newsloom.serve.charts import per_period, timeline_spec
from newsloom.serve.render import fold_copies, script_json, segments
from test_api import (
    JANE,
    OMAR,
    PAYLOAD,
    RURITANIA,
    add_stories,
    build_sample_store,
    fast_serve_settings,
    sample_docs,
)


@pytest.fixture
def web(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NEWSLOOM_TOKEN", raising=False)
    store, ids = build_sample_store(tmp_path / "web.db")
    yield TestClient(create_app(store, fast_serve_settings())), ids
    store.close()


def test_home_lists_latest_articles_and_active_actors(web) -> None:
    client, ids = web
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert f'href="/articles/{ids[1]}"' in page and "Grain agreement signed" in page
    assert 'href="/actors/local:person:jane-doe"' in page
    # The sample's articles are from 2024: the last 7 days are empty, so the whole store counts, and
    # the page says so (not "the week before the newest article").
    assert "Nothing was published in the last 7 days" in page and "Mentions in all articles." in page
    assert 'name="q"' in page


def test_article_highlights_quotes_speakers_and_mentions(web) -> None:
    client, ids = web
    page = client.get(f"/articles/{ids[0]}").text
    speakers = re.findall(r'<a class="hl ([^"]*speaker[^"]*)" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    assert ("/actors/local:person:jane-doe", "Jane Doe") in {(h, t) for _, h, t in speakers}
    assert re.search(r'<span class="hl quote quote-direct"[^>]*>\u201cWe will not close', page)
    assert 'href="/actors/test:country:ruritania"' in page
    # The body text survives highlighting: strip tags and compare with the stored text.
    body = page.split('<div class="body">')[1].split("</div>")[0]
    assert "We will not close the crossings" in unescape(re.sub(r"<[^>]+>", "", body))
    assert f'href="/articles/{ids[0]}/source"' in page


def test_segments_are_non_overlapping_and_cover_the_text() -> None:
    for _, art in sample_docs():
        paras = segments(art)
        joined = "\n\n".join("".join(s.text for s in p) for p in paras)
        assert joined == art.text
    _, art = sample_docs()[0]
    segs = [s for p in segments(art) for s in p]
    jane = [s for s in segs if s.text == "Jane Doe" and "speaker" in s.classes]
    assert jane and jane[0].href == "/actors/local:person:jane-doe"


def test_segments_without_paragraph_offsets_split_on_blank_lines() -> None:
    from newsloom.model import Article

    art = Article(source="t", text="One line.\nSame block.\n\nNext block.\n\n\nLast.")
    assert ["".join(s.text for s in p) for p in segments(art)] == ["One line.\nSame block.", "Next block.", "Last."]


def test_script_in_scraped_text_is_shown_not_run(web) -> None:
    client, ids = web
    page = client.get(f"/articles/{ids[2]}").text
    assert PAYLOAD not in page
    assert "&lt;script&gt;document.title=" in page
    source = client.get(f"/articles/{ids[2]}/source").text
    assert PAYLOAD not in source and "<pre class=\"source\">" in source
    assert "&lt;script&gt;" in client.get("/search", params={"q": "markup"}).text
    assert PAYLOAD not in client.get("/").text


def test_actor_page_profile_quotes_and_chart_spec(web) -> None:
    client, ids = web
    page = client.get(f"/actors/{JANE.id}").text
    assert "<h1>Jane Doe" in page
    assert "This agreement feeds millions of people" in page
    # Newest quote first.
    assert page.index("This agreement feeds") < page.index("We will not close")
    assert f'href="/actors/{OMAR.id}"' in page  # quoted with
    spec = json.loads(re.search(r'<script type="application/json" id="timeline-spec">(.*?)</script>', page, re.S)[1])
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "point"]
    assert {v["period"] for v in spec["data"]["values"]} == {"2024-03-05", "2024-03-08", "2024-03-09"}
    assert spec["layer"][0]["encoding"]["x"]["type"] == "temporal" and "Mentions and quotes per day" in page
    assert "/static/vega-lite-5.23.0.min.js" in page
    country = client.get(f"/actors/{RURITANIA.id}").text
    assert "https://www.wikidata.org/wiki/Q999999001" in country and "Said on behalf of Ruritania" in country


def test_static_vega_files_are_vendored(web) -> None:
    client, _ = web
    for name in ("vega-5.33.1.min.js", "vega-lite-5.23.0.min.js", "vega-embed-6.29.0.min.js", "chart.js", "style.css"):
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and len(r.content) > 200, name


def test_search_page_articles_facets_and_quotes_mode(web) -> None:
    client, ids = web
    page = client.get("/search", params={"q": "Ruritania"}).text
    assert f'href="/articles/{ids[0]}"' in page and "<mark>Ruritania</mark>" in page
    assert "Harbour Tribune" in page and "Lakeside Courier" in page  # outlet facet
    assert "2024-03" in page  # month facet
    narrowed = client.get("/search", params={"q": "Ruritania", "outlet": "Lakeside Courier"}).text
    assert f'href="/articles/{ids[1]}"' in narrowed and f'href="/articles/{ids[0]}"' not in narrowed
    quotes = client.get("/search", params={"q": "millions", "mode": "quotes"}).text
    assert "This agreement feeds millions of people" in quotes and "We will not close" not in quotes
    assert "Nothing found" in client.get("/search", params={"q": "zeppelin"}).text
    assert client.get("/search").status_code == 200


def test_quotes_page_filters(web) -> None:
    client, _ = web
    page = client.get("/quotes").text
    assert page.count('class="quotecard"') == 3
    only = client.get("/quotes", params={"speaker": OMAR.id}).text
    assert only.count('class="quotecard"') == 1 and "no money behind it" in only
    assert client.get("/quotes", params={"speaks_for": "Ruritania", "since": "2024-03-06"}).text.count(
        'class="quotecard"') == 1
    assert client.get("/quotes", params={"since": "soon"}).status_code == 422


def test_actors_page_lists_and_filters(web) -> None:
    client, _ = web
    page = client.get("/actors").text
    assert page.index("Jane Doe") < page.index("Omar Haddad")  # ranked by mentions
    only = client.get("/actors", params={"type": "country", "name": "rur"}).text
    assert "Ruritania" in only and "Jane Doe" not in only


def test_pages_send_a_script_policy(web) -> None:
    client, _ = web
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_errors_are_pages(web) -> None:
    client, _ = web
    r = client.get("/articles/ffffffffffffffff")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "Not found" in r.text
    assert client.get("/actors/local:person:nobody").status_code == 404
    assert client.get("/search", params={"q": "x", "cursor": "!!"}).status_code == 400


def test_script_json_cannot_close_the_script_element() -> None:
    periods, unit = per_period([{"day": "2024-01-01", "mentions": 1, "quotes": 0}], "day", ("mentions", "quotes"))
    text = script_json(timeline_spec(periods, "</script><b>x", unit))
    assert "</script>" not in text and "<" not in text
    assert "</script><b>x" in json.loads(text)["description"]


# -- stories and copies ------------------------------------------------------------------------------
@pytest.fixture
def storied(web):
    client, ids = web
    copy_id, story_id = add_stories(client.app.state.newsloom.store, ids)
    return client, ids, copy_id, story_id


def test_home_shows_stories_beside_articles_and_collapses_copies(storied) -> None:
    client, ids, copy_id, story_id = storied
    page = client.get("/").text
    assert '<a href="/stories">Stories</a>' in page  # nav
    assert "Latest stories" in page and "2 stories · 1 with several articles · 1 copy" in page
    # The multi-article story comes first although the single-article one is newer.
    assert page.index(f'href="/stories/{story_id}"') < page.index('href="/stories/st-comment"')
    assert f'href="/articles/{copy_id}"' not in page  # the copy folds into its original...
    assert re.search(rf'href="/articles/{ids[1]}".*?1 copy</span>', page, re.S)  # ...which says so


def test_stories_page_lists_and_filters(storied) -> None:
    client, _, _, story_id = storied
    page = client.get("/stories").text
    assert "3 articles · 3 outlets · 1 copy" in page
    assert page.index("st-comment") < page.index(story_id)
    only = client.get("/stories", params={"min_articles": "2"}).text
    assert story_id in only and "st-comment" not in only
    by_actor = client.get("/stories", params={"actor": OMAR.id}).text
    assert "actor: Omar Haddad" in by_actor and story_id in by_actor and "/stories/st-comment" not in by_actor
    assert "No stories match" in client.get("/stories", params={"since": "2030"}).text
    assert client.get("/stories", params={"since": "soon"}).status_code == 422


def test_story_page_timeline_with_copies_folded(storied) -> None:
    client, ids, copy_id, story_id = storied
    r = client.get(f"/stories/{story_id}")
    assert r.status_code == 200
    page = unescape(r.text)
    assert "from 3 outlets: Harbour Tribune, Lakeside Courier, Valley Times" in page
    # Articles in date order, the copy inside its original's "1 copy" fold.
    border, grain = page.index(f'href="/articles/{ids[0]}"'), page.index(f'href="/articles/{ids[1]}"')
    fold = page.index("<summary>1 copy <span class=\"muted\">(Valley Times)</span></summary>")
    assert border < grain < fold < page.index(f'href="/articles/{copy_id}"')
    # The copy's quote counts once (one quote entry), shown inside the sentence it stands in.
    assert len(re.findall(r"<blockquote[^>]*>[^<]*This agreement feeds millions of people", page)) == 1
    assert re.search(r'<p class="sentence small">[^<]*<mark>[^<]*This agreement feeds millions of people', page)
    assert "The plan has no money behind it" in page and f'href="/actors/{OMAR.id}"' in page
    assert client.get("/stories/st-missing").status_code == 404


def test_article_page_links_its_story_and_copies(storied) -> None:
    client, ids, copy_id, story_id = storied
    original = client.get(f"/articles/{ids[1]}").text
    assert f'href="/stories/{story_id}"' in original and "1 copy:" in original
    assert f'href="/articles/{copy_id}"' in original
    copy = client.get(f"/articles/{copy_id}").text
    assert "copy of <a" in copy and f'href="/articles/{ids[1]}"' in copy
    assert "copy of" not in client.get(f"/articles/{ids[0]}").text


def test_actor_page_lists_stories(storied) -> None:
    client, _, copy_id, story_id = storied
    page = client.get(f"/actors/{JANE.id}").text
    assert "<h2>Stories</h2>" in page and f'href="/stories/{story_id}"' in page and "3 with this actor" in page
    articles = page[page.index("<h2>Articles</h2>"):]
    assert f'href="/articles/{copy_id}"' not in articles  # copies collapsed in the article list


def test_search_collapses_copies_with_a_toggle(storied) -> None:
    client, ids, copy_id, _ = storied
    page = client.get("/search", params={"q": "agreement"}).text
    assert f'href="/articles/{ids[1]}"' in page and f'href="/articles/{copy_id}"' not in page
    assert "show copies" in page and "collapse_copies=false" in page
    shown = client.get("/search", params={"q": "agreement", "collapse_copies": "false"}).text
    assert f'href="/articles/{copy_id}"' in shown and "collapse copies" in shown
    assert 'name="collapse_copies" value="false"' in shown  # a new search keeps the choice


def test_fold_copies_keeps_orphan_copies() -> None:
    entries = [{"kind": "article", "id": "a", "duplicate_of": None},
               {"kind": "quote", "id": 1, "doc_id": "a"},
               {"kind": "article", "id": "b", "duplicate_of": "a"},
               {"kind": "article", "id": "c", "duplicate_of": "elsewhere"}]
    out = fold_copies(entries)
    assert [e["id"] for e in out] == ["a", 1, "c"]
    assert [c["id"] for c in out[0]["copies"]] == ["b"] and out[2]["copies"] == []


def test_quotes_pages_leave_out_copies_quotes(storied) -> None:
    client, _, copy_id, _ = storied

    def cards(page: str) -> int:  # quote cards of the quote the copy repeats
        return len(re.findall(r'<blockquote class="qtext[^"]*">\u201c\u201cThis agreement feeds', page))

    assert cards(client.get(f"/actors/{JANE.id}").text) == 1
    assert cards(client.get("/quotes").text) == 1
    shown = client.get("/quotes", params={"collapse_copies": "false"}).text
    assert cards(shown) == 2 and f'href="/articles/{copy_id}"' in shown
    assert cards(client.get("/search", params={"q": "feeds", "mode": "quotes"}).text) == 1
