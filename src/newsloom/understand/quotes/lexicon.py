"""The quote lexicons (reporting cues, speaker roles, venues), loaded once from ``data/lexicons``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .learned import CueModel, cue_model


def _load(name: str) -> dict[str, Any]:
    text = resources.files("newsloom").joinpath(f"data/lexicons/{name}").read_text("utf-8")
    return yaml.safe_load(text)


def _lower(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(i).lower() for i in items))


def _set(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(_lower(data.get(key, [])))


def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern for whole-word occurrences of any of ``words``."""
    alts = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in alts) + r")\b", re.I)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: frozenset[str]
    needs_complement: frozenset[str]
    denial_verbs: frozenset[str]
    object_content: frozenset[str]
    stance_verbs: frozenset[str]  # their object is what a position is taken toward: a stance
    object_speaker: frozenset[str]
    statement_nouns: frozenset[str]
    learned_only: frozenset[str]  # cues known only from annotated news: they count only with content
    prep_content: dict[str, frozenset[str]]  # preposition -> verbs whose object after it is reported
    preps_of_verb: dict[str, frozenset[str]]  # the same read the other way: verb -> prepositions
    preps_of_any: frozenset[str]  # prepositions after which any reporting verb's object is reported
    source_phrases: tuple[str, ...]
    verb_phrases: tuple[str, ...]
    document_nouns: frozenset[str]
    issuing_verbs: frozenset[str]
    role_nouns: dict[str, tuple[str, ...]]
    state_bodies: tuple[str, ...]
    pronouns: dict[str, frozenset[str]]
    vague_heads: frozenset[str]
    org_nouns: frozenset[str]
    media_nouns: tuple[str, ...]
    state_offices: tuple[str, ...]
    venue_prepositions: tuple[str, ...]
    venue_nouns: tuple[str, ...]
    via_patterns: tuple[str, ...]
    boilerplate: tuple[str, ...]
    boilerplate_re: re.Pattern[str] | None  # captions, bylines, credits
    title_modifiers: frozenset[str]
    portfolios: frozenset[str]
    role_words: tuple[str, ...]  # every role noun and what it may stand for, longest first
    role_re: re.Pattern[str]  # any role word
    state_body_re: re.Pattern[str]  # any state-body head noun
    international_re: re.Pattern[str]  # words of bodies above states ("International ... Agency")
    cue_model: CueModel | None = None  # learned detector for verbs the lists lack
    # Prepositional adjuncts that name a source: preposition -> nouns ("in a new poll").
    adjunct_sources: dict[str, frozenset[str]] = field(default_factory=dict)
    noun_cue_verbs: frozenset[str] = frozenset()  # "made a promise to ...": the subject's own statement
    as_verbs: frozenset[str] = frozenset()  # "describes X as Y": the object and what it is taken as
    as_only: frozenset[str] = frozenset()  # of those, cues in that construction alone ("regards X as Y")
    predicate_adjectives: frozenset[str] = frozenset()  # "is confident that ...", "critical of X"
    predicate_nouns: frozenset[str] = frozenset()  # "<Name>'s response was that ..."
    # "continued to insist that ...": an infinitive reports only when its own verb is a cue.
    carrier_verbs: frozenset[str] = frozenset()
    inference_verbs: frozenset[str] = frozenset()  # "appeared to ...": the writer's reading, never a cue
    addressed_nouns: frozenset[str] = frozenset()  # "comments to the AP": "to" names who heard it

    def content_preps(self, lemma: str) -> frozenset[str]:
        """The prepositions after which ``lemma`` names what is reported."""
        return self.preps_of_verb.get(lemma, self.preps_of_any)

    def pronoun_class(self, word: str) -> str | None:
        w = word.lower()
        for cls, words in self.pronouns.items():
            if w in words:
                return cls
        return None


def _merge_learned(rv: dict[str, Any], learned: dict[str, Any]) -> frozenset[str]:
    """Add the cues learned from annotated news (``learned_cues.yaml``) to the hand-made lists: a
    verb learned with a clause becomes a cue with that clause; with an object, one whose object
    is reported; with a preposition, one whose object after that preposition is reported. A verb
    the hand-made list already holds gains only prepositions ("pointed to"); its object stays
    unreported ("announced his resignation" is an act, not a statement). Returns the verbs added."""
    known = set(_lower(rv["verbs"]))
    hand = frozenset(known)
    for kind, lemmas in (learned or {}).items():
        for lemma in lemmas:
            if lemma not in known:
                rv["verbs"].append(lemma)
                rv["needs_complement"].append(lemma)  # a quoted object is not what it reports
                known.add(lemma)
            if lemma in hand and not kind.startswith("prep:"):
                continue
            if kind == "object":
                rv.setdefault("object_content", []).append(lemma)
            elif kind.startswith("prep:"):
                rv["prepositional_content"].setdefault(kind[5:], []).append(lemma)
    return frozenset(known - hand)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicons; parsed on first use and shared by every component instance."""
    rv = _load("reporting_verbs.yaml")
    learned_only = _merge_learned(rv, _load("learned_cues.yaml"))
    as_verbs = _lower(rv["as_predicate_verbs"])
    as_only = frozenset(v for v in as_verbs if v not in _lower(rv["verbs"] + rv.get("stance_verbs", [])))
    stances = _lower(rv.get("stance_verbs", []))
    # A stance verb is a cue whose object is reported, whatever the other lists say of it.
    rv["verbs"] += [v for v in stances if v not in rv["verbs"]]
    rv["object_content"] = list(rv.get("object_content", [])) + list(stances)
    sp = _load("quote_speakers.yaml")
    cx = _load("quote_context.yaml")
    role_nouns = {k.lower(): _lower(v) for k, v in sp["role_nouns"].items()}
    role_words = tuple(sorted({w for ws in role_nouns.values() for w in ws} | set(role_nouns),
                              key=len, reverse=True))
    return Lexicon(
        verbs=frozenset(_lower(rv["verbs"])),
        needs_complement=frozenset(_lower(rv["needs_complement"])),
        denial_verbs=frozenset(_lower(rv.get("denial_verbs", []))),
        object_content=frozenset(_lower(rv.get("object_content", []))),
        stance_verbs=frozenset(stances),
        object_speaker=frozenset(_lower(rv["object_speaker"])),
        statement_nouns=frozenset(_lower(rv["statement_nouns"])),
        learned_only=learned_only,
        prep_content=(preps := {p.lower(): frozenset(_lower(v)) for p, v in rv["prepositional_content"].items()}),
        preps_of_verb={v: frozenset(p for p, vs in preps.items() if v in vs or "*" in vs)
                       for vs in preps.values() for v in vs if v != "*"},
        preps_of_any=frozenset(p for p, vs in preps.items() if "*" in vs),
        # Longest first so "in the words of" wins over shorter overlapping phrases.
        source_phrases=tuple(sorted(_lower(rv["phrases"]["source_before"]), key=len, reverse=True)),
        verb_phrases=tuple(sorted(_lower(rv["phrases"]["verb_phrases"]), key=len, reverse=True)),
        document_nouns=frozenset(_lower(rv["document_nouns"])),
        issuing_verbs=frozenset(_lower(rv["issuing_verbs"])),
        role_nouns=role_nouns,
        state_bodies=_lower(sp["state_bodies"]),
        pronouns={k: frozenset(_lower(v)) for k, v in sp["pronouns"].items()},
        vague_heads=frozenset(_lower(sp["vague_heads"])),
        org_nouns=frozenset(_lower(sp["org_nouns"])),
        media_nouns=_lower(sp["media_nouns"]),
        state_offices=_lower(sp["state_offices"]),
        venue_prepositions=_lower(cx["venue_prepositions"]),
        venue_nouns=tuple(sorted(_lower(cx["venue_nouns"]), key=len, reverse=True)),
        via_patterns=tuple(sorted(_lower(cx["via_patterns"]), key=len, reverse=True)),
        boilerplate=_lower(cx["boilerplate_markers"]),
        boilerplate_re=re.compile("|".join(f"(?:{p})" for p in cx["boilerplate_patterns"]), re.M)
        if cx.get("boilerplate_patterns") else None,
        title_modifiers=frozenset(_lower(sp["title_modifiers"])),
        portfolios=frozenset(_lower(sp["portfolios"])),
        role_words=role_words,
        role_re=_any_word(role_words),
        state_body_re=_any_word(_lower(sp["state_bodies"])),
        international_re=_any_word(_lower(sp["international_markers"])),
        cue_model=cue_model(),
        adjunct_sources={p.lower(): frozenset(_lower(v)) for p, v in rv["adjunct_sources"].items()},
        as_verbs=frozenset(as_verbs), as_only=as_only, noun_cue_verbs=frozenset(_lower(rv["noun_cue_verbs"])),
        predicate_adjectives=_set(rv, "predicate_adjectives"), predicate_nouns=_set(rv, "predicate_nouns"),
        carrier_verbs=_set(rv, "carrier_verbs"), inference_verbs=_set(rv, "inference_verbs"),
        addressed_nouns=_set(rv, "addressed_nouns"),
    )
