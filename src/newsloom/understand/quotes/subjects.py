"""Who speaks for a reporting verb: its own subject, the subject of the verb it hangs on, an agent
("was announced by X"), or, where the parser left the verb without one, the name beside it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import Lexicon

QUOTE_CHARS = set('“”"„«»')
# Tags of a finite verb (a clause of its own): past, present, modal.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A passive verb's subject is what was said of, not who said it ("The Senate is expected to ...");
# the speaker is the agent ("was announced by X").
_SPEAKER_DEPS = {"nsubj", "csubj"}
_CLIMB_DEPS = {"advcl", "conj", "xcomp"}


def is_cue_verb(tok: Token, lex: Lexicon) -> bool:
    """A verb of the lists, or one the learned detector scores as a cue in its construction."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in lex.inference_verbs:
        return False
    if lemma in lex.as_only and as_roots(tok):
        return True  # "regards X as Y"; otherwise only as the learned detector scores it
    return lemma in lex.verbs or lex.cue_model is not None and lex.cue_model.is_cue(tok)


def as_roots(tok: Token) -> list[Token]:
    """"cited the tax as a reason", "sees golf courses as wasted space", "are seen as favourites by
    voters": the object (or a passive's subject when an agent names the holder) and what it is
    taken as, the "as" hung on the verb or on the object."""
    children = list(tok.children)
    passive = any(c.dep_ == "agent" for c in children)
    objs = [c for c in children if c.dep_ == "dobj" or passive and c.dep_ == "nsubjpass"]
    preps = [p for o in [tok, *objs] for p in o.children if p.dep_ == "prep" and p.lower_ == "as"
             and any(g.dep_ in ("pobj", "pcomp") for g in p.children)]
    # "see the campaign as most unfair": an adjective or clause the parser hung on the verb.
    # Not a clause of time ("saw declines as investors decided ..."): that "as" is "while".
    preps += [c for c in children if c.dep_ in ("advcl", "oprd", "acomp", "xcomp")
              and c.pos_ in ("ADJ", "NOUN", "PROPN") and any(g.lower_ == "as" and g.i < c.i for g in c.children)]
    return objs + [p for p in preps if p.head.i == tok.i] if objs and preps else []


def subject_of(verb: Token, lex: Lexicon) -> tuple[Token | None, bool]:
    """The speaker's head token and whether it is the verb's own subject."""
    own = True
    t = verb
    came_from = ""
    for _ in range(4):
        if t is not verb and not is_cue_verb(t, lex):
            # "<Name> said Russia had done everything needed and accused Kyiv of ...": a verb
            # hung on the reported clause shares the speaker of the verb reporting it.
            gov = _governing_cue(t, lex)
            if gov is not None:
                return subject_of(gov, lex)[0], False
        for c in t.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, own
        # With two subjects (a parse that splits "<title> <Name>"), the one nearest the verb.
        # Climbing from an infinitive, a passive subject is its doer too: "<Paper> is expected
        # to endorse <Name>".
        deps = _SPEAKER_DEPS | {"nsubjpass"} if t is not verb and came_from == "xcomp" else _SPEAKER_DEPS
        subjects = [c for c in t.children if c.dep_ in deps]
        if subjects:
            return subjects[-1], own
        if t.dep_ == "acl" and t is not verb:
            return t.head, False  # "a resolution demanding X and calling for Y"
        if came_from == "pcomp" and t.pos_ in ("NOUN", "ADJ") and t.dep_ in ("dobj", "acomp", "attr"):
            # "took the unusual step of criticizing X", "was aggressive in pushing X": the doer of
            # the verb the phrase completes.
            t = t.head
            continue
        if t.dep_ in _CLIMB_DEPS and t.head is not t:
            came_from, t, own = t.dep_, t.head, False
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head is not t.head:
            # "defended the line by saying ...", "after telling aides ...": the governing verb's doer.
            came_from, t, own = "pcomp", t.head.head, False
            continue
        break
    return None, own


def stray_subject(verb: Token, sent: Span) -> Token | None:
    """The speaker of a finite reporting verb the parser left without a subject: the name right
    after it when a quotation or comma precedes ("…,” said <Name>, a confidant who heads …"), or
    the noun right before it ("In a statement, her adviser, <Name>, said: “…”")."""
    doc = sent.doc
    count = _count_subject(verb)
    if count is not None:
        return count
    before = verb.i - 1
    while before >= sent.start and doc[before].pos_ == "ADV":
        before -= 1
    if before < sent.start:
        return None
    prev = doc[before]
    if prev.text in QUOTE_CHARS or prev.text == ",":
        after = verb.i + 1
        if after < sent.end and doc[after].pos_ == "PROPN":
            head = doc[after]
            while head.dep_ == "compound" and verb.i < head.head.i < sent.end:
                head = head.head
            return head
        if prev.text == ",":
            before -= 1
            prev = doc[before] if before >= sent.start else prev
    if prev.pos_ == "PROPN" and prev.i < verb.i:
        return prev
    return None


def _count_subject(verb: Token) -> Token | None:
    """A poll's share of respondents that the parser hung on the verb as a number rather than its
    subject ("About 4 in 10 say ...", "Less than a third agreed ..."): the group of respondents speaks.
    A date or time ("Two weeks ago said") is when, not who."""
    for c in verb.lefts:
        if (c.dep_ in ("nummod", "quantmod", "npadvmod") and c.ent_type_ not in ("DATE", "TIME")
                and any(t.pos_ == "NUM" or t.like_num for t in c.subtree)):
            return c
    return None


def _governing_cue(t: Token, lex: Lexicon) -> Token | None:
    """The reporting verb whose reported clause holds ``t``, climbing clause links only (not out
    of a relative clause or a subject: "<Name>, who had travelled ... expecting that ...")."""
    while t.head.i != t.i and t.dep_ not in ("relcl", "nsubj", "nsubjpass", "csubj", "appos"):
        t = t.head
        if is_cue_verb(t, lex):
            return t
    return None


# Subjects of a copula that name nobody: "it was <Name> who ...", "there are experts who ...".
_EMPTY_SUBJECTS = {"it", "there", "this", "that", "what"}


def antecedent(noun: Token) -> Token:
    """Who "who" stands for: the noun it hangs on, or, when that common noun (or a list it ends)
    is what a copula says a named person is, that person: "<Name> is a serial liar, xenophobe
    and birther who has pledged ..." - the birther is <Name>. Not in clefts and existentials ("it was <Name>
    who ...", "there are experts who ..."), where the noun itself is the one."""
    t = noun
    while t.dep_ in ("conj", "appos") and t.head.pos_ in ("NOUN", "PROPN", "ADJ"):  # "liar, racist and birther"
        t = t.head
    if t.dep_ != "attr" or t.pos_ != "NOUN" or t.head.lemma_ != "be":
        return noun  # "One such politician was <Name>, who claimed ...": the name is the one
    cop = t.head
    subject = next((c for c in cop.children if c.dep_ == "nsubj"), None)
    while subject is None and cop.dep_ == "conj":  # "<Name> incites violence and is a liar who ..."
        cop = cop.head
        subject = next((c for c in cop.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in _EMPTY_SUBJECTS or subject.pos_ not in ("PROPN", "PRON"):
        return noun
    return subject


def relative_clause(verb: Token) -> Token | None:
    """The verb heading the relative clause ``verb`` belongs to: itself, or the first of the verbs
    it is conjoined to ("demonstrators, who have marched and called for ...": "called" shares "who")."""
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return verb if verb.dep_ == "relcl" else None


def speaking_subject(verb: Token, lex: Lexicon) -> tuple[Token | None, Token | None, bool]:
    """``subject_of`` with a relative subject read as its antecedent ("<Name>, who opposes ...":
    the name speaks): the speaker's head, the relative word standing for it, and ownership."""
    subj, own = subject_of(verb, lex)
    if subj is not None and subj.tag_ in ("WP", "WDT") and (rel := relative_clause(verb)) is not None:
        return rel.head, subj, own
    return subj, None, own
