"""Build stories and duplicate groups over articles, in memory or for a whole store (incrementally)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date

from ..model import Article, Story
from ..settings import Settings
from .duplicates import DuplicateIndex, DuplicateParams
from .features import Item, Vectorizer, day_number, item_from_article, item_from_row, utc_instant
from .stories import StoryClusterer, StoryParams

Progress = Callable[[str, int], None]
Scored = tuple[str, float | None]  # an id and how strongly it was chosen


@dataclass(slots=True)
class Connections:
    """What connecting a set of articles found."""

    stories: list[Story] = field(default_factory=list)
    assignment: dict[str, str] = field(default_factory=dict)  # doc id -> story id
    scores: dict[str, float] = field(default_factory=dict)  # doc id -> fit to its story
    duplicates: dict[str, Scored] = field(default_factory=dict)  # copy -> canonical
    new: int = 0  # articles placed in this run (the others kept their stored story)


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
            progress: Progress | None = None) -> Connections:
    """Duplicate groups and stories for ``items``, processed in their ``order``.

    ``stored``/``stored_duplicates`` are earlier decisions, doc id -> (story id, score) and
    (canonical id, similarity): those articles keep them and shape the stories that new articles
    join, so story ids stay stable.
    """
    sp = story_params or StoryParams()
    items = sorted(items, key=lambda i: (i.order, i.id))
    stored = stored or {}
    stored_duplicates = stored_duplicates or {}
    vectorizer = Vectorizer(sp.title_weight, sp.name_boost).fit(items)
    clusterer = StoryClusterer(vectorizer, sp)
    dups = DuplicateIndex(duplicate_params)
    out = Connections()
    if progress:
        progress("total", len(items))
    for item in items:
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
        if canonical != item.id:
            out.duplicates[item.id] = (canonical, stored_duplicates.get(item.id, (None, None))[1]
                                       if known is not None else dups.similarity.get(item.id))
        if progress:
            progress("advance", 1)
    for state in sorted(clusterer.stories.values(), key=lambda s: s.rank):
        out.stories.append(Story(id=state.id, title=clusterer.title(state), document_ids=list(state.members),
                                 first_seen=state.first_seen, last_seen=state.last_seen))
    out.assignment = dict(clusterer.assignment)
    out.scores = dict(clusterer.scores)
    return out


def connect_articles(articles: Iterable[Article], settings: Settings | None = None) -> Connections:
    """Stories and duplicate groups for articles in memory (the library entry point)."""
    sp, dp = params_from(settings)
    return connect([item_from_article(a, sp.lead_chars) for a in articles], sp, dp)


def build_stories(store, settings: Settings | None = None, *, rebuild: bool = False,  # type: ignore[no-untyped-def]
                  progress: Progress | None = None) -> Connections:
    """Connect the articles of ``store`` and save the result.

    Incremental by default: articles already placed keep their story and canonical copy; new ones
    join them or start stories. Only the recent past is read again: stories last seen more than
    ``window_days`` before the oldest new article are closed to it anyway, so the articles
    published since then, with every member of their stories, are enough. New articles without a
    publication date, or ``rebuild``, read everything (``rebuild`` also forgets stored decisions).
    """
    sp, dp = params_from(settings)
    stored = {} if rebuild else store.story_assignments()
    stored_dups = {} if rebuild else store.duplicate_map()
    new_ids = store.article_ids_since() if rebuild or not stored else store.unplaced_ids()
    new_rows = store.connect_rows(new_ids)
    since = _replay_since([r["published"] for r in new_rows], sp.window_days)
    if rebuild or not stored:
        replay_ids: set[str] = set()
    elif since is None:
        replay_ids = set(stored)
    else:
        recent = {d for d in store.article_ids_since(since) if d in stored}
        touched = {stored[d][0] for d in recent}
        replay_ids = recent | {d for d, (sid, _) in stored.items() if sid in touched}
    rows = new_rows + store.connect_rows(sorted(replay_ids - set(new_ids)))
    items = [item_from_row(r, sp.lead_chars) for r in rows]
    result = connect(items, sp, dp, stored={d: stored[d] for d in replay_ids if d in stored},
                     stored_duplicates=stored_dups, progress=progress)
    if rebuild or not stored:
        store.replace_stories(result.stories, result.scores, result.duplicates)
    else:
        store.save_stories(result.stories, result.scores, result.duplicates)
    return result


def _replay_since(published: list[str | None], window_days: int) -> str | None:
    """The first day worth reading again for new articles published on ``published``; None when
    one of them has no readable date (then everything is read)."""
    days = [day_number(utc_instant(p)) for p in published]
    if not days:
        return "9999-12-31"
    if any(d is None for d in days):
        return None
    # One day more than the window: stored dates keep their own UTC offsets.
    first = min(d for d in days if d is not None) - window_days - 1
    return date.fromordinal(first).isoformat()
