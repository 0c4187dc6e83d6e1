"""What a named speaker stands for: the mention as speaker, its role, and the actor it speaks for
(a person's affiliation, a body's state, a country itself)."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Actor, Speaker
from ..types import LinkedMention
from .lexicon import Lexicon
from .mentions import MentionIndex


@dataclass(slots=True)
class Resolved:
    speaker: Speaker
    speaks_for: Actor | None
    role: str | None = None
    person_like: bool = False  # a described person not linked to an actor ("the envoy")


def same_state(a: Actor | None, b: Actor | None) -> bool:
    """Whether two actors name the same state. Without ISO codes (NER-only mentions) a shared
    four-letter stem stands in: "Chinese"/"China", "Ukrainian"/"Ukraine"."""
    if a is None or b is None:
        return False
    if a.id == b.id or (a.country and a.country == b.country):
        return True
    if a.id.startswith("local:") or b.id.startswith("local:"):
        return len(a.name) >= 4 and a.name[:4].lower() == b.name[:4].lower()
    return False


def is_outlet(index: MentionIndex, lex: Lexicon, m: LinkedMention) -> bool:
    """"German news outlet <Name>": NER often takes a publication's name for a person's."""
    left = index.text[max(0, m.start - 30) : m.start].lower().rstrip()
    return any(left.endswith(w) for w in lex.media_nouns) and not index.profile(m.actor).role


def from_mention(index: MentionIndex, lex: Lexicon, m: LinkedMention, a: int, b: int) -> Resolved:
    """The speaker a mention names, inside the speaker phrase ``[a, b)`` that holds it."""
    actor = m.actor
    text = index.text
    if actor.type == "person" and is_outlet(index, lex, m):
        return Resolved(Speaker(m.text, m.start, m.end, actor), actor)
    if actor.type == "person":
        prof = index.profile(actor)
        role = m.role or prof.role
        phrase_role = (text[a : m.start] + text[m.end : b]).strip(" ,")
        if phrase_role and index.has_role_word(phrase_role):
            role = phrase_role
        return Resolved(Speaker(m.text, m.start, m.end, actor), speaks_for(index, lex, m), role)
    title = text[a : m.start].split()
    if actor.type == "organization" and title and index.has_role_word(title[-1]):
        # "Greek finance minister <Name>": a title makes the name a person's, whatever NER said.
        states = [x.actor for x in index.within(a, m.start) if x.actor.type == "country"]
        return Resolved(Speaker(m.text, m.start, m.end, actor), states[0] if states else index.home,
                        " ".join(title))
    return Resolved(Speaker(text[a:b], a, b, actor), speaks_for(index, lex, m))


def speaks_for(index: MentionIndex, lex: Lexicon, m: LinkedMention) -> Actor | None:
    actor = m.actor
    if actor.type == "person" and is_outlet(index, lex, m):
        return actor
    if actor.type == "person":
        aff = m.affiliation or index.profile(actor).affiliation
        if aff is not None and aff.type == "organization" and index.is_state_body(aff.name):
            # A government body without a state on record belongs to the article's country.
            return index.state_of(aff) or index.home or aff
        return aff or index.country(actor.country)
    if actor.type == "country":
        return actor
    if actor.type == "organization":
        if index.is_state_body(f"{actor.name} {m.text}"):
            state = index.state_of(actor)
            if state is None:
                # "China's Foreign Ministry" without a linked country: the possessor names it.
                line = index.text[max(0, m.start - 40) : m.start]
                near = [x for x in index.before(m.start) if x.start >= m.start - 40
                        and x.actor.type == "country" and line.rstrip().endswith(("'s", "’s"))]
                state = near[0].actor if near else None
            # An international body from the knowledge base (no country) speaks for itself;
            # an unknown one is the article's when its country is clear, else unknown.
            if state is None and actor.id.startswith("local:") and not lex.international_re.search(actor.name):
                return index.home if index.home_is_clear else None
            return state or actor
        return actor
    return index.state_of(actor)
