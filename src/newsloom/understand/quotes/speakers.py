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
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import Actor, Referent, Speaker
from ..types import LinkedMention
from .documents import DocumentContext, document_subject_before, issuer_before, issuing_subject
from .lexicon import Lexicon
from .mentions import MentionIndex

_NP_DROP = {"appos", "relcl", "acl", "advcl", "punct", "parataxis"}
_PRONOUN_WINDOW = 700  # characters back a pronoun may reach (about three sentences)
_DESCRIPTION_WINDOW = 2500


@dataclass(slots=True)
class Resolved:
    speaker: Speaker
    speaks_for: Actor | None
    role: str | None = None
    person_like: bool = False  # a described person not linked to an actor ("the envoy")


def _is_time(t: Token) -> bool:
    """"on Thursday" or "last week" hung on the speaker's noun: when, not who."""
    if t.dep_ == "prep":
        objs = [c for c in t.children if c.dep_ == "pobj"]
        return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)
    return t.dep_ in ("npadvmod", "tmod") and t.ent_type_ in ("DATE", "TIME")


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
        keep = [head]
        stack = [c for c in head.children if c.dep_ not in _NP_DROP and not _is_time(c)]
        while stack:
            t = stack.pop()
            keep.append(t)
            stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "punct", "appos"))
        # A parse that gives a verb two subjects ("U.S. Ambassador ... <Name> said") splits a title.
        for sib in head.head.children:
            if sib is not head and sib.dep_ == head.dep_ and sib.i < head.i:
                keep.extend(sib.subtree)
        toks = sorted(keep, key=lambda t: t.i)
        # Words the parser hangs on the name past its apposition ("by <Firm>, a research group,
        # higher than ...") are the sentence's, not the phrase's: the phrase ends before it.
        past = [c.left_edge.i for t in keep for c in t.children if c.dep_ == "appos"
                and head.i < c.left_edge.i and c.right_edge.i < toks[-1].i]
        toks = [t for t in toks if t.i < min(past)] if past else toks
        # A dateline glued to the subject ("JEDDAH, Saudi Arabia — Ukraine said") is no part of it.
        if toks:
            cut = max(self.text.rfind(d, toks[0].idx, head.idx) for d in ("—", "–", " -- "))
            toks = [t for t in toks if t.idx > cut] if cut >= 0 else toks
        while toks and toks[0].is_punct:
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if not toks:
            return head.idx, head.idx + len(head.text)
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    # -- entry point ------------------------------------------------------------------------
    def resolve(self, head: Token) -> Resolved | None:
        """The speaker whose phrase is headed by ``head``; None when nobody can be speaking."""
        head = self._after_dateline(head)
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
        lemma = head.lemma_.lower()
        compound = " ".join(t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod"))
        if lemma in self.lex.document_nouns or f"{compound} {lemma}".strip() in self.lex.document_nouns:
            if not any(m.start <= head.idx < m.end for m in inside):
                return self._document(head, text, a, b, inside)
        own = next((m for m in inside if m.start <= head.idx < m.end), None)
        if own is None:
            own = next((m for m in inside if m.actor.type == "person"), None)
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

    def _after_dateline(self, head: Token) -> Token:
        """"OSLO, Norway — Ukraine said": the parser may head the subject on the dateline; the
        speaker is the phrase between the dash and the verb, or the name it hangs on the dateline
        ("WASHINGTON -- President Obama, dedicating ..., said")."""
        verb = head.head
        if verb.idx <= head.idx:
            return head
        cut = max(self.text.rfind(d, head.idx, verb.idx) for d in ("—", "–", " -- "))
        if cut < 0:
            return head
        if (named := next((c for c in head.children if c.dep_ == "appos" and c.idx > cut), None)) is not None:
            return named
        span = self.doc.char_span(cut + 1, verb.idx, alignment_mode="contract")
        return span.root if span is not None and len(span) and span.root.pos_ in ("PROPN", "NOUN", "PRON") else head

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
        actor = m.actor
        if actor.type == "person" and self._is_outlet(m):
            return Resolved(Speaker(m.text, m.start, m.end, actor), actor)
        if actor.type == "person":
            prof = self.index.profile(actor)
            role = m.role or prof.role
            phrase_role = (self.text[a : m.start] + self.text[m.end : b]).strip(" ,")
            if phrase_role and self.index.has_role_word(phrase_role):
                role = phrase_role
            return Resolved(Speaker(m.text, m.start, m.end, actor), self.speaks_for(m), role)
        title = self.text[a : m.start].split()
        if actor.type == "organization" and title and self.index.has_role_word(title[-1]):
            # "Greek finance minister <Name>": a title makes the name a person's, whatever NER said.
            states = [x.actor for x in self.index.within(a, m.start) if x.actor.type == "country"]
            return Resolved(Speaker(m.text, m.start, m.end, actor), states[0] if states else self.index.home,
                            " ".join(title))
        return Resolved(Speaker(self.text[a:b], a, b, actor), self.speaks_for(m))

    def _member_of(self, head: Token, m: LinkedMention) -> bool:
        """"economists at <Bank>", "officials of <Ministry>": a group speaking for its body (unlike
        "Republicans in Congress")."""
        between = self.text[head.idx + len(head.text) : m.start].strip().lower()
        return bool(re.fullmatch(r"(?:at|of|from|for|with)(?: the)?", between))

    def _is_outlet(self, m: LinkedMention) -> bool:
        """"German news outlet <Name>": NER often takes a publication's name for a person's."""
        left = self.text[max(0, m.start - 30) : m.start].lower().rstrip()
        return any(left.endswith(w) for w in self.lex.media_nouns) and not self.index.profile(m.actor).role

    def _organisation(self, head: Token, pos: int) -> LinkedMention | None:
        """"The agency said": the last organisation named nearby, preferring one whose name has
        the noun ("the committee" -> "Norwegian Nobel Committee")."""
        noun = head.lemma_.lower()
        recent = [m for m in self.index.before(pos) if pos - m.end <= _DESCRIPTION_WINDOW
                  and m.actor.type == "organization" and not self._inside_quotation(m.start)]
        named = [m for m in recent if re.search(rf"\b{re.escape(noun)}", m.actor.name.lower())]
        return (named or recent or [None])[0]

    def speaks_for(self, m: LinkedMention) -> Actor | None:
        actor = m.actor
        if actor.type == "person" and self._is_outlet(m):
            return actor
        if actor.type == "person":
            aff = m.affiliation or self.index.profile(actor).affiliation
            if aff is not None and aff.type == "organization" and self.index.is_state_body(aff.name):
                # A government body without a state on record belongs to the article's country.
                return self.index.state_of(aff) or self.index.home or aff
            return aff or self.index.country(actor.country)
        if actor.type == "country":
            return actor
        if actor.type == "organization":
            if self.index.is_state_body(f"{actor.name} {m.text}"):
                state = self.index.state_of(actor)
                if state is None:
                    # "China's Foreign Ministry" without a linked country: the possessor names it.
                    line = self.text[max(0, m.start - 40) : m.start]
                    near = [x for x in self.index.before(m.start) if x.start >= m.start - 40
                            and x.actor.type == "country" and line.rstrip().endswith(("'s", "’s"))]
                    state = near[0].actor if near else None
                # An international body from the knowledge base (no country) speaks for itself;
                # an unknown one is the article's when its country is clear, else unknown.
                if state is None and actor.id.startswith("local:") and not self.lex.international_re.search(actor.name):
                    return self.index.home if self.index.home_is_clear else None
                return state or actor
            return actor
        return self.index.state_of(actor)

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
