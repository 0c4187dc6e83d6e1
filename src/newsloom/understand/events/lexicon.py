"""The event lexicon (``data/lexicons/events.yaml``) and CAMEO table (``events_cameo.yaml``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon entry: ``anchor`` is the first word's lemma, ``words`` the other lemmas that must
    stand near it in the parse."""

    anchor: str
    words: tuple[str, ...]
    type: str
    mode: str | None
    pos: str | None  # "v" (verbs and adjectives), "n" (nouns) or None (any)

    @property
    def size(self) -> int:
        return 1 + len(self.words)


@dataclass(frozen=True, slots=True)
class EventLexicon:
    by_anchor: dict[str, tuple[Pattern, ...]]  # longest patterns first
    negators: frozenset[str]
    speech_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    obligation: tuple[tuple[str, ...], ...]
    self_words: frozenset[str]
    occurrence_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    future_types: dict[str, str]
    inner_modes: dict[str, dict[str, str]]
    agent_nouns: frozenset[str]
    partitive_nouns: frozenset[str]
    stative_participles: frozenset[str]
    exercise_words: frozenset[str]
    force_nouns: frozenset[str]
    reducing_verbs: frozenset[str]
    conflict_nouns: frozenset[str]
    location_preps: frozenset[str]
    cameo: dict[str, dict[str, str]]

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.by_anchor.values())


def _pattern(text: str, type_: str, mode: str) -> Pattern:
    words = text.lower().split()
    pos = None
    head = words[0]
    if "/" in head:
        head, pos = head.split("/", 1)
    # "call/n for": the suffix may stand on any word; it always constrains the anchor.
    cleaned = []
    for w in words[1:]:
        if "/" in w:
            w, pos = w.split("/", 1)
        cleaned.append(w)
    return Pattern(head, tuple(cleaned), type_, mode or None, pos)


_FUNCTION_WORDS = frozenset("to for on from with of in at against into up down out off over by upon the a".split())


def _specificity(p: Pattern) -> tuple[int, int]:
    """Longer patterns first; among equals, those naming a thing ("withdraw inspector") before
    those naming a particle ("withdraw from")."""
    return -p.size, sum(w in _FUNCTION_WORDS for w in p.words)


def _read(name: str) -> Any:
    return yaml.safe_load(resources.files("newsloom.data.lexicons").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> EventLexicon:
    data = _read("events.yaml")
    by_anchor: dict[str, list[Pattern]] = {}
    seen: set[tuple[str, tuple[str, ...], str | None]] = set()
    for type_, modes in data["triggers"].items():
        for mode, entries in modes.items():
            for entry in entries or ():
                p = _pattern(str(entry), type_, str(mode))
                key = (p.anchor, p.words, p.pos)
                if key in seen:  # the first listing wins; later duplicates are ignored
                    continue
                seen.add(key)
                by_anchor.setdefault(p.anchor, []).append(p)
    cameo = _read("events_cameo.yaml")
    return EventLexicon(
        by_anchor={k: tuple(sorted(v, key=_specificity)) for k, v in by_anchor.items()},
        negators=frozenset(data["negators"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        naming_verbs=frozenset(data["speech_verbs"]) | frozenset(data["naming_verbs"]),
        obligation=tuple(tuple(w.split()) for w in data["obligation_aux"]),
        self_words=frozenset(data["self_words"]),
        occurrence_verbs=frozenset(data["occurrence_verbs"]),
        topic_verbs=frozenset(data["topic_verbs"]),
        future_types=dict(data["future_types"]),
        inner_modes={k: dict(v) for k, v in data["inner_modes"].items()},
        agent_nouns=frozenset(data["agent_nouns"]),
        partitive_nouns=frozenset(data["partitive_nouns"]),
        stative_participles=frozenset(data["stative_participles"]),
        exercise_words=frozenset(data["exercise_words"]),
        force_nouns=frozenset(data["force_nouns"]),
        reducing_verbs=frozenset(data["reducing_verbs"]),
        conflict_nouns=frozenset(data["conflict_nouns"]),
        location_preps=frozenset(data["location_preps"]),
        cameo={k: {str(m): str(c) for m, c in v.items()} for k, v in cameo["codes"].items()},
    )
