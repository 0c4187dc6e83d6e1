"""A learned step for indirect statements the rules leave out: (cue, content, source) triples.

The cue rules take a verb's content only in the shapes written for it; annotated news marks
hundreds of verbs once or twice, with a clause, an object, an infinitive or a prepositional
object as what was said or stood for. Here every verb with a subject gets candidate contents, one
per shape it governs, and a logistic model scores each (verb, shape, subject) triple from its
structure: the verb's lemma, the shape, how long and what kind the content is, who the subject
is. The best candidate of a verb above a threshold becomes an indirect statement, only where no
rule item or quotation already lies. Weights are data (``data/lexicons/content_model.json``,
written by ``benchmarks/train_content.py``): feature names and floats, no corpus text.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from .assemble import Item
from .cues import Cue, content_tokens, trim
from .lexicon import Lexicon
from .marks import Marked
from .speech_acts import act_cues, inside, open_tokens
from .subjects import speaking_subject

_ENTITY_KINDS = {"PERSON": "person", "ORG": "org", "NORP": "group", "GPE": "place"}
_PERSONAL = {"he", "she", "i", "we", "they", "you"}
_CLAUSE_DEPS = ("ccomp", "parataxis")
# As for the rules' reported clauses, fewer words say nothing ("backed it") unless they name someone.
_MIN_WORDS = 3
# Prepositions whose object can be what a verb reports ("talked about", "voted for", "sided
# with"); a preposition of time or place ("on Tuesday", "in Ohio") never is in annotated news.
_CONTENT_PREPS = {"about", "for", "against", "on", "of", "with", "to", "over", "at", "into"}
# Children of the verb that tell its construction: a passive, an agent, an auxiliary, a particle.
_KID_DEPS = {"nsubjpass", "agent", "aux", "auxpass", "prt", "advmod", "dative", "advcl", "dobj", "ccomp"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One (verb, content, source) triple; ``span`` is the content's character span."""

    verb: Token
    shape: str
    span: tuple[int, int]
    subject: Token
    relative: Token | None
    features: list[str]


def _shapes(tok: Token) -> list[tuple[str, list[Token]]]:
    """What a verb may report: its clause, infinitive, object, or a preposition's object; what a
    noun may ("his call for X", "her claim that Y"): its clause or a preposition's object."""
    out: list[tuple[str, list[Token]]] = []
    kids = list(tok.children)
    deps = _CLAUSE_DEPS if tok.pos_ == "VERB" else ("acl", "ccomp")
    clauses = [c for c in kids if c.dep_ in deps]
    if clauses:
        out.append(("clause", clauses))
    if tok.pos_ != "VERB":
        clauses = [c for c in clauses if any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to") for g in c.children)]
        out = [("clause", clauses)] if clauses else []
    out += [("to", [c]) for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    objs = [c for c in kids if c.dep_ == "dobj"]
    if objs:
        out.append(("obj", objs))
    for p in kids:
        if p.dep_ == "prep" and p.lower_ in _CONTENT_PREPS:
            roots = [g for g in p.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")]
            if roots:
                out.append((f"p:{p.lower_}", roots))
    return out


def _subject_kind(subj: Token) -> str:
    if subj.lower_ in _PERSONAL:
        return "pron"
    if subj.tag_ in ("WP", "WDT"):
        return "rel"
    if subj.pos_ == "PRON":
        return "otherpron"
    return _ENTITY_KINDS.get(subj.ent_type_) or ("noun" if subj.pos_ in ("NOUN", "PROPN") else "other")


def _length(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "21+"


def features(tok: Token, shape: str, content: list[Token], subj: Token, own: bool, lex: Lexicon) -> list[str]:
    """Names of the features of one triple."""
    lemma = tok.lemma_.lower()
    inside = {t.i for t in content}
    root = next((t for t in content if t.head.i not in inside), content[0])
    words = sum(not t.is_punct for t in content)
    kind = _subject_kind(subj)
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in content)
    listed = "stance" if lemma in lex.stance_verbs else "verb" if lemma in lex.verbs else "none"
    out = [f"l={lemma}", f"s={shape}", f"l={lemma}|s={shape}", f"t={tok.tag_}", f"d={tok.dep_}", f"t={tok.tag_}|s={shape}",
           f"l={lemma}|k={kind}", f"ro={root.lemma_.lower()}" if shape in ("obj", "to") or shape.startswith("p:") else "ro=-",
           f"k={kind}", f"k={kind}|s={shape}", f"n={_length(words)}", f"s={shape}|n={_length(words)}",
           f"rp={root.pos_}", f"s={shape}|rp={root.pos_}", f"re={root.ent_type_ or '-'}",
           f"s={shape}|fin={finite}", f"own={own}", f"lst={listed}", f"lst={listed}|s={shape}",
           f"hp={tok.head.pos_}", f"hd={tok.head.dep_}", f"se={subj.ent_type_ or '-'}"]
    kids = {c.dep_ for c in tok.children}
    out += [f"c={d}" for d in kids & _KID_DEPS]
    if "neg" in kids:
        out.append("neg")
    if shape == "obj" and root.pos_ == "PRON":
        out.append(f"objpron={root.lower_ in _PERSONAL or root.lower_ in ('him', 'her', 'them', 'me', 'us')}")
    mark = next((c.lower_ for r in content for c in r.children if c.dep_ == "mark"), "")
    if mark:
        out.append(f"mk={mark}")
    return out


def _subject(tok: Token, lex: Lexicon) -> tuple[Token | None, Token | None, bool]:
    """The speaker's head, the relative word standing for it, and whether it is the verb's own
    (a noun's is its owner: "her claim")."""
    if tok.pos_ == "NOUN":
        return next((c for c in tok.children if c.dep_ == "poss"), None), None, True
    return speaking_subject(tok, lex)


def candidates(doc: Doc, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Every triple of the document whose verb, subject and content lie outside ``taken`` (rule
    items and quotations) and within the verb's sentence."""
    out: list[Candidate] = []
    for lo, hi, near, tok in open_tokens(doc, taken, ("VERB", "NOUN")):
        pos = tok.pos_
        if pos != "VERB" and (pos != "NOUN" or not any(c.dep_ == "poss" for c in tok.children)):
            continue  # a noun speaks only through its owner ("her claim")
        if inside(tok.idx, near) or _known(tok, lex) or not (shapes := _shapes(tok)):
            continue
        subj, rel, own = _subject(tok, lex)
        if subj is None or inside(subj.idx, near) or not lo <= subj.idx < hi:
            continue
        for shape, roots in shapes:
            toks = content_tokens(roots, lex, tok)
            span = trim(toks, one_word=shape == "obj") if toks else None
            if (span is None or span[1] > hi or span[0] <= subj.idx < span[1]
                    or any(a < span[1] and span[0] < b for a, b in near)):
                continue
            kept = [t for t in toks if span[0] <= t.idx < span[1]]
            if sum(not t.is_punct for t in kept) < _MIN_WORDS and not any(t.pos_ == "PROPN" for t in kept):
                continue
            out.append(Candidate(tok, shape, span, subj, rel, features(tok, shape, kept, subj, own, lex)))
    return out


def _known(tok: Token, lex: Lexicon) -> bool:
    """A word the hand lists know keeps the constructions written for it: what its object or
    preposition reports was decided there (the speech acts' objects, "announced his resignation",
    are taken by ``speech_acts`` before this step, by the verb list in its data)."""
    lemma = tok.lemma_.lower()
    return lemma in lex.verbs or any(lemma in s for s in (
        lex.stance_verbs, lex.object_content, lex.issuing_verbs, lex.denial_verbs, lex.statement_nouns))


@dataclass(frozen=True, slots=True)
class ContentModel:
    weights: dict[str, float]
    bias: float
    threshold: float  # a probability

    def score(self, feats: list[str]) -> float:
        w = self.weights
        z = self.bias + sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def content_model() -> ContentModel | None:
    """The packaged model, or None when the data file holds none."""
    path = resources.files("newsloom").joinpath("data/lexicons/content_model.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return ContentModel(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))


def learned_cues(doc: Doc, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Cue]:
    """Cues of the statements the model finds where nothing was taken: the best-scoring content
    of each verb above the threshold, the higher-scoring first where two contents overlap."""
    model = content_model()
    if model is None:
        return []
    scored = [(model.score(c.features), c) for c in candidates(doc, lex, taken)]
    chosen: list[Candidate] = []
    for p, c in sorted(scored, key=lambda x: -x[0]):
        if p < model.threshold:
            break
        if any(o.verb.i == c.verb.i or o.span[0] < c.span[1] and c.span[0] < o.span[1] for o in chosen):
            continue
        chosen.append(c)
    return [Cue(c.verb, c.verb.text, c.verb.idx, c.verb.idx + len(c.verb.text), c.subject, c.span,
                relative=c.relative, noun=c.verb.pos_ == "NOUN") for c in sorted(chosen, key=lambda c: c.span[0])]


def learned_items(doc: Doc, lex: Lexicon, items: list[Item], marks: list[Marked]) -> list[Item]:
    """Indirect statements of speech acts toward things, then of the learned cues, outside the
    rules' items and every quotation."""
    taken = [(it.start, it.end) for it in items] + [(m.start, m.end) for m in marks]
    taken += [(it.cue.start, it.cue.end) for it in items if it.cue is not None]
    acts = [c for c in act_cues(doc, lex, taken) if c.content is not None]
    # The model's candidates stay off the speech acts' verbs and objects.
    taken += [(c.start, c.end) for c in acts] + [c.content for c in acts if c.content is not None]
    return [Item(c.content[0], c.content[1], "indirect", c, parts=[c.content])
            for c in acts + learned_cues(doc, lex, taken) if c.content is not None]


def nested_statements(items: list[Item], added: list[Item]) -> list[Item]:
    """The rules' items less a noun cue's statement lying inside a speech act's object ("rejected
    <Name>'s remarks about X"): annotated news credits the act's subject with the whole object
    and marks the inner statement only when it has a clause of its own and a named owner
    ("welcomed <Body>'s pledge to ..." keeps the pledge; in "defended her decision to ..." the
    pronoun is the subject itself, one statement). Measured on PolNeAR train: keeping every inner
    statement added 13 predictions over no gold."""
    outer = [(n.start, n.end) for n in added if n.cue is not None and n.cue.anchor.pos_ == "VERB"]

    def inner(it: Item) -> bool:
        c = it.cue
        if c is None or not c.noun or not any(a <= c.start and it.end <= b for a, b in outer):
            return False
        clause = c.end == c.anchor.idx + len(c.anchor.text)  # a prepositional content extends the cue
        return not clause or c.subject is None or c.subject.pos_ == "PRON"
    return [it for it in items if not inner(it)]
