"""Reporting cues in a parsed sentence: the verb or phrase, who speaks, and what is reported.

A cue is a reporting verb from the lexicon ("said", "urged", "called on"), a source phrase
("according to X"), or an object-speaker verb ("<outlet> quoted X as saying"). Its content is the
clause it governs, minus nested reporting clauses, which become cues of their own.
"""

from __future__ import annotations

from spacy.symbols import AUX, VERB
from spacy.tokens import Span, Token

from ..types import tokens_with_pos
from .clauses import Cue
from .clauses import content_tokens as content_tokens  # where callers have always found it
from .clauses import trim as trim
from .lexicon import Lexicon
from .phrases import noun_cues, phrase_cues
from .sides import has_clause, report_sides, set_off_report, split_parts
from .subjects import QUOTE_CHARS as _QUOTE_CHARS
from .subjects import antecedent, is_cue_verb, relative_clause, stray_subject, subject_of
from .subjects import as_roots as _as_roots

_CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_CONTENT_PREPS = {"on", "for", "of", "against", "upon", "about"}
# Directive verbs: "called on X to do Y" - the addressee and the infinitive are the content.
_DIRECTIVE = {"call", "urge", "appeal", "press", "ask", "encourage", "invite", "warn", "advise",
              "implore", "beg", "request", "demand", "exhort", "tell", "push", "plead"}
# Verbs whose prepositional object is what was said: "called for X", "warned of X", "accused Y of X".
_PREP_CONTENT = {"call", "appeal", "warn", "press", "insist", "speak", "talk", "accuse", "blame",
                 "criticize", "criticise", "condemn", "praise", "charge", "ask", "thank"}
# ... and whose object belongs to it: "accused <whom> of <what>", "asked <whom> for <what>".
_ACCUSING = {"accuse", "blame", "criticize", "criticise", "condemn", "praise", "charge", "ask", "thank"}
# Verbs that name something in someone's words: "called the vote “a farce”".
_NAMING = {"call", "describe", "dub", "label", "brand", "term", "characterize", "characterise", "denounce",
           "condemn", "praise", "hail", "welcome", "criticize", "criticise", "slam", "blast"}




def _relative_statement(verb: Token) -> bool:
    """A reporting verb in a relative clause is a statement when the clause's relative word is its
    subject ("<Name>, who said ...") or a place or time ("where he said ..."); not when the noun is
    what was said of ("a delay that officials said had cost lives", "an outage which the airline
    blamed on ...", "a step officials described as ...")."""
    relatives = [t for t in verb.subtree if t.i < verb.i and t.tag_ in ("WDT", "WP", "WRB", "WP$")]
    if not relatives:
        return False
    # "a speech in which he declared ...": a relative word after a preposition of the verb is where.
    return all(t.tag_ == "WRB" or (t.dep_ == "nsubj" and t.head.i == verb.i)
               or (t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i == verb.i) for t in relatives)


def _governs_directly(verb: Token, clause: Token, lex: Lexicon) -> bool:
    """No other reporting verb stands between ``verb`` and the clause it seems to govern."""
    t = clause.head
    while t.i != verb.i and t.head.i != t.i:
        if is_cue_verb(t, lex):
            return False
        t = t.head
    return t.i == verb.i




def _phrase_at(sent_text_low: str, offset: int, phrases: tuple[str, ...]) -> str | None:
    for p in phrases:
        if sent_text_low.startswith(p, offset) and (
                offset + len(p) == len(sent_text_low) or not sent_text_low[offset + len(p)].isalnum()):
            return p
    return None


def _as_view(tok: Token, lemma: str, lex: Lexicon) -> bool:
    """"cited the tax as a reason" (not "cited X as saying"): the "as" construction, not a source."""
    return lemma in lex.as_verbs and lemma in lex.learned_only and not any(g.lemma_ == "say" for c in tok.children if c.lower_ == "as"
                                             for g in c.children) and bool(_as_roots(tok))


def _directive(children: list[Token], clauses: list[Token]) -> list[tuple[list[Token], int]]:
    """"called on X to do Y", "urged X to do Y": the addressee and the infinitive."""
    infinitives = [c for c in children if c.dep_ in ("advcl", "xcomp")
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if not infinitives:
        return []
    addressees = [c for c in children if c.dep_ == "dobj"]
    addressees += [g for c in children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                   for g in c.children if g.dep_ == "pobj"]
    return [(list(dict.fromkeys(clauses + infinitives + addressees)), 0)]


def _prep_candidates(children: list[Token], lemma: str, lex: Lexicon) -> list[tuple[list[Token], int]]:
    """What follows a content preposition of the verb ("called for X", "accused Y of X"), with
    where the cue ends (after the preposition)."""
    out: list[tuple[list[Token], int]] = []
    allowed = lex.content_preps(lemma)
    if lemma in _PREP_CONTENT:
        allowed |= {"of", "about"} if lemma in ("speak", "talk") else _CONTENT_PREPS
    for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in allowed):
        roots = [c for c in children if c.dep_ == "dobj" and (lemma in _ACCUSING or lemma in lex.stance_verbs)]
        # "spoke on Tuesday": a time after the preposition is when, not what.
        roots += [g for g in prep.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")]
        roots += [c for c in children if c.dep_ == "xcomp"]
        out.append((roots, prep.idx + len(prep.text)))
    return out


def _with_lost_subject(clauses: list[Token], children: list[Token]) -> list[Token]:
    """"has said single people and families would qualify": the parser took the clause's subject
    for the verb's object, leaving a clause without one; the object belongs to the clause."""
    lost = [c for c in clauses if c.dep_ == "ccomp" and not any(g.dep_ in _SUBJECTS for g in c.children)]
    objs = [o for o in children if o.dep_ == "dobj" and o.pos_ in ("NOUN", "PROPN") and lost and o.i < lost[0].i]
    return objs + clauses if objs else clauses


def _content(tok: Token, lemma: str, lex: Lexicon) -> tuple[tuple[int, int] | None, int, bool]:
    """The reported clause of a verb, trying its possible shapes in turn; where the cue ends when
    a preposition belongs to it ("called for"); and whether what is reported is a thing named
    (an object or a preposition's object) rather than a clause."""
    # Like other learned constructions, only for verbs the hand list lacks: a listed verb keeps its
    # own shapes ("described X as Y" reports what follows "as", when that says enough).
    as_roots = _as_roots(tok) if lemma in lex.as_verbs and (lemma in lex.as_only or lemma in lex.learned_only) else []
    if lemma in lex.as_only and as_roots:
        # Listed only for the "as" construction: "regards Jerusalem as its capital".
        return trim(content_tokens(as_roots, lex, tok)), 0, True
    children = list(tok.children)
    clauses = _with_lost_subject([c for c in children if c.dep_ in _CONTENT_DEPS], children)
    if lemma in lex.carrier_verbs and any(c.dep_ == "xcomp" and not is_cue_verb(c, lex) for c in clauses):
        # "continues to lead the field" is no report (nor is anything else of the verb's);
        # "continued to insist that ..." is one.
        return None, 0, False
    candidates: list[tuple[list[Token], int]] = []
    if lemma in _DIRECTIVE:
        candidates += _directive(children, clauses)
    candidates.append((clauses, 0))
    if as_roots:  # before "as" read as a content preposition, which would drop the object
        candidates.append((as_roots, 0))
    candidates += _prep_candidates(children, lemma, lex)
    if lemma in _ACCUSING:
        # "accused <whom> of <what>" with the "of" attached to the object.
        candidates.append(([c for c in children if c.dep_ == "dobj"
                            and any(g.dep_ == "prep" and g.lower_ in ("of", "for") for g in c.children)], 0))
    # A "that" clause the parser hung elsewhere ("insisted in a message that ...").
    mark = next((t for t in tok.subtree if t.i > tok.i and t.lower_ == "that" and t.dep_ == "mark"
                 and t.head.i > t.i and _governs_directly(tok, t.head, lex)), None)
    if mark is not None:
        candidates.append(([mark.head], 0))
    # "called the plan “a red line”", "urged “restraint”": an object carrying a quotation.
    objs = [c for c in children if c.dep_ in ("dobj", "oprd", "attr")]
    # A verb only the learned detector knows reports its clause, not a quoted object.
    naming = lemma in _NAMING or lemma in lex.verbs and lemma not in lex.needs_complement
    if naming and any(t.text in _QUOTE_CHARS for o in objs for t in o.subtree):
        candidates.append((objs, 0))
    if lemma in _NAMING and any(c.dep_ == "oprd" for c in children):
        # "called the charges unsubstantiated", "called Oz a quack": what the object was called.
        candidates.append(([c for c in children if c.dep_ in ("dobj", "oprd")], 0))
    if (stance := lemma in lex.stance_verbs) or lemma in lex.object_content:
        # "cited a new poll", "criticized the plan": the thing named is what is reported; a stance
        # may be taken toward someone named by a pronoun ("supported her").
        candidates.append(([c for c in children if c.dep_ == "dobj" and (c.pos_ != "PRON" or stance)], 0))
    for roots, cue_end in candidates:
        if roots and (span := trim(content_tokens(roots, lex, tok), one_word=stance)) is not None:
            return span, cue_end, not any(r.dep_ in _CONTENT_DEPS or r.dep_ == "advcl" for r in roots)
    if tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX") and not clauses:
        # A reporting clause set inside or after what it reports ("Acts of protest, she said, are
        # acts of patriotism"): the content is the sentence around it, less the cue's own words.
        own = {t.i for t in tok.subtree}
        around = [t for t in content_tokens([tok.head], lex, tok) if t.i not in own]
        if (span := trim(around)) is not None:
            return span, 0, False
    return None, 0, False


def _set_off(tok: Token, subject: Token) -> tuple[tuple[int, int] | None, list[tuple[int, int]] | None]:
    """The clause an attribution set off by commas reports, as one or two parts (``sides.py``)."""
    found = set_off_report(tok, subject, _QUOTE_CHARS, tok.lemma_.lower() in _DIRECTIVE)
    if found is None:
        return None, None
    _, before, after = found
    sides = report_sides(before, after) if after and before else [before or after]
    if not has_clause([t for side in sides for t in side]):
        return None, None
    if len(sides) == 1:
        return trim(sides[0]), None
    content = trim(before + after)
    return content, split_parts(content, before, after) if content is not None else None


def _around(tok: Token, content: tuple[int, int]) -> list[tuple[int, int]] | None:
    """The parts of a content that runs across the reporting clause set inside it."""
    own = sorted(t.i for t in tok.subtree)
    sent = tok.sent
    before = [t for t in sent if t.idx >= content[0] and t.i < own[0]]
    after = [t for t in sent if t.i > own[-1] and t.idx < content[1]]
    return split_parts(content, before, after)


def _asked(tok: Token) -> bool:
    """"Do you support <Name>?", "Will you vote for him?": a question put to "you" (an auxiliary
    before the subject) asks the reader or the person interviewed; it reports nothing they said.
    Questions about a third person ("Does <Name> oppose ...?") are left to the annotated
    convention, which often attributes them."""
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ != "you" or not any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in tok.children):
        return False
    return tok.sent.text.rstrip(" \n”\"'’").endswith("?")


def _speech_verb(tok: Token, lex: Lexicon) -> bool:
    """A reporting verb used as a speech act (not a modifier, a participle or a negated verb)."""
    if not is_cue_verb(tok, lex):
        return False
    if tok.dep_ == "pcomp" and tok.head.lower_ == "as":
        return False  # "as saying": part of the object-speaker cue of its governing verb
    if tok.dep_ in ("amod", "compound") or tok.tag_ == "VBN" and tok.dep_ == "acl":
        return False  # "the stated goal", "rhetoric used by": not speech acts
    if tok.dep_ == "acl" and tok.head.lemma_.lower() not in lex.document_nouns:
        return False  # "the talks aimed at ...": only a document speaks through a participle
    if tok.dep_ == "relcl" and not _relative_statement(tok):
        return False
    if _asked(tok):
        return False
    # "he said ..., remarks that angered ...": a noun the tagger took for a verb.
    return not (tok.dep_ == "conj" and tok.tag_ in ("VBZ", "VBP") and tok.head.tag_ == "VBD"
                and not any(c.dep_ == "cc" for c in (*tok.head.children, *tok.children)))


def _verb_subject(tok: Token, sent: Span, lex: Lexicon) -> tuple[Token | None, bool, Token | None]:
    """Who speaks through a reporting verb: the head of the speaker's phrase, whether it is the
    verb's own subject, and the relative word standing for it."""
    subject, explicit = subject_of(tok, lex)
    # A verb known only in the "as" construction is weak: inside a reported clause it is part
    # of what was reported ("said Russia would regard the move as a threat"), never its own.
    explicit = explicit and tok.lemma_.lower() not in lex.as_only
    relative = None
    if subject is not None and subject.tag_ in ("WP", "WDT") and (rel := relative_clause(tok)) is not None:
        relative, subject = subject, antecedent(rel.head)  # "<Name>, who said ...": the name speaks
    if tok.dep_ == "acl":
        subject, explicit = tok.head, True  # "a resolution demanding that ..."
    if subject is None and tok.i > sent.start and sent.doc[tok.i - 1].text in _QUOTE_CHARS | {","}:
        # “...,” shouted one protester: an inverted subject the parser took for an object.
        subject = next((c for c in tok.rights if c.dep_ in ("dobj", "attr", "npadvmod", "appos")
                        and c.pos_ in ("NOUN", "PROPN")), None)
    if subject is None and tok.tag_ in ("VBD", "VBZ", "VBP"):
        subject = stray_subject(tok, sent)
    return subject, explicit, relative


_VERBS = frozenset({VERB, AUX})


def verb_cues(sent: Span, lex: Lexicon, text: str) -> list[Cue]:
    """Cues led by a reporting verb (``text`` is the doc's text, read once by the caller)."""
    out: list[Cue] = []
    low = text[sent.start_char:sent.end_char].lower()
    base = sent.start_char
    for tok in tokens_with_pos(sent, _VERBS):  # is_cue_verb wants a verb
        if not _speech_verb(tok, lex):
            continue
        lemma = tok.lemma_.lower()
        phrase = _phrase_at(low, tok.idx - base, lex.verb_phrases)
        cue_end = tok.idx + (len(phrase) if phrase else len(tok.text))
        subject, explicit, relative = _verb_subject(tok, sent, lex)
        via = None
        content: tuple[int, int] | None = None
        parts: list[tuple[int, int]] | None = None
        stance = False
        saying = [g for c in tok.children if c.lower_ == "as" for g in c.children if g.lemma_ == "say"]
        # "cited a new poll", "cited the tax as a reason": without "as saying" the object is what
        # the subject reports, not who speaks.
        if lemma in lex.object_speaker and not _as_view(tok, lemma, lex) and (saying or lemma not in lex.object_content):
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None:
                continue
            via, subject, explicit = subject, obj, True
            if saying:
                cue_end = saying[-1].idx + len(saying[-1].text)
                roots = [g for s in saying for g in s.children if g.dep_ in _CONTENT_DEPS]
                roots = roots or [g for s in saying for g in s.children if g.dep_ not in ("aux", "punct")]
                content = trim(content_tokens(roots, lex, tok))
        else:
            content, prep_end, named = _content(tok, lemma, lex)
            stance = named and lemma in lex.stance_verbs
            cue_end = max(cue_end, prep_end)
            if content is None and phrase is not None and phrase.split()[-1] in ("out", "up"):
                # "pointed out the flaws", "summed up his case": a phrasal cue's object is what is said.
                content = trim(content_tokens([c for c in tok.children if c.dep_ == "dobj"], lex, tok))
            if content is None and (lemma in lex.learned_only or lemma not in lex.verbs):
                continue  # learned in one construction ("presented X as Y"), it attributes nothing else
            if content is None and subject is not None:
                content, parts = _set_off(tok, subject)
            elif content is not None and content[0] < tok.idx < content[1]:
                parts = _around(tok, content)  # "The permit, his campaign said, had been ...": two parts
        passive_this = (subject is not None and tok.tag_ == "VBN" and content is None
                        and any(c.dep_ == "nsubjpass" and c.lower_ in ("this", "that", "these")
                                for c in tok.children))
        cue_text = text[tok.idx:cue_end]
        if via is not None and len(cue_text.split()) > 3:
            cue_text = f"{tok.text} ... as saying"
        out.append(Cue(tok, cue_text, tok.idx, cue_end, subject, content, via, explicit, passive_this,
                       relative=relative, stance=stance, parts=parts))
    return out



def sentence_cues(sent: Span, lex: Lexicon, text: str) -> list[Cue]:
    """Every cue of the sentence, in text order; phrase cues win over their own words' verbs."""
    phrases = phrase_cues(sent, lex, text) + noun_cues(sent, lex, text)
    taken = [(c.start, c.end) for c in phrases]
    verbs = [c for c in verb_cues(sent, lex, text)
             if not any(a <= c.anchor.idx < b for a, b in taken)]
    return sorted(phrases + verbs, key=lambda c: c.start)
