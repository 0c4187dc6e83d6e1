"""The API and pages under hostile requests: 4xx (never 5xx) for odd query values, every response
(500s included) with the security headers, and only http(s) URLs becoming links."""

from __future__ import annotations

import base64
import json

import pytest
from fastapi.testclient import TestClient

from newsloom.batch.local import ingest_documents
from newsloom.model import Document
from newsloom.serve import create_app
from newsloom.settings import Settings
from newsloom.store import SQLiteStore

TOKEN = "hostile-token"
HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


def _settings() -> Settings:
    s = Settings.load()
    s.set("pipeline.stages", [])
    s.set("serve.token", TOKEN)
    return s


def _page(canonical: str) -> bytes:
    body = " ".join(f"The committee met for the {i}th time and approved the harbour budget." for i in range(12))
    return (f'<html><head><title>Budget approved</title><link rel="canonical" href="{canonical}"></head>'
            f"<body><article><h1>Budget approved</h1><p>{body}</p><p>{body}</p></article></body></html>").encode()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    store = SQLiteStore(tmp_path_factory.mktemp("serve") / "s.db")
    docs = [Document(raw=_page(url), source=f"page-{n}.html", media_type="text/html")
            for n, url in enumerate(["javascript:alert(document.cookie)", "data:text/html,<script>x</script>",
                                     " JavaScript:alert(1)", "https://news.example/budget"])]
    report = ingest_documents(docs, store, _settings())
    assert report.added == 4, report.errors
    app = create_app(store, _settings())
    with TestClient(app, raise_server_exceptions=False) as c:
        c.doc_ids = [d.id for d in docs]  # type: ignore[attr-defined]
        yield c
    store.close()


def _assert_headers(response) -> None:
    missing = [h for h in HEADERS if h not in response.headers]
    assert not missing, (response.status_code, missing)


def test_only_http_links_on_article_pages(client) -> None:
    for doc_id in client.doc_ids[:3]:
        page = client.get(f"/articles/{doc_id}")
        assert page.status_code == 200
        lowered = page.text.lower()
        assert 'href="javascript:' not in lowered and 'href="data:' not in lowered
        assert 'href=" javascript:' not in lowered
    good = client.get(f"/articles/{client.doc_ids[3]}")
    assert 'href="https://news.example/budget"' in good.text


_BIG_CURSOR = base64.urlsafe_b64encode(json.dumps({"o": 2**63}).encode()).decode()


@pytest.mark.parametrize("url", [
    f"/api/v1/articles?cursor={_BIG_CURSOR}", f"/api/v1/documents?cursor={_BIG_CURSOR}",
    f"/api/v1/stories?cursor={_BIG_CURSOR}", f"/api/v1/quotes?cursor={_BIG_CURSOR}", f"/articles?cursor={_BIG_CURSOR}",
    "/api/v1/stories?q=" + "+".join(["word"] * 999), "/stories?q=" + "+".join(["word"] * 999),
    "/api/v1/search?q=" + "+".join(["word"] * 999), "/api/v1/actors?name=" + "a" * 50_001,
    "/actors?name=" + "%25" * 20_000, "/api/v1/articles?outlet=" + "x" * 60_000, "/api/v1/quotes?q=%00",
])
def test_odd_query_values_answer_4xx_with_headers(client, url: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url[:80], response.status_code, response.text[:200])
    _assert_headers(response)


def test_a_500_carries_the_headers_and_a_clear_body(client, monkeypatch: pytest.MonkeyPatch) -> None:
    store = client.app.state.newsloom.store

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "stats", broken)
    api = client.get("/api/v1/stats")
    assert api.status_code == 500 and api.json() == {"error": "internal error: RuntimeError", "status": 500}
    _assert_headers(api)
    page = client.get("/")
    assert page.status_code == 500 and "disk on fire" not in page.text
    _assert_headers(page)


def test_posted_documents_with_bad_fields_or_urls_get_4xx(client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for data, words in (({"url": "http://[::1"}, "malformed URL"), ({"url": "http://example.com:99999/"}, "malformed"),
                        ({"text": "A note.", "published": "not a date"}, "published"),
                        ({"text": "A note.", "source_url": "javascript:alert(1)"}, "url: only http(s)")):
        response = client.post("/api/v1/documents", data=data, headers=auth)
        assert response.status_code == 422 and words in response.json()["error"], (data, response.text)
        _assert_headers(response)
