"""The entity layer as the quote finder sees it: mentions by offset, countries, person profiles.

Reads ``doc._.nl_mentions`` (set by ``newsloom_actors``). When that component is absent the
mentions come from spaCy NER as document-local actors, so quotes work in any pipeline.
Person profiles (role and affiliation) are taken from the mention when the linker filled them,
else from the words around the name: "<Country>'s deputy envoy <Name>", "<Name>, <role>,".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from ...model import Actor
from ..types import LinkedMention
from .lexicon import Lexicon

_NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "other"}
# Where a title in front of a name can begin: punctuation, a sentence end (not "U.S."), or a
# clause word.
_LEFT_BOUNDARY = re.compile(
    r"[,;:!?()“”\"]|(?<=[a-z]{2})\.(?=\s)|\b(?:and|as|by|that|with|said|told|quoted|says|met)\b")


@dataclass(slots=True)
class Profile:
    """What the document says about a person: their role and whom they belong to."""

    role: str | None = None
    affiliation: Actor | None = None


def ner_mentions(doc: Doc) -> list[LinkedMention]:
    """Mentions from spaCy NER with document-local actors; a bare surname joins the full name."""
    out: list[LinkedMention] = []
    persons: list[Actor] = []
    for ent in doc.ents:
        if ent.label_ not in _NER_TYPES:
            continue
        text = re.sub(r"^(?:the|The)\s+", "", ent.text).strip()
        start = ent.end_char - len(text)
        words = text.split()
        actor = None
        if ent.label_ in ("PERSON", "ORG") and len(words) <= 2:
            # "Wang" after "Wang Yi" is the same person, whatever label NER gave the short form.
            actor = next((p for p in reversed(persons) if set(words) <= set(p.name.split())), None)
        if actor is None:
            kind = _NER_TYPES[ent.label_]
            actor = Actor(id=f"local:{text}", name=text, type=kind)  # type: ignore[arg-type]
            if kind == "person":
                persons.append(actor)
        out.append(LinkedMention(start, ent.end_char, text, actor, ent.label_))
    return out


def _kb_country(iso3: str) -> Actor | None:
    """The knowledge base's country for an ISO code, when the actor layer is installed."""
    try:
        from ..kb import load_kb
    except ImportError:
        return None
    record = load_kb().country(iso3)
    return record.actor() if record is not None else None


class MentionIndex:
    """Mentions sorted by offset, with look-ups by span and the profiles of persons."""

    def __init__(self, doc: Doc, mentions: list[LinkedMention], lex: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.lex = lex
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        self.role_words = sorted(
            {w for words in lex.role_nouns.values() for w in words} | set(lex.role_nouns),
            key=len, reverse=True)
        self._role_re = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in self.role_words) + r")\b", re.I)
        self.profiles: dict[str, Profile] = {}
        for m in self.mentions:
            if m.actor.type == "person":
                self._learn_profile(m)
        self.home = self._home_country()
        for prof in self.profiles.values():
            if prof.affiliation is None and self.home is not None and self.holds_state_office(prof.role):
                prof.affiliation = self.home

    # -- look-ups ---------------------------------------------------------------------------
    def within(self, start: int, end: int) -> list[LinkedMention]:
        """Mentions lying inside ``[start, end)``."""
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def before(self, pos: int) -> list[LinkedMention]:
        """Mentions ending before ``pos``, nearest first."""
        i = bisect_right(self._starts, pos)
        return [m for m in reversed(self.mentions[:i]) if m.end <= pos]

    def country(self, iso3: str | None) -> Actor | None:
        """The country actor the document mentions for an ISO code."""
        if not iso3:
            return None
        for m in self.mentions:
            if m.actor.type == "country" and (m.actor.country == iso3 or m.actor.id == iso3):
                return m.actor
        return _kb_country(iso3)

    def state_of(self, actor: Actor | None) -> Actor | None:
        """The state an actor belongs to: a country is its own state."""
        if actor is None:
            return None
        if actor.type == "country":
            return actor
        return self.country(actor.country)

    def is_state_body(self, text: str) -> bool:
        low = text.lower()
        return any(re.search(rf"\b{re.escape(w)}\b", low) for w in self.lex.state_bodies)

    def has_role_word(self, text: str) -> bool:
        return bool(self._role_re.search(text))

    def role_fits(self, role: str | None, wanted: tuple[str, ...]) -> bool:
        if not role or re.search(r"\b(?:former|ex|opposition|retired|late)\b", role.lower()):
            return False
        low = role.lower()
        return any(re.search(rf"\b{re.escape(w)}\b", low) for w in wanted)

    def holds_state_office(self, role: str | None) -> bool:
        """A bare government title ("Prime Minister", "Health Minister", "Acting President");
        "the summit's president" or "president of the club" are not."""
        if not role or re.search(r"\b(?:former|ex|opposition|retired|late)\b", role.lower()):
            return False
        low = re.sub(r"^(?:(?:the|acting|interim|deputy|vice)\s+)+", "", role.lower().strip())
        return any(re.fullmatch(rf"(?:[a-z]+\s+)?{re.escape(o)}", low) for o in self.lex.state_offices)

    def _home_country(self) -> Actor | None:
        """The country the article is about: mentioned at least twice and more than any other."""
        counts: dict[str, int] = {}
        actors: dict[str, Actor] = {}
        for m in self.mentions:
            if m.actor.type == "country" and not m.actor.id.startswith("local:"):
                counts[m.actor.id] = counts.get(m.actor.id, 0) + 1
                actors[m.actor.id] = m.actor
        ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return actors[ranked[0][0]]

    # -- person profiles --------------------------------------------------------------------
    def profile(self, actor: Actor) -> Profile:
        return self.profiles.get(actor.id, Profile())

    def _learn_profile(self, m: LinkedMention) -> None:
        prof = self.profiles.setdefault(m.actor.id, Profile())
        around = self._role_around(m)
        role = m.role or around
        if role and not prof.role:
            prof.role = role
        aff = m.affiliation
        if aff is None and (around or role):
            aff = self._affiliation_in(around or role, m)
        if aff is not None and prof.affiliation is None:
            prof.affiliation = aff
        if prof.affiliation is None and m.actor.country:
            prof.affiliation = self.country(m.actor.country)

    def _role_around(self, m: LinkedMention) -> str | None:
        text = self.text
        # Left: "Ukrainian President <Name>", "China's top diplomat <Name>".
        line_start = text.rfind("\n", 0, m.start) + 1
        left = text[max(line_start, m.start - 80) : m.start]
        cut = max((b.end() for b in _LEFT_BOUNDARY.finditer(left)), default=0)
        left = left[cut:].strip()
        if left and left[0].isupper() and self.has_role_word(left) and not left.endswith("'s"):
            return left
        # Right: "<Name>, China's deputy envoy to the UN, said".
        after = text[m.end : m.end + 120]
        appos = re.match(r",\s+([^,;\n]{3,100}?),", after)
        if (appos and self.has_role_word(appos.group(1)) and len(appos.group(1).split()) <= 12
                and not re.search(r"[a-z]{2}\.\s", appos.group(1))):
            return appos.group(1).strip()
        return None

    def _affiliation_in(self, role: str, m: LinkedMention) -> Actor | None:
        """The country (else organisation) named in a role phrase next to the mention."""
        text = self.text
        pos = text.find(role, max(0, m.start - 200), m.end + 200)
        if pos < 0:
            return None
        inside = [x for x in self.within(pos, pos + len(role)) if x.actor.id != m.actor.id]
        for x in inside:
            if x.actor.type == "country":
                return x.actor
        for x in inside:
            if x.actor.type == "place":  # "Los Angeles Mayor <Name>"
                return x.actor
        for x in inside:
            if x.actor.type == "organization":
                return self.state_of(x.actor) if self.is_state_body(x.text) else x.actor
        return None
