"""A learned choice of speaker for a direct quotation that no cue attributes.

The ordered rules (cue subject, adjacent cue, follow-on quotation) leave some quotations without
a speaker: a name before a colon ("Clinton: “…”", "Stated Stone: “…”"), a cue the parser missed
("“…” Murphy, the head of the group, Tweeted on Friday"). Here every person or organisation
mention and personal pronoun around the quotation is a candidate; a linear model scores each on
where it stands (side, distance, sentence, paragraph, a colon between) and what it is (subject of
a reporting verb, person, the last speaker). The weights are data (``speaker_ranker.json``),
trained by ``benchmarks/train_speaker_ranker.py`` on annotated news; this module only reads them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..types import LinkedMention
from .lexicon import Lexicon
from .mentions import MentionIndex

_REACH = 400  # characters either side of the quotation where a candidate may stand
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    mention: LinkedMention | None  # a named actor
    token: Token | None  # a pronoun, resolved by the speaker resolver when chosen
    features: dict[str, float]


@dataclass(slots=True)
class Scene:
    """What the features of one document read; built once per document."""

    doc: Doc
    text: str
    index: MentionIndex
    lex: Lexicon
    quoted: list[tuple[int, int]]
    para_of: Callable[[int], int]
    sentence_of: Callable[[int], int]
    speakers: list[tuple[int, str]]  # (position, actor id) of speakers the rules found
    top_speaker: str | None  # the actor quoted most often in the document


@dataclass(frozen=True, slots=True)
class Model:
    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def score(self, features: dict[str, float]) -> float:
        z = self.bias + sum(w * features.get(n, 0.0) for n, w in zip(self.names, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def model() -> Model:
    raw = json.loads(resources.files("newsloom").joinpath("data/lexicons/speaker_ranker.json").read_text("utf-8"))
    return Model(tuple(raw["features"]), tuple(float(w) for w in raw["weights"]), float(raw["bias"]),
                 float(raw["threshold"]))


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)


def _token_at(doc: Doc, pos: int) -> Token | None:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def candidates(scene: Scene, start: int, end: int, own: list[tuple[int, int]]) -> list[Candidate]:
    """Mentions and pronouns within reach of the quotation ``[start, end)`` (outside any quotation;
    ``own`` are the quotation's marked pieces, so a speaker between two parts is a candidate)."""
    lo, hi = max(0, start - _REACH), min(len(scene.text), end + _REACH)
    found: list[tuple[int, int, LinkedMention | None, Token | None]] = []
    for m in scene.index.within(lo, hi):
        if m.actor.type in ("person", "organization") and not _inside(scene.quoted, m.start, m.end):
            found.append((m.start, m.end, m, None))
    span = scene.doc.char_span(lo, hi, alignment_mode="contract")
    for t in span if span is not None else ():
        cls = scene.lex.pronoun_class(t.text)
        # Only a pronoun that is a subject can be who speaks ("he said"), not "him" or "his".
        if (t.pos_ == "PRON" and t.dep_ in _SUBJECT_DEPS and cls and cls.startswith("person")
                and not _inside(scene.quoted, t.idx, t.idx + 1)):
            found.append((t.idx, t.idx + len(t.text), None, t))
    found = [f for f in found if not _inside(own, f[0], f[1])]
    before = sorted((f for f in found if f[1] <= start), key=lambda f: -f[1])
    after = sorted((f for f in found if f[0] >= start), key=lambda f: f[0])
    out = []
    for side, group in (("before", before), ("after", after)):
        for rank, (a, b, m, tok) in enumerate(group):
            out.append(Candidate(a, b, m, tok, _features(scene, start, end, own, a, b, m, tok, side, rank)))
    return out


def _features(scene: Scene, start: int, end: int, own: list[tuple[int, int]], a: int, b: int,
              m: LinkedMention | None, tok: Token | None, side: str, rank: int) -> dict[str, float]:
    text = scene.text
    after = side == "after"
    # Between the end of the nearest quoted piece and the candidate.
    if after:
        edge = max((e for s, e in own if e <= a), default=end)
        gap = text[edge:a]
    else:
        gap = text[b:start]
    head = tok if tok is not None else _token_at(scene.doc, b - 1)
    if head is not None and tok is None:
        while head.head is not head and head.dep_ in ("compound", "flat", "amod") and head.head.idx < b:
            head = head.head
    verb = head.head if head is not None else None
    speech = verb is not None and verb.lemma_.lower() in scene.lex.verbs
    para_q = scene.para_of(start)
    sent_q = {scene.sentence_of(start), scene.sentence_of(max(start, end - 1))}
    kind = "pronoun" if tok is not None else (m.actor.type if m is not None else "other")
    actor = m.actor.id if m is not None else None
    last = max((p for p in scene.speakers if p[0] < start), default=None)
    f = {
        side: 1.0,
        f"{side}_rank0": float(rank == 0),
        f"{side}_rank1": float(rank == 1),
        f"{side}_log_gap": math.log1p(len(gap)),
        f"{side}_near": float(len(gap.strip(" ,\u00a0")) <= 3),
        "same_sentence": float(scene.sentence_of(a) in sent_q),
        "same_para": float(scene.para_of(a) == para_q),
        "prev_para": float(scene.para_of(a) == para_q - 1),
        "colon_before": float(not after and gap.rstrip().endswith(":") and len(gap) <= 60),
        "colon_right_after": float(not after and gap.strip().startswith(":")),
        "subject": float(head is not None and head.dep_ in _SUBJECT_DEPS),
        "subject_of_speech": float(head is not None and head.dep_ in _SUBJECT_DEPS and speech),
        "head_speech": float(speech),
        f"{side}_speech_in_gap": float(any(w in scene.lex.verbs for w in _lemmas(scene.doc, *((edge, a) if after else (b, start))))),
        f"{side}_short_gap": float(len(gap.split()) <= 3),
        "sentences_apart": float(min(abs(scene.sentence_of(a) - s) for s in sent_q)),
        "opens_para": float(a == _para_start(scene, a)),
        "quote_opens_para": float(start == _para_start(scene, start)),
        "gap_has_stop": float(any(ch in gap for ch in ".!?")),
        "gap_has_newline": float("\n" in gap),
        kind: 1.0,
        "last_speaker": float(actor is not None and last is not None and last[1] == actor),
        "top_speaker": float(actor is not None and actor == scene.top_speaker),
        "was_speaker": float(actor is not None and any(p[1] == actor for p in scene.speakers if p[0] < start)),
    }
    return f


def _para_start(scene: Scene, pos: int) -> int:
    nl = scene.text.rfind("\n", 0, pos)
    i = nl + 1
    while i < pos and scene.text[i] in " \t\u00a0":
        i += 1
    return i


def _lemmas(doc: Doc, a: int, b: int) -> list[str]:
    if b <= a:
        return []
    span = doc.char_span(a, b, alignment_mode="contract")
    return [t.lemma_.lower() for t in span] if span is not None else []


def choose(scene: Scene, start: int, end: int, own: list[tuple[int, int]]) -> Candidate | None:
    """The best-scoring candidate when the model is sure enough, else None."""
    mdl = model()
    best: tuple[float, Candidate] | None = None
    for c in candidates(scene, start, end, own):
        s = mdl.score(c.features)
        if best is None or s > best[0]:
            best = (s, c)
    return best[1] if best is not None and best[0] >= mdl.threshold else None
