"""PLOVER events: who did what to whom (spaCy component ``newsloom_events``).

Sets ``doc._.nl_events: list[Event]``. Runs after ``newsloom_actors``, ``newsloom_dates`` and
``newsloom_quotes`` and reads what they leave on the Doc; driven by the lexicon in
``data/lexicons/events.yaml`` over the dependency parse.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .build import find_events
from .lexicon import EventLexicon, lexicon

__all__ = ["EventFinder", "EventLexicon", "find_events", "lexicon"]

_EXTENSIONS = ("nl_published", "nl_mentions", "nl_dates", "nl_quotes", "nl_events")


def register_extensions() -> None:
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.factory("newsloom_events", requires=["token.dep", "token.lemma", "doc.sents"],
                  assigns=["doc._.nl_events"])
def make_events(nlp: Language, name: str) -> EventFinder:
    register_extensions()
    return EventFinder()


class EventFinder:
    """Codes the events of a Doc in PLOVER."""

    def __init__(self) -> None:
        self.lex = lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.nl_events = find_events(doc, self.lex)
        return doc
