"""Feeds, sitemaps, WARC archives and URL inputs (served on loopback by the test itself)."""

from __future__ import annotations

import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsloom.batch.local import ingest
from newsloom.store import SQLiteStore

BODY = "<p>" + "Negotiators met again in Vienna to discuss the nuclear file. " * 12 + "</p>"
PAGE = ("<html><head><title>Vienna talks resume</title></head><body><article><h1>Vienna talks resume</h1>"
        + BODY + "<p>" + "Diplomats said a further round would follow next month. " * 6 + "</p></article></body></html>")


def _rss(base: str) -> str:
    full = "<![CDATA[" + BODY * 2 + "]]>"
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire Desk</title>
<item><title>Full story</title><link>{base}/full</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>{full}</description></item>
<item><title>Teaser only</title><link>{base}/page</link><pubDate>Wed, 06 Mar 2024 08:30:00 GMT</pubDate>
<description>Short teaser.</description></item></channel></rss>"""


@pytest.fixture
def site() -> Iterator[str]:
    pages: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path not in pages:
                self.send_error(404)
                return
            ctype, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages["/page"] = ("text/html; charset=utf-8", PAGE.encode())
    pages["/feed.xml"] = ("application/rss+xml", _rss(base).encode())
    pages["/sitemap.xml"] = ("application/xml", f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/page</loc>
<lastmod>2024-03-06</lastmod></url><url><loc>{base}/missing</loc></url></urlset>""".encode())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def _store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "w.db")


def test_urls_refused_on_loopback_by_default(tmp_path: Path, site: str, fast_settings) -> None:
    store = _store(tmp_path)
    report = ingest([f"{site}/page"], store, fast_settings)
    assert report.added == 0 and "127.0.0.1" in report.errors[0][1]
    store.close()


def test_feed_url_full_entries_and_fetched_teasers(tmp_path: Path, site: str, fast_settings) -> None:
    fast_settings.set("fetch.allow_private", True)
    store = _store(tmp_path)
    report = ingest([f"{site}/feed.xml"], store, fast_settings)
    assert report.added == 2, report.errors
    by_title = {a.title: a for a in store.iter_articles()}
    assert by_title["Full story"].outlet == "Wire Desk"
    assert by_title["Full story"].published.startswith("2024-03-05")
    teaser = by_title["Teaser only"]  # the feed's title is given metadata: it wins
    assert "further round" in teaser.text and teaser.url == f"{site}/page"
    store.close()


def test_sitemap_url_fetches_pages_and_reports_broken_links(tmp_path: Path, site: str, fast_settings) -> None:
    fast_settings.set("fetch.allow_private", True)
    store = _store(tmp_path)
    report = ingest([f"{site}/sitemap.xml"], store, fast_settings)
    assert report.added == 1
    assert report.errors == [(f"{site}/missing", f"HTTP 404 from {site}/missing")]
    [article] = list(store.iter_articles())
    assert article.title == "Vienna talks resume" and article.published == "2024-03-06"
    store.close()


def _warc(path: Path, compress: bool) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, status, ctype, body in [("https://news.example/a", "200 OK", "text/html", PAGE.encode()),
                                     ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG"),
                                     ("https://news.example/gone", "404 Not Found", "text/html", b"nope")]:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    data = buf.getvalue()
    path.write_bytes(gzip.compress(data) if compress else data)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_archive_keeps_html_responses(tmp_path: Path, name: str, fast_settings) -> None:
    archive = tmp_path / name
    _warc(archive, name.endswith(".gz"))
    store = _store(tmp_path)
    report = ingest([str(tmp_path)], store, fast_settings)
    assert (report.added, report.failed) == (1, 0)
    [article] = list(store.iter_articles())
    assert article.source == f"{archive}#https://news.example/a" and article.url == "https://news.example/a"
    store.close()


def test_damaged_warc_and_unknown_xml_fail_with_reasons(tmp_path: Path, fast_settings) -> None:
    (tmp_path / "bad.warc").write_bytes(b"WARC/1.0\r\nthis is not a record\r\n\r\n")
    (tmp_path / "other.xml").write_text("<?xml version='1.0'?><catalog><book/></catalog>")
    store = _store(tmp_path)
    report = ingest([str(tmp_path)], store, fast_settings)
    reasons = dict(report.errors)
    assert reasons[str(tmp_path / "bad.warc")] == "WARC archive holds no successful HTML or text responses"
    (tmp_path / "bad.warc").write_bytes(b"garbage here\r\nmore garbage\r\n\r\n")
    assert dict(ingest([str(tmp_path / "bad.warc")], store, fast_settings).errors)[str(tmp_path / "bad.warc")].startswith(
        "damaged WARC archive")
    assert reasons[str(tmp_path / "other.xml")] == "XML that is neither an RSS/Atom feed nor a sitemap"
    store.close()
