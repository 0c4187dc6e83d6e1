"""Cues carried by a prepositional adjunct or a statement noun rather than a reporting verb.

- a finding's source: "<Name> leads by 9 points in the latest poll", "In a new survey, 40 percent
  of voters ...", "By the agency's tally, <clause>": the clause is what the poll (survey, tally)
  found. The nouns and their prepositions are data (``adjunct_sources``).
- a statement noun with no owner of its own, made by the subject of its verb: "<Name> made a
  promise to ...", "with plans to ...", "in the hope that ..." (verbs as data: ``noun_cue_verbs``).

A fronted point of view ("For many voters, the race is over.") was tried as a third shape: right
on 11 of 20 on the train sample of PolNeAR but on none of 5 on its dev part ("For Charlotte, the
questions ... will take longer"), so it is left out.
"""

from __future__ import annotations

from spacy.symbols import ADP, NOUN
from spacy.tokens import Span, Token

from ..types import tokens_with_pos
from .cues import Cue, content_tokens, trim
from .cues import sentence_cues as _verb_and_phrase_cues
from .lexicon import Lexicon
from .predicates import predicate_cues
from .subjects import is_cue_verb

_CLAUSE_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}


def _clause_verb(tok: Token) -> Token | None:
    """The main verb the adjunct modifies: its head, or the verb above the object it hangs on ("has
    a lead in the polls"); none for a subject's modifier ("voters in the survey") or a verb of a
    subordinate clause ("who is leading in the polls", "when she sagged in the polls")."""
    t = tok.head
    if t.pos_ not in ("VERB", "AUX"):
        if t.dep_ not in ("dobj", "attr", "npadvmod", "acomp") or t.head.pos_ not in ("VERB", "AUX"):
            return None
        t = t.head
    main = t if t.dep_ != "conj" else t.head
    return t if main.dep_ == "ROOT" else None


def _clause_span(verb: Token, adjunct: Token, lex: Lexicon) -> tuple[int, int] | None:
    """The clause of ``verb`` without the adjunct's own words; none when a reporting verb governs
    the clause (that verb's cue reports it, the adjunct only says where)."""
    if not any(c.dep_ in _CLAUSE_DEPS for c in verb.children):
        return None
    if is_cue_verb(verb, lex) and any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children):
        return None  # "60 percent said ... in the poll": the verb reports; the poll says where
    own = {t.i for t in adjunct.subtree}
    # Nested reporting clauses are cut out as for any reported clause.
    tokens = [t for t in content_tokens([verb], lex, verb) if t.i not in own]
    tokens.append(verb)
    before = [t for t in tokens if t.i < adjunct.i]
    after = [t for t in tokens if t.i > adjunct.i]
    # A fronted adjunct reports what follows it; one inside the clause, the clause around it.
    side = after if adjunct.i <= verb.i and len(after) >= len(before) else tokens
    return trim(side)


def _source_cue(tok: Token, lex: Lexicon) -> Cue | None:
    """"in the latest poll", "by the AP's tally": the clause the adjunct modifies is the finding."""
    nouns = lex.adjunct_sources.get(tok.lower_)
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if not nouns or obj is None or obj.lemma_.lower() not in nouns:
        return None
    if tok.lower_ == "by" and not any(c.dep_ == "poss" for c in obj.children):
        return None  # "by the count" of what? only an owned tally is a source ("by AP's tally")
    verb = _clause_verb(tok)
    if verb is None or tok.dep_ != "prep":
        return None
    content = _clause_span(verb, tok, lex)
    if content is None:
        return None
    return Cue(obj, tok.text, tok.idx, tok.idx + len(tok.text), obj, content, noun=True)


def _subject_noun_cue(tok: Token, lex: Lexicon, text: str) -> Cue | None:
    """A statement noun with no owner of its own whose clause is what the verb's subject said or
    means: "stirred controversy with an assertion that ...", "made a promise to ...", "is buying
    ads, with plans to spend ...", "backed him in the hope that ..."."""
    if tok.lemma_.lower() not in lex.statement_nouns or any(c.dep_ == "poss" for c in tok.children):
        return None
    clauses = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
               and any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to") for g in c.children)]
    if not clauses:
        return None
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.noun_cue_verbs:
        verb = tok.head
    elif (tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX")
          and (tok.head.lower_ == "with" or tok.head.lower_ == "in" and tok.lemma_.lower() in ("hope", "belief"))):
        # "in a better position to ..." is no statement; "in the hope that ..." is one.
        verb = tok.head.head
    else:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None or subject.tag_ in ("WDT", "EX") or subject.lower_ in ("it", "this", "that"):
        return None
    content = trim(content_tokens(clauses, lex, tok))
    if content is None:
        return None
    return Cue(tok, text[tok.idx:tok.idx + len(tok.text)], tok.idx, tok.idx + len(tok.text), subject, content,
               noun=True)


_NOUN_ADP = frozenset({NOUN, ADP})


def adjunct_cues(sent: Span, lex: Lexicon, text: str) -> list[Cue]:
    """Cues of the sentence carried by an adjunct or an unowned statement noun (see the module's
    docstring)."""
    out: list[Cue] = []
    for tok in tokens_with_pos(sent, _NOUN_ADP):
        if tok.pos_ == "NOUN":
            cue = _subject_noun_cue(tok, lex, text)
        elif tok.pos_ == "ADP":
            cue = _source_cue(tok, lex)
        else:
            continue
        if cue is not None:
            out.append(cue)
    return out


def sentence_cues(sent: Span, lex: Lexicon, text: str) -> list[Cue]:
    """Every cue of the sentence, in text order: verbs, source phrases, nouns and adjuncts."""
    cues = _verb_and_phrase_cues(sent, lex, text)
    # A view stated with an adjective never keeps a poll from reporting its finding ("In a new
    # survey, 58 percent were unhappy with the plan"): inside the finding it is part of it.
    views = predicate_cues(sent, lex, text)
    taken = [(c.start, c.end) for c in cues]
    # An adjunct adds a cue only where no other cue reports most of the same words ("bounced back
    # in the polls, according to a new poll": the phrase's cue is the attribution).
    # Nor where another cue sits inside its clause: each would count as part of the other's words,
    # and the cue inside is the more direct attribution ("... although history says ...").
    held = [c.content for c in cues if c.content is not None]
    extra = [c for c in adjunct_cues(sent, lex, text) if not any(a <= c.start < b for a, b in taken)
             and not any(2 * (min(b, c.content[1]) - max(a, c.content[0])) > c.content[1] - c.content[0]
                         for a, b in held)
             and not any(c.content[0] <= o.start < c.content[1] for o in cues if o.content is not None)]
    return sorted(cues + views + extra, key=lambda c: c.start) if extra or views else cues
