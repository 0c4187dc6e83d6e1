"""Positions: an actor's stances (supports, opposes, calls for, offers, rejects) on propositions and
targets, read from its statements and from the events it is the source of, grouped into topics.

Every position cites its sentence: ``article text[start:end] == sentence``. Stance rules live in
data/lexicons/stances.yaml; topics are TF-IDF clusters (scikit-learn) of the propositions.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # the store sits above connect; only its interface is used here
    from ..store.base import Store

STANCES = ("supports", "opposes", "calls for", "offers", "rejects")


@dataclass(slots=True)
class Position:
    """One stance of ``actor`` on ``proposition`` (and ``target`` when the text names one)."""

    actor: dict[str, Any]
    stance: str
    proposition: str
    doc_id: str
    start: int  # the sentence: article text[start:end] == sentence
    end: int
    sentence: str
    via: str  # "quote" or "event"
    ref: int  # the quote's or event's id in the store
    date: str | None = None
    target: dict[str, Any] | None = None
    cue: str | None = None
    negated: bool = False
    topic: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# A pronoun subject and a modal before the verb that carries the stance ("it would oppose").
_LEAD = re.compile(r"^(?:(?:it|they|he|she|we|i)\s+)?(?:(?:to|would|will|should|must|could)\s+)?")


@cache
def lexicon() -> dict[str, Any]:
    """The stance rules, compiled once."""
    data = yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/stances.yaml").read_text("utf-8"))
    for key in ("cues", "content"):
        data[key] = [(re.compile(r["pattern"], re.I), r["stance"]) for r in data[key]]
    words = "|".join(re.escape(w) for w in data["negations"])
    data["negation_re"] = re.compile(rf"(?:\b(?:{words})\b|n't\b)", re.I)
    return data


def cue_stance(cue: str | None, content: str) -> str | None:
    """The stance a statement takes: from its reporting cue, else from its first words."""
    lex = lexicon()
    cue_text = re.sub(r"\s+", " ", (cue or "").strip())
    for rx, stance in lex["cues"]:
        if rx.match(cue_text):
            return stance
    lead = _LEAD.sub("", content.strip().lstrip("\"'“‘ ").lower())
    for rx, stance in lex["content"]:
        if rx.match(lead):
            return stance
    return None


def _negated(cue: str | None, content: str) -> bool:
    rx = lexicon()["negation_re"]
    return bool(rx.search(cue or "")) or bool(rx.match(content.strip()))


def _proposition(content: str, addressed: bool = False) -> str:
    """The proposition of a statement; with ``addressed`` (a call on someone) without the
    addressee: "Kyiv and Moscow to resume talks" -> "resume talks"."""
    text = " ".join(content.split()).strip(" \"'“”‘’.,;:")
    if addressed:
        m = re.match(r"^[^,.;]{1,80}?\bto\s+(?!the\b|a\b|an\b)(.+)$", text)
        if m:
            return m.group(1)
    return text


class _Texts:
    """Article texts and linked mentions, read once per document."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, Any] = {}

    def article(self, doc_id: str) -> Any:
        if doc_id not in self.cache:
            self.cache[doc_id] = self.store.article(doc_id)
        return self.cache[doc_id]

    def target_in(self, doc_id: str, start: int, end: int, exclude: set[str]) -> dict[str, Any] | None:
        """The first linked actor mentioned inside [start, end) that is not the speaker's side."""
        art = self.article(doc_id)
        found = sorted((m.start, ent.actor) for ent in (art.entities or []) if art for m in ent.mentions
                       if start <= m.start and m.end <= end and ent.actor.id not in exclude
                       and ent.actor.type in ("country", "organization", "person"))
        return found[0][1].as_dict() if found else None


def _quote_positions(store: Store, actor: dict[str, Any], texts: _Texts, limit: int) -> list[Position]:
    out: list[Position] = []
    seen: set[int] = set()
    for role in ("speaker", "speaks_for"):
        for q in _all_pages(lambda cursor, role=role: store.quotes(**{role: actor["id"]}, limit=200, cursor=cursor),
                            limit):
            if q["id"] in seen:
                continue
            seen.add(q["id"])
            stance = cue_stance(q.get("cue"), q["text"])
            art = texts.article(q["doc_id"])
            if stance is None or art is None:
                continue
            start, end = q.get("sentence_start"), q.get("sentence_end")
            if start is None or end is None:
                start, end = q["start"], q["end"]
            own = {actor["id"]} | {x["id"] for x in (q.get("speaks_for"), (q.get("speaker") or {}).get("actor")) if x}
            out.append(Position(
                actor=actor, stance=stance, proposition=_proposition(q["text"], stance == "calls for"), doc_id=q["doc_id"], start=start,
                end=end, sentence=art.text[start:end], via="quote", ref=q["id"],
                date=q.get("date") or (q.get("article") or {}).get("published"),
                target=texts.target_in(q["doc_id"], q["start"], q["end"], own), cue=q.get("cue"),
                negated=_negated(q.get("cue"), q["text"])))
    return out


def event_stance(event: dict[str, Any]) -> str | None:
    lex = lexicon()
    by_mode = lex["event_modes"].get(event["type"], {})
    return by_mode.get(event.get("mode") or "") or lex["events"].get(event["type"])


def _event_positions(store: Store, actor: dict[str, Any], limit: int) -> list[Position]:
    out = []
    for e in _all_pages(lambda cursor: store.events(source=actor["id"], limit=200, cursor=cursor), limit):
        stance = event_stance(e)
        if stance is None or e.get("hypothetical"):  # "could close its border" is no stance taken yet
            continue
        trigger = e.get("trigger")
        sentence = e["text"] or ""
        rest = sentence[trigger["end"] - e["start"]:] if trigger and trigger.get("end") is not None else sentence
        out.append(Position(
            actor=actor, stance=stance, proposition=_proposition(rest) or sentence.strip(), doc_id=e["doc_id"],
            start=e["start"], end=e["end"], sentence=sentence, via="event", ref=e["id"],
            date=e.get("date") or e["article"].get("published"), target=(e["targets"] or [None])[0],
            cue=trigger["text"] if trigger else None, negated=bool(e.get("negated"))))
    return out


def _all_pages(fetch: Any, limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while len(items) < limit:
        page = fetch(cursor)
        items += page.items
        if page.next is None:
            break
        cursor = page.next
    return items[:limit]


def group_topics(positions: list[Position], threshold: float = 0.3) -> dict[str, list[Position]]:
    """Propositions clustered by TF-IDF cosine similarity (average linkage, cut at ``threshold``).

    Similarity is over character n-grams within words, so "resume talks" and "the resumption of
    talks" meet; each topic is named by its heaviest word terms."""
    if not positions:
        return {}
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    docs = [p.proposition for p in positions]
    if len(docs) == 1:
        labels = [0]
    else:
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(docs)
        # Distances from the sparse vectors (n x n), never a dense n x vocabulary matrix.
        distances = np.clip(1 - cosine_similarity(chars), 0, None)
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=1 - threshold).fit_predict(distances)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    try:
        words = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
        matrix = words.fit_transform(docs)
    except ValueError:  # only stop words: topics keep their first proposition as name
        return _named(positions, list(groups.values()), None, None)
    return _named(positions, list(groups.values()), words, matrix)


def _named(positions: list[Position], groups: list[list[int]], vec: Any, matrix: Any) -> dict[str, list[Position]]:
    """Topics named by their three heaviest TF-IDF terms (or their first proposition)."""
    out: dict[str, list[Position]] = {}
    terms = vec.get_feature_names_out() if vec is not None else None
    for rows in groups:
        members = [positions[i] for i in rows]
        name = members[0].proposition[:60]
        if terms is not None:
            weights = matrix[rows].sum(axis=0).A1
            top = [str(terms[i]) for i in weights.argsort()[::-1][:3] if weights[i] > 0]
            name = " · ".join(top) or name
        while name in out:
            name += " ·"
        for p in members:
            p.topic = name
        out[name] = sorted(members, key=lambda p: (p.date is None, p.date or "", p.doc_id, p.start))
    return out


def gather(store: Store, actor: dict[str, Any], limit: int = 2000) -> list[Position]:
    """Every position of ``actor``: from its statements, then from its events that no statement
    already gives (an event coded from a quote repeats that quote)."""
    positions = _quote_positions(store, actor, _Texts(store), limit)
    quoted = {(p.doc_id, p.start, p.end) for p in positions}
    for p in _event_positions(store, actor, limit):
        if not any(d == p.doc_id and s < p.end and p.start < e for d, s, e in quoted):
            positions.append(p)
    return positions


def actor_positions(store: Store, actor_id: str, topic: str | None = None, threshold: float = 0.3,
                    limit: int = 2000) -> dict[str, Any] | None:
    """``{actor, topics: [{topic, positions}]}`` for ``actor_id`` (None if unknown); topics with
    their positions oldest first, the most discussed topic first. ``topic`` keeps the topics whose
    name or propositions contain those words."""
    found = store.find_actor(actor_id)
    if found is None:
        return None
    actor = found.as_dict()
    positions = gather(store, actor, limit)
    topics = group_topics(positions, threshold)
    items = [{"topic": name, "positions": [p.as_dict() for p in ps]} for name, ps in topics.items()]
    if topic:
        words = topic.lower().split()
        items = [t for t in items if all(w in (t["topic"] + " " + " ".join(
            p["proposition"] for p in t["positions"])).lower() for w in words)]
    items.sort(key=lambda t: (-len(t["positions"]), t["topic"]))
    return {"actor": actor, "topics": items}
