"""Headless Chromium on /api/v1/docs: Swagger UI from the packaged assets draws every operation
under our Content-Security-Policy, with no request leaving the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_api import build_sample_store
from test_browser import ServerThread, browser  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


def test_docs_page_draws_the_operations_offline(tmp_path: Path, browser) -> None:  # noqa: F811
    build_sample_store(tmp_path / "docs.db")[0].close()
    with ServerThread(tmp_path / "docs.db") as server:
        page = browser.new_page()
        elsewhere, problems = [], []
        page.on("request", lambda r: None if r.url.startswith(server.url) else elsewhere.append(r.url))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto(server.url + "/api/v1/docs")
        page.wait_for_selector(".opblock-summary-path", state="attached", timeout=60_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        page.close()
    assert any("/api/v1/search" in p for p in paths) and len(paths) > 15
    assert not elsewhere, elsewhere
    assert not [p for p in problems if "Content Security Policy" in p], problems
