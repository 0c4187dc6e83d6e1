"""Build stories and duplicate groups over articles, in memory or for a whole store (incrementally)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date

from ..model import Article, Story
from ..settings import Settings
from .duplicates import DuplicateIndex, DuplicateParams
from .features import Item, Vectorizer, day_number, item_from_article, item_from_row, utc_instant
from .stories import StoryClusterer, StoryParams, StoryState
from .summaries import from_summary, index_terms, to_summary

Progress = Callable[[str, int], None]
Scored = tuple[str, float | None]  # an id and how strongly it was chosen
Embedder = Callable[[list[Item]], None]  # sets ``embedding`` on each item (see StoryParams.embedding_weight)
TermStats = Callable[[set[str]], tuple[dict[str, int], int]]  # words -> (stored df, stored articles)

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Connections:
    """What connecting a set of articles found."""

    stories: list[Story] = field(default_factory=list)
    assignment: dict[str, str] = field(default_factory=dict)  # doc id -> story id
    scores: dict[str, float] = field(default_factory=dict)  # doc id -> fit to its story
    duplicates: dict[str, Scored] = field(default_factory=dict)  # copy -> canonical
    new: int = 0  # articles placed in this run (the others kept their stored story)
    open_until: dict[str, str] = field(default_factory=dict)  # story id -> last day it takes articles
    redirects: dict[str, str] = field(default_factory=dict)  # merged story id -> the story it joined
    inferred_dates: dict[str, str] = field(default_factory=dict)  # undated doc id -> date used
    term_df: Counter[str] = field(default_factory=Counter)  # word document frequencies of the new articles
    buckets: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # new doc id -> MinHash LSH buckets
    sizes: dict[str, int] = field(default_factory=dict)  # story id -> articles (``stories`` may list only new ones)
    summaries: dict[str, tuple[int, str, str | None, list[str]]] = field(default_factory=dict)  # see summaries.py


@dataclass(slots=True)
class Summarized:
    """Stored stories given to :func:`connect` as summaries (an incremental build on a store)."""

    vectorizer: Vectorizer  # fitted on the new articles, with the stored word frequencies added
    term_df: Counter[str]  # the new articles' word frequencies, to be stored
    states: list[StoryState]  # the candidate stories, from their summaries
    known: dict[str, str]  # stored articles new ones may copy -> their story
    first_rank: int  # creation rank of the first new story


def params_from(settings: Settings | None) -> tuple[StoryParams, DuplicateParams]:
    """Parameters, with any ``[stories]`` / ``[duplicates]`` settings laid over the defaults."""
    def load(cls: type, section: str):  # type: ignore[no-untyped-def]
        if settings is None:
            return cls()
        given = {f.name: settings.get(f"{section}.{f.name}", None) for f in fields(cls)}
        return cls(**{k: type(getattr(cls(), k))(v) for k, v in given.items() if v is not None})
    return load(StoryParams, "stories"), load(DuplicateParams, "duplicates")


def connect(items: Iterable[Item], story_params: StoryParams | None = None,
            duplicate_params: DuplicateParams | None = None, *,
            stored: dict[str, Scored] | None = None, stored_duplicates: dict[str, Scored] | None = None,
            term_stats: TermStats | None = None, copy_sources: Iterable[tuple[str, str, str]] = (),
            progress: Progress | None = None, summarized: Summarized | None = None) -> Connections:
    """Duplicate groups and stories for ``items``, processed in their ``order``.

    ``stored``/``stored_duplicates`` are earlier decisions, doc id -> (story id, score) and
    (canonical id, similarity): those articles keep them and shape the stories that new articles
    join, so story ids stay stable. ``term_stats`` looks up stored document frequencies (of the
    articles counted before, the ``stored`` ones among them) for words: IDF is then judged over
    the whole store, and a build over a week's articles weighs words as one pass over all would.
    Without it, IDF is fitted on ``items``. ``copy_sources`` are stored articles outside
    ``items`` that new ones may copy, (doc id, text, canonical id), found through their stored
    MinHash buckets. ``summarized`` gives stored stories as summaries instead of members (see
    :class:`Summarized`); only the stories this run changes are then returned.
    """
    sp = story_params or StoryParams()
    items = sorted(items, key=lambda i: (i.order, i.id))
    stored = stored or {}
    stored_duplicates = stored_duplicates or {}
    out = Connections()
    if summarized is not None:
        vectorizer, out.term_df = summarized.vectorizer, Counter(summarized.term_df)
    else:
        vectorizer = _vectorizer(items, sp, stored, term_stats, out)
    clusterer = StoryClusterer(vectorizer, sp, summarized.first_rank if summarized else 0)
    if summarized is not None:
        for state in summarized.states:
            clusterer.load(state)
        clusterer.known.update(summarized.known)
    dups = DuplicateIndex(duplicate_params)
    for doc_id, text, canonical in copy_sources:
        dups.add(doc_id, text, canonical=canonical)
    if progress:
        progress("total", len(items))
    for item in items:
        _place(item, clusterer, dups, stored, stored_duplicates, out)
        if progress:
            progress("advance", 1)
    out.redirects = clusterer.merge_similar()
    loaded = {s.id for s in summarized.states} if summarized else set()
    _collect(clusterer, out, loaded, sp)
    return out


def _place(item: Item, clusterer: StoryClusterer, dups: DuplicateIndex, stored: dict[str, Scored],
           stored_duplicates: dict[str, Scored], out: Connections) -> None:
    """Put one article in its duplicate group and story (a stored one keeps its decisions)."""
    if item.published_inferred and item.published:
        out.inferred_dates[item.id] = item.published
    known = stored.get(item.id)
    if known is not None:
        canonical = stored_duplicates.get(item.id, (item.id, None))[0]
        dups.add(item.id, item.body, canonical=canonical)
        clusterer.add(item, story=known[0])
        if known[1] is not None:
            clusterer.scores[item.id] = known[1]
    else:
        canonical = dups.add(item.id, item.body)
        clusterer.add(item, follow=canonical if canonical != item.id else None)
        out.new += 1
        out.buckets[item.id] = dups.buckets.get(item.id, [])
    if canonical != item.id:
        out.duplicates[item.id] = (canonical, stored_duplicates.get(item.id, (None, None))[1]
                                   if known is not None else dups.similarity.get(item.id))


def _collect(clusterer: StoryClusterer, out: Connections, loaded: set[str], sp: StoryParams) -> None:
    """The stories to write, with their windows and summaries: every story, except stored ones
    given as summaries that this run left unchanged."""
    for state in sorted(clusterer.stories.values(), key=lambda s: s.rank):
        if state.id in loaded and state.id not in clusterer.changed:
            continue
        central = clusterer.central(state)
        out.stories.append(Story(id=state.id, title=central[2] or "(untitled)", document_ids=list(state.members),
                                 first_seen=state.first_seen, last_seen=state.last_seen))
        out.sizes[state.id] = state.size()
        until = clusterer.open_until(state)
        day = date.fromordinal(until).isoformat() if until is not None else None
        if day is not None:
            out.open_until[state.id] = day
        out.summaries[state.id] = (state.rank, to_summary(state, central, sp.summary_terms), day,
                                   index_terms(state, sp.index_terms))
    out.assignment = dict(clusterer.assignment)
    out.scores = dict(clusterer.scores)


def _vectorizer(items: list[Item], sp: StoryParams, stored: dict[str, Scored], term_stats: TermStats | None,
                out: Connections | None = None) -> Vectorizer:
    """TF-IDF fitted on ``items``, or on the new ones with the stored frequencies added (the new
    articles' frequencies go to ``out.term_df``, to be stored)."""
    vectorizer = Vectorizer(sp.title_weight, sp.name_boost, sp.lead_weight, sp.body_weight, sp.number_weight)
    if term_stats is None:
        return vectorizer.fit(items)
    vectorizer.fit(i for i in items if i.id not in stored)
    if out is not None:
        out.term_df = Counter(vectorizer.df)
    return vectorizer.add_stats(*term_stats(vectorizer.vocabulary(items)))


def connect_articles(articles: Iterable[Article], settings: Settings | None = None) -> Connections:
    """Stories and duplicate groups for articles in memory (the library entry point)."""
    sp, dp = params_from(settings)
    items = [item_from_article(a, sp.lead_chars) for a in articles]
    embedder = default_embedder(sp)
    if embedder is not None:
        embedder(items)
    return connect(items, sp, dp)


def default_embedder(sp: StoryParams) -> Embedder | None:
    """Sentence embeddings when the embedding signal weighs something (the model loads once)."""
    if not sp.embedding_weight:
        return None
    from .embeddings import embed_items  # torch loads only when embeddings are on

    return embed_items


def build_stories(store, settings: Settings | None = None, *, rebuild: bool = False,  # type: ignore[no-untyped-def]
                  progress: Progress | None = None,
                  params: tuple[StoryParams, DuplicateParams] | None = None,
                  embedder: Embedder | None = None) -> Connections:
    """Connect the articles of ``store`` and save the result (``embedder``: sentence embeddings
    for the articles read, when the embedding signal is on).

    Incremental by default: articles already placed keep their story and canonical copy; new ones
    join them or start stories. Stored stories are read as summaries (centroid, size, span, see
    ``summaries.py``), and only the candidates: stories open on the new articles' days that share
    one of their heaviest words with a new article, found through the ``story_terms`` index. The
    cost follows the new articles and their candidates, not the size of the store or the number
    of open stories. Stories stored without a summary (before summaries were kept) are read once
    with their members and summarized. ``rebuild`` (or an empty story table) reads everything and
    forgets stored decisions.
    """
    sp, dp = params or params_from(settings)
    embedder = embedder or default_embedder(sp)
    fresh = rebuild or not store.story_stats()["stories"]
    new_ids = store.article_ids_since() if fresh else store.unplaced_ids()
    # Undated articles get a day from their URL or text first (flagged, see Connections).
    items = [item_from_row(r, sp.lead_chars) for r in store.connect_rows(new_ids)]
    if embedder is not None:
        embedder(items)
    if fresh:
        result = connect(items, sp, dp, term_stats=lambda _: ({}, 0), progress=progress)
        store.replace_stories(result.stories, result.scores, result.duplicates, open_until=result.open_until)
    elif not items:
        return Connections()
    else:
        result = _incremental(store, items, sp, dp, progress, embedder)
        store.update_stories(result.stories, result.sizes, result.scores, result.duplicates,
                             result.open_until, result.redirects)
    log.info("connect: %d new article(s) -> %d stories written, %d copies, %d merged", len(new_ids),
             len(result.stories), len(result.duplicates), len(result.redirects))
    store.save_story_summaries(result.summaries, reset=fresh)
    store.add_term_stats(result.term_df, result.new, reset=fresh)
    store.add_minhash_bands(result.buckets, reset=fresh)
    return result


def _incremental(store, items: list[Item], sp: StoryParams, dp: DuplicateParams,  # type: ignore[no-untyped-def]
                 progress: Progress | None, embedder: Embedder | None = None) -> Connections:
    """Place new ``items`` against the stored stories they may join (see :func:`build_stories`)."""
    new = {i.id for i in items}
    day = _first_day([i.published for i in items])
    legacy = store.story_members(store.unsummarized_story_ids(day))
    old = [item_from_row(r, sp.lead_chars) for r in store.connect_rows(sorted(set(legacy) - new))]
    if embedder is not None and old:
        embedder(old)
    items += old
    vectorizer = Vectorizer(sp.title_weight, sp.name_boost, sp.lead_weight, sp.body_weight, sp.number_weight)
    term_df = Counter(vectorizer.fit(i for i in items if i.id not in legacy).df)
    vectorizer.add_stats(*store.term_stats(vectorizer.vocabulary(items)))
    words = {t for i in items if i.id in new for t in vectorizer.top_terms(i, sp.candidate_terms)}
    copies = _copy_sources(store, items, new, dp)
    known = store.stories_of(canonical for _, _, canonical in copies)
    wanted = (set(store.story_candidates(words, day)) | set(known.values())) - set(legacy.values())
    states = [from_summary(sid, rank, text) for sid, (rank, text) in sorted(store.story_summaries(wanted).items())]
    summarized = Summarized(vectorizer, term_df, states, known, store.next_story_rank())
    return connect(items, sp, dp, stored=legacy, stored_duplicates=store.duplicate_map(sorted(legacy)),
                   copy_sources=copies, progress=progress, summarized=summarized)


def summarize_stories(store, settings: Settings | None = None, *, day: str | None = None,  # type: ignore[no-untyped-def]
                      params: tuple[StoryParams, DuplicateParams] | None = None) -> int:
    """Summaries for the stored stories open on ``day`` (all when None) that have none, read once
    from their members; returns how many were written. ``stories build`` does this itself for the
    stories it needs; this does it ahead (after a bulk load of placed stories, or an upgrade)."""
    sp, dp = params or params_from(settings)
    legacy = store.story_members(store.unsummarized_story_ids(day))
    if not legacy:
        return 0
    items = [item_from_row(r, sp.lead_chars) for r in store.connect_rows(sorted(legacy))]
    embedder = default_embedder(sp)
    if embedder is not None:
        embedder(items)
    result = connect(items, sp, dp, stored=legacy, stored_duplicates=store.duplicate_map(sorted(legacy)),
                     term_stats=store.term_stats)
    store.save_story_summaries(result.summaries)
    return len(result.summaries)


def _copy_sources(store, items: list[Item], new: set[str], dp: DuplicateParams) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """Stored articles outside ``items`` that share a MinHash bucket with a new one: (doc id,
    text, canonical id). Only these are read, through the index, not every stored signature."""
    index = DuplicateIndex(dp)
    loaded = {i.id for i in items}
    buckets = [b for i in items if i.id in new for b in index.buckets_of(i.body)]
    wanted = [d for d in store.copy_candidates(buckets) if d not in loaded] if buckets else []
    canonical = store.duplicate_map(wanted)
    return [(r["doc_id"], r["text"] or "", canonical.get(r["doc_id"], (r["doc_id"], None))[0])
            for r in store.connect_rows(wanted)]


def _first_day(published: list[str | None]) -> str | None:
    """The day of the oldest new article; None when one has no readable date (then every
    stored story is read again)."""
    days = [day_number(utc_instant(p)) for p in published]
    if not days:
        return "9999-12-31"
    if any(d is None for d in days):
        return None
    # One day earlier: stored dates keep their own UTC offsets.
    return date.fromordinal(min(d for d in days if d is not None) - 1).isoformat()
