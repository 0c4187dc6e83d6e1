"""Assembles quotations from marks and cues: direct, partial and indirect, each attributed.

Order of work: quotation marks are found on the raw text; reporting cues on the parse; each
quotation takes the cue whose reported clause contains it (partial) or the nearest cue beside it
(direct); a cue whose clause holds no quotation gives an indirect statement. Speakers are then
resolved in text order, so pronouns and descriptions can lean on earlier speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ...model import Quote
from .context import quote_date, quote_venue, quote_via
from .cues import Cue, sentence_cues
from .dates import fallback_dates
from .lexicon import Lexicon
from .marks import Marked, find_quotations, paragraphs
from .mentions import MentionIndex, ner_mentions
from .speakers import Resolved, SpeakerResolver

_ADJACENT = 160  # max characters between a direct quotation and the cue attributing it
_BOUNDARY_BEFORE = set(":,.;!?—–-(")
_BOILERPLATE_MAX = 400
_LABEL_DEPS = {"compound", "amod", "nmod", "det", "nummod"}
# A sentence ending between a cue and a quotation: "... was expected. “The goal ...”" is not
# attributed by that cue (a trailing ". " counts too, unlike in "U.S. officials").
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?:\s|$)")


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    text: str
    kind: str
    cue: Cue | None
    mark: Marked | None = None
    inherit_from: _Item | None = None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _kind_of(text: str, m: Marked) -> str:
    """Direct when the quotation opens a sentence or follows attribution punctuation."""
    i = m.start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return "direct" if i < 0 or text[i] == "\n" or text[i] in _BOUNDARY_BEFORE else "partial"


def find_quotes(doc: Doc, lex: Lexicon) -> list[Quote]:
    mentions = doc._.nl_mentions
    index = MentionIndex(doc, ner_mentions(doc) if mentions is None else mentions, lex)
    text = index.text
    dates = doc._.nl_dates
    published = doc._.nl_published
    if dates is None:
        dates = fallback_dates(doc, published)
    resolver = SpeakerResolver(doc, index, lex)

    paras = paragraphs(text)
    boiler = [p for p in paras if p[1] - p[0] <= _BOILERPLATE_MAX
              and any(w in text[p[0]:p[1]].lower() for w in lex.boilerplate)]

    def in_boiler(pos: int) -> bool:
        return any(a <= pos < b for a, b in boiler)

    def para_of(pos: int) -> int:
        return next((i for i, (a, b) in enumerate(paras) if a <= pos < b + 1), -1)

    marks = [m for m in find_quotations(text) if not in_boiler(m.start)]
    resolver.quoted = [(m.start, m.end) for m in marks]
    sents = list(doc.sents)
    cues = [c for s in sents if not in_boiler(s.start_char) for c in sentence_cues(s, lex, text)
            if not any(m.start < c.anchor.idx < m.end for m in marks)]

    items: list[_Item] = []
    for m in marks:
        inner = (m.text_start, m.text_end)
        kind = _kind_of(text, m)
        holders = [c for c in cues if c.content and _overlap(c.content, inner) * 2 >= inner[1] - inner[0]]
        cue = min(holders, key=lambda c: c.content[1] - c.content[0]) if holders else None
        if cue is None or kind == "direct":
            cue = _adjacent_cue(m, cues, text, paras, para_of) or cue
        if kind == "partial" and _is_label(doc, m) and not _clause(doc, cue):
            continue  # a “no Russia” clause written into contracts; not “military-technical” steps she warned of
        start, end, words = _quoted(text, m)
        items.append(_Item(start, end, words, kind, cue, m))

    for c in cues:
        span = c.content
        if c.passive_this:
            prev = [s for s in sents if s.end_char <= c.start]
            if prev:
                span = (prev[-1].start_char, prev[-1].end_char)
        if span is None or c.subject is None:
            continue
        # A reported clause never runs past its paragraph (headlines, section labels).
        pa, pb = paras[para_of(c.anchor.idx)] if para_of(c.anchor.idx) >= 0 else (0, len(text))
        span = (max(span[0], pa), min(span[1], pb))
        if span[1] <= span[0]:
            continue
        if any(_overlap(span, (m.start, m.end)) for m in marks):
            continue
        # A cue inside another's reported clause is part of what was reported; it is a statement
        # of its own only when its speaker is named there too ("X said Y warned that Z": Y said Z).
        if any(o is not c and o.content and o.content[0] <= c.anchor.idx < o.content[1]
               and not (c.explicit and o.content[0] <= c.subject.idx < o.content[1] and _names_someone(c, index, lex))
               for o in cues):
            continue
        content = text[span[0]:span[1]].strip()
        if len(content.split()) >= 3:
            items.append(_Item(span[0], span[1], content, "indirect", c))

    items.sort(key=lambda it: it.start)
    # Two cues over one clause ("called ..., while acknowledging that X") report it once.
    seen: set[tuple[int, int]] = set()
    items = [it for it in items if (it.start, it.end) not in seen and not seen.add((it.start, it.end))]
    items = _merge_split_quotes(items)
    _inherit_speakers(items, para_of, resolver.sentence_of)

    # Resolve speakers in text order so pronouns see earlier speakers.
    resolved: dict[int, Resolved | None] = {}
    for c in sorted({id(it.cue): it.cue for it in items if it.cue}.values(), key=lambda c: c.start):
        r = resolver.resolve(c.subject) if c.subject is not None else None
        resolved[id(c)] = r
        resolver.note(c.start, r)

    quotes: list[Quote] = []
    for it in items:
        src = it.cue or (it.inherit_from.cue if it.inherit_from else None)
        r = resolved.get(id(src)) if src else None
        if it.kind != "direct" and r is None:
            continue  # a partial or reported clause without a speaker is not a quotation
        if r is None and (it.mark is None or it.mark.words(text) < 6):
            continue  # titles, scare quotes and fragments with nobody saying them
        lo = min(it.start, src.start) if src else it.start
        hi = max(it.end, src.end) if src else it.end
        covering = [s for s in sents if s.end_char > lo and s.start_char < hi]
        sentence = (covering[0].start_char, covering[-1].end_char) if covering else (it.start, it.end)
        hole = (it.start, it.end)
        via = None
        if src is not None and src.via is not None:
            via_m = index.within(*resolver.noun_phrase(src.via))
            via = via_m[0].actor if via_m else None
        via = via or quote_via(text, sentence, hole, index, lex)
        quotes.append(Quote(
            text=it.text, start=it.start, end=it.end, kind=it.kind,  # type: ignore[arg-type]
            cue=src.text if src else None,
            speaker=r.speaker if r else None,
            speaks_for=r.speaks_for if r else None,
            role=r.role if r else None,
            via=via,
            date=quote_date(dates, sentence, _statement_holes(it, src, r), published,
                            past=src is not None and src.anchor.tag_ in ("VBD", "VBN")),
            venue=quote_venue(text, sentence, hole, lex),
            sentence_start=sentence[0], sentence_end=sentence[1],
        ))
    return quotes


def _statement_holes(it: _Item, cue: Cue | None, r: Resolved | None) -> list[tuple[int, int]]:
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
    if c.anchor.lemma_.lower() in lex.needs_complement or c.subject not in c.anchor.children:
        return False  # "said Li had held wide contacts": a weak verb, or a participle, is no speech act
    return subj is not None and (subj.lemma_.lower() in lex.role_nouns
                                 or any(m.start <= subj.idx < m.end and m.actor.type != "other" for m in index.mentions))


def _adjacent_cue(m: Marked, cues: list[Cue], text: str, paras: list[tuple[int, int]],
                  para_of) -> Cue | None:
    """The nearest cue outside the quotation in its paragraph, within ``_ADJACENT`` chars."""
    p_first, p_last = para_of(m.start), para_of(max(m.start, m.end - 1))
    best: tuple[int, Cue] | None = None
    for c in cues:
        if c.subject is None or c.subject.idx >= m.start and c.subject.idx < m.end:
            continue
        p = para_of(c.start)
        if c.start >= m.end and p == p_last:
            dist = c.start - m.end
            between = text[m.end:c.start]
        elif c.end <= m.start and p == p_first:
            dist = m.start - c.end
            between = text[c.end:m.start]
        else:
            continue
        if dist > _ADJACENT or any(ch in between for ch in "“”\""):
            continue
        if _SENTENCE_END.search(between) and not (c.end <= m.start and _closes_before(text, c.start)):
            continue  # unless it attributes the piece before: “…,” he said. “…”
        if best is None or dist < best[0]:
            best = (dist, c)
    return best[1] if best else None


def _quoted(text: str, m: Marked) -> tuple[int, int, str]:
    """Offsets and words of a quotation: the exact slice for one piece (without the comma that
    hands over to the attribution), the pieces joined for a quotation across paragraphs."""
    pieces = []
    for a, b in m.parts:
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or (b == m.parts[-1][1] and text[b - 1] == ",")):
            b -= 1
        if b > a:
            pieces.append((a, b))
    if not pieces:
        return m.text_start, m.text_end, m.text(text)
    words = text[pieces[0][0] : pieces[0][1]]
    for a, b in pieces[1:]:
        words = _join(words, text[a:b])
    return pieces[0][0], pieces[-1][1], words


def _join(first: str, second: str) -> str:
    """Two pieces of one quotation as the reader reads them: “…autumn,” he said. “The free world…”
    has a full stop where the attribution stood; “…severity,” he said, “and by…” keeps its comma."""
    first = first.rstrip()
    if first.endswith(","):
        first = first[:-1] + ("," if second[:1].islower() else ".")
    elif not first.endswith((".", "!", "?", "…", ":", ";", "—", "–")):
        first += "," if second[:1].islower() else "."
    return f"{first} {second.lstrip()}"


def _is_label(doc: Doc, m: Marked) -> bool:
    """A quoted word modifying a noun after it (a “no Russia” clause) labels, nobody says it."""
    span = doc.char_span(m.text_start, m.text_end, alignment_mode="expand")
    if span is None or len(span) > 4:
        return False
    heads_out = [t for t in span if not span.start <= t.head.i < span.end]
    return (bool(heads_out) and all(t.head.i >= span.end and t.dep_ in _LABEL_DEPS for t in heads_out)
            and any(t.dep_ != "det" for t in heads_out))


def _clause(doc: Doc, cue: Cue | None) -> bool:
    """The cue reports a clause (with a verb), not just names a thing."""
    if cue is None or cue.content is None:
        return False
    span = doc.char_span(*cue.content, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _merge_split_quotes(items: list[_Item]) -> list[_Item]:
    """“First half,” she said, “second half.” is one quotation with one cue; its offsets run from
    the first piece to the last and its text joins them as the reader reads them."""
    out: list[_Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (prev is not None and prev.mark is not None and it.mark is not None and it.cue is not None
                and prev.cue is it.cue and it.kind == "direct" and prev.kind == "direct"
                and prev.end < it.cue.start < it.start):
            prev.text = _join(prev.text, it.text)
            prev.end = it.end
            continue
        out.append(it)
    return out


def _inherit_speakers(items: list[_Item], para_of, sentence_of) -> None:
    """A direct quotation with no cue continues the speaker of the quotation just before it; a
    partial one only within that quotation's sentence ("told X that “…,” and that “…”"), since
    words quoted in another sentence ("which Apple views as “…”") are not that speaker's."""
    last: _Item | None = None
    for it in items:
        if it.cue is None and it.mark is not None and last is not None and last.cue is not None:
            if it.kind == "direct" and para_of(it.start) - para_of(last.end) <= 1:
                it.inherit_from = last
            elif it.kind != "direct" and sentence_of(it.start) == sentence_of(last.cue.start):
                it.inherit_from = last
        if it.mark is not None and it.cue is not None:
            last = it
