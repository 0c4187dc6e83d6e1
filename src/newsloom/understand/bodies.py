"""Organisations named by a short or generic form that only the context resolves: knowledge-base
acronyms ("the MoD") and a state's generic bodies ("the Treasury", "the Cabinet")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import Actor
from .kb import ActorRecord, fold_words
from .matching import Candidate
from .types import LinkedMention

if TYPE_CHECKING:
    from .context import LinkContext

# What ``generic_body`` gives as the state of a body below the state ("state Senate"): no state's
# national body, so it stays unlinked.
BELOW_STATE = "-"


def generic_body(dl: LinkContext, c: Candidate) -> tuple[str, str | None] | None:
    """(canonical body name, ISO3 the span itself states) when an unknown ORG span is a generic
    body, optionally after a state's name ("U.S. Treasury", "Britain's Cabinet")."""
    words = fold_words(dl.doc[c.start:c.end].text)
    for size in range(len(words), 0, -1):
        name = dl.lex.generic_bodies.get(words[-size:])
        if name is None:
            continue
        if c.start and dl.folded[c.start - 1] in dl.lex.subnational:
            return name, BELOW_STATE  # "state Senate races": a body below the state, unnamed here
        if size == len(words):
            return name, None
        # The rest must be exactly one state name the alias matcher found.
        inner = [m for m in dl.alias_matches if c.start <= m.start and m.end <= c.end]
        states = [m for m in inner if m.entries[0].record.iso and m.entries[0].record.type == "country"]
        prefix = fold_words(dl.doc[c.start:states[0].end].text) if len(states) == 1 else None
        if prefix is not None and len(prefix) + size == len(words):
            return name, states[0].entries[0].record.iso
        return None
    return None


def link_generic_body(dl: LinkContext, c: Candidate, name: str, iso: str | None) -> None:
    """Link a generic body to the state the sentence or the whole document establishes; with
    no single such state it stays unlinked rather than becoming a made-up stateless body."""
    if iso == BELOW_STATE or any(i in dl.at_token for i in range(c.start, c.end)):
        return
    iso = iso or _modifier_state(dl, c) or _only_state(dl)
    country = dl.kb.country(iso)
    if country is None:
        return
    known = _known_body(dl, name, country)
    if known is not None:  # "the Senate" in a US story is the United States Senate of the KB
        mention = dl.mention(c, known.actor(), "body")
        mention.affiliation = country.actor()
        dl.add(mention, c.start, c.end)
        return
    actor = Actor(id=f"local:org:{'-'.join(fold_words(name))}-{country.iso3.lower()}",  # type: ignore[union-attr]
                  name=f"{name} of {country.name}", type="organization", country=country.iso3)
    mention = dl.mention(c, actor, "body")
    mention.affiliation = country.actor()
    dl.add(mention, c.start, c.end)


def _known_body(dl: LinkContext, name: str, country: ActorRecord) -> ActorRecord | None:
    """The knowledge-base record of that state's body, named as Wikidata names national bodies
    ("United States Senate", "Supreme Court of the United States")."""
    for form in (f"{country.name} {name}", f"{name} of {country.name}", f"{name} of the {country.name}"):
        for entry in dl.kb.index.get(fold_words(form), ()):
            if entry.record.type == "organization" and entry.record.country == country.iso3:
                return entry.record
    return None


def _modifier_state(dl: LinkContext, c: Candidate) -> str | None:
    # "Britain's Treasury" with the possessive outside the tagger's span.
    for child in dl.doc[c.start:c.end].root.lefts:
        found = dl.at_token.get(child.i)
        if child.i < c.start and found is not None and found.actor.type == "country":
            return found.actor.country
    return None


def _only_state(dl: LinkContext) -> str | None:
    states = {m.actor.country for m in dl.mentions if m.actor.type == "country" and m.actor.country}
    return next(iter(states)) if len(states) == 1 else None


def link_acronyms(dl: LinkContext) -> None:
    """"MoD", "MFA": a record whose acronym it is, chosen by a state named in the same sentence
    (or the document's only state), or by the record already named in full in the document."""
    present = {a for a in dl.kb.acronyms if a in dl.text}  # a substring test spares the token loop
    if not present:
        return
    named = {m.actor.id for m in dl.mentions}
    for tok in dl.tokens:
        records = dl.kb.acronyms.get(tok.text) if tok.text in present else None
        if not records or tok.i in dl.at_token:
            continue
        sent = tok.sent
        here = {m.actor.country for i in range(sent.start, sent.end)
                if (m := dl.at_token.get(i)) is not None and m.actor.type == "country"}
        only = _only_state(dl)
        owner = next((m.actor.country for c in tok.lefts if (m := dl.at_token.get(c.i)) is not None
                      and m.actor.type == "country"), None)
        if owner is not None:  # "Ruritania's MoD": that state's or none
            records = [r for r in records if r.country == owner]
        rec = (_one(r for r in records if r.id in named)
               or _one(r for r in records if r.country and r.country in here)
               or _one(r for r in records if only and r.country == only))
        if rec is None:
            continue
        m = LinkedMention(tok.idx, tok.idx + len(tok.text), tok.text, rec.actor(), "acronym")
        dl.add(m, tok.i, tok.i + 1)
        named.add(rec.id)


def _one(records: Iterable[ActorRecord]) -> ActorRecord | None:
    found = list(records)
    return found[0] if len(found) == 1 else None


def link_short_forms(dl: LinkContext) -> None:
    """An organisation the document names in full ("Goldman Sachs", "the Chicago Cubs") and then
    by its first or last words alone ("Goldman", "the Cubs"): the short form is that organisation
    rather than one of its own, where exactly one full name in the document fits it. A full name the
    knowledge base does not know fits by its last words only, after a place the document names
    ("Chicago"; not "Watched Chibok", "Super PAC" or "SpaceX's Falcon Heavy"). A generic head ("Department",
    "Party") or a state's body word ("Senate") alone fits nothing."""
    full: dict[tuple[str, ...], Actor] = {}
    first, newline, _ = dl.text.partition("\n")
    headline = len(first) if newline else 0  # a title-case headline makes names of any words
    for m in dl.mentions:
        words = fold_words(m.text)
        local = m.actor.id.startswith("local:")
        # An owner's possessive makes a thing of its own ("SpaceX's Falcon Heavy"), not a name.
        if m.actor.type == "organization" and len(words) >= 2 and (not local or (
                m.start >= headline and "'s " not in m.text.replace("\u2019", "'"))):
            full.setdefault(words, m.actor)
    if not full:
        return
    places = {dl.folded[t.i] for t in dl.tokens if t.ent_type_ in ("GPE", "LOC")}
    generic = dl.lex.org_heads | dl.lex.company_heads | {w for b in dl.lex.generic_bodies for w in b}
    for m in dl.mentions:
        words = fold_words(m.text)
        if not m.actor.id.startswith("local:org:") or not words or generic.intersection(words):
            continue
        n = len(words)
        fits = {a.id: a for w, a in full.items() if len(w) > n and a.id != m.actor.id and (
            words in (w[:n], w[-n:]) if not a.id.startswith("local:")
            else words == w[-n:] and places.issuperset(w[:-n]))}
        if len(fits) == 1:
            m.actor = next(iter(fits.values()))
