"""Understanding under hostile text: texts past spaCy's 1,000,000-character limit are read as far
as nlp.max_chars by design (no E088, offsets true), and an unclosed quotation stays in its paragraph."""

from __future__ import annotations

from newsloom.model import Document
from newsloom.pipeline import Pipeline
from newsloom.settings import Settings
from newsloom.understand.nlp import analysed_length, build_nlp, make_docs
from newsloom.understand.quotes.marks import MAX_UNCLOSED, find_quotations

PARAGRAPH = ("The harbour minister, Ana Ruiz, said on Tuesday that repairs would take three weeks. "
             "“We will reopen the berths as soon as the wall is safe,” Ruiz told reporters in Lisbon.\n\n")


def test_megabyte_texts_are_cut_to_a_prefix_not_refused() -> None:
    settings = Settings.load()
    nlp = build_nlp(settings)
    text = PARAGRAPH * (1_200_000 // len(PARAGRAPH))
    assert len(text) > nlp.max_length
    [doc] = make_docs(nlp, [text], [None])  # spaCy raises E088 on the whole text
    assert 0 < len(doc.text) <= nlp.max_length and text.startswith(doc.text)
    assert doc.text.endswith("\n") or len(doc.text) == analysed_length(text, nlp.max_length)


def test_long_text_facts_keep_true_offsets(fast_settings) -> None:
    settings = Settings.load(**{"nlp.max_chars": 4000})
    text = "Harbour works run late\n\n" + PARAGRAPH * (1_100_000 // len(PARAGRAPH))
    [article] = Pipeline(settings).process([Document(raw=text.encode(), source="long.txt")])
    assert article.error is None, article.error
    assert 0 < article.extraction["analysed_chars"] <= 4000
    assert article.quotes and article.entities
    for q in article.quotes:
        assert q.end <= 4000 and article.text[q.start:q.end] == q.text
    for e in article.entities:
        for m in e.mentions:
            assert article.text[m.start:m.end] == m.text


def test_an_unclosed_quotation_stays_within_its_paragraph() -> None:
    filler = "Officials met again and the talks went on late into the night. "
    chained = "He said: “We will not go back. " + filler * 4 + "\n\n" + ("“" + filler * 4 + "\n\n") * 40
    one_paragraph = "She said: “The plan stands. " + filler * 200
    for text in (chained, one_paragraph):
        [quote] = find_quotations(text)
        assert not quote.closed and quote.end - quote.start <= MAX_UNCLOSED
        assert "\n\n" not in text[quote.start:quote.end]
    closed = "“" + filler * 30 + "”"
    [whole] = find_quotations(closed)
    assert whole.closed and whole.end == len(closed)  # a closed quotation may be long


def test_supplied_text_loses_its_furniture_not_its_prose() -> None:
    from newsloom.sources.files import document_from_object

    prose = ["Officials from four port authorities met on Monday to agree on repairs to the harbour wall.",
             "The meeting ran for six hours and ended with a plan to reopen two berths next week.",
             "A further session is planned for Thursday, when engineers will present the costs."]
    text = "\n".join(["Harbour talks resume after storm", "", prose[0], "Sign up for our newsletter to get updates",
                      prose[1], "Subscribe to our newsletter for daily updates", prose[2]])
    item = document_from_object({"maintext": text}, "supplied", b"")
    [article] = Pipeline(stages=[]).process([item.doc])
    assert article.text.split("\n\n") == prose
    assert "newsletter" not in article.text
