"""Whether an input can hold an article, and whether its extraction found one: a page too
intricate to parse in bounded time is refused up front, and an empty or near-empty body is a
failure with a reason, never an empty success (the user would not know the input yielded nothing)."""

from __future__ import annotations

import re

from ..model import Article, Document
from ..settings import Settings

# HTML elements accepted in one page. Extraction cost grows with the element count (faster than
# linearly in the cascade); large real news pages carry a few tens of thousands, a page of a
# million empty paragraphs is an attack on the batch.
MAX_ELEMENTS = 100_000
_START_TAG = re.compile(rb"<[A-Za-z]")

# Fewer words than this is not an article; ``input.allow_short`` keeps such notes when wanted.
MIN_WORDS = 5


def no_text_reason(article: Article, *, allow_short: bool = False, min_words: int = MIN_WORDS) -> str | None:
    """``"no article text found ..."`` when the article's body is empty, or shorter than
    ``min_words`` words and short notes are not allowed; None when the body will do."""
    words = len(article.text.split()) if article.text else 0
    note = str(article.extraction.get("note") or "").removeprefix("no article found: ")
    if words == 0:
        return "no article text found" + (f" ({note})" if note else "")
    if words < min_words and not allow_short:
        return (f"no article text found (only {words} word{'s' if words != 1 else ''}; "
                "--allow-short keeps short notes)")
    return None


def too_complex_reason(doc: Document, max_elements: int = MAX_ELEMENTS) -> str | None:
    """Why ``doc`` is refused before extraction (an HTML page with too many elements), or None."""
    if doc.media_type not in ("text/html", "application/xhtml+xml") and not doc.raw.lstrip()[:1] == b"<":
        return None
    count = len(_START_TAG.findall(doc.raw))
    if count > max_elements:
        return (f"too many HTML elements: {count:,}, over the {max_elements:,} limit "
                "(input.max_elements) that keeps extraction time bounded")
    return None


# A plain text this short, kept whole when short notes are allowed and the cleaner found nothing
# in it (a one-line note is no page to clean).
SHORT_NOTE_WORDS = 50


def keep_short_note(article: Article, doc: Document) -> Article:
    """With short notes allowed, a short plain-text input the cleaner left empty becomes its own body."""
    from .decode import decode
    from .paragraphs import build_article_text

    if article.text or doc.media_type in ("text/html", "application/xhtml+xml") or doc.raw.lstrip()[:1] == b"<":
        return article
    try:
        text = decode(doc.raw, doc.source, doc.meta.get("charset"))
    except Exception:  # undecodable input stays as extraction left it
        return article
    if 0 < len(text.split()) <= SHORT_NOTE_WORDS:
        article.text, article.paragraphs = build_article_text(text.splitlines())
        article.extraction["method"] = "text:short-note"
    return article


def refused_input(doc: Document, settings: Settings) -> str | None:
    """Why ``doc`` is not extracted at all, or None."""
    return too_complex_reason(doc, int(settings.get("input.max_elements")))


def settle(article: Article, doc: Document, settings: Settings) -> Article:
    """The checks after extraction: supplied text keeps its prose, short notes are kept when
    allowed, only http(s) addresses stay, and an article without text is failed with the reason."""
    from .supplied import is_supplied_text, keep_supplied_prose

    if is_supplied_text(doc):
        article = keep_supplied_prose(article, doc)
    allow_short = bool(settings.get("input.allow_short"))
    if allow_short:
        article = keep_short_note(article, doc)
    if article.url and not article.url.strip().lower().startswith(("http://", "https://")):
        article.url = None  # a javascript: or data: canonical link is no address of the article
    article.error = article.error or no_text_reason(article, allow_short=allow_short,
                                                    min_words=int(settings.get("input.min_words")))
    return article
