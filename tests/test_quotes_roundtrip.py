"""Every span of every quote round-trips: text[start:end] is exactly the cited words, on
real-style articles full of split quotations, quotations across paragraphs, other mark
conventions, signatures and transcript labels. Articles written for this test, in our own words.
"""

from __future__ import annotations

import pytest

from newsloom.model import Quote
from newsloom.understand.quotes.finder import spoken_text

ARTICLES = [
    # Split quotations, with short and long attributions between the halves.
    ("Senator Ruth Calder opposed the measure on Tuesday.\n\n"
     "“It is a mistake,” the senator said, “and we will pay for it for a decade.”\n\n"
     "“Nobody asked the towns,” said Paul Ekwe, a county commissioner who has served on the regional "
     "transport board for eleven years and chairs its finance committee, “and nobody asked the farmers.”\n\n"
     "Calder added that the vote would be challenged in court."),
    # A quotation running across paragraphs, and words quoted inside a reported clause.
    ("The mayor, Lena Okafor, spoke at length.\n\n"
     "“We will reopen the bridge in spring. The engineers are confident.\n\n"
     "“The money is already set aside,” Okafor said.\n\n"
     "Her rival called the plan “a fantasy” and said it was “years too late.”"),
    # German, French, Nordic marks and doubled apostrophes.
    ("Chancellor Olaf Brandt was blunt. „Wir bleiben dabei“, sagte Brandt. He later said in English: "
     "„We are staying the course.“\n\n"
     "A French minister, Claire Dumont, said « we will not move » on the matter.\n\n"
     "''That is not how it works,'' said Jonas Holm, a Danish official. ''Not at all.''\n\n"
     "Holm told reporters »the talks are over« after the meeting."),
    # A signature, a transcript label, a denial.
    ("Voters answered our questions.\n\n"
     "“Prices went up and wages did not.” ― Maria Soto\n\n"
     "HOST: Were you surprised by the result?\n\n"
     "GUEST: Not at all, the polls had shown it for weeks.\n\n"
     "The ministry denied that any of its ships were involved in the collision."),
    # Quoted pieces of one clause, a run of quoted lines after one attribution, a second
    # statement opened by "adding".
    ("The governor praised the new depot's “steady planning” and “fair prices,” in a speech on Monday.\n\n"
     "She spoke in short lines:\n\n“We will finish the depot.”\u00a0\n“We will pay the builders on time.”\n\n"
     "“It is done,” the mayor said, adding of the builders, “They earned it.”"),
]


@pytest.fixture(scope="module")
def analysed():
    from newsloom.settings import Settings
    from newsloom.understand.nlp import build_nlp

    nlp = build_nlp(Settings.load())
    out = []
    for text in ARTICLES:
        doc = nlp.make_doc(text)
        doc._.nl_published = "2025-02-04"
        out.append((text, nlp(doc)._.nl_quotes))
    return out


def _check(text: str, q: Quote) -> None:
    assert text[q.start:q.end] == q.text, (q.text, text[q.start:q.end])
    for a, b in q.parts or []:
        assert q.start <= a < b <= q.end and text[a:b].strip() == text[a:b]
    if q.speaker is not None:
        assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    if q.sentence_start is not None:
        assert q.sentence_start <= q.start and q.end <= q.sentence_end


def test_every_span_round_trips(analysed) -> None:
    assert sum(len(qs) for _, qs in analysed) >= 12
    for text, quotes in analysed:
        for q in quotes:
            _check(text, q)


def test_split_quotations_keep_exact_parts(analysed) -> None:
    text, quotes = analysed[0]
    first = next(q for q in quotes if q.text.startswith("It is a mistake"))
    assert [text[a:b] for a, b in first.parts] == ["It is a mistake", "and we will pay for it for a decade."]
    assert spoken_text(text, first) == "It is a mistake, and we will pay for it for a decade."
    second = next(q for q in quotes if q.text.startswith("Nobody asked the towns"))
    assert len(second.parts) == 2 and "eleven years" not in spoken_text(text, second)
    assert second.speaker is not None and "Ekwe" in second.speaker.text


def test_clause_with_quoted_words_is_one_statement(analysed) -> None:
    text, quotes = analysed[1]
    across = next(q for q in quotes if "reopen the bridge" in q.text)
    assert across.parts and "engineers are confident" in text[across.parts[0][0]:across.parts[0][1]]
    partial = [q for q in quotes if q.kind == "partial"]
    assert partial and any(q.parts for q in partial)
    assert any("a fantasy" in text[a:b] for q in partial for a, b in q.parts)


def test_other_mark_conventions_are_quotations(analysed) -> None:
    text, quotes = analysed[2]
    said = {spoken_text(text, q).strip(" ,.") for q in quotes}
    assert "We are staying the course" in {s.rstrip(".") for s in said}
    assert "That is not how it works. Not at all" in said
    assert any("the talks are over" in q.text for q in quotes)


def test_signature_label_and_denial(analysed) -> None:
    text, quotes = analysed[3]
    signed = next(q for q in quotes if q.text.startswith("Prices went up"))
    assert signed.speaker is not None and signed.speaker.text == "Maria Soto"
    guest = next(q for q in quotes if q.text.startswith("Not at all"))
    assert guest.speaker is not None and guest.speaker.text == "GUEST" and guest.kind == "direct"
    denial = next(q for q in quotes if "ships were involved" in q.text)
    assert denial.negated and denial.cue == "denied"
    assert denial.as_dict()["negated"] is True and Quote.from_dict(denial.as_dict()).negated


def test_captions_and_bylines_never_speak() -> None:
    from newsloom.settings import Settings
    from newsloom.understand.nlp import build_nlp

    nlp = build_nlp(Settings.load())
    text = ("Flood waters rose overnight.\n\nBy Jane Doe, Coastal Herald\n\n"
            "“We lost the whole ground floor,” said Omar Reyes, who runs a bakery.\n\n"
            "Hide Caption 18 of 25 Photos\n\n"
            "“The pumps were switched off at midnight,” he said.\n\n"
            "Photo: Harbour Agency")
    doc = nlp.make_doc(text)
    doc._.nl_published = "2025-02-04"
    quotes = nlp(doc)._.nl_quotes
    speakers = {q.speaker.text for q in quotes if q.speaker}
    assert speakers and not any("Caption" in s or "Photo" in s or "Doe" in s for s in speakers)
    assert all("Caption" not in q.text and "Jane Doe" not in q.text for q in quotes)
    pumps = next(q for q in quotes if q.text.startswith("The pumps"))
    assert pumps.speaker is not None and pumps.speaker.actor is not None and "Reyes" in pumps.speaker.actor.name
