"""The linking vocabulary (``data/lexicons/linking.yaml``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language

from .kb import fold, fold_words


@dataclass(frozen=True, slots=True)
class Homonym:
    other: dict[str, Any]
    other_cues: frozenset[tuple[str, ...]]
    country_cues: frozenset[tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class LinkingLexicon:
    role_nouns: frozenset[str]
    descriptor_nouns: frozenset[str]
    group_nouns: frozenset[str]
    government_nouns: frozenset[str]
    event_nouns: frozenset[str]
    honorifics: dict[str, str | None]
    locative_preps: frozenset[str]
    motion_lemmas: frozenset[str]
    motion_only_preps: frozenset[str]
    ministries: dict[str, str]
    homonyms: dict[tuple[str, ...], Homonym]
    office_kinds: dict[str, tuple[str, ...]]
    not_incumbent: frozenset[str]
    not_person: frozenset[tuple[str, ...]]
    common_names: frozenset[str]
    org_heads: frozenset[str]
    company_heads: frozenset[str]
    place_heads: frozenset[str]
    generic_bodies: dict[tuple[str, ...], str]
    document_nouns: frozenset[str]
    abbreviated_titles: dict[str, str]
    furniture: frozenset[str]
    domain_cues: dict[str, frozenset[str]]
    time_zones: frozenset[str] = frozenset()
    subnational: frozenset[str] = frozenset()


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@lru_cache(maxsize=1)
def linking_lexicon() -> LinkingLexicon:
    text = resources.files("newsloom").joinpath("data/lexicons/linking.yaml").read_text("utf-8")
    d = yaml.safe_load(text)
    homonyms = {
        fold_words(name): Homonym(
            other=h["other"],
            other_cues=frozenset(fold_words(c) for c in h.get("other_cues", [])),
            country_cues=frozenset(fold_words(c) for c in h.get("country_cues", [])),
        )
        for name, h in (d.get("homonyms") or {}).items()
    }
    return LinkingLexicon(
        role_nouns=_words(d["role_nouns"]),
        descriptor_nouns=_words(d.get("descriptor_nouns")),
        group_nouns=_words(d["group_nouns"]),
        government_nouns=_words(d["government_nouns"]),
        event_nouns=_words(d.get("event_nouns")),
        honorifics={str(k).lower(): v for k, v in (d.get("honorifics") or {}).items()},
        locative_preps=_words(d["locative_preps"]),
        motion_lemmas=_words(d["motion_lemmas"]),
        motion_only_preps=_words(d["motion_only_preps"]),
        ministries={str(k).lower(): str(v) for k, v in (d.get("ministries") or {}).items()},
        homonyms=homonyms,
        not_incumbent=_words(d.get("not_incumbent")),
        org_heads=_words(d.get("org_heads")),
        company_heads=_words(d.get("company_heads")),
        place_heads=_words(d.get("place_heads")),
        generic_bodies={fold_words(str(b)): str(b) for b in d.get("generic_bodies") or ()},
        document_nouns=_words(d.get("document_nouns")),
        abbreviated_titles={str(k).lower(): str(v) for k, v in (d.get("abbreviated_titles") or {}).items()},
        furniture=frozenset(fold(str(w)) for w in d.get("furniture") or ()),
        common_names=frozenset(fold(str(w)) for w in d.get("common_names") or ()),
        not_person=frozenset(fold_words(str(w)) for w in d.get("not_person") or ()),
        domain_cues={str(k): frozenset(fold(str(w)) for w in v) for k, v in (d.get("domain_cues") or {}).items()},
        time_zones=_words(d.get("time_zones")),
        subnational=_words(d.get("subnational")),
        office_kinds={" ".join(str(k).lower().split()): tuple(v) for k, v in (d.get("office_kinds") or {}).items()},
    )


def dictionary_words(nlp: Language) -> frozenset[str]:
    """The English words of the pipeline's lemmatizer index (WordNet's nouns, verbs, adjectives and
    adverbs): a brand whose one-word name is also a word ("House", "Delta") needs more than the
    tagger's ORG to be that brand."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, ()))
