"""What linked mentions say about each other: people's roles and affiliations, gender, groups
("Chinese officials", "the Chinese diplomat") and a leader's government standing for the state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..model import Actor
from .roles import find_role
from .types import LinkedMention

if TYPE_CHECKING:
    from .context import LinkContext


def add_relations(dl: LinkContext) -> None:
    role_spans = _roles(dl)
    _affiliations(dl)
    _groups(dl, role_spans)
    _governments(dl)


def _span(dl: LinkContext, m: LinkedMention) -> Span | None:
    return dl.doc.char_span(m.start, m.end, alignment_mode="expand")


def _affiliation_at(dl: LinkContext, tok: Token) -> Actor | None:
    m = dl.at_token.get(tok.i)
    if m is None:
        return None
    if m.actor.type == "country":
        return m.actor
    if m.actor.type == "organization":
        # A ministry speaks for its state; an international body for itself.
        if m.affiliation is not None and m.affiliation.type == "country":
            return m.affiliation
        return m.actor
    return None


def _roles(dl: LinkContext) -> list[tuple[int, int]]:
    spans = []
    nouns = dl.lex.role_nouns | dl.lex.descriptor_nouns
    for m in dl.mentions:
        if m.actor.type != "person" or m.label == "surname":
            continue
        span = _span(dl, m)
        if span is None:
            continue
        role = find_role(span, nouns, lambda t: _affiliation_at(dl, t))
        if role is None:
            continue
        m.role, m.role_start, m.role_end = role.text, role.start, role.end
        m.affiliation = role.affiliation
        spans.append((role.start, role.end))
    return spans


def _affiliations(dl: LinkContext) -> None:
    stated: dict[str, Actor] = {}
    for m in dl.mentions:
        if m.affiliation is not None:
            stated.setdefault(m.actor.id, m.affiliation)
    gender: dict[str, str] = {}
    votes: dict[str, list[str]] = {}
    for m in dl.mentions:
        if m.actor.type == "person" and m.actor.id not in gender:
            g, sure = _gender(dl, m)
            if g and sure:
                gender[m.actor.id] = g
            elif g:
                votes.setdefault(m.actor.id, []).append(g)
    # A pronoun after one mention can be someone else's ("Clinton said ... he", he being a rival
    # named later): the pronouns after all of a person's mentions vote, and a tie decides nothing.
    for actor_id, vs in votes.items():
        if actor_id not in gender and vs.count("m") != vs.count("f"):
            gender[actor_id] = "m" if vs.count("m") > vs.count("f") else "f"
    for m in dl.mentions:
        if m.affiliation is None and m.actor.type in ("person", "organization"):
            m.affiliation = stated.get(m.actor.id) or dl.affiliation_of_record(m.actor, dl.year)
        if m.actor.type == "person":
            m.gender = gender.get(m.actor.id)


def _gender(dl: LinkContext, m: LinkedMention) -> tuple[str | None, bool]:
    """A person's gender at this mention, and whether it is sure (the knowledge base, an
    honorific) rather than read from the next pronoun."""
    rec = dl.kb.get(m.actor.id)
    if rec is not None and rec.gender in ("m", "f"):
        return rec.gender, True
    span = _span(dl, m)
    if span is None:
        return None, False
    if span.start > 0:
        gender = dl.lex.honorifics.get(dl.tokens[span.start - 1].lower_.rstrip("."))
        if gender:
            return gender, True
    return _pronoun_gender(dl, span.end), False


_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
             "she": "f", "her": "f", "hers": "f", "herself": "f"}


def _pronoun_gender(dl: LinkContext, start: int) -> str | None:
    """The first he/she after a person's name, if no other person is named before it and it
    comes within the next sentence ("Ana Ruiz noted ... She also called")."""
    if start >= len(dl.tokens):
        return None
    sent = dl.tokens[start].sent
    limit = sent.end
    if limit < len(dl.tokens):
        limit = dl.tokens[limit].sent.end
    for tok in dl.tokens[start:limit]:
        hit = dl.at_token.get(tok.i)
        if hit is not None and hit.actor.type == "person":
            return None
        if tok.pos_ == "PRON" and tok.lower_ in _PRONOUNS:
            return _PRONOUNS[tok.lower_]
    return None


def _groups(dl: LinkContext, role_spans: list[tuple[int, int]]) -> None:
    """A state's adjective or possessive on a role noun: "Chinese officials", "China's envoy"."""
    nouns = dl.lex.group_nouns | dl.lex.role_nouns
    for m in list(dl.mentions):
        if m.actor.type != "country":
            continue
        span = _span(dl, m)
        if span is None:
            continue
        tok = span[-1]
        head = tok.head
        if tok.dep_ not in ("amod", "compound", "poss", "nmod") or head.i <= tok.i:
            continue
        if head.i in dl.at_token or not (head.lower_ in nouns or head.lemma_.lower() in nouns):
            continue
        if any(s <= head.idx < e for s, e in role_spans):
            continue  # the title of a named person: the role is on the person
        first = tok.i + 1
        while first < head.i and (dl.doc[first].text in ("'s", "\u2019s") or dl.doc[first].is_punct):
            first += 1
        end = head.idx + len(head.text)
        role_start = dl.doc[first].idx
        label = "group" if head.lower_ in dl.lex.group_nouns else "role"
        role = dl.text[role_start:end]
        current = not any(c.lower_ in dl.lex.not_incumbent for c in head.children)
        holder = _office_holder(dl, m.actor, role) if label == "role" and current else None
        group = LinkedMention(m.start, end, dl.text[m.start:end], holder or m.actor,
                              "office" if holder else label, role=role, affiliation=m.actor,
                              role_start=role_start, role_end=end)
        dl.mentions.append(group)


def _office_holder(dl: LinkContext, state: Actor, role: str) -> Actor | None:
    """"Brazil's foreign minister" in a 2024 article: the one person then in that office."""
    kinds = dl.lex.office_kinds.get(" ".join(role.lower().split()), ())
    if dl.year is None or not kinds or not state.country:
        return None
    for kind in kinds:
        rec = dl.kb.office_holder(state.country, kind, dl.year)
        if rec is not None:
            return rec.actor()
    return None


def _governments(dl: LinkContext) -> None:
    """"<Leader>'s government" is the leader's state."""
    for m in list(dl.mentions):
        if m.actor.type != "person" or m.affiliation is None or m.affiliation.type != "country":
            continue
        span = _span(dl, m)
        if span is None:
            continue
        head = span.root.head
        if span.root.dep_ != "poss" or head.i < span.end:
            continue
        if head.lemma_.lower() not in dl.lex.government_nouns:
            continue
        end = head.idx + len(head.text)
        dl.mentions.append(LinkedMention(m.start, end, dl.text[m.start:end], m.affiliation,
                                         "metonymy", affiliation=m.affiliation))
