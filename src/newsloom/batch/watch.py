"""Keeping a store current: folders watched for new files, feeds and sitemaps polled on a schedule.

Folders are watched with ``watchfiles`` (a background thread queues new and changed files);
feeds are polled with conditional GETs (ETag / Last-Modified), each at its own interval, which
shortens when a feed has new items and lengthens when it has none. New documents go through the
same ingestion as ``newsloom ingest``; stories are then built incrementally.

All state lives in the store (documents by content hash, feed state in ``feeds``), so a watcher
killed at any moment resumes where it was: nothing is lost, nothing is stored twice.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import IngestError, NotModified
from ..pipeline import Pipeline
from ..settings import Settings
from ..sources.files import SourceItem, media_type_of, read_xml
from ..sources.web import WebReader, failed_fetch
from ..store.base import Store
from .local import IngestReport, ingest, ingest_items


@dataclass(slots=True)
class SourceStatus:
    """What the live status shows for one folder or feed."""

    name: str
    kind: str  # "folder" or "feed"
    last_check: str | None = None
    new: int = 0
    failures: int = 0
    last_error: str | None = None
    next_check: str | None = None


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def _ts(iso: str | None) -> float:
    return datetime.fromisoformat(iso).timestamp() if iso else 0.0


class Watcher:
    """Watches ``folders`` and the store's feeds (``feeds`` given here are subscribed first)."""

    def __init__(self, store: Store, settings: Settings, folders: list[Path], feeds: list[str], every: float, *,
                 pipeline: Pipeline | None = None, reader: WebReader | None = None,
                 clock: Callable[[], float] = time.time, on_status: Callable[[Watcher], None] | None = None,
                 stories: bool = True) -> None:
        self.store, self.settings, self.folders, self.every = store, settings, folders, every
        self.pipeline = pipeline or Pipeline(settings)
        self.reader = reader or WebReader(settings, known=store.has_source)
        self.clock, self.on_status, self.stories = clock, on_status, stories
        self.status: dict[str, SourceStatus] = {str(f): SourceStatus(str(f), "folder") for f in folders}
        self.changed: queue.Queue[Path] = queue.Queue()
        self.total = IngestReport()
        for url in feeds:
            store.add_feed(url, every)

    # -- the loop ------------------------------------------------------------------------------
    def run(self, stop: threading.Event, rounds: int | None = None) -> IngestReport:
        """Watch until ``stop`` is set (or for ``rounds`` rounds, for tests and one-shot runs)."""
        thread = None
        if self.folders:
            # Watch first, then take in what is there: a file written meanwhile is queued (and
            # stored once, by its hash), never missed.
            ready = threading.Event()
            thread = threading.Thread(target=self._watch_folders, args=(stop, ready), daemon=True)
            thread.start()
            ready.wait(10)
            self._absorb(ingest([str(f) for f in self.folders], self.store, self.settings, pipeline=self.pipeline),
                         [str(f) for f in self.folders])
        n = 0
        while not stop.is_set() and (rounds is None or n < rounds):
            n += 1
            added = self._round()
            if added and self.stories:
                from ..connect.build import build_stories

                build_stories(self.store, self.settings)
            if self.on_status:
                self.on_status(self)
            stop.wait(self._pause())
        stop.set()
        if thread is not None:
            thread.join(timeout=5)
        return self.total

    def _round(self) -> int:
        added = self.total.added
        paths = self._drain()
        if paths:
            self._absorb(ingest([str(p) for p in paths], self.store, self.settings, pipeline=self.pipeline),
                         [self._folder_of(p) for p in paths])
        now = self.clock()
        for feed in self.store.feeds():
            if _ts(feed["next_check"]) <= now:
                self.poll(feed)
        return self.total.added - added

    def _pause(self) -> float:
        """Until the next feed is due, at most a second (new files are picked up that fast)."""
        due = [_ts(f["next_check"]) for f in self.store.feeds()]
        wait = min(due, default=self.clock() + 1.0) - self.clock()
        return max(0.05, min(1.0, wait))

    # -- folders -------------------------------------------------------------------------------
    def _watch_folders(self, stop: threading.Event, ready: threading.Event) -> None:
        from watchfiles import Change, watch

        # The first (empty) yield comes once the watches are in place.
        for changes in watch(*self.folders, stop_event=stop, yield_on_timeout=True, rust_timeout=200,
                             raise_interrupt=False):
            ready.set()
            for change, path in changes:
                p = Path(path)
                if change != Change.deleted and p.is_file() and media_type_of(p):
                    self.changed.put(p)

    def _drain(self) -> list[Path]:
        seen: dict[Path, None] = {}
        while True:
            try:
                seen[self.changed.get_nowait()] = None
            except queue.Empty:
                return list(seen)

    def _folder_of(self, path: Path) -> str:
        for folder in self.folders:
            if path.is_relative_to(folder):
                return str(folder)
        return str(path.parent)

    def _absorb(self, report: IngestReport, names: list[str]) -> None:
        self.total.added += report.added
        self.total.present += report.present
        self.total.failed += report.failed
        self.total.errors.extend(report.errors)
        now = _iso(self.clock())
        for name in dict.fromkeys(names):
            status = self.status.setdefault(name, SourceStatus(name, "folder"))
            status.last_check, status.new = now, status.new + report.added
            status.failures += report.failed
            if report.errors:
                status.last_error = report.errors[-1][1]

    # -- feeds ---------------------------------------------------------------------------------
    def poll(self, feed: dict[str, Any]) -> None:
        """One conditional GET of a feed or sitemap, its new items ingested, its state saved."""
        url, now = feed["url"], self.clock()
        headers = {k: v for k, v in (("If-None-Match", feed["etag"]),
                                     ("If-Modified-Since", feed["last_modified"])) if v}
        state: dict[str, Any] = {"last_checked": _iso(now), "checks": int(feed["checks"]) + 1}
        interval = float(feed["interval_s"])
        try:
            doc = self.reader.fetcher.get(url, headers)
        except NotModified:
            interval = self._slower(interval)
            state.update(failures=0, last_error=None)
        except IngestError as exc:
            failures = int(feed["failures"]) + 1
            state.update(failures=failures, last_error=exc.reason)
            interval = min(self._bounds()[1], interval * 2 ** min(failures, 6))
        else:
            report = ingest_items(self._items(url, doc.raw), self.store, self.settings, pipeline=self.pipeline)
            self._absorb(report, [])
            state.update(failures=0, last_error=None, etag=doc.meta.get("_etag"),
                         last_modified=doc.meta.get("_last_modified"), items=int(feed["items"]) + report.added)
            if report.added:
                state["last_new"] = _iso(now)
                interval = max(self._bounds()[0], interval * 0.5)
            else:
                interval = self._slower(interval)
            self._feed_status(url).new += report.added
        state.update(interval_s=interval, next_check=_iso(now + interval))
        self.store.update_feed(url, **state)
        status = self._feed_status(url)
        status.last_check, status.next_check = state["last_checked"], state["next_check"]
        status.failures, status.last_error = int(state["failures"]), state["last_error"]

    def _items(self, url: str, data: bytes) -> Iterator[SourceItem]:
        try:
            yield from read_xml(url, data, lambda u, m: self.reader.read_link(u, m, 1))
        except IngestError as exc:  # pragma: no cover - read_xml reports errors as items
            yield failed_fetch(url, exc.reason)

    def _bounds(self) -> tuple[float, float]:
        low = float(self.settings.get("watch.min_interval"))
        high = min(float(self.settings.get("watch.max_interval")),
                   self.every * float(self.settings.get("watch.max_factor")))
        return min(low, self.every), max(high, self.every)

    def _slower(self, interval: float) -> float:
        return min(self._bounds()[1], max(interval, self.every) * 1.5)

    def _feed_status(self, url: str) -> SourceStatus:
        return self.status.setdefault(url, SourceStatus(url, "feed"))


def parse_every(text: str) -> float:
    """'90s', '15m', '2h', '1d' or plain seconds -> seconds."""
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        value = float(text[:-1]) * units[text[-1]] if text and text[-1] in units else float(text)
    except ValueError:
        raise ValueError(f"not a duration: {text!r} (use e.g. 90s, 15m, 2h)") from None
    if value <= 0:
        raise ValueError(f"not a duration: {text!r} (must be positive)")
    return value


__all__ = ["SourceStatus", "Watcher", "parse_every"]
