"""Events of a Doc: trigger candidates per sentence turned into ``Event`` records with their
actors, flags, date, quote and spans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from ...model import Actor, DateMention, Event, Quote
from ..dates import parse_published
from ..types import doc_text
from .flags import clause_date, date_index, is_historical, modality, negated
from .lexicon import EventLexicon, Pattern
from .match import VERBISH, Candidate, all_inner, anchor_indices, candidates, nest, within
from .parties import wants_parties, war_parties
from .roles import (
    PLACE_TYPES,
    UNKNOWN,
    Mentions,
    agent,
    is_self,
    phrase_actor,
    resolve_self,
    speaker_of,
    subject,
)

OBLIGATION = "must"  # pattern anchor of the reported-obligation rule
_COOPERATIVE = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")
_AGENTLESS_BY_PLACE = ("COERCE", "ACCUSE")
_OWN_MEANS = ("MOBILIZE", "RETREAT", "AID", "COOPERATE")
_CUTTABLE = ("AID", "COOPERATE", "CONSULT", "SUPPORT")
_WHEN_PREPS = ("during", "after", "before", "since", "amid", "following", "despite", "until", "ahead", "throughout")
# Nouns of verbal events whose actor is whoever says them ("called it a red line").
_SAID_TYPES = ("THREATEN", "ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE")
_OBJECT_DEPS = ("dobj", "attr", "oprd", "pobj", "conj", "appos", "dative")


@dataclass(slots=True)
class Context:
    doc: Doc
    lex: EventLexicon
    mentions: Mentions
    dates: dict[int, DateMention]
    quotes: list[Quote]
    published: date | None
    _parties: list[Actor] | None = None

    @property
    def text(self) -> str:
        return doc_text(self.doc)

    def parties(self) -> list[Actor]:
        if self._parties is None:
            self._parties = war_parties(self.doc, self.mentions, self.lex.conflict_nouns)
        return self._parties


def find_events(doc: Doc, lex: EventLexicon) -> list[Event]:
    ctx = Context(doc, lex, Mentions.of(doc), date_index(doc._.nl_dates or [], doc),
                  list(doc._.nl_quotes or []), parse_published(doc._.nl_published))
    events: list[Event] = []
    anchors, modals = anchor_indices(doc, lex)
    for sent in doc.sents:
        # The sentence's text sliced from the doc's (Span.text would join its tokens again).
        if ctx.text[sent.start_char:sent.end_char].rstrip(" \n\"'”’)").endswith("?"):
            continue  # a question reports no event
        # An obligation needs its "must" in the sentence: most sentences have none.
        cands = candidates(sent, lex, anchors) + (obligations(sent, lex) if within(sent, modals) else [])
        if not cands:
            continue
        top = sorted(nest(sorted(cands, key=lambda c: c.anchor.i)), key=lambda c: (c.depth, c.anchor.i))
        for c in top:
            if qualifies(c, lex):
                ev = build(c, sent, ctx)
                if ev is not None and (ev.source is not UNKNOWN or ev.targets):
                    events.append(ev)  # an event with neither actor nor target says nothing
    return events


def obligations(sent: Span, lex: EventLexicon) -> list[Candidate]:
    """Reported obligations: "Russia said Sudan must return the helicopter" is Russia's REQUEST."""
    out = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ccomp", "conj", "acl"):
            continue
        # under a verb of saying, or a noun that says ("a reminder that Iraq must cooperate")
        if tok.dep_ != "conj" and tok.head.lemma_.lower() not in lex.speech_verbs and tok.head.pos_ != "NOUN":
            continue
        aux = next((c for c in tok.children if c.dep_ == "aux" and (c.lower_,) in lex.obligation), None)
        if aux is None or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue
        subj = next(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
        if subj.lower_ in ("we", "i") or any(c.lower_ in ("our", "my") for c in subj.children):
            continue  # "we must" commits the speaker's own side: no request to anyone
        out.append(Candidate(tok, Pattern(OBLIGATION, (), "REQUEST", None, None), [aux, tok]))
    return out


def governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(4):
        if cur.dep_ not in _OBJECT_DEPS and cur.dep_ != "prep" or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in VERBISH:
            return cur
    return None


def qualifies(c: Candidate, lex: EventLexicon) -> bool:
    """A noun counts as an event when a verb does something with it ("held talks"), when it
    happens ("protests erupted"), or when it names its actor ("Israeli airstrikes")."""
    a = c.head
    if a.dep_ in ("amod", "compound") and a.pos_ in VERBISH:
        return False  # a participle describing a noun: "the defending champion", "the proposed plan"
    if a.pos_ in VERBISH or c.pattern.anchor == OBLIGATION:
        return True
    if a.ent_type_ in ("ORG", "EVENT", "FAC", "LAW", "WORK_OF_ART", "DATE", "TIME") or (
            a.dep_ == "pobj" and a.head.lower_ in _WHEN_PREPS):
        return False  # a name ("Munich Security Conference"), or when ("during the talks")
    if any(ch.dep_ in ("poss", "amod", "compound") and ch.ent_type_ for ch in a.children):
        return True
    if a.dep_ in ("nsubj", "nsubjpass"):
        return a.head.lemma_.lower() in lex.occurrence_verbs
    verb = governing_verb(a)
    return verb is not None and verb.lemma_.lower() not in lex.topic_verbs


def quote_for(c: Candidate, ctx: Context) -> int | None:
    """The quote the event was reported in: the one holding its words, or the one that is the
    trigger's complement ("called on [Ukraine and Russia to resume talks]")."""
    start = c.head.idx
    left, right = c.head.left_edge.idx, c.head.right_edge.idx + len(c.head.right_edge)
    for n, q in enumerate(ctx.quotes):
        if q.start <= start < q.end:
            return n
    for n, q in enumerate(ctx.quotes):
        if left <= q.start < right and q.start > start:
            return n
    return None


def exercise(c: Candidate, lex: EventLexicon) -> bool:
    return any(t.lemma_.lower() in lex.exercise_words for t in c.tokens)


def inner_mode(c: Candidate, type_: str, lex: EventLexicon) -> str | None:
    modes = lex.inner_modes.get(type_, {})
    inner = [x.type for x in all_inner(c)]
    for t in sorted(inner, key=lambda t: t != "CONSULT"):  # talks first: "ceasefire and talks" is meet
        if t in modes:
            return modes[t] or None
    return None


def build(c: Candidate, sent: Span, ctx: Context) -> Event | None:
    lex = ctx.lex
    a = c.head
    verb = a if a.pos_ in VERBISH else (governing_verb(a) or a)
    if a.pos_ not in VERBISH and c.type in _SAID_TYPES:
        verb = next((t for t in a.ancestors if t.lemma_.lower() in lex.naming_verbs), verb)
    qi = quote_for(c, ctx)
    quote = ctx.quotes[qi] if qi is not None else None
    source, first_targets, subj = actors(c, verb, ctx, quote)
    neg = negated(a, lex)
    hypothetical, future = modality(verb if c.pattern.anchor != OBLIGATION else a)
    type_, mode = c.type, c.pattern.mode or inner_mode(c, c.type, lex)
    if a.pos_ not in VERBISH and type_ in _CUTTABLE and verb.lemma_.lower() in lex.reducing_verbs:
        type_, mode = "SANCTION", "withdraw" if type_ == "CONSULT" else "discontinue"
    elif type_ in ("REJECT", "SANCTION") and any(
            x.anchor.lemma_.lower() == "protest" and x.anchor.dep_ in ("advcl", "xcomp") for x in c.inner):
        type_, mode = "PROTEST", None  # "shunned work to protest": the refusal is the protest
    if neg and future and type_ in _COOPERATIVE:
        # "will not accept refugees", "would not meet their demands": an announced refusal
        mode = lex.inner_modes["REJECT"].get(type_) or None
        type_, neg = "REJECT", False
    elif (future or hypothetical) and not neg and type_ in lex.future_types:
        # PLOVER: announced cooperation is AGREE, announced retreat CONCEDE, announced force THREATEN
        mode = lex.inner_modes.get(lex.future_types[type_], {}).get(type_) or None
        type_ = lex.future_types[type_]
    targets, location = objects(c, verb, subj, source, ctx)
    for t in reversed(first_targets):
        if t.id != source.id and all(t.id != x.id for x in targets):
            targets.insert(0, t)
    if type_ == "MOBILIZE" and first_targets and exercise(c, lex):
        type_, mode = "COOPERATE", None  # "French and Egyptian warships launched war games"
    if not targets and wants_parties(type_, mode):
        targets = [p for p in ctx.parties() if p.id != source.id]  # "called for the cessation of hostilities"
    if not targets and location is not None:
        targets = [location]  # "condemned the coup in Niger", "shelled positions in Rafah"
    when = clause_date(a, ctx.dates)
    resolved = when.resolved if when else (quote.date if quote and quote.date else None)
    if resolved is None and ctx.published is not None:
        resolved = ctx.published.isoformat()
    return make_event(c, sent, ctx, type_, mode, source, targets, location, resolved, neg,
                      hypothetical, future, qi)


def actors(c: Candidate, verb: Token, ctx: Context, quote: Quote | None
           ) -> tuple[Actor, list[Actor], Token | None]:
    """(source, targets named by the subject side, subject token)."""
    lex, mentions, a = ctx.lex, ctx.mentions, c.head
    if c.pattern.anchor == OBLIGATION:
        subj, _ = subject(a)
        speaker, _m = speaker_of(a, lex, mentions)
        if speaker is None and quote is not None:
            speaker = quote.speaks_for or (quote.speaker.actor if quote.speaker else None)
        target, _m = phrase_actor(subj, lex, mentions) if subj is not None else (None, None)
        return speaker or UNKNOWN, [target] if target else [], subj
    if a.pos_ not in VERBISH:
        own = [mentions.by_token.get(ch.i) for ch in a.children if ch.dep_ in ("poss", "amod", "compound")]
        own = [m for m in own if m is not None]
        if own:
            return own[0].actor, [], None
    subj, passive = subject(verb)
    firsts: list[Actor] = []
    if passive:
        undergoer, _m = phrase_actor(subj, lex, mentions) if subj is not None else (None, None)
        firsts = [undergoer] if undergoer else []
        subj = agent(verb)
        if subj is None and c.type in _AGENTLESS_BY_PLACE:
            # "was arrested in Lebanon", "was put under investigation in Italy": the state acted
            place = next((m.actor for m in located(verb, ctx) if m.actor.type == "country"), None)
            return place or UNKNOWN, firsts, None
    source = None
    if subj is not None:
        if is_self(subj, lex):
            source = resolve_self(subj, lex, mentions, quote)
        else:
            source, _m = phrase_actor(subj, lex, mentions)
        for conj in (x for x in subj.subtree if x.dep_ == "conj" and x.head.dep_ != "pobj"):
            other, _m = phrase_actor(conj, lex, mentions)  # "Kenya and Tanzania", "Dutch and Belgian police"
            if other is not None and (source is None or other.id != source.id):
                firsts.append(other)
        if source is None and quote is not None:  # "The statement called for ...": the quote's speaker
            source = quote.speaks_for or (quote.speaker.actor if quote.speaker else None)
    return source or UNKNOWN, firsts, subj


def located(verb: Token, ctx: Context) -> list:
    """Mentions under the verb's locative prepositions ("in Lebanon")."""
    out = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ctx.lex.location_preps:
            out.extend(ctx.mentions.within(list(child.subtree)))
    return out


def objects(c: Candidate, verb: Token, subj: Token | None, source: Actor, ctx: Context
            ) -> tuple[list[Actor], Actor | None]:
    """Targets (actors named under the trigger, outside its subject) and the location."""
    lex, a = ctx.lex, c.head
    skip = {t.i for t in subj.subtree} if subj is not None else set()
    heads = [a] if a.pos_ in VERBISH or verb is a else [a] + [ch for ch in verb.children
                                                             if ch.dep_ in ("dative", "prep", "dobj")]
    seen: set[str] = {source.id}
    targets: list[Actor] = []
    location: Actor | None = None
    own_means = c.type in _OWN_MEANS
    for head in heads:
        for t in head.subtree:  # named or generic object phrases: "killed three ethnic Albanians"
            if t.i in skip or t.dep_ not in ("dobj", "dative", "pobj", "nsubjpass") or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if _under_location(t, head, lex) or t.i in ctx.mentions.by_token or _when(t, head):
                continue
            actor, _m = phrase_actor(t, lex, ctx.mentions)
            if own_means and any(w.lemma_.lower() in lex.force_nouns for w in t.subtree):
                continue  # "deployed thousands of troops": the source's own forces
            if actor is not None and actor.id not in seen and actor.id.startswith("local:group:"):
                seen.add(actor.id)
                targets.append(actor)
    for head in heads:
        for t in head.subtree:
            m = ctx.mentions.by_token.get(t.i)
            if m is None or t.i in skip or m.actor.id in seen:
                continue
            if _when(t, head):
                continue  # "following the deaths of two Israelis": the occasion, not the target
            if _under_location(t, head, lex):
                if location is None and m.actor.type in PLACE_TYPES:
                    location = m.actor
                continue
            seen.add(m.actor.id)
            targets.append(m.actor)
    return targets, location


def _under_location(tok: Token, top: Token, lex: EventLexicon) -> bool:
    while tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in lex.location_preps:
            return True
        if tok.i == top.i:
            break
        tok = tok.head
    return False


def _when(tok: Token, top: Token) -> bool:
    while tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in _WHEN_PREPS:
            return True
        if tok.i == top.i:
            break
        tok = tok.head
    return False


def trigger_span(c: Candidate) -> tuple[int, int]:
    toks = sorted(c.tokens, key=lambda t: t.i)
    if toks[-1].i - toks[0].i > 4:
        toks = [c.head]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def make_event(c: Candidate, sent: Span, ctx: Context, type_: str, mode: str | None, source: Actor,
               targets: list[Actor], location: Actor | None, when: str | None, neg: bool,
               hypothetical: bool, future: bool, qi: int | None) -> Event:
    text = ctx.text
    start = sent.start_char
    end = sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    ts, te = trigger_span(c)
    codes = ctx.lex.cameo.get(type_, {})
    return Event(type=type_, source=source, start=start, end=end, targets=targets, mode=mode, date=when,
                 location=location, negated=neg, text=text[start:end], trigger=text[ts:te],
                 trigger_start=ts, trigger_end=te, quote_index=qi, hypothetical=hypothetical,
                 future=future, historical=is_historical(when, ctx.published),
                 cameo=codes.get(mode or "") or codes.get(""))
