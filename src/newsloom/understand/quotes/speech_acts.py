"""Speech acts toward things: a verb of communication or evaluation reports its object.

"announced his resignation", "praised the engineers", "defended the withdrawal", "called the
pilot a hero", "described the outbreak as a pandemic": the object (with what it is called or
taken as) is an indirect statement of the verb's subject. That is the convention of annotated
news (PolNeAR) which our own sets adopted (``benchmarks/quotes_eval/README.md``); the rules'
object shapes were written under the older one, where only clauses and named objects counted.
The verbs are data (``data/lexicons/speech_acts.yaml``). Only where no rule item, cue or
quotation lies: a verb inside someone's reported words is part of that statement.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from ..types import doc_pos
from .cues import Cue, content_tokens, trim
from .lexicon import Lexicon
from .subjects import speaking_subject

# What a naming verb's object is called: a predicate, or a name the parser left unlabelled after
# the object ("called the pilot, <Name>, a hero" parses the name as "dep").
_PREDICATE_DEPS = ("oprd", "dep", "npadvmod")


@dataclass(frozen=True, slots=True)
class SpeechActs:
    verbs: frozenset[str]
    naming: frozenset[str]  # verbs whose act is the name they give the object
    ballot_nouns: frozenset[str]
    ballot_preps: frozenset[str]
    said_nouns: frozenset[str]  # what a light verb's object names when it is a statement
    topics: frozenset[str]  # prepositions that give such a noun what it says
    linking: dict[str, frozenset[str]]  # verbs that state a tie only with one of these prepositions
    addressed: frozenset[str]  # verbs whose object is who was addressed: no passive subject said
    formulas: frozenset[str] = frozenset()  # objects that are a set formula: "said a prayer"


@lru_cache(maxsize=1)
def speech_acts() -> SpeechActs:
    path = resources.files("newsloom").joinpath("data/lexicons/speech_acts.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    naming = frozenset(v.lower() for v in data["naming_verbs"])
    return SpeechActs(frozenset(v.lower() for v in data["verbs"]) | naming, naming,
                      frozenset(n.lower() for n in data["ballot_nouns"]),
                      frozenset(p.lower() for p in data["ballot_prepositions"]),
                      frozenset(n.lower() for n in data["said_nouns"]), frozenset(p.lower() for p in data["said_noun_topics"]),
                      {v.lower(): frozenset(p.lower() for p in ps) for v, ps in data["linking_verbs"].items()},
                      frozenset(v.lower() for v in data["addressee_verbs"]),
                      frozenset(n.lower() for n in data.get("formula_objects", ())))


def _roots(tok: Token, naming: bool, addressed: bool = False) -> list[Token]:
    """The object with what it is called or taken as ("called X a hero", "described X as Y"),
    else the object alone; none for a pronoun object without a predicate ("defended it")."""
    kids = list(tok.children)
    objs = [c for c in kids if c.dep_ == "dobj"]
    if not objs:
        # "opposed defunding the agency", "denied having met him": a gerund without a subject of
        # its own is the object; "was praised by X": the passive's subject is, when an agent speaks.
        gerunds = [c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"
                   and not any(g.dep_ in ("nsubj", "aux", "mark") for g in c.children)]
        # (Not of a verb whose object is who was addressed: "<Name> was asked by a host".)
        passive = [c for c in kids if c.dep_ == "nsubjpass" and c.pos_ != "PRON"] if any(
            c.dep_ == "agent" for c in kids) and not addressed else []
        return [] if naming else gerunds + passive
    # "described the text as “ambitious”": an "as" the parser left without its object still
    # carries the predicate.
    predicate = [c for c in kids if c.i > objs[0].i and (c.dep_ == "prep" and c.lower_ == "as" or naming
                 and c.dep_ in _PREDICATE_DEPS and c.pos_ in ("NOUN", "PROPN", "ADJ"))]
    if predicate:
        return objs + predicate
    if naming or objs[0].pos_ == "PRON":
        return []
    return objs


def _said_noun(tok: Token, acts: SpeechActs) -> Token | None:
    """"made the case for X", "issued a statement expressing optimism about X": the object of a
    light verb, when it is a statement noun carrying what was said (a topic or a participle)."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in acts.said_nouns:
        return None
    carries = any(c.dep_ == "prep" and c.lower_ in acts.topics or c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")
                  for c in obj.children)
    return obj if carries else None


def _by_agent(tok: Token) -> bool:
    """"<Name> was endorsed by three papers", "is backed by 34% of voters": a stance in the
    passive, whose doer the agent names (the stance rules read the active voice only)."""
    return any(c.dep_ == "agent" for c in tok.children) and any(c.dep_ == "nsubjpass" for c in tok.children)


def _gap_object(tok: Token) -> Token | None:
    """"the bill, which the senators opposed", "a plan she has defended": in a relative clause
    whose object is the relative word or missing, the noun it hangs on is what the act is toward
    (not when the relative word is the subject: "the senator who opposed it")."""
    if tok.dep_ != "relcl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    kids = list(tok.children)
    if not any(c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT") for c in kids):
        return None
    objs = [c for c in kids if c.dep_ in ("dobj", "ccomp", "xcomp", "oprd")]
    if all(c.dep_ == "dobj" and c.tag_ in ("WDT", "WP") for c in objs):
        return tok.head
    return None


def _in_ballot(tok: Token, roots: list[Token], acts: SpeechActs) -> bool:
    """An act done in a vote ("rejected the terms by a wide margin in the referendum") states
    nothing; a ballot named inside the object ("defended the referendum") is what was said."""
    inside = {t.i for r in roots for t in r.subtree}
    return any(t.dep_ == "pobj" and t.i not in inside and t.head.lower_ in acts.ballot_preps
               and t.lemma_.lower() in acts.ballot_nouns
               for c in tok.children if c.dep_ == "prep" for t in c.subtree)


def _without_dates(toks: list[Token]) -> list[Token]:
    """"announced her resignation on Monday": a time the parser hung on the object is when the act
    was done, not what was said."""
    cut = {t.i for p in toks if p.dep_ == "prep" and p.lower_ != "as"
           and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in p.children) for t in p.subtree}
    return [t for t in toks if t.i not in cut]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def open_tokens(doc: Doc, taken: list[tuple[int, int]],
                pos_names: tuple[str, ...]) -> Iterator[tuple[int, int, list[tuple[int, int]], Token]]:
    """(sentence start, end, taken spans touching it, token) for each token of the given parts
    of speech in a sentence not wholly taken. Token objects are made only for those: building one
    per token costs more than the rest of a step that reads a few verbs per sentence."""
    pos_ids = doc_pos(doc)
    wanted = {doc.vocab.strings[p] for p in pos_names}
    for sent in doc.sents:
        lo, hi = sent.start_char, sent.end_char
        # Only the taken spans touching this sentence are checked (a long article has many).
        near = [(a, b) for a, b in taken if a < hi and lo < b]
        if any(a <= lo and hi <= b for a, b in near):
            continue  # a sentence wholly reported or quoted already
        for i in range(sent.start, sent.end):
            if pos_ids[i] in wanted:
                yield lo, hi, near, doc[i]


def _owned_statement(roots: list[Token], lex: Lexicon) -> bool:
    """"rejected the governor's claim that ...", "condemned <Name>'s remarks about ...": an object
    headed by a statement noun with an owner of its own is someone else's statement, and the act
    toward it is one of the subject's (annotated news credits the subject with the whole object)."""
    head = roots[0]
    kids = list(head.children)
    # A relative clause on the noun ("their support, who cited ...") holds statements of its own.
    if head.pos_ != "NOUN" or head.lemma_.lower() not in lex.statement_nouns or any(c.dep_ == "relcl" for c in kids):
        return False
    return any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by" for c in kids)


def _clashes(span: tuple[int, int], near: list[tuple[int, int]], nested: bool) -> bool:
    """Whether the content overlaps a taken span; a nested statement's own cue and content lie
    inside the object and stay beside it."""
    return any(a < span[1] and span[0] < b and not (nested and span[0] <= a and b <= span[1])
               for a, b in near)


def act_cues(doc: Doc, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Cue]:
    """Cues of speech acts whose verb, subject and object lie outside ``taken`` and within the
    verb's sentence; the object (and its predicate) is the content."""
    acts = speech_acts()
    out: list[Cue] = []
    for lo, hi, near, tok in open_tokens(doc, taken, ("VERB",)):
        lemma = tok.lemma_.lower()
        if inside(tok.idx, near):
            continue
        if lemma not in acts.verbs and not (lemma in lex.stance_verbs and _by_agent(tok)):
            said = _said_noun(tok, acts) if lemma in lex.noun_cue_verbs else None
            if said is None:
                continue
        tie = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in acts.linking.get(lemma, ())]
        if lemma in acts.linking and not tie:
            continue  # "linked arms": no tie stated
        gap = _gap_object(tok) if lemma in acts.verbs else None
        roots = [gap] if gap is not None else _roots(tok, lemma in acts.naming, lemma in acts.addressed)
        roots += tie if roots else []  # what the object is tied to is part of the statement
        if (tok.dep_ in ("amod", "compound") or not roots or _in_ballot(tok, roots, acts)
                or roots[0].lemma_.lower() in acts.formulas):
            continue
        subj, rel, _own = speaking_subject(tok, lex)
        if subj is None or inside(subj.idx, near) or not lo <= subj.idx < hi:
            continue
        if gap is not None:  # the noun without the relative clause that names the act
            own = {t.i for t in tok.subtree}
            toks = [t for t in gap.subtree if t.i not in own]
        else:
            toks = _without_dates(content_tokens(roots, lex, tok))
        span = trim(toks, one_word=True) if toks else None
        if (span is None or span[1] > hi or span[0] <= subj.idx < span[1]
                or _clashes(span, near, gap is None and _owned_statement(roots, lex))):
            continue
        out.append(Cue(tok, tok.text, tok.idx, tok.idx + len(tok.text), subj, span, relative=rel,
                       stance=lemma in lex.stance_verbs))
    return out
