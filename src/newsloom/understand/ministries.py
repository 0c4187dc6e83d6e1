"""Ministries: "<Country>'s Foreign Ministry", "the <Demonym> Defence Ministry", "Ministry of X" ->
the knowledge-base ministry of that state, or one synthesised for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Actor
from .kb import fold_words, slug
from .matching import Candidate

if TYPE_CHECKING:
    from .context import LinkContext


def ministry_spans(dl: LinkContext) -> list[Candidate]:
    out = []
    for i, word in enumerate(dl.folded):
        if word not in ("ministry", "ministries"):
            continue
        tok = dl.tokens[i]
        start = tok.i
        for child in tok.lefts:
            if child.dep_ in ("compound", "amod") and child.lower_ in dl.lex.ministries:
                start = min(start, child.i)
        end = tok.i + 1
        if start == tok.i:  # "Ministry of Foreign Affairs"
            for prep in tok.rights:
                if prep.lower_ == "of":
                    words = [t for t in prep.subtree if t.lower_ in dl.lex.ministries]
                    if words:
                        end = max(t.i for t in prep.subtree if t.i <= words[0].head.i) + 1
                    break
        if end - start > 1:
            out.append(Candidate(start, end, "ministry"))
    return out


def link_ministry(dl: LinkContext, c: Candidate) -> None:
    if any(i in dl.at_token for i in range(c.start, c.end)):
        return
    ministry = dl.tokens[c.end - 1] if dl.tokens[c.end - 1].lower_.startswith("ministr") else None
    head = ministry or next(t for t in dl.doc[c.start:c.end] if t.lower_.startswith("ministr"))
    portfolio_words = [t.lower_ for t in dl.doc[c.start:c.end] if t.lower_ in dl.lex.ministries]
    if not portfolio_words:
        return
    portfolio = dl.lex.ministries[portfolio_words[0]]
    owner: Actor | None = None
    for child in [*head.lefts, *dl.tokens[c.start].lefts]:
        found = dl.at_token.get(child.i)
        if found is not None and found.actor.type == "country":
            owner = found.actor
            break
    if owner is None:
        for t in head.subtree:
            found = dl.at_token.get(t.i)
            if t.i >= c.end and found is not None and found.actor.type == "country":
                owner = found.actor
                break
    if owner is None or not owner.country:
        return
    actor = None
    for word in (portfolio_words[0], *fold_words(portfolio)):
        actor = actor or dl.ministries.get((owner.country, word))
    if actor is None:
        actor = Actor(id=f"local:org:ministry-of-{slug(portfolio)}-{owner.country.lower()}",
                      name=f"Ministry of {portfolio} of {owner.name}", type="organization",
                      country=owner.country)
    mention = dl.mention(c, actor, "ministry")
    mention.affiliation = owner
    dl.add(mention, c.start, c.end)
