"""Name hygiene: what a name in the text may not be (a brand spelled as a person, page furniture,
a headline in title case) and what is a title to strip from it and keep as a role."""

from __future__ import annotations

import re

from spacy.tokens import Span

from .context import LinkContext
from .lexicon import LinkingLexicon
from .matching import Candidate

# "SpaceX", "YouTube", "iPhone": a capital after a lower-case letter inside one word is a brand's
# spelling, not a person's name ("McCain", "DeSantis" and "MacArthur" are the exceptions kept).
_BRAND = re.compile(r"^[A-Za-z]*[a-z][A-Z][A-Za-z]*$")
_NAME_PREFIX = re.compile(r"^(Mc|Mac|De|Di|Da|La|Le|Van|Von|O)[A-Z]")
_ROMAN = re.compile(r"[IVXL]+")


def is_brand(text: str) -> bool:
    word = text.strip()
    return " " not in word and bool(_BRAND.match(word)) and not _NAME_PREFIX.match(word)


def is_business_name(lex: LinkingLexicon, span: Span) -> bool:
    """A name of two words or more tagged as a person that ends in a business's word ("Patriot
    Coal", "App Store") or in an acronym after a capitalised word ("Junge SVP"); "Louis XIV" and
    an all-capitals headline name are left alone."""
    last = span[-1]
    if len(span) < 2:
        return False
    if last.lower_ in lex.company_heads:
        return True
    return (len(last.text) >= 2 and last.text.isupper() and last.text.isalpha()
            and not _ROMAN.fullmatch(last.text) and not span[0].text.isupper())


def is_place_name(lex: LinkingLexicon, span: Span) -> bool:
    """A name tagged as a person that opens with a landform ("Cape Erimo", "Mount Kenya")."""
    return len(span) > 1 and span[0].lower_ in lex.place_heads and span[1].text[:1].isupper()


def is_furniture(ctx: LinkContext, c: Candidate) -> bool:
    """A caption, photo credit or button scraped with the text ("Getty Images", "Hide Caption"),
    or a time zone the tagger took for an organisation ("2206 GMT")."""
    if c.end - c.start == 1 and ctx.folded[c.start] in ctx.lex.time_zones:
        return True
    return any(ctx.folded[i] in ctx.lex.furniture for i in range(c.start, c.end))


def _line_bounds(ctx: LinkContext, i: int) -> tuple[int, int]:
    start = ctx.text.rfind("\n", 0, ctx.tokens[i].idx) + 1
    end = ctx.text.find("\n", ctx.tokens[i].idx)
    return start, len(ctx.text) if end < 0 else end


def is_headline_fragment(ctx: LinkContext, c: Candidate) -> bool:
    """A span of a title-case line (a headline: "Clinton Warns Trump Over Taxes") that the body
    never writes the same way: the tagger glued names and verbs into one "person"."""
    if c.end - c.start < 2:
        return False
    start, end = _line_bounds(ctx, c.start)
    line = ctx.text[start:end]
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 4 or len(words) > 20 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return False
    # A headline stands above a body: the first line of a longer text, or a line without a full stop
    # (a sentence dense with names, "President X, Prime Minister Y and ...", is not one).
    if end >= len(ctx.text.rstrip()) or (start > 0 and line.rstrip()[-1:] in ".?!"):
        return False
    span = ctx.text[ctx.tokens[c.start].idx:ctx.tokens[c.end - 1].idx + len(ctx.tokens[c.end - 1].text)]
    # Scraped pages often repeat the headline as the body's first line: a copy is no body text.
    return span not in (ctx.text[:start] + ctx.text[end:]).replace(line.strip(), "")


def add_title_roles(ctx: LinkContext) -> None:
    """A person written after an abbreviated title ("Sen.", "Gov.") holds that office: the title
    stays out of the name and becomes the mention's role, where no rule found a fuller one."""
    for m in ctx.mentions:
        if m.actor.type != "person" or m.role is not None:
            continue
        span = ctx.doc.char_span(m.start, m.end)
        if span is None or span.start == 0:
            continue
        tok = ctx.tokens[span.start - 1]
        # The role is cited verbatim ("Sen."), like every role, so that its span is its text.
        if tok.lower_.rstrip(".") in ctx.lex.abbreviated_titles and tok.text[:1].isupper():
            m.role, m.role_start, m.role_end = tok.text, tok.idx, tok.idx + len(tok.text)
