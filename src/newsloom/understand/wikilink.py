"""Linking names the curated knowledge base does not know to the Wikidata-derived tables, only
where the document supports one reading: the article's date against the person's offices, the
states the document names, a title before the name.
"""

from __future__ import annotations

from ..model import Actor
from .context import LinkContext
from .kb import KnowledgeBase, fold_words
from .matching import Candidate
from .wikidata import NSI_SOURCE, WikidataIndex, WikiRecord

# An office that ended this many years before the article, or starts this long after it, is a
# namesake's rather than the person in the news.
STALE_YEARS = 40
EARLY_YEARS = 8
MIN_SCORE = 2
# Words either side of a brand that is also an English word within which the document must speak
# of a business ("Google's parent company", "shares of Tesla").
NEAR = 6
DETERMINERS = frozenset(("the", "a", "an"))


def doc_states(ctx: LinkContext) -> set[str]:
    """ISO codes of the states the document names (from the knowledge-base matches)."""
    out = set()
    for m in ctx.alias_matches:
        rec = m.entries[0].record if m.entries else None
        if rec is not None and rec.iso and rec.type in ("country", "place"):
            out.add(rec.iso)
    out.update(m.actor.country for m in ctx.mentions if m.actor.type == "country" and m.actor.country)
    return out


def _in_domain(ctx: LinkContext, domain: str) -> bool:
    """The article uses a word of the person's field ("inning" for a ballplayer)."""
    words = ctx.__dict__.get("_word_set")
    if words is None:
        words = ctx.__dict__.setdefault("_word_set", frozenset(ctx.folded))
    return not words.isdisjoint(ctx.lex.domain_cues.get(domain, ()))


def _titled(ctx: LinkContext, c: Candidate) -> bool:
    """A title or honorific just before the name ("Sen.", "Foreign Minister")."""
    for tok in ctx.tokens[max(0, c.start - 3):c.start]:
        word = tok.lower_.rstrip(".")
        if word in ctx.lex.honorifics or word in ctx.lex.role_nouns:
            return True
    return False


def _person_score(rec: WikiRecord, year: int | None, states: set[str], titled: bool, words: int,
                  alone: bool = False) -> int:
    score = 0
    if year is None:
        score += 1 if any(o.end is None for o in rec.offices) else 0
    elif any(o.held_in(year) for o in rec.offices):
        score += 2
    elif any(o.start <= year + EARLY_YEARS and (o.end or 9999) >= year - STALE_YEARS for o in rec.offices):
        score += 1
    else:
        return -1  # every office far from the article's date: a namesake
    if rec.country and states:
        # The document names states, and the person's among them or not; the latter counts against
        # one of several namesakes only (US stories rarely name the United States).
        score += 1 if rec.country in states else (0 if alone else -1)
    score += 1 if titled else 0
    score += 1 if words >= 3 else 0
    return score


def _best(scored: list[tuple[int, WikiRecord]]) -> WikiRecord | None:
    """The one reading the context supports: a name only one record has needs less support than
    a name namesakes share."""
    scored.sort(key=lambda s: -s[0])
    if not scored or scored[0][0] < (MIN_SCORE if len(scored) > 1 else MIN_SCORE - 1):
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # two namesakes the context cannot tell apart: stay unlinked
    return scored[0][1]


def wiki_person(ctx: LinkContext, index: WikidataIndex, c: Candidate, words: tuple[str, ...]) -> Actor | None:
    """The office holder a full name (two words or more) refers to, if the context supports one."""
    if len(words) < 2:
        return None
    found = [r for r in index.person(words) if r.domain is None or _in_domain(ctx, r.domain)]
    compound = not found and len(words) == 2 and words[0] not in ctx.given_names
    if compound:
        # A two-word surname written alone ("Wasserman Schultz"; never "Ann Smith", whose first
        # word is a given name): the one person of that surname in office in the article's year.
        found = [r for r in index.by_compound_surname(words) if r.domain is None and ctx.year is not None
                 and any(o.held_in(ctx.year) for o in r.offices)]
    if not found or (compound and len(found) > 1):
        return None
    states, titled = doc_states(ctx), _titled(ctx, c)
    alone = len(found) == 1
    rec = _best([(_person_score(r, ctx.year, states, titled, len(words), alone), r) for r in found])
    if rec is None:
        return None
    return Actor(id=rec.id, name=rec.name, type="person", wikidata=rec.wikidata, country=rec.country)


def wiki_org(ctx: LinkContext, index: WikidataIndex, c: Candidate, words: tuple[str, ...],
             text: str, person_tagged: bool = False) -> Actor | None:
    """A party, international body, armed group, company or public body named exactly; a short
    capitalised form ("SPD") only where the document names the party's state."""
    found = index.organization(words)
    if person_tagged:
        # A brand named after its founder ("Michael Kors") is the person when the tagger says so.
        found = [r for r in found if r.source != NSI_SOURCE]
    if any(r.wikidata for r in found):
        # A Phoenix group name ("Google" among multinationals) is a class, not a rival reading.
        found = [r for r in found if r.wikidata]
    if not found:
        return None
    states = doc_states(ctx)
    short = len(words) == 1 and text.isupper()
    first = bool(ctx.doc[c.start].is_sent_start)
    scored = [(_org_score(ctx, rec, words, short, first, states), rec) for rec in found]
    best = _best(scored)
    if best is None:
        return None
    return Actor(id=best.id, name=best.name, type="organization", wikidata=best.wikidata, country=best.country)


def _org_score(ctx: LinkContext, rec: WikiRecord, words: tuple[str, ...], short: bool, first: bool,
               states: set[str]) -> int:
    score = 2 if rec.kind in ("igo", "eu-body", "armed-group") or not short else 0
    one_word = len(words) == 1 and not short
    if one_word and rec.kind == "party":
        # "Justice", "Forward": one English word is not enough for a party; "Likud" is, where the
        # document names the party's state.
        score = -1 if words[0] in ctx.dictionary or not ctx.dictionary else 0
    elif one_word and rec.source == NSI_SOURCE and _refused_brand(ctx, rec, words[0], first, states):
        score = -1
    elif one_word and not rec.wikidata and words[0] in ctx.dictionary and words != fold_words(rec.name):
        # A Phoenix group's one-word variant that is an English word ("Falcon" for Shahin, a
        # rocket's name far more often) is not enough; its own name ("Taliban") is.
        score = -1
    if rec.country and rec.country in states:
        # A short form ("SVP") rests on the state alone: naming one party's state and not the
        # other's tells two parties of one acronym apart.
        score += 2 if short else 1
    return score


def _refused_brand(ctx: LinkContext, rec: WikiRecord, word: str, first: bool, states: set[str]) -> bool:
    """A brand's one word opening a sentence is capitalised for the sentence's sake; one that is
    also an English word ("House", "Times"), or a local brand ("FOX" the Israeli shop) in a story
    set in other states: the ORG tag alone does not say which. A company the document speaks of
    as a business ("Google's parent company", "SpaceX's chief executive") is the brand, unless
    it is both an English word and another state's."""
    english = word in ctx.dictionary
    foreign = bool(states and rec.country and rec.country not in states)
    if not (first or english or foreign):
        return False
    if rec.kind not in ("company", "operator") or (english and foreign):
        return True
    return not _business_context(ctx, word, strict=english)


def _business_context(ctx: LinkContext, word: str, strict: bool) -> bool:
    """Some place where the document names the brand, capitalised, speaks of a business: a word of
    ``domain_cues.company`` in its sentence, or for an English word ``strict``ly within ``NEAR``
    words and never after an article ("the House")."""
    cache = ctx.business
    if (word, strict) not in cache:
        cues = ctx.lex.domain_cues.get("company", frozenset())
        found = False
        for i, folded in enumerate(ctx.folded):
            if folded != word or not ctx.tokens[i].text[:1].isupper():
                continue
            if strict and i and ctx.folded[i - 1] in DETERMINERS:
                continue
            sent = ctx.tokens[i].sent
            lo, hi = (max(sent.start, i - NEAR), min(sent.end, i + NEAR + 1)) if strict else (sent.start, sent.end)
            if any(ctx.folded[j] in cues for j in range(lo, hi)):
                found = True
                break
        cache[(word, strict)] = found
    return cache[(word, strict)]


def fill_wikidata(kb: KnowledgeBase, index: WikidataIndex) -> None:
    """A curated person or organisation without a Wikidata id gets the id of the one record of the
    same name (and state, where both give one) in the tables; it keeps its own id and the rest."""
    for rec in kb.records.values():
        if rec.wikidata or rec.type not in ("person", "organization"):
            continue
        lookup = index.person if rec.type == "person" else index.organization
        found = [r for r in lookup(fold_words(rec.name)) if r.wikidata
                 and (not rec.country or not r.country or r.country == rec.country)]
        if len(found) == 1:
            rec.wikidata = found[0].id
