"""What the quote tests share: one pipeline for the whole run (building it costs seconds, and every
quote test module used to build its own), a text's quotes, and the one quote holding some words."""

from __future__ import annotations

from functools import cache

from newsloom.model import Quote


@cache
def pipeline():
    from newsloom.settings import Settings
    from newsloom.understand.nlp import build_nlp

    return build_nlp(Settings.load())


def quotes_in(text: str, published: str | None = "2024-03-05") -> list[Quote]:
    """The quotes the pipeline finds in ``text``, dates resolved against ``published``."""
    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc._.nl_published = published
    return nlp(doc)._.nl_quotes


def one(quotes: list[Quote], contains: str) -> Quote:
    found = [q for q in quotes if contains in q.text]
    assert len(found) == 1, f"{contains!r} in {[q.text for q in quotes]}"
    return found[0]


def who(q: Quote) -> str | None:
    """The speaker as a reader is shown it: the linked actor's name, else the words the mention
    stands for ("who" -> "some economists"), else the words naming the speaker."""
    if q.speaker is None:
        return None
    return q.speaker.display
