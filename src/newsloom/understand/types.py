"""What the spaCy components of ``understand`` leave on a Doc, shared by linking and quotes.

Extensions (registered once by ``understand.nlp``):
- ``doc._.nl_published``: the article's publication date (ISO string) or None; set before the
  pipeline runs, read by the date resolver.
- ``doc._.nl_language``: the article's language code ("en", "de") or None when unknown; set before
  the pipeline runs. On text the model's language does not cover, linking keeps only
  knowledge-base names (the tagger's own entities are noise there).
- ``doc._.nl_mentions``: ``list[LinkedMention]`` sorted by ``start``, set by ``newsloom_actors``.
- ``doc._.nl_dates``: ``list[DateMention]``, set by ``newsloom_dates``.
- ``doc._.nl_quotes``: ``list[Quote]``, set by ``newsloom_quotes``.
- ``doc._.nl_events``: ``list[Event]``, set by ``newsloom_events``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from ..model import Actor

# The last Doc whose text was read, and that text, per thread: the server runs analyses in a
# thread pool, and one shared entry could hand one thread another Doc's text between its check and
# its read. One entry per thread is enough: our components run one after the other on each Doc.
# Kept out of ``doc.user_data``, so that what a Doc carries between processes (with
# ``n_process`` > 1) and into stored parses stays as it was.
_last = threading.local()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy rebuilds it from every token on each read (about
    0.4 ms for a news article), and linking, dates, quotes and events each need it."""
    entry = getattr(_last, "entry", None)
    if entry is None or entry[0] is not doc:
        entry = _last.entry = (doc, doc.text)
    return entry[1]


def doc_pos(doc: Doc) -> list[int]:
    """Every token's part of speech as spaCy's integer id, read once per Doc (same cache as
    ``doc_text``): a pass over a sentence that wants a few nouns or verbs reads these instead of
    making a Token object and its strings for each word (~0.7 ms per pass per article)."""
    entry = getattr(_last, "pos", None)
    if entry is None or entry[0] is not doc:
        entry = _last.pos = (doc, doc.to_array(POS).tolist() if len(doc) else [])
    return entry[1]


def tokens_with_pos(sent: Span, pos_ids: frozenset[int]) -> Iterator[Token]:
    """The sentence's tokens whose part of speech is one of ``pos_ids`` (spaCy symbols)."""
    doc = sent.doc
    pos = doc_pos(doc)
    for i in range(sent.start, sent.end):
        if pos[i] in pos_ids:
            yield doc[i]


@dataclass(slots=True)
class LinkedMention:
    """A span of the Doc linked to an actor. Offsets are character offsets into ``doc.text``."""

    start: int
    end: int
    text: str
    actor: Actor
    # How it was found: spaCy label ("PERSON", "GPE", "ORG", "NORP"...) or a rule name
    # ("metonymy", "demonym", "surname", "alias").
    label: str
    role: str | None = None  # "deputy permanent representative to the UN"
    affiliation: Actor | None = None  # whom the person belongs to / speaks for
    gender: str | None = None  # "m" | "f" | None, for persons where known
    # Where the role is stated (character offsets into ``doc.text``), when ``role`` is set.
    role_start: int | None = None
    role_end: int | None = None
