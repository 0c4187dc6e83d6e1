"""The state of linking one Doc, as the rule modules (spans, bodies, ministries, relations) see it.

Those modules take this small object rather than the linker that drives them, so that they depend
on data (the Doc, the knowledge base, the mentions so far) and not on ``actors``: no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..model import Actor
from .kb import KnowledgeBase, fold
from .lexicon import LinkingLexicon
from .matching import AliasMatch, Candidate
from .types import LinkedMention, doc_text

# Whom a known actor speaks for in a given year (see ``ActorLinker.affiliation_of_record``).
Affiliation = Callable[[Actor, int | None], Actor | None]


class LinkContext:
    """One Doc's tokens and folded words, the mentions linked so far and what the rules consult."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, lex: LinkingLexicon,
                 ministries: dict[tuple[str, str], Actor], affiliation: Affiliation) -> None:
        self.doc, self.kb, self.lex = doc, kb, lex
        self.ministries = ministries  # (iso3, portfolio word) -> ministry record
        self.affiliation_of_record = affiliation
        self.mentions: list[LinkedMention] = []
        self.at_token: dict[int, LinkedMention] = {}
        self.alias_matches: list[AliasMatch] = []
        # Folded token texts are needed by several rules.
        self.tokens = list(doc)
        published = doc._.nl_published
        self.year = int(published[:4]) if published and published[:4].isdigit() else None
        self.text = doc_text(doc)
        self.folded = [fold(t.text) for t in self.tokens]
        self.dictionary: frozenset[str] = frozenset()  # common English words (see lexicon.dictionary_words)
        self.given_names: frozenset[str] = frozenset()  # first words of the tables' people
        # (brand word, strict) -> whether the document speaks of it as a business (wikilink)
        self.business: dict[tuple[str, bool], bool] = {}

    def add(self, mention: LinkedMention, start: int, end: int) -> None:
        self.mentions.append(mention)
        for i in range(start, end):
            self.at_token.setdefault(i, mention)

    def mention(self, c: Candidate, actor: Actor, label: str) -> LinkedMention:
        span = self.doc[c.start:c.end]
        return LinkedMention(span.start_char, span.end_char, span.text, actor, label)
