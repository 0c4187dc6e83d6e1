"""A learned reporting-cue detector: a linear model over the structure around a verb.

The hand lexicon lists the verbs that report speech; annotated news marks hundreds more, most of
them once or twice ("recapitulated", "mused"). What they share is structure, not the word: a
clausal complement introduced by "that", a person or organisation as subject, a past tense. The
model scores a verb token on such features (its lemma among them, so a verb seen often as a cue
weighs more) and the verb counts as a cue above a threshold. The weights are data
(``data/lexicons/cue_model.json``, written by ``benchmarks/train_cues.py``): feature names and
floats, no corpus text.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

_QUOTES = set('“”"„«»')
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "NORP": "group", "GPE": "place"}
_GOVERNS = {"ccomp", "xcomp", "parataxis", "prep"}
_PERSONAL = {"he", "she", "i", "we", "they", "you", "who"}


def _subject(tok: Token) -> Token | None:
    """The verb's own subject, or that of the verb it is joined to ("said X and warned Y")."""
    t = tok
    for _ in range(3):
        subj = next((c for c in t.children if c.dep_ in _SUBJ), None)
        if subj is not None:
            return subj
        if t.dep_ not in ("conj", "xcomp", "advcl") or t.head.i == t.i:
            return None
        t = t.head
    return None


def _subject_kind(subj: Token | None) -> str:
    if subj is None:
        return "none"
    if subj.lower_ in _PERSONAL:
        return "pron"
    if subj.pos_ == "PRON":
        return "otherpron"
    kind = _ENTITY_KINDS.get(subj.ent_type_)
    if kind:
        return kind
    return "noun" if subj.pos_ in ("NOUN", "PROPN") else "other"


def _in_quotes(tok: Token) -> bool:
    """An odd number of double quotation marks before the token in its sentence."""
    # Walked back token by token: ``tok.sent`` and slicing the doc cost more than the rest of
    # the features together.
    doc, n, i = tok.doc, 0, tok.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
        n += doc[i].text in _QUOTES
    return n % 2 == 1


def features(tok: Token) -> list[str]:
    """Names of the features present for one verb token."""
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    deps = {c.dep_ for c in kids}
    out = [f"l={lemma}", f"t={tok.tag_}", f"d={tok.dep_}", f"hp={tok.head.pos_}", f"hd={tok.head.dep_}"]
    out += [f"c={d}" for d in deps]
    clause = next((c for c in kids if c.dep_ in ("ccomp", "parataxis")), None)
    shape = "none"
    if clause is not None:
        mark = next((g.lower_ for g in clause.children if g.dep_ == "mark"), "")
        shape = f"clause:{mark or 'bare'}"
    elif any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in kids):
        shape = "to"
    elif "dobj" in deps:
        shape = "obj"
    out.append(f"s={shape}")
    out.append(f"l={lemma}|s={shape}")
    out += [f"p={c.lower_}" for c in kids if c.dep_ in ("prep", "prt")]
    out += [f"l={lemma}|p={c.lower_}" for c in kids if c.dep_ in ("prep", "prt")]
    kind = _subject_kind(_subject(tok))
    out.append(f"k={kind}")
    out.append(f"k={kind}|s={shape}")
    if "neg" in deps:
        out.append("neg")
    if _in_quotes(tok):
        out.append("inq")
    return out


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float  # a probability

    def score(self, tok: Token) -> float:
        """Probability that ``tok`` heads a reporting cue."""
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in features(tok))
        return 1.0 / (1.0 + math.exp(-z))

    def is_cue(self, tok: Token) -> bool:
        # Only a verb governing a clause or a preposition can report anything from it (the cue
        # rules take content from nothing else for a verb the lists lack); the others are not
        # scored, which keeps the model's cost to a few verbs per sentence.
        return (tok.pos_ == "VERB" and any(c.dep_ in _GOVERNS for c in tok.children)
                and self.score(tok) >= self.threshold)


@lru_cache(maxsize=1)
def cue_model() -> CueModel | None:
    """The packaged model, or None when the data file holds none."""
    path = resources.files("newsloom").joinpath("data/lexicons/cue_model.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return CueModel(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))
