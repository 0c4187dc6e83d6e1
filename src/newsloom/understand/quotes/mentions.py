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
from ..types import LinkedMention, doc_text
from .lexicon import Lexicon

_DATELINE_TAIL = re.compile(r"(?:,\s*[A-Za-z. ]{2,30})?\s*(?:\([^)]{1,40}\)\s*)?[—–-]")
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
        self.text = doc_text(doc)  # Doc.text joins every token on each access: read it once
        self.lex = lex
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        self._ents: list[tuple[int, int, str, str]] | None = None
        self.home_is_clear = False
        self.home = self._home_country()
        self.profiles: dict[str, Profile] = {}
        for m in self.mentions:
            if m.actor.type == "person":
                self._learn_profile(m)
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
        return bool(self.lex.state_body_re.search(text))

    def has_role_word(self, text: str) -> bool:
        return bool(self.lex.role_re.search(text))

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
        """The country the article is about: the state it names most, counting its country
        mentions, its state bodies and the countries of officials holding a national office
        ("Sri Lankan President <Name>"); a dateline ("NAIROBI —") weighs three. Needs two such
        signs, or one with no other state named."""
        counts: dict[str, int] = {}
        actors: dict[str, Actor] = {}
        last_end: dict[str, int] = {}
        for m in self.mentions:
            state: Actor | None = None
            if m.actor.type == "country":
                state = m.actor
            elif m.actor.type == "person" and m.affiliation is not None and m.affiliation.type == "country":
                state = m.affiliation if self.holds_state_office(m.role) else None
            elif m.actor.type == "organization" and m.actor.country and self.is_state_body(m.actor.name):
                state = self.country(m.actor.country)
            elif m.actor.type == "place" and m.actor.country and self._is_dateline(m):
                state = self.country(m.actor.country)  # "NAIROBI —" linked as the city
            if state is None or state.id.startswith("local:") or m.start < last_end.get(state.id, -1):
                continue  # "Spanish government" over "Spanish" is one sign, not two
            last_end[state.id] = m.end
            counts[state.id] = counts.get(state.id, 0) + (3 if self._is_dateline(m) else 1)
            actors[state.id] = state
        ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or (len(ranked) > 1 and (ranked[0][1] < 2 or ranked[1][1] == ranked[0][1])):
            return None
        # Clear when it outweighs any other state twice over: then even a named body we cannot
        # place ("the Supreme Council of ...") is taken to be its.
        self.home_is_clear = len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]
        return actors[ranked[0][0]]

    def _is_dateline(self, m: LinkedMention) -> bool:
        """An upper-case place opening a paragraph and followed by a dash: where the story is filed."""
        line_start = self.text.rfind("\n", 0, m.start) + 1
        return (not self.text[line_start : m.start].strip() and m.text.isupper() and len(m.text) > 2
                and bool(_DATELINE_TAIL.match(self.text, m.end)))

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
        """Whom a role phrase next to the mention attaches the person to: the country it names,
        else the place, else the organisation, else a body the words of the title point to."""
        text = self.text
        if role == m.role and m.role_start is not None and m.role_end is not None:
            pos, end = m.role_start, m.role_end
        else:
            pos = text.find(role, max(0, m.start - 200), m.end + 200)
            end = pos + len(role)
        if pos < 0:
            return None
        orgs = [e for e in self._ner(pos, end) if e[2] == "ORG"]
        # A linked country or name inside an organisation's name ("the UK Independence Party")
        # is part of that name.
        inside = [x for x in self.within(pos, end) if x.actor.id != m.actor.id
                  and not any(a <= x.start and x.end <= b and (a, b) != (x.start, x.end) for a, b, _, _ in orgs)]
        for kind in ("country", "place"):  # "Los Angeles Mayor <Name>": a place
            for x in inside:
                if x.actor.type == kind:
                    return x.actor
        for x in inside:
            if x.actor.type == "organization":
                return self._body(x.actor, x.text)
        # Names the linker left unlinked: "Fed Chair", "Taliban spokesman", "Catalan leader".
        for a, b, label, name in self._ner(pos, end):
            if (not any(x.start < b and a < x.end for x in inside) and not (a <= m.start < b)
                    and name.lower() not in self.lex.portfolios):  # "Interior Minister": an office
                kind = "organization" if label == "ORG" else "other"
                return self._body(Actor(id=f"local:{name}", name=name, type=kind), name)  # type: ignore[arg-type]
        return self._body_in_title(pos, end, m)

    def _body(self, actor: Actor, text: str) -> Actor:
        """A government body stands for its state (the article's, when none is on record)."""
        if self.is_state_body(text):
            return self.state_of(actor) or self.home or actor
        return actor

    def _body_in_title(self, pos: int, end: int, m: LinkedMention) -> Actor | None:
        """"Board chairman <Name>", "the committee's chair": an organisation named earlier whose
        name has the noun; "Eurogroup President <Name>": a capitalised word naming the body."""
        words = [t for t in self.doc.char_span(pos, end, alignment_mode="expand") or []
                 if t.idx + len(t.text) <= m.start or t.idx >= m.end]
        for t in words:
            noun = t.lemma_.lower()
            if noun in self.lex.org_nouns:
                for x in self.before(pos):
                    if x.actor.type == "organization" and re.search(rf"\b{re.escape(noun)}", x.actor.name.lower()):
                        return self._body(x.actor, x.text)
        # The word must qualify the office right after it ("Eurogroup President"); "Passenger
        # <Name>" or "president Sultan <Name>" name no body.
        for t, nxt in zip(words, words[1:], strict=False):
            if (t.tag_ in ("NNP", "NNPS") and t.text[0].isupper() and t.is_alpha and self.has_role_word(nxt.text)
                    and t.lower_ not in self.lex.title_modifiers and t.lower_ not in self.lex.portfolios
                    and not self.has_role_word(t.text)):
                return self._body(Actor(id=f"local:{t.text}", name=t.text, type="organization"), t.text)
        return None

    def _ner(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """spaCy's ORG/NORP/GPE entities inside ``[start, end)``; ``doc.ents`` read once, lazily."""
        if self._ents is None:
            self._ents = [(e.start_char, e.end_char, e.label_, re.sub(r"^(?:the|The)\s+", "", e.text))
                          for e in self.doc.ents if e.label_ in ("ORG", "NORP", "GPE")]
        return [e for e in self._ents if start <= e[0] and e[1] <= end]
