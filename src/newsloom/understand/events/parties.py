"""The warring parties a document names ("Russia's war against Ukraine", "the conflict between
Armenia and Azerbaijan"): a call for a ceasefire or for peace talks that names no one is
addressed to them."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...model import Actor
from .roles import Mentions

_PARTY_PREPS = ("against", "with", "between", "on", "in")
# Events about ending or settling a war: these take the war's parties when they name none.
PEACE_MODES = ("meet", "yield", "ceasefire", "third-party")
PEACE_TYPES = ("REQUEST", "REJECT", "AGREE", "CONSULT", "RETREAT")


def _actors_under(tok: Token, mentions: Mentions) -> list[Actor]:
    out: list[Actor] = []
    for t in tok.subtree:
        m = mentions.by_token.get(t.i)
        if m is not None and m.actor.type == "country" and all(m.actor.id != a.id for a in out):
            out.append(m.actor)
    return out


def war_parties(doc: Doc, mentions: Mentions, conflict_nouns: frozenset[str]) -> list[Actor]:
    """The first pair of states the document names as sides of a war, else the one it names."""
    single: list[Actor] = []
    for tok in doc:
        if tok.lemma_.lower() not in conflict_nouns or tok.pos_ != "NOUN":
            continue
        sides: list[Actor] = []
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.i in mentions.by_token):
                sides.extend(a for a in _actors_under(child, mentions) if all(a.id != s.id for s in sides))
            elif child.dep_ == "prep" and child.lower_ in _PARTY_PREPS:
                sides.extend(a for a in _actors_under(child, mentions) if all(a.id != s.id for s in sides))
        if len(sides) >= 2:
            return sides[:2]
        if sides and not single:
            single = sides
    return single


def wants_parties(type_: str, mode: str | None) -> bool:
    return type_ in PEACE_TYPES and (mode in PEACE_MODES or type_ == "CONSULT")
