"""Property-based requests generated from our OpenAPI schema: no operation answers with a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from newsloom.serve import create_app
from test_api import TOKEN, add_stories, build_sample_store, fast_serve_settings

# The schema is loaded at collection time, so the app (over a sample database) is built here.
_tmp = tempfile.TemporaryDirectory(prefix="newsloom-schemathesis-")
_store, _ids = build_sample_store(Path(_tmp.name) / "st.db")
add_stories(_store, _ids)  # the story endpoints answer with real stories and a copy
app = create_app(_store, fast_serve_settings())
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case) -> None:
    # Half the POSTs carry the right token so generated bodies reach the ingestion code.
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" and hash(repr(case.body)) % 2 else None
    response = case.call(headers=headers)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
