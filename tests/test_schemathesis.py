"""Property-based requests generated from our OpenAPI schema: no operation answers with a 5xx, every
answer's status, content type and body conform to the typed schema, and every response carries the
security headers; then every parameter of every read operation with large and odd values."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsloom.serve import create_app
from test_api import TOKEN, add_stories, build_sample_store, fast_serve_settings


@schemathesis.serializer("application/x-ndjson")
def _json_lines(ctx, value) -> bytes:
    # The schema says "a string of JSON lines"; generated strings are sent as they are.
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else bytes(str(value), "utf-8")


# The schema is loaded at collection time, so the app (over a sample database) is built here.
_tmp = tempfile.TemporaryDirectory(prefix="newsloom-schemathesis-")
_store, _ids = build_sample_store(Path(_tmp.name) / "st.db")
add_stories(_store, _ids)  # the story endpoints answer with real stories and a copy
app = create_app(_store, fast_serve_settings())
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
# What "passes on the typed schema" means: no 5xx, only declared status codes and content types,
# and bodies valid against the declared response models (ErrorOut for errors).
CONFORMANCE = [schemathesis.checks.not_a_server_error, status_code_conformance, content_type_conformance,
               response_schema_conformance]


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case) -> None:
    # Half the POSTs carry the right token so generated bodies reach the ingestion code.
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" and hash(repr(case.body)) % 2 else None
    response = case.call_and_validate(headers=headers, checks=CONFORMANCE)
    _assert_headers(response, case.path)


SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")
# Values generated schemas rarely reach: past 64-bit integers, past SQLite's LIKE and expression
# limits, NULs, markup, FTS syntax, odd dates and cursors.
ODD_VALUES = ["", "-1", str(2**63), "1e309", "a" * 50_001, " ".join(["w"] * 999), "_%_%", "\\", "'",
              "\x00", "<script>x</script>", "[/]", 'a" OR "b', "*", "99999-99-99",
              "eyJvIjogOTIyMzM3MjAzNjg1NDc3NTgwOH0", "\u202e", "💥" * 300]


def _assert_headers(response, path: str) -> None:
    missing = [h for h in SECURITY_HEADERS if h not in response.headers]
    assert not missing, (path, response.status_code, missing)


def _read_operations():
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET":
            yield operation


@pytest.mark.slow
def test_odd_values_in_every_parameter_answer_4xx_at_worst() -> None:
    from fastapi.testclient import TestClient

    client = TestClient(app, raise_server_exceptions=False)
    sample_path = {"doc_id": _ids[0], "actor_id": "Q30", "story_id": "s-1"}
    checked = 0
    for operation in _read_operations():
        params = list(operation.iter_parameters())
        path_names = [p.name for p in params if str(p.location.value) == "path"]
        query_names = [p.name for p in params if str(p.location.value) == "query"]
        base = {n: sample_path.get(n, "x") for n in path_names}
        for value in ODD_VALUES:
            for name in path_names:
                url = operation.path.format(**{**base, name: quote(value, safe="") or "x"})
                response = client.get("/api/v1" + url if not url.startswith("/api/") else url)
                assert response.status_code < 500, (url[:120], response.status_code, response.text[:200])
                _assert_headers(response, url[:120])
                checked += 1
            for name in query_names:
                url = operation.path.format(**base)
                response = client.get(url if url.startswith("/api/") else "/api/v1" + url, params={name: value})
                assert response.status_code < 500, (url, name, value[:40], response.status_code, response.text[:200])
                _assert_headers(response, url)
                checked += 1
    assert checked > 300
