"""The ``understand`` stage: runs the spaCy pipeline over a batch and fills entities, dates, quotes, events."""

from __future__ import annotations

from typing import ClassVar

from spacy.tokens import Doc

from ..model import Article, Entity, Mention
from ..settings import Settings
from .nlp import ArticleText, build_nlp, make_texts
from .types import LinkedMention


def entities_from(mentions: list[LinkedMention]) -> list[Entity]:
    """Mentions grouped per actor, in order of first mention."""
    by_actor: dict[str, Entity] = {}
    for m in mentions:
        entity = by_actor.get(m.actor.id)
        if entity is None:
            entity = by_actor[m.actor.id] = Entity(m.actor, [])
        entity.mentions.append(Mention(text=m.text, start=m.start, end=m.end, label=m.label,
                                       role=m.role, affiliation=m.affiliation,
                                       role_start=m.role_start, role_end=m.role_end))
    return list(by_actor.values())


class UnderstandStage:
    """Entities linked to canonical actors, resolved dates and quotations, for a batch."""

    name: ClassVar[str] = "understand"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("entities", "dates", "quotes", "events")

    def __init__(self, settings: Settings) -> None:
        self.nlp = build_nlp(settings)
        self.batch_size = settings.nlp.batch_size
        self.n_process = settings.nlp.n_process
        self.max_chars = int(settings.get("nlp.max_chars"))

    def __call__(self, batch: list[Article]) -> list[Article]:
        texts = make_texts(self.nlp, [a.text for a in batch], [a.published for a in batch],
                           [a.language for a in batch], self.max_chars)
        for article, doc in zip(batch, self.pipe(texts), strict=True):
            self.fill(article, doc)
            # The analysed length from the last token (Doc.text would join every token again).
            analysed = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
            if analysed < len(article.text):
                # Said, not hidden: facts come from the text's first part only.
                article.extraction["analysed_chars"] = analysed
        return batch

    def pipe(self, texts: list[ArticleText]) -> list[Doc]:
        n_process = self.n_process if len(texts) > 1 else 1
        return list(self.nlp.pipe(texts, batch_size=self.batch_size, n_process=n_process))

    @staticmethod
    def fill(article: Article, doc: Doc) -> None:
        article.entities = entities_from(doc._.nl_mentions or [])
        article.dates = list(doc._.nl_dates or [])
        article.quotes = list(doc._.nl_quotes or [])
        article.events = list(doc._.nl_events or [])
        # The next stage in this process (events) reads the parse instead of redoing it.
        article.scratch["doc"] = doc
