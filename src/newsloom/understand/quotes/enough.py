"""Whether a reported clause or named object says enough to be a statement of its own.

Three words or more do; fewer say nothing ("said so", "praised the engineers", "asked for expert
assistance"), except a name ("endorsed Hillary Clinton"), a pronoun a stance is taken toward
("supported her"), and two words that carry their own owner or act: a possessive with its noun
("denounced Trump's comments", "revisits his promises") or an infinitive ("declined to comment",
"want to lose"), which annotated news (PolNeAR train) marks as attributions."""

from __future__ import annotations

from spacy.tokens import Doc

MIN_WORDS = 3


def says_enough(doc: Doc, text: str, span: tuple[int, int], stance: bool = False) -> bool:
    words = text[span[0]:span[1]].split()
    if len(words) >= MIN_WORDS:
        return True
    part = doc.char_span(*span, alignment_mode="expand")
    if part is None:
        return False
    if part.root.pos_ == "PROPN" or stance and part.root.pos_ == "PRON":
        return True
    first = part[0]
    owned = first.dep_ == "poss" or first.tag_ == "PRP$"
    infinitive = first.tag_ == "TO" and part.root.pos_ in ("VERB", "AUX")
    return len(words) == 2 and (owned or infinitive)
