"""Build stories and duplicate groups over articles, in memory or for a whole store (incrementally)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields

from ..model import Article, Story
from ..settings import Settings
from .duplicates import DuplicateIndex, DuplicateParams
from .features import Item, Vectorizer, item_from_article
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
    """Connect every article of ``store`` and save the result. Articles already placed keep their
    story and canonical copy unless ``rebuild``; new ones join them or start new stories."""
    sp, dp = params_from(settings)
    items = [item_from_article(a, sp.lead_chars) for a in store.iter_articles()]
    stored = {} if rebuild else store.story_assignments()
    stored_dups = {} if rebuild else store.duplicate_map()
    result = connect(items, sp, dp, stored=stored, stored_duplicates=stored_dups, progress=progress)
    store.replace_stories(result.stories, result.scores, result.duplicates)
    return result
