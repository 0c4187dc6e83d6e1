"""Quotations and reported statements with their speakers (spaCy component ``newsloom_quotes``).

Sets ``doc._.nl_quotes: list[Quote]``. Reads ``doc._.nl_mentions``, ``doc._.nl_dates`` and
``doc._.nl_published`` when earlier components set them; falls back to spaCy NER otherwise.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .finder import find_quotes
from .lexicon import lexicon

__all__ = ["QuoteFinder", "find_quotes", "lexicon", "register_extensions"]

_EXTENSIONS = ("nl_published", "nl_mentions", "nl_dates", "nl_quotes")


def register_extensions() -> None:
    """Register the Doc extensions this component reads and writes, if nobody did yet."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.factory("newsloom_quotes", requires=["token.dep", "token.lemma", "doc.sents"],
                  assigns=["doc._.nl_quotes"])
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    register_extensions()
    return QuoteFinder()


class QuoteFinder:
    """Finds direct, partial and indirect quotations and attributes each to a speaker."""

    def __init__(self) -> None:
        self.lex = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.nl_quotes = find_quotes(doc, self.lex)
        return doc
