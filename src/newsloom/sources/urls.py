"""Fetch one URL into a Document, refusing private network targets (SSRF guard), with a size cap."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import IngestError
from ..model import Document
from ..settings import Settings

Resolver = Callable[[str, int], list[str]]
MAX_REDIRECTS = 5
_MEDIA_TYPES = {"text/html": "text/html", "application/xhtml+xml": "text/html", "text/plain": "text/plain",
                "application/json": "application/json", "application/rss+xml": "application/xml",
                "application/atom+xml": "application/xml", "application/xml": "application/xml",
                "text/xml": "application/xml"}


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def is_public(address: str) -> bool:
    """True for a globally routable unicast address; private, loopback, link-local, multicast,
    reserved and unspecified ones are not (IPv4-mapped IPv6 is judged by its IPv4 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def check_url(url: str, allow_private: bool = False, resolver: Resolver = resolve) -> None:
    """Raise IngestError unless ``url`` is http(s) and every address of its host is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestError(url, "only http and https URLs with a host can be fetched")
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = [str(ipaddress.ip_address(parts.hostname))] if _is_ip(parts.hostname) else \
            resolver(parts.hostname, port)
    except (OSError, UnicodeError) as exc:
        raise IngestError(url, f"cannot resolve {parts.hostname}: {exc}") from None
    if not addresses:
        raise IngestError(url, f"{parts.hostname} resolves to no address")
    # Every address must be public: a host with one private record could be steered to it.
    for address in addresses:
        if not is_public(address):
            raise IngestError(url, f"refused: {parts.hostname} resolves to non-public address {address} "
                                   "(set fetch.allow_private to allow it)")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _media_type(content_type: str, url: str) -> str:
    base = content_type.split(";", 1)[0].strip().lower()
    if base in _MEDIA_TYPES:
        return _MEDIA_TYPES[base]
    path = urlsplit(url).path.lower()
    if path.endswith((".txt", ".text")):
        return "text/plain"
    if path.endswith((".xml", ".rss", ".atom")):
        return "application/xml"
    return "text/html"


def fetch_url(url: str, settings: Settings | None = None, *, resolver: Resolver = resolve,
              transport: httpx.BaseTransport | None = None, max_bytes: int | None = None) -> Document:
    """Download ``url`` (following up to five redirects, each checked) into a Document.

    Raises IngestError when the URL is refused, unreachable, too large or not successful.
    The host is resolved and checked before each request; the connection resolves it again, so
    a DNS answer that changes in between is not caught (pinning would need a custom transport).
    """
    settings = settings or Settings.load()
    allow_private = settings.fetch.allow_private
    timeout = settings.fetch.timeout
    limit = max_bytes if max_bytes is not None else settings.ingest.max_bytes
    headers = {"User-Agent": "newsloom/0.1 (+https://github.com/newsloom)", "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.9,*/*;q=0.5"}
    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport, headers=headers) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private, resolver)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        current = urljoin(current, resp.headers["location"])
                        continue
                    if resp.status_code >= 400:
                        raise IngestError(url, f"HTTP {resp.status_code} from {current}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > limit:
                        raise IngestError(url, f"too large: {int(declared) / 1e6:.1f} MB over the "
                                               f"{limit / 1e6:.0f} MB limit")
                    data = _read_capped(resp, limit, url)
                    meta: dict[str, Any] = {"url": str(current)}
                    return Document(raw=data, source=url, media_type=_media_type(
                        resp.headers.get("content-type", ""), current), meta=meta)
            except httpx.TimeoutException:
                raise IngestError(url, f"timed out after {timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise IngestError(url, f"fetch failed: {exc}") from None
    raise IngestError(url, f"more than {MAX_REDIRECTS} redirects")


def _read_capped(resp: httpx.Response, limit: int, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise IngestError(url, f"too large: over the {limit / 1e6:.0f} MB limit")
        chunks.append(chunk)
    return b"".join(chunks)


__all__ = ["check_url", "fetch_url", "is_public", "resolve"]
