"""Direct words inside reported clauses and quotations that run on: one statement per thing said,
every span an exact slice. Sentences written for these tests; names and events invented.
"""

from __future__ import annotations

from quoting import one, quotes_in


def test_a_clause_ending_inside_its_last_quotation_holds_it_whole() -> None:
    # The parser stops the clause before the full stop inside the closing mark; the quoted words
    # are still the clause's own, not a second statement by the same speaker.
    text = ("In her speech, Mayor Ines Varga argued that the harbour “is a shared asset” and that "
            "“no single town owns the coastline.”")
    quotes = quotes_in(text)
    q = one(quotes, "shared asset")
    assert text[q.start:q.end] == q.text and q.text.endswith("coastline.”")
    assert [text[a:b] for a, b in q.parts or []] == ["is a shared asset", "no single town owns the coastline."]
    assert not [o for o in quotes if o is not q and "coastline" in o.text]
