"""Candidate spans from the tagger's entities, with corrections that hold for any outlet: titles
and given names at a name's edges, common nouns capitalised at a sentence start, plural demonyms,
publications and units named like people, documents, and datelines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .kb import fold, fold_words
from .matching import Candidate

if TYPE_CHECKING:
    from .context import LinkContext

NER_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT"})
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
_DATELINE_ENDS = {"\u2014", "\u2013", "-", "(", ",", ":"}


def retype(dl: LinkContext, s: int, e: int, label: str) -> tuple[int, int, str] | None:
    """The span and label to use for a tagger's span, or None when it names no actor."""
    tokens, lex = dl.tokens, dl.lex
    last = tokens[e - 1]
    if not any(ch.isupper() for t in tokens[s:e] for ch in t.text):
        return None  # an uncased script, or lower case: the English tagger's labels are noise there
    if label == "PERSON" and (any(ch.isdigit() for t in tokens[s:e] for ch in t.text)
                              or (e - s == 1 and last.tag_ == "NNPS")):
        return None  # "Q3", "the Steelers": no person's name has digits or a plural
    if e - s == 1 and last.tag_ == "NNS" and _opens_sentence(dl, s) and (last.lower_,) not in dl.kb.index \
            and not _named_elsewhere(dl, s):
        # "Ships will travel...", "Signatures are...": a plural common noun, capitalised. (Not any
        # noun: the tagger calls a surname opening a sentence a NOUN, even NNS for "Guterres".)
        return None
    if e - s == 1 and label in ("PERSON", "NORP", "ORG") and _plural_demonym(dl, last.text):
        return None  # "the Britons": people of a state, neither a person nor the state
    if label == "PERSON":
        nxt = tokens[e] if e < len(tokens) else None
        if nxt is not None and last.dep_ in ("compound", "amod", "nmod") and last.head.i == nxt.i:
            if nxt.lower_ in lex.document_nouns:
                return None  # "the Bali declaration"
            if nxt.lower_ in lex.org_heads:
                return s, e + 1, "ORG"  # "the Azov regiment"
        if e - s > 1 and (last.lower_ in lex.org_heads or last.lower_ in lex.document_nouns):
            return s, e, "ORG"  # "Independence Party"; "told Frontline Report": a publication
    return s, e, label


def _opens_sentence(dl: LinkContext, i: int) -> bool:
    tok = dl.tokens[i]
    return all(t.is_punct or t.is_space for t in dl.tokens[tok.sent.start:i])


def _named_elsewhere(dl: LinkContext, i: int) -> bool:
    word = dl.folded[i]
    return any(w == word and j != i and (dl.tokens[j].pos_ == "PROPN" or dl.tokens[j].ent_type_ == "PERSON")
               for j, w in enumerate(dl.folded))


def _plural_demonym(dl: LinkContext, text: str) -> bool:
    word = fold(text)
    if not word.endswith("s"):
        return False
    return any(e.kind == "demonym" for w in (word[:-1], word[:-2]) for e in dl.kb.index.get((w,), ()))


def is_dateline(dl: LinkContext, s: int, e: int) -> bool:
    """"KYIV —", "JOHANNESBURG (Reuters)": a place in capitals opening a paragraph before a dash,
    an agency credit or a comma; it says where the report was filed, not who acted."""
    tokens = dl.tokens
    if e >= len(tokens) or tokens[e].text not in _DATELINE_ENDS:
        return False
    if tokens[e].text == ",":  # "KYIV, Ukraine —", not "NATO, the alliance, said"
        rest = tokens[e + 1:e + 5]
        if not any(t.text in _DATELINE_ENDS - {","} for t in rest[1:]):
            return False
    if not all(t.text.isupper() and len(t.text) > 1 for t in tokens[s:e] if t.is_alpha):
        return False
    return s == 0 or (tokens[s - 1].is_space and "\n" in tokens[s - 1].text)


_BREAKS = frozenset({":", "|", "\u2014", "\u2013", "/"})


def ner_spans(dl: LinkContext) -> list[Candidate]:
    """The tagger's entities of the kinds we link, trimmed, corrected and relabelled."""
    out: list[Candidate] = []
    language = dl.doc._.nl_language
    if language and dl.doc.lang_ and not language.lower().startswith(dl.doc.lang_):
        return out  # an English model on German text: only knowledge-base names link
    # Words the tagger calls an organisation or a place somewhere in the document.
    org_words = {dl.folded[t.i] for ent in dl.doc.ents if ent.label_ in ("ORG", "GPE", "FAC") for t in ent}
    for ent in dl.doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        s, e = ent.start, ent.end
        while s < e and (dl.tokens[s].lower_ == "the" or dl.tokens[s].text in _POSSESSIVE):
            s += 1  # "the", and a possessive the tagger took from the name before ("'s Clinton")
        if ent.label_ == "PERSON":
            cut = next((i for i in range(s, e) if dl.tokens[i].text in _BREAKS), e)
            e = cut if cut > s else e  # "Jane Doe: Saying..." ends at the colon
        while e > s and (dl.tokens[e - 1].text in _POSSESSIVE or dl.tokens[e - 1].is_punct):
            e -= 1
        label = ent.label_
        if e - s >= 2 and dl.tokens[s].lower_.rstrip(".") in dl.lex.honorifics and dl.tokens[s + 1].pos_ == "PROPN":
            s, label = s + 1, "PERSON"  # "Mr. Lieberman" tagged as an ORG: a person, the title stripped
        if label == "ORG" and (is_title_of_next_person(dl, s, e) or in_title(dl, Candidate(s, e, label))):
            continue  # "National Security Advisor X", "Defense Minister X": a title, not a body
        if label == "ORG" and e - s >= 3 and is_prefix_alias(dl, dl.tokens[s]) and all(
                t.pos_ == "PROPN" and t.text[:1].isupper() for t in dl.doc[s + 1:e]) and any(
                t.lower_ in dl.lex.role_nouns for t in dl.doc[max(0, s - 4):s]):
            # "Ambassador to the UN Jane Doe" tagged as one ORG: the body, then the person.
            out.append(Candidate(s, s + 1, "ORG"))
            s, label = s + 1, "PERSON"
        if label in ("ORG", "GPE", "LOC") and has_person_apposition(dl, s, e):
            label = "PERSON"  # "X, a spokeswoman for ...": organisations have no spokeswoman title
        if label != "PERSON" and dl.tokens[e - 1].lower_ in dl.lex.document_nouns and (
                fold_words(dl.doc[s:e].text) not in dl.kb.index):
            continue  # "the UN Charter" is a document; the names inside it still link
        fixed = retype(dl, s, e, label) if e > s else None
        if fixed is None:
            continue
        s, e, label = fixed
        if label == "PERSON":
            while e - s > 1 and (is_title(dl, dl.tokens[s]) or is_prefix_alias(dl, dl.tokens[s])):
                s += 1
            while s > 0 and is_given_name(dl, dl.tokens[s - 1], s, e):
                s -= 1
            trimmed = trim_person(dl, s, e, org_words)
            if trimmed is None:
                continue
            s, e, label = trimmed
        if e > s:
            out.append(Candidate(s, e, label))
    return out


_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})


def trim_person(dl: LinkContext, s: int, e: int, org_words: set[str]) -> tuple[int, int, str] | None:
    """The name inside a tagger's PERSON span that swallowed its neighbours, or None when the span
    is no person: a headline verb ends it ("Obama Says"), an acronym title before the name starts
    it ("MVP Ben Zobrist", "AG Mukasey"), an organisation the document names elsewhere falls off
    either edge of a longer span ("Equifax Richard Smith"), a plural that modifies the noun
    after it is a group ("Cubs fans"), and a place before a plural is a team ("Chicago Cubs")."""
    tokens = dl.tokens
    cut = next((i for i in range(s + 1, e) if tokens[i].tag_ in _FINITE), e)
    e = cut
    if _slash_credit(dl, s, e):
        return None  # "REUTERS/Jane Doe", "Jane Doe/AP": a photo credit, not a person in the story
    for i in range(e - 3, s - 1, -1):  # a given name and a surname must follow: "AWR Hawkins" stays
        word = tokens[i].text
        if word.isalpha() and word.isupper() and len(word) > 1 and not tokens[i + 1].text.isupper():
            s = i + 1  # "World Series MVP Ben Zobrist": the name follows the acronym
            break
    if e - s >= 3 and dl.folded[s] in org_words and (dl.folded[s],) not in dl.lex.not_person:
        s += 1
    if e - s == 2 and _adjective_before_surname(dl, s):
        s += 1  # "Derelict Obama" in a headline: an adjective, then a known person's surname
    if e - s >= 3 and dl.folded[e - 1] in org_words:
        e -= 1
    nxt = tokens[e] if e < len(tokens) else None
    if tokens[e - 1].tag_ == "NNPS" and nxt is not None and nxt.pos_ == "NOUN" and tokens[e - 1].head.i == nxt.i:
        return None
    if e > s + 1 and tokens[e - 1].tag_ == "NNPS" and dl.folded[s] in org_words:
        return s, e, "ORG"
    return (s, e, "PERSON") if e > s else None


def _adjective_before_surname(dl: LinkContext, s: int) -> bool:
    """An English word that is nobody's given name, before the surname of a knowledge-base person."""
    word = dl.tokens[s].lower_
    return (word in dl.dictionary and word not in dl.given_names and dl.folded[s + 1] in dl.kb.surnames
            and dl.tokens[s].text[:1].isupper() and dl.tokens[s + 1].text[:1].isupper())


def _slash_credit(dl: LinkContext, s: int, e: int) -> bool:
    """A name glued by a slash to the word before or after it, or set by a slash against a news
    outlet ("Jane Doe / Reuters"): the way photo credits are written."""
    tokens = dl.tokens
    before = s >= 2 and tokens[s - 1].text == "/" and not tokens[s - 2].whitespace_ and not tokens[s - 1].whitespace_
    after = e + 1 < len(tokens) and tokens[e].text == "/" and (
        not tokens[e - 1].whitespace_ and not tokens[e].whitespace_
        or any(x.record.kind == "outlet" for x in dl.kb.index.get((dl.folded[e + 1],), ())))
    return before or after


def is_title_of_next_person(dl: LinkContext, s: int, e: int) -> bool:
    if e >= len(dl.tokens) or dl.tokens[e].ent_type_ != "PERSON" or (dl.folded[s],) in dl.kb.index:
        return False
    last = dl.tokens[e - 1]
    # "National Security Advisor X", or "Secretary of State X" with "State" tagged as an ORG.
    return last.lower_ in dl.lex.role_nouns or (
        last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.lower_ in dl.lex.role_nouns)


def has_person_apposition(dl: LinkContext, s: int, e: int) -> bool:
    if (dl.folded[s],) in dl.kb.index or e - s > 4:
        return False
    return any(c.dep_ == "appos" and c.i >= e and c.lower_ in dl.lex.role_nouns
               for t in dl.tokens[s:e] for c in t.rights)


def is_given_name(dl: LinkContext, tok: Token, s: int, e: int) -> bool:
    # A capitalised word the tagger left out of the name it attaches to ("Jane" in "Jane Doe").
    return (tok.pos_ == "PROPN" and tok.dep_ == "compound" and s <= tok.head.i < e
            and tok.ent_type_ == "" and tok.text[:1].isupper() and not is_title(dl, tok)
            and (fold(tok.text),) not in dl.kb.index)


def is_prefix_alias(dl: LinkContext, tok: Token) -> bool:
    # "UN Bob Rae", "Canadian Bob Rae": the tagger glued an acronym or demonym onto a name.
    entries = dl.kb.index.get((fold(tok.text),), [])
    return any((e.acronym and tok.text.isupper()) or e.kind == "demonym" for e in entries
               if e.record.type != "person")


def is_title(dl: LinkContext, tok: Token) -> bool:
    word = tok.lower_.rstrip(".")
    titles = (dl.lex.honorifics, dl.lex.role_nouns, dl.lex.descriptor_nouns)
    # A plural title before two names ("Senators Jane Doe and John Roe", "Sens. Doe and Roe").
    return any(word in t or (word.endswith("s") and word[:-1] in t) for t in titles)


def in_title(dl: LinkContext, c: Candidate) -> bool:
    """An unknown ORG that is really the start of a person's title ("Indian External Affairs"
    before "Minister X"): it yields to the names inside it."""
    if c.end >= len(dl.doc):
        return False
    nxt = dl.tokens[c.end]
    return nxt.lower_ in dl.lex.role_nouns and nxt.ent_iob_ != "I" and (
        c.end + 1 < len(dl.doc) and dl.tokens[c.end + 1].ent_type_ == "PERSON")

# -- linking ----------------------------------------------------------------------------
