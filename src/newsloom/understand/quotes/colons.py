"""Quotations a colon introduces without a reporting verb: "<Name> issued the following
statement: “…”", "A footnote in the report makes that clear: “…”", or a name alone before the
colon inside a paragraph ("…” Bush: “…”", "- Pew Research: “…”"). The subject of the clause
before the colon, or the name itself, is who the quotation belongs to.

A clause counts only where its sentence holds no cue before the colon ("X said in a statement:"
is the reporting verb's, and the other rules attribute it); a name label stands alone and may
follow a headline with verbs of its own. A quotation whose attribution follows its closing comma
(“…,” he wrote, “…”) keeps that attribution."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .cues import Cue
from .lexicon import Lexicon
from .marks import Marked

# Whatever may stand between the colon and the opening mark: spaces, at most one paragraph break.
_GAP = re.compile(r"[ \t\u00a0]*(?:\n\s*)?")
# Where a name label begins (besides its sentence): a line, a closing mark or a dash. Not a full
# stop, which may be a title's ("Mr. <Name>").
_LABEL_START = re.compile(r"(?:^|[\n”\"]|''|\s[-—–―]+|[—–―])\s*", re.M)
_LABEL_WORDS = 8
_LABEL_REACH = 80  # characters back from the colon a label may begin
# Pronouns that stand for someone who can speak ("He issued the following statement:"); "It
# reads:" or "This is it:" name nothing.
_PERSONAL = {"he", "she", "they", "we", "i"}
_SUBJECTS = ("nsubj", "nsubjpass")
_AFTER = 40  # characters between a quotation's closing comma and a cue attributing it


def colon_cues(doc: Doc, text: str, marks: list[Marked], cues: list[Cue], lex: Lexicon) -> list[Cue]:
    """One cue per quotation opened right after a colon whose sentence has no cue before it."""
    out: list[Cue] = []
    quoted = [(m.start, m.end) for m in marks]
    for m in marks:
        colon = _colon_before(text, m.start)
        if colon is None:
            continue
        span = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sent = span[0].sent
        if _attributed_after(text, m, cues):
            continue
        # A name label stands alone ("<headline> - <Name>: “…”"); a clause must have no cue of its own.
        cue = _label(doc, text, sent.start_char, colon)
        if cue is None and not any(sent.start_char <= c.anchor.idx < colon for c in cues):
            cue = _clause(span[0], text, colon, lex, quoted)
        if cue is not None:
            out.append(cue)
    return out


def _attributed_after(text: str, m: Marked, cues: list[Cue]) -> bool:
    """“…,” he wrote, “…”: an attribution right after the quotation's comma is its own."""
    comma = "," in text[m.text_end - 1:m.end + 1]
    return comma and any(0 <= c.start - m.end <= _AFTER for c in cues)


def _colon_before(text: str, start: int) -> int | None:
    """The colon that the opening mark at ``start`` follows (spaces or one line break between)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\n":
        i -= 1
    if i < 0 or text[i] != ":" or _GAP.fullmatch(text, i + 1, start) is None:
        return None
    return i


def _label(doc: Doc, text: str, sent_start: int, colon: int) -> Cue | None:
    """"Bush: “…”", "Former secretary of state <Name>:": a short run of words without a verb,
    naming a person or body, alone before the colon."""
    window = max(sent_start, colon - _LABEL_REACH)
    lead = max((m.end() for m in _LABEL_START.finditer(text, window, colon)), default=sent_start)
    if lead < window:
        return None  # no boundary near: the words before the colon run on from a sentence
    words = text[lead:colon].split()
    if not 1 <= len(words) <= _LABEL_WORDS or not words[0][:1].isupper() or "," in text[lead:colon]:
        return None  # "Then, later that month on CNN:" is no name
    span = doc.char_span(lead, colon, alignment_mode="contract")
    if span is None or not len(span) or any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    names = [e for e in span.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
    if names and names[0].start > span.start and doc[names[0].start - 1].pos_ == "ADP":
        return None  # "Later on CNN:", "More from <Name>:": where, not who
    if names:
        a, b = names[0].start_char, names[-1].end_char
    elif len(span) <= 4 and all(t.pos_ == "PROPN" for t in span):
        a, b = span.start_char, span.end_char  # a name the recogniser missed ("Philip Bump:")
    else:
        return None
    head = doc.char_span(a, b, alignment_mode="expand")
    if head is None:
        return None
    # The cue ends before the colon, as a reporting verb would: what lies between it and the
    # quotation (": " or ":" and a line break) is what introduces the quotation.
    return Cue(head.root, text[a:colon], a, colon, head.root, None, speaker_span=(a, b))


def _clause(tok: Token, text: str, colon: int, lex: Lexicon, quoted: list[tuple[int, int]]) -> Cue | None:
    """"<Subject> <verb> ...:": the clause's subject, from the verb the colon hangs on, when it
    names someone who can say something: a name, a person pronoun, a role, a body or a document
    ("The question now is:" names nobody)."""
    verb = tok.head
    hung = _participle_cue(verb, colon, lex)
    if hung is not None and _can_speak(verb, lex):
        # "<Name>, the nominee, tweeted in response:": a parse that makes the reporting verb a
        # modifier of the name hangs the colon on the name; the name is the verb's subject.
        return Cue(hung, text[hung.idx:colon], hung.idx, colon, verb, None)
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.idx > colon:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None or not _can_speak(subject, lex) or any(a <= subject.idx < b for a, b in quoted):
        return None  # nobody, or a subject inside a quoted title ("“X to close,” by <Name>:")
    return Cue(verb, text[verb.idx:colon], verb.idx, colon, subject, None)


def _can_speak(t: Token, lex: Lexicon) -> bool:
    if t.pos_ == "PRON":
        return t.lower_ in _PERSONAL
    lemma = t.lemma_.lower()
    return (t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or lemma in lex.role_nouns
            or lemma in lex.document_nouns or lemma in lex.org_nouns)


def _participle_cue(noun: Token, colon: int, lex: Lexicon) -> Token | None:
    """A reporting verb the parser made a modifier of the name before the colon (``acl``)."""
    if noun.pos_ not in ("PROPN", "NOUN"):
        return None
    return next((c for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN")
                 and c.idx < colon and c.lemma_.lower() in lex.verbs), None)
