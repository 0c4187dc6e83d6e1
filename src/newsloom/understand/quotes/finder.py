"""Assembles quotations from marks and cues: direct, partial and indirect, each attributed.

Phases, in order: context (marks on the raw text, cues on the parse, boilerplate left out);
marked items (each quotation takes the cue whose reported clause contains it, or the nearest cue
beside it); reported items (a cue whose clause holds no quotation gives an indirect statement);
joining (split quotations, follow-on quotations, one statement per cue); speakers, resolved in
text order so pronouns and descriptions can lean on earlier speakers; and the quotes themselves."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...model import DateMention, Quote
from .adjuncts import Cue, sentence_cues  # every cue kind, adjuncts included
from .assemble import (
    Item,
    dedupe,
    inherit_speakers,
    is_label,
    merge_split_quotes,
    overlap,
    quoted_parts,
    reports_clause,
    strip_span,
)
from .colons import colon_cues
from .context import quote_date, quote_venue, quote_via
from .dates import fallback_dates
from .enough import says_enough
from .layout import headline_cues, label_cues, layout_kind, signature_cues
from .learned_content import learned_items, nested_statements
from .lexicon import Lexicon
from .marks import Marked, find_quotations, is_title, paragraphs
from .mentions import MentionIndex, ner_mentions
from .onestatement import one_per_statement
from .outside import subjects_outside
from .ranker import Scene, choose
from .relatives import resolve_speakers
from .sides import report_parts
from .speakers import Resolved, SpeakerResolver
from .spoken import spoken_text as spoken_text  # where callers have always found it
from .subjects import relative_clause

_ADJACENT = 160  # max characters between a direct quotation and the cue attributing it
_BOUNDARY_BEFORE = set(":,.;!?—–-(")
_BOILERPLATE_MAX = 400
# A sentence ending between a cue and a quotation: "... was expected. “The goal ...”" is not
# attributed by that cue (a trailing ". " counts too, unlike in "U.S. officials").
_MARKS = re.compile(r"[“”\"«»„]|''")  # any quotation mark but single ones (apostrophes)
# The full stop of an abbreviated title ("Mr. Obama said") ends no sentence.
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Jr", "Sr", "Rev", "Prof", "Lt", "Col", "Sgt", "St")
_PERSON_PRONOUNS = {"he", "she", "i", "we", "they"}
_SENTENCE_END = re.compile("".join(rf"(?<!\b{t})" for t in _TITLES) + r"(?<![A-Z])[.!?](?:\s|$)")


@dataclass(slots=True)
class _Context:
    """One document as the phases see it."""

    doc: Doc
    lex: Lexicon
    text: str
    index: MentionIndex
    resolver: SpeakerResolver
    dates: list[DateMention]
    published: str | None
    paras: list[tuple[int, int]]
    marks: list[Marked]
    sents: list[Span]
    cues: list[Cue]

    def para_of(self, pos: int) -> int:
        return next((i for i, (a, b) in enumerate(self.paras) if a <= pos < b + 1), -1)


def find_quotes(doc: Doc, lex: Lexicon) -> list[Quote]:
    ctx = _context(doc, lex)
    items = _marked_items(ctx) + _reported_items(ctx)
    added = learned_items(ctx.doc, ctx.lex, items, ctx.marks)  # where rules found nothing
    items = dedupe(nested_statements(items, added) + added)
    items = merge_split_quotes(items, ctx.para_of, ctx.text)
    inherit_speakers(items, ctx.para_of, ctx.resolver.sentence_of)
    items = one_per_statement(items, ctx.text)
    cues = {id(it.cue): it.cue for it in items if it.cue}
    resolved = resolve_speakers(list(cues.values()), ctx.text, ctx.lex, ctx.resolver)
    quotes = []
    scene: list[Scene] = []  # built on first need: most documents attribute every quotation
    for it in items:
        src = it.cue or (it.inherit_from.cue if it.inherit_from else None)
        r = resolved.get(id(src)) if src else None
        if r is None and it.kind == "direct" and it.mark is not None:
            scene = scene or [ranker_scene(ctx, resolved)]
            r = _ranked_speaker(ctx, scene[0], it)
        if it.kind != "direct" and r is None:
            continue  # a partial or reported clause without a speaker is not a quotation
        if r is None and (it.mark is None or it.mark.words(ctx.text) < 6):
            continue  # titles, scare quotes and fragments with nobody saying them
        quotes.append(_to_quote(ctx, it, src, r))
    return quotes


def _context(doc: Doc, lex: Lexicon) -> _Context:
    mentions = doc._.nl_mentions
    index = MentionIndex(doc, ner_mentions(doc) if mentions is None else mentions, lex)
    text = index.text
    published = doc._.nl_published
    dates = doc._.nl_dates if doc._.nl_dates is not None else fallback_dates(doc, published)
    paras = paragraphs(text)
    boiler = [p for p in paras if p[1] - p[0] <= _BOILERPLATE_MAX
              and (any(w in text[p[0]:p[1]].lower() for w in lex.boilerplate)
                   or lex.boilerplate_re is not None and lex.boilerplate_re.search(text, p[0], p[1]))]

    def in_boiler(pos: int) -> bool:
        return any(a <= pos < b for a, b in boiler)

    # Titles of shows and works are named, not said: their marks quote nobody.
    marks = [m for m in find_quotations(text) if not in_boiler(m.start) and not is_title(text, m)]
    resolver = SpeakerResolver(doc, index, lex)
    resolver.quoted = [(m.start, m.end) for m in marks]
    sents = list(doc.sents)
    cues = [c for s in sents if not in_boiler(s.start_char) for c in sentence_cues(s, lex, text)
            if not any(m.start < c.anchor.idx < m.end for m in marks)]
    cues += label_cues(doc, text, [p for p in paras if not in_boiler(p[0])])
    cues += signature_cues(doc, text, [(m.start, m.end) for m in marks], paras)
    persons = [(m.start, m.end, m.text.split()[-1]) for m in index.mentions if m.actor.type == "person"]
    cues += headline_cues(doc, text, paras, persons)
    cues += colon_cues(doc, text, marks, cues, lex)
    cues.sort(key=lambda c: c.start)
    subjects_outside(cues, resolver.quoted)
    return _Context(doc, lex, text, index, resolver, dates, published, paras, marks, sents, cues)


def _kind_of(text: str, m: Marked) -> str:
    """Direct when the quotation opens a sentence or follows attribution punctuation."""
    i = m.start - 1
    while i >= 0 and text[i].isspace() and text[i] != "\n":  # a no-break space too (scraped HTML)
        i -= 1
    return "direct" if i < 0 or text[i] == "\n" or text[i] in _BOUNDARY_BEFORE else "partial"


def _marked_items(ctx: _Context) -> list[Item]:
    """One item per quotation, with the cue whose reported clause holds it or the one beside it."""
    items: list[Item] = []
    clauses: dict[int, Item] = {}
    for m in ctx.marks:
        inner = (m.text_start, m.text_end)
        kind = _kind_of(ctx.text, m)
        holders = [c for c in ctx.cues if c.content and overlap(c.content, inner) * 2 >= inner[1] - inner[0]]
        cue = _holder(ctx, holders) if holders else None
        if cue is None or kind == "direct":
            cue = _adjacent_cue(m, ctx.cues, ctx.text, ctx.para_of) or cue
        if kind == "partial" and is_label(ctx.doc, m) and not reports_clause(ctx.doc, cue):
            continue  # a “no Russia” clause written into contracts; not “military-technical” steps she warned of
        parts = quoted_parts(ctx.text, m)
        label = next((c for c in ctx.cues if c.speaker_span and c.text.endswith(":")
                      and parts[0][0] <= c.start < c.end <= parts[0][1]), None)
        if label is not None:
            # "“WALLACE: …”": a transcript line quoted whole; the label speaks, the rest is said.
            cue, parts[0] = label, strip_span(ctx.text, label.end, parts[0][1])
        if kind == "partial" and cue is not None and cue in holders:
            # Words quoted inside a reported clause ("called the plan “a red line” and said it was
            # “not serious”"): one statement, the clause, with the quoted words as its parts.
            clause = _clause_around(strip_span(ctx.text, *cue.content), m, parts)
            if clause[0] <= parts[0][0] and parts[-1][1] <= clause[1]:
                if clauses.get(id(cue)) is not None:
                    clauses[id(cue)].parts.extend(parts)
                    clauses[id(cue)].end = max(clauses[id(cue)].end, clause[1])
                    continue
                clauses[id(cue)] = Item(clause[0], clause[1], kind, cue, m, parts=parts)
                items.append(clauses[id(cue)])
                continue
        items.append(Item(parts[0][0], parts[-1][1], kind, cue, m, parts=parts))
    return items


def _holder(ctx: _Context, holders: list[Cue]) -> Cue:
    """The cue whose reported clause holds a quotation: the innermost, unless it sits inside
    another's clause without naming someone who speaks ("McCaskill said voters would find it
    “very hard to look past”": the quoted words are McCaskill's, not the voters'), the rule that
    keeps such a nested cue from being a statement of its own."""
    ranked = sorted(holders, key=lambda c: c.content[1] - c.content[0])
    for inner in ranked[:-1]:
        outer = [o for o in ranked if o is not inner and o.content[0] <= inner.anchor.idx < o.content[1]]
        if not outer or _speaks(inner, ctx):
            return inner
    return ranked[-1]


def _speaks(c: Cue, ctx: _Context) -> bool:
    """The cue's subject is someone who speaks: a person pronoun, a role or a named actor."""
    if c.noun or not c.explicit or c.subject is None:
        return False
    return c.subject.lower_ in _PERSON_PRONOUNS or _names_someone(c, ctx.index, ctx.lex)


def _clause_around(clause: tuple[int, int], m: Marked, parts: list[tuple[int, int]]) -> tuple[int, int]:
    """A reported clause that ends (or starts) inside a quotation it holds takes the whole
    quotation with its marks: the parser often leaves the full stop and the closing mark of
    "... and that “no group owns being an American.”" out of the clause."""
    a, b = clause
    if parts[0][0] <= b <= m.end and b < parts[-1][1] + 2:
        b = m.end
    elif b == parts[-1][1]:
        b = m.end  # the clause ends with the quotation: keep its closing mark
    if m.start < a <= parts[0][0] + 1 and a < b:
        a = m.start
    return a, b


def _reported_items(ctx: _Context) -> list[Item]:
    """Indirect statements: reported clauses that hold no quotation."""
    items = []
    for c in ctx.cues:
        span = _reported_span(ctx, c)
        if span is None or any(overlap(span, (m.start, m.end)) for m in ctx.marks):
            continue
        span = _before_relative_statement(ctx, c, span)
        # A cue inside another's reported clause is part of what was reported; it is a statement
        # of its own only when its speaker is named there too ("X said Y warned that Z": Y said Z).
        if any(o is not c and o.content and o.content[0] <= c.anchor.idx < o.content[1]
               and not (c.explicit and not c.noun and o.content[0] <= c.subject.idx < o.content[1]
                        and _names_someone(c, ctx.index, ctx.lex))
               for o in ctx.cues):
            continue
        if says_enough(ctx.doc, ctx.text, span, c.stance):
            kind = layout_kind(ctx.text, c, span) if c.speaker_span and c.text.endswith(":") else "indirect"
            items.append(Item(span[0], span[1], kind, c, parts=report_parts(c.parts, span)))
    return items


def _before_relative_statement(ctx: _Context, c: Cue, span: tuple[int, int]) -> tuple[int, int]:
    """A reported clause ending in a relative clause that is a statement of its own ("endorses
    <Name>, who says he is honored": what <Name> says) ends before it; the words are the inner speaker's."""
    for r in ctx.cues:
        rel = r.relative
        if (r is c or rel is None or not r.explicit or r.noun or not span[0] < rel.idx < span[1]
                or r.subject is None or not span[0] <= r.subject.idx < rel.idx
                or not _names_someone(r, ctx.index, ctx.lex)):
            continue
        clause = relative_clause(r.anchor)
        if clause is not None and clause.subtree is not None and max(t.idx + len(t) for t in clause.subtree) >= span[1]:
            cut = strip_span(ctx.text, span[0], rel.idx)
            end = cut[1] - 1 if cut[1] > cut[0] and ctx.text[cut[1] - 1] in ",;" else cut[1]
            return strip_span(ctx.text, span[0], end) if end > span[0] else span
    return span


def _reported_span(ctx: _Context, c: Cue) -> tuple[int, int] | None:
    """The reported clause of a cue, kept within its paragraph (headlines, section labels)."""
    span = c.content
    if c.passive_this:
        prev = [s for s in ctx.sents if s.end_char <= c.start]
        if prev:
            span = (prev[-1].start_char, prev[-1].end_char)
    if span is None or c.subject is None:
        return None
    p = ctx.para_of(c.anchor.idx)
    pa, pb = ctx.paras[p] if p >= 0 else (0, len(ctx.text))
    span = strip_span(ctx.text, max(span[0], pa), min(span[1], pb))
    return span if span[1] > span[0] else None


def ranker_scene(ctx: _Context, resolved: dict[int, Resolved | None]) -> Scene:
    """What the learned speaker choice reads of this document (the speakers the rules found)."""
    found = sorted((r.speaker.start, r.speaker.actor.id) for r in resolved.values()
                   if r is not None and r.speaker.actor is not None)
    counts: dict[str, int] = {}
    for _, a in found:
        counts[a] = counts.get(a, 0) + 1
    top = max(counts, key=lambda a: counts[a]) if counts else None
    return Scene(ctx.doc, ctx.text, ctx.index, ctx.lex, ctx.resolver.quoted, ctx.para_of,
                 ctx.resolver.sentence_of, found, top)


def _ranked_speaker(ctx: _Context, scene: Scene, it: Item) -> Resolved | None:
    """A direct quotation no rule attributes: the learned choice among the mentions around it."""
    c = choose(scene, it.mark.start if it.mark else it.start, it.mark.end if it.mark else it.end, it.parts)
    if c is None:
        return None
    if c.token is not None:
        return ctx.resolver.resolve(c.token)
    assert c.mention is not None
    return ctx.resolver.from_mention(c.mention)


def _to_quote(ctx: _Context, it: Item, src: Cue | None, r: Resolved | None) -> Quote:
    text = ctx.text
    lo = min(it.start, src.start) if src else it.start
    hi = max(it.end, src.end) if src else it.end
    covering = [s for s in ctx.sents if s.end_char > lo and s.start_char < hi]
    sentence = (covering[0].start_char, covering[-1].end_char) if covering else (it.start, it.end)
    # Outlet and venue may be named inside a reported clause, never inside the quoted words.
    hole = (it.parts[0][0], it.parts[-1][1]) if it.kind == "partial" else (it.start, it.end)
    via = None
    if src is not None and src.via is not None:
        via_m = ctx.index.within(*ctx.resolver.noun_phrase(src.via))
        via = via_m[0].actor if via_m else None
    via = via or quote_via(text, sentence, hole, ctx.index, ctx.lex)
    own = it.parts != [(it.start, it.end)]
    return Quote(
        # One span must cover a split quotation, so its text is exactly that slice; the speaker's
        # own words are its parts (and ``joined`` reads them as one).
        text=text[it.start:it.end], start=it.start, end=it.end, kind=it.kind,  # type: ignore[arg-type]
        cue=src.text if src else None,
        speaker=r.speaker if r else None,
        speaks_for=r.speaks_for if r else None,
        role=r.role if r else None,
        via=via,
        date=quote_date(ctx.dates, sentence, _statement_holes(it, src, r), ctx.published,
                        past=src is not None and src.anchor.tag_ in ("VBD", "VBN")),
        venue=quote_venue(text, sentence, hole, ctx.lex),
        sentence_start=sentence[0], sentence_end=sentence[1],
        parts=list(it.parts) if own else None,
        negated=bool(src is not None and _negated(src, ctx.lex)),
        stance=bool(src is not None and src.stance and it.kind == "indirect"),
    )


def _negated(cue: Cue, lex: Lexicon) -> bool:
    """A denial or refusal ("denied", "did not say") reports what someone did not say."""
    return cue.anchor.lemma_.lower() in lex.denial_verbs or any(c.dep_ == "neg" for c in cue.anchor.children)


def _statement_holes(it: Item, cue: Cue | None, r: Resolved | None) -> list[tuple[int, int]]:
    """What a date of the statement may not come from: the quoted words, the whole reported
    clause ("... net zero by 2050") and the speaker's phrase ("October's candidates")."""
    holes = [(it.start, it.end)]
    if cue is not None and cue.content is not None:
        holes.append(cue.content)
    if r is not None:
        holes.append((r.speaker.start, r.speaker.end))
    return holes


def _closes_before(text: str, pos: int) -> bool:
    """A quotation closes shortly before ``pos`` in the same sentence ("…,” he said")."""
    close = max(text.rfind(ch, max(0, pos - 60), pos) for ch in "”\"")
    return close >= 0 and not _SENTENCE_END.search(text, close + 1, pos) and text[close - 1 : close] in ",!?"


def _names_someone(c: Cue, index: MentionIndex, lex: Lexicon) -> bool:
    """A nested cue is a statement of its own: a speech verb whose subject is a linked actor or a
    role ("the minister"), not a thing ("the prize")."""
    subj = c.subject
    # The verb's own subject word: the relative word of "Trump, who says he is honored".
    if c.anchor.lemma_.lower() in lex.needs_complement or (c.relative or c.subject) not in c.anchor.children:
        return False  # "said Li had held wide contacts": a weak verb, or a participle, is no speech act
    return subj is not None and (subj.lemma_.lower() in lex.role_nouns
                                 or any(m.start <= subj.idx < m.end and m.actor.type != "other" for m in index.mentions))


def _introduces(text: str, cue_end: int, quote_start: int) -> bool:
    """A paragraph that ends with a colon soon after its cue introduces the quotation opening
    the next one ("Cruz continued:", "In a speech, he declared:")."""
    between = text[cue_end:quote_start]
    return len(between) <= _ADJACENT and between.rstrip().endswith(":") and "\n" in between


def _ends_sentence(text: str, m: Marked) -> bool:
    """“… in a political campaign.” Ohio's governor said ...: a quotation whose words close
    with a full stop, followed by a capital, is a finished sentence; an attribution after it
    (which would follow a comma) begins the next one."""
    words = text[m.text_start:m.text_end].rstrip()
    after = text[m.end:m.end + 3].lstrip()
    return words.endswith(".") and not words.endswith("..") and after[:1].isupper()


def _adjacent_cue(m: Marked, cues: list[Cue], text: str, para_of: Callable[[int], int]) -> Cue | None:
    """The nearest cue outside the quotation in its paragraph, within ``_ADJACENT`` chars."""
    p_first, p_last = para_of(m.start), para_of(max(m.start, m.end - 1))
    best: tuple[int, Cue] | None = None
    for c in cues:
        if c.subject is None or c.subject.idx >= m.start and c.subject.idx < m.end:
            continue
        p = para_of(c.start)
        if c.start >= m.end and p == p_last:
            if _ends_sentence(text, m):
                continue
            dist, between = c.start - m.end, text[m.end:c.start]
        elif c.end <= m.start and (p == p_first or p == p_first - 1 and _introduces(text, c.end, m.start)):
            dist, between = m.start - c.end, text[c.end:m.start]
        else:
            continue
        if dist > _ADJACENT or _MARKS.search(between):
            continue
        if _SENTENCE_END.search(between) and not (c.end <= m.start and _closes_before(text, c.start)):
            continue  # unless it attributes the piece before: “…,” he said. “…”
        if best is None or dist < best[0]:
            best = (dist, c)
    return best[1] if best else None
