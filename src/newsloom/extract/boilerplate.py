"""Per-outlet memory of lines that repeat across documents: learned boilerplate.

A line seen in ``min_docs`` earlier documents of the same outlet (menus, appeals, footers) is
boilerplate for that outlet's next documents. Lines are kept as short hashes, so one outlet's
memory is a small JSON blob the store can persist.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

MIN_DOCS = 2
# Lines longer than this are article prose even when repeated (a re-published story): the memory
# only learns page furniture.
MAX_LINE_CHARS = 400
# Per outlet, the most frequent lines kept; rarer ones are forgotten first.
MAX_LINES = 4000
# Known (learned) lines covering more than this share of a text mean a re-sent document, not
# boilerplate: the memory is then not applied.
MAX_KNOWN_SHARE = 0.5
# Per outlet, ids of the documents already counted (re-processing one must not count it twice).
MAX_SEEN = 2000


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without "www.": an outlet's key when the page names none."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def learned_lines(lines: Sequence[str], known: Callable[[str], bool] | None) -> frozenset[str]:
    """The ``lines`` learned as boilerplate, none when they are most of the text (a re-sent
    document is not its own boilerplate)."""
    if known is None:
        return frozenset()
    flagged = frozenset(ln for ln in lines if known(ln))
    total = sum(len(ln) for ln in lines) or 1
    if sum(len(ln) for ln in lines if ln in flagged) > MAX_KNOWN_SHARE * total:
        return frozenset()
    return flagged


def _key(line: str) -> str:
    norm = " ".join(line.lower().split())
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


class _Outlet:
    __slots__ = ("docs", "counts", "seen")

    def __init__(self) -> None:
        self.docs = 0
        self.counts: dict[str, int] = {}
        self.seen: dict[str, None] = {}  # insertion-ordered set: the oldest ids are dropped first


class OutletMemory:
    """``observe(outlet, lines)`` after each document; ``lookup(outlet)`` while cleaning the next."""

    def __init__(self, min_docs: int = MIN_DOCS) -> None:
        self.min_docs = min_docs
        self._outlets: dict[str, _Outlet] = {}

    @staticmethod
    def _name(outlet: str) -> str:
        return outlet.strip().lower()

    def observe(self, outlet: str, lines: Iterable[str], doc_id: str | None = None) -> None:
        """Count each distinct short line of one document once; a ``doc_id`` already counted for
        this outlet is ignored."""
        if not outlet:
            return
        memory = self._outlets.setdefault(self._name(outlet), _Outlet())
        if doc_id is not None:
            if doc_id in memory.seen:
                return
            memory.seen[doc_id] = None
            if len(memory.seen) > MAX_SEEN:
                del memory.seen[next(iter(memory.seen))]
        memory.docs += 1
        for key in {_key(ln) for ln in lines if ln.strip() and len(ln) <= MAX_LINE_CHARS}:
            memory.counts[key] = memory.counts.get(key, 0) + 1
        if len(memory.counts) > MAX_LINES:
            keep = sorted(memory.counts.items(), key=lambda kv: kv[1], reverse=True)[:MAX_LINES]
            memory.counts = dict(keep)

    def known(self, outlet: str, line: str) -> bool:
        memory = self._outlets.get(self._name(outlet))
        if memory is None or len(line) > MAX_LINE_CHARS:
            return False
        return memory.counts.get(_key(line), 0) >= self.min_docs

    def lookup(self, outlet: str | None) -> Callable[[str], bool] | None:
        """A ``line -> is boilerplate`` test for one outlet, None when nothing is learned yet."""
        if not outlet:
            return None
        memory = self._outlets.get(self._name(outlet))
        if memory is None or memory.docs < self.min_docs:
            return None
        return lambda line: self.known(outlet, line)

    def outlets(self) -> list[str]:
        return sorted(self._outlets)

    def to_json(self, outlet: str) -> str:
        """One outlet's memory as a JSON blob (what the store persists per outlet)."""
        memory = self._outlets.get(self._name(outlet), _Outlet())
        return json.dumps({"version": 1, "docs": memory.docs, "lines": memory.counts, "seen": list(memory.seen)},
                          sort_keys=True)

    def load(self, outlet: str, blob: str) -> None:
        """Merge a blob written by ``to_json`` into this memory."""
        data = json.loads(blob)
        memory = self._outlets.setdefault(self._name(outlet), _Outlet())
        memory.docs += int(data.get("docs", 0))
        for doc_id in data.get("seen", []):
            memory.seen[str(doc_id)] = None
        for key, count in data.get("lines", {}).items():
            memory.counts[key] = memory.counts.get(key, 0) + int(count)

    @classmethod
    def from_json(cls, blobs: dict[str, str], min_docs: int = MIN_DOCS) -> OutletMemory:
        """Rebuild from ``{outlet: blob}`` as the store returns them."""
        memory = cls(min_docs)
        for outlet, blob in blobs.items():
            memory.load(outlet, blob)
        return memory
