"""Quotations and reported statements with their speakers (spaCy component ``newsloom_quotes``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("newsloom_quotes")
def make_quotes(nlp: Language, name: str) -> "QuoteFinder":
    return QuoteFinder()


class QuoteFinder:
    """Placeholder until the quotation extractor lands: finds nothing."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.nl_quotes = []
        return doc
