"""Stories: online clustering of articles about one development.

Articles arrive in publication order. Each is compared with the open stories and joins the best
one whose score reaches ``threshold``, or starts a new story. The score is

    score = text + Σ_s  w_s · (signal_s − ½)          over the signals s both sides have

``text`` is the cosine between the article's TF-IDF vector (title and lead, names weighted up)
and the story's centroid. Each other signal lies in [0, 1] and moves the score by at most ±w/2:
agreement helps, disagreement hurts, a missing signal (no actors linked, no dates) changes
nothing. Signals:

- ``actors``: cosine between the article's linked actors and the story's actor counts;
- ``time``: exp(−Δ/τ) with Δ the days between the article's publication and the story's span;
  a story last seen more than ``window_days`` before the article is closed (no candidate);
- ``text_dates``: exp(−Δ/τ_text) with Δ the smallest distance in days between dates resolved in
  the article's text and those of the story (two earthquakes years apart, two votes weeks apart);
- ``embedding``: w · max(0, cos − centre) between the sentence embedding of the article's title and
  lead and the story's, only when both are dated (see :meth:`StoryClusterer.score`).

The text vector counts the body at half the lead's weight, and figures as words: the body
and its numbers carry the names and counts that tell two events of one kind apart (ECB+: body
weight 0.5 → 1.0 took BCubed F1 0.892 → 0.906, figures ×3 to 0.913; the Giveme5W1H stream held).

Deterministic: fixed order, ties broken by story creation order, ids derived from the seed
article's id. ``threshold`` and the text weights (title ×2, names ×2, lead of 600 characters) and
the actor and text-date weights were chosen on the ECB+ development set (``benchmarks/clustering.py
--sweep``; scores are flat within ±0.01 around them). ECB+ has no publication dates, so the time
signal's weight, τ and the windows were set on the Giveme5W1H development stream (replayed week by
week; ``benchmarks/clustering.py --halves`` checks them on each half of its stories): τ = 10 days,
a window of 60 days after a story's last article, longer by 60 days per doubling of its articles
(a story many outlets covered draws follow-ups months later), capped at 400.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from dataclasses import dataclass, field

from .features import Item, Vectorizer, day_number


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Scoring weights and thresholds (see the module docstring)."""

    threshold: float = 0.25
    actor_weight: float = 0.10
    time_weight: float = 0.20
    text_date_weight: float = 0.20
    embedding_weight: float = 0.6  # sentence embeddings of title and lead: evidence for, never against...
    embedding_center: float = 0.4  # ...above this cosine, and only between dated articles and stories
    time_tau: float = 10.0  # days: the decay of a story with no pace yet (one article, or one day)
    pace: float = 2.0  # a story's decay is this many times its mean gap between articles, when longer
    text_date_tau: float = 30.0  # days
    window_days: int = 60  # a story stays open this long after its last article at least...
    window_growth: float = 1.0  # ...longer by this share of window_days per doubling of its articles...
    window_pace: float = 6.0  # ...or this many mean gaps between its articles...
    max_window_days: int = 400  # ...but never longer
    candidate_terms: int = 30  # an article is compared with stories sharing one of its top terms
    lead_chars: int = 600
    title_weight: float = 3.0
    lead_weight: float = 2.0
    body_weight: float = 1.0
    name_boost: float = 2.0
    number_weight: float = 3.0  # figures (23 pirates, not 26; 4.4 magnitude, not 4.6): one event, not its kind
    merge_threshold: float = 0.6  # stories whose centroids come this close become one (chosen on ECB+)
    index_terms: int = 40  # a stored story is found through this many of its heaviest words...
    summary_terms: int = 400  # ...and compared through this many (its stored centroid)


def story_id(seed_doc_id: str) -> str:
    """A story's stable id: derived from the article that started it."""
    return "st-" + hashlib.sha1(seed_doc_id.encode()).hexdigest()[:12]


@dataclass(slots=True)
class StoryState:
    """A story being built: its centroid and what the signals compare against."""

    id: str
    rank: int  # creation order, for deterministic ties
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    members: list[str] = field(default_factory=list)
    first_day: int | None = None
    last_day: int | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    dated: int = 0  # members with a publication day
    actors: Counter[str] = field(default_factory=Counter)
    text_days: set[int] = field(default_factory=set)
    embedding: list[float] | None = None  # sum of the members' embeddings
    earlier: int = 0  # members placed by earlier builds and not read again (a stored summary)
    central: tuple[float, str, str] | None = None  # (closeness, doc id, title) of the stored title's member

    def size(self) -> int:
        return self.earlier + len(self.members)

    def mean_gap(self) -> float:
        """Mean days between the story's articles: its own pace (0 until two days are known)."""
        if self.first_day is None or self.last_day is None or self.dated < 2:
            return 0.0
        return (self.last_day - self.first_day) / (self.dated - 1)


class StoryClusterer:
    """Single-pass clustering over a time window; call :meth:`add` in publication order."""

    def __init__(self, vectorizer: Vectorizer, params: StoryParams | None = None, first_rank: int = 0) -> None:
        self.params = params or StoryParams()
        self.vectorizer = vectorizer
        self.stories: dict[str, StoryState] = {}
        self.assignment: dict[str, str] = {}
        self.scores: dict[str, float] = {}
        self.vectors: dict[str, dict[str, float]] = {}
        self.titles: dict[str, str] = {}
        self._postings: dict[str, set[str]] = {}
        self._open: set[str] = set()
        self._by_last_day: list[tuple[int, str]] = []  # heap of (day a story closes, story id)
        self.touched: set[str] = set()  # stories given an article in this run (not replayed)
        self.changed: set[str] = set()  # stories given an article in this run, copies included
        self.known: dict[str, str] = {}  # stored articles outside this run -> their story (copies follow them)
        self._next_rank = first_rank

    # -- scoring -------------------------------------------------------------------------------
    def _actor_signal(self, item: Item, story: StoryState) -> float | None:
        if not item.actors or not story.actors:
            return None
        a = set(item.actors)
        dot = sum(story.actors[x] for x in a)
        norm = math.sqrt(len(a)) * math.sqrt(sum(v * v for v in story.actors.values()))
        return dot / norm if norm else None

    def _embedding_signal(self, item: Item, story: StoryState) -> float | None:
        if not self.params.embedding_weight or item.embedding is None or story.embedding is None:
            return None
        norm = math.sqrt(sum(v * v for v in story.embedding))
        return sum(a * b for a, b in zip(item.embedding, story.embedding, strict=True)) / norm if norm else None

    def _time_signal(self, day: int | None, story: StoryState) -> float | None:
        if day is None or story.first_day is None or story.last_day is None:
            return None
        gap = max(0, story.first_day - day, day - story.last_day)
        # Relative to the story's own pace: a week of silence ends a breaking story but not one
        # that gets an article a month.
        tau = max(self.params.time_tau, self.params.pace * story.mean_gap())
        return math.exp(-gap / tau)

    def open_until(self, story: StoryState) -> int | None:
        """The last day an article may still join ``story`` (None: no date known)."""
        if story.last_day is None:
            return None
        p = self.params
        # A story many outlets covered draws follow-ups months later; a lone report rarely does.
        base = p.window_days * (1 + p.window_growth * math.log2(max(1, story.size())))
        return story.last_day + int(min(p.max_window_days, max(base, p.window_pace * story.mean_gap())))

    def _text_date_signal(self, days: set[int], story: StoryState) -> float | None:
        if not days or not story.text_days:
            return None
        gap = min(abs(a - b) for a in days for b in story.text_days)
        return math.exp(-gap / self.params.text_date_tau)

    def score(self, item: Item, vec: dict[str, float], story: StoryState, dot: float,
              day: int | None, days: set[int]) -> float | None:
        """The score of ``item`` against ``story`` (None when the story is closed to it)."""
        p = self.params
        until = self.open_until(story)
        if day is not None and until is not None and day > until:
            return None
        total = dot / math.sqrt(story.norm2) if story.norm2 else 0.0
        near = self._time_signal(day, story)
        for weight, signal in ((p.actor_weight, self._actor_signal(item, story)), (p.time_weight, near),
                               (p.text_date_weight, self._text_date_signal(days, story))):
            if signal is not None:
                total += weight * (signal - 0.5)
        embedded = self._embedding_signal(item, story)
        # Embeddings group by kind of event (two earthquakes, two DUI arrests read alike), so they
        # only vouch for articles the time signal places near a story; an undated pair has no
        # such check and gets no embedding signal. Only for: a follow-up on another facet of a
        # story (the suspect's past after the shooting) reads unlike it and must not be pushed out.
        if embedded is not None and near is not None:
            total += p.embedding_weight * max(0.0, embedded - p.embedding_center)
        return total

    # -- building ------------------------------------------------------------------------------
    def add(self, item: Item, story: str | None = None, follow: str | None = None) -> str:
        """Place ``item`` and return its story id. ``story`` replays a stored decision; ``follow``
        puts the item with an article already placed (a duplicate with its canonical copy)."""
        vec = self.vectorizer.transform(item)
        self.vectors[item.id] = vec
        self.titles[item.id] = item.title
        day = day_number(item.published)
        days = {d for d in map(day_number, item.text_dates) if d is not None}
        if day is not None:
            self._close_before(day)
        replayed = story is not None
        if story is None and follow is not None:
            story = self.assignment.get(follow) or self.known.get(follow)
        score = 1.0
        decided = story is None
        if story is None:
            # Candidates share one of the article's most telling words; a story sharing only
            # common words could not reach the threshold, and its postings would be every story.
            top = sorted(vec, key=lambda t: (-vec[t], t))[: self.params.candidate_terms]  # as Vectorizer.top_terms
            candidates = set().union(*(self._postings.get(t, ()) for t in top)) if top else set()
            best: tuple[float, int, str] | None = None
            for sid in candidates:
                centroid = self.stories[sid].centroid
                dot = sum(w * centroid.get(t, 0.0) for t, w in vec.items())
                s = self.score(item, vec, self.stories[sid], dot, day, days)
                if s is None or s < self.params.threshold:
                    continue
                key = (s, -self.stories[sid].rank, sid)
                if best is None or key > best:
                    best = key
            if best is not None:
                score, story = best[0], best[2]
        if story is None:
            story = story_id(item.id)
        state = self.stories.get(story)
        if state is None:
            state = self.stories[story] = StoryState(id=story, rank=self._next_rank)
            self._next_rank += 1
            self._open.add(story)
        self._join(state, item, vec, day, days)
        if decided:
            self.touched.add(story)
        if not replayed:
            self.changed.add(story)
        self.assignment[item.id] = story
        self.scores[item.id] = round(score, 4)
        return story

    def load(self, state: StoryState) -> None:
        """Take a stored story as its summary left it (no members read): open, and found by its
        heaviest words, as the store's index found it (see ``index_terms``)."""
        self.stories[state.id] = state
        self._open.add(state.id)
        for term in heaviest_terms(state.centroid, self.params.index_terms):
            self._postings.setdefault(term, set()).add(state.id)
        until = self.open_until(state)
        if until is not None:
            heapq.heappush(self._by_last_day, (until, state.id))

    def _join(self, state: StoryState, item: Item, vec: dict[str, float], day: int | None,
              days: set[int]) -> None:
        dot = sum(w * state.centroid.get(t, 0.0) for t, w in vec.items())
        state.norm2 += 2 * dot + sum(w * w for w in vec.values())
        for term, weight in vec.items():
            state.centroid[term] = state.centroid.get(term, 0.0) + weight
            if state.id in self._open:
                self._postings.setdefault(term, set()).add(state.id)
        state.members.append(item.id)
        if item.embedding is not None:
            state.embedding = add_vectors(state.embedding, item.embedding)
        state.actors.update(set(item.actors))
        state.text_days.update(days)
        if day is not None:
            state.dated += 1
            state.first_day = day if state.first_day is None else min(state.first_day, day)
            state.last_day = day if state.last_day is None else max(state.last_day, day)
            heapq.heappush(self._by_last_day, (self.open_until(state) or day, state.id))
        if item.published:
            state.first_seen = min(filter(None, (state.first_seen, item.published)))
            state.last_seen = max(filter(None, (state.last_seen, item.published)))

    def _close_before(self, day: int) -> None:
        """Stop comparing with stories whose window closed before ``day``."""
        while self._by_last_day and self._by_last_day[0][0] < day:
            until, sid = heapq.heappop(self._by_last_day)
            state = self.stories.get(sid)
            if state is None or sid not in self._open:
                continue
            if self.open_until(state) != until:
                continue  # seen again since: a newer heap entry stands for it
            self._open.discard(sid)
            for term in state.centroid:
                postings = self._postings.get(term)
                if postings is not None:
                    postings.discard(sid)
                    if not postings:
                        del self._postings[term]

    # -- merging -------------------------------------------------------------------------------
    def merge_similar(self) -> dict[str, str]:
        """Merge stories that later articles show to be one: a story given articles in this run
        whose centroid comes within ``merge_threshold`` (cosine) of another story's, their
        spans overlapping or within the windows. The older story keeps its id, the other
        redirects to it; returns old id -> surviving id."""
        redirects: dict[str, str] = {}
        # Merging two stories never asks less than adding one article to a story.
        bar = max(self.params.merge_threshold, self.params.threshold)
        for sid in sorted(self.touched, key=lambda x: self.stories[x].rank if x in self.stories else -1):
            state = self.stories.get(sid)
            if state is None or not state.norm2:
                continue
            # Candidates as for an article: open stories sharing one of its heaviest words.
            near = set().union(*(self._postings.get(t, ()) for t in heaviest_terms(state.centroid,
                                                                                  self.params.index_terms)))
            for other in sorted((self.stories[o] for o in near if o in self.stories), key=lambda s: s.rank):
                if other.id == sid or not other.norm2 or not self._compatible(state, other):
                    continue
                cos = (sum(w * other.centroid.get(t, 0.0) for t, w in state.centroid.items())
                       / math.sqrt(state.norm2 * other.norm2))
                if cos >= bar:
                    keep, gone = (other, state) if other.rank < state.rank else (state, other)
                    self._absorb(keep, gone)
                    redirects |= {old: keep.id for old, new in redirects.items() if new == gone.id}
                    redirects[gone.id] = keep.id
                    break
        return redirects

    def _compatible(self, a: StoryState, b: StoryState) -> bool:
        if a.first_day is None or b.first_day is None:
            return True
        ua, ub = self.open_until(a), self.open_until(b)
        return (ua is None or b.first_day <= ua) and (ub is None or a.first_day <= ub)

    def _absorb(self, keep: StoryState, gone: StoryState) -> None:
        dot = sum(w * keep.centroid.get(t, 0.0) for t, w in gone.centroid.items())
        keep.norm2 += gone.norm2 + 2 * dot
        for term, weight in gone.centroid.items():
            keep.centroid[term] = keep.centroid.get(term, 0.0) + weight
        keep.members += gone.members
        keep.earlier += gone.earlier
        if gone.embedding is not None:
            keep.embedding = add_vectors(keep.embedding, gone.embedding)
        keep.central = max(filter(None, (keep.central, gone.central)), default=None)
        for d in gone.members:
            self.assignment[d] = keep.id
        keep.actors.update(gone.actors)
        keep.text_days |= gone.text_days
        keep.dated += gone.dated
        for attr, pick in (("first_day", min), ("last_day", max), ("first_seen", min), ("last_seen", max)):
            values = [v for v in (getattr(keep, attr), getattr(gone, attr)) if v is not None]
            setattr(keep, attr, pick(values) if values else None)
        self.touched.add(keep.id)
        self.changed.add(keep.id)
        del self.stories[gone.id]
        self._open.discard(gone.id)

    # -- results -------------------------------------------------------------------------------
    def central(self, state: StoryState) -> tuple[float, str, str]:
        """(closeness, doc id, title) of the member closest to the story's centroid (cosine; the
        earliest on ties). A stored story's earlier members are not read: the one its title came
        from competes with the closeness it had then."""
        norm = math.sqrt(state.norm2) or 1.0
        best: tuple[float, int, str] | None = None
        for i, doc_id in enumerate(state.members):
            vec = self.vectors[doc_id]
            key = (round(sum(w * state.centroid.get(t, 0.0) for t, w in vec.items()) / norm, 9), -i, doc_id)
            best = key if best is None or key > best else best
        if best is None or (state.central is not None and state.central[0] >= best[0]):
            return state.central or (0.0, "", "")
        return best[0], best[2], self.titles.get(best[2]) or ""

    def central_member(self, state: StoryState) -> str:
        return self.central(state)[1]

    def title(self, state: StoryState) -> str:
        return self.central(state)[2] or "(untitled)"


def add_vectors(total: list[float] | None, vec: tuple[float, ...] | list[float]) -> list[float]:
    """``total + vec`` (``vec`` when there is no total yet)."""
    return list(vec) if total is None else [a + b for a, b in zip(total, vec, strict=True)]


def heaviest_terms(centroid: dict[str, float], n: int) -> list[str]:
    """The ``n`` heaviest words of a centroid (ties by word: deterministic)."""
    return [t for t, _ in sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
