"""Title Case headlines, parsed as sentences (spaCy component ``newsloom_headline``).

In "Senator Blasts Rivals, Urges Calm On Trade" the tagger reads every capitalised word as a
proper noun, so the parser finds no verb and NER one long name: no cue, no speaker. This
component re-cases such a first line (every word lower-case except the first, acronyms, and
words the article's body itself writes capitalised inside a sentence: its names), parses that
string with the same model, and copies tags, lemmas, the dependency tree and entities onto the
headline's tokens. Lower-casing keeps every character's position (a word whose lower case has
another length stays as it is), and only token attributes change: the text and every offset
stay those of the article.
"""

from __future__ import annotations

from collections import Counter

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_MAX_CHARS = 300  # a longer first line is prose, not a headline
_MIN_WORDS = 3
# Title Case capitalises every word of 4+ letters; a sentence that names many people still has
# lower-case verbs and nouns, and must be left as the parser read it.
_TITLE_SHARE = 1.0


@Language.factory("newsloom_headline", requires=["token.dep", "token.tag"])
def make_headline(nlp: Language, name: str) -> HeadlineRecaser:
    return HeadlineRecaser(nlp)


class HeadlineRecaser:
    """Re-parses a Title Case first line with the spaCy components of ``nlp`` (not ours)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        end = headline_end(doc)
        if end is None:
            return doc
        recased = recase(doc[:end].text, body_case(doc, end))
        if recased is None:
            return doc
        sub = self.nlp.make_doc(recased)
        if [t.idx for t in sub] != [t.idx for t in doc[:end]]:
            return doc  # tokenised differently: the tokens would not line up one to one
        for name, proc in self.nlp.pipeline:
            if not name.startswith("newsloom_"):
                sub = proc(sub)
        copy_parse(doc, sub)
        return doc


def headline_end(doc: Doc) -> int | None:
    """Index of the first token after a Title Case first line, or None when there is none."""
    # The first token holding a line break, read token by token (Doc.text would join the whole doc).
    end = next((t.i for t in doc if "\n" in t.text_with_ws or t.idx > _MAX_CHARS), None)
    if end is None or doc[end].idx > _MAX_CHARS or doc[0].is_space:
        return None
    end += 1  # the token before the break belongs to the line
    if doc[end - 1].is_space:
        end -= 1  # a break token of its own: the line ends before it
    if end < _MIN_WORDS:
        return None
    words = [t.text for t in doc[1:end] if t.is_alpha and len(t.text) >= 4]
    if len(words) < _MIN_WORDS - 1:
        return None
    upper = sum(w[0].isupper() for w in words)
    return end if upper >= _TITLE_SHARE * len(words) else None


def body_case(doc: Doc, start: int) -> Counter[str]:
    """For each word of the body: how often it is written capitalised inside a sentence, minus how
    often it is written in lower case (positive: a name)."""
    score: Counter[str] = Counter()
    for tok in doc[start:]:
        if not tok.is_alpha:
            continue
        if tok.text[0].isupper():
            prev = doc[tok.i - 1] if tok.i else None
            if prev is not None and not prev.is_space and not tok.is_sent_start and (prev.is_alpha or prev.text == ","):
                score[tok.lower_] += 1
        else:
            score[tok.lower_] -= 1
    return score


def recase(line: str, names: Counter[str]) -> str | None:
    """``line`` with its common words lower-cased (same length), or None when nothing changes."""
    out = list(line)
    changed = False
    i = 0
    while i < len(line):
        if not line[i].isalpha():
            i += 1
            continue
        j = i
        while j < len(line) and line[j].isalpha():
            j += 1
        word = line[i:j]
        lower = word.lower()
        first = not line[:i].strip()
        keep = first or word.isupper() or not word[0].isupper() or names[lower] > 0 or len(lower) != len(word)
        if not keep:
            out[i:j] = lower
            changed = True
        i = j
    return "".join(out) if changed else None


def copy_parse(doc: Doc, sub: Doc) -> None:
    """Tags, lemmas, tree and entities of ``sub`` onto the first ``len(sub)`` tokens of ``doc``."""
    n = len(sub)
    arr = doc.to_array(_ATTRS)
    arr[:n] = sub.to_array(_ATTRS)
    # Tokens after the headline that hung on it (the line break) now hang on the new root.
    root = next(t.i for t in sub if t.head.i == t.i)
    heads = numpy.arange(len(doc)) + arr[:, -1].astype(numpy.int64)
    for i in range(n, len(doc)):
        if heads[i] < n:
            arr[i, -1] = numpy.array([root - i], dtype=numpy.int64).view(numpy.uint64)[0]
    # to_array gives relative heads as unsigned integers: negative offsets wrap, from_array reads them back.
    doc.from_array(_ATTRS, arr)
    keep = [e for e in doc.ents if e.start >= n]
    doc.set_ents([Span(doc, e.start, e.end, e.label_) for e in sub.ents] + keep, default="outside")
