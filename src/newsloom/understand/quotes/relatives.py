"""Speakers of the cues, and the relative word as a speaker's mention.

PolNeAR, like a careful reader, marks the relative word as the source of "the economists, who
argued that ..." just as it marks "he" in "he said": it is the speaker's word in that sentence.
The word alone tells a reader nothing, so the speaker keeps what it stands for twice over: the
actor, when the antecedent is a linked one, and always the antecedent's words (``refers_to``)."""

from __future__ import annotations

from ...model import Referent, Speaker
from .cues import Cue
from .lexicon import Lexicon
from .markup import outside_markup
from .speakers import Resolved, SpeakerResolver


def resolve_speakers(cues: list[Cue], text: str, lex: Lexicon, resolver: SpeakerResolver) -> dict[int, Resolved | None]:
    """Speakers of ``cues`` (by ``id``) in text order, so pronouns see earlier speakers."""
    resolved: dict[int, Resolved | None] = {}
    for c in sorted(cues, key=lambda c: c.start):
        if c.speaker_span is not None:
            r: Resolved | None = resolver.resolve_span(*c.speaker_span)
        else:
            r = outside_markup(text, resolver.resolve(c.subject) if c.subject is not None else None)
        if r is not None and c.relative is not None and _stands_for(c, r, lex):
            r.speaker = relative_speaker(text, c, r.speaker)
        resolved[id(c)] = r
        resolver.note(c.start, r)
    return resolved


def _stands_for(c: Cue, r: Resolved, lex: Lexicon) -> bool:
    """The relative word stands for the speaker: not when its antecedent only led to the speaker
    ("issued a letter that says": the letter's issuer speaks, and "that" is the letter)."""
    assert c.subject is not None
    return c.subject.lemma_.lower() not in lex.document_nouns or r.speaker.start <= c.subject.idx < r.speaker.end


def relative_speaker(text: str, c: Cue, antecedent: Speaker) -> Speaker:
    """The relative word as the mention, with the antecedent's actor and words."""
    rel = c.relative
    assert rel is not None
    refers = antecedent.refers_to or Referent.of(text, antecedent.start, antecedent.end)
    return Speaker(rel.text, rel.idx, rel.idx + len(rel.text), antecedent.actor, refers)
