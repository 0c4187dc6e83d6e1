"""The users' corrections applied to one document's links: merged actors point to the one they
were merged into; a name unlinked from an actor keeps a document-local actor of its own."""

from __future__ import annotations

from ..model import Actor
from .kb import KnowledgeBase, fold_words, slug
from .types import LinkedMention


def corrected(kb: KnowledgeBase, mentions: list[LinkedMention]) -> list[LinkedMention]:
    for m in mentions:
        for actor_field in ("actor", "affiliation"):
            actor = getattr(m, actor_field)
            if actor is not None:
                setattr(m, actor_field, _redirect(kb, actor))
        if (fold_words(m.text), m.actor.id) in kb.unlinked:
            kind = {"person": "person", "organization": "org"}.get(m.actor.type, "place")
            m.actor = Actor(id=f"local:{kind}:{slug(m.text)}", name=m.text, type=m.actor.type)
    return mentions


def _redirect(kb: KnowledgeBase, actor: Actor) -> Actor:
    seen = {actor.id}
    target = kb.redirects.get(actor.id)
    while target is not None and target not in seen:  # a chain of merges ends at its last actor
        seen.add(target)
        rec = kb.get(target)
        actor = rec.actor() if rec is not None else Actor(id=target, name=actor.name, type=actor.type,
                                                           wikidata=actor.wikidata, country=actor.country)
        target = kb.redirects.get(target)
    return actor
