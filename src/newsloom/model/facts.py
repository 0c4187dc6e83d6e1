"""The facts found in an article: actors and their mentions, dates, quotes and events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .common import ActorType, QuoteKind


@dataclass(slots=True)
class Actor:
    """A canonical actor from the knowledge base (or a document-local one, id ``local:...``)."""

    id: str
    name: str
    type: ActorType = "other"
    wikidata: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3 of the state it belongs to / speaks for

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "wikidata": self.wikidata,
            "country": self.country,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d.get("id") or d["name"],
            name=d["name"],
            type=d.get("type", "other"),
            wikidata=d.get("wikidata"),
            country=d.get("country"),
        )


@dataclass(slots=True)
class Mention:
    """A surface form in the text linked to an actor."""

    text: str
    start: int
    end: int
    label: str | None = None  # NER label or linking rule that produced it
    role: str | None = None  # "deputy permanent representative to the UN"
    affiliation: Actor | None = None  # the actor a person mention belongs to / speaks for
    role_start: int | None = None  # where the role's words stand in the text, when stated
    role_end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.label:
            d["label"] = self.label
        if self.role:
            d["role"] = self.role
            if self.role_start is not None:
                d["role_start"], d["role_end"] = self.role_start, self.role_end
        if self.affiliation:
            d["affiliation"] = self.affiliation.as_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        aff = d.get("affiliation")
        return cls(
            text=d["text"],
            start=d["start"],
            end=d["end"],
            label=d.get("label"),
            role=d.get("role"),
            affiliation=Actor.from_dict(aff) if aff else None,
            role_start=d.get("role_start"),
            role_end=d.get("role_end"),
        )


@dataclass(slots=True)
class Entity:
    """An actor and every place the document mentions it."""

    actor: Actor
    mentions: list[Mention] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"actor": self.actor.as_dict(), "mentions": [m.as_dict() for m in self.mentions]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(Actor.from_dict(d["actor"]), [Mention.from_dict(m) for m in d["mentions"]])


@dataclass(slots=True)
class DateMention:
    """A date or time expression and what it resolves to (ISO date, or ``start/end``)."""

    text: str
    start: int
    end: int
    resolved: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "resolved": self.resolved}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateMention:
        return cls(d["text"], d["start"], d["end"], d.get("resolved"))


@dataclass(slots=True)
class Referent:
    """The words a speaker's mention stands for: a relative word's antecedent ("some economists"
    for "who"), a pronoun's antecedent mention; ``text`` is the article's text[start:end]."""

    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Referent:
        """The words of ``text`` at ``[start, end)``, so the span is true by construction."""
        return cls(text[start:end], start, end)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Referent:
        return cls(d["text"], d["start"], d["end"])


@dataclass(slots=True)
class Speaker:
    """Who said it: the speaker's words in the sentence ("who", "he", "the minister"), the actor
    they stand for, and, when the words alone would tell a reader nothing, what they refer to."""

    text: str
    start: int
    end: int
    actor: Actor | None = None
    refers_to: Referent | None = None

    @property
    def display(self) -> str:
        """What a reader is shown: the actor's name, else the referent's words, else the mention."""
        if self.actor is not None:
            return self.actor.name
        return self.refers_to.text if self.refers_to is not None else self.text

    def as_dict(self) -> dict[str, Any]:
        d = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "actor": self.actor.as_dict() if self.actor else None,
        }
        if self.refers_to is not None:  # optional: older readers and documents go without it
            d["refers_to"] = self.refers_to.as_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        a, ref = d.get("actor"), d.get("refers_to")
        return cls(d["text"], d["start"], d["end"], Actor.from_dict(a) if a else None,
                   Referent.from_dict(ref) if ref else None)


@dataclass(slots=True)
class Quote:
    """A quotation or reported statement; ``start``/``end`` are the quote's span."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    speaker: Speaker | None = None
    speaks_for: Actor | None = None
    role: str | None = None
    via: Actor | None = None
    date: str | None = None
    venue: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    # A quotation interrupted by its attribution (“…,” she said, “…”): the speaker's own pieces,
    # each ``(start, end)`` an exact slice; ``text`` is then the slice from the first to the last.
    parts: list[tuple[int, int]] | None = None
    negated: bool = False  # a denial or refusal ("denied that ..."), not something they said
    # A position taken toward what the content names ("endorsed <Name>", "praised the plan"):
    # attributed like a statement, but not words the speaker said.
    stance: bool = False

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker.as_dict() if self.speaker else None,
            "speaks_for": self.speaks_for.as_dict() if self.speaks_for else None,
            "role": self.role,
            "via": self.via.as_dict() if self.via else None,
            "date": self.date,
        }
        if self.venue:
            d["venue"] = self.venue
        if self.sentence_start is not None:
            d["sentence_start"] = self.sentence_start
            d["sentence_end"] = self.sentence_end
        if self.parts:
            d["parts"] = [{"start": a, "end": b} for a, b in self.parts]
        if self.negated:
            d["negated"] = True
        if self.stance:
            d["stance"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        def actor(key: str) -> Actor | None:
            return Actor.from_dict(d[key]) if d.get(key) else None

        return cls(
            text=d["text"],
            start=d["start"],
            end=d["end"],
            kind=d["kind"],
            cue=d.get("cue"),
            speaker=Speaker.from_dict(d["speaker"]) if d.get("speaker") else None,
            speaks_for=actor("speaks_for"),
            role=d.get("role"),
            via=actor("via"),
            date=d.get("date"),
            venue=d.get("venue"),
            sentence_start=d.get("sentence_start"),
            sentence_end=d.get("sentence_end"),
            parts=[(p["start"], p["end"]) for p in d["parts"]] if d.get("parts") else None,
            negated=bool(d.get("negated", False)),
            stance=bool(d.get("stance", False)),
        )


@dataclass(slots=True)
class Event:
    """A political event coded in PLOVER; ``start``/``end`` are the sentence span."""

    type: str
    source: Actor
    start: int
    end: int
    targets: list[Actor] = field(default_factory=list)
    mode: str | None = None
    date: str | None = None
    location: Actor | None = None
    negated: bool = False
    text: str | None = None
    # The words that carry the event ("called for", "imposed sanctions on"): text[trigger_start:trigger_end].
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    quote_index: int | None = None  # index into Article.quotes when the event is reported speech
    hypothetical: bool = False  # conditional or hypothetical ("if", "would", "could")
    future: bool = False  # announced or planned, not yet done
    historical: bool = False  # recalled from before the article's news (years ago)
    cameo: str | None = None  # CAMEO code where PLOVER's table gives a clean inverse

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "source": self.source.as_dict(),
            "targets": [t.as_dict() for t in self.targets],
            "date": self.date,
            "location": self.location.as_dict() if self.location else None,
            "start": self.start,
            "end": self.end,
            "negated": self.negated,
            "text": self.text,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "quote_index": self.quote_index,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "historical": self.historical,
            "cameo": self.cameo,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            type=d["type"],
            source=Actor.from_dict(d["source"]),
            start=d["start"],
            end=d["end"],
            targets=[Actor.from_dict(t) for t in d.get("targets", [])],
            mode=d.get("mode"),
            date=d.get("date"),
            location=Actor.from_dict(d["location"]) if d.get("location") else None,
            negated=d.get("negated", False),
            text=d.get("text"),
            trigger=d.get("trigger"),
            trigger_start=d.get("trigger_start"),
            trigger_end=d.get("trigger_end"),
            quote_index=d.get("quote_index"),
            hypothetical=d.get("hypothetical", False),
            future=d.get("future", False),
            historical=d.get("historical", False),
            cameo=d.get("cameo"),
        )
