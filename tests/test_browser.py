"""Headless Chromium against a real server on loopback: the reading path and script safety."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_api import JANE, build_sample_store, fast_serve_settings

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_corpus_db(path: Path) -> list[str]:
    """The example corpus through the full pipeline, plus the hand-made sample articles, with
    stories built over all of them."""
    from newsloom.batch.local import ingest
    from newsloom.connect.build import build_stories
    from newsloom.settings import Settings

    store, ids = build_sample_store(path)
    try:
        if CORPUS.is_dir():
            ingest([str(CORPUS)], store, Settings.load())
        build_stories(store, Settings.load())
    finally:
        store.close()
    return ids


class ServerThread:
    """uvicorn in a thread on a free loopback port; waits until it answers."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from newsloom.serve import create_app

        self.port = free_port()
        config = uvicorn.Config(create_app(str(db), fast_serve_settings()), host="127.0.0.1", port=self.port,
                                log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str], Path]]:
    db = tmp_path_factory.mktemp("browser") / "corpus.db"
    ids = build_corpus_db(db)
    with ServerThread(db) as server:
        yield server.url, ids, db


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run `make system-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_search_article_speaker_actor_path(served, browser) -> None:
    url, ids, _ = served
    page = browser.new_page()
    page.goto(url + "/")
    assert page.locator("h2", has_text="Latest articles").is_visible()
    page.fill(".bigsearch input[name=q]", '"families are waiting"')
    page.click(".bigsearch button[type=submit]")
    page.wait_for_url("**/search?**")
    page.click(f'a.title[href="/articles/{ids[0]}"]')
    page.wait_for_url(f"**/articles/{ids[0]}")
    speaker = page.locator("a.hl.speaker", has_text="Jane Doe").first
    assert speaker.is_visible()
    speaker.click()
    page.wait_for_url("**/actors/local:person:jane-doe")
    assert page.locator("h1").inner_text().startswith("Jane Doe")
    assert page.locator(".quotecard", has_text="We will not close the crossings").first.is_visible()
    # The chart is drawn client-side from the vendored Vega-Lite.
    page.wait_for_selector("#timeline-chart svg", timeout=10_000)
    page.close()


def test_corpus_quote_path(served, browser) -> None:
    """The same path over a quote the pipeline found in the example corpus (not hand-made)."""
    from newsloom.store import SQLiteStore

    url, ids, db = served
    with SQLiteStore(db) as store:
        quotes = [q for q in store.quotes(limit=200).items
                  if q["doc_id"] not in ids and q["speaker"] and q["speaker"]["actor"]
                  and len(q["text"].split()) >= 4]
    if not quotes:
        pytest.skip("the pipeline attributed no quote to a linked speaker in examples/corpus yet")
    q = quotes[0]
    phrase = " ".join(w.strip("\u201c\u201d\"',.") for w in q["text"].split()[1:4])
    page = browser.new_page()
    page.goto(url + "/")
    page.fill(".bigsearch input[name=q]", f'"{phrase}"')
    page.click(".bigsearch button[type=submit]")
    page.wait_for_url("**/search?**")
    page.click(f'a.title[href="/articles/{q["doc_id"]}"]')
    page.wait_for_url(f'**/articles/{q["doc_id"]}')
    actor_id = q["speaker"]["actor"]["id"]
    link = page.locator(f'a.hl.speaker[href="/actors/{actor_id}"]').first
    link.click()
    page.wait_for_url(f"**/actors/{actor_id}")
    assert page.locator(".quotecard", has_text=q["text"][1:30]).first.is_visible()
    page.close()


def test_home_story_timeline_path(served, browser) -> None:
    """Home -> a story told by several outlets -> its timeline lists articles from two of them."""
    url, _, _ = served
    page = browser.new_page()
    page.goto(url + "/")
    assert page.locator("h2", has_text="Latest stories").is_visible()
    row = page.locator(".storyrow", has_text="outlets").first
    if not row.count():
        pytest.fail("no story with several outlets among the home page's latest stories")
    title = row.locator("a.title").inner_text()
    row.locator("a.title").click()
    page.wait_for_url("**/stories/st-*")
    assert page.locator("h1").inner_text() == title
    outlets = {o.strip() for o in page.locator(".timeline .entry-article > .outlet").all_inner_texts()}
    assert len(outlets) >= 2, outlets
    assert page.locator(".timeline .entry-article a.title").count() >= 2
    # From the timeline to an article and back to its story.
    page.locator(".timeline .entry-article a.title").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("a.storylink").inner_text() == title
    page.close()


def test_stored_script_payload_does_not_run(served, browser) -> None:
    url, ids, _ = served
    page = browser.new_page()
    page.goto(f"{url}/articles/{ids[2]}")
    assert page.evaluate("() => window.__xss") is None
    assert page.title() != "pwned" and "Comment" in page.title()
    assert "<script>document.title='pwned'" in page.locator(".article .body").inner_text()
    page.goto(f"{url}/articles/{ids[2]}/source")
    assert page.evaluate("() => window.__xss") is None
    page.goto(f"{url}/search?q=markup")
    assert page.evaluate("() => window.__xss") is None and page.title() != "pwned"
    page.close()


def test_actor_route_with_colon_id_and_api_from_browser(served, browser) -> None:
    url, _, _ = served
    page = browser.new_page()
    response = page.goto(f"{url}/api/v1/actors/{JANE.id}/timeline")
    assert response is not None and response.status == 200
    assert '"2024-03-05"' in page.content()
    page.close()
