"""The typed API: every response is a named schema in the OpenAPI document, errors match theirs,
unknown parameters are refused, lists come as JSON, JSON lines or CSV with Link and total, documents
are posted as JSON or JSON lines, the docs page needs no CDN, and bad search syntax is a 400."""

from __future__ import annotations

import csv
import io
import json
import re

from newsloom.serve.api_models import ErrorOut
from test_api import AUTH, JANE, NOTE, sample  # noqa: F401 - fixture

LISTS = ["/api/v1/documents", "/api/v1/articles", "/api/v1/search?q=Ruritania", "/api/v1/actors",
         "/api/v1/quotes", "/api/v1/statements", "/api/v1/events", "/api/v1/stories",
         f"/api/v1/actors/{JANE.id}/stories", f"/api/v1/actors/{JANE.id}/events"]


def _refs(schema: dict) -> list[str]:
    """The component a response schema names (one $ref, so generated clients get one named type)."""
    return [schema["$ref"]] if set(schema) == {"$ref"} else []


def test_every_2xx_response_references_a_component_schema(sample) -> None:  # noqa: F811
    client, _ = sample
    doc = client.get("/api/v1/openapi.json").json()
    components = doc["components"]["schemas"]
    checked = 0
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for status, response in op["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                assert schema is not None, (method, path, status)
                refs = _refs(schema)
                assert refs, (method, path, status, schema)
                for ref in refs:
                    assert ref.removeprefix("#/components/schemas/") in components, ref
                if status.startswith("4"):
                    assert refs == ["#/components/schemas/ErrorOut"], (method, path, status)
                checked += 1
    assert checked > 60
    assert "HTTPValidationError" not in components  # our 422 body is ErrorOut, and the document says so


def _is_error(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    ErrorOut.model_validate(body)
    assert set(body) <= set(ErrorOut.model_fields) and body["status"] == status
    return body["error"]


def test_errors_match_their_schema(sample) -> None:  # noqa: F811
    client, _ = sample
    _is_error(client.get("/api/v1/articles/nope"), 404)
    _is_error(client.get("/api/v1/nowhere"), 404)
    _is_error(client.get("/api/v1/articles", params={"limit": "many"}), 422)
    _is_error(client.get("/api/v1/search", params={"q": "x", "cursor": "zz"}), 400)
    _is_error(client.post("/api/v1/documents", data={"text": "x"}), 401)


def test_unknown_query_parameters_are_a_400_naming_them(sample) -> None:  # noqa: F811
    client, _ = sample
    message = _is_error(client.get("/api/v1/articles", params={"outlett": "Lakeside Courier"}), 400)
    assert "'outlett'" in message and "outlet" in message.split("takes:")[1]
    _is_error(client.get("/api/v1/stats", params={"x": "1"}), 400)
    _is_error(client.get(f"/api/v1/actors/{JANE.id}/events", params={"roel": "source"}), 400)
    assert client.get("/api/v1/articles", params={"outlet": "Lakeside Courier", "format": "json"}).status_code == 200


def test_bad_search_syntax_is_a_400_with_the_reason(sample) -> None:  # noqa: F811
    client, _ = sample
    # (The events' q is words of the sentence, matched literally: no syntax to get wrong.)
    for path, param in (("/api/v1/search", "q"), ("/api/v1/articles", "q"), ("/api/v1/quotes", "q")):
        for query, reason in (('"grain', "not closed"), ("-grain", "keep"), ("NEAR(a b c)", "two terms"),
                              ("grain OR", "OR needs")):
            assert reason in _is_error(client.get(path, params={param: query}), 400), (path, query)


def test_search_syntax_reaches_the_store(sample) -> None:  # noqa: F811
    client, ids = sample

    def found(q: str) -> list[str]:
        return sorted(i["id"] for i in client.get("/api/v1/search", params={"q": q}).json()["items"])

    assert found("Ruritania -grain") == [ids[0]]
    assert found("agree*") == [ids[1]]
    assert found("NEAR(grain signed, 3)") == [ids[1]]
    assert found("crossings OR markup") == sorted([ids[0], ids[2]])


def test_lists_in_three_formats_with_link_and_total(sample) -> None:  # noqa: F811
    client, _ = sample
    for url in LISTS:
        sep = "&" if "?" in url else "?"
        full = client.get(url + sep + "total=true").json()
        assert full["total"] == len(full["items"]) and full["total_capped"] is False, url
        lines = client.get(url + sep + "format=jsonl")
        assert lines.headers["content-type"].startswith("application/x-ndjson")
        assert [json.loads(x) for x in lines.text.splitlines()] == full["items"], url
        table = client.get(url + sep + "format=csv")
        assert table.headers["content-type"].startswith("text/csv")
        assert len(list(csv.DictReader(io.StringIO(table.text)))) == len(full["items"]), url


def test_link_header_walks_the_pages(sample) -> None:  # noqa: F811
    client, ids = sample
    url, seen = "/api/v1/articles?limit=1&format=csv", []
    while url:
        r = client.get(url)
        seen += [row["id"] for row in csv.DictReader(io.StringIO(r.text))]
        link = r.headers.get("link")
        url = re.match(r'<([^>]+)>; rel="next"', link).group(1) if link else None
        assert url is None or "format=csv" in url
    assert sorted(seen) == sorted(ids)
    assert client.get("/api/v1/articles?limit=1&total=true").headers["x-total-count"] == "3"


def test_csv_flattens_nested_fields_and_defuses_formulas(sample) -> None:  # noqa: F811
    from newsloom.serve.api_lists import to_csv

    rows = list(csv.DictReader(io.StringIO(to_csv([{"id": 1, "speaker": {"actor": {"id": "Q1"}}, "text": "=SUM(A1)",
                                                     "tags": ["a", "b"]}]))))
    assert rows == [{"id": "1", "speaker.actor.id": "Q1", "text": "'=SUM(A1)", "tags": '["a", "b"]'}]
    client, _ = sample
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/quotes?format=csv").text)))
    assert rows and all(r["speaker.actor.id"] for r in rows) and "article.id" in rows[0]


def test_post_json_object_list_and_jsonl(sample) -> None:  # noqa: F811
    client, _ = sample
    one = {"text": NOTE, "title": "Library budget", "outlet": "Town Crier", "published": "2024-04-02"}
    r = client.post("/api/v1/documents", json=one, headers=AUTH)
    assert r.status_code == 201 and r.json()["status"] == "done", r.text
    again = client.post("/api/v1/documents", json=one, headers=AUTH)
    assert again.status_code == 200 and again.json() == {**r.json(), "status": "present"}
    other = {"text": NOTE.replace("Wednesday", "Thursday"), "title": "Library budget, day two"}
    r = client.post("/api/v1/documents", json=[one, other, {"title": "no text"}], headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert [i["status"] for i in body["items"]] == ["present", "done", "failed"]
    assert (body["added"], body["present"], body["failed"]) == (1, 1, 1) and "text" in body["items"][2]["error"]
    lines = "\n".join(json.dumps(o) for o in (one, other)).encode()
    r = client.post("/api/v1/documents", content=lines, headers={**AUTH, "Content-Type": "application/x-ndjson"})
    assert r.status_code == 200 and [i["status"] for i in r.json()["items"]] == ["present", "present"]
    assert "not closed" not in _is_error(client.post("/api/v1/documents", content=b"{nope", headers={
        **AUTH, "Content-Type": "application/json"}), 400)
    assert "published" in _is_error(client.post("/api/v1/documents", json={"text": NOTE, "published": "soon"},
                                                headers=AUTH), 422)


def test_docs_page_is_served_without_a_cdn(sample) -> None:  # noqa: F811
    client, _ = sample
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    assert not re.search(r'(src|href)="(https?:)?//', page.text)  # nothing from elsewhere
    assert "<script>" not in page.text  # no inline script: the CSP forbids it
    for asset in re.findall(r'(?:src|href)="(docs/[^"]+)"', page.text):
        r = client.get("/api/v1/" + asset)
        assert r.status_code == 200 and len(r.content) > 100, asset
    assert "SwaggerUIBundle" in client.get("/api/v1/docs/assets/swagger-ui-bundle.js").text[:200_000]
    assert client.get("/api/v1/docs/assets/..%2Fcore.py").status_code == 404


