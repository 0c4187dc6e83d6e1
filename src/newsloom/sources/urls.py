"""Fetch one URL into a Document, refusing private network targets (SSRF guard), with a size cap."""

from __future__ import annotations

import functools
import ipaddress
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from ..errors import FetchError, IngestError, NotModified
from ..model import Document
from ..settings import Settings
from .netguard import Refused, guarded_transport, is_public, resolve
from .sizes import too_large

Resolver = Callable[[str, int], list[str]]
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
HEADERS = {"User-Agent": "newsloom/0.1 (+https://github.com/newsloom)",
           "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.9,*/*;q=0.5"}
_MEDIA_TYPES = {"text/html": "text/html", "application/xhtml+xml": "text/html", "text/plain": "text/plain",
                "application/json": "application/json", "application/rss+xml": "application/xml",
                "application/atom+xml": "application/xml", "application/xml": "application/xml",
                "text/xml": "application/xml"}


def _parts(url: str) -> tuple[SplitResult, int]:
    """``url`` split, with its port; IngestError for a URL that cannot be fetched as given."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "Port out of range", "Invalid IPv6 URL"
        raise IngestError(url, f"malformed URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestError(url, "only http and https URLs with a host can be fetched")
    return parts, port or (443 if parts.scheme == "https" else 80)


def check_url(url: str, allow_private: bool = False, resolver: Resolver = resolve) -> None:
    """Raise IngestError unless ``url`` is http(s) and every address of its host is public."""
    parts, port = _parts(url)
    if allow_private:
        return
    host = parts.hostname or ""
    try:
        addresses = [str(ipaddress.ip_address(host))] if _is_ip(host) else resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise IngestError(url, f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise IngestError(url, f"{host} resolves to no address")
    # Every address must be public: a host with one private record could be steered to it.
    for address in addresses:
        if not is_public(address):
            where = "" if host == address else f"{host} resolves to "
            raise IngestError(url, f"refused: {where}non-public address {address} ({_address_kind(address)}; "
                                   "set fetch.allow_private to allow it)")


def _address_kind(address: str) -> str:
    """Why an address is not public, in the words of its kind."""
    ip = ipaddress.ip_address(address)
    for kind in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return "non-public"


def _redirect(url: str, current: str, location: str) -> str:
    """Where a redirect leads; a Location that is no fetchable http(s) URL is refused by name."""
    location = location.strip()
    # "http:host/path" names a scheme without an authority: clients disagree on what it means.
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", location)
    try:
        target = "" if scheme and not location[scheme.end():].startswith("//") else urljoin(current, location)
    except ValueError:
        target = ""
    try:
        _parts(target)
    except IngestError:
        raise IngestError(url, f"refused redirect from {current} to malformed location {location[:200]!r}") from None
    return target


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


@functools.cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsloom")
    except PackageNotFoundError:
        return "dev"


def user_agent(settings: Settings) -> str:
    """``newsloom/<version> (+<contact>)``: names the project and whom to tell about a problem."""
    ours = _version()
    contact = str(settings.get("fetch.contact") or "https://github.com/newsloom/newsloom")
    return f"newsloom/{ours} (+{contact})"


def fetch_url(url: str, settings: Settings | None = None, *, resolver: Resolver = resolve,
              transport: httpx.BaseTransport | None = None, max_bytes: int | None = None,
              headers: dict[str, str] | None = None) -> Document:
    """Download ``url`` (following up to five redirects, each checked) into a Document.

    Raises IngestError when the URL is refused or too large, FetchError when the server does not
    give the page (with its status and Retry-After) or the whole request (redirects and body
    included) is not done within ``fetch.timeout`` seconds, NotModified for a 304 answer to the
    conditional ``headers`` given (If-None-Match, If-Modified-Since). Each URL is
    checked before its request, and the connection itself is made only to the public address it
    checked (see ``netguard``), so a DNS answer that changes in between does not get through.
    """
    settings = settings or Settings.load()
    allow_private = settings.fetch.allow_private
    timeout = settings.fetch.timeout
    limit = max_bytes if max_bytes is not None else settings.ingest.max_bytes
    deadline = time.monotonic() + timeout
    transport = transport or guarded_transport(resolver, timeout, allow_private)
    current = url
    sent = {**HEADERS, "User-Agent": user_agent(settings), **(headers or {})}
    # The transport is driven directly: httpx's client parses a redirect's Location even when not
    # following it and fails on a malformed one; here it is judged (and refused by name) by us.
    # No proxy from the environment either: it would take the connection out of the guard's hands.
    with transport:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private, resolver)
            try:
                request = httpx.Request("GET", current, headers=sent,
                                        extensions={"timeout": httpx.Timeout(timeout).as_dict()})
                resp = transport.handle_request(request)
                try:
                    if resp.status_code in _REDIRECTS and "location" in resp.headers:
                        current = _redirect(url, current, resp.headers["location"])
                        continue
                    return _document(url, current, resp, limit, deadline, timeout)
                finally:
                    resp.close()
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {timeout:g} s", retryable=True) from None
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                cause = exc.__cause__ if isinstance(exc.__cause__, Refused) else exc
                if isinstance(cause, Refused):
                    raise IngestError(url, str(cause)) from None
                raise FetchError(url, f"fetch failed: {exc}", retryable=True) from None
    raise IngestError(url, f"more than {MAX_REDIRECTS} redirects")


def _document(url: str, current: str, resp: httpx.Response, limit: int, deadline: float, timeout: float) -> Document:
    if resp.status_code == 304:
        raise NotModified(url, "not modified since the last fetch")
    if resp.status_code >= 400:
        status = resp.status_code
        raise FetchError(url, f"HTTP {status} from {current}", status=status,
                         retry_after=retry_after(resp.headers.get("retry-after")),
                         retryable=status == 429 or status >= 500)
    declared = resp.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise IngestError(url, too_large(int(declared), limit))
    data = _read_capped(resp, limit, url, deadline, timeout)
    meta: dict[str, Any] = {"url": str(current)}
    charset = _charset(resp.headers.get("content-type", ""))
    if charset:
        meta["charset"] = charset  # the HTTP header outranks a <meta> charset in the page
    for header, key in (("etag", "_etag"), ("last-modified", "_last_modified")):
        if resp.headers.get(header):
            meta[key] = resp.headers[header]
    return Document(raw=data, source=url, media_type=_media_type(resp.headers.get("content-type", ""), current),
                    meta=meta)


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return m.group(1).lower() if m else None


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    return max(0.0, (when - datetime.now(UTC)).total_seconds()) if when.tzinfo else None


def _read_capped(resp: httpx.Response, limit: int, url: str, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        if time.monotonic() > deadline:  # also bounds transports that are not ours (tests, proxies)
            raise IngestError(url, f"timed out after {timeout:g} s")
        size += len(chunk)
        if size > limit:
            raise IngestError(url, too_large(None, limit))
        chunks.append(chunk)
    return b"".join(chunks)


__all__ = ["check_url", "fetch_url", "is_public", "resolve", "retry_after", "user_agent"]
