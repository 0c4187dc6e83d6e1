"""The storage interface: every backend (SQLite, PostgreSQL) implements ``Store``.

``store`` is the only writer of the database. Readers (CLI, API, web) use the query methods here,
so the HTML pages and the JSON API share one query layer.
"""

from __future__ import annotations

import base64
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Actor, Article, Document, DocumentRecord, Story


@dataclass(slots=True)
class Page:
    """One page of results and the opaque cursor of the next one (None at the end)."""

    items: list[dict[str, Any]]
    next: str | None = None


@dataclass(slots=True)
class Filters:
    """Filters shared by list endpoints; all optional. Dates are ISO strings compared as text."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    actor: str | None = None  # actor id
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """Offset encoded in ``cursor``; ValueError on a cursor this store did not make."""
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        offset = int(json.loads(base64.urlsafe_b64decode(padded))["o"])
    except Exception:
        raise ValueError(f"invalid cursor {cursor!r}") from None
    if offset < 0:
        raise ValueError(f"invalid cursor {cursor!r}")
    return offset


class Store(ABC):
    """A Newsloom database."""

    # -- writing -------------------------------------------------------------------------------
    @abstractmethod
    def has_document(self, content_hash: str) -> bool: ...

    @abstractmethod
    def save(self, doc: Document, article: Article | None, error: str | None = None) -> bool:
        """Store a document and its article (or its failure) in one transaction.

        Returns False when a document with the same content hash was already stored, in which
        case nothing changes. Re-saving through ``update`` replaces facts instead.
        """

    @abstractmethod
    def save_many(self, items: Sequence[tuple[Document, Article | None, str | None]]) -> list[bool]:
        """``save`` for many documents in one transaction (bulk loads); for each, whether it was new."""

    @abstractmethod
    def update(self, doc_id: str, article: Article | None, error: str | None = None) -> None:
        """Replace the article and facts of a stored document (reprocess / retry)."""

    @abstractmethod
    def load_outlet_profile(self, outlet: str) -> str | None: ...

    @abstractmethod
    def save_outlet_profile(self, outlet: str, data: str) -> None: ...

    @abstractmethod
    def outlet_profiles(self) -> dict[str, str]:
        """Every outlet's learned boilerplate blob (``{outlet: data}``)."""

    # -- reading -------------------------------------------------------------------------------
    @abstractmethod
    def document(self, doc_id: str) -> DocumentRecord | None: ...

    @abstractmethod
    def raw(self, doc_id: str) -> Document | None:
        """The stored raw input as a Document (raw may be empty if it was too large to keep)."""

    @abstractmethod
    def article(self, doc_id: str) -> Article | None: ...

    @abstractmethod
    def document_ids(self, status: str | None = None) -> list[str]: ...

    @abstractmethod
    def ids_with_prefix(self, kind: str, prefix: str, limit: int = 10) -> list[str]:
        """Stored ids of ``kind`` ("document" or "story") that start with ``prefix``, sorted."""

    @abstractmethod
    def quote_sentences(self, quote_ids: Iterable[Any]) -> dict[Any, dict[str, Any]]:
        """Per quote id: the quote's ``start``/``end``, its sentence's offsets, and ``sentence``,
        the article's text between them (quotes stored without a sentence are left out)."""

    @abstractmethod
    def failures(self) -> list[DocumentRecord]: ...

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

    # -- feeds (watch) and fetched pages ------------------------------------------------------
    @abstractmethod
    def add_feed(self, url: str, interval_s: float) -> bool: ...

    @abstractmethod
    def remove_feed(self, url: str) -> bool: ...

    @abstractmethod
    def feeds(self) -> list[dict[str, Any]]: ...

    @abstractmethod
    def update_feed(self, url: str, **state: Any) -> None: ...

    @abstractmethod
    def has_source(self, *sources: str) -> bool: ...

    @abstractmethod
    def delete_document(self, doc_id: str) -> None: ...

    @abstractmethod
    def articles(self, filters: Filters | None = None, limit: int = 20, cursor: str | None = None,
                 collapse_copies: bool = False) -> Page:
        """Articles newest first; with ``collapse_copies`` a copy of another article is hidden and
        its original carries a ``copies`` count."""

    @abstractmethod
    def search(self, query: str, filters: Filters | None = None, limit: int = 20, cursor: str | None = None,
               collapse_copies: bool = False) -> Page: ...

    @abstractmethod
    def actors(self, filters: Filters | None = None, limit: int = 50, cursor: str | None = None,
               type: str | None = None, name: str | None = None) -> Page: ...

    @abstractmethod
    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """Profile: the actor, mention/quote/article counts, roles and aliases seen."""

    @abstractmethod
    def find_actor(self, name: str) -> Actor | None:
        """An actor by id, exact name, or the most-mentioned one whose name contains ``name``."""

    @abstractmethod
    def actor_timeline(self, actor_id: str, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Per day: mentions, quotes, articles."""

    @abstractmethod
    def quotes(self, filters: Filters | None = None, speaker: str | None = None,
               speaks_for: str | None = None, about: str | None = None,
               limit: int = 50, cursor: str | None = None, collapse_copies: bool = False,
               said_only: bool = False) -> Page: ...

    @abstractmethod
    def search_facets(self, query: str, filters: Filters | None = None, limit: int = 8,
                      window: int = 5000) -> dict[str, Any]:
        """Counts by outlet, actor and month among the newest ``window`` articles matching ``query``."""

    # -- events (store/event_queries.py) ------------------------------------------------------
    @abstractmethod
    def events(self, filters: Filters | None = None, *, source: str | None = None, target: str | None = None,
               actor: str | None = None, type: str | None = None, mode: str | None = None,
               doc_ids: list[str] | None = None, limit: int = 50, cursor: str | None = None,
               collapse_copies: bool = False) -> Page:
        """Events newest first, each whole: actors, sentence and trigger spans, flags, article.
        Actors are ids or exact names; ``actor`` matches either side; ``type`` may list several
        PLOVER types separated by commas."""

    @abstractmethod
    def events_for(self, doc_id: str) -> list[dict[str, Any]]:
        """Every event of one article in text order, whole."""

    @abstractmethod
    def event_counts(self, filters: Filters | None = None, *, source: str | None = None,
                     target: str | None = None, actor: str | None = None, type: str | None = None,
                     unit: str = "month") -> list[dict[str, Any]]:
        """Events per period (``day`` or ``month``) and PLOVER type: ``[{period, type, events}]``."""

    @abstractmethod
    def statements(self, speaker: str | None = None, story: str | None = None, since: str | None = None,
                   until: str | None = None, limit: int = 50, cursor: str | None = None) -> Page:
        """Statements (quotes of one speaker with near-identical words grouped across articles),
        newest first, each with its sources; see store/statement_queries.py."""

    # -- stories (connect) ---------------------------------------------------------------------
    @abstractmethod
    def replace_stories(self, stories: Iterable[Story], scores: Mapping[str, float],
                        duplicates: Mapping[str, tuple[str, float | None]],
                        open_until: Mapping[str, str] | None = None) -> None:
        """Replace every story and duplicate group in one transaction."""

    @abstractmethod
    def save_stories(self, stories: Iterable[Story], scores: Mapping[str, float],
                     duplicates: Mapping[str, tuple[str, float | None]],
                     open_until: Mapping[str, str] | None = None,
                     redirects: Mapping[str, str] | None = None) -> None:
        """Write the given stories and copies, leaving the other stories as they are; merged
        stories (``redirects``: old id -> new id) are removed and redirect."""

    @abstractmethod
    def open_story_ids(self, day: str | None) -> list[str]:
        """Stories still open to an article published on ``day`` (every story when None)."""

    @abstractmethod
    def story_members(self, story_ids: Iterable[str]) -> dict[str, tuple[str, float | None]]:
        """The members of the given stories: doc id -> (story id, fit score)."""

    @abstractmethod
    def story_redirect(self, story_id: str) -> str | None:
        """The story a merged story now lives in (None when it was not merged)."""

    @abstractmethod
    def unplaced_ids(self) -> list[str]:
        """Articles in no story yet."""

    @abstractmethod
    def article_ids_since(self, since: str | None = None) -> list[str]:
        """Articles published on or after ``since`` (all when None)."""

    @abstractmethod
    def connect_rows(self, doc_ids: Iterable[str]) -> list[dict[str, Any]]:
        """Title, publication date, text, linked actors and resolved dates of articles."""

    @abstractmethod
    def story_assignments(self) -> dict[str, tuple[str, float | None]]:
        """Every stored article's story id and fit score."""

    @abstractmethod
    def duplicate_map(self, doc_ids: Iterable[str] | None = None) -> dict[str, tuple[str, float | None]]:
        """Every copy's canonical article id and similarity (only of ``doc_ids`` when given)."""

    @abstractmethod
    def term_stats(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """Stored document frequencies of ``terms`` over the placed articles, and their count."""

    @abstractmethod
    def add_term_stats(self, df: Mapping[str, int], docs: int, *, reset: bool = False) -> None:
        """Count ``docs`` more articles with word frequencies ``df`` (``reset`` forgets first)."""

    @abstractmethod
    def copy_candidates(self, buckets: Iterable[tuple[int, int]]) -> list[str]:
        """Stored articles sharing a MinHash LSH (band, bucket) with a signature."""

    @abstractmethod
    def add_minhash_bands(self, bands: Mapping[str, list[tuple[int, int]]], *, reset: bool = False) -> None:
        """Keep articles' MinHash LSH (band, bucket) pairs (``reset`` forgets all first)."""

    @abstractmethod
    def update_stories(self, stories: Iterable[Story], sizes: Mapping[str, int], scores: Mapping[str, float],
                       duplicates: Mapping[str, tuple[str, float | None]], open_until: Mapping[str, str],
                       redirects: Mapping[str, str]) -> None:
        """Write an incremental build's changed stories, their listed members, copies and merges."""

    @abstractmethod
    def stories_of(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The story of each placed article among ``doc_ids``."""

    @abstractmethod
    def story_candidates(self, terms: Iterable[str], day: str | None) -> list[str]:
        """Stories found by one of their heaviest words, open on ``day`` (any when None)."""

    @abstractmethod
    def story_summaries(self, story_ids: Iterable[str]) -> dict[str, tuple[int, str]]:
        """Stored story summaries: story id -> (rank, summary JSON)."""

    @abstractmethod
    def unsummarized_story_ids(self, day: str | None) -> list[str]:
        """Stories open on ``day`` (all when None) that have no stored summary."""

    @abstractmethod
    def next_story_rank(self) -> int:
        """The creation rank of the next new story."""

    @abstractmethod
    def save_story_summaries(self, summaries: Mapping[str, tuple[int, str, str | None, list[str]]],
                             *, reset: bool = False) -> None:
        """Keep stories' summaries and index words (``reset`` forgets all first)."""

    @abstractmethod
    def story_stats(self) -> dict[str, int]:
        """Stories, stories with several articles, copies, distinct articles."""

    @abstractmethod
    def stories(self, filters: Filters | None = None, limit: int = 20, cursor: str | None = None,
                min_articles: int = 1) -> Page:
        """Stories, seen most recently first."""

    @abstractmethod
    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story with its articles, dated quotes and events, and top actors."""

    @abstractmethod
    def actor_stories(self, actor_id: str, filters: Filters | None = None, limit: int = 50,
                      cursor: str | None = None) -> Page:
        """The stories an actor appears in, oldest first."""

    @abstractmethod
    def article_story(self, doc_id: str) -> dict[str, Any] | None:
        """An article's story and duplicate group."""

    @abstractmethod
    def copy_counts(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """How many stored copies each of ``doc_ids`` has (only ids with copies appear)."""

    @abstractmethod
    def with_copy_counts(self, items: list[dict[str, Any]], key: str = "id") -> list[dict[str, Any]]:
        """``items`` (article rows) each given ``copies``: how many copies of it are stored."""

    @abstractmethod
    def iter_articles(self, batch_size: int = 500) -> Iterator[Article]: ...

    # -- upkeep --------------------------------------------------------------------------------
    @abstractmethod
    def optimize(self) -> None:
        """Refresh the planner's statistics (and, where the backend has them, visibility maps and
        checkpoints) after a large load, so the queries keep choosing their indexes. Safe to call
        at any time; costs seconds to minutes on millions of rows."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
