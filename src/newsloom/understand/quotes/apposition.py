"""An apposition after a source phrase's name: "According to <Name>, a spokeswoman for the agency,
the plan ...". The words between the commas describe the source (its role), not what was reported;
the parser often takes the description for a subject of the clause that follows, so the source's
own subtree does not reach it and it is found here by its shape instead. The parser may also err the
other way, hanging the clause's subject on the description ("According to <Name>, director of
<Firm>, the run of outages is ..."): the source then ends at the description's comma as well."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .subjects import FINITE_TAGS as _FINITE

# Words a describing noun phrase is made of ("a senior adviser to the mayor", "the city's
# director of planning"); a verb, a pronoun or a subordinator means a clause, not a description.
_NOMINAL = {"DET", "ADJ", "NOUN", "PROPN", "ADP", "PART", "NUM", "CCONJ", "ADV"}
_FIRST = {"DET", "ADJ", "NOUN", "PROPN"}


def apposition_end(name_end: Token, sent: Span) -> Token | None:
    """The last word of a ", <description>," set right after the source's name when a clause with
    its own subject follows the second comma; none otherwise ("According to the poll, in May, ...",
    "According to the poll, the two rivals, both senators, are tied" keep their words)."""
    doc = name_end.doc
    found = _description(name_end, sent)
    if found is None:
        return None
    words, close = found
    # A clause of its own after the second comma: a plain noun phrase, then a finite verb (the
    # parser may hang that noun on the description, so its dependency label is not trusted). A
    # comma, a relative word or "and" before the verb means the commas set off something else:
    # "the two rivals, both former mayors, are level", "the mayor, the council and the chief met".
    rest = doc[close.i + 1:sent.end]
    verb = next((t for t in rest if t.tag_ in _FINITE), None)
    if verb is None:
        return None
    subject = doc[close.i + 1:verb.i]
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in subject) or any(
            t.is_punct or t.pos_ == "CCONJ" or t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in subject):
        return None
    return words[-1]


def _description(name_end: Token, sent: Span) -> tuple[Span, Token] | None:
    """The words of a ", <description>," set right after the name, and the comma closing it."""
    doc = name_end.doc
    i = name_end.i + 1
    if i >= sent.end or doc[i].text != ",":
        return None
    close = next((t for t in doc[i + 1:sent.end] if t.text == "," or t.is_sent_end), None)
    if close is None or close.text != "," or close.i == i + 1:
        return None
    words = doc[i + 1:close.i]
    if words[0].pos_ not in _FIRST or any(t.pos_ not in _NOMINAL and not t.is_punct for t in words):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in words) or any(t.text in ",;:—–" for t in words):
        return None
    return words, close


def source_end(head: Token, subtree_end: Token, sent: Span) -> Token:
    """The last word of the source of a source phrase whose head is ``head``: the description after
    its name when one is set off by commas before the reported clause, else its subtree's end."""
    comma = next((t for t in head.doc[head.i + 1:sent.end] if t.text == ","), None)
    if comma is None:
        return subtree_end
    own = {t.i for t in head.subtree}
    if not all(i in own for i in range(head.i, comma.i)):
        return subtree_end  # the name's phrase ends before the comma ("a poll by X released on ...")
    end = apposition_end(head.doc[comma.i - 1], sent)
    if end is not None:
        return end
    # The parser may hang what follows the description on the source ("according to an analysis by
    # <Firm>, a research group, higher than any year on record"): the source still ends at the
    # description's closing comma, and the words after it are the report's.
    found = _description(head.doc[comma.i - 1], sent)
    if found is not None and subtree_end.i > found[1].i:
        return found[0][-1]
    return subtree_end
