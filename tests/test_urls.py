"""URL fetching: the SSRF guard (every resolved address, every redirect), size cap, timeouts."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from newsloom.errors import IngestError
from newsloom.settings import Settings
from newsloom.sources.urls import check_url, fetch_url, is_public

PUBLIC = "93.184.216.34"  # a documentation-free public unicast address; never contacted here


def fake_dns(table: dict[str, list[str]]):
    def resolver(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("unknown host")
        return table[host]
    return resolver


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                                     "224.0.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::5", "::ffff:127.0.0.1",
                                     "100.64.0.1"])
def test_non_public_addresses(address: str) -> None:
    assert not is_public(address)


def test_public_addresses() -> None:
    assert is_public(PUBLIC) and is_public("2606:4700:4700::1111")


def test_check_url_refuses_any_private_record() -> None:
    dns = fake_dns({"news.example": [PUBLIC], "mixed.example": [PUBLIC, "10.0.0.7"], "meta.example": ["169.254.169.254"]})
    check_url("https://news.example/a", resolver=dns)
    for url in ("http://mixed.example/", "http://meta.example/latest", "http://127.0.0.1:8000/"):
        with pytest.raises(IngestError, match="non-public"):
            check_url(url, resolver=dns if "example" in url else fake_dns({"127.0.0.1": ["127.0.0.1"]}))
    for url in ("ftp://news.example/x", "file:///etc/passwd", "http:///nohost", "javascript:alert(1)"):
        with pytest.raises(IngestError, match="http"):
            check_url(url, resolver=dns)
    with pytest.raises(IngestError, match="cannot resolve"):
        check_url("http://unknown.example/", resolver=dns)
    check_url("http://127.0.0.1/", allow_private=True)


def _mock(routes: dict[str, httpx.Response]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return routes.get(str(request.url), httpx.Response(404))
    return httpx.MockTransport(handler)


def test_redirect_to_private_address_is_refused() -> None:
    dns = fake_dns({"news.example": [PUBLIC], "intranet.example": ["10.0.0.5"]})
    transport = _mock({
        "http://news.example/story": httpx.Response(302, headers={"Location": "http://intranet.example/admin"}),
        "http://news.example/meta": httpx.Response(301, headers={"Location": "http://169.254.169.254/latest"}),
    })
    for url in ("http://news.example/story", "http://news.example/meta"):
        with pytest.raises(IngestError, match="non-public"):
            fetch_url(url, Settings.load(), resolver=dns, transport=transport)


def test_fetch_follows_public_redirects_and_caps_size() -> None:
    dns = fake_dns({"news.example": [PUBLIC], "cdn.example": [PUBLIC]})
    page = b"<html><body><p>Hello harbour.</p></body></html>"
    transport = _mock({
        "http://news.example/a": httpx.Response(302, headers={"Location": "https://cdn.example/a.html"}),
        "https://cdn.example/a.html": httpx.Response(200, headers={"Content-Type": "text/html; charset=utf-8"},
                                                     content=page),
        "http://news.example/big": httpx.Response(200, content=b"x" * 5000),
        "http://news.example/gone": httpx.Response(410),
        "http://news.example/loop": httpx.Response(302, headers={"Location": "/loop"}),
    })
    doc = fetch_url("http://news.example/a", Settings.load(), resolver=dns, transport=transport)
    assert doc.raw == page and doc.media_type == "text/html" and doc.meta["url"] == "https://cdn.example/a.html"
    with pytest.raises(IngestError, match="too large"):
        fetch_url("http://news.example/big", Settings.load(), resolver=dns, transport=transport, max_bytes=1000)
    with pytest.raises(IngestError, match="HTTP 410"):
        fetch_url("http://news.example/gone", Settings.load(), resolver=dns, transport=transport)
    with pytest.raises(IngestError, match="redirects"):
        fetch_url("http://news.example/loop", Settings.load(), resolver=dns, transport=transport)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/slow":
            threading.Event().wait(2)
        body = b"Plain words from a loopback server."
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_real_loopback_fetch_needs_allow_private(loopback_server: str) -> None:
    with pytest.raises(IngestError, match="non-public"):
        fetch_url(loopback_server + "/a.txt", Settings.load())
    settings = Settings.load()
    settings.set("fetch.allow_private", True)
    doc = fetch_url(loopback_server + "/a.txt", settings)
    assert doc.raw == b"Plain words from a loopback server." and doc.media_type == "text/plain"
    settings.set("fetch.timeout", 0.3)
    with pytest.raises(IngestError, match="timed out"):
        fetch_url(loopback_server + "/slow", settings)
