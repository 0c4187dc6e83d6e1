"""Whether an extraction found an article at all: an empty or near-empty body is a failure with a
reason, never an empty success (the user would not know the input yielded nothing)."""

from __future__ import annotations

from ..model import Article

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
