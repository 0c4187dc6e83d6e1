"""Cues led by a source phrase ("according to X") or by a noun with its owner ("<Name>'s claim
that ...")."""

from __future__ import annotations

import re

from spacy.symbols import NOUN
from spacy.tokens import Span

from ..types import tokens_with_pos
from .apposition import source_end
from .clauses import Cue, content_tokens, trim
from .lexicon import Lexicon
from .sides import acts_of_own_subject, report_sides, split_parts


def phrase_cues(sent: Span, lex: Lexicon, text: str) -> list[Cue]:
    """Cues led by a source phrase: "According to X, ...", "..., in the words of X"."""
    out: list[Cue] = []
    low = text[sent.start_char:sent.end_char].lower()
    base = sent.start_char
    for phrase in lex.source_phrases:
        if phrase not in low:
            continue  # a plain substring test spares a regex for the phrases most sentences lack
        for m in re.finditer(rf"(?<![\w]){re.escape(phrase)}\b", low):
            p_start, p_end = base + m.start(), base + m.end()
            after = [t for t in sent if t.idx >= p_end]
            if not after:
                continue
            # The source: the phrase's own object ("according to the “X” document": not the quoted
            # word), else the first noun phrase after the phrase, up to its head.
            last = after[0].doc[after[0].i - 1]
            head = next((c for c in last.children if c.dep_ == "pobj" and c.idx >= p_end), None)
            head = head or next((t for t in after if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
            if head is None:
                continue
            while head.dep_ in ("compound", "amod", "det", "nummod", "poss", "case") and head.head.i > head.i:
                head = head.head  # "Olaf" -> "Scholz"
            np_end_tok = max((t for t in head.subtree if t.idx >= p_end), key=lambda t: t.i,
                             default=head)
            # "According to <Name>, a spokeswoman for the agency, the plan ...": the apposition
            # describes the source; what was reported starts after it.
            np_end_tok = source_end(head, np_end_tok, sent)
            np_end = np_end_tok.idx + len(np_end_tok.text)
            rest_before = [t for t in sent if t.idx + len(t.text) <= p_start]
            rest_after = [t for t in sent if t.idx >= np_end]
            if acts_of_own_subject(phrase, rest_before + rest_after):
                continue  # "<X> called it a win, citing the polls": X's words, not the polls'
            sides = report_sides(rest_before, rest_after)
            # Set inside the clause ("Fundraising, according to the campaign, has surged"): both sides.
            content = trim(sides[0]) if len(sides) == 1 else None
            parts = None
            if content is None and (content := trim(rest_before + rest_after)) is not None:
                parts = split_parts(content, rest_before, rest_after)
            if content is None:
                continue
            out.append(Cue(head, text[p_start:p_end], p_start, p_end, head, content, parts=parts))
    return out


_NOUNS = frozenset({NOUN})
_NOUN_CONTENT_PREPS = {"of", "for", "to", "against", "on", "about", "over"}


def noun_cues(sent: Span, lex: Lexicon, text: str) -> list[Cue]:
    """Cues led by a noun with its owner: "<Name>'s claim that ...", "his endorsement of <Name>",
    "her decision to run", "a call for calm by <Body>"."""
    out: list[Cue] = []
    for tok in tokens_with_pos(sent, _NOUNS):
        if tok.lemma_.lower() not in lex.statement_nouns:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                          for g in c.children if g.dep_ == "pobj"), None)
        if owner is None:
            continue
        clauses = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to") for g in c.children)]
        content, cue_end = None, tok.idx + len(tok.text)
        if clauses:
            content = trim(content_tokens(clauses, lex, tok))
        else:
            # "her comments to the AP": after a noun of something said to someone, "to" names who heard it.
            addressed = tok.lemma_.lower() in lex.addressed_nouns
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPS
                         and not (addressed and c.lower_ == "to")):
                roots = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
                if roots and (content := trim(content_tokens(roots, lex, tok))) is not None:
                    cue_end = prep.idx + len(prep.text)
                    break
        if content is not None:
            out.append(Cue(tok, text[tok.idx:cue_end], tok.idx, cue_end, owner, content, noun=True))
    return out

