"""Fetching like a good citizen: robots.txt honoured, a delay between requests to one host,
retries with exponential backoff on 429, 5xx and timeouts (Retry-After honoured), URLs
normalised so the same page is fetched once.

Requests are made one at a time (the per-host concurrency is one), through the SSRF-guarded
``fetch_url``; robots.txt files are fetched through it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from courlan import normalize_url
from protego import Protego

from ..errors import FetchError, IngestError
from ..model import Document
from ..settings import Settings
from .urls import fetch_url, user_agent

Fetch = Callable[..., Document]


def canonical_url(url: str) -> str:
    """The URL a page is known by: scheme and host lower-cased, default port, fragment and
    tracking parameters (utm_*, fbclid, …) dropped, query parameters sorted (courlan)."""
    try:
        return normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        return url


@dataclass(slots=True)
class _Host:
    last: float = -1e9  # monotonic time of the last request to this host
    robots: Protego | None = None
    robots_fetched: float = -1e9


@dataclass(slots=True)
class PoliteFetcher:
    """One fetcher per run (or per ``watch`` process): it remembers hosts' robots.txt and when
    each host was last asked."""

    settings: Settings
    fetch: Fetch = fetch_url
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    hosts: dict[str, _Host] = field(default_factory=dict)

    @property
    def delay(self) -> float:
        return float(self.settings.get("fetch.delay"))

    def get(self, url: str, headers: dict[str, str] | None = None) -> Document:
        """The page at ``url``; raises IngestError (robots.txt, refused, too large), FetchError
        (after the retries) or NotModified (a conditional GET with nothing new)."""
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises on a port out of range
        except ValueError as exc:  # "Invalid IPv6 URL", "Port out of range"
            raise IngestError(url, f"malformed URL: {exc}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise IngestError(url, "only http and https URLs with a host can be fetched")
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        host = self.hosts.setdefault(origin, _Host())
        if not self._allowed(origin, host, url):
            raise IngestError(url, "refused: robots.txt disallows it for our user agent")
        retries = int(self.settings.get("fetch.retries"))
        backoff = float(self.settings.get("fetch.backoff"))
        cap = float(self.settings.get("fetch.max_wait"))
        for attempt in range(retries + 1):
            self._wait(host)
            try:
                return self.fetch(url, self.settings, headers=headers)
            except FetchError as exc:
                if not exc.retryable or attempt == retries:
                    raise
                wait = exc.retry_after if exc.retry_after is not None else backoff * 2**attempt
                if wait > cap:
                    raise FetchError(url, f"{exc.reason}; the server asks to wait {wait:.0f} s, over "
                                          f"fetch.max_wait ({cap:.0f} s)", status=exc.status) from None
                self.sleep(wait)
        raise AssertionError("unreachable")

    def _wait(self, host: _Host) -> None:
        delay = self.delay
        crawl_delay = host.robots.crawl_delay(self._agent()) if host.robots is not None else None
        if crawl_delay:
            delay = max(delay, min(float(crawl_delay), float(self.settings.get("fetch.max_wait"))))
        pause = host.last + delay - self.clock()
        if pause > 0:
            self.sleep(pause)
        host.last = self.clock()

    def _agent(self) -> str:
        return user_agent(self.settings)

    def _allowed(self, origin: str, host: _Host, url: str) -> bool:
        if not self.settings.get("fetch.robots"):
            return True
        if host.robots is None or self.clock() - host.robots_fetched > 24 * 3600:
            host.robots = self._robots(origin, host)
            host.robots_fetched = self.clock()
        return host.robots.can_fetch(url, self._agent())

    def _robots(self, origin: str, host: _Host) -> Protego:
        """RFC 9309: a robots.txt that is missing (4xx) allows everything; one the server cannot
        give (5xx, timeout) disallows everything for now."""
        self._wait(host)
        try:
            doc = self.fetch(origin + "/robots.txt", self.settings)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return Protego.parse("")
            return Protego.parse("User-agent: *\nDisallow: /")
        except IngestError:
            return Protego.parse("")  # refused or too large: judged by the page's own fetch
        return Protego.parse(doc.raw.decode("utf-8", "replace"))


__all__ = ["PoliteFetcher", "canonical_url"]
