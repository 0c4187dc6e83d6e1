"""Page-level readings of a page's lines: where the page title repeats as the headline, and
whether an extracted body is an article at all (an error page, a stub)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .classify import _TERMINAL, MIN_PROSE_WORDS, word_count
from .lexicon import lexicon

# An error-page heading ("Page not found") over fewer words than this: no article on the page.
ERROR_PAGE_MAX_WORDS = 150
ERROR_PAGE_MAX_SENTENCES = 2
# Fewer words than this are a notice or a stub, not an article (news briefs run to 50 and more).
MIN_ARTICLE_WORDS = 15


# Typographic quotes and apostrophes folded to plain ones: a page's <title> often writes "'" where
# its heading writes "’" (or the reverse), and the headline was then not found.
_QUOTES = str.maketrans("‘’‚‛“”„‟«»", "''''\"\"\"\"\"\"")


def _norm(line: str) -> str:
    return " ".join(line.lower().split())


def _folded(norm: str) -> str:
    """``norm`` with typographic quotes made plain (they are not ASCII: a plain line is as it is)."""
    return norm if norm.isascii() else norm.translate(_QUOTES)


def title_key(text: str) -> str:
    """How a title piece and its repeat on the page are compared: case, inner spaces and quote
    styles ignored."""
    return _folded(_norm(text))


# A first line the page says again this many times or more is no title (see headline_repeats).
MAX_TITLE_REPEATS = 4
# "Headline - Outlet"; also "Headline › outlet.example", "Headline // Outlet", and a bar with no space
# on one side ("Headline |Outlet", "Headline│Outlet").
TITLE_SPLIT = re.compile(r"\s+(?:[-|–—:·•›»⋆~]|//)\s+|\s*[|│]\s*")


def _surely_longer(line: str, longest: int) -> bool:
    """Whether ``_norm(line)`` is longer than ``longest``, told without building it (most lines of a
    page are): a line whose only spaces are single ones between words keeps its length when
    normalised (lower-casing never shortens a text), and any other whitespace is unprintable."""
    return len(line) > longest and line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "


def headline_repeats(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines repeating the page title (flattened pages start with ``<title>``,
    usually "Headline - Outlet"), searched below the first line."""
    if len(lines) < 3:
        return []
    pieces = {title_key(p) for p in TITLE_SPLIT.split(lines[0]) if len(p.split()) >= 3}
    seps = list(TITLE_SPLIT.finditer(lines[0]))
    if len(seps) > 1:
        # A headline holding a dash or a colon itself: the title without the outlet's part only.
        pieces |= {title_key(lines[0][:seps[-1].start()]), title_key(lines[0][seps[0].end():])}
    if not pieces:
        return []
    # Normalising only changes case, quotes and inner spaces, so lengths rule out most lines cheaply.
    shortest, longest = min(map(len, pieces)), max(map(len, pieces))
    repeats = [i for i in range(1, len(lines)) if shortest <= len(lines[i]) and not _surely_longer(lines[i], longest)
               and len(norm := _norm(lines[i])) <= longest and (norm in pieces or _folded(norm) in pieces)]
    # A page title is said again once or twice (heading, breadcrumb); a first line said many
    # times is furniture that a flattener without <title> put first (a photo credit per picture).
    return [] if len(repeats) >= MAX_TITLE_REPEATS else repeats



def no_article_reason(paragraphs: Sequence[str], headings: Sequence[str | None] = (),
                      min_words: int = MIN_ARTICLE_WORDS) -> str | None:
    """Why the extracted ``paragraphs`` are no article ("error page", "too little text"), or None.
    ``headings`` are the page's title and first heading, where error pages say what they are."""
    counts = [word_count(p) for p in paragraphs]
    words = sum(counts)
    sentences = sum(1 for p, n in zip(paragraphs, counts, strict=True) if n >= MIN_PROSE_WORDS and p.endswith(_TERMINAL))
    # An error page says so in a line or two; a short article about a missing page has paragraphs.
    if words < ERROR_PAGE_MAX_WORDS and sentences <= ERROR_PAGE_MAX_SENTENCES:
        error = lexicon().error_page
        probes = [h for h in headings if h] + list(paragraphs[:2])
        if any(len(p) <= 200 and error.search(p.lower()) for p in probes):
            return "error page"
    if words < min_words:
        return "too little text"
    return None
