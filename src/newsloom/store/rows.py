"""Records <-> table rows, once for every backend: an Article becomes the rows of its facts, and
stored rows become Documents, DocumentRecords and Articles again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model import Actor, Article, Document, DocumentRecord, utcnow
from .dialect import loads

# Article fields kept in the ``meta`` JSON column (the others have columns of their own).
ARTICLE_META = ("modified", "description", "section", "tags", "image", "reading_time", "extraction")
# Every table holding what was found in a document, deleted before its facts are written again.
FACT_TABLES = ("mentions", "doc_actors", "dates", "quotes", "events", "articles")

Json = Callable[[Any], Any]  # the backend's JSON column value
# Where a quote row holds speaker_id, text, date and negated: what its statement's key depends on
# (the key itself, ``group_key``, is appended at write time by ``statement_queries.relay_key``).
QUOTE_KEY_FIELDS = (9, 1, 13, 17)


@dataclass(slots=True)
class ArticleRows:
    """The rows one article writes, table by table, in the column order of ``writes.INSERTS``."""

    article: tuple
    actors: list[tuple] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)
    dates: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    doc_actors: list[tuple] = field(default_factory=list)


def public_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Metadata worth storing: keys starting with ``_`` are the runner's bookkeeping."""
    return {k: v for k, v in meta.items() if not k.startswith("_")}


def document_row(doc: Document, error: str | None, json: Json) -> tuple:
    return (doc.id, doc.content_hash, doc.source, doc.media_type or "", bytes(doc.raw),
            int(doc.meta.get("_size", len(doc.raw))), json(public_meta(doc.meta)),
            doc.fetched_at, "failed" if error else "done", error, utcnow())


def _collect(actors: dict[str, Actor], actor: Actor | None) -> None:
    """Gather an article's actors once each, merged like successive upserts would merge them."""
    if actor is None:
        return
    seen = actors.get(actor.id)
    if seen is not None:
        actor = Actor(actor.id, actor.name, actor.type, actor.wikidata or seen.wikidata,
                      actor.country or seen.country)
    actors[actor.id] = actor


def _quote_row(doc_id: str, q: Any, published: str | None) -> tuple:
    speaker_actor = q.speaker.actor if q.speaker else None
    return (doc_id, q.text, q.start, q.end, q.kind, q.cue,
            q.speaker.text if q.speaker else None, q.speaker.start if q.speaker else None,
            q.speaker.end if q.speaker else None, speaker_actor.id if speaker_actor else None,
            q.speaks_for.id if q.speaks_for else None, q.role, q.via.id if q.via else None,
            q.date or published, q.venue, q.sentence_start, q.sentence_end, int(bool(q.negated)),
            *_referent(q.speaker))


def _referent(speaker: Any) -> tuple[str | None, int | None, int | None]:
    """The words a speaker's mention stands for, as the three ``speaker_ref_*`` columns."""
    ref = speaker.refers_to if speaker is not None else None
    return (ref.text, ref.start, ref.end) if ref is not None else (None, None, None)


def article_rows(doc_id: str, a: Article, json: Json) -> ArticleRows:
    """Every row ``a`` writes. Actors come in id order, so concurrent writers lock shared actor
    rows in the same order."""
    meta = {k: getattr(a, k) for k in ARTICLE_META if getattr(a, k)}
    facts = {k: v for k, v in a.as_dict().items() if k in ("entities", "dates", "quotes", "events")}
    out = ArticleRows(article=(doc_id, a.title, json(a.authors), a.published, a.outlet, a.url, a.language,
                               a.text, json([p.as_dict() for p in a.paragraphs]), json(meta),
                               json(facts) if facts else None, utcnow()))
    actors: dict[str, Actor] = {}
    counts: dict[str, list[int]] = {}
    for ent in a.entities or []:
        _collect(actors, ent.actor)
        for m in ent.mentions:
            _collect(actors, m.affiliation)
            out.mentions.append((doc_id, ent.actor.id, m.text, m.start, m.end, m.label, m.role,
                                 m.affiliation.id if m.affiliation else None))
        counts.setdefault(ent.actor.id, [0, 0])[0] += len(ent.mentions)
    out.dates = [(doc_id, d.text, d.start, d.end, d.resolved) for d in a.dates or []]
    for q in a.quotes or []:
        speaker_actor = q.speaker.actor if q.speaker else None
        for actor in (speaker_actor, q.speaks_for, q.via):
            _collect(actors, actor)
        if speaker_actor:
            counts.setdefault(speaker_actor.id, [0, 0])[1] += 1
        out.quotes.append(_quote_row(doc_id, q, a.published))
    for e in a.events or []:
        for actor in (e.source, e.location, *e.targets):
            _collect(actors, actor)
    out.actors = [(x.id, x.name, x.type, x.wikidata, x.country) for _, x in sorted(actors.items())]
    out.doc_actors = [(doc_id, actor_id, n_m, n_q) for actor_id, (n_m, n_q) in counts.items()]
    return out


def record_from_row(row: dict[str, Any]) -> DocumentRecord:
    return DocumentRecord(id=row["id"], source=row["source"], media_type=row["media_type"],
                          content_hash=row["content_hash"], fetched_at=row["fetched_at"],
                          status=row["status"], error=row["error"], meta=dict(loads(row["meta"]) or {}))


def document_from_row(row: dict[str, Any]) -> Document:
    """The stored raw input; ``meta["_size"]`` keeps its size when the bytes were not kept."""
    meta = dict(loads(row["meta"]) or {})
    meta["_size"] = row["size"]
    return Document(raw=bytes(row["raw"] or b""), source=row["source"], media_type=row["media_type"],
                    content_hash=row["content_hash"], fetched_at=row["fetched_at"], meta=meta)


def article_from_row(row: dict[str, Any]) -> Article:
    """An ``articles`` row joined with its document's ``source``."""
    d: dict[str, Any] = {
        "source": row["source"], "document_id": row["doc_id"], "title": row["title"],
        "authors": loads(row["authors"]), "published": row["published"], "outlet": row["outlet"],
        "url": row["url"], "language": row["language"], "text": row["text"],
        "paragraphs": loads(row["paragraphs"]),
    }
    d.update(loads(row["meta"]) or {})
    if row["facts"]:
        d.update(loads(row["facts"]))
    return Article.from_dict(d)
