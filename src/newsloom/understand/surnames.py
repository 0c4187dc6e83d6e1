"""Surnames (and given names) written before the full name: a headline ("Clinton targets Trump's
housing gains", "Hillary wins Nevada") or a lead that names someone in full only further down.
Such a name links to the person the document names in full, provided the document names exactly
one person with that surname (or given name); otherwise ("Clinton" in a story about Hillary and
Bill Clinton) it stays a document-local actor.
"""

from __future__ import annotations

from .context import LinkContext
from .hygiene import is_business_name
from .kb import fold_words
from .matching import Candidate
from .persons import DocPeople, local_person
from .types import LinkedMention

# Key prefix of given names in the index of full names (folded words hold no colon).
GIVEN = "given:"


def full_names(ctx: LinkContext, chosen: list[Candidate]) -> dict[str, tuple[str, ...] | None]:
    """Folded surname or given name -> the one full name (folded words) the document gives for
    it, or None when it gives two people with that surname or given name."""
    out: dict[str, tuple[str, ...] | None] = {}
    for c in chosen:
        rec = c.entries[0].record if c.entries else None
        if rec is not None and rec.type != "person":
            continue
        if rec is None and (c.label != "PERSON" or is_business_name(ctx.lex, ctx.doc[c.start:c.end])):
            continue  # "Junge SVP" is an organisation: "SVP" alone waits for no person
        words = fold_words(ctx.doc[c.start:c.end].text)
        names = [words] + ([fold_words(rec.name)] if rec is not None else [])
        for name in names:
            if len(name) < 2:
                continue
            # The surname ("Clinton targets...") and, for a name the tables know as a given name
            # ("Bernie" in a headline), the given name wait for the one full name the document
            # gives; the given name only where the tagger calls the lone word a person.
            keys = (name[-1], GIVEN + name[0]) if name[0] in ctx.given_names else (name[-1],)
            for key in keys:
                old = out.get(key, ())
                if old == ():
                    out[key] = name
                elif old is not None and (old[0], old[-1]) != (name[0], name[-1]):
                    out[key] = None  # "Hillary Clinton" and "Bill Clinton": two people
    return out


def forward(index: dict[str, tuple[str, ...] | None], word: str, person: bool = False) -> bool:
    """Whether a lone surname (or, for a word tagged as a person, given name) has one full name
    in the document to wait for."""
    return bool(index.get(word) or (person and index.get(GIVEN + word)))


def link_forward(ctx: LinkContext, people: DocPeople, index: dict[str, tuple[str, ...] | None],
                 waiting: list[Candidate]) -> None:
    """Once the whole document is linked, each waiting surname takes the actor of its full name
    (a local actor of its own when the full name was not kept as a person)."""
    for c in waiting:
        if any(i in ctx.at_token for i in range(c.start, c.end)):
            continue
        span = ctx.doc[c.start:c.end]
        word = fold_words(span.text)[-1]
        full = index.get(word) or index.get(GIVEN + word)
        hit = people.by_word.get(full) if full else None
        actor = hit[0] if hit is not None else local_person(span.text)
        ctx.add(LinkedMention(span.start_char, span.end_char, span.text, actor,
                              "surname" if hit is not None else "PERSON"), c.start, c.end)
