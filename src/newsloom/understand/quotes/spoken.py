"""What a speaker said, read as one piece of text from a quote's exact parts."""

from __future__ import annotations

from ...model import Quote
from .assemble import joined


def spoken_text(text: str, quote: Quote) -> str:
    """What the speaker said, read as one: a split quotation's parts joined, a reported clause split
    by its source ("The plan, according to X, was dropped") read without the source phrase, else
    the quote's text (a partial clause's parts are the words it quotes, read within the clause)."""
    if quote.parts and quote.kind == "indirect":
        return " ".join(text[a:b] for a, b in quote.parts)
    return joined(text, quote.parts) if quote.parts and quote.kind == "direct" else quote.text
