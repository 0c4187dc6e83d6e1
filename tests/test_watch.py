"""Sources that keep flowing: watched folders and polled feeds through a local HTTP server
(loopback, fetch.allow_private on for these tests only), polite fetching, failed fetches stored
and retried."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from newsloom.batch.local import ingest, reprocess
from newsloom.batch.watch import Watcher, parse_every
from newsloom.errors import FetchError, IngestError
from newsloom.settings import Settings
from newsloom.sources.polite import PoliteFetcher, canonical_url
from newsloom.sources.urls import fetch_url
from newsloom.store import open_store

BODY = ("<p>The harbour board of {town} approved a plan on Tuesday to deepen the main channel, a project "
        "engineers said would let larger grain carriers dock without waiting for the tide.</p>"
        "<p>Work is due to begin in the spring and to last two years, the board said in a statement.</p>"
        "<p>Fishermen's groups asked for the dredging to pause during the spawning season.</p>")


class Site:
    """A tiny web site on loopback whose pages and feed the test changes as it goes."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.failures: dict[str, list[int]] = {}  # path -> statuses to answer first
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.requests.append((self.path, dict(self.headers)))
                queued = site.failures.get(self.path)
                if queued:
                    self.send_response(queued.pop(0))
                    self.send_header("Retry-After", "0")
                    self.end_headers()
                    return
                status, headers, body = site.pages.get(self.path, (404, {}, b"not here"))
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str, town: str) -> None:
        html = f"<html><head><title>Channel plan for {town}</title></head><body><article><h1>Channel plan " \
               f"for {town}</h1>{BODY.format(town=town)}</article></body></html>"
        self.pages[path] = (200, {"Content-Type": "text/html; charset=utf-8"}, html.encode())

    def feed(self, path: str, links: list[str], etag: str) -> None:
        items = "".join(f"<item><title>{p}</title><link>{self.base}{p}</link></item>" for p in links)
        xml = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Port news</title>{items}</channel></rss>"
        self.pages[path] = (200, {"Content-Type": "application/rss+xml", "ETag": etag}, xml.encode())

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.server.shutdown()


def _settings(**extra: object) -> Settings:
    settings = Settings.load()
    for key, value in {"fetch.allow_private": True, "fetch.delay": 0.0, "fetch.backoff": 0.01,
                       "watch.min_interval": 0.1, **extra}.items():
        settings.set(key, value)
    return settings


def test_feed_gains_items_between_polls(site: Site, tmp_path: Path) -> None:
    site.page("/a", "Arlow")
    site.feed("/rss", ["/a"], etag='"v1"')
    settings = _settings()
    clock = [1000.0]
    with open_store(str(tmp_path / "w.db")) as store:
        watcher = Watcher(store, settings, [], [site.base + "/rss"], every=1.0, clock=lambda: clock[0],
                          stories=False)
        watcher.run(threading.Event(), rounds=1)
        assert store.stats()["articles"] == 1
        clock[0] += 10
        watcher.run(threading.Event(), rounds=1)  # unchanged: a 304 answers the conditional GET
        assert any(h.get("If-None-Match") == '"v1"' for p, h in site.requests if p == "/rss")
        site.page("/b", "Bruton")
        site.feed("/rss", ["/a", "/b"], etag='"v2"')
        clock[0] += 10
        watcher.run(threading.Event(), rounds=1)
        assert store.stats()["articles"] == 2
        assert site.paths().count("/a") == 1  # an item already stored is not fetched again
        feed = store.feeds()[0]
        assert feed["items"] == 2 and feed["etag"] == '"v2"' and feed["failures"] == 0


def test_robots_disallowed_page_is_stored_failed(site: Site, tmp_path: Path) -> None:
    site.pages["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n")
    site.page("/private/x", "Corby")
    with open_store(str(tmp_path / "r.db")) as store:
        report = ingest([site.base + "/private/x"], store, _settings())
        assert report.failed == 1 and "robots.txt" in report.errors[0][1]
        assert "/private/x" not in site.paths()
        failed = store.failures()
        assert len(failed) == 1 and "robots.txt" in (failed[0].error or "")


def test_503_then_200_is_retried(site: Site, tmp_path: Path) -> None:
    site.page("/c", "Dunmore")
    site.failures["/c"] = [503, 429]
    with open_store(str(tmp_path / "c.db")) as store:
        report = ingest([site.base + "/c"], store, _settings())
        assert report.added == 1, report.errors
    assert site.paths().count("/c") == 3


def test_failed_fetch_is_retried_later(site: Site, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "f.db")) as store:
        report = ingest([site.base + "/late"], store, _settings(**{"fetch.retries": 0}))
        assert report.failed == 1 and "HTTP 404" in report.errors[0][1]
        [record] = store.failures()
        site.page("/late", "Elmham")
        again = reprocess(store, [record.id], _settings())
        assert again.added == 1 and store.failures() == [] and store.stats()["articles"] == 1


def test_redirect_to_loopback_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:9/admin"})

    with pytest.raises(IngestError) as exc:
        fetch_url("http://93.184.216.34/start", Settings.load(), transport=httpx.MockTransport(handler))
    assert "refused" in exc.value.reason and "127.0.0.1" in exc.value.reason


def test_gzipped_sitemap_with_three_pages(site: Site, tmp_path: Path) -> None:
    for p, town in (("/s1", "Fairley"), ("/s2", "Glenrow"), ("/s3", "Hatton")):
        site.page(p, town)
    urls = "".join(f"<url><loc>{site.base}{p}</loc><news:news><news:publication_date>2024-05-0{i}"
                   f"</news:publication_date></news:news></url>" for i, p in enumerate(("/s1", "/s2", "/s3"), 1))
    xml = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
           f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>")
    site.pages["/sitemap.xml.gz"] = (200, {"Content-Type": "application/x-gzip"}, gzip.compress(xml.encode()))
    with open_store(str(tmp_path / "s.db")) as store:
        report = ingest([site.base + "/sitemap.xml.gz"], store, _settings())
        assert report.added == 3, report.errors
        published = sorted(a["published"][:10] for a in store.articles(limit=10).items)
    assert published == ["2024-05-01", "2024-05-02", "2024-05-03"]


def test_folder_gains_files_while_watching(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "one.html").write_text(f"<html><body><article>{BODY.format(town='Ivybridge')}</article></body></html>")
    stop = threading.Event()
    with open_store(str(tmp_path / "d.db")) as store:
        watcher = Watcher(store, _settings(), [folder], [], every=60.0, stories=False)
        thread = threading.Thread(target=watcher.run, args=(stop,))
        thread.start()
        try:
            _wait(lambda: watcher.total.added == 1)
            (folder / "two.html").write_text(
                f"<html><body><article>{BODY.format(town='Jedburgh')}</article></body></html>")
            _wait(lambda: watcher.total.added == 2)
        finally:
            stop.set()
            thread.join(timeout=10)
        assert not thread.is_alive() and store.stats()["articles"] == 2


def _wait(condition, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.slow
def test_kill_watch_midway_then_restart(site: Site, tmp_path: Path) -> None:
    for i in range(12):
        site.page(f"/k{i}", f"Town{i}")
    site.feed("/rss", [f"/k{i}" for i in range(12)], etag='"k"')
    config = tmp_path / "c.toml"
    config.write_text("[fetch]\nallow_private = true\ndelay = 0.2\n[watch]\nmin_interval = 0.1\n")
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "newsloom", "watch", site.base + "/rss", "--every", "1s", "--db", str(db),
           "--config", str(config)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(lambda: site.paths().count("/k3") >= 1, 120)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd + ["--rounds", "2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with open_store(str(db)) as store:
        stats = store.stats()
        ids = store.document_ids()
    assert stats["articles"] == 12 and len(ids) == len(set(ids)) == 12


def test_polite_fetcher_waits_between_requests_to_a_host() -> None:
    calls: list[str] = []
    slept: list[float] = []
    now = [0.0]

    def fake_fetch(url: str, settings: Settings, headers: dict | None = None):  # type: ignore[no-untyped-def]
        calls.append(url)
        if url.endswith("robots.txt"):
            raise FetchError(url, "HTTP 404", status=404)
        from newsloom.model import Document

        return Document(raw=b"<p>x</p>", source=url)

    settings = _settings(**{"fetch.delay": 2.0})
    fetcher = PoliteFetcher(settings, fetch=fake_fetch, sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)),
                            clock=lambda: now[0])
    fetcher.get("http://news.example/a")
    fetcher.get("http://news.example/b")
    assert calls == ["http://news.example/robots.txt", "http://news.example/a", "http://news.example/b"]
    assert slept and all(abs(s - 2.0) < 1e-9 for s in slept)


def test_canonical_urls_and_durations() -> None:
    assert canonical_url("HTTP://Example.com:80/a?utm_source=x&id=3#top") == "http://example.com/a?id=3"
    assert parse_every("15m") == 900 and parse_every("90s") == 90 and parse_every("2") == 2
    with pytest.raises(ValueError):
        parse_every("soon")


def test_cli_stdin_input_list_and_json_summary(site: Site, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsloom.cli import app

    site.page("/p1", "Kelso")
    config = tmp_path / "c.toml"
    config.write_text("[fetch]\nallow_private = true\ndelay = 0.0\nretries = 0\n")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# pages to fetch\n{site.base}/p1\n{site.base}/missing\n")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    texts = [BODY.format(town=t).replace("<p>", "").replace("</p>", " ") for t in ("Lanark", "Moffat")]
    piped = "".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    result = runner.invoke(app, ["ingest", "-", "-i", str(listing), "--db", db, "--config", str(config),
                                 "--stages", "", "--format", "json"], input=piped)
    summary = json.loads(result.stdout)
    assert result.exit_code == 1 and summary["added"] == 3 and summary["failed"] == 1
    assert any("HTTP 404" in e["reason"] for e in summary["errors"])
    site.page("/missing", "Nairn")
    result = runner.invoke(app, ["retry", "--db", db, "--config", str(config), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["added"] == 1
    result = runner.invoke(app, ["stories", "build", "--db", db, "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["placed"] == 4


def test_sources_page_lists_feed_health(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsloom.serve import create_app

    db = str(tmp_path / "web.db")
    with open_store(db) as store:
        store.add_feed("https://news.example/rss", 900)
        store.add_feed("javascript:alert(1)", 900)
        store.update_feed("https://news.example/rss", failures=2, last_error="HTTP 503 <b>busy</b>",
                          last_checked="2026-11-30T06:00:00+00:00")
    page = TestClient(create_app(db, Settings.load())).get("/sources")
    assert page.status_code == 200
    assert "failing" in page.text and "HTTP 503 &lt;b&gt;busy&lt;/b&gt;" in page.text
    assert 'href="javascript:' not in page.text
