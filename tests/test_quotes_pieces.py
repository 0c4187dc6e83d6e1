"""Quoted pieces of one statement: a list of pieces joined by "and", and a piece continuing one
from before its attribution, are one statement whose parts are the pieces.

Texts written for these tests; the people are invented.
"""

from __future__ import annotations

from quoting import one, quotes_in


def _parts_exact(text: str, q) -> list[str]:
    assert text[q.start:q.end] == q.text
    assert q.parts is not None
    return [text[a:b] for a, b in q.parts]


def test_pieces_joined_by_and_are_one_statement_whatever_cue_lies_nearer() -> None:
    # A parse that leaves the first cue without its clause attributes each piece to the cue
    # nearest it; the list is still one statement, the first piece's.
    from newsloom.understand.quotes.assemble import Item
    from newsloom.understand.quotes.marks import find_quotations
    from newsloom.understand.quotes.onestatement import one_per_statement

    class _Cue:  # only its position matters here
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

    text = "Okafor posted overnight that the plan was “reckless” and “a waste” and urged a new vote."
    posted, urged = _Cue(7, 13), _Cue(text.index("urged"), text.index("urged") + 5)
    first, second = find_quotations(text)
    items = [Item(m.text_start, m.text_end, "partial", cue, mark=m, parts=[(m.text_start, m.text_end)])
             for m, cue in ((first, posted), (second, urged))]
    joined = one_per_statement(items, text)
    assert len(joined) == 1 and joined[0].cue is posted
    assert [text[a:b] for a, b in joined[0].parts] == ["reckless", "a waste"]


def test_a_piece_continuing_one_from_before_its_attribution_joins_it() -> None:
    text = ("The council met again on Monday.\n\n"
            "The harbour plan is “too slow,” Mayor Dana Okafor wrote in a letter to the council, "
            "and “far too costly for a town of this size.”")
    quotes = quotes_in(text)
    q = one(quotes, "too slow")
    assert _parts_exact(text, q)[-1] == "far too costly for a town of this size."
    assert "Okafor" in (q.speaker.text if q.speaker else "")
    assert not [o for o in quotes if o is not q and "far too costly" in o.text]
