"""Fetching hostile URLs: SSRF address forms (6to4, Teredo, NAT64) refused, the address actually
connected checked, one deadline for the whole request, malformed URLs and redirects refused by name."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from newsloom.errors import IngestError
from newsloom.settings import Settings
from newsloom.sources.urls import fetch_url
from newsloom.sources.web import WebReader

PUBLIC = "93.184.216.34"


@pytest.mark.parametrize("address", [
    "2002:7f00:1::",                      # 6to4 around 127.0.0.1
    "2002:a9fe:a9fe::1",                  # 6to4 around the cloud metadata address
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo whose client is 127.0.0.1 (obfuscated)
    "64:ff9b::7f00:1",                    # NAT64 well-known prefix around 127.0.0.1
    "64:ff9b::a00:5",                     # ... around 10.0.0.5
    "64:ff9b:1::c0a8:101",                # NAT64 local-use prefix around 192.168.1.1
    "::ffff:169.254.169.254",
])
def test_embedded_ipv4_forms_are_refused(address: str) -> None:
    with pytest.raises(IngestError, match="non-public"):
        fetch_url(f"http://[{address}]/", Settings.load())


def test_public_embedded_forms_are_public() -> None:
    from newsloom.sources.urls import is_public

    assert is_public("2002:5db8:d822::1") and is_public("64:ff9b::5db8:d822")


@pytest.mark.parametrize("url", ["http://example.com:99999/", "http://[::1", "http://[::1]:port/"])
def test_malformed_urls_fail_by_name(url: str) -> None:
    with pytest.raises(IngestError, match="malformed URL"):
        fetch_url(url, Settings.load())


def test_bad_urls_among_the_inputs_do_not_stop_the_others() -> None:
    reader = WebReader(Settings.load())
    items = [i for u in ("http://example.com:99999/", "http://[::1", "ftp://x/") for i in reader.read(u)]
    # Each is a failed document with its reason (stored, listed, retried), never an exception.
    assert len(items) == 3 and all(i.error for i in items)
    assert all(i.doc is not None and not i.doc.raw and i.doc.meta["fetch"] == "failed" for i in items)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):  # a byte every 0.2 s: each read is quick, the whole is not
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
            return
        locations = {"/r1": "http:127.0.0.1/", "/r2": "https:evil", "/r3": "mailto:a@b.example",
                     "/r4": "http://[::1", "/r5": "http://example.com:99999/"}
        self.send_response(302)
        self.send_header("Location", locations.get(self.path, "/"))
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_a_dripping_server_is_cut_at_the_whole_request_timeout(server: str) -> None:
    settings = Settings.load(**{"fetch.allow_private": True, "fetch.timeout": 1})
    start = time.monotonic()
    with pytest.raises(IngestError, match="timed out after 1 s"):
        fetch_url(f"{server}/drip", settings)
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize("path", ["/r1", "/r2", "/r3", "/r4", "/r5"])
def test_malformed_redirects_are_refused_by_name(server: str, path: str) -> None:
    settings = Settings.load(**{"fetch.allow_private": True, "fetch.timeout": 5})
    with pytest.raises(IngestError, match="refused redirect .* malformed location|malformed"):
        fetch_url(f"{server}{path}", settings)


def test_the_address_connected_is_checked_not_only_the_first_answer(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    answers = iter([[PUBLIC], ["127.0.0.1"]])  # DNS rebinding: public when checked, loopback after

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    with pytest.raises(IngestError, match="non-public address 127.0.0.1"):
        fetch_url(f"http://rebind.example:{port}/drip", Settings.load(), resolver=rebinding)


def test_malformed_redirect_from_a_mock_transport_is_refused() -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(302, headers={"Location": "https:evil"}))
    with pytest.raises(IngestError, match="malformed location 'https:evil'"):
        fetch_url(f"http://{PUBLIC}/a", Settings.load(), transport=transport)
