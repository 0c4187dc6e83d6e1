"""Who did it and to whom: the event's source, targets and location from the parse and the actor
layer (``doc._.nl_mentions``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import Actor, Quote
from ..types import LinkedMention
from .lexicon import EventLexicon

SUBJ = ("nsubj", "nsubjpass", "csubj")
# Arcs along which a clause without its own subject takes its head's ("agreed to build").
_SHARE_SUBJECT = ("xcomp", "acomp", "conj", "advcl", "pcomp", "oprd", "dep", "prep", "pobj", "dobj", "attr")
# Sub-clauses of a noun phrase that do not name it ("the rebels who ...").
_NOT_NAMING = ("relcl", "acl", "ccomp", "advcl", "punct", "cc")
_SELF_SIDE = re.compile(r"\b(?:country|government|nation|side|it|we|they|us|our)\b", re.I)
PLACE_TYPES = ("place", "country")
_ACTOR_ENTS = ("NORP", "ORG", "GPE", "PERSON")
_NOT_ACTOR_ENTS = ("DATE", "TIME", "QUANTITY", "MONEY", "CARDINAL", "PERCENT", "ORDINAL", "EVENT", "LAW",
                   "WORK_OF_ART", "PRODUCT", "LANGUAGE")
UNKNOWN = Actor("local:unknown", "unknown", "other")


@dataclass(slots=True)
class Mentions:
    """Linked mentions by token index, for one Doc."""

    by_token: dict[int, LinkedMention]

    @classmethod
    def of(cls, doc: Doc) -> Mentions:
        by_token: dict[int, LinkedMention] = {}
        for m in doc._.nl_mentions or ():
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for tok in span or ():
                by_token.setdefault(tok.i, m)
        return cls(by_token)

    def within(self, tokens: list[Token]) -> list[LinkedMention]:
        out: list[LinkedMention] = []
        for t in tokens:
            m = self.by_token.get(t.i)
            if m is not None and m not in out:
                out.append(m)
        return out


def phrase(tok: Token) -> list[Token]:
    """The noun phrase headed by ``tok``, without the clauses hanging on it."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in _NOT_NAMING:
            out.extend(phrase(child))
    return sorted(out, key=lambda t: t.i)


def subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of the verb's clause (climbing through "agreed to build", "ready to talk") and
    whether the clause is passive."""
    tok = verb
    for _ in range(6):
        for child in tok.children:
            if child.dep_ in SUBJ:
                if child.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                    return tok.head, False  # "the rebels, who attacked": the rebels
                # "Israel is opposed to", "X is committed to": states, not passives
                passive = child.dep_ == "nsubjpass" and tok.lemma_.lower() not in lex_stative()
                return child, passive
        if tok.dep_ == "relcl" or tok.dep_ == "acl" and (tok.tag_ == "VBD" or _verbless(tok)):
            return tok.head, False  # "the group that handed over"; "The rebel group handed over" misparsed
        if tok.dep_ not in _SHARE_SUBJECT or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in SUBJ:
            return tok, False
    return None, False


def lex_stative() -> frozenset[str]:
    from .lexicon import lexicon

    return lexicon().stative_participles


def _verbless(tok: Token) -> bool:
    """A participle hanging on a noun that is the sentence's root: the parser missed the finite
    verb ("Palestinian youths resorted to ...")."""
    return tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN") and not any(
        c.dep_ in ("agent", "auxpass") for c in tok.children)


def agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _in_location(tok: Token, head: Token, lex: EventLexicon) -> bool:
    """Whether ``tok`` hangs under a locative preposition between it and ``head`` (inclusive)."""
    while tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in lex.location_preps:
            return True
        if tok.i == head.i:
            break
        tok = tok.head
    return False


def _agentive(tok: Token, lex: EventLexicon) -> bool:
    """A word that can name who acts: "police", "farmers", "Palestinians", "Human Rights Watch"."""
    if tok.ent_type_ in _NOT_ACTOR_ENTS:
        return False
    return tok.lemma_.lower() in lex.agent_nouns or tok.pos_ == "PROPN" or tok.ent_type_ in _ACTOR_ENTS or (
        tok.tag_ == "NNS" and any(c.ent_type_ in _ACTOR_ENTS for c in tok.children))


def generic_actor(head: Token, lex: EventLexicon, mentions: Mentions) -> Actor | None:
    """A document-local actor for "farmers", "police in Paris", "the rebel group"."""
    noun = head
    if not _agentive(noun, lex) or noun.lemma_.lower() in lex.partitive_nouns or noun.pos_ == "NUM":
        # "Leaders of the coalition", "Tens of thousands of students", "One third of the guerrillas"
        inner = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.pos_ in ("NOUN", "PROPN", "NUM")), None)
        if inner is not None and inner.i != head.i:
            return generic_actor(inner, lex, mentions)
        if not _agentive(noun, lex):
            return None
    left = min((c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i),
               key=lambda c: c.left_edge.i, default=noun).left_edge
    name = noun.doc[left.i:noun.i + 1].text  # the span's own text: Doc.text would join the whole doc
    places = [m.actor for m in mentions.within(phrase(head)) if m.actor.type in PLACE_TYPES]
    country = next((p.country for p in places if p.country), None)
    return Actor("local:group:" + name.lower(), name, "other", country=country)


def phrase_actor(head: Token, lex: EventLexicon, mentions: Mentions) -> tuple[Actor | None, LinkedMention | None]:
    """The actor a noun phrase names: a person in it first ("U.S. Ambassador Linda ..."), then the
    actor its head is ("China"), then the one it belongs to ("Germany's chancellor", "Chinese
    forces"), then a generic one ("police in Paris": Paris is where, not who)."""
    words = phrase(head)
    found = []
    for t in words:
        m = mentions.by_token.get(t.i)
        if m is not None and m not in found and not _in_location(t, head, lex):
            found.append(m)
    persons = [m for m in found if m.actor.type == "person"]
    if persons:
        return persons[0].actor, persons[0]
    own = mentions.by_token.get(head.i)
    if own is not None:
        return own.actor, own
    if found:
        return found[0].actor, found[0]
    return generic_actor(head, lex, mentions), None


def speaker_of(tok: Token, lex: EventLexicon, mentions: Mentions) -> tuple[Actor | None, LinkedMention | None]:
    """The subject actor of the nearest verb of speaking above ``tok``."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return None, None
        cur = cur.head
        if cur.lemma_.lower() in lex.speech_verbs:
            subj, _passive = subject(cur)
            if subj is not None and not is_self(subj, lex):
                return phrase_actor(subj, lex, mentions)
    return None, None


def is_self(tok: Token, lex: EventLexicon) -> bool:
    """A pronoun or "his country", "the country": in reported speech, the speaker's own side."""
    if tok.tag_ in ("WDT", "WP"):
        return False
    words = " ".join(t.lower_ for t in phrase(tok))
    return tok.pos_ == "PRON" or words in lex.self_words or (
        tok.lower_ in ("country", "government", "nation") and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children))


def resolve_self(subj: Token, lex: EventLexicon, mentions: Mentions,
                 quote: Quote | None) -> Actor | None:
    """A pronoun or "his country" in reported speech: the speaker, or the side the speaker speaks
    for. The quote layer's attribution comes first; else the subject of the verb of saying above."""
    side = bool(_SELF_SIDE.search(" ".join(t.text for t in phrase(subj))))
    if quote is not None and quote.speaker is not None and (quote.speaker.actor or quote.speaks_for):
        if side and quote.speaks_for is not None:
            return quote.speaks_for
        return quote.speaker.actor or quote.speaks_for
    actor, mention = speaker_of(subj, lex, mentions)
    if actor is not None and mention is not None and mention.affiliation is not None and \
            actor.type == "person" and side:
        return mention.affiliation
    return actor
