"""Who a speaker phrase refers to: names, pronouns, descriptions, capitals and documents.

coreferee cannot load offline, so this is a small rule-based resolver over the entity layer:
- a name or capital inside the phrase is its mention's actor (the linker maps "Ankara" to Turkey);
- a pronoun takes the most salient earlier actor of a fitting kind: recent, a subject, an earlier
  speaker score higher; a person's known gender must agree with he/she;
- a description ("the diplomat", "the Chinese minister") takes the last person whose role fits
  the noun (``quote_speakers.yaml``) and whose state agrees with a demonym in the phrase;
- a document ("The statement said") speaks for whoever the article says issued it, and one issued
  in the same sentence ("<Name> issued a statement saying") is its issuer's means of saying it;
- a vague group ("Western governments and analysts") keeps its text with no actor."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from ...model import Actor, Referent, Speaker
from ..types import LinkedMention
from .documents import DocumentContext, document_subject_before, issuer_before, issuing_subject
from .lexicon import Lexicon
from .mentions import MentionIndex
from .named import Resolved, from_mention, same_state, speaks_for
from .phrase import after_dateline, noun_phrase

__all__ = ["Resolved", "SpeakerResolver", "same_state"]

_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp"}
_PRONOUN_WINDOW = 700  # characters back a pronoun may reach (about three sentences)
_DESCRIPTION_WINDOW = 2500


@lru_cache(maxsize=1)
def _example_prepositions() -> frozenset[str]:
    raw = yaml.safe_load(resources.files("newsloom").joinpath("data/lexicons/quote_speakers.yaml").read_text("utf-8"))
    return frozenset(w.lower() for w in raw.get("example_prepositions", []))


class SpeakerResolver:
    """Resolves speaker phrases of one document, in text order (it remembers earlier speakers)."""

    def __init__(self, doc: Doc, index: MentionIndex, lex: Lexicon) -> None:
        self.doc = doc
        self.text = index.text
        self.index = index
        self.lex = lex
        self.history: list[tuple[int, Actor]] = []
        self.gender: dict[str, str] = {}
        self.quoted: list[tuple[int, int]] = []  # quotation spans; names inside them never speak
        self.chain: dict[str, int] = {}  # actor id -> sentence of the last subject pronoun standing for it
        self._sent_starts = [s.start_char for s in doc.sents]
        self.documents = DocumentContext(doc, index, lex, self.sentence_of, self.noun_phrase)
        # The last speaker that was not a person ("The final text ... It asks"), for "it".
        self.last_thing: tuple[int, Resolved] | None = None
        self.last_described: tuple[int, Resolved] | None = None  # "South Africa's envoy ... she said"

    def sentence_of(self, pos: int) -> int:
        return bisect_right(self._sent_starts, pos) - 1

    # -- the phrase -------------------------------------------------------------------------
    def noun_phrase(self, head: Token) -> tuple[int, int]:
        """Char span of the speaker phrase headed by ``head`` (appositions and clauses left out)."""
        return noun_phrase(self.text, head)

    # -- entry point ------------------------------------------------------------------------
    def resolve(self, head: Token) -> Resolved | None:
        """The speaker whose phrase is headed by ``head``; None when nobody can be speaking."""
        head = after_dateline(self.doc, self.text, head)
        if self.lex.pronoun_class(head.text) == "indefinite" and head.pos_ in ("PRON", "DET", "NUM"):
            # "Some say", "Most of the senators argued", "I asked": who speaks is only these words.
            a, b = self.noun_phrase(head)
            return Resolved(Speaker(self.text[a:b], a, b, None), None)
        if head.pos_ == "PRON" or head.lower_ in ("he", "she", "they", "it", "him", "her", "them"):
            return self._pronoun(head)
        a, b = self.noun_phrase(head)
        text = self.text[a:b]
        inside = self.index.within(a, b)
        # "China's top diplomat Wang Yi", "Finland's President <Name>": the name in apposition speaks.
        # A country mention over the head ("The Turkish diplomat") does not name the speaker.
        named_head = ((head.pos_ == "PROPN" and head.lemma_.lower() not in self.lex.role_nouns)
                      or any(m.start <= head.idx < m.end and m.actor.type != "country" for m in inside))
        for ap in (c for c in head.children if c.dep_ == "appos" and not named_head):
            sub = list(ap.subtree)
            named = [m for m in self.index.within(sub[0].idx, sub[-1].idx + len(sub[-1].text))
                     if m.actor.type == "person"]
            if named:
                res = self._from_mention(named[0], named[0].start, named[0].end)
                res.role = res.role or text
                return res
            bodies = [m for m in self.index.within(sub[0].idx, sub[-1].idx + len(sub[-1].text))
                      if m.actor.type == "organization"]
            if bodies and head.lemma_.lower() not in self.lex.role_nouns:
                # "The plant's operator, <Company>, said": the organisation in apposition.
                return Resolved(Speaker(text, a, b, bodies[0].actor), self.speaks_for(bodies[0]))
        if (got := self._issued_by(head, inside)) is not None:
            return got  # "according to a speech <Name> delivered": whoever issued it speaks
        lemma = head.lemma_.lower()
        compound = " ".join(t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod"))
        if ((lemma in self.lex.document_nouns or f"{compound} {lemma}".strip() in self.lex.document_nouns)
                and not any(m.start <= head.idx < m.end for m in inside)):
            return self._document(head, text, a, b, inside)
        own = self._own_mention(head, inside)
        if own is not None and (own.actor.type != "country" or not self._is_role_head(head)):
            return self._from_mention(own, a, b)
        if self._is_role_head(head) and head.tag_ != "NNS":
            if any(c.lower_ in ("a", "an", "one", "another", "some") for c in head.lefts):
                # "one European official said": an indefinite description brings in someone new.
                # Only a state in front of the noun is theirs ("a Ukrainian official"), not one
                # further on ("an economist at a Tokyo brokerage").
                states = [m.actor for m in inside if m.actor.type == "country" and m.start < head.idx]
                return Resolved(Speaker(text, a, b, None), states[0] if states else None, person_like=True)
            return self._description(head, text, a, b, inside)
        # A group or an unknown source: the text stays, the state it speaks for when it names one.
        if lemma in self.lex.org_nouns and head.tag_ != "NNS" and not inside:
            org = self._organisation(head, a)
            if org is not None:
                return Resolved(Speaker(text, a, b, org.actor), self.speaks_for(org))
            if self.index.is_state_body(text) and self.index.home is not None:
                return Resolved(Speaker(text, a, b, None), self.index.home)  # "the health ministry said"
        # A group or an unknown source: the text stays; it speaks for the body or state it names
        # ("economists at <Bank>", "Chinese officials"), not for an adjective like "Western".
        named = [m for m in inside if m.actor.type in ("organization", "country")
                 and (m.end <= head.idx or self._member_of(head, m))]
        speaks_for = self.speaks_for(named[0]) if named else None
        return Resolved(Speaker(text, a, b, None), speaks_for)

    def resolve_span(self, a: int, b: int) -> Resolved:
        """A speaker the layout gives (a signature, a transcript label): its mention, else its words."""
        inside = self.index.within(a, b)
        own = next((m for m in inside if m.actor.type == "person"), inside[0] if inside else None)
        if own is not None:
            return self._from_mention(own, a, b)
        return Resolved(Speaker(self.text[a:b], a, b, None), None, person_like=True)

    def from_mention(self, m: LinkedMention) -> Resolved:
        """The speaker a mention names (chosen by the learned ranker)."""
        return self._from_mention(m, m.start, m.end)

    def note(self, pos: int, resolved: Resolved | None) -> None:
        """Remember a resolved speaker: later pronouns and descriptions prefer earlier speakers."""
        if resolved is None:
            return
        actor = resolved.speaker.actor
        if actor is not None:
            self.history.append((pos, actor))
        if resolved.person_like:
            self.last_described = (self.sentence_of(pos), resolved)
        elif actor is None or actor.type != "person":
            self.last_thing = (self.sentence_of(pos), resolved)

    # -- cases ------------------------------------------------------------------------------
    def _is_role_head(self, head: Token) -> bool:
        return head.lemma_.lower() in self.lex.role_nouns or head.lower_ in self.lex.role_nouns

    def _from_mention(self, m: LinkedMention, a: int, b: int) -> Resolved:
        return from_mention(self.index, self.lex, m, a, b)

    def _own_mention(self, head: Token, inside: list[LinkedMention]) -> LinkedMention | None:
        """The mention the phrase is headed by, else a person it names who speaks for it."""
        own = next((m for m in inside if m.start <= head.idx < m.end), None)
        return own or next((m for m in inside if m.actor.type == "person" and self._stands_for(head, m)), None)

    def _stands_for(self, head: Token, m: LinkedMention) -> bool:
        """Whether a person named inside the phrase speaks for it: not one named as an example
        ("some Republicans, including Senator <Name>", "activists like <Name>") or inside a clause
        the phrase holds ("the film, which weaves the voices of <Name> ..."), who only belongs to it."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        t = span.root if span is not None else None
        while t is not None and t.i != head.i and t.head.i != t.i:
            if t.dep_ in _CLAUSES or (t.dep_ == "prep" and t.lower_ in _example_prepositions()):
                return False
            t = t.head
        return True

    def _issued_by(self, head: Token, inside: list[LinkedMention]) -> Resolved | None:
        """The subject of a clause on the speaker's noun that issues it ("a speech <Name>
        delivered", "a letter she sent"), not a relative word ("a report that was released")."""
        if any(m.start <= head.idx < m.end for m in inside):
            return None
        for c in head.children:
            if c.dep_ == "relcl" and c.lemma_.lower() in self.lex.issuing_verbs:
                subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
                if subj is not None and subj.tag_ not in ("WP", "WDT") and subj.lower_ not in ("that", "which"):
                    return self.resolve(subj)
        return None

    def _member_of(self, head: Token, m: LinkedMention) -> bool:
        """"economists at <Bank>", "officials of <Ministry>": a group speaking for its body (unlike
        "Republicans in Congress")."""
        between = self.text[head.idx + len(head.text) : m.start].strip().lower()
        return bool(re.fullmatch(r"(?:at|of|from|for|with)(?: the)?", between))

    def _organisation(self, head: Token, pos: int) -> LinkedMention | None:
        """"The agency said": the last organisation named nearby, preferring one whose name has
        the noun ("the committee" -> "Norwegian Nobel Committee")."""
        noun = head.lemma_.lower()
        recent = [m for m in self.index.before(pos) if pos - m.end <= _DESCRIPTION_WINDOW
                  and m.actor.type == "organization" and not self._inside_quotation(m.start)]
        named = [m for m in recent if re.search(rf"\b{re.escape(noun)}", m.actor.name.lower())]
        return (named or recent or [None])[0]

    def speaks_for(self, m: LinkedMention) -> Actor | None:
        return speaks_for(self.index, self.lex, m)

    def _pronoun(self, head: Token) -> Resolved | None:
        cls = self.lex.pronoun_class(head.text)
        if cls is None:
            return None
        pos = head.idx
        if cls == "thing":
            doc_subject = document_subject_before(self.documents, pos)
            if doc_subject is not None and (self.last_thing is None
                                            or self.last_thing[0] <= self.sentence_of(doc_subject.idx)):
                # "The resolution ... passed. It asks ...": the document of a recent main clause.
                a, b = self.noun_phrase(doc_subject)
                res = self._document(doc_subject, self.text[a:b], a, b, self.index.within(a, b))
                res.speaker = Speaker(head.text, pos, pos + len(head.text), res.speaker.actor)
                return res
        if cls == "thing" and self.last_thing and self.sentence_of(pos) - self.last_thing[0] <= 2:
            prev = self.last_thing[1]
            return Resolved(Speaker(head.text, pos, pos + len(head.text), prev.speaker.actor),
                            prev.speaks_for, prev.role)
        want_person = cls.startswith("person")
        gender = {"person_m": "m", "person_f": "f"}.get(cls)
        recent = {a.id for p, a in self.history if pos - p <= _PRONOUN_WINDOW}
        here = self.sentence_of(pos)
        best: tuple[float, LinkedMention] | None = None
        for rank, m in enumerate(self.index.before(pos)):
            if pos - m.end > _PRONOUN_WINDOW:
                break
            if (m.actor.type == "person") != want_person:
                continue
            if not want_person and m.actor.type not in ("organization", "country"):
                continue
            known = m.gender or self.gender.get(m.actor.id)
            if gender and known and known != gender:
                continue
            if self._inside_quotation(m.start):
                continue
            # Salience: each sentence back costs more than being a subject or an earlier speaker
            # gains, so the subject of the previous sentence beats a speaker from further back.
            # A pronoun that already stood for this actor keeps the chain going (he -> he -> X).
            back = min(here - self.sentence_of(m.start), here - self.chain.get(m.actor.id, -99))
            score = (-1.0 * back - 0.05 * rank + 0.5 * (m.actor.id in recent) + self._subject_weight(m))
            if best is None or score > best[0]:
                best = (score, m)
        if best is None:
            prev = self.last_described
            if want_person and prev and self.sentence_of(pos) - prev[0] <= 2:
                return Resolved(Speaker(head.text, pos, pos + len(head.text), None), prev[1].speaks_for,
                                prev[1].role, person_like=True)
            if cls == "thing":
                return None
            # "they said", "he argued" with nobody fitting in reach: someone speaks, unnamed here.
            return Resolved(Speaker(head.text, pos, pos + len(head.text), None), None)
        m = best[1]
        if gender:
            self.gender.setdefault(m.actor.id, gender)
        if head.dep_ in ("nsubj", "nsubjpass"):
            self.chain[m.actor.id] = here
        res = self._from_mention(m, m.start, m.end)
        res.speaker = Speaker(head.text, pos, pos + len(head.text), m.actor, Referent.of(self.text, m.start, m.end))
        return res

    def _description(self, head: Token, text: str, a: int, b: int,
                     inside: list[LinkedMention]) -> Resolved:
        prev = self.last_described
        if (prev is not None and self.sentence_of(a) - prev[0] <= 2
                and re.search(rf"\b{re.escape(head.lower_)}\b", prev[1].speaker.text.lower())):
            # "A European diplomat said ... the diplomat told": the person just described.
            return Resolved(Speaker(text, a, b, None), prev[1].speaks_for, prev[1].role, person_like=True)
        wanted = self.lex.role_nouns.get(head.lemma_.lower()) or (head.lemma_.lower(),)
        states = [m.actor for m in inside if m.actor.type in ("country", "other")]
        fallback: LinkedMention | None = None
        for m in self.index.before(a):
            if a - m.end > _DESCRIPTION_WINDOW:
                break
            if m.actor.type != "person":
                continue
            prof = self.index.profile(m.actor)
            aff = m.affiliation or prof.affiliation
            if states and not any(same_state(s, aff) for s in states):
                continue
            if self.index.role_fits(m.role or prof.role, wanted):
                fallback = m
                break
            if fallback is None and a - m.end <= _PRONOUN_WINDOW:
                fallback = m
        if fallback is None:
            state = next((self.index.state_of(s) for s in states if self.index.state_of(s)), None)
            return Resolved(Speaker(text, a, b, None), state, person_like=True)
        res = self._from_mention(fallback, fallback.start, fallback.end)
        res.speaker = Speaker(text, a, b, fallback.actor)
        return res

    def _document(self, head: Token, text: str, a: int, b: int,
                  inside: list[LinkedMention]) -> Resolved:
        if (by := issuing_subject(self.documents, head)) is not None and (got := self.resolve(by)) is not None:
            return got
        issuer = next((m for m in inside if m.actor.type == "organization"), None) or (
            inside[0] if inside else None)
        if issuer is None:
            issuer = issuer_before(self.documents, head)
        if issuer is None:
            return Resolved(Speaker(text, a, b, None), None)
        return Resolved(Speaker(text, a, b, issuer.actor), self.speaks_for(issuer))

    def _subject_weight(self, m: LinkedMention) -> float:
        """Salience of the mention's grammatical place: the subject of a main clause counts most;
        the subject of a clause inside it ("who expected that <Name> might come") less."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            return 0.0
        verb = span.root.head
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
        return 1.0 if verb.dep_ == "ROOT" else 0.4

    def _inside_quotation(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quoted)
